//! `cargo xtask`: project automation in plain Rust.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    eprintln!("cargo xtask: unknown command {args:?}; try `cargo xtask regen`");
    ExitCode::FAILURE
}
