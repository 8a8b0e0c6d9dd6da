//! Docs -> spec: front-ends per source format, one extractor, merging of several sources.
//!
//! `parse_files` reads every source, picks its front-end by file name (`.pdf.txt`,
//! `.page.txt`, `.html`/`.htm`) or, failing that, by sniffing the content, turns the blocks
//! into a [`extract::Doc`] and merges the docs into one spec per (service, version).

pub mod examples;
pub mod extract;
pub mod html;
pub mod markdown;
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
use crate::summary::KindCounts;

/// What parsing a set of sources produced.
#[derive(Debug, Default)]
pub struct ParseReport {
    /// One spec per (service, version) the sources describe, sorted by service then version.
    pub specs: Vec<Spec>,
    /// Warnings (and errors for sources that could not be used), in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// What came through per source kind (`Markdown`, `PDF text`, ..., `metadata`).
    pub kinds: std::collections::BTreeMap<String, KindCounts>,
    /// One line per file that is not a doc page and was read as metadata or skipped.
    pub notes: Vec<String>,
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
    /// A Markdown doc source (Tencent's own docs repository).
    Markdown,
}

impl SourceKind {
    /// The kind's name in summaries.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::PdfText => "PDF text",
            SourceKind::PageText => "page text",
            SourceKind::Html => "HTML",
            SourceKind::Markdown => "Markdown",
        }
    }
}

impl ParseReport {
    /// What came through, one line per source kind (`sources: 91 Markdown, 77 actions, ...`),
    /// then one line per metadata file read or skipped.
    pub fn sources_summary(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .kinds
            .iter()
            .map(|(kind, counts)| format!("sources: {}", counts.describe(kind)))
            .collect();
        out.extend(self.notes.iter().cloned());
        out
    }
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
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        return Some(SourceKind::Markdown);
    }
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.contains("<html") || head.contains("<!doctype html") {
        Some(SourceKind::Html)
    } else if markdown::looks_like_markdown(text) {
        Some(SourceKind::Markdown)
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
        SourceKind::Markdown => Ok(markdown::blocks(text, path, diags)),
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
    if let Some(pos) = memchr::memchr(0, bytes) {
        let line = line_of(bytes, pos);
        return Err(Diagnostic::error(
            path,
            line,
            "source contains NUL bytes: binary, not text",
        ));
    }
    // The SIMD check accepts exactly what `std` does; only a failure asks `std` where.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(
            path,
            line_of(bytes, e.valid_up_to()),
            "source is not UTF-8 text",
        )
    })
}

/// The 1-based line of byte `pos` of `bytes`.
fn line_of(bytes: &[u8], pos: usize) -> usize {
    memchr::memchr_iter(b'\n', bytes.get(..pos).unwrap_or(bytes)).count() + 1
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
    doc.kind = Some(kind);
    // A page with headings or tables but nothing for the spec (an introduction, the
    // signature how-to) is judged by its folder in `parse_files`; text with neither is not
    // a doc page at all.
    let structured = blocks
        .iter()
        .any(|b| b.heading_level().is_some() || b.cells().is_some());
    if doc.holds_nothing() && !structured {
        return Err(no_content(path));
    }
    Ok(doc)
}

fn no_content(path: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        0,
        "no action, data structure or error code found in this source",
    )
}

/// A file of a docs tree that is not a page: `category_i18n.json` (folder name -> category
/// name per language) is read, a `MANIFEST.tsv` (where the files came from) is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Metadata {
    CategoryNames,
    Manifest,
}

fn metadata_kind(path: &str) -> Option<Metadata> {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    match name.as_str() {
        "category_i18n.json" => Some(Metadata::CategoryNames),
        n if n.starts_with("manifest") && n.ends_with(".tsv") => Some(Metadata::Manifest),
        _ => None,
    }
}

