//! Docs -> spec: front-ends per source format, one extractor, merging of several sources.
//!
//! `parse_files` reads every source, picks its front-end by file name (`.pdf.txt`,
//! `.page.txt`, `.html`/`.htm`) or, failing that, by sniffing the content, turns the blocks
//! into a [`extract::Doc`] and merges the docs into one spec per (service, version).

pub mod examples;
pub mod extract;
pub mod html;
pub mod merge;
pub mod page;
pub mod pdf;
pub mod text;

pub mod history;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::blocks::Block;
use crate::diagnostics::{Diagnostic, Severity};
use crate::spec::{SourceFile, Spec};

/// What parsing a set of sources produced.
#[derive(Debug, Default)]
pub struct ParseReport {
    /// One spec per (service, version) the sources describe, sorted by service then version.
    pub specs: Vec<Spec>,
    /// Warnings (and errors for sources that could not be used), in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parsing failed as a whole (no source could be used at all): every source's error, in
/// source order, one `path:line: error: why` per line when displayed.
#[derive(Debug)]
pub struct ParseError(pub Vec<Diagnostic>);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

/// Sources larger than this are refused (the whole Lighthouse doc is about 1.5 MB).
pub const MAX_SOURCE_BYTES: usize = 64 * 1024 * 1024;

/// The kinds of source the front-ends read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A whole API doc exported from PDF to text.
    PdfText,
    /// A single page copied from the docs site as text.
    PageText,
    /// A page saved as HTML.
    Html,
}

/// Picks the front-end from the file name, else from the content.
pub fn source_kind(path: &str, text: &str) -> Option<SourceKind> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".pdf.txt") {
        return Some(SourceKind::PdfText);
    }
    if lower.ends_with(".page.txt") {
        return Some(SourceKind::PageText);
    }
    if lower.ends_with(".html") || lower.ends_with(".htm") {
        return Some(SourceKind::Html);
    }
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.contains("<html") || head.contains("<!doctype html") {
        Some(SourceKind::Html)
    } else if text.lines().any(pdf::is_footer) {
        Some(SourceKind::PdfText)
    } else if text
        .lines()
        .any(|l| matches!(l.trim(), "1. API Description" | "1. 接口描述"))
    {
        Some(SourceKind::PageText)
    } else {
        None
    }
}

/// Reads one source's text into blocks with the front-end for its kind.
pub fn blocks_of(
    kind: SourceKind,
    text: &str,
    path: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Block>, Diagnostic> {
    match kind {
        SourceKind::PdfText => Ok(pdf::blocks(text, path, diags)),
        SourceKind::PageText => Ok(page::blocks(text, path, diags)),
        SourceKind::Html => html::read_html(path, text),
    }
}

/// Checks raw bytes and decodes them: empty, huge, binary or non-UTF-8 input is an error.
pub fn decode<'a>(bytes: &'a [u8], path: &str) -> Result<&'a str, Diagnostic> {
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(Diagnostic::error(
            path,
            0,
            format!(
                "source is {} bytes, more than the {MAX_SOURCE_BYTES}-byte limit",
                bytes.len()
            ),
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Diagnostic::error(path, 0, "source is empty"));
    }
    if let Some(pos) = bytes.iter().position(|b| *b == 0) {
        let line = bytes[..pos].iter().filter(|b| **b == b'\n').count() + 1;
        return Err(Diagnostic::error(
            path,
            line,
            "source contains NUL bytes: binary, not text",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        Diagnostic::error(path, line, "source is not UTF-8 text")
    })
}

/// Reads and extracts one source already in memory; `Err` when it is unusable.
pub fn parse_source(
    bytes: &[u8],
    path: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<extract::Doc, Diagnostic> {
    let text = decode(bytes, path)?;
    let kind = source_kind(path, text).ok_or_else(|| {
        Diagnostic::error(
            path,
            0,
            "not a Tencent Cloud API doc: unknown file type and no PDF footer, page heading or HTML found",
        )
    })?;
    let blocks = blocks_of(kind, text, path, diags)?;
    let (mut doc, more) = extract::extract(&blocks, path);
    diags.extend(more);
    doc.history = history::extract_history(&blocks, path, diags);
    if doc.actions.is_empty() && doc.types.is_empty() && doc.errors.is_empty() {
        return Err(Diagnostic::error(
            path,
            0,
            "no action, data structure or error code found in this source",
        ));
    }
    Ok(doc)
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `path` relative to `repo_root`, with `/` separators.
fn relative(path: &Path, repo_root: &Path) -> String {
    let rel = path.strip_prefix(repo_root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads `sources` (paths are reported relative to `repo_root`) and builds the specs.
pub fn parse_files(sources: &[PathBuf], repo_root: &Path) -> Result<ParseReport, ParseError> {
    let mut diagnostics = Vec::new();
    let mut docs = Vec::new();
    let mut files = Vec::new();
    for source in sources {
        let path = relative(source, repo_root);
        let bytes = match std::fs::read(source) {
            Ok(b) => b,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    path,
                    0,
                    format!("cannot read source: {e}"),
                ));
                continue;
            }
        };
        match parse_source(&bytes, &path, &mut diagnostics) {
            Ok(doc) => {
                files.push(SourceFile {
                    path,
                    sha256: sha256_hex(&bytes),
                });
                docs.push(doc);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    if docs.is_empty() {
        return Err(all_errors(diagnostics, "no sources given"));
    }
    let specs = merge::merge(docs, &files, &mut diagnostics);
    if specs.is_empty() {
        return Err(all_errors(diagnostics, "no spec could be built"));
    }
    Ok(ParseReport { specs, diagnostics })
}

/// The error of a failed parse: every error diagnostic, or `fallback` when there is none.
fn all_errors(diagnostics: Vec<Diagnostic>, fallback: &str) -> ParseError {
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        ParseError(vec![Diagnostic::error("", 0, fallback)])
    } else {
        ParseError(errors)
    }
}
