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
    /// Generate a client crate per spec file `<SPEC_DIR>/<service>/<version>.json` into
    /// `<GENERATED_DIR>/tencentcloud-<service>/`, removing stale files of those crates.
    Generate {
        /// Directory holding `<service>/<version>.json` spec files.
        spec_dir: std::path::PathBuf,
        /// The `generated/` directory to write crates into.
        #[arg(short, long)]
        output: std::path::PathBuf,
    },
    /// Compare two spec files or two spec directories; exit 1 with --fail-on-breaking if
    /// anything breaking changed, 2 on usage or read errors.
    Diff {
        /// The old spec file or spec directory.
        old: std::path::PathBuf,
        /// The new spec file or spec directory.
        new: std::path::PathBuf,
        /// Output format: `markdown` or `json`.
        #[arg(long, default_value = "markdown")]
        format: tcgen::diff::Format,
        /// List changed titles and descriptions (they are always counted).
        #[arg(long)]
        descriptions: bool,
        /// Exit with code 1 when anything breaking changed.
        #[arg(long)]
        fail_on_breaking: bool,
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
        Command::Generate { spec_dir, output } => run_generate(&spec_dir, &output),
        Command::Diff {
            old,
            new,
            format,
            descriptions,
            fail_on_breaking,
        } => run_diff(&old, &new, format, descriptions, fail_on_breaking),
    }
}

/// `tcgen generate`: writes every spec's crate; exit 0, or 1 with the error.
fn run_generate(spec_dir: &std::path::Path, output: &std::path::Path) -> ExitCode {
    match generate_all(spec_dir, output) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("tcgen generate: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Generates and writes every crate; returns a summary line per crate.
fn generate_all(
    spec_dir: &std::path::Path,
    output: &std::path::Path,
) -> Result<String, Box<dyn std::error::Error>> {
    use tcgen::generate::{generate_crate, output as out};
    let specs = out::read_spec_dir(spec_dir)?;
    if specs.is_empty() {
        return Err(format!("no spec files in {}", spec_dir.display()).into());
    }
    let mut lines = Vec::new();
    for (spec_path, spec) in &specs {
        let files = generate_crate(spec, spec_path)?;
        let expected = files.into_iter().map(|f| (f.path, f.contents)).collect();
        let scope = format!("tencentcloud-{}", spec.service);
        let drifts = out::diff_tree(output, &expected, std::slice::from_ref(&scope))?;
        out::apply(output, &expected, &drifts)?;
        lines.push(format!(
            "{scope}: {} files from {spec_path}, {} written or removed",
            expected.len(),
            drifts.len()
        ));
    }
    Ok(lines.join("\n"))
}

/// `tcgen diff`: prints the report; exit 0, 1 (breaking with `--fail-on-breaking`) or 2 (error).
fn run_diff(
    old: &std::path::Path,
    new: &std::path::Path,
    format: tcgen::diff::Format,
    descriptions: bool,
    fail_on_breaking: bool,
) -> ExitCode {
    let options = tcgen::diff::DiffOptions { descriptions };
    match tcgen::diff::diff_paths(old, new, options) {
        Ok(report) => {
            print!("{}", tcgen::diff::render(&report, format));
            if fail_on_breaking && report.is_breaking() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => {
            eprintln!("tcgen diff: {error}");
            ExitCode::from(2)
        }
    }
}