/// Reads a `category_i18n.json`: `{"实例相关接口": {"en": "Instance-related APIs"}}`.
fn category_names(
    bytes: &[u8],
    path: &str,
) -> Result<std::collections::BTreeMap<String, crate::spec::Localized>, Diagnostic> {
    let bad = |why: String| Diagnostic::error(path, 0, format!("category names: {why}"));
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| bad(format!("not JSON: {e}")))?;
    let object = value
        .as_object()
        .ok_or_else(|| bad("not a JSON object".into()))?;
    let mut out = std::collections::BTreeMap::new();
    for (folder, names) in object {
        // The key is the folder's own name, in the language the folder names are written in.
        let mut names_by_lang = folder_name(folder);
        for (lang, name) in names.as_object().into_iter().flatten() {
            let tag = match lang.as_str() {
                "en" => "en-US",
                "zh" => "zh-CN",
                "ja" => "ja-JP",
                other => other,
            };
            if let Some(name) = name.as_str() {
                names_by_lang.insert(tag.to_string(), name.to_string());
            }
        }
        out.insert(folder.clone(), names_by_lang);
    }
    Ok(out)
}

/// A folder's name as a localized text, in the language it is written in (CJK: `zh-CN`).
fn folder_name(name: &str) -> crate::spec::Localized {
    let lang = if name.chars().any(text::is_wide) {
        "zh-CN"
    } else {
        "en-US"
    };
    crate::spec::Localized::from([(lang.to_string(), name.to_string())])
}

/// The folder of `path` (`a/b/c.md` -> `a/b`).
fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Gives every doc in a folder that a `category_i18n.json` beside the folder names its
/// category (`<dir>/category_i18n.json` names `<dir>/<folder>/`).
fn apply_folder_categories(docs: &mut [extract::Doc], names: &CategoryNames) {
    for doc in docs {
        let folder = folder_of(&doc.path);
        let Some((parent, name)) = folder.rsplit_once('/') else {
            continue;
        };
        if let Some(category) = names.get(parent).and_then(|m| m.get(name)) {
            doc.folder_category.clone_from(category);
        }
    }
}

