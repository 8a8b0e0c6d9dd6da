//! `cargo xtask`: project automation in plain Rust.

use std::process::ExitCode;

mod diff;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("diff") {
        return diff::main(&args[1..]);
    }
    eprintln!("cargo xtask: unknown command {args:?}; try `cargo xtask regen`");
    ExitCode::FAILURE
}
