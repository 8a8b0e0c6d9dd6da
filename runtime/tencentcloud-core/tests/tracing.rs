//! Every call is traced (service, action, region, attempt, request id) and no secret reaches
//! any log line, even at TRACE level with a failing, retried call.

use std::io::Write;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use tencentcloud_core::test_util::{MockReply, MockServer, TEST_SECRET_ID, TEST_SECRET_KEY};
use tencentcloud_core::{Credential, OperationMeta, RegionRequirement, Runtime, ServiceMeta};

mod common;
use common::TestError;

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

static SERVICE: ServiceMeta = ServiceMeta {
    service: "lighthouse",
    version: "2020-03-24",
    endpoint: "lighthouse.tencentcloudapi.com",
    regional_endpoints: &[],
    crate_name: "tencentcloud-lighthouse",
    crate_version: "0.1.0",
};

static OP: OperationMeta = OperationMeta {
    action: "DescribeBundles",
    retry_safe: true,
    region: RegionRequirement::Required,
};

#[tokio::test]
async fn spans_carry_call_facts_and_no_secret() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let token = "SESSION-TOKEN-MUST-NOT-LEAK";
    let cred = Credential::new(TEST_SECRET_ID, TEST_SECRET_KEY).with_token(token);
    let server = MockServer::start_with(cred.clone()).await.unwrap();
    server.push("DescribeBundles", MockReply::throttled());
    server.respond("DescribeBundles", json!({"BundleSet": []}));
    let config = server
        .config_builder()
        .credentials(cred)
        .region("ap-singapore")
        .build()
        .unwrap();
    Runtime::new(config, &SERVICE)
        .invoke::<_, Value, TestError>(&OP, &json!({}))
        .await
        .unwrap();

    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "tencentcloud.call",
        "service=\"lighthouse\"",
        "action=\"DescribeBundles\"",
        "region=\"ap-singapore\"",
        "attempt=1",
        "RequestLimitExceeded",
        "request_id=\"mock-request-1\"",
        "request_id=\"mock-request-2\"",
        "attempt=2",
    ] {
        assert!(log.contains(expected), "missing {expected} in:\n{log}");
    }
    assert!(!log.contains(TEST_SECRET_KEY), "{log}");
    assert!(!log.contains(token), "{log}");
    assert!(!log.contains("Signature="), "{log}");
}
