//! Call behaviour against the loopback `MockServer`: retry classes by error kind, the
//! operation deadline, per-call overrides and a credentials provider that never answers.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{TestError, DELETE, DESCRIBE, SERVICE};
use serde_json::{json, Value};
use tencentcloud_core::test_util::{test_credentials, MockReply, MockServer};
use tencentcloud_core::{
    BoxFuture, CallOptions, Credential, CredentialsError, ProvideCredentials, RequestError,
    RetryPolicy, Runtime, SdkError, TimeoutKind,
};

async fn server() -> MockServer {
    MockServer::start().await.expect("mock server starts")
}

fn runtime(server: &MockServer) -> Runtime {
    let config = server
        .config_builder()
        .region("ap-guangzhou")
        .build()
        .unwrap();
    Runtime::new(config, &SERVICE)
}

async fn terminate(rt: &Runtime) -> Result<Value, SdkError<TestError>> {
    rt.invoke::<_, Value, TestError>(&DELETE, &json!({"InstanceIds": ["lhins-1"]}))
        .await
}

#[tokio::test]
async fn throttling_is_retried_even_for_changing_actions() {
    let server = server().await;
    server.respond("TerminateInstances", json!({}));
    server.throttle("TerminateInstances", 2);
    let out = terminate(&runtime(&server)).await.unwrap();
    assert!(out["RequestId"].is_string());
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn throttling_sub_codes_are_retried_for_changing_actions() {
    let server = server().await;
    server.respond("TerminateInstances", json!({}));
    server.push(
        "TerminateInstances",
        MockReply::error("RequestLimitExceeded.UinLimitExceeded", "slow down"),
    );
    terminate(&runtime(&server)).await.unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn five_hundred_and_resets_are_not_retried_for_changing_actions() {
    for reply in [MockReply::html(502), MockReply::reset()] {
        let server = server().await;
        server.respond("TerminateInstances", json!({}));
        server.push("TerminateInstances", reply.clone());
        terminate(&runtime(&server)).await.unwrap_err();
        assert_eq!(server.requests().len(), 1, "{reply:?}");
    }
}

#[tokio::test]
async fn five_hundred_and_resets_are_retried_for_read_only_actions() {
    for reply in [MockReply::html(502), MockReply::reset()] {
        let server = server().await;
        server.respond("DescribeInstances", json!({"TotalCount": 0}));
        server.push("DescribeInstances", reply.clone());
        let rt = runtime(&server);
        rt.invoke::<_, Value, TestError>(&DESCRIBE, &json!({}))
            .await
            .unwrap();
        assert_eq!(server.requests().len(), 2, "{reply:?}");
    }
}

#[tokio::test]
async fn operation_deadline_bounds_all_attempts() {
    let server = server().await;
    server.respond_with(
        "DescribeInstances",
        MockReply::delayed(Duration::from_secs(30), MockReply::success(json!({}))),
    );
    let config = server
        .config_builder()
        .region("ap-guangzhou")
        .timeout(Duration::from_millis(400))
        .operation_timeout(Duration::from_millis(700))
        .retry(
            RetryPolicy::new()
                .with_max_attempts(10)
                .with_base_delay(Duration::ZERO),
        )
        .build()
        .unwrap();
    let rt = Runtime::new(config, &SERVICE);
    let started = Instant::now();
    let err = rt
        .invoke::<_, Value, TestError>(&DESCRIBE, &json!({}))
        .await
        .unwrap_err();
    let SdkError::Timeout(t) = &err else {
        panic!("expected a timeout, got {err:?}");
    };
    assert_eq!(t.kind(), TimeoutKind::Operation);
    assert_eq!(t.after(), Some(Duration::from_millis(700)));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn default_operation_deadline_is_documented_value() {
    let server = server().await;
    let config = server.config_builder().build().unwrap();
    assert_eq!(
        config.operation_timeout(),
        tencentcloud_core::config::DEFAULT_OPERATION_TIMEOUT
    );
    assert!(config.operation_timeout() < config.timeout() * config.retry_policy().max_attempts());
}

#[tokio::test]
async fn call_options_override_timeout_retry_and_region() {
    let server = server().await;
    server.respond("DescribeInstances", json!({"TotalCount": 1}));
    server.push(
        "DescribeInstances",
        MockReply::delayed(Duration::from_secs(30), MockReply::success(json!({}))),
    );
    let rt = runtime(&server);
    let options = CallOptions::new()
        .attempt_timeout(Duration::from_millis(200))
        .retry(RetryPolicy::none())
        .region("ap-singapore");
    let err = rt
        .invoke_with::<_, Value, TestError>(&DESCRIBE, &json!({}), &options)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Total),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 1, "RetryPolicy::none() sends once");
    let out = rt
        .invoke_with::<_, Value, TestError>(&DESCRIBE, &json!({}), &options)
        .await
        .unwrap();
    assert_eq!(out["TotalCount"], 1);
    let reqs = server.requests();
    assert_eq!(reqs[1].header("x-tc-region"), Some("ap-singapore"));
    assert!(reqs[1].problems.is_empty(), "{:?}", reqs[1].problems);
}

#[tokio::test]
async fn call_options_operation_timeout_overrides_the_config() {
    let server = server().await;
    server.respond_with(
        "DescribeInstances",
        MockReply::delayed(Duration::from_secs(30), MockReply::success(json!({}))),
    );
    let rt = runtime(&server);
    let options = CallOptions::new().operation_timeout(Duration::from_millis(150));
    let err = rt
        .invoke_with::<_, Value, TestError>(&DESCRIBE, &json!({}), &options)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Operation),
        "{err:?}"
    );
}

