//! Secrets stay out of Debug output and error messages, test utilities included.

mod common;

use common::{TestError, DESCRIBE, SERVICE};
use serde_json::{json, Value};
use tencentcloud_core::test_util::{MockServer, MockTransport, TEST_SECRET_ID, TEST_SECRET_KEY};
use tencentcloud_core::{Credential, Runtime};

const TOKEN: &str = "SESSION-TOKEN-THAT-MUST-NOT-LEAK";

#[tokio::test]
async fn mock_server_recorded_requests_hide_token_and_signature() {
    let credential = Credential::new(TEST_SECRET_ID, TEST_SECRET_KEY).with_token(TOKEN);
    let server = MockServer::start_with(credential.clone()).await.unwrap();
    server.respond("DescribeInstances", json!({"TotalCount": 0}));
    let config = server
        .config_builder()
        .credentials(credential)
        .region("ap-guangzhou")
        .build()
        .unwrap();
    let rt = Runtime::new(config, &SERVICE);
    rt.invoke::<_, Value, TestError>(&DESCRIBE, &json!({"Password": "hunter2-body-secret"}))
        .await
        .unwrap();
    let recorded = server.requests();
    let signature = recorded[0].header("authorization").unwrap().to_owned();
    assert!(signature.contains("Signature="), "{signature}");
    let dbg = format!("{recorded:?}");
    assert!(!dbg.contains(TOKEN), "{dbg}");
    assert!(!dbg.contains(&signature), "{dbg}");
    assert!(!dbg.contains("hunter2-body-secret"), "{dbg}");
    assert!(dbg.contains("DescribeInstances"), "{dbg}");
}

#[tokio::test]
async fn mock_transport_recorded_requests_hide_token_and_signature() {
    let mock = MockTransport::new();
    mock.respond("DescribeInstances", json!({"TotalCount": 0}));
    let config = tencentcloud_core::Config::builder()
        .credentials(Credential::new("AKIDx", "key").with_token(TOKEN))
        .region("ap-guangzhou")
        .transport(std::sync::Arc::new(mock.clone()))
        .build()
        .unwrap();
    let rt = Runtime::new(config, &SERVICE);
    rt.invoke::<_, Value, TestError>(&DESCRIBE, &json!({}))
        .await
        .unwrap();
    let dbg = format!("{:#?}", mock.requests());
    assert!(!dbg.contains(TOKEN), "{dbg}");
    assert!(!dbg.contains("Signature="), "{dbg}");
}
