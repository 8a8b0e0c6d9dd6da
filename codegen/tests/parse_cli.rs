//! `tcgen parse` end to end: what it prints when sources fail and what its summary counts.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn read_source(name: &str) -> String {
    let path = repo_root().join("spec/sources").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn tcgen_parse(dir: &Path, files: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tcgen"))
        .current_dir(dir)
        .arg("parse")
        .args(files)
        .arg("-o")
        .arg(dir.join("spec"))
        .output()
        .unwrap_or_else(|e| panic!("tcgen runs: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every failing source is listed as `path:line: error: why`, not only the first.
#[test]
fn every_failing_source_is_reported_when_none_can_be_used() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("empty.page.txt"), "").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("binary.html"), b"<html>\0\0").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("notes.txt"), "shopping list\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = tcgen_parse(dir.path(), &["empty.page.txt", "binary.html", "notes.txt"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for line in [
        "empty.page.txt:0: error: source is empty",
        "binary.html:1: error: source contains NUL bytes",
        "notes.txt:0: error: not a Tencent Cloud API doc",
    ] {
        assert!(stderr.contains(line), "missing {line:?} in:\n{stderr}");
    }
    assert!(!dir.path().join("spec").exists(), "nothing is written");
}

/// With one usable source among broken ones, the spec is written and each failure is listed.
#[test]
fn failures_beside_a_usable_source_are_each_reported() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let page = "cbs-CopySnapshotCrossRegions.en-US.page.txt";
    std::fs::write(dir.path().join(page), read_source(page)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("a.html"), "").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("b.pdf.txt"), "\u{0}").unwrap_or_else(|e| panic!("{e}"));
    let out = tcgen_parse(dir.path(), &[page, "a.html", "b.pdf.txt"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("a.html:0: error: source is empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains("b.pdf.txt:1: error: source contains NUL bytes"),
        "{stderr}"
    );
    assert!(
        text(&out.stdout).contains("2 errors"),
        "{}",
        text(&out.stdout)
    );
    assert!(dir.path().join("spec/cbs/2017-03-12.json").exists());
}

/// cbs-CopySnapshotCrossRegions.en-US.page.txt:51-80 with its code removed: the example's
/// title is still there, but no input or output can be recovered, so the summary counts no
/// example (it used to count the entry).
#[test]
fn summary_counts_examples_with_input_or_output() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let page = "cbs-CopySnapshotCrossRegions.en-US.page.txt";
    let whole = read_source(page);
    let out = tcgen_parse_text(dir.path(), page, &whole);
    assert!(out.contains("cbs 2017-03-12: 1 action,"), "{out}");
    assert!(out.contains(", 1 example"), "{out}");
    let without_code: Vec<&str> = whole
        .lines()
        .enumerate()
        .filter(|(i, _)| !(52..80).contains(i))
        .map(|(_, l)| l)
        .collect();
    let out = tcgen_parse_text(dir.path(), page, &without_code.join("\n"));
    assert!(
        out.contains(", 0 examples, 1 example without input or output"),
        "{out}"
    );
}

fn tcgen_parse_text(dir: &Path, name: &str, source: &str) -> String {
    std::fs::write(dir.join(name), source).unwrap_or_else(|e| panic!("{e}"));
    let out = tcgen_parse(dir, &[name]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// A directory stands for every file below it (as `spec/sources/` does for regen): the page in
/// a sub-folder is parsed, the note beside it is reported by its path, and an empty directory
/// is an error of its own.
#[test]
fn directories_are_read_recursively() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let docs = dir.path().join("docs/snapshots");
    std::fs::create_dir_all(&docs).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(dir.path().join("nothing")).unwrap_or_else(|e| panic!("{e}"));
    let page = "cbs-CopySnapshotCrossRegions.en-US.page.txt";
    std::fs::write(docs.join(page), read_source(page)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("docs/notes.txt"), "shopping list\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = tcgen_parse(dir.path(), &["docs", "nothing"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("docs/notes.txt:0: error: not a Tencent Cloud API doc"),
        "{stderr}"
    );
    assert!(
        stderr.contains("nothing:0: error: directory holds no source files"),
        "{stderr}"
    );
    assert!(
        text(&out.stdout).contains("2 errors"),
        "{}",
        text(&out.stdout)
    );
    assert!(dir.path().join("spec/cbs/2017-03-12.json").exists());

    let out = tcgen_parse(dir.path(), &["nothing"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no usable source, nothing written"));
}

/// A source outside the repository root keeps its absolute path in warnings, with one leading
/// `/` (it used to print `//tmp/...`).
#[test]
fn a_source_outside_the_root_is_named_by_its_absolute_path() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let empty = dir.path().join("empty.page.txt");
    std::fs::write(&empty, "").unwrap_or_else(|e| panic!("{e}"));
    let cwd = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let absolute = empty.to_string_lossy().into_owned();
    let out = tcgen_parse(cwd.path(), &[&absolute]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!("{absolute}:0: error: source is empty")),
        "{stderr}"
    );
}
