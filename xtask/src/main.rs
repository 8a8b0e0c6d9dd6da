//! `cargo xtask`: project automation in plain Rust.
//!
//! - `cargo xtask regen [--check]`: docs -> spec -> generated crates ([`regen`]).
//! - `cargo xtask diff [REV] ...`: spec changes since a git revision ([`diff`]).
//! - `cargo xtask compile-times [--runs N] [--features F] [--instructions] [CRATE ...]`:
//!   clean-build seconds per 100 actions of each generated crate ([`compile_times`]), or the
//!   instructions rustc executes for it ([`instructions`]).
//! - `cargo xtask check-features [CRATE ...]`: each generated crate compiles without warnings
//!   with each API-category feature alone ([`check_features`]).
//! - regen keeps each generated crate's version and `CHANGELOG.md` in step with its spec ([`release`]).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

mod check_features;
mod compile_times;
mod diff;
mod instructions;
mod regen;
mod release;

/// `cargo xtask --help`.
const USAGE: &str = "usage: cargo xtask <command> [args]

commands:
  regen [--check]   docs (spec/sources/) -> spec/ -> generated/; --check writes nothing and
                    fails when anything is stale (`cargo xtask regen --help`)
  diff [REV] [...]  what changed in the specs between REV (default HEAD) and the working tree
                    (--descriptions, --format json, --fail-on-breaking)
  compile-times [--runs N] [--features F] [--instructions] [CRATE ...]
                    clean debug build seconds per 100 actions of each generated crate;
                    --instructions counts rustc's instructions instead (valgrind)
  check-features [CRATE ...]
                    each generated crate compiles without warnings with no feature, with
                    each API-category feature alone, and with the default features
  help              this text";

fn main() -> ExitCode {
    if std::env::var_os(instructions::WRAPPER_MODE).is_some() {
        let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
        return instructions::wrap(&args);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("regen") => regen::main(&args[1..]),
        Some("diff") => diff::main(&args[1..]),
        Some("compile-times") => compile_times::main(&args[1..]),
        Some("check-features") => check_features::main(&args[1..]),
        None | Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("cargo xtask: unknown command `{other}`\n\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

/// A `cargo` command (the cargo that runs xtask, else `cargo` on the PATH) run in `root`.
pub(crate) fn cargo_command(root: &Path) -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    cmd.current_dir(root);
    cmd
}

/// The repository root: the parent of this crate's directory.
pub(crate) fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}
