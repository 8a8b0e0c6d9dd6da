//! Specs and history parsed from the real sources, for the real-diff and history tests.
#![allow(dead_code)]

use tcgen::spec::Spec;

/// The repository root.
pub fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The whole Lighthouse doc.
pub const LIGHTHOUSE_DOC: &str = "spec/sources/lighthouse-api-doc.zh-CN.pdf.txt";

/// The lighthouse spec that `parse_files` builds from `sources` (paths from the repository
/// root), with its release history read from the doc's blocks if the parser left it empty.
pub fn parsed_lighthouse(sources: &[&str]) -> Spec {
    let root = repo_root();
    let paths: Vec<std::path::PathBuf> = sources.iter().map(|s| root.join(s)).collect();
    let report = tcgen::parse::parse_files(&paths, &root).unwrap_or_else(|e| panic!("{e}"));
    let mut spec = report
        .specs
        .into_iter()
        .find(|s| s.service == "lighthouse")
        .unwrap_or_else(|| panic!("no lighthouse spec from {sources:?}"));
    if spec.history.is_empty() && sources.contains(&LIGHTHOUSE_DOC) {
        spec.history = doc_history().0;
    }
    spec
}

/// The release history as `extract_history` reads it from the PDF front-end's blocks of the
/// whole Lighthouse doc, with its warnings.
pub fn doc_history() -> (
    Vec<tcgen::spec::Release>,
    Vec<tcgen::diagnostics::Diagnostic>,
) {
    use tcgen::parse::{blocks_of, SourceKind};
    let path = repo_root().join(LIGHTHOUSE_DOC);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut front_end = Vec::new();
    let blocks = blocks_of(SourceKind::PdfText, &text, LIGHTHOUSE_DOC, &mut front_end)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut diags = Vec::new();
    let releases = tcgen::parse::history::extract_history(&blocks, LIGHTHOUSE_DOC, &mut diags);
    (releases, diags)
}
