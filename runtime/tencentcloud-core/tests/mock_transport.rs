//! The in-process `MockTransport`, pagination over it, and redaction of requests in Debug.

mod common;

use std::sync::Arc;

use common::{TestError, DESCRIBE, SERVICE};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tencentcloud_core::test_util::{MockReply, MockTransport};
use tencentcloud_core::{
    paginate, Config, Credential, HttpRequest, PagedRequest, PagedResponse, RetryPolicy, Runtime,
    SdkError, TransportErrorKind,
};

fn runtime(mock: &MockTransport) -> Runtime {
    let config = Config::builder()
        .credentials(Credential::new("AKIDunit", "unit-secret").with_token("unit-token"))
        .region("ap-guangzhou")
        .retry(RetryPolicy::none())
        .transport(Arc::new(mock.clone()))
        .build()
        .unwrap();
    Runtime::new(config, &SERVICE)
}

#[tokio::test]
async fn canned_response_and_recorded_request() {
    let mock = MockTransport::new();
    mock.respond("DescribeInstances", json!({"TotalCount": 4}));
    let out: Value = runtime(&mock)
        .invoke::<_, Value, TestError>(&DESCRIBE, &json!({"Offset": 0}))
        .await
        .unwrap();
    assert_eq!(out["TotalCount"], 4);
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].action, "DescribeInstances");
    assert_eq!(reqs[0].json(), Some(json!({"Offset": 0})));
    assert_eq!(reqs[0].header("X-TC-Token"), Some("unit-token"));
    assert!(reqs[0]
        .header("Authorization")
        .unwrap()
        .starts_with("TC3-HMAC-SHA256 Credential=AKIDunit/"));
}

#[tokio::test]
async fn queued_raw_and_reset_replies_come_first_in_order() {
    let mock = MockTransport::new();
    mock.respond("DescribeInstances", json!({"TotalCount": 1}));
    mock.push_any(MockReply::raw(500, "application/json", "oops"))
        .push_any(MockReply::reset());
    let rt = runtime(&mock);
    let input = json!({});
    let call = || rt.invoke::<_, Value, TestError>(&DESCRIBE, &input);
    let first = call().await.unwrap_err();
    assert!(matches!(&first, SdkError::InvalidResponse(e) if e.status() == 500));
    let second = call().await.unwrap_err();
    assert!(
        matches!(&second, SdkError::Transport(e) if e.kind() == TransportErrorKind::ConnectionClosed)
    );
    assert!(call().await.is_ok());
}

#[tokio::test]
async fn unconfigured_action_answers_invalid_action() {
    let mock = MockTransport::new();
    let err = runtime(&mock)
        .invoke::<_, Value, TestError>(&DESCRIBE, &json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidAction"));
}

#[test]
fn http_request_debug_hides_authorization_and_token() {
    let req = HttpRequest {
        method: "POST".into(),
        url: "https://x/".into(),
        headers: vec![
            (
                "Authorization".into(),
                "TC3-HMAC-SHA256 SIGNATUREVALUE".into(),
            ),
            ("X-TC-Token".into(), "TOKENVALUE".into()),
            ("X-TC-Action".into(), "DescribeInstances".into()),
        ],
        body: b"{}".to_vec(),
    };
    let dbg = format!("{req:?}");
    assert!(
        !dbg.contains("SIGNATUREVALUE") && !dbg.contains("TOKENVALUE"),
        "{dbg}"
    );
    assert!(dbg.contains("DescribeInstances"));
}

#[derive(Debug, Clone, Serialize)]
struct PageReq {
    #[serde(rename = "Offset")]
    offset: i64,
    #[serde(rename = "Limit")]
    limit: i64,
}

impl PagedRequest for PageReq {
    fn offset(&self) -> i64 {
        self.offset
    }
    fn set_offset(&mut self, offset: i64) {
        self.offset = offset;
    }
    fn limit(&self) -> Option<i64> {
        Some(self.limit)
    }
}

#[derive(Debug, Deserialize)]
struct PageResp {
    #[serde(rename = "TotalCount")]
    total_count: Option<i64>,
    #[serde(rename = "InstanceSet")]
    instances: Vec<String>,
}

impl PagedResponse for PageResp {
    type Item = String;
    fn total_count(&self) -> Option<i64> {
        self.total_count
    }
    fn items(&self) -> &[String] {
        &self.instances
    }
    fn into_items(self) -> Vec<String> {
        self.instances
    }
}

#[tokio::test]
async fn paginator_walks_offsets_until_total_count() {
    let mock = MockTransport::new();
    mock.push_any(MockReply::success(
        json!({"TotalCount": 5, "InstanceSet": ["a", "b"]}),
    ))
    .push_any(MockReply::success(
        json!({"TotalCount": 5, "InstanceSet": ["c", "d"]}),
    ))
    .push_any(MockReply::success(
        json!({"TotalCount": 5, "InstanceSet": ["e"]}),
    ))
    .push_any(MockReply::success(
        json!({"TotalCount": 5, "InstanceSet": ["never"]}),
    ));
    let first = PageReq {
        offset: 0,
        limit: 2,
    };
    let items: Vec<String> = paginate::<_, PageResp, TestError>(runtime(&mock), &DESCRIBE, first)
        .items()
        .map(|r| r.unwrap())
        .collect()
        .await;
    assert_eq!(items, ["a", "b", "c", "d", "e"]);
    let offsets: Vec<Value> = mock
        .requests()
        .iter()
        .map(|r| r.json().unwrap()["Offset"].clone())
        .collect();
    assert_eq!(offsets, [json!(0), json!(2), json!(4)]);
}

#[tokio::test]
async fn paginator_stops_on_empty_page_and_after_an_error() {
    let mock = MockTransport::new();
    mock.push_any(MockReply::success(json!({"InstanceSet": ["a"]})))
        .push_any(MockReply::success(json!({"InstanceSet": []})));
    let pages: Vec<_> = paginate::<_, PageResp, TestError>(
        runtime(&mock),
        &DESCRIBE,
        PageReq {
            offset: 0,
            limit: 1,
        },
    )
    .collect()
    .await;
    assert_eq!(pages.len(), 2);

    let mock = MockTransport::new();
    mock.push_any(MockReply::error("InvalidParameter", "bad offset"));
    let pages: Vec<_> = paginate::<_, PageResp, TestError>(
        runtime(&mock),
        &DESCRIBE,
        PageReq {
            offset: 0,
            limit: 1,
        },
    )
    .collect()
    .await;
    assert_eq!(pages.len(), 1);
    assert_eq!(
        pages[0].as_ref().unwrap_err().code(),
        Some("InvalidParameter")
    );
}

#[test]
fn invoke_future_is_send_so_calls_can_be_spawned() {
    fn assert_send<T: Send>(_: &T) {}
    let mock = MockTransport::new();
    let rt = runtime(&mock);
    let input = json!({});
    let fut = rt.invoke::<_, Value, TestError>(&DESCRIBE, &input);
    assert_send(&fut);
}
