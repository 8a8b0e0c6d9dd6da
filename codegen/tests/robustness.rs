//! Bad input never panics the parser: a bounded, seeded (so reproducible) mutation loop over
//! the real sources — truncation, shuffled, dropped and duplicated lines, random bytes — plus
//! empty, blank, binary, non-UTF-8, huge and unrelated files, all through
//! `tcgen::parse::parse_files` on temporary files; the browser-copy (TAB text) and HTML forms of
//! the corpus (an action page, a data-structure page), and pages nested 20,000 elements deep.
//!
//! Every outcome must be one of: an error naming the file, or specs whose diagnostics all
//! name the file. A doc cut in half gives a partial spec plus warnings.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use tcgen::diagnostics::Severity;
use tcgen::parse::{parse_files, ParseReport, MAX_SOURCE_BYTES};

/// Mutated inputs per seed file.
const ROUNDS: usize = 64;
/// Fixed seed: a failure names its round, and the same round reproduces it.
const SEED: u64 = 0x7c3a_91e5_d2f0_4b68;

fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn source(name: &str) -> Vec<u8> {
    let path = repo_root().join("spec/sources").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// xorshift64*: tiny, deterministic, good enough to pick mutation points.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// What a test case feeds the parser and what it calls the case in messages.
struct Case {
    label: String,
    bytes: Vec<u8>,
}

fn lines_of(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect()
}

fn join_lines(lines: &[Vec<u8>]) -> Vec<u8> {
    lines.join(&b'\n')
}

/// One random mutation of `seed`.
fn mutate(seed: &[u8], rng: &mut Rng) -> (String, Vec<u8>) {
    let mut lines = lines_of(seed);
    match rng.below(6) {
        0 => {
            let at = rng.below(seed.len());
            (format!("truncated at byte {at}"), seed[..at].to_vec())
        }
        1 => {
            let n = 1 + rng.below(lines.len() / 4 + 1);
            for _ in 0..n {
                let a = rng.below(lines.len());
                let b = rng.below(lines.len());
                lines.swap(a, b);
            }
            (format!("{n} line swaps"), join_lines(&lines))
        }
        2 => {
            let n = 1 + rng.below(lines.len() / 3 + 1);
            for _ in 0..n {
                if !lines.is_empty() {
                    let at = rng.below(lines.len());
                    lines.remove(at);
                }
            }
            (format!("{n} lines dropped"), join_lines(&lines))
        }
        3 => {
            let mut bytes = seed.to_vec();
            let n = 1 + rng.below(64);
            for _ in 0..n {
                let at = rng.below(bytes.len() + 1);
                bytes.insert(at, (rng.next() & 0xff) as u8);
            }
            (format!("{n} random bytes inserted"), bytes)
        }
        4 => {
            let n = 1 + rng.below(lines.len() / 4 + 1);
            for _ in 0..n {
                let from = rng.below(lines.len());
                let to = rng.below(lines.len() + 1);
                let line = lines.get(from).cloned().unwrap_or_default();
                lines.insert(to, line);
            }
            (format!("{n} lines duplicated"), join_lines(&lines))
        }
        _ => {
            let keep = rng.below(lines.len() + 1);
            let start = rng.below(lines.len() - keep + 1);
            let window = lines[start..start + keep].to_vec();
            (
                format!("lines {}..{} only", start + 1, start + keep),
                join_lines(&window),
            )
        }
    }
}

/// Writes `case` as `name` in a fresh directory and parses it; panics are caught and turned
/// into a test failure naming the case.
fn run(case: &Case, name: &str) -> (String, Result<ParseReport, tcgen::parse::ParseError>) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let path = dir.path().join(name);
    std::fs::write(&path, &case.bytes).unwrap_or_else(|e| panic!("write: {e}"));
    let outcome = catch_unwind(AssertUnwindSafe(|| parse_files(&[path], dir.path())));
    match outcome {
        Ok(result) => (name.to_string(), result),
        Err(_) => panic!("parse_files panicked on {name} ({})", case.label),
    }
}

