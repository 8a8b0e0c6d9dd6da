//! Docs -> spec: front-ends per source format, one extractor, merging of several sources.

pub mod examples;

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::spec::Spec;

/// What parsing a set of sources produced.
#[derive(Debug, Default)]
pub struct ParseReport {
    /// One spec per (service, version) the sources describe, sorted by service then version.
    pub specs: Vec<Spec>,
    /// Warnings (and errors for sources that could not be used), in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parsing failed as a whole (no source could be used at all).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub Diagnostic);

/// Reads `sources` (paths are reported relative to `repo_root`) and builds the specs.
pub fn parse_files(sources: &[PathBuf], repo_root: &Path) -> Result<ParseReport, ParseError> {
    let _ = (sources, repo_root);
    Ok(ParseReport::default())
}
