//! Peak memory of decoding a 50 MB `DescribeInstances` response, against the body's size.
//!
//! A counting global allocator records live heap bytes; the figure is the peak while the
//! runtime turns the response (its body already in memory, as the transport hands it over)
//! into the typed output, including the body itself, divided by the body's size. The
//! process's peak RSS is printed too (it includes building the fixture).
//!
//! Run: `cargo bench -p sdk-bench --bench peak_memory [-- MEGABYTES]`.

use sdk_bench::fixtures::body_of_about;
use sdk_bench::measure::{peak_rss_bytes, CountingAllocator};
use tencentcloud_core::envelope::{parse_response, Parsed};
use tencentcloud_core::HttpResponse;
use tencentcloud_lighthouse::DescribeInstancesResponse;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn main() {
    let megabytes: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(50);
    let body = body_of_about(megabytes * 1_000_000);
    let body_len = body.len();
    let response = HttpResponse {
        status: 200,
        headers: vec![("content-type".to_owned(), "application/json".to_owned())],
        body,
    };
    let before = CountingAllocator::live();
    CountingAllocator::reset_peak();
    let decoded = parse_response::<DescribeInstancesResponse>(&response, usize::MAX);
    let peak = CountingAllocator::peak();
    let after = CountingAllocator::live();
    let instances = match &decoded {
        Parsed::Success(r, _) => r.instance_set.len(),
        other => panic!("not a success: {other:?}"),
    };
    let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
    println!(
        "50 MB-class response: body {:.1} MiB, {instances} instances\n\
         peak heap during decode {:.1} MiB (body included) = {:.2}× the body (target ≤ 2.5×)\n\
         decoded output {:.1} MiB; heap above the body at the peak {:.1} MiB\n\
         process peak RSS {:.1} MiB (includes building the fixture)",
        mib(body_len),
        mib(peak - before + body_len),
        (peak - before + body_len) as f64 / body_len as f64,
        mib(after - before),
        mib(peak - before),
        peak_rss_bytes() as f64 / (1024.0 * 1024.0),
    );
    drop(decoded);
}