/// The outcome is a clean error naming the file, or specs whose diagnostics name the file.
fn check(case: &Case, name: &str) -> Result<ParseReport, ()> {
    let (relative, result) = run(case, name);
    match result {
        Err(err) => {
            assert!(
                !err.0.is_empty(),
                "{}: an error without a reason",
                case.label
            );
            for d in &err.0 {
                assert_eq!(
                    d.path, relative,
                    "{}: error names another file: {d}",
                    case.label
                );
                assert_eq!(d.severity, Severity::Error, "{}: {d}", case.label);
                assert!(!d.message.is_empty(), "{}: empty message", case.label);
            }
            Err(())
        }
        Ok(report) => {
            assert!(
                !report.specs.is_empty(),
                "{}: Ok without a spec",
                case.label
            );
            for d in &report.diagnostics {
                assert_eq!(d.path, relative, "{}: {d}", case.label);
            }
            Ok(report)
        }
    }
}

fn mutated_cases(seed_name: &str, seed: &[u8], rng: &mut Rng) -> Vec<Case> {
    (0..ROUNDS)
        .map(|round| {
            let (what, bytes) = mutate(seed, rng);
            Case {
                label: format!("{seed_name} round {round}: {what}"),
                bytes,
            }
        })
        .collect()
}

#[test]
fn mutated_pages_never_panic() {
    let mut rng = Rng(SEED);
    for name in [
        "lighthouse-SyncBlueprint.en-US.page.txt",
        "lighthouse-CreateBlueprint.en-US.page.txt",
        "lighthouse-CreateInstances.en-US.page.txt",
        "cbs-CopySnapshotCrossRegions.en-US.page.txt",
    ] {
        let seed = source(name);
        let parsed = mutated_cases(name, &seed, &mut rng)
            .iter()
            .filter(|case| check(case, name).is_ok())
            .count();
        eprintln!("{name}: {parsed} of {ROUNDS} mutants still gave a spec");
        assert!(parsed > 0, "{name}: no mutant gave a (partial) spec");
    }
}

/// A stretch of the PDF export (the image chapter: several actions, tables cut by page
/// breaks, JSON examples cut across pages) keeps the mutation rounds fast.
fn pdf_excerpt() -> Vec<u8> {
    let doc = source("lighthouse-api-doc.zh-CN.pdf.txt");
    let lines = lines_of(&doc);
    let end = lines.len().min(9_000);
    let start = end.min(5_800);
    join_lines(&lines[start..end])
}

#[test]
fn mutated_pdf_text_never_panics() {
    let mut rng = Rng(SEED ^ 0xa5a5);
    let seed = pdf_excerpt();
    let name = "lighthouse-api-doc.zh-CN.pdf.txt";
    let parsed = mutated_cases(name, &seed, &mut rng)
        .iter()
        .filter(|case| check(case, name).is_ok())
        .count();
    eprintln!("{name}: {parsed} of {ROUNDS} mutants still gave a spec");
    assert!(parsed > 0, "no mutant gave a (partial) spec");
}

#[test]
fn mutated_html_never_panics() {
    let mut rng = Rng(SEED ^ 0x5a5a);
    let path = repo_root().join("codegen/tests/fixtures/html/SyncBlueprint.en-US.html");
    let seed = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = "SyncBlueprint.en-US.html";
    let parsed = mutated_cases(name, &seed, &mut rng)
        .iter()
        .filter(|case| check(case, name).is_ok())
        .count();
    eprintln!("{name}: {parsed} of {ROUNDS} mutants still gave a spec");
    assert!(parsed > 0, "no mutant gave a (partial) spec");
}

/// The corpus in its browser-copy (TAB text) and HTML forms: an action page and a
/// data-structure page of each (`codegen/tests/fixtures/corpus-forms`).
const CORPUS_FORMS: &str = "codegen/tests/fixtures/corpus-forms/api/API 3.0/计算/云硬盘";

