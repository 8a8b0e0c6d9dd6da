//! The `tcgen` command line: `parse`, `generate`, `diff`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Tencent Cloud API docs -> JSON spec -> Rust client crates.
#[derive(Parser)]
#[command(name = "tcgen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read doc sources and write `<SPEC_DIR>/<service>/<version>.json`.
    Parse {
        /// Source files (PDF text export, site page text, or saved HTML).
        sources: Vec<std::path::PathBuf>,
        /// Directory to write spec files into.
        #[arg(short, long)]
        output: std::path::PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse { sources, output } => {
            eprintln!(
                "tcgen parse: not implemented yet ({} sources -> {})",
                sources.len(),
                output.display()
            );
            ExitCode::FAILURE
        }
    }
}
