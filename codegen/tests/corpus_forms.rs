//! The corpus (Tencent's Markdown docs of CVM and CBS, `spec/sources/qcloud-documents`) in the
//! three forms a user may have it in: the Markdown itself, the HTML rendered from it, and the
//! text a browser copy of that HTML gives (TAB-separated cells). Fixtures and how they were made:
//! `codegen/tests/fixtures/corpus-forms/README.md`.
//!
//! Every form parses, and all give the same actions: the same input fields (name, type,
//! required), output fields (name, type), error codes and examples (input and output JSON),
//! and the same service error codes.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tcgen::parse::{parse_files, ParseReport};
use tcgen::spec::Spec;

fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Every file under `dir` whose name ends with one of `suffixes`, sorted.
fn files(dir: &Path, suffixes: &[&str], out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, suffixes, out);
        } else if suffixes.iter().any(|s| path.to_string_lossy().ends_with(s)) {
            out.push(path);
        }
    }
    out.sort();
}

const MARKDOWN: &str = "spec/sources/qcloud-documents";
const FORMS: &str = "codegen/tests/fixtures/corpus-forms";

fn parse_form(dir: &str, suffix: &str) -> ParseReport {
    let root = repo_root();
    let mut sources = Vec::new();
    files(&root.join(dir), &[suffix], &mut sources);
    assert!(sources.len() >= 91, "{dir}: {} pages", sources.len());
    // The folders' category names (category_i18n.json) come with the Markdown.
    files(&root.join(MARKDOWN), &["category_i18n.json"], &mut sources);
    parse_files(&sources, &root).unwrap_or_else(|e| panic!("{dir} ({suffix}): {e}"))
}

/// What every form must agree on, per action and per service.
fn core(spec: &Spec) -> Value {
    let actions: Vec<Value> = spec
        .actions
        .iter()
        .map(|a| {
            serde_json::json!({
                "name": a.name,
                "input": a.input.iter().map(|f| (f.name.clone(), f.ty.clone(), f.required)).collect::<Vec<_>>(),
                "output": a.output.iter().map(|f| (f.name.clone(), f.ty.clone())).collect::<Vec<_>>(),
                "errors": a.errors,
                "examples": a.examples.iter().map(|e| (e.input.clone(), e.output.clone())).collect::<Vec<_>>(),
            })
        })
        .collect();
    let errors: Vec<&str> = spec.errors.iter().map(|e| e.code.as_str()).collect();
    serde_json::json!({"service": spec.service, "version": spec.version, "actions": actions, "errors": errors})
}

fn cores(report: &ParseReport) -> Vec<Value> {
    report.specs.iter().map(core).collect()
}

#[test]
fn markdown_html_and_tab_text_give_the_same_actions() {
    let markdown = parse_form(MARKDOWN, ".md");
    let html = parse_form(FORMS, ".html");
    let tab = parse_form(FORMS, ".page.txt");
    let services: Vec<&str> = markdown.specs.iter().map(|s| s.service.as_str()).collect();
    assert_eq!(services, ["cbs", "cvm"]);
    let expected = cores(&markdown);
    for (form, report) in [("HTML", &html), ("TAB text", &tab)] {
        let got = cores(report);
        assert_eq!(got.len(), expected.len(), "{form}");
        for (want, got) in expected.iter().zip(&got) {
            if want != got {
                let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default();
                let (want, got) = (pretty(want), pretty(got));
                let first = want
                    .lines()
                    .zip(got.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                let around = |t: &str| {
                    t.lines()
                        .skip(first.saturating_sub(5))
                        .take(12)
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                panic!(
                    "{form} differs from the Markdown near line {first}:\n--- Markdown\n{}\n--- {form}\n{}",
                    around(&want),
                    around(&got)
                );
            }
        }
    }
    let actions: usize = markdown.specs.iter().map(|s| s.actions.len()).sum();
    assert!(actions >= 77, "{actions} actions");
}
