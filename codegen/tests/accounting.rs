//! Nothing lost silently: over every file in `spec/sources/`, each table row a front-end
//! produces ends as a field, a data-structure field, an error code, an overview entry, a
//! region, a common parameter, or a warning naming its `path:line`. Zero rows unaccounted.
//!
//! So that it cannot pass vacuously, the Markdown sources' rows are also counted straight
//! from their text (every `|` line that is neither a header nor a delimiter row), and that
//! count must equal what the front-end gave.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tcgen::blocks::Block;
use tcgen::diagnostics::Diagnostic;
use tcgen::parse::extract::{extract, RowUse};
use tcgen::parse::{blocks_of, decode, source_kind, SourceKind};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Rows counted from the Markdown text itself: a table is a header line, a delimiter line
/// (`|---|`), then `|` lines.
fn markdown_rows_by_text(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let is_delimiter = |l: &str| {
        l.starts_with('|')
            && l.contains('-')
            && l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    };
    let mut rows = 0;
    let mut i = 0;
    while i < lines.len() {
        if i + 1 < lines.len() && lines[i].starts_with('|') && is_delimiter(lines[i + 1]) {
            i += 2;
            while i < lines.len() && lines[i].starts_with('|') {
                rows += 1;
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    rows
}

#[derive(Default, Debug)]
struct Tally {
    rows: usize,
    by_use: BTreeMap<String, usize>,
    warned_by_table: BTreeMap<String, usize>,
    unaccounted: Vec<String>,
}

fn account(path: &str, blocks: &[Block], tally: &mut Tally) {
    let (doc, diags): (_, Vec<Diagnostic>) = extract(blocks, path);
    let mut rows: Vec<usize> = blocks
        .iter()
        .filter(|b| b.cells().is_some() && !b.is_header_row())
        .map(|b| b.line)
        .collect();
    tally.rows += rows.len();
    let mut recorded: Vec<usize> = doc.rows.iter().map(|r| r.line).collect();
    rows.sort_unstable();
    recorded.sort_unstable();
    if rows != recorded {
        let missing: Vec<usize> = rows
            .iter()
            .filter(|l| !recorded.contains(l))
            .copied()
            .collect();
        tally.unaccounted.push(format!(
            "{path}: {} rows, {} recorded; rows at lines {missing:?} have no record",
            rows.len(),
            recorded.len()
        ));
    }
    for r in &doc.rows {
        let key = match r.used {
            RowUse::Warned(at) => {
                let warned = diags.iter().any(|d| d.line == at && d.path == path);
                if !warned {
                    tally.unaccounted.push(format!(
                        "{path}:{}: row recorded as warned at line {at}, but there is no such warning",
                        r.line
                    ));
                }
                *tally
                    .warned_by_table
                    .entry(format!("{path}:{at}"))
                    .or_insert(0) += 1;
                "warned".to_string()
            }
            other => format!("{other:?}"),
        };
        *tally.by_use.entry(key).or_insert(0) += 1;
    }
}

#[test]
fn every_table_row_of_every_source_is_accounted_for() {
    let root = repo_root();
    let files = tcgen::generate::output::list_files(&root, "spec/sources").expect("sources");
    let mut tally = Tally::default();
    let mut markdown_pages = 0;
    let mut markdown_rows = 0;
    for rel in &files {
        let bytes = std::fs::read(root.join(rel)).expect("readable source");
        let Ok(text) = decode(&bytes, rel) else {
            continue;
        };
        let Some(kind) = source_kind(rel, text) else {
            // Metadata (`MANIFEST.tsv`, `category_i18n.json`): no tables.
            assert!(
                rel.ends_with(".tsv") || rel.ends_with(".json"),
                "{rel}: not a doc and not metadata"
            );
            continue;
        };
        let mut diags = Vec::new();
        let blocks = blocks_of(kind, text, rel, &mut diags).expect("every shipped source reads");
        if kind == SourceKind::Markdown {
            markdown_pages += 1;
            let by_text = markdown_rows_by_text(text);
            let by_front_end = blocks
                .iter()
                .filter(|b| b.cells().is_some() && !b.is_header_row())
                .count();
            assert_eq!(
                by_text, by_front_end,
                "{rel}: the text holds {by_text} table rows, the front-end gave {by_front_end}"
            );
            markdown_rows += by_text;
        }
        account(rel, &blocks, &mut tally);
    }
    assert!(
        tally.unaccounted.is_empty(),
        "{} problems:\n{}",
        tally.unaccounted.len(),
        tally.unaccounted.join("\n")
    );
    // The shipped docs: 91 Markdown pages (CVM and CBS) beside the Lighthouse sources.
    assert_eq!(markdown_pages, 91, "{tally:?}");
    let used: usize = tally.by_use.values().sum();
    assert_eq!(used, tally.rows, "{tally:?}");
    // What the CVM and CBS Markdown pages hold (they are shipped verbatim), counted from
    // their text when they were added; the other sources add their own rows on top.
    assert_eq!(markdown_rows, MARKDOWN_ROWS, "{tally:?}");
    assert!(tally.rows > markdown_rows, "{tally:?}");
    eprintln!(
        "{} rows: {:?}; Markdown rows {markdown_rows}",
        tally.rows, tally.by_use
    );
    for kind in ["Field", "TypeField", "ErrorCode", "Overview", "Region"] {
        assert!(tally.by_use.get(kind).is_some_and(|n| *n > 0), "{tally:?}");
    }
}

/// Table rows (header rows not counted) of the Markdown pages in `spec/sources/`.
const MARKDOWN_ROWS: usize = 1493;
