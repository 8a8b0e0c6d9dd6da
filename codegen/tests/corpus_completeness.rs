//! The CVM and CBS specs hold everything their Markdown pages hold, checked independently of
//! the parser: each page's tables and examples are counted straight from its text (a `## N.
//! Part` heading, then the `|` lines after the table's delimiter row; `#### Input example`
//! headings) and compared with the committed spec.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tcgen::spec::Spec;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

const PRODUCTS: [(&str, &str); 2] = [("云服务器", "cvm"), ("云硬盘", "cbs")];
const TREE: &str = "spec/sources/qcloud-documents/api/API 3.0/计算";

/// The first cells of the data rows of the first table after line `from`.
fn table_names(lines: &[&str], from: usize) -> Vec<String> {
    let mut i = from;
    while i < lines.len() && !lines[i].trim_start().starts_with('|') {
        i += 1;
    }
    i += 2; // header and delimiter rows
    let mut names = Vec::new();
    while i < lines.len() && lines[i].trim_start().starts_with('|') {
        let row = lines[i].trim().trim_start_matches('|');
        names.push(row.split('|').next().unwrap_or("").trim().to_string());
        i += 1;
    }
    names
}

/// `## 2. Input Parameters` -> its line index, by the part's label.
fn parts(lines: &[&str]) -> BTreeMap<String, usize> {
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let label = l.strip_prefix("## ")?;
            let label = label.split_once(". ").map_or(label, |(_, rest)| rest);
            Some((label.trim().to_string(), i))
        })
        .collect()
}

fn spec(service: &str) -> Spec {
    let path = repo_root().join(format!("spec/{service}/2017-03-12.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    Spec::from_json_str(&text).unwrap_or_else(|e| panic!("{e}"))
}

fn markdown_pages(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Totals {
    pages: usize,
    input: usize,
    output: usize,
    errors: usize,
    examples: usize,
    types: usize,
    type_fields: usize,
}

#[test]
fn every_table_row_and_example_of_the_markdown_pages_is_in_the_spec() {
    let mut in_text = Totals::default();
    let mut in_spec = Totals::default();
    let mut missing = Vec::new();
    for (folder, service) in PRODUCTS {
        let spec = spec(service);
        for page in markdown_pages(&repo_root().join(TREE).join(folder)) {
            let text = std::fs::read_to_string(&page).expect("UTF-8 page");
            let lines: Vec<&str> = text.lines().collect();
            let name = page.display().to_string();
            if name.ends_with("数据结构_intl.md") {
                for (i, l) in lines.iter().enumerate() {
                    let Some(ty) = l.strip_prefix("## ") else {
                        continue;
                    };
                    let rows = table_names(&lines, i + 1);
                    in_text.types += 1;
                    in_text.type_fields += rows.len();
                    match spec.type_def(ty.trim()) {
                        Some(t) if !t.inferred => {
                            in_spec.types += 1;
                            in_spec.type_fields += t.fields.len();
                        }
                        _ => missing.push(format!("{name}:{}: type {ty}", i + 1)),
                    }
                }
                continue;
            }
            let Some(action_row) = lines
                .iter()
                .find(|l| l.starts_with("| Action ") && l.contains("API:"))
            else {
                continue;
            };
            let action_name = action_row
                .rsplit("API:")
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches('|')
                .trim();
            let parts = parts(&lines);
            let rows_of = |part: &str| {
                parts
                    .get(part)
                    .map_or(Vec::new(), |&i| table_names(&lines, i + 1))
            };
            let common = ["Action", "Version", "Region"];
            let input: Vec<String> = rows_of("Input Parameters")
                .into_iter()
                .filter(|n| !common.contains(&n.as_str()))
                .collect();
            let output: Vec<String> = rows_of("Output Parameters")
                .into_iter()
                .filter(|n| n != "RequestId")
                .collect();
            let errors = rows_of("Error Codes");
            let examples = lines
                .iter()
                .filter(|l| l.to_lowercase().starts_with("#### input example"))
                .count();
            in_text.pages += 1;
            in_text.input += input.len();
            in_text.output += output.len();
            in_text.errors += errors.len();
            in_text.examples += examples;
            let Some(a) = spec.action(action_name) else {
                missing.push(format!("{name}: action {action_name}"));
                continue;
            };
            in_spec.pages += 1;
            in_spec.input += a.input.len();
            in_spec.output += a.output.len();
            in_spec.errors += a.errors.len();
            in_spec.examples += a.examples.iter().filter(|e| e.output.is_some()).count();
            for n in &errors {
                if !a.errors.contains(n) {
                    missing.push(format!("{name}: error code {n}"));
                }
            }
            for n in &output {
                if !a.output.iter().any(|f| &f.name == n) {
                    missing.push(format!("{name}: output {n}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    // Counted from the pages when they were added (77 action pages, 47 data structures).
    assert_eq!(in_text.pages, 77, "{in_text:?}");
    assert_eq!(in_text.types, 47, "{in_text:?}");
    assert_eq!(in_spec, in_text);
}
