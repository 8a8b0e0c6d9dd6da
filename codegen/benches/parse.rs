//! Throughput of parsing the whole Lighthouse API doc (the PDF export, about 1 MB), reported in
//! bytes per second: `cargo bench -p tcgen --bench parse`.
//!
//! - `parse_files`: the whole pipeline as `tcgen parse` runs it (read, front-end, extractor,
//!   merge into the spec);
//! - `pdf_front_end`: the PDF-text front-end alone (text to blocks).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tcgen::parse::{blocks_of, parse_files, SourceKind};

const DOC: &str = "spec/sources/lighthouse-api-doc.zh-CN.pdf.txt";

fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn parse_whole_doc(c: &mut Criterion) {
    let root = repo_root();
    let path = root.join(DOC);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    };
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
    group.finish();
}

criterion_group!(benches, parse_whole_doc);
criterion_main!(benches);