/// Gives every doc without a title of its own the name of its product folder: in Tencent's
/// docs tree, the nearest folder above a page that holds a `category_i18n.json` (which names
/// the product's category folders), `…/计算/云服务器/` for the CVM pages. A
/// `category_i18n.json` one level up that names the product folder adds its other languages.
fn apply_product_titles(docs: &mut [extract::Doc], names: &CategoryNames) {
    for doc in docs.iter_mut().filter(|d| d.title.is_empty()) {
        let mut folders = std::iter::successors(Some(folder_of(&doc.path)), |f| {
            (!f.is_empty()).then(|| folder_of(f))
        });
        let Some(product) = folders.find(|f| !f.is_empty() && names.contains_key(*f)) else {
            continue;
        };
        let (parent, name) = product.rsplit_once('/').unwrap_or(("", product));
        doc.title = folder_name(name);
        if let Some(other) = names.get(parent).and_then(|m| m.get(name)) {
            doc.title
                .extend(other.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `path` relative to `repo_root`, with `/` separators (a path outside the root stays
/// absolute: `/tmp/docs/a.md`, not `//tmp/docs/a.md`).
fn relative(path: &Path, repo_root: &Path) -> String {
    let rel = path.strip_prefix(repo_root).unwrap_or(path);
    let joined = rel
        .components()
        .filter(|c| !matches!(c, std::path::Component::RootDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if rel.has_root() {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Reads `sources` (paths are reported relative to `repo_root`) and builds the specs.
pub fn parse_files(sources: &[PathBuf], repo_root: &Path) -> Result<ParseReport, ParseError> {
    let mut reading = Reading::default();
    for source in sources {
        reading.read(source, repo_root);
    }
    reading.finish()
}

/// Category names by the folder whose `category_i18n.json` gives them, then by sub-folder.
type CategoryNames =
    std::collections::BTreeMap<String, std::collections::BTreeMap<String, crate::spec::Localized>>;

/// Everything read so far by [`parse_files`].
#[derive(Default)]
struct Reading {
    diagnostics: Vec<Diagnostic>,
    docs: Vec<extract::Doc>,
    /// The doc pages read.
    files: Vec<SourceFile>,
    /// The `category_i18n.json` files read (listed in the specs whose pages they name).
    category_files: Vec<SourceFile>,
    kinds: std::collections::BTreeMap<String, KindCounts>,
    notes: Vec<String>,
    categories: CategoryNames,
}

impl Reading {
    fn count(&mut self, kind: &str) -> &mut KindCounts {
        self.kinds.entry(kind.to_string()).or_default()
    }

    /// Reads one file: a page, a metadata file, or an error.
    fn read(&mut self, source: &Path, repo_root: &Path) {
        let path = relative(source, repo_root);
        let bytes = match std::fs::read(source) {
            Ok(b) => b,
            Err(e) => {
                let d = Diagnostic::error(path, 0, format!("cannot read source: {e}"));
                self.diagnostics.push(d);
                return;
            }
        };
        let file = SourceFile {
            sha256: sha256_hex(&bytes),
            path: path.clone(),
        };
        match metadata_kind(&path) {
            Some(Metadata::Manifest) => {
                self.notes.push(format!(
                    "{path}: manifest of the docs' origin, not a page: skipped"
                ));
                self.count("metadata").files += 1;
            }
            Some(Metadata::CategoryNames) => match category_names(&bytes, &path) {
                Ok(names) => {
                    self.notes.push(format!(
                        "{path}: category names of {} folders, read",
                        names.len()
                    ));
                    self.count("metadata").files += 1;
                    self.categories.insert(folder_of(&path).to_string(), names);
                    self.category_files.push(file);
                }
                Err(d) => self.diagnostics.push(d),
            },
            None => match parse_source(&bytes, &path, &mut self.diagnostics) {
                Ok(doc) => {
                    if let Some(kind) = doc.kind {
                        self.count(kind.label()).add(&doc);
                    }
                    self.files.push(file);
                    self.docs.push(doc);
                }
                Err(d) => self.diagnostics.push(d),
            },
        }
    }

    /// Gives pages their folder's service and category, merges them into specs.
    fn finish(mut self) -> Result<ParseReport, ParseError> {
        apply_folder_categories(&mut self.docs, &self.categories);
        apply_product_titles(&mut self.docs, &self.categories);
        merge::assign_by_folder(&mut self.docs);
        self.drop_pages_without_content();
        let files = &self.files;
        let docs = std::mem::take(&mut self.docs);
        if docs.is_empty() {
            return Err(all_errors(self.diagnostics, "no sources given"));
        }
        let kept: Vec<SourceFile> = files
            .iter()
            .filter(|f| docs.iter().any(|d| d.path == f.path))
            .cloned()
            .collect();
        let mut specs = merge::merge(docs, &kept, &mut self.diagnostics);
        if specs.is_empty() {
            return Err(all_errors(self.diagnostics, "no spec could be built"));
        }
        for spec in &mut specs {
            list_category_files(spec, &self.category_files);
        }
        Ok(ParseReport {
            specs,
            diagnostics: self.diagnostics,
            kinds: self.kinds,
            notes: self.notes,
        })
    }

    /// A page with nothing for the spec is a warning beside a product's pages, else an error.
    fn drop_pages_without_content(&mut self) {
        let diagnostics = &mut self.diagnostics;
        self.docs.retain(|doc| {
            if !doc.holds_nothing() {
                return true;
            }
            if doc.service.is_some() && doc.version.is_some() {
                diagnostics.push(Diagnostic::warning(
                    doc.path.clone(),
                    0,
                    "a page of the product's docs with nothing the spec records (no action, data structure, error code, overview, region or release history)",
                ));
                return true;
            }
            diagnostics.push(no_content(&doc.path));
            false
        });
    }
}

/// Lists a `category_i18n.json` among a spec's sources when it names a folder of the spec's
/// pages.
fn list_category_files(spec: &mut Spec, category_files: &[SourceFile]) {
    for file in category_files {
        let prefix = format!("{}/", folder_of(&file.path));
        if spec.sources.iter().any(|s| s.path.starts_with(&prefix)) {
            spec.sources.push(file.clone());
        }
    }
    spec.sources.sort();
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
