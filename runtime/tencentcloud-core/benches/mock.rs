//! What a scripted mock costs per request, without the client around it: `MockTransport`
//! answering a 100-instance (~100 KB) `DescribeInstances` reply, from a plain `respond` rule
//! and from a rule with a body predicate. Replies are rendered to bytes when configured, so an
//! answer is a copy of the body plus the request's record.
//!
//! Run: `cargo bench -p tencentcloud-core --bench mock`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::{json, Value};
use tencentcloud_core::test_util::MockTransport;
use tencentcloud_core::{HttpRequest, Transport};

/// A `DescribeInstances` response with 100 instances of about 1 KB each.
fn hundred_instances() -> Value {
    let instance = json!({
        "InstanceId": "lhins-12345678", "BundleId": "bundle_starter_mc_promo_med2_02",
        "BlueprintId": "lhbp-f1lkcd41", "CPU": 2, "Memory": 4, "InstanceName": "web-server",
        "InstanceChargeType": "PREPAID", "PrivateAddresses": ["10.0.0.2"],
        "PublicAddresses": ["203.0.113.7"], "InstanceState": "RUNNING", "LatestOperation":
        "StartInstances", "LatestOperationState": "SUCCESS", "LatestOperationRequestId":
        "3f3c1a1e-0000-4000-8000-000000000000", "CreatedTime": "2026-01-01T00:00:00Z",
        "OsName": "Ubuntu Server 22.04 LTS 64bit", "Zone": "ap-guangzhou-3",
        "Tags": [{"Key": "env", "Value": "prod"}], "Padding": "x".repeat(600),
    });
    json!({"TotalCount": 100, "InstanceSet": vec![instance; 100]})
}

fn request() -> HttpRequest {
    HttpRequest {
        method: "POST".into(),
        url: "https://lighthouse.tencentcloudapi.com/".into(),
        headers: vec![
            ("X-TC-Action".into(), "DescribeInstances".into()),
            (
                "Authorization".into(),
                "TC3-HMAC-SHA256 Credential=...".into(),
            ),
        ],
        body: br#"{"Limit":100,"Offset":0}"#.to_vec(),
    }
}

fn bench_mock(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let mut group = c.benchmark_group("mock_transport_100_instances");
    group.throughput(Throughput::Elements(1));
    let plain = MockTransport::new();
    plain.respond("DescribeInstances", hundred_instances());
    let matched = MockTransport::new();
    matched
        .on("DescribeInstances")
        .body(|body| body["Limit"] == 100)
        .respond(hundred_instances());
    for (name, mock) in [("respond", plain), ("body_predicate", matched)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let response = rt.block_on(mock.send(request())).expect("answered");
                assert!(response.body.len() > 90_000);
                mock.clear_requests();
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_mock);
criterion_main!(benches);
