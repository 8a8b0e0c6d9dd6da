//! Runs one stage of the parser a fixed number of times, for instruction counts that are
//! repeatable on a shared machine (the criterion bench `parse` gives the wall-clock figures):
//!
//! ```text
//! cargo build --release -p tcgen --example parse_sources
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out \
//!     $CARGO_TARGET_DIR/release/examples/parse_sources lighthouse 3
//! callgrind_annotate /tmp/cg.out | head -60
//! ```
//!
//! `WHAT` is `lighthouse` (`parse_files` on the Lighthouse PDF export), `all` (`parse_files`
//! on every file of `spec/sources/`), `pdf` (the PDF front-end alone on the Lighthouse doc) or
//! `extract` (the PDF front-end then the extractor on its blocks; `callgrind_annotate
//! --inclusive=yes` tells the two apart); `N` (default 1) is the number of runs. It
//! prints the bytes parsed per run and what came out, so two builds can be checked to agree.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tcgen::generate::output::list_files;
use tcgen::parse::{blocks_of, extract, parse_files, SourceKind};

/// The allocator the `tcgen` binary runs with, so the counts are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DOC: &str = "spec/sources/lighthouse-api-doc.zh-CN.pdf.txt";
const SOURCES: &str = "spec/sources";

fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (what, runs) = match args.as_slice() {
        [what] => (what.as_str(), 1),
        [what, n] => match n.parse::<usize>() {
            Ok(n) => (what.as_str(), n),
            Err(_) => return usage(),
        },
        _ => return usage(),
    };
    let root = repo_root();
    match run(&root, what, runs) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("parse_sources: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: parse_sources lighthouse|all|pdf|extract [RUNS]");
    ExitCode::from(2)
}

fn run(root: &Path, what: &str, runs: usize) -> Result<String, String> {
    let doc = root.join(DOC);
    let text = std::fs::read_to_string(&doc).map_err(|e| format!("{DOC}: {e}"))?;
    let mut out = String::new();
    for _ in 0..runs {
        out = match what {
            "lighthouse" => files(std::slice::from_ref(&doc), root)?,
            "all" => {
                let sources: Vec<PathBuf> = list_files(root, SOURCES)
                    .map_err(|e| e.to_string())?
                    .into_iter()
                    .map(|rel| root.join(rel))
                    .collect();
                files(&sources, root)?
            }
            "pdf" => {
                let mut diags = Vec::new();
                let blocks = blocks_of(SourceKind::PdfText, &text, DOC, &mut diags)
                    .map_err(|d| d.to_string())?;
                format!(
                    "{} bytes: {} blocks, {} diagnostics",
                    text.len(),
                    blocks.len(),
                    diags.len()
                )
            }
            "extract" => {
                let mut diags = Vec::new();
                let blocks = blocks_of(SourceKind::PdfText, &text, DOC, &mut diags)
                    .map_err(|d| d.to_string())?;
                let (doc, more) = extract::extract(&blocks, DOC);
                format!(
                    "{} blocks: {} actions, {} diagnostics",
                    blocks.len(),
                    doc.actions.len(),
                    more.len()
                )
            }
            _ => return Err(format!("unknown stage `{what}`")),
        };
    }
    Ok(out)
}

fn files(sources: &[PathBuf], root: &Path) -> Result<String, String> {
    let bytes: u64 = sources
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    let report = parse_files(sources, root).map_err(|e| e.to_string())?;
    Ok(format!(
        "{bytes} bytes: {} specs, {} diagnostics",
        report.specs.len(),
        report.diagnostics.len()
    ))
}
