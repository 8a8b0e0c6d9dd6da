//! End-to-end behaviour of `Runtime::invoke` against the loopback `MockServer`: signing verified
//! by the server, headers, envelope parsing, retries, timeouts, typed errors.

mod common;

use std::time::Duration;

use common::{TestError, CREATE, DELETE, DESCRIBE, GLOBAL, SERVICE};
use serde::Deserialize;
use serde_json::{json, Value};
use tencentcloud_core::test_util::{test_credentials, MockReply, MockServer};
use tencentcloud_core::{
    Credential, Language, OperationError, RequestError, RetryPolicy, Runtime, SdkError,
    TimeoutKind, TransportErrorKind,
};

#[derive(Debug, Deserialize)]
struct DescribeOut {
    #[serde(rename = "TotalCount")]
    total_count: i64,
    #[serde(rename = "RequestId")]
    request_id: String,
}

async fn server() -> MockServer {
    MockServer::start().await.expect("mock server starts")
}

fn runtime(server: &MockServer) -> Runtime {
    let config = server
        .config_builder()
        .region("ap-guangzhou")
        .build()
        .expect("config");
    Runtime::new(config, &SERVICE)
}

async fn describe(rt: &Runtime) -> Result<DescribeOut, SdkError<TestError>> {
    rt.invoke::<_, DescribeOut, TestError>(&DESCRIBE, &json!({"Limit": 1}))
        .await
}

#[tokio::test]
async fn success_is_signed_and_carries_every_header() {
    let server = server().await;
    server.respond("DescribeInstances", json!({"TotalCount": 7}));
    let config = server
        .config_builder()
        .region("ap-guangzhou")
        .language(Language::EnUs)
        .build()
        .unwrap();
    let rt = Runtime::new(config, &SERVICE);
    let out = describe(&rt).await.unwrap();
    assert_eq!(out.total_count, 7);
    assert!(out.request_id.starts_with("mock-request-"));

    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.action, "DescribeInstances");
    assert_eq!(r.header("x-tc-version"), Some("2020-03-24"));
    assert_eq!(r.header("x-tc-region"), Some("ap-guangzhou"));
    assert_eq!(r.header("x-tc-language"), Some("en-US"));
    assert_eq!(
        r.header("x-tc-requestclient"),
        Some("tencentcloud-lighthouse/0.1.0")
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("x-tc-token"), None);
    assert_eq!(r.json(), Some(json!({"Limit": 1})));
}

#[tokio::test]
async fn error_envelope_becomes_typed_service_error() {
    let server = server().await;
    server.respond_with(
        "DescribeInstances",
        MockReply::error("InvalidParameter", "Limit is out of range"),
    );
    server.push(
        "DescribeInstances",
        MockReply::error("ResourceNotFound.Foo", "gone"),
    );
    let rt = runtime(&server);

    let err = describe(&rt).await.unwrap_err();
    let SdkError::Service(TestError::Unhandled(meta)) = &err else {
        panic!("expected an unhandled service error, got {err:?}");
    };
    assert_eq!(meta.code(), "ResourceNotFound.Foo");

    let err = describe(&rt).await.unwrap_err();
    assert!(matches!(
        err.service_error(),
        Some(TestError::InvalidParameter(_))
    ));
    assert_eq!(err.code(), Some("InvalidParameter"));
    let meta = err.service_error().unwrap().meta();
    assert_eq!(meta.message(), "Limit is out of range");
    assert!(meta.request_id().starts_with("mock-request-"));
    let shown = err.to_string();
    assert!(
        shown.contains("InvalidParameter") && shown.contains("Limit is out of range"),
        "{shown}"
    );
}

/// Sends one DELETE-like (not retry-safe) call answered by `reply` and returns its error.
async fn bad_response(reply: MockReply) -> (SdkError<TestError>, usize) {
    let server = server().await;
    server.push("TerminateInstances", reply);
    let rt = runtime(&server);
    let err = rt
        .invoke::<_, Value, TestError>(&DELETE, &json!({"InstanceIds": ["lhins-1"]}))
        .await
        .unwrap_err();
    (err, server.requests().len())
}

