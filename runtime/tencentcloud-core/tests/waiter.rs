//! `Waiter`: polls until the condition holds, fails on the failure condition, stops at the
//! deadline, ends on a failed call, and backs off between polls (tokio's paused clock, so
//! minutes of waiting take no time).

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{TestError, DESCRIBE, SERVICE};
use serde_json::{json, Value};
use tencentcloud_core::test_util::{MockReply, MockTransport};
use tencentcloud_core::{
    CallOptions, Config, Credential, RequestError, RetryPolicy, Runtime, SdkError, WaitError,
    WaitErrorKind, WaitFailure, Waiter,
};

fn runtime(mock: &MockTransport) -> Runtime {
    let config = Config::builder()
        .credentials(Credential::new("AKIDunit", "unit-secret"))
        .region("ap-guangzhou")
        .retry(RetryPolicy::none())
        .transport(Arc::new(mock.clone()))
        .build()
        .unwrap();
    Runtime::new(config, &SERVICE)
}

/// One instance in `state`.
fn instance(state: &str) -> Value {
    json!({"TotalCount": 1, "InstanceSet": [{"InstanceId": "lhins-1", "InstanceState": state}]})
}

fn state_is(state: &'static str) -> impl Fn(&Value) -> bool + Send + Sync + 'static {
    move |r: &Value| r["InstanceSet"][0]["InstanceState"] == state
}

fn waiter(mock: &MockTransport) -> Waiter<Value, TestError> {
    Waiter::new(
        runtime(mock),
        &DESCRIBE,
        json!({"InstanceIds": ["lhins-1"]}),
        CallOptions::new(),
        state_is("RUNNING"),
    )
}

#[tokio::test(start_paused = true)]
async fn polls_until_the_instance_is_running() {
    let mock = MockTransport::new();
    mock.push("DescribeInstances", MockReply::success(instance("PENDING")))
        .push("DescribeInstances", MockReply::success(instance("PENDING")))
        .respond("DescribeInstances", instance("RUNNING"));
    let started = tokio::time::Instant::now();
    let running = waiter(&mock).await.expect("the instance becomes RUNNING");
    assert_eq!(running["InstanceSet"][0]["InstanceState"], "RUNNING");
    let requests = mock.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests
        .iter()
        .all(|r| r.json() == Some(json!({"InstanceIds": ["lhins-1"]}))));
    // Delays of 1-2 s, then 2-4 s (jittered halves of 2 s and 4 s).
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(3) && waited <= Duration::from_secs(6),
        "{waited:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn the_failure_condition_ends_the_wait_with_its_response() {
    let mock = MockTransport::new();
    mock.push("DescribeInstances", MockReply::success(instance("PENDING")))
        .respond("DescribeInstances", instance("LAUNCH_FAILED"));
    let err = waiter(&mock)
        .fail_when(state_is("LAUNCH_FAILED"))
        .await
        .expect_err("the launch failed");
    assert_eq!(err.kind(), WaitErrorKind::Failed);
    assert!(
        matches!(err, WaitError::Failed { attempts: 2, .. }),
        "{err:?}"
    );
    assert_eq!(
        err.response()
            .map(|r| r["InstanceSet"][0]["InstanceState"].clone()),
        Some(json!("LAUNCH_FAILED"))
    );
    assert_eq!(
        err.to_string(),
        "the waiter's failure condition held (after 2 polls)"
    );
}

#[tokio::test(start_paused = true)]
async fn the_deadline_stops_the_wait_and_keeps_the_last_response() {
    let mock = MockTransport::new();
    mock.respond("DescribeInstances", instance("PENDING"));
    let started = tokio::time::Instant::now();
    let err = waiter(&mock)
        .timeout(Duration::from_secs(60))
        .delays(Duration::from_secs(4), Duration::from_secs(8))
        .await
        .expect_err("never RUNNING");
    assert!(started.elapsed() <= Duration::from_secs(60));
    let WaitError::TimedOut { attempts, last, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(
        *attempts >= 8,
        "polled every 4-8 s for a minute: {attempts}"
    );
    assert_eq!(
        last.as_ref()
            .map(|r| r["InstanceSet"][0]["InstanceState"].clone()),
        Some(json!("PENDING"))
    );
    assert!(matches!(
        err.into_call_error(),
        Ok(WaitFailure::TimedOut { .. })
    ));
}

#[tokio::test(start_paused = true)]
async fn a_hung_poll_cannot_outlast_the_deadline() {
    let mock = MockTransport::new();
    mock.respond_with(
        "DescribeInstances",
        MockReply::delayed(
            Duration::from_secs(3600),
            MockReply::success(instance("RUNNING")),
        ),
    );
    let started = tokio::time::Instant::now();
    let err = waiter(&mock)
        .timeout(Duration::from_secs(30))
        .await
        .expect_err("the poll hangs");
    assert_eq!(err.kind(), WaitErrorKind::TimedOut);
    assert!(
        started.elapsed() <= Duration::from_secs(31),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(start_paused = true)]
async fn a_failed_poll_ends_the_wait_unless_it_is_accepted() {
    let mock = MockTransport::new();
    mock.push(
        "DescribeInstances",
        MockReply::error("ResourceNotFound.InstanceIdNotFound", "not yet visible"),
    )
    .respond("DescribeInstances", instance("RUNNING"));
    let err = waiter(&mock).await.expect_err("the first poll fails");
    let call = err.call_error().expect("a failed call");
    assert_eq!(call.code(), Some("ResourceNotFound.InstanceIdNotFound"));
    assert_eq!(
        err.to_string(),
        "ResourceNotFound.InstanceIdNotFound: not yet visible (request id mock-request-1)"
    );

    let mock = MockTransport::new();
    mock.push(
        "DescribeInstances",
        MockReply::error("ResourceNotFound.InstanceIdNotFound", "not yet visible"),
    )
    .respond("DescribeInstances", instance("RUNNING"));
    let running = waiter(&mock)
        .retry_on_error(|e| e.code().is_some_and(|c| c.starts_with("ResourceNotFound")))
        .await
        .expect("the not-found answer is polled past");
    assert_eq!(running["InstanceSet"][0]["InstanceState"], "RUNNING");
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn a_refused_request_ends_the_wait_at_once() {
    let waiter: Waiter<Value, TestError> = Waiter::refused(SdkError::InvalidRequest(
        RequestError::MissingField("InstanceIds"),
    ));
    let err = waiter.wait().await.expect_err("refused");
    assert!(matches!(
        err.call_error(),
        Some(SdkError::InvalidRequest(RequestError::MissingField(
            "InstanceIds"
        )))
    ));
}

#[test]
fn a_waiter_future_is_send() {
    fn send<T: Send>(_: &T) {}
    let mock = MockTransport::new();
    let future = std::future::IntoFuture::into_future(waiter(&mock));
    send(&future);
}
