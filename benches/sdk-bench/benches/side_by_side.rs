//! `DescribeInstances` side by side: our generated client, a hand-rolled baseline (reqwest +
//! TC3 signature + plain derive, `sdk_bench::baseline`) and the official Node and Python SDKs,
//! all against one neutral mock on loopback (`sdk_bench::neutral_mock`: hyper, fixed body, no
//! signature check), for the 100-instance (~100 KB) and the one-instance (~1 KB) response, 1
//! and 8 calls in flight.
//!
//! Every measurement is a child process pinned with `taskset` to CPU 1 (the mock runs on CPU 0),
//! runs a few warm-up calls, then calls for `--seconds` or `--max-calls`, whichever ends first,
//! and reports its calls, wall time and its own CPU time over the measured part. Rounds are
//! interleaved (every client and configuration once per round, the client order rotating), and
//! the summary gives medians with min–max ranges and the per-round ratios of the issue's targets.
//!
//! The peers are installed by this program from the npm registry and PyPI into
//! `target/bench-peers/` (pinned versions in `sdk_bench::peers`); a peer that cannot be
//! installed (no `npm`, no `python3`, no network) is skipped with the reason.
//!
//! ```text
//! cargo bench -p sdk-bench --bench side_by_side -- [--rounds 6] [--seconds 1.5]
//!     [--max-calls 20000] [--warmup 30] [--clients ours,baseline,node,python]
//! ```
//!
//! Loopback only; every loop is bounded in count and time; the mock exits with the driver.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bytes::Bytes;
use sdk_bench::baseline::Baseline;
use sdk_bench::fixtures::{self, LARGE_INSTANCES, REQUEST_BODY, SMALL_INSTANCES};
use sdk_bench::measure::process_cpu;
use sdk_bench::neutral_mock;
use sdk_bench::peers::{self, Peer};
use tencentcloud_core::{Config, Credential};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("client") => client(&args[1..]),
        _ => Options::parse(&args).and_then(|o| drive(&o)),
    };
    if let Err(e) = result {
        eprintln!("side_by_side: {e}");
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------------------------
// The mock process.

/// Serves the large body on one port and the small on another; prints `PORTS large small`;
/// exits when its standard input closes (the driver ended).
fn serve() -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async {
        let large = tokio::net::TcpListener::bind("127.0.0.1:0").await;
        let small = tokio::net::TcpListener::bind("127.0.0.1:0").await;
        let (large, small) = (
            large.map_err(|e| e.to_string())?,
            small.map_err(|e| e.to_string())?,
        );
        let ports = (
            large.local_addr().map_err(|e| e.to_string())?.port(),
            small.local_addr().map_err(|e| e.to_string())?.port(),
        );
        println!("PORTS {} {}", ports.0, ports.1);
        tokio::spawn(neutral_mock::serve(
            large,
            Bytes::from(fixtures::large_body()),
        ));
        tokio::spawn(neutral_mock::serve(
            small,
            Bytes::from(fixtures::small_body()),
        ));
        // Standard input closes when the driver exits, however it exits.
        let _ = tokio::task::spawn_blocking(|| std::io::stdin().lines().count()).await;
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// The Rust client processes (ours and the baseline).

/// What one measurement was asked to do (the same positional arguments as the peer scripts).
struct Run {
    port: u16,
    in_flight: usize,
    seconds: f64,
    max_calls: u64,
    warmup: u64,
    expect: usize,
}

impl Run {
    fn parse(args: &[String]) -> Result<Run, String> {
        let n = |i: usize| -> Result<f64, String> {
            args.get(i)
                .and_then(|a| a.parse().ok())
                .ok_or_else(|| format!("argument {} missing or not a number", i + 1))
        };
        Ok(Run {
            port: n(0)? as u16,
            in_flight: n(1)? as usize,
            seconds: n(2)?,
            max_calls: n(3)? as u64,
            warmup: n(4)? as u64,
            expect: n(5)? as usize,
        })
    }

    fn args(&self) -> Vec<String> {
        vec![
            self.port.to_string(),
            self.in_flight.to_string(),
            self.seconds.to_string(),
            self.max_calls.to_string(),
            self.warmup.to_string(),
            self.expect.to_string(),
        ]
    }
}

/// `client ours|baseline PORT IN_FLIGHT SECONDS MAX_CALLS WARMUP EXPECT`.
fn client(args: &[String]) -> Result<(), String> {
    let kind = args.first().ok_or("client: which one?")?;
    let run = Run::parse(&args[1..])?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let host = format!("127.0.0.1:{}", run.port);
    let credential = Credential::new("AKIDEXAMPLE", "SecretKeyExample");
    let outcome = match kind.as_str() {
        "ours" => {
            let config = Config::builder()
                .credentials(credential)
                .region("ap-guangzhou")
                .endpoint(format!("http://{host}"))
                .allow_http(true)
                .build()
                .map_err(|e| e.to_string())?;
            let client = tencentcloud_lighthouse::Client::new(config);
            rt.block_on(measure(&run, || {
                let client = client.clone();
                async move {
                    let response = client
                        .describe_instances()
                        .limit(100)
                        .send()
                        .await
                        .map_err(|e| e.to_string())?;
                    Ok(response.instance_set.len())
                }
            }))
        }
        "baseline" => {
            let client = Baseline::new(&host, credential);
            rt.block_on(measure(&run, || {
                let client = client.clone();
                async move {
                    let response = client
                        .describe_instances(REQUEST_BODY)
                        .await
                        .map_err(|e| e.to_string())?;
                    Ok(response.instance_set.len())
                }
            }))
        }
        other => return Err(format!("unknown client {other:?}")),
    };
    println!("{}", outcome?);
    Ok(())
}

/// Warm-up calls, then `in_flight` loops calling until the time or count bound; the JSON line
/// the driver reads.
async fn measure<F, Fut>(run: &Run, call: F) -> Result<String, String>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<usize, String>>,
{
    for _ in 0..run.warmup {
        check(call().await, run.expect)?;
    }
    let calls = std::cell::Cell::new(0u64);
    let errors = std::cell::Cell::new(0u64);
    let cpu = process_cpu();
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(run.seconds);
    let one_loop = || async {
        while calls.get() + errors.get() < run.max_calls && Instant::now() < deadline {
            match check(call().await, run.expect) {
                Ok(()) => calls.set(calls.get() + 1),
                Err(_) => errors.set(errors.get() + 1),
            }
        }
    };
    futures_util::future::join_all((0..run.in_flight).map(|_| one_loop())).await;
    let wall = start.elapsed().as_secs_f64();
    let cpu = (process_cpu() - cpu).as_secs_f64();
    Ok(format!(
        "{{\"calls\": {}, \"wall_s\": {wall}, \"cpu_s\": {cpu}, \"errors\": {}}}",
        calls.get(),
        errors.get()
    ))
}

fn check(result: Result<usize, String>, expect: usize) -> Result<(), String> {
    match result {
        Ok(n) if n == expect => Ok(()),
        Ok(n) => Err(format!("expected {expect} instances, got {n}")),
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------------------------------------
// The driver.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Ours,
    Baseline,
    Node,
    Python,
}

impl Who {
    const ALL: [Who; 4] = [Who::Ours, Who::Baseline, Who::Node, Who::Python];

    fn name(self) -> &'static str {
        match self {
            Who::Ours => "ours",
            Who::Baseline => "baseline",
            Who::Node => "node",
            Who::Python => "python",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Who::Ours => "ours (tencentcloud-lighthouse)",
            Who::Baseline => "hand-rolled reqwest + sign + plain derive",
            Who::Node => "Node SDK",
            Who::Python => "Python SDK",
        }
    }
}

struct Options {
    rounds: usize,
    seconds: f64,
    max_calls: u64,
    warmup: u64,
    clients: Vec<Who>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options {
            rounds: 6,
            seconds: 1.5,
            max_calls: 20_000,
            warmup: 30,
            clients: Who::ALL.to_vec(),
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--rounds" => o.rounds = number(value()?)?,
                "--seconds" => o.seconds = number(value()?)?,
                "--max-calls" => o.max_calls = number(value()?)?,
                "--warmup" => o.warmup = number(value()?)?,
                "--clients" => {
                    o.clients = value()?
                        .split(',')
                        .map(|c| {
                            Who::ALL
                                .into_iter()
                                .find(|w| w.name() == c)
                                .ok_or(format!("unknown client {c:?}"))
                        })
                        .collect::<Result<_, _>>()?
                }
                other => return Err(format!("unknown argument {other:?} (see the file's docs)")),
            }
        }
        if !(1..=50).contains(&o.rounds) || !(0.1..=30.0).contains(&o.seconds) {
            return Err("--rounds must be 1..=50 and --seconds 0.1..=30".to_owned());
        }
        Ok(o)
    }
}