#[tokio::test]
async fn html_body_is_invalid_response_with_status_type_and_snippet() {
    let (err, sent) = bad_response(MockReply::html(502)).await;
    let SdkError::InvalidResponse(e) = &err else {
        panic!("expected InvalidResponse, got {err:?}");
    };
    assert_eq!(e.status(), 502);
    assert_eq!(e.content_type(), "text/html");
    assert!(e.snippet().starts_with("<html>"));
    assert!(err.to_string().contains("HTTP 502"), "{err}");
    assert_eq!(sent, 1, "not retry safe: a single attempt");
}

#[tokio::test]
async fn empty_body_is_invalid_response() {
    let (err, _) = bad_response(MockReply::empty()).await;
    let SdkError::InvalidResponse(e) = &err else {
        panic!("expected InvalidResponse, got {err:?}");
    };
    assert_eq!(e.status(), 200);
    assert_eq!(e.reason(), "empty body");
}

#[tokio::test]
async fn truncated_json_is_invalid_response() {
    let (err, _) = bad_response(MockReply::truncated_json()).await;
    let SdkError::InvalidResponse(e) = &err else {
        panic!("expected InvalidResponse, got {err:?}");
    };
    assert!(e.reason().starts_with("body is not JSON"), "{}", e.reason());
    assert!(e.snippet().contains("Instan"));
}

#[tokio::test]
async fn server_error_without_envelope_is_invalid_response() {
    let (err, _) = bad_response(MockReply::raw(503, "text/plain", "upstream connect error")).await;
    let SdkError::InvalidResponse(e) = &err else {
        panic!("expected InvalidResponse, got {err:?}");
    };
    assert_eq!(e.status(), 503);
    assert_eq!(e.snippet(), "upstream connect error");
}

#[tokio::test]
async fn json_without_response_key_is_invalid_response() {
    let (err, _) = bad_response(MockReply::raw(200, "application/json", r#"{"ok": true}"#)).await;
    let SdkError::InvalidResponse(e) = &err else {
        panic!("expected InvalidResponse, got {err:?}");
    };
    assert!(e.reason().contains("Response"), "{}", e.reason());
}

#[tokio::test]
async fn response_of_the_wrong_shape_is_invalid_response() {
    let server = server().await;
    server.respond("DescribeInstances", json!({"TotalCount": "many"}));
    let err = describe(&runtime(&server)).await.unwrap_err();
    let SdkError::InvalidResponse(e) = &err else {
        panic!("expected InvalidResponse, got {err:?}");
    };
    assert!(e.reason().contains("expected type"), "{}", e.reason());
}

#[tokio::test]
async fn throttling_is_retried_then_succeeds_with_identical_bodies() {
    let server = server().await;
    server.respond("DescribeInstances", json!({"TotalCount": 1}));
    server.throttle("DescribeInstances", 2);
    let out = describe(&runtime(&server)).await.unwrap();
    assert_eq!(out.total_count, 1);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3);
    assert!(reqs
        .iter()
        .all(|r| r.problems.is_empty() && r.body == reqs[0].body));
}

#[tokio::test]
async fn throttling_sub_codes_and_5xx_are_retried() {
    let server = server().await;
    server.respond("DescribeInstances", json!({"TotalCount": 2}));
    server.push(
        "DescribeInstances",
        MockReply::error("RequestLimitExceeded.UinLimitExceeded", "slow down"),
    );
    server.push("DescribeInstances", MockReply::html(502));
    let out = describe(&runtime(&server)).await.unwrap();
    assert_eq!(out.total_count, 2);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn retries_stop_after_max_attempts() {
    let server = server().await;
    server.respond_with("DescribeInstances", MockReply::throttled());
    let err = describe(&runtime(&server)).await.unwrap_err();
    assert_eq!(err.code(), Some("RequestLimitExceeded"));
    assert_eq!(
        server.requests().len(),
        RetryPolicy::default().max_attempts() as usize
    );
}

#[tokio::test]
async fn retried_create_after_dropped_connection_sends_the_same_client_token() {
    let server = server().await;
    server.respond("CreateInstances", json!({"InstanceIdSet": ["lhins-1"]}));
    server.push("CreateInstances", MockReply::reset());
    let rt = runtime(&server);
    let token = tencentcloud_core::new_client_token();
    let input = json!({"BundleId": "bundle_2022_gen_01", "ClientToken": token});
    let out: Value = rt
        .invoke::<_, Value, TestError>(&CREATE, &input)
        .await
        .unwrap();
    assert_eq!(out["InstanceIdSet"][0], "lhins-1");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].body, reqs[1].body);
    for r in &reqs {
        assert_eq!(r.json().unwrap()["ClientToken"], json!(token));
    }
    assert!(reqs[1].problems.is_empty(), "{:?}", reqs[1].problems);
}

