//! Peak memory of a 50 MB `DescribeInstances` response, against the body's size, two ways:
//!
//! - `decode`: the runtime's decode of a response whose body is already in memory, as the
//!   default transport hands it over (received from the mock on loopback first, in chunks);
//! - `call`: a whole call through the generated client and the default reqwest transport
//!   against the neutral mock on loopback, in a child process so that only the client's memory
//!   is counted (the body is received, then decoded).
//!
//! Each runs in a fresh process of its own, and prints the peak resident memory the step added (`VmHWM` reset just before it, minus the
//! RSS before the body existed) and the peak of live heap bytes (a counting allocator), both
//! as multiples of the body's size. The target is ≤ 2.5×.
//!
//! Run: `cargo bench -p sdk-bench --bench peak_memory [-- MEGABYTES]` (default 50).

use std::time::Duration;

use bytes::Bytes;
use sdk_bench::fixtures::body_of_about;
use sdk_bench::measure::{proc_status_bytes, reset_peak_rss, CountingAllocator};
use sdk_bench::neutral_mock;
use tencentcloud_core::envelope::{parse_response, Parsed};
use tencentcloud_core::{Config, Credential, HttpRequest, ReqwestTransport, Transport};
use tencentcloud_lighthouse::DescribeInstancesResponse;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Runs `step` and prints its peak memory, with the body counted once: `body_held` is how much
/// of the body was already in memory before the step (the decode case), added to the heap
/// figure; RSS is measured from `rss_before_body`, taken before the body existed.
fn report<T>(
    name: &str,
    body_len: usize,
    body_held: usize,
    rss_before_body: u64,
    step: impl FnOnce() -> T,
) -> T {
    let heap_before = CountingAllocator::live();
    CountingAllocator::reset_peak();
    let rss_reset = reset_peak_rss();
    let out = step();
    let heap_peak = (CountingAllocator::peak() - heap_before + body_held) as u64;
    let body = body_len as f64;
    print!(
        "{name}: peak live heap {:.1} MiB = {:.2}× the body",
        mib(heap_peak),
        heap_peak as f64 / body
    );
    match proc_status_bytes("VmHWM").filter(|_| rss_reset) {
        Some(hwm) => {
            let added = hwm.saturating_sub(rss_before_body);
            println!(
                "; peak RSS {:.1} MiB = {:.2}× the body",
                mib(added),
                added as f64 / body
            )
        }
        None => println!("; peak RSS not measurable here"),
    }
    out
}

/// The child process: serves a body of `megabytes` on loopback, prints its port, and exits
/// when its standard input closes.
fn serve(megabytes: usize, rt: &tokio::runtime::Runtime) {
    let body = Bytes::from(body_of_about(megabytes * 1_000_000));
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        println!("{}", listener.local_addr().expect("addr").port());
        tokio::spawn(neutral_mock::serve(listener, body));
        let _ = tokio::task::spawn_blocking(|| std::io::stdin().lines().count()).await;
    });
}

/// Starts the serving child; its port.
fn start_server(megabytes: usize) -> (std::process::Child, u16) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(std::env::current_exe().expect("exe"))
        .args(["serve", &megabytes.to_string()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the mock process starts");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .expect("port line");
    let port = line.trim().parse().expect("a port");
    (child, port)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let megabytes: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(50);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    match args.first().map(String::as_str) {
        Some("serve") => return serve(megabytes, &rt),
        Some("decode") => return measure_decode(megabytes, &rt),
        Some("call") => return measure_call(megabytes, &rt),
        _ => {}
    }
    for step in ["decode", "call"] {
        let status = std::process::Command::new(std::env::current_exe().expect("exe"))
            .args([step, &megabytes.to_string()])
            .status()
            .expect("the measuring process starts");
        assert!(status.success(), "{step} failed");
    }
}

/// Receives the body from the mock through the default transport, then measures the decode of
/// the response as the transport hands it over (the chunks as received).
fn measure_decode(megabytes: usize, rt: &tokio::runtime::Runtime) {
    let (mut server, port) = start_server(megabytes);
    let rss_before_body = proc_status_bytes("VmRSS").unwrap_or(0);
    let heap_before_body = CountingAllocator::live();
    let transport =
        ReqwestTransport::new(Duration::from_secs(10), usize::MAX / 2).expect("transport");
    let request = HttpRequest {
        method: "POST".to_owned(),
        url: format!("http://127.0.0.1:{port}/"),
        headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
        body: b"{}".to_vec(),
    };
    let response = rt
        .block_on(transport.send(request))
        .expect("the body arrives");
    let _ = server.kill();
    let _ = server.wait();
    let body_len = response.body.len();
    let held = CountingAllocator::live() - heap_before_body;
    println!(
        "body {:.1} MiB ({} bytes in {} chunks as received, {:.1} MiB of heap with the transport); \
         that heap included in both figures (target ≤ 2.5×)",
        mib(body_len as u64),
        body_len,
        response.body.chunks().len(),
        mib(held as u64)
    );
    let decoded = report("decode", body_len, held, rss_before_body, || {
        parse_response::<DescribeInstancesResponse>(response, usize::MAX)
    });
    let instances = match &decoded {
        Parsed::Success(r, _) => r.instance_set.len(),
        other => panic!("not a success: {other:?}"),
    };
    println!(
        "  {instances} instances decoded; size_of::<Instance>() = {} bytes",
        std::mem::size_of::<tencentcloud_lighthouse::types::Instance>()
    );
}

fn measure_call(megabytes: usize, rt: &tokio::runtime::Runtime) {
    let body_len = body_of_about(megabytes * 1_000_000).len();
    let (mut server, port) = start_server(megabytes);
    let config = Config::builder()
        .credentials(Credential::new("AKIDEXAMPLE", "SecretKeyExample"))
        .region("ap-guangzhou")
        .endpoint(format!("http://127.0.0.1:{port}"))
        .allow_http(true)
        .max_response_bytes(usize::MAX / 2)
        .build()
        .expect("config");
    let client = tencentcloud_lighthouse::Client::new(config);
    let rss_before_call = proc_status_bytes("VmRSS").unwrap_or(0);
    let output = report("call", body_len, 0, rss_before_call, || {
        rt.block_on(client.describe_instances().send())
    });
    let _ = server.kill();
    let _ = server.wait();
    match output {
        Ok(r) => println!("  {} instances received and decoded", r.instance_set.len()),
        Err(e) => panic!("call failed: {e}"),
    }
}
