//! `DescribeInstances` through the generated `tencentcloud-lighthouse` client with a
//! 100-instance response (the documented example instance repeated):
//!
//! - `client_cpu_per_call`: serialize, sign, parse the envelope and deserialize 100 typed
//!   instances, with the in-process `MockTransport` (no network): the client's CPU per call.
//! - `mock_server_loopback`: full calls against the `MockServer` on 127.0.0.1 (which verifies
//!   every signature), one at a time and 8 in flight: calls per second on loopback.
//!
//! Run: `cargo bench -p sdk-bench`.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::Value;
use tencentcloud_core::test_util::{test_credentials, MockServer, MockTransport};
use tencentcloud_core::Config;
use tencentcloud_lighthouse::{Client, DescribeInstancesResponse};

const INSTANCES: usize = 100;

/// The documented `DescribeInstances` output with its instance repeated `INSTANCES` times.
fn hundred_instances() -> Value {
    let spec: Value =
        serde_json::from_str(include_str!("../../../spec/lighthouse/2020-03-24.json"))
            .expect("the lighthouse spec is JSON");
    let action = spec["actions"]
        .as_array()
        .and_then(|a| a.iter().find(|a| a["name"] == "DescribeInstances"))
        .expect("DescribeInstances is in the spec");
    let mut output = action["examples"][0]["output"].clone();
    let instance = output["InstanceSet"][0].clone();
    assert!(instance.is_object(), "the example has an instance");
    output["InstanceSet"] = Value::Array(vec![instance; INSTANCES]);
    output["TotalCount"] = Value::from(INSTANCES);
    output
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime")
}

fn client_cpu_per_call(c: &mut Criterion) {
    let rt = runtime();
    let transport = Arc::new(MockTransport::new());
    transport.respond("DescribeInstances", hundred_instances());
    let config = Config::builder()
        .credentials(test_credentials())
        .region("ap-guangzhou")
        .transport(transport)
        .build()
        .expect("config");
    let client = Client::new(config);
    let mut group = c.benchmark_group("describe_instances_100");
    group.throughput(Throughput::Elements(1));
    let body = serde_json::to_vec(&hundred_instances()).expect("body");
    group.bench_function("deserialize_response_only", |b| {
        b.iter(|| {
            let response: DescribeInstancesResponse =
                serde_json::from_slice(&body).expect("deserializes");
            assert_eq!(response.instance_set.len(), INSTANCES);
        })
    });
    group.bench_function("client_cpu_per_call", |b| {
        b.iter(|| {
            let response = rt
                .block_on(client.describe_instances().limit(100).send())
                .expect("call succeeds");
            assert_eq!(response.instance_set.len(), INSTANCES);
        })
    });
    group.finish();
}

fn mock_server_loopback(c: &mut Criterion) {
    let rt = runtime();
    let server = rt.block_on(MockServer::start()).expect("mock server");
    server.respond("DescribeInstances", hundred_instances());
    let config = server
        .config_builder()
        .region("ap-guangzhou")
        .build()
        .expect("config");
    let client = Client::new(config);
    let mut group = c.benchmark_group("describe_instances_100_loopback");
    group.throughput(Throughput::Elements(1));
    group.bench_function("sequential", |b| {
        b.iter(|| {
            rt.block_on(client.describe_instances().send())
                .expect("call succeeds")
        })
    });
    const IN_FLIGHT: u64 = 8;
    group.throughput(Throughput::Elements(IN_FLIGHT));
    group.bench_function("8_in_flight", |b| {
        b.iter(|| {
            rt.block_on(async {
                let calls = (0..IN_FLIGHT).map(|_| {
                    let client = client.clone();
                    tokio::spawn(async move { client.describe_instances().send().await })
                });
                for call in calls.collect::<Vec<_>>() {
                    call.await.expect("task").expect("call succeeds");
                }
            })
        })
    });
    group.finish();
}

criterion_group!(benches, client_cpu_per_call, mock_server_loopback);
criterion_main!(benches);
