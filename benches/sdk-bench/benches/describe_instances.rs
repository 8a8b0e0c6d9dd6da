//! `DescribeInstances` with the 100-instance (~100 KB) response, in process:
//!
//! - `decode/*`: the body bytes to the typed response: `ours` (the runtime's envelope decode,
//!   null-tolerant, error and `RequestId` read too), `plain_derive` (serde derive of the same
//!   types, nothing else: the floor), `value` (`serde_json::Value` only, no typed output).
//! - `decode_chunked_*/*`: the same decode of a body in chunks against the body in one chunk,
//!   for 100 instances (joined, then decoded from one slice) and for a body twice
//!   `STREAMING_THRESHOLD` (streamed: each chunk freed once read).
//! - `call/mock_transport`: a whole call through the generated client with the in-process
//!   `MockTransport`: serialize, sign, mock, decode (the client's CPU per call without HTTP).
//! - `loopback/*`: whole calls against `MockServer` on 127.0.0.1 (which verifies every
//!   signature), one at a time and 8 in flight.
//!
//! Run: `cargo bench -p sdk-bench --bench describe_instances`.

use std::hint::black_box;
use std::sync::Arc;

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sdk_bench::baseline::decode_plain;
use sdk_bench::fixtures::{body_of_about, describe_instances_output, large_body, LARGE_INSTANCES};
use serde_json::Value;
use tencentcloud_core::envelope::{parse_response, Parsed, STREAMING_THRESHOLD};
use tencentcloud_core::test_util::{test_credentials, MockServer, MockTransport};
use tencentcloud_core::{Config, HttpResponse};
use tencentcloud_lighthouse::{Client, DescribeInstancesResponse};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

fn decode(c: &mut Criterion) {
    let body = large_body();
    let response = HttpResponse {
        status: 200,
        headers: vec![("content-type".to_owned(), "application/json".to_owned())],
        body: body.clone().into(),
    };
    let mut group = c.benchmark_group("decode_100_instances");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("ours", |b| {
        b.iter(|| {
            match parse_response::<DescribeInstancesResponse>(
                black_box(response.clone()),
                usize::MAX,
            ) {
                Parsed::Success(r, _) => assert_eq!(r.instance_set.len(), LARGE_INSTANCES),
                other => panic!("not a success: {other:?}"),
            }
        })
    });
    group.bench_function("plain_derive", |b| {
        b.iter(|| {
            let r = decode_plain(black_box(&body)).expect("decodes");
            assert_eq!(r.instance_set.len(), LARGE_INSTANCES);
        })
    });
    group.bench_function("value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(&body)).expect("JSON"))
    });
    group.finish();
}

fn mocked_call(c: &mut Criterion) {
    let rt = runtime();
    let transport = Arc::new(MockTransport::new());
    transport.respond(
        "DescribeInstances",
        describe_instances_output(LARGE_INSTANCES),
    );
    let config = Config::builder()
        .credentials(test_credentials())
        .region("ap-guangzhou")
        .transport(transport)
        .build()
        .expect("config");
    let client = Client::new(config);
    let mut group = c.benchmark_group("call_100_instances");
    group.throughput(Throughput::Elements(1));
    group.bench_function("mock_transport", |b| {
        b.iter(|| {
            let response = rt
                .block_on(client.describe_instances().limit(100).send())
                .expect("call succeeds");
            assert_eq!(response.instance_set.len(), LARGE_INSTANCES);
        })
    });
    group.finish();
}

fn loopback(c: &mut Criterion) {
    let rt = runtime();
    let server = rt.block_on(MockServer::start()).expect("mock server");
    server.respond(
        "DescribeInstances",
        describe_instances_output(LARGE_INSTANCES),
    );
    let config = server
        .config_builder()
        .region("ap-guangzhou")
        .build()
        .expect("config");
    let client = Client::new(config);
    let mut group = c.benchmark_group("loopback_100_instances");
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
                let calls = (0..IN_FLIGHT).map(|_| client.describe_instances().send());
                for result in futures_util::future::join_all(calls).await {
                    result.expect("call succeeds");
                }
            })
        })
    });
    group.finish();
}

/// `body` as a response whose body is in chunks of `chunk` bytes, each its own allocation (as
/// an HTTP stack hands a body over).
fn chunked(body: &[u8], chunk: usize) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: json_headers(),
        body: body.chunks(chunk).map(Bytes::copy_from_slice).collect(),
    }
}

fn json_headers() -> Vec<(String, String)> {
    vec![("content-type".to_owned(), "application/json".to_owned())]
}

/// The decode of a body in chunks against the same body in one: under
/// [`STREAMING_THRESHOLD`] the chunks are joined (a copy) and decoded from one slice; from it
/// on, they are streamed through a reader (each chunk freed once read).
fn decode_chunked(c: &mut Criterion) {
    let decode_one = |response: &HttpResponse, instances: usize| match parse_response::<
        DescribeInstancesResponse,
    >(
        black_box(response.clone()),
        usize::MAX,
    ) {
        Parsed::Success(r, _) => assert_eq!(r.instance_set.len(), instances),
        other => panic!("not a success: {other:?}"),
    };
    let small = large_body();
    let large = body_of_about(STREAMING_THRESHOLD * 2);
    let large_instances = match parse_response::<DescribeInstancesResponse>(
        HttpResponse::from_bytes(200, json_headers(), large.clone()),
        usize::MAX,
    ) {
        Parsed::Success(r, _) => r.instance_set.len(),
        other => panic!("not a success: {other:?}"),
    };
    let cases = [
        ("100_instances", &small, LARGE_INSTANCES, 16 << 10),
        ("twice_the_threshold", &large, large_instances, 400 << 10),
    ];
    for (name, body, instances, chunk) in cases {
        let mut group = c.benchmark_group(format!("decode_chunked_{name}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        if body.len() > 1 << 20 {
            group.sample_size(10);
        }
        let whole = HttpResponse::from_bytes(200, json_headers(), body.clone());
        group.bench_function("one_chunk", |b| b.iter(|| decode_one(&whole, instances)));
        let parts = chunked(body, chunk);
        group.bench_function(format!("chunks_of_{}k", chunk >> 10), |b| {
            b.iter(|| decode_one(&parts, instances))
        });
        group.finish();
    }
}

criterion_group!(benches, decode, decode_chunked, mocked_call, loopback);
criterion_main!(benches);
