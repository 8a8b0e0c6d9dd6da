//! Client-side CPU per call spent in the runtime (TC3 signing, parsing a success envelope) and
//! a full call against the loopback mock server.
//!
//! Run: `cargo bench -p tencentcloud-core --bench signing`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde::Deserialize;
use serde_json::json;
use tencentcloud_core::envelope::{parse_response, Parsed};
use tencentcloud_core::sign::{sign, SigningInput};
use tencentcloud_core::test_util::MockServer;
use tencentcloud_core::{
    Credential, HttpResponse, OperationError, OperationMeta, RegionRequirement, Runtime,
    ServiceError, ServiceMeta,
};

fn bench_sign(c: &mut Criterion) {
    let cred = Credential::new("AKIDEXAMPLE", "SecretKeyExample");
    let small = br#"{"Limit": 1, "Filters": [{"Values": ["web"], "Name": "instance-name"}]}"#;
    let large = vec![b'x'; 64 * 1024];
    let mut group = c.benchmark_group("sign");
    for (name, payload) in [("small_body", &small[..]), ("64KiB_body", &large[..])] {
        group.throughput(Throughput::Bytes(payload.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                sign(black_box(&SigningInput {
                    method: "POST",
                    host: "lighthouse.tencentcloudapi.com",
                    content_type: "application/json",
                    query: "",
                    payload,
                    timestamp: 1_700_000_000,
                    service: "lighthouse",
                    action: Some("DescribeInstances"),
                    credential: &cred,
                }))
            })
        });
    }
    group.finish();
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Instance {
    #[serde(rename = "InstanceId")]
    instance_id: String,
    #[serde(rename = "InstanceName")]
    instance_name: String,
    #[serde(rename = "CPU")]
    cpu: i64,
    #[serde(rename = "Memory")]
    memory: i64,
    #[serde(rename = "PrivateAddresses")]
    private_addresses: Vec<String>,
    #[serde(rename = "InstanceState")]
    state: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Out {
    #[serde(rename = "TotalCount")]
    total_count: i64,
    #[serde(rename = "InstanceSet")]
    instances: Vec<Instance>,
}

fn bench_parse(c: &mut Criterion) {
    let instances: Vec<_> = (0..100)
        .map(|i| {
            json!({
                "InstanceId": format!("lhins-{i:08}"), "InstanceName": format!("web-{i}"),
                "CPU": 2, "Memory": 4, "PrivateAddresses": [format!("10.0.0.{i}")],
                "InstanceState": "RUNNING", "Zone": "ap-guangzhou-3",
                "CreatedTime": "2024-01-01T00:00:00Z"
            })
        })
        .collect();
    let body = json!({"Response": {"TotalCount": 100, "InstanceSet": instances, "RequestId": "r"}})
        .to_string()
        .into_bytes();
    let response = HttpResponse {
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: body.into(),
    };
    let mut group = c.benchmark_group("parse_envelope");
    group.throughput(Throughput::Bytes(response.body.len() as u64));
    group.bench_function("100_instances", |b| {
        b.iter(
            || match parse_response::<Out>(black_box(response.clone()), usize::MAX) {
                Parsed::Success(out, _) => out.total_count,
                _ => -1,
            },
        )
    });
    group.finish();
}

#[derive(Debug)]
struct BenchError(ServiceError);

impl std::fmt::Display for BenchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for BenchError {}

impl OperationError for BenchError {
    fn from_service_error(err: ServiceError) -> Self {
        BenchError(err)
    }
    fn meta(&self) -> &ServiceError {
        &self.0
    }
}

static SERVICE: ServiceMeta = ServiceMeta {
    service: "lighthouse",
    version: "2020-03-24",
    endpoint: "lighthouse.tencentcloudapi.com",
    regional_endpoints: &[],
    crate_name: "bench",
    crate_version: "0",
};

static DESCRIBE: OperationMeta = OperationMeta {
    action: "DescribeInstances",
    retry_safe: true,
    region: RegionRequirement::Required,
};

/// One full call (serialize, sign, HTTP/1.1 keep-alive round trip on loopback, server-side
/// signature check, envelope parse) against the mock server: the inverse is calls per second.
fn bench_mock_roundtrip(c: &mut Criterion) {
    let Ok(rt) = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
    else {
        return;
    };
    let Ok(server) = rt.block_on(MockServer::start()) else {
        return;
    };
    server.respond(
        "DescribeInstances",
        json!({"TotalCount": 0, "InstanceSet": []}),
    );
    let Ok(config) = server.config_builder().region("ap-guangzhou").build() else {
        return;
    };
    let runtime = Runtime::new(config, &SERVICE);
    let input = json!({"Limit": 1});
    c.bench_function("mock_server_call", |b| {
        b.iter(|| {
            rt.block_on(runtime.invoke::<_, serde_json::Value, BenchError>(&DESCRIBE, &input))
                .is_ok()
        })
    });
}

criterion_group!(benches, bench_sign, bench_parse, bench_mock_roundtrip);
criterion_main!(benches);
