//! Parser throughput in bytes per second: `cargo bench -p tcgen --bench parse`.
//!
//! Group `lighthouse_doc`, the whole Lighthouse API doc (the PDF export, about 1 MB):
//! - `parse_files`: the whole pipeline as `tcgen parse` runs it (read, front-end, extractor,
//!   merge into the spec);
//! - `pdf_front_end`: the PDF-text front-end alone (text to blocks);
//! - `extract`: the extractor alone (blocks to a doc);
//! - `sha256`: the source's digest that the spec records (once per file in `parse_files`).
//!
//! Group `all_sources`, every file of `spec/sources/` (what `cargo xtask regen` parses: the PDF
//! export, the page-text copies and the Markdown docs tree):
//! - `parse_files`: the whole pipeline over all of them;
//! - `<kind>_front_end`: one front-end over every source of its kind, throughput counted in
//!   those sources' bytes.
//!
//! Instruction counts, which unlike wall time are repeatable on a shared machine, come from the
//! `parse_sources` example under callgrind (see its docs).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tcgen::generate::output::list_files;
use tcgen::parse::{blocks_of, extract, parse_files, sha256_hex, source_kind, SourceKind};

/// The allocator the `tcgen` binary runs with, so the figures are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DOC: &str = "spec/sources/lighthouse-api-doc.zh-CN.pdf.txt";
const SOURCES: &str = "spec/sources";

fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn read(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    }
}

fn lighthouse_doc(c: &mut Criterion) {
    let root = repo_root();
    let path = root.join(DOC);
    let text = read(&path);
    let mut group = c.benchmark_group("lighthouse_doc");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    let sources = [path];
    group.bench_function("parse_files", |b| {
        b.iter(|| {
            let report = parse_files(black_box(&sources), &root);
            black_box(report.map(|r| r.specs.len()).unwrap_or(0))
        })
    });
    group.bench_function("pdf_front_end", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            let blocks = blocks_of(SourceKind::PdfText, black_box(&text), DOC, &mut diags);
            black_box(blocks.map(|b| b.len()).unwrap_or(0))
        })
    });
    let mut diags = Vec::new();
    let blocks = blocks_of(SourceKind::PdfText, &text, DOC, &mut diags).unwrap_or_default();
    group.bench_function("extract", |b| {
        b.iter(|| {
            let (doc, diags) = extract::extract(black_box(&blocks), DOC);
            black_box((doc.actions.len(), diags.len()))
        })
    });
    group.bench_function("sha256", |b| {
        b.iter(|| black_box(sha256_hex(black_box(text.as_bytes()))))
    });
    group.finish();
}

/// Every source of `spec/sources/` that is a page, with its kind, relative path and text.
fn pages(root: &Path) -> Vec<(SourceKind, String, String)> {
    let files = list_files(root, SOURCES).unwrap_or_else(|e| panic!("{SOURCES}: {e}"));
    files
        .into_iter()
        .filter_map(|rel| {
            let text = std::fs::read_to_string(root.join(&rel)).ok()?;
            let kind = source_kind(&rel, &text)?;
            Some((kind, rel, text))
        })
        .collect()
}

fn all_sources(c: &mut Criterion) {
    let root = repo_root();
    let sources: Vec<PathBuf> = list_files(&root, SOURCES)
        .unwrap_or_else(|e| panic!("{SOURCES}: {e}"))
        .into_iter()
        .map(|rel| root.join(rel))
        .collect();
    let total: u64 = sources
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    let pages = pages(&root);
    let mut group = c.benchmark_group("all_sources");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(total));
    group.bench_function("parse_files", |b| {
        b.iter(|| {
            let report = parse_files(black_box(&sources), &root);
            black_box(report.map(|r| r.specs.len()).unwrap_or(0))
        })
    });
    for kind in [
        SourceKind::PdfText,
        SourceKind::PageText,
        SourceKind::Markdown,
    ] {
        let of_kind: Vec<_> = pages.iter().filter(|(k, _, _)| *k == kind).collect();
        let bytes: usize = of_kind.iter().map(|(_, _, text)| text.len()).sum();
        if bytes == 0 {
            continue;
        }
        group.throughput(Throughput::Bytes(bytes as u64));
        let name = format!(
            "{}_front_end",
            kind.label().replace(' ', "_").to_lowercase()
        );
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut diags = Vec::new();
                let mut n = 0;
                for (kind, path, text) in &of_kind {
                    let blocks = blocks_of(*kind, black_box(text), path, &mut diags);
                    n += blocks.map(|b| b.len()).unwrap_or(0);
                }
                black_box(n)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, lighthouse_doc, all_sources);
criterion_main!(benches);
