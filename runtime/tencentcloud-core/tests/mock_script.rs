//! The scripting methods both mocks share: the same script gives the same answers on the
//! in-process `MockTransport` and on the loopback `MockServer`.

mod common;

use std::sync::Arc;

use common::{TestError, DESCRIBE, SERVICE};
use serde::Serialize;
use serde_json::{json, Value};
use tencentcloud_core::test_util::{MockReply, MockServer, MockTransport, RecordedRequest};
use tencentcloud_core::{Config, Credential, RetryPolicy, Runtime, SdkError};

/// A typed response value, as a generated `<Action>Response` is.
#[derive(Debug, Default, Serialize)]
struct Described {
    #[serde(rename = "TotalCount")]
    total_count: i64,
    #[serde(rename = "RequestId")]
    request_id: String,
}

/// Scripts `$mock` (either kind) and checks the answers through `$runtime`.
macro_rules! check_script {
    ($mock:expr, $runtime:expr) => {{
        let mock = $mock;
        let runtime = $runtime;
        mock.respond("DescribeInstances", json!({"TotalCount": 1}));
        mock.on("DescribeInstances")
            .body(|body| body["Limit"] == 7)
            .respond(Described {
                total_count: 7,
                ..Described::default()
            });
        mock.on("DescribeInstances")
            .matching(|request| request.json().is_some_and(|b| b["Limit"] == 9))
            .respond_fn(|request: &RecordedRequest| {
                let limit = request.json().map_or(Value::Null, |b| b["Limit"].clone());
                MockReply::success(json!({ "TotalCount": limit }))
            });
        mock.push("DescribeInstances", MockReply::error("InvalidParameter", "first"));
        let call = |body: Value| {
            let runtime = runtime.clone();
            async move {
                runtime
                    .invoke::<_, Value, TestError>(&DESCRIBE, &body)
                    .await
            }
        };
        let first = call(json!({"Limit": 7})).await.unwrap_err();
        assert_eq!(first.code(), Some("InvalidParameter"), "a one-shot reply answers first");
        let typed = call(json!({"Limit": 7})).await.unwrap();
        assert_eq!(typed["TotalCount"], 7, "matched by a predicate over the body");
        let id = typed["RequestId"].as_str().unwrap_or_default();
        assert!(id.starts_with("mock-request-"), "an empty RequestId is the mock's: {id}");
        let computed = call(json!({"Limit": 9})).await.unwrap();
        assert_eq!(computed["TotalCount"], 9, "computed by the closure");
        let plain = call(json!({"Limit": 1})).await.unwrap();
        assert_eq!(plain["TotalCount"], 1, "the rule without a condition answers the rest");
        assert_eq!(mock.requests().len(), 4);
        assert_eq!(mock.requests_for("DescribeInstances").len(), 4);
        assert!(mock.requests_for("CreateInstances").is_empty());
        assert_eq!(first.request_id(), Some("mock-request-1"));
        mock.clear();
        assert!(mock.requests().is_empty());
        let after = call(json!({"Limit": 7})).await.unwrap_err();
        assert_eq!(after.code(), Some("InvalidAction"), "clear forgets the rules");
    }};
}

#[tokio::test]
async fn the_transport_answers_by_action_body_predicate_closure_and_typed_value() {
    let mock = MockTransport::new();
    let config = Config::builder()
        .credentials(Credential::new("AKIDunit", "unit-secret"))
        .region("ap-guangzhou")
        .retry(RetryPolicy::none())
        .transport(Arc::new(mock.clone()))
        .build()
        .unwrap();
    check_script!(&mock, Runtime::new(config, &SERVICE));
}

#[tokio::test]
async fn the_server_answers_the_same_script_the_same_way() {
    let server = MockServer::start().await.unwrap();
    let config = server
        .config_builder()
        .region("ap-guangzhou")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    check_script!(&server, Runtime::new(config, &SERVICE));
    assert!(server.requests().iter().all(|r| r.problems.is_empty()));
}

#[tokio::test]
async fn counted_rules_answer_in_order_then_the_rule_is_gone() {
    let mock = MockTransport::new();
    mock.respond("DescribeInstances", json!({"TotalCount": 0}));
    mock.on("DescribeInstances")
        .times(2)
        .respond(json!({"TotalCount": 2}));
    mock.throttle("DescribeInstances", 1);
    let config = Config::builder()
        .credentials(Credential::new("AKIDunit", "unit-secret"))
        .region("ap-guangzhou")
        .retry(RetryPolicy::none())
        .transport(Arc::new(mock.clone()))
        .build()
        .unwrap();
    let runtime = Runtime::new(config, &SERVICE);
    let mut totals = Vec::new();
    for _ in 0..4 {
        match runtime
            .invoke::<_, Value, TestError>(&DESCRIBE, &json!({}))
            .await
        {
            Ok(v) => totals.push(v["TotalCount"].to_string()),
            Err(SdkError::Service(e)) => totals.push(e.to_string()),
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(totals[0], "2");
    assert_eq!(totals[1], "2");
    assert!(totals[2].starts_with("RequestLimitExceeded"), "{totals:?}");
    assert_eq!(totals[3], "0");
}

#[test]
fn a_reply_keeps_a_documented_request_id_and_a_whole_envelope_as_given() {
    let kept = format!(
        "{:?}",
        MockReply::success(json!({"TotalCount": 1, "RequestId": "doc-id"}))
    );
    assert!(
        kept.contains("doc-id") && !kept.contains("<request id>"),
        "{kept}"
    );
    let whole = format!(
        "{:?}",
        MockReply::success(json!({"Response": {"RequestId": "x"}}))
    );
    assert!(
        whole.contains(r#"{\"Response\":{\"RequestId\":\"x\"}}"#),
        "{whole}"
    );
}

#[tokio::test]
async fn recorded_requests_hide_the_signature_and_the_token_in_debug() {
    let mock = MockTransport::new();
    mock.respond("DescribeInstances", json!({}));
    let config = Config::builder()
        .credentials(Credential::new("AKIDunit", "unit-secret").with_token("SECRET-TOKEN-VALUE"))
        .region("ap-guangzhou")
        .transport(Arc::new(mock.clone()))
        .build()
        .unwrap();
    Runtime::new(config, &SERVICE)
        .invoke::<_, Value, TestError>(&DESCRIBE, &json!({"Limit": 1}))
        .await
        .unwrap();
    let request = &mock.requests()[0];
    let signature = request.header("Authorization").unwrap().to_owned();
    let shown = format!("{request:?}");
    assert!(!shown.contains("SECRET-TOKEN-VALUE"), "{shown}");
    assert!(!shown.contains(&signature), "{shown}");
    assert!(
        shown.contains("DescribeInstances") && !shown.contains("Limit"),
        "{shown}"
    );
}