fn number<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("{s:?} is not a number"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Size {
    Large,
    Small,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Case {
    size: Size,
    in_flight: usize,
}

impl Case {
    const ALL: [Case; 4] = [
        Case {
            size: Size::Large,
            in_flight: 1,
        },
        Case {
            size: Size::Large,
            in_flight: 8,
        },
        Case {
            size: Size::Small,
            in_flight: 1,
        },
        Case {
            size: Size::Small,
            in_flight: 8,
        },
    ];

    fn label(self) -> String {
        let size = match self.size {
            Size::Large => "100-instance response (~100 KB)",
            Size::Small => "1-instance response (~1 KB)",
        };
        format!("{size}, {} in flight", self.in_flight)
    }
}

/// One measurement's result.
#[derive(Debug, Clone, Copy)]
struct Sample {
    calls_per_s: f64,
    cpu_us_per_call: f64,
}

/// `target/` of this build: the benchmark binary is `target/release/deps/side_by_side-*`.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    exe.ancestors()
        .nth(3)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target"))
}

/// Whether clients can be pinned: `taskset` exists and the machine has two CPUs.
fn can_pin() -> bool {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    cpus >= 2 && Command::new("taskset").arg("-V").output().is_ok()
}

fn command(pin: Option<&str>, program: &std::path::Path) -> Command {
    match pin {
        Some(cpu) => {
            let mut c = Command::new("taskset");
            c.args(["-c", cpu]).arg(program);
            c
        }
        None => Command::new(program),
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// Kills the mock when the driver returns (its stdin closing would do too).
struct MockProcess(Child);

impl Drop for MockProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_mock(pin: Option<&str>) -> Result<(MockProcess, u16, u16), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut child = command(pin, &exe)
        .arg("serve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the mock: {e}"))?;
    let stdout = child.stdout.take().ok_or("mock has no stdout")?;
    let mock = MockProcess(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    let ports: Vec<u16> = line
        .strip_prefix("PORTS ")
        .ok_or_else(|| format!("unexpected mock output {line:?}"))?
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect();
    match ports[..] {
        [large, small] => Ok((mock, large, small)),
        _ => Err(format!("unexpected mock output {line:?}")),
    }
}

fn drive(o: &Options) -> Result<(), String> {
    let peers_dir = target_dir().join("bench-peers");
    let mut node = None;
    let mut python = None;
    let mut clients = Vec::new();
    for &who in &o.clients {
        let installed = match who {
            Who::Node => peers::node(&peers_dir).map(|p| node = Some(p)),
            Who::Python => peers::python(&peers_dir).map(|p| python = Some(p)),
            Who::Ours | Who::Baseline => Ok(()),
        };
        match installed {
            Ok(()) => clients.push(who),
            Err(e) => eprintln!("skipping {}: {e}", who.title()),
        }
    }
    let pinned = can_pin();
    let (mock_cpu, client_cpu) = if pinned {
        (Some("0"), Some("1"))
    } else {
        (None, None)
    };
    let (_mock, large_port, small_port) = start_mock(mock_cpu)?;
    let load_before = load_average();
    let started = Instant::now();
    let mut samples: Vec<(Case, Who, usize, Sample)> = Vec::new();
    for round in 0..o.rounds {
        for (i, &case) in Case::ALL.iter().enumerate() {
            let mut order = clients.clone();
            order.rotate_left((round + i) % clients.len().max(1));
            for who in order {
                let (port, expect) = match case.size {
                    Size::Large => (large_port, LARGE_INSTANCES),
                    Size::Small => (small_port, SMALL_INSTANCES),
                };
                let run = Run {
                    port,
                    in_flight: case.in_flight,
                    seconds: o.seconds,
                    max_calls: o.max_calls,
                    warmup: o.warmup,
                    expect,
                };
                let peer = match who {
                    Who::Node => node.as_ref(),
                    Who::Python => python.as_ref(),
                    _ => None,
                };
                match measure_one(who, peer, client_cpu, &run) {
                    Ok(s) => samples.push((case, who, round, s)),
                    Err(e) => {
                        eprintln!("round {}: {} {}: {e}", round + 1, who.name(), case.label())
                    }
                }
            }
        }
        eprintln!(
            "round {}/{} done ({:.0} s)",
            round + 1,
            o.rounds,
            started.elapsed().as_secs_f64()
        );
    }
    let machine = format!(
        "{} CPUs, load average {load_before} before and {} after; {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average(),
        if pinned {
            "mock pinned to CPU 0, each client to CPU 1"
        } else {
            "not pinned"
        }
    );
    report(o, &clients, &samples, &machine);
    Ok(())
}

/// Runs one measurement in a child process and reads its JSON line.
fn measure_one(
    who: Who,
    peer: Option<&Peer>,
    pin: Option<&str>,
    run: &Run,
) -> Result<Sample, String> {
    let mut cmd = match (who, peer) {
        (Who::Ours | Who::Baseline, _) => {
            let exe = std::env::current_exe().map_err(|e| e.to_string())?;
            let mut c = command(pin, &exe);
            c.args(["client", who.name()]);
            c
        }
        (_, Some(peer)) => {
            let mut c = command(pin, &peer.program);
            c.arg(peer.script);
            for (k, v) in &peer.env {
                c.env(k, v);
            }
            c
        }
        (_, None) => return Err("not installed".to_owned()),
    };
    cmd.args(run.args())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| e.to_string())?;
    let bound = Duration::from_secs_f64(run.seconds) + Duration::from_secs(60);
    let start = Instant::now();
    loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(_) => break,
            None if start.elapsed() > bound => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("no answer within {bound:?}; killed"));
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or("");
    let v: serde_json::Value = serde_json::from_str(line).map_err(|_| {
        format!(
            "exit {}, no result line; stderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        )
    })?;
    let calls = v["calls"].as_f64().unwrap_or(0.0);
    let errors = v["errors"].as_f64().unwrap_or(0.0);
    let wall = v["wall_s"].as_f64().unwrap_or(0.0);
    let cpu = v["cpu_s"].as_f64().unwrap_or(0.0);
    if errors > 0.0 || calls == 0.0 || wall <= 0.0 {
        return Err(format!("{calls} calls, {errors} failed calls"));
    }
    Ok(Sample {
        calls_per_s: calls / wall,
        cpu_us_per_call: cpu * 1e6 / calls,
    })
}

// ---------------------------------------------------------------------------------------------
// The summary.

/// Median, min and max.
fn spread(mut values: Vec<f64>) -> Option<(f64, f64, f64)> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    Some((median, values[0], values[n - 1]))
}