#[tokio::test]
async fn non_retry_safe_calls_are_not_retried_on_internal_error() {
    let server = server().await;
    server.respond("TerminateInstances", json!({}));
    server.push(
        "TerminateInstances",
        MockReply::error("InternalError", "try again"),
    );
    let rt = runtime(&server);
    let err = rt
        .invoke::<_, Value, TestError>(&DELETE, &json!({"InstanceIds": ["lhins-1"]}))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InternalError"));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn reset_connection_is_a_transport_error() {
    let (err, sent) = bad_response(MockReply::reset()).await;
    let SdkError::Transport(e) = &err else {
        panic!("expected Transport, got {err:?}");
    };
    assert_eq!(e.kind(), TransportErrorKind::ConnectionClosed);
    assert_eq!(sent, 1);
}

#[tokio::test]
async fn slow_answer_is_a_timeout() {
    let server = server().await;
    server.push(
        "DescribeInstances",
        MockReply::delayed(
            Duration::from_secs(5),
            MockReply::success(json!({"TotalCount": 0})),
        ),
    );
    let config = server
        .config_builder()
        .region("ap-guangzhou")
        .timeout(Duration::from_millis(200))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = describe(&Runtime::new(config, &SERVICE)).await.unwrap_err();
    let SdkError::Timeout(t) = &err else {
        panic!("expected Timeout, got {err:?}");
    };
    assert_eq!(t.kind(), TimeoutKind::Total);
    assert_eq!(t.after(), Some(Duration::from_millis(200)));
}

#[tokio::test]
async fn refused_connection_is_a_transport_error() {
    // Bind then drop a listener to get a port nobody listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let config = tencentcloud_core::Config::builder()
        .credentials(test_credentials())
        .endpoint(format!("http://127.0.0.1:{port}"))
        .allow_http(true)
        .region("ap-guangzhou")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = describe(&Runtime::new(config, &SERVICE)).await.unwrap_err();
    let SdkError::Transport(e) = &err else {
        panic!("expected Transport, got {err:?}");
    };
    assert_eq!(e.kind(), TransportErrorKind::Connect);
}

#[tokio::test]
async fn missing_required_region_is_refused_before_sending() {
    let server = server().await;
    let rt = Runtime::new(server.config_builder().build().unwrap(), &SERVICE);
    let err = describe(&rt).await.unwrap_err();
    assert!(matches!(
        err,
        SdkError::InvalidRequest(RequestError::MissingRegion {
            action: "DescribeInstances"
        })
    ));
    assert!(err.to_string().contains("Region"), "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn region_is_not_sent_for_actions_without_one() {
    let server = server().await;
    server.respond("DescribeRegions", json!({"RegionSet": []}));
    let rt = runtime(&server);
    rt.invoke::<_, Value, TestError>(&GLOBAL, &json!({}))
        .await
        .unwrap();
    assert_eq!(server.requests()[0].header("x-tc-region"), None);
}

#[tokio::test]
async fn oversized_request_is_refused_before_sending() {
    let server = server().await;
    let config = server
        .config_builder()
        .region("ap-guangzhou")
        .max_request_bytes(32)
        .build()
        .unwrap();
    let rt = Runtime::new(config, &SERVICE);
    let err = rt
        .invoke::<_, Value, TestError>(&DESCRIBE, &json!({"Filters": "x".repeat(64)}))
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        SdkError::InvalidRequest(RequestError::BodyTooLarge { limit: 32, .. })
    ));
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn oversized_response_is_invalid_response() {
    let server = server().await;
    server.respond(
        "DescribeInstances",
        json!({"TotalCount": 1, "Pad": "y".repeat(4096)}),
    );
    let config = server
        .config_builder()
        .region("ap-guangzhou")
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = describe(&Runtime::new(config, &SERVICE)).await.unwrap_err();
    let SdkError::InvalidResponse(e) = &err else {
        panic!("expected InvalidResponse, got {err:?}");
    };
    assert!(e.reason().contains("1024-byte limit"), "{}", e.reason());
}