fn corpus_form(relative: &str) -> Vec<u8> {
    let path = repo_root().join(CORPUS_FORMS).join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A data-structure page alone names no service, so it gives a clean error naming the file
/// ("no spec"); only the action page has to keep giving (partial) specs.
#[test]
fn mutated_tab_text_and_data_structure_pages_never_panic() {
    let mut rng = Rng(SEED ^ 0x7ab);
    for (relative, name, gives_spec) in [
        (
            "云硬盘相关接口/创建云硬盘_intl.page.txt",
            "cbs-CreateDisks.page.txt",
            true,
        ),
        ("数据结构_intl.page.txt", "cbs-types.page.txt", false),
        ("数据结构_intl.html", "cbs-types.html", false),
    ] {
        let seed = corpus_form(relative);
        let parsed = mutated_cases(name, &seed, &mut rng)
            .iter()
            .filter(|case| check(case, name).is_ok())
            .count();
        eprintln!("{name}: {parsed} of {ROUNDS} mutants still gave a spec");
        assert!(
            parsed > 0 || !gives_spec,
            "{name}: no mutant gave a (partial) spec"
        );
    }
}

/// The Markdown front-end on Tencent's own pages (spec/sources/qcloud-documents): an action
/// page, the data-structure page and the release history, mutated.
#[test]
fn mutated_markdown_pages_never_panic() {
    const TREE: &str = "qcloud-documents/api/API 3.0/计算/云硬盘";
    let mut rng = Rng(SEED ^ 0x3d);
    for (relative, name, gives_spec) in [
        (
            "云硬盘相关接口/创建云硬盘_intl.md",
            "cbs-CreateDisks.md",
            true,
        ),
        ("数据结构_intl.md", "cbs-types.md", false),
        ("更新历史_intl.md", "cbs-history.md", false),
    ] {
        let seed = source(&format!("{TREE}/{relative}"));
        let parsed = mutated_cases(name, &seed, &mut rng)
            .iter()
            .filter(|case| check(case, name).is_ok())
            .count();
        eprintln!("{name}: {parsed} of {ROUNDS} mutants still gave a spec");
        assert!(
            parsed > 0 || !gives_spec,
            "{name}: no mutant gave a (partial) spec"
        );
    }
}

/// Pages nested 20,000 elements deep, in every place the HTML front-end descends (blocks,
/// inline text, table cells), give a spec or a clean error, never a stack overflow.
#[test]
fn deeply_nested_html_never_aborts() {
    const DEPTH: usize = 20_000;
    let deep = |open: &str, close: &str, inner: &str| {
        format!(
            "<html><body><h2>1. API Description</h2><p>Domain name for API request: cbs.tencentcloudapi.com</p>{}{inner}{}</body></html>",
            open.repeat(DEPTH),
            close.repeat(DEPTH)
        )
    };
    let rows = "<table><tr><th>Parameter Name</th><th>Required</th><th>Type</th><th>Description</th></tr>\
                <tr><td>Action</td><td>Yes</td><td>String</td><td>Common parameter. The value used for this API: CreateDisks</td></tr></table>";
    let cases = [
        ("divs", deep("<div>", "</div>", rows)),
        (
            "spans in a paragraph",
            format!("<p>{}</p>{rows}", deep("<span>", "</span>", "x")),
        ),
        (
            "divs in a cell",
            rows.replace("CreateDisks", &deep("<div>", "</div>", "CreateDisks")),
        ),
        ("unclosed", "<div>".repeat(DEPTH)),
    ];
    for (label, page) in cases {
        let case = Case {
            label: format!("nested {label}"),
            bytes: page.into_bytes(),
        };
        let _ = check(&case, "deep.html");
    }
}

fn expect_error(label: &str, bytes: Vec<u8>, name: &str) {
    let case = Case {
        label: label.to_string(),
        bytes,
    };
    assert!(check(&case, name).is_err(), "{label}: accepted");
}

#[test]
fn unusable_files_are_errors_naming_the_file() {
    let page = "lighthouse-SyncBlueprint.en-US.page.txt";
    let pdf = "lighthouse-api-doc.zh-CN.pdf.txt";
    expect_error("empty", Vec::new(), page);
    expect_error("blank", b" \n\n\t\n".to_vec(), pdf);
    expect_error("empty html", Vec::new(), "page.html");
    let mut rng = Rng(SEED ^ 0xb1);
    let binary: Vec<u8> = (0..4096).map(|_| (rng.next() & 0xff) as u8).collect();
    expect_error("random bytes", binary.clone(), pdf);
    expect_error("random bytes, unknown name", binary, "notes.txt");
    let mut latin1 = source(page);
    latin1.extend_from_slice(b"\n\xe9t\xe9\n");
    expect_error("not UTF-8", latin1, page);
    let unrelated = std::fs::read(repo_root().join("codegen/Cargo.toml")).unwrap_or_default();
    expect_error("unrelated text", unrelated, "Cargo.toml");
    expect_error("huge", vec![b'a'; MAX_SOURCE_BYTES + 1], pdf);
}

#[test]
fn a_doc_cut_in_half_gives_a_partial_spec_with_warnings() {
    let name = "lighthouse-api-doc.zh-CN.pdf.txt";
    let whole = source(name);
    let lines = lines_of(&whole);
    let half = join_lines(&lines[..lines.len() / 2]);
    let full = check(
        &Case {
            label: "whole doc".to_string(),
            bytes: whole,
        },
        name,
    );
    let part = check(
        &Case {
            label: "first half".to_string(),
            bytes: half,
        },
        name,
    );
    let (Ok(full), Ok(part)) = (full, part) else {
        panic!("the whole doc and its first half must both parse");
    };
    let count = |r: &ParseReport| r.specs.iter().map(|s| s.actions.len()).sum::<usize>();
    assert!(count(&part) > 0, "the first half holds actions");
    assert!(
        count(&part) < count(&full),
        "{} vs {}",
        count(&part),
        count(&full)
    );
    assert!(
        part.diagnostics.len() > full.diagnostics.len(),
        "a truncated doc warns about what it lost"
    );
}

#[test]
fn example_readers_never_panic() {
    use tcgen::parse::examples::{parse_json_example, query_to_json};
    use tcgen::spec::Field;
    let mut rng = Rng(SEED ^ 0xe1);
    let seed = "{\n    \"Response\": {\n        \"Set\": [\n            {\n                \"Key\": \"a\\\"b\",\n                \"Size\": 12\n            }\n        ],\n        \"Flag\": true,\n        \"RequestId\": \"e35a5b7b\"\n    }\n}";
    for round in 0..ROUNDS * 8 {
        let (what, bytes) = mutate(seed.as_bytes(), &mut rng);
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<(usize, String)> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.to_string()))
            .collect();
        let mut diags = Vec::new();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            parse_json_example(&lines, "example.txt", &mut diags)
        }));
        let Ok(value) = outcome else {
            panic!("parse_json_example panicked on round {round} ({what}): {text:?}");
        };
        if value.is_none() {
            assert!(
                diags.iter().any(|d| d.path == "example.txt"),
                "round {round} ({what}): null without a warning"
            );
        }
    }
    let input = [Field {
        name: "Filters".to_string(),
        ty: "Array of String".to_string(),
        required: false,
        nullable: false,
        description: Default::default(),
        example: None,
    }];
    let query = "https://h/?Action=X&Filters.0=a%20b&Filters.1=c&<Common request parameters>";
    for round in 0..ROUNDS * 8 {
        let (what, bytes) = mutate(query.as_bytes(), &mut rng);
        let text = String::from_utf8_lossy(&bytes).to_string();
        let outcome = catch_unwind(|| query_to_json(&text, &input, &[]));
        assert!(
            outcome.is_ok(),
            "query_to_json panicked on round {round} ({what}): {text:?}"
        );
    }
}