#[tokio::test]
async fn invalid_region_override_is_refused_before_sending() {
    let server = server().await;
    let rt = runtime(&server);
    let options = CallOptions::new().region("ap-guangzhou\r\nX-Evil: 1");
    let err = rt
        .invoke_with::<_, Value, TestError>(&DESCRIBE, &json!({}), &options)
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            SdkError::InvalidRequest(RequestError::InvalidRegion { .. })
        ),
        "{err:?}"
    );
    assert!(server.requests().is_empty());
}

/// A provider that never answers.
#[derive(Debug)]
struct Hung;

impl ProvideCredentials for Hung {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        Box::pin(std::future::pending())
    }
}

#[tokio::test]
async fn hung_credentials_provider_times_out_on_time_and_other_clients_are_unaffected() {
    let server = server().await;
    server.respond("DescribeInstances", json!({"TotalCount": 3}));
    let hung = Runtime::new(
        server
            .config_builder()
            .credentials(Hung)
            .region("ap-guangzhou")
            .timeout(Duration::from_millis(300))
            .build()
            .unwrap(),
        &SERVICE,
    );
    let healthy = runtime(&server);
    let started = Instant::now();
    let hung_call = {
        let hung = hung.clone();
        tokio::spawn(async move {
            hung.invoke::<_, Value, TestError>(&DESCRIBE, &json!({}))
                .await
        })
    };
    // While the hung provider is pending, other calls go through.
    for _ in 0..5 {
        let out = healthy
            .invoke::<_, Value, TestError>(&DESCRIBE, &json!({}))
            .await
            .unwrap();
        assert_eq!(out["TotalCount"], 3);
    }
    let err = hung_call.await.unwrap().unwrap_err();
    assert!(
        matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Credentials),
        "{err:?}"
    );
    assert!(err.to_string().contains("credentials"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(server.requests().len(), 5);
}

#[tokio::test]
async fn hung_provider_behind_the_shared_cache_does_not_block_a_valid_key() {
    // The cache holds a key still valid but due for refresh; the refresh hangs. Callers keep
    // using the valid key instead of queueing behind the refresh.
    let server = server().await;
    server.respond("DescribeInstances", json!({"TotalCount": 0}));
    let first = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let flag = Arc::clone(&first);
    let provider = tencentcloud_core::provide_credentials_fn(move || {
        let first = flag.swap(false, std::sync::atomic::Ordering::SeqCst);
        async move {
            if first {
                Ok(test_credentials()
                    .with_expiry(std::time::SystemTime::now() + Duration::from_secs(120)))
            } else {
                std::future::pending().await
            }
        }
    });
    let cache =
        tencentcloud_core::CachingProvider::new(provider).refresh_before(Duration::from_secs(300));
    let config = server
        .config_builder()
        .credentials(cache)
        .region("ap-guangzhou")
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let rt = Runtime::new(config, &SERVICE);
    let started = Instant::now();
    for _ in 0..3 {
        rt.invoke::<_, Value, TestError>(&DESCRIBE, &json!({}))
            .await
            .unwrap();
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_slow_refresh_outlives_a_caller_that_gave_up_and_serves_the_next_one() {
    let server = server().await;
    server.respond("DescribeInstances", json!({"TotalCount": 0}));
    let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let provider = tencentcloud_core::provide_credentials_fn(move || {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        async {
            tokio::time::sleep(Duration::from_millis(400)).await;
            Ok(test_credentials()
                .with_expiry(std::time::SystemTime::now() + Duration::from_secs(3600)))
        }
    });
    let config = server
        .config_builder()
        .credentials(tencentcloud_core::CachingProvider::new(provider))
        .region("ap-guangzhou")
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let rt = Runtime::new(config, &SERVICE);
    let err = rt
        .invoke::<_, Value, TestError>(&DESCRIBE, &json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Credentials),
        "{err:?}"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    rt.invoke::<_, Value, TestError>(&DESCRIBE, &json!({}))
        .await
        .unwrap();
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
}
