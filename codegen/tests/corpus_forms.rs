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
    // Each tree carries its folders' category names (category_i18n.json), as the corpus does.
    files(&root.join(dir), &["category_i18n.json"], &mut sources);
    parse_files(&sources, &root).unwrap_or_else(|e| panic!("{dir} ({suffix}): {e}"))
}

/// The spec as JSON with what is per file left out: every `source` (path and line of a
/// section), `line` (of a history change or member list) and the `sources` list (paths and
/// sha256 of the files). Everything else must be the same in every form.
fn comparable(spec: &Spec) -> Value {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.remove("source");
                map.remove("sources");
                map.remove("line");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(spec).unwrap_or_default();
    strip(&mut value);
    value
}

/// Every place where `got` differs from `want`, as `json.path: want != got`.
fn differences(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                let (x, y) = (a.get(key).unwrap_or(&Value::Null), b.get(key).unwrap_or(&Value::Null));
                differences(&format!("{path}.{key}"), x, y, out);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                let name = x.get("name").or_else(|| x.get("code")).and_then(Value::as_str);
                let step = name.map_or_else(|| format!("[{i}]"), |n| format!("[{n}]"));
                differences(&format!("{path}{step}"), x, y, out);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            let names = |v: &Vec<Value>| -> Vec<String> {
                v.iter()
                    .map(|x| {
                        x.get("name")
                            .or_else(|| x.get("code"))
                            .and_then(Value::as_str)
                            .map_or_else(|| x.to_string(), str::to_string)
                    })
                    .collect()
            };
            out.push(format!("{path}: {} items != {} items\n  only in Markdown: {:?}\n  only here: {:?}",
                a.len(), b.len(),
                names(a).into_iter().filter(|n| !names(b).contains(n)).collect::<Vec<_>>(),
                names(b).into_iter().filter(|n| !names(a).contains(n)).collect::<Vec<_>>()));
        }
        _ if want != got => out.push(format!("{path}:\n  Markdown: {want}\n  this form: {got}")),
        _ => {}
    }
}

#[test]
fn markdown_html_and_tab_text_give_the_same_spec() {
    let markdown = parse_form(MARKDOWN, ".md");
    let html = parse_form(FORMS, ".html");
    let tab = parse_form(FORMS, ".page.txt");
    let services: Vec<&str> = markdown.specs.iter().map(|s| s.service.as_str()).collect();
    assert_eq!(services, ["cbs", "cvm"]);
    let mut report = Vec::new();
    for (form, parsed) in [("HTML", &html), ("TAB text", &tab)] {
        let got: Vec<&str> = parsed.specs.iter().map(|s| s.service.as_str()).collect();
        assert_eq!(got, services, "{form}");
        for (want, got) in markdown.specs.iter().zip(&parsed.specs) {
            let mut diffs = Vec::new();
            differences(&want.service, &comparable(want), &comparable(got), &mut diffs);
            report.extend(diffs.into_iter().map(|d| format!("{form}: {d}")));
        }
    }
    assert!(report.is_empty(), "{} differences:\n{}", report.len(), report.join("\n"));
    let actions: usize = markdown.specs.iter().map(|s| s.actions.len()).sum();
    assert!(actions >= 77, "{actions} actions");
}
