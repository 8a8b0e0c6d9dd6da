//! The lifecycle against a fake Lighthouse: `MockTransport` rules whose closures keep a little
//! state (the instances) and answer with typed responses. Tokio's paused clock makes the
//! waiters' minutes take no time.

use std::sync::{Arc, Mutex};

use serde_json::Value;
use tencentcloud_core::test_util::{MockReply, MockTransport, RecordedRequest};
use tencentcloud_lighthouse::types::Instance;
use tencentcloud_lighthouse::{
    Client, Config, CreateInstancesResponse, Credential, DescribeInstancesResponse, Error,
    WaitFailure,
};

use super::{lifecycle, running_instances, Plan};

fn plan() -> Plan {
    Plan {
        bundle_id: "bundle_starter_mc_promo_med2_02".into(),
        blueprint_id: "lhbp-f1lkcd41".into(),
        name: "lifecycle-test".into(),
        password: "Correct-Horse-9".into(),
        port: 8080,
    }
}

fn client(mock: &MockTransport) -> Client {
    let config = Config::builder()
        .credentials(Credential::new("AKIDexample", "example-secret"))
        .region("ap-guangzhou")
        .transport(Arc::new(mock.clone()))
        .build()
        .expect("config");
    Client::new(config)
}

fn instance(id: &str, state: &str) -> Instance {
    Instance {
        instance_id: id.into(),
        instance_state: state.into(),
        ..Instance::default()
    }
}

/// A fake Lighthouse: a new instance is PENDING for two polls, then `launched`; a change
/// succeeds on the poll after it is made.
fn fake_lighthouse(mock: &MockTransport, launched: &'static str) {
    let instances: Arc<Mutex<Vec<(Instance, u32)>>> = Arc::default();
    let store = Arc::clone(&instances);
    mock.respond_fn("DescribeInstances", move |request| {
        let mut all = store.lock().unwrap();
        for (instance, polls) in all.iter_mut() {
            *polls += 1;
            if *polls > 2 && instance.instance_state == "PENDING" {
                instance.instance_state = launched.into();
            }
            if instance.latest_operation_state == "OPERATING" {
                instance.latest_operation_state = "SUCCESS".into();
            }
        }
        let ids = body(request)["InstanceIds"].clone();
        let set: Vec<Instance> = all
            .iter()
            .map(|(i, _)| i.clone())
            .filter(|i| {
                ids.as_array().map_or(true, |ids| {
                    ids.contains(&Value::from(i.instance_id.clone()))
                })
            })
            .collect();
        MockReply::success(DescribeInstancesResponse {
            total_count: set.len() as i64,
            instance_set: set,
            ..Default::default()
        })
    });
    let store = Arc::clone(&instances);
    mock.respond_fn("CreateInstances", move |_| {
        store
            .lock()
            .unwrap()
            .push((instance("lhins-new", "PENDING"), 0));
        MockReply::success(CreateInstancesResponse {
            instance_id_set: vec!["lhins-new".into()],
            ..Default::default()
        })
    });
    for action in ["ResetInstancesPassword", "IsolateInstances"] {
        let store = Arc::clone(&instances);
        mock.respond_fn(action, move |_| {
            let request_id = format!("req-{action}");
            for (i, _) in store.lock().unwrap().iter_mut() {
                (i.latest_operation, i.latest_operation_state) =
                    (action.into(), "OPERATING".into());
                i.latest_operation_request_id = request_id.clone();
            }
            MockReply::success(serde_json::json!({ "RequestId": request_id }))
        });
    }
    mock.respond("CreateFirewallRules", serde_json::json!({}));
    mock.respond("TerminateInstances", serde_json::json!({}));
}

fn body(request: &RecordedRequest) -> Value {
    request.json().unwrap_or_default()
}

#[tokio::test(start_paused = true)]
async fn the_whole_lifecycle_against_a_fake_lighthouse() {
    let mock = MockTransport::new();
    fake_lighthouse(&mock, "RUNNING");
    let report = lifecycle(&client(&mock), &plan())
        .await
        .expect("the lifecycle completes");
    assert_eq!(report.created, ["lhins-new"]);
    assert_eq!(report.running_before, 0);
    assert_eq!(report.request_ids[1], "req-ResetInstancesPassword");
    assert_eq!(report.request_ids[3], "req-IsolateInstances");
    let actions: Vec<String> = mock
        .requests()
        .into_iter()
        .map(|r| r.action)
        .filter(|a| a != "DescribeInstances")
        .collect();
    let expected = [
        "CreateInstances",
        "ResetInstancesPassword",
        "CreateFirewallRules",
        "IsolateInstances",
        "TerminateInstances",
    ];
    assert_eq!(actions, expected);
    let reset = &mock.requests_for("ResetInstancesPassword")[0];
    assert_eq!(body(reset)["Password"], "Correct-Horse-9");
    let rule = &body(&mock.requests_for("CreateFirewallRules")[0])["FirewallRules"][0];
    assert_eq!(
        (rule["Protocol"].as_str(), rule["Port"].as_str()),
        (Some("TCP"), Some("8080"))
    );
    let create = body(&mock.requests_for("CreateInstances")[0]);
    assert_eq!(create["InstanceChargePrepaid"]["Period"], 1);
    assert!(
        create["ClientToken"]
            .as_str()
            .is_some_and(|t| !t.is_empty()),
        "an idempotency token is sent"
    );
}

#[tokio::test(start_paused = true)]
async fn running_instances_follows_every_page_with_the_filter() {
    let mock = MockTransport::new();
    let page = |ids: &[&str]| DescribeInstancesResponse {
        total_count: 3,
        instance_set: ids.iter().map(|id| instance(id, "RUNNING")).collect(),
        ..Default::default()
    };
    mock.push(
        "DescribeInstances",
        MockReply::success(page(&["lhins-1", "lhins-2"])),
    );
    mock.push("DescribeInstances", MockReply::success(page(&["lhins-3"])));
    let running = running_instances(&client(&mock)).await.expect("two pages");
    assert_eq!(running.len(), 3);
    let second = body(&mock.requests()[1]);
    assert_eq!(second["Offset"], 2);
    assert_eq!(
        second["Filters"],
        serde_json::json!([{"Name": "instance-state", "Values": ["RUNNING"]}])
    );
}

#[tokio::test(start_paused = true)]
async fn a_launch_failure_ends_the_wait_with_a_typed_error() {
    let mock = MockTransport::new();
    fake_lighthouse(&mock, "LAUNCH_FAILED");
    let err = lifecycle(&client(&mock), &plan())
        .await
        .expect_err("the launch fails");
    assert!(
        matches!(err, Error::Wait(WaitFailure::Failed { .. })),
        "{err:?}"
    );
    assert!(
        mock.requests_for("ResetInstancesPassword").is_empty(),
        "nothing runs after it"
    );
}

#[tokio::test(start_paused = true)]
async fn an_api_error_arrives_as_the_actions_typed_error() {
    let mock = MockTransport::new();
    fake_lighthouse(&mock, "RUNNING");
    mock.push(
        "CreateInstances",
        MockReply::error("FailedOperation.InsufficientBalance", "no money"),
    );
    let err = lifecycle(&client(&mock), &plan())
        .await
        .expect_err("no balance");
    let Error::CreateInstances(e) = &err else {
        panic!("{err:?}")
    };
    assert!(e.is_failed_operation_insufficient_balance(), "{e:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "FailedOperation.InsufficientBalance: no money (request id {})",
            e.request_id()
        )
    );
}