#[tokio::test]
async fn wrong_secret_key_is_rejected_by_the_mock_with_signature_failure() {
    let server = server().await;
    server.respond("DescribeInstances", json!({"TotalCount": 1}));
    let config = server
        .config_builder()
        .region("ap-guangzhou")
        .credentials(Credential::new(
            test_credentials().secret_id(),
            "not-the-right-key",
        ))
        .build()
        .unwrap();
    let err = describe(&Runtime::new(config, &SERVICE)).await.unwrap_err();
    assert_eq!(err.code(), Some("AuthFailure.SignatureFailure"));
    assert_eq!(server.requests()[0].problems.len(), 1);
}

#[tokio::test]
async fn session_token_is_sent_and_verified() {
    let cred = test_credentials().with_token("temporary-session-token");
    let server = MockServer::start_with(cred).await.unwrap();
    server.respond("DescribeInstances", json!({"TotalCount": 3}));
    assert_eq!(describe(&runtime(&server)).await.unwrap().total_count, 3);
    let r = &server.requests()[0];
    assert_eq!(r.header("x-tc-token"), Some("temporary-session-token"));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn endpoint_resolution_prefers_custom_then_regional_then_default() {
    let cfg = |region: Option<&str>, endpoint: Option<&str>| {
        let mut b = tencentcloud_core::Config::builder().credentials(test_credentials());
        if let Some(r) = region {
            b = b.region(r);
        }
        if let Some(e) = endpoint {
            b = b.endpoint(e);
        }
        b.build().unwrap()
    };
    let url = |c| Runtime::new(c, &SERVICE).url().to_owned();
    assert_eq!(
        url(cfg(None, None)),
        "https://lighthouse.tencentcloudapi.com/"
    );
    assert_eq!(
        url(cfg(Some("ap-shanghai"), None)),
        "https://lighthouse.ap-shanghai.tencentcloudapi.com/"
    );
    assert_eq!(
        url(cfg(Some("eu-frankfurt"), None)),
        "https://lighthouse.tencentcloudapi.com/"
    );
    assert_eq!(
        url(cfg(Some("ap-shanghai"), Some("lighthouse.internal:8443"))),
        "https://lighthouse.internal:8443/"
    );
}

#[tokio::test]
async fn a_rejected_request_does_not_consume_a_queued_reply() {
    let server = server().await;
    server.push(
        "DescribeInstances",
        MockReply::success(json!({"TotalCount": 9})),
    );
    let bad = server
        .config_builder()
        .region("ap-guangzhou")
        .credentials(Credential::new(test_credentials().secret_id(), "wrong"))
        .build()
        .unwrap();
    let err = describe(&Runtime::new(bad, &SERVICE)).await.unwrap_err();
    assert_eq!(err.code(), Some("AuthFailure.SignatureFailure"));
    assert_eq!(describe(&runtime(&server)).await.unwrap().total_count, 9);
}

#[tokio::test]
async fn optional_region_is_sent_only_when_configured() {
    static OPTIONAL: tencentcloud_core::OperationMeta = tencentcloud_core::OperationMeta {
        action: "DescribeZones",
        retry_safe: true,
        region: tencentcloud_core::RegionRequirement::Optional,
    };
    let server = server().await;
    server.respond("DescribeZones", json!({"ZoneSet": []}));
    let without = Runtime::new(server.config_builder().build().unwrap(), &SERVICE);
    without
        .invoke::<_, Value, TestError>(&OPTIONAL, &json!({}))
        .await
        .unwrap();
    runtime(&server)
        .invoke::<_, Value, TestError>(&OPTIONAL, &json!({}))
        .await
        .unwrap();
    let reqs = server.requests();
    assert_eq!(reqs[0].header("x-tc-region"), None);
    assert_eq!(reqs[1].header("x-tc-region"), Some("ap-guangzhou"));
}