fn cell(values: Vec<f64>) -> String {
    match spread(values) {
        Some((m, lo, hi)) => format!("{} ({}–{})", thousands(m), thousands(lo), thousands(hi)),
        None => "—".to_owned(),
    }
}

fn thousands(x: f64) -> String {
    let n = x.round() as i64;
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

type Samples = [(Case, Who, usize, Sample)];

fn values(samples: &Samples, case: Case, who: Who, f: fn(&Sample) -> f64) -> Vec<f64> {
    samples
        .iter()
        .filter(|(c, w, _, _)| *c == case && *w == who)
        .map(|(_, _, _, s)| f(s))
        .collect()
}

/// Per-round ratios `a / b` of `f`.
fn ratios(samples: &Samples, case: Case, a: Who, b: Who, f: fn(&Sample) -> f64) -> Vec<f64> {
    let of = |who: Who, round: usize| {
        samples
            .iter()
            .find(|(c, w, r, _)| *c == case && *w == who && *r == round)
            .map(|(_, _, _, s)| f(s))
    };
    let rounds = samples
        .iter()
        .map(|(_, _, r, _)| *r)
        .max()
        .map_or(0, |r| r + 1);
    (0..rounds)
        .filter_map(|r| Some(of(a, r)? / of(b, r)?))
        .collect()
}

fn report(o: &Options, clients: &[Who], samples: &Samples, machine: &str) {
    println!();
    println!(
        "DescribeInstances side by side: {} interleaved rounds, {} s (at most {} calls) per \
         measurement after {} warm-up calls; {machine}. Median (min–max).",
        o.rounds, o.seconds, o.max_calls, o.warmup
    );
    println!();
    let header: Vec<&str> = clients.iter().map(|w| w.title()).collect();
    println!("| DescribeInstances | {} |", header.join(" | "));
    println!("| --- |{}", " --- |".repeat(clients.len()));
    let calls_per_s: fn(&Sample) -> f64 = |s| s.calls_per_s;
    let cpu: fn(&Sample) -> f64 = |s| s.cpu_us_per_call;
    for case in Case::ALL {
        for (what, f) in [("calls/s", calls_per_s), ("client CPU µs per call", cpu)] {
            let cells: Vec<String> = clients
                .iter()
                .map(|&w| cell(values(samples, case, w, f)))
                .collect();
            println!("| {}, {what} | {} |", case.label(), cells.join(" | "));
        }
    }
    println!();
    println!("Ratios, median (min–max) over rounds, with the issue's targets:");
    let ratio_line =
        |case: Case, a: Who, b: Who, f: fn(&Sample) -> f64, what: &str, target: &str| match spread(
            ratios(samples, case, a, b, f),
        ) {
            Some((m, lo, hi)) => {
                println!(
                    "- {what}, {}: {m:.2}× ({lo:.2}–{hi:.2}); target {target}",
                    case.label()
                )
            }
            None => println!("- {what}, {}: not measured", case.label()),
        };
    for case in Case::ALL.into_iter().filter(|c| c.size == Size::Large) {
        ratio_line(
            case,
            Who::Ours,
            Who::Baseline,
            cpu,
            "ours / baseline CPU per call",
            "≤ 1.15×",
        );
        ratio_line(
            case,
            Who::Ours,
            Who::Node,
            calls_per_s,
            "ours / Node calls/s",
            "≥ 1.5×",
        );
        ratio_line(
            case,
            Who::Ours,
            Who::Python,
            calls_per_s,
            "ours / Python calls/s",
            "≥ 6×",
        );
    }
}
