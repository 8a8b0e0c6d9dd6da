//! `cargo xtask compile-times --instructions`: the instructions rustc executes to compile a
//! generated crate, counted by valgrind's callgrind. Unlike seconds, the count is the same on
//! every run and under any load, so it tells two versions of the generator apart by well under
//! 1% on a shared machine where wall times vary by 10–20%.
//!
//! Cargo runs rustc through this same xtask binary (`RUSTC_WORKSPACE_WRAPPER`, with
//! [`WRAPPER_MODE`] set): [`wrap`] runs the rustc invocation of the measured crate under
//! callgrind and every other invocation as it is. The builds use their own target directory
//! (`target/instructions`), since a wrapper changes every workspace crate's fingerprint.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use crate::compile_times::run_cargo;

/// Set (to anything) when this binary runs as cargo's rustc wrapper.
pub const WRAPPER_MODE: &str = "XTASK_RUSTC_WRAPPER";
/// The `--crate-name` (underscores) whose compilation is counted.
const MEASURED_CRATE: &str = "XTASK_CALLGRIND_CRATE";
/// Where valgrind writes its log (with the count) for the measured compilation.
const LOG_FILE: &str = "XTASK_CALLGRIND_LOG";

/// Entry point in wrapper mode: `args` is rustc's path followed by its arguments.
pub fn wrap(args: &[OsString]) -> ExitCode {
    let Some((rustc, rest)) = args.split_first() else {
        eprintln!("xtask rustc wrapper: no rustc to run");
        return ExitCode::FAILURE;
    };
    let measured = std::env::var_os(MEASURED_CRATE);
    let is_measured = measured.is_some_and(|name| {
        rest.windows(2)
            .any(|pair| pair[0] == "--crate-name" && pair[1] == name)
    });
    let mut cmd = if is_measured {
        let log = std::env::var_os(LOG_FILE).unwrap_or_else(|| "callgrind.log".into());
        let mut log_arg = OsString::from("--log-file=");
        log_arg.push(log);
        let mut cmd = Command::new("valgrind");
        cmd.args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
            .arg(log_arg)
            .arg(rustc);
        cmd
    } else {
        Command::new(rustc)
    };
    match cmd.args(rest).status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => ExitCode::from(status.code().map_or(1, |c| c.clamp(1, 255) as u8)),
        Err(e) => {
            eprintln!(
                "xtask rustc wrapper: cannot run {:?}: {e}",
                cmd.get_program()
            );
            ExitCode::FAILURE
        }
    }
}

/// Instructions rustc executes for a clean debug build of `package` alone (its dependencies
/// built first, not counted), with `features` as `--no-default-features --features F`.
pub fn count(root: &Path, package: &str, features: Option<&str>) -> Result<u64, String> {
    let valgrind = Command::new("valgrind")
        .arg("--version")
        .stdout(Stdio::null())
        .status();
    if !valgrind.is_ok_and(|s| s.success()) {
        return Err(
            "--instructions needs valgrind on the PATH (Debian: apt install valgrind)".into(),
        );
    }
    let target = root.join("target").join("instructions");
    let log = target.join(format!("{package}.callgrind.log"));
    let build = |measure: bool| -> Result<(), String> {
        let mut cmd = cargo(root, &target, &["build", "-p", package]);
        if let Some(f) = features {
            cmd.args(["--no-default-features", "--features", f]);
        }
        if measure {
            cmd.env(MEASURED_CRATE, package.replace('-', "_"))
                .env(LOG_FILE, &log)
                .env("CARGO_INCREMENTAL", "0");
        }
        run_cargo(cmd, "build")
    };
    build(false)?;
    run_cargo(cargo(root, &target, &["clean", "-p", package]), "clean")?;
    build(true)?;
    let text = std::fs::read_to_string(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    collected(&text).ok_or_else(|| format!("{}: no `Collected :` line", log.display()))
}

/// A cargo command in `target`, with rustc wrapped by this binary.
fn cargo(root: &Path, target: &Path, args: &[&str]) -> Command {
    let me = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("xtask"));
    let mut cmd = crate::cargo_command(root);
    cmd.args(args)
        .arg("--quiet")
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTC_WORKSPACE_WRAPPER", me)
        .env(WRAPPER_MODE, "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    cmd
}

/// The count in valgrind's `==PID== Collected : N` line.
fn collected(log: &str) -> Option<u64> {
    log.lines()
        .find_map(|line| line.split_once("Collected :"))
        .and_then(|(_, n)| n.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::collected;

    #[test]
    fn reads_the_count_from_a_callgrind_log() {
        let log = "==31813== Events    : Ir\n==31813== Collected : 7614551259\n==31813== \n";
        assert_eq!(collected(log), Some(7_614_551_259));
        assert_eq!(collected("==1== Events : Ir\n"), None);
    }
}
