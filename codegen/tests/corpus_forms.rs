//! The corpus (Tencent's Markdown docs of CVM and CBS, `spec/sources/qcloud-documents`) in the
//! three forms a user may have it in: the Markdown itself, the HTML rendered from it, and the
//! text a browser copy of that HTML gives (TAB-separated cells). Fixtures and how they were made:
//! `codegen/tests/fixtures/corpus-forms/README.md`.
//!
//! Every form parses, and all give the same merged spec: every key of the spec format (title,
//! endpoints, regions, actions with titles, descriptions, categories, rate limits, region mode,
//! fields, errors and examples; types; error codes; release history). Left out of the
//! comparison is only what names a file: `source` (path and line), the `line` of history
//! entries and the `sources` list (paths and sha256). Text is compared as it is, no whitespace
//! normalised.
//!
//! One difference is the rendering's, not a front-end's, and is applied to the Markdown side
//! before comparing (see [`as_rendered`]): a table row written `|| Name | ... | Description |`
//! has one cell more than the header, and a GitHub-flavoured renderer (pulldown-cmark here, like
//! GitHub) drops the cells past the header's width, so its HTML and the text copied from it never
//! had that row's description.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tcgen::diagnostics::Severity;
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
                let (x, y) = (
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                );
                differences(&format!("{path}.{key}"), x, y, out);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                let name = x
                    .get("name")
                    .or_else(|| x.get("code"))
                    .and_then(Value::as_str);
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
            out.push(format!(
                "{path}: {} items != {} items\n  only in Markdown: {:?}\n  only here: {:?}",
                a.len(),
                b.len(),
                names(a)
                    .into_iter()
                    .filter(|n| !names(b).contains(n))
                    .collect::<Vec<_>>(),
                names(b)
                    .into_iter()
                    .filter(|n| !names(a).contains(n))
                    .collect::<Vec<_>>()
            ));
        }
        _ if want != got => out.push(format!("{path}:\n  Markdown: {want}\n  this form: {got}")),
        _ => {}
    }
}

/// The Markdown specs as its rendering can read them: each row the Markdown front-end warned
/// about as starting with `||` loses its last cell, the description (and with it the field's
/// example and nullable flag, which come from that cell).
fn as_rendered(markdown: &ParseReport) -> Vec<Spec> {
    let root = repo_root();
    let mut specs = markdown.specs.clone();
    let rows = markdown
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("starts with `||`"));
    for row in rows {
        let text = std::fs::read_to_string(root.join(&row.path)).unwrap_or_default();
        let line = text.lines().nth(row.line.saturating_sub(1)).unwrap_or("");
        let name = line.split('|').map(str::trim).find(|c| !c.is_empty());
        let name = name.unwrap_or_else(|| panic!("{}:{}: no field name", row.path, row.line));
        let action = specs
            .iter_mut()
            .flat_map(|s| s.actions.iter_mut())
            .find(|a| a.source.path == row.path);
        let action = action.unwrap_or_else(|| panic!("{}: no action", row.path));
        let field = action
            .input
            .iter_mut()
            .chain(action.output.iter_mut())
            .find(|f| f.name == name);
        let field = field.unwrap_or_else(|| panic!("{}:{}: no field {name}", row.path, row.line));
        field.description.clear();
        field.example = None;
        field.nullable = false;
    }
    specs
}

#[test]
fn markdown_html_and_tab_text_give_the_same_spec() {
    let markdown = parse_form(MARKDOWN, ".md");
    let html = parse_form(FORMS, ".html");
    let tab = parse_form(FORMS, ".page.txt");
    let services: Vec<&str> = markdown.specs.iter().map(|s| s.service.as_str()).collect();
    assert_eq!(services, ["cbs", "cvm"]);
    for (form, parsed, kind) in [
        ("Markdown", &markdown, "Markdown"),
        ("HTML", &html, "HTML"),
        ("TAB text", &tab, "page text"),
    ] {
        // Every page read as a page of its form, and none rejected (the CLI's exit 0 with
        // every page in the spec).
        let pages = parsed.kinds.get(kind).map_or(0, |k| k.files);
        assert!(
            pages >= 91,
            "{form}: {pages} pages read: {:?}",
            parsed.kinds
        );
        let errors: Vec<String> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(ToString::to_string)
            .collect();
        assert!(errors.is_empty(), "{form}: {errors:#?}");
    }
    let mut report = Vec::new();
    for (form, parsed) in [("HTML", &html), ("TAB text", &tab)] {
        let got: Vec<&str> = parsed.specs.iter().map(|s| s.service.as_str()).collect();
        assert_eq!(got, services, "{form}");
        for (want, got) in as_rendered(&markdown).iter().zip(&parsed.specs) {
            let mut diffs = Vec::new();
            differences(
                &want.service,
                &comparable(want),
                &comparable(got),
                &mut diffs,
            );
            report.extend(diffs.into_iter().map(|d| format!("{form}: {d}")));
        }
    }
    assert!(
        report.is_empty(),
        "{} differences:\n{}",
        report.len(),
        report.join("\n")
    );
    let actions: usize = markdown.specs.iter().map(|s| s.actions.len()).sum();
    assert!(actions >= 77, "{actions} actions");
}
