//! `cargo xtask compile-times [--runs N] [--features F] [--instructions] [CRATE ...]`: seconds
//! per 100 actions of a clean debug build of each generated crate alone.
//!
//! For each crate: one `cargo build -p CRATE` first (dependencies built, not timed), then
//! `runs` times `cargo clean -p CRATE` and a timed `cargo build -p CRATE` with
//! `CARGO_INCREMENTAL=0` (how a crate is built as a dependency). Prints every run, the median
//! and min–max, and the median per 100 actions (the actions are the files in `src/actions/`).
//! `--features F` builds with `--no-default-features --features F` instead (one category).
//! `--instructions` prints rustc's instruction count for that build instead of seconds
//! ([`crate::instructions`]): repeatable under load, so fit for A/B comparisons.

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// Entry point for `cargo xtask compile-times`.
pub fn main(args: &[String]) -> ExitCode {
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("compile-times: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    runs: usize,
    features: Option<String>,
    instructions: bool,
    crates: Vec<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        runs: 3,
        features: None,
        instructions: false,
        crates: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--runs" => {
                o.runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| (1..=20).contains(n))
                    .ok_or("--runs takes a number from 1 to 20")?
            }
            "--instructions" => o.instructions = true,
            "--features" => o.features = Some(it.next().ok_or("--features takes a value")?.clone()),
            name if !name.starts_with('-') => o.crates.push(name.to_owned()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<(), String> {
    let o = parse(args)?;
    let root = crate::repo_root();
    let generated = root.join("generated");
    let mut crates = o.crates.clone();
    if crates.is_empty() {
        let entries =
            std::fs::read_dir(&generated).map_err(|e| format!("{}: {e}", generated.display()))?;
        crates = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("tencentcloud-"))
            .collect();
        crates.sort();
    }
    if o.instructions {
        return print_instructions(&root, &generated, &crates, o.features.as_deref());
    }
    println!(
        "| crate | actions | clean build, s (median, min–max of {}) | s per 100 actions |",
        o.runs
    );
    println!("| --- | --- | --- | --- |");
    for name in &crates {
        let actions = count_actions(&generated.join(name))?;
        let mut times = Vec::new();
        cargo(&root, &["build", "-p", name], o.features.as_deref(), false)?;
        for _ in 0..o.runs {
            cargo(&root, &["clean", "-p", name], None, false)?;
            let start = Instant::now();
            cargo(&root, &["build", "-p", name], o.features.as_deref(), true)?;
            times.push(start.elapsed().as_secs_f64());
            eprintln!("{name}: {:.2} s", times[times.len() - 1]);
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let per_100 = per_100_actions(median, actions);
        println!(
            "| {name}{} | {actions} | {median:.2} ({:.2}–{:.2}) | {per_100:.2} |",
            o.features
                .as_deref()
                .map(|f| format!(" (features {f})"))
                .unwrap_or_default(),
            times[0],
            times[times.len() - 1],
        );
    }
    Ok(())
}

/// `--instructions`: one counted build per crate (the count does not vary between runs).
fn print_instructions(
    root: &Path,
    generated: &Path,
    crates: &[String],
    features: Option<&str>,
) -> Result<(), String> {
    println!("| crate | actions | rustc instructions, G | G per 100 actions |");
    println!("| --- | --- | --- | --- |");
    for name in crates {
        let actions = count_actions(&generated.join(name))?;
        let giga = crate::instructions::count(root, name, features)? as f64 / 1e9;
        let per_100 = per_100_actions(giga, actions);
        println!("| {name} | {actions} | {giga:.3} | {per_100:.3} |");
    }
    Ok(())
}

fn count_actions(crate_dir: &Path) -> Result<usize, String> {
    let dir = crate_dir.join("src").join("actions");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter(|e| e.file_name() != "mod.rs")
        .count())
}

fn cargo(root: &Path, args: &[&str], features: Option<&str>, timed: bool) -> Result<(), String> {
    let mut cmd = crate::cargo_command(root);
    cmd.args(args)
        .arg("--quiet")
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    if let (Some(f), "build") = (features, args[0]) {
        cmd.args(["--no-default-features", "--features", f]);
    }
    if timed {
        cmd.env("CARGO_INCREMENTAL", "0").stderr(Stdio::null());
    }
    run_cargo(cmd, &args.join(" "))
}

/// Runs a cargo command; an error says which (`what`: its arguments) and how it ended.
pub(crate) fn run_cargo(mut cmd: Command, what: &str) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("cargo {what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo {what} failed ({status})"))
    }
}

/// `value` per 100 of `actions` (0 for a crate without actions).
fn per_100_actions(value: f64, actions: usize) -> f64 {
    if actions == 0 {
        0.0
    } else {
        value * 100.0 / actions as f64
    }
}
