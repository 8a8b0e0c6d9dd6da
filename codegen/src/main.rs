//! The `tcgen` command line: `parse`, `generate`, `diff`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use tcgen::diagnostics::Severity;
use tcgen::parse::{parse_files, ParseReport};
use tcgen::spec::Spec;
use tcgen::summary::SpecCounts;

/// The parser allocates many small strings; mimalloc serves them faster than the system
/// allocator. The library does not rely on it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// Source files (Markdown, PDF text export, site page text, saved HTML) or directories
        /// of them (read recursively, in sorted path order, as `cargo xtask regen` reads
        /// `spec/sources/`).
        #[arg(required = true)]
        sources: Vec<PathBuf>,
        /// Directory to write spec files into.
        #[arg(short, long)]
        output: PathBuf,
        /// Repository root that source paths are recorded relative to (default: the current
        /// directory).
        #[arg(long)]
        repo_root: Option<PathBuf>,
    },
    /// Print the block stream a source's front-end produces (for debugging the parser).
    Blocks {
        /// One source file.
        source: PathBuf,
    },
    /// Generate a client crate per spec file `<SPEC_DIR>/<service>/<version>.json` into
    /// `<GENERATED_DIR>/tencentcloud-<service>/`, removing stale files of those crates.
    Generate {
        /// Directory holding `<service>/<version>.json` spec files.
        spec_dir: PathBuf,
        /// The `generated/` directory to write crates into.
        #[arg(short, long)]
        output: PathBuf,
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
        Command::Parse {
            sources,
            output,
            repo_root,
        } => {
            let root = repo_root.unwrap_or_else(|| PathBuf::from("."));
            run_parse(&sources, &output, &root)
        }
        Command::Blocks { source } => run_blocks(&source),
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

/// `tcgen blocks`: one line per block, `line kind text`.
fn run_blocks(source: &Path) -> ExitCode {
    let path = source.to_string_lossy().to_string();
    let bytes = match std::fs::read(source) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}:0: error: cannot read source: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut diags = Vec::new();
    let blocks = tcgen::parse::decode(&bytes, &path).and_then(|text| {
        let kind = tcgen::parse::source_kind(&path, text).ok_or_else(|| {
            tcgen::diagnostics::Diagnostic::error(path.clone(), 0, "unknown source kind")
        })?;
        tcgen::parse::blocks_of(kind, text, &path, &mut diags)
    });
    match blocks {
        Ok(blocks) => {
            let mut out = std::io::stdout().lock();
            for b in blocks {
                let kind = match &b.kind {
                    tcgen::blocks::BlockKind::Heading { level } => format!("H{level}"),
                    tcgen::blocks::BlockKind::Paragraph => "P".to_string(),
                    tcgen::blocks::BlockKind::TableRow { .. } => "ROW".to_string(),
                    tcgen::blocks::BlockKind::Code { .. } => "CODE".to_string(),
                };
                let text = b.text.replace('\n', "\\n");
                // A closed pipe (`| head`) ends the listing quietly instead of panicking.
                if writeln!(out, "{}\t{kind}\t{text}", b.line).is_err() {
                    break;
                }
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{d}");
            ExitCode::FAILURE
        }
    }
}

/// `tcgen generate`: writes every spec's crate; exit 0, or 1 with the error.
fn run_generate(spec_dir: &Path, output: &Path) -> ExitCode {
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
fn generate_all(spec_dir: &Path, output: &Path) -> Result<String, Box<dyn std::error::Error>> {
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
            // A closed pipe (`| head`) is not an error worth a panic: the reader has what it wanted.
            let _ = std::io::stdout().write_all(tcgen::diff::render(&report, format).as_bytes());
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

/// `tcgen parse`: parse, write the specs, print diagnostics and a summary.
fn run_parse(sources: &[PathBuf], output: &Path, root: &Path) -> ExitCode {
    let (files, unusable) = expand_sources(sources, root);
    for error in &unusable {
        eprintln!("{error}");
    }
    let no_source = || {
        eprintln!("tcgen parse: no usable source, nothing written");
        ExitCode::FAILURE
    };
    if files.is_empty() {
        return no_source();
    }
    let report = match parse_files(&files, root) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return no_source();
        }
    };
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    for spec in &report.specs {
        if let Err(msg) = write_spec(spec, output) {
            eprintln!("tcgen parse: {msg}");
            return ExitCode::FAILURE;
        }
    }
    print_summary(&report, unusable.len());
    ExitCode::SUCCESS
}

/// The source files named on the command line, relative ones under `root`; a directory stands
/// for every file below it, in sorted path order. Returns the files and an error line (`path:0:
/// error: why`) per directory that holds no file or cannot be read.
fn expand_sources(sources: &[PathBuf], root: &Path) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        let path = if source.is_absolute() {
            source.clone()
        } else {
            root.join(source)
        };
        if !path.is_dir() {
            files.push(path);
            continue;
        }
        let shown = source.display();
        match tcgen::generate::output::list_files(&path, "") {
            Ok(found) if found.is_empty() => {
                errors.push(format!("{shown}:0: error: directory holds no source files"));
            }
            Ok(found) => files.extend(found.iter().map(|rel| path.join(rel))),
            Err(e) => errors.push(format!("{shown}:0: error: cannot read directory: {e}")),
        }
    }
    (files, errors)
}

fn write_spec(spec: &Spec, output: &Path) -> Result<(), String> {
    let dir = output.join(&spec.service);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let file = dir.join(format!("{}.json", spec.version));
    std::fs::write(&file, spec.to_json_string())
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    println!("wrote {}", file.display());
    Ok(())
}

/// The per-kind and per-spec counts, then the warnings and errors (`unusable` counts the
/// directories that gave no source).
fn print_summary(report: &ParseReport, unusable: usize) {
    for line in report.sources_summary() {
        println!("{line}");
    }
    for spec in &report.specs {
        println!(
            "{} {}: {}",
            spec.service,
            spec.version,
            SpecCounts::of(spec)
        );
    }
    let warnings = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let errors = report.diagnostics.len() - warnings + unusable;
    println!("{warnings} warnings, {errors} errors");
}
