//! Client-side CPU per call spent in the runtime: TC3 signing, and parsing a success envelope.
//!
//! Run: `cargo bench -p tencentcloud-core --bench signing`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde::Deserialize;
use serde_json::json;
use tencentcloud_core::envelope::{parse_response, Parsed};
use tencentcloud_core::sign::{sign, SigningInput};
use tencentcloud_core::{Credential, HttpResponse};

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
        body,
    };
    let mut group = c.benchmark_group("parse_envelope");
    group.throughput(Throughput::Bytes(response.body.len() as u64));
    group.bench_function("100_instances", |b| {
        b.iter(
            || match parse_response::<Out>(black_box(&response), usize::MAX) {
                Parsed::Success(out, _) => out.total_count,
                _ => -1,
            },
        )
    });
    group.finish();
}

criterion_group!(benches, bench_sign, bench_parse);
criterion_main!(benches);
