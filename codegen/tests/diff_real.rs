//! Real diffs: the 2023 English pages of CreateInstances and CreateBlueprint against the same
//! actions in the 2025 Chinese doc, and the doc's own release history agreeing with them.
//!
//! Needs the parser (`parse::parse_files`); enable by removing the `#[ignore]`s once it lands.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use tcgen::diagnostics::Diagnostic;
use tcgen::diff::{
    diff_specs, render_markdown, ChangeKind, DiffOptions, DiffReport, Location, SpecDiff,
};
use tcgen::parse::history::check_history;
use tcgen::parse::parse_files;
use tcgen::spec::Spec;

const OLD_PAGES: [&str; 2] = [
    "spec/sources/lighthouse-CreateInstances.en-US.page.txt",
    "spec/sources/lighthouse-CreateBlueprint.en-US.page.txt",
];
const NEW_DOC: &str = "spec/sources/lighthouse-api-doc.zh-CN.pdf.txt";
/// The "Last updated" date of both English pages.
const OLD_DATE: &str = "2023-12-04";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn lighthouse(sources: &[&str]) -> Spec {
    let root = repo_root();
    let paths: Vec<PathBuf> = sources.iter().map(|s| root.join(s)).collect();
    let report = parse_files(&paths, &root).unwrap_or_else(|e| panic!("{e}"));
    report
        .specs
        .into_iter()
        .find(|s| s.service == "lighthouse")
        .unwrap_or_else(|| panic!("no lighthouse spec from {sources:?}"))
}

/// Names of the data structures reachable from `actions`' fields.
fn reachable_types(spec: &Spec, actions: &BTreeSet<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut work: Vec<String> = spec
        .actions
        .iter()
        .filter(|a| actions.contains(&a.name))
        .flat_map(|a| a.input.iter().chain(&a.output))
        .map(|f| f.ty.clone())
        .collect();
    while let Some(ty) = work.pop() {
        let name = ty.strip_prefix("Array of ").unwrap_or(&ty).to_string();
        if let Some(def) = spec.type_def(&name) {
            if seen.insert(name) {
                work.extend(def.fields.iter().map(|f| f.ty.clone()));
            }
        }
    }
    seen
}

/// `spec` cut down to `actions`, the types they reach, no service-wide error codes (the English
/// pages have no error-code chapter) and no history.
fn restrict(spec: &Spec, actions: &BTreeSet<String>) -> Spec {
    let types = reachable_types(spec, actions);
    let mut out = spec.clone();
    out.actions.retain(|a| actions.contains(&a.name));
    out.types.retain(|t| types.contains(&t.name));
    out.errors.clear();
    out.history.clear();
    out
}

/// The diff, the full new spec, and the names of the compared actions.
fn real_diff() -> (SpecDiff, Spec, BTreeSet<String>) {
    let old = lighthouse(&OLD_PAGES);
    let new = lighthouse(&[NEW_DOC]);
    let names: BTreeSet<String> = old.actions.iter().map(|a| a.name.clone()).collect();
    assert_eq!(names.len(), 2, "both English pages parsed: {names:?}");
    let diff = diff_specs(
        "lighthouse/2020-03-24.json",
        &restrict(&old, &names),
        &restrict(&new, &names),
        DiffOptions::default(),
    );
    (diff, new, names)
}

/// Inputs the diff says were added, per action.
fn added_inputs(diff: &SpecDiff) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in &diff.changes {
        if c.kind == ChangeKind::FieldAdded && c.location == Some(Location::Input) {
            out.entry(c.name.clone())
                .or_default()
                .extend(c.item.clone());
        }
    }
    out
}

#[test]
#[ignore = "needs the parser: parse::parse_files on the English pages and the PDF text"]
fn english_2023_pages_against_the_2025_doc() {
    let (diff, _, _) = real_diff();
    insta::assert_snapshot!(render_markdown(&DiffReport::new(vec![diff])));
}

#[test]
#[ignore = "needs the parser: parse::parse_files on the English pages and the PDF text"]
fn create_instances_gained_the_inputs_the_history_names() {
    let (diff, _, _) = real_diff();
    let added = added_inputs(&diff);
    let create = added.get("CreateInstances").cloned().unwrap_or_default();
    for name in ["InitCommand", "DomainName", "Subdomain"] {
        assert!(
            create.contains(name),
            "CreateInstances gained {name}: {create:?}"
        );
    }
}

#[test]
#[ignore = "needs the parser: parse::parse_files on the English pages and the PDF text"]
fn the_history_agrees_with_the_real_diff() {
    let (diff, new, names) = real_diff();
    assert!(
        !new.history.is_empty(),
        "the parser fills `history` from the 更新历史 chapter"
    );
    // Every input the history adds to these actions after the English pages' date is in the diff.
    let added = added_inputs(&diff);
    let mut named: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut since: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for release in &new.history {
        for change in release.changes.iter().filter(|c| names.contains(&c.target)) {
            for members in change.members.iter().filter(|m| m.kind == "input_added") {
                named
                    .entry(change.target.clone())
                    .or_default()
                    .extend(members.names.iter().cloned());
                if release.date.as_str() > OLD_DATE {
                    since
                        .entry(change.target.clone())
                        .or_default()
                        .extend(members.names.iter().cloned());
                }
            }
        }
    }
    for (action, inputs) in &since {
        let diffed = added.get(action).cloned().unwrap_or_default();
        assert!(
            inputs.is_subset(&diffed),
            "{action}: history {inputs:?}, diff {diffed:?}"
        );
    }
    // Every input the diff finds added is one the history names (possibly with an older date:
    // the English pages lagged behind the Chinese doc, e.g. CreateInstances.Tags of release 54).
    for (action, inputs) in &added {
        let known = named.get(action).cloned().unwrap_or_default();
        let unknown: Vec<&String> = inputs.difference(&known).collect();
        assert!(
            unknown.is_empty(),
            "{action}: added {unknown:?} without a history entry"
        );
    }
}

#[test]
#[ignore = "needs the parser: parse::parse_files on the PDF text"]
fn the_history_check_passes_on_the_real_doc() {
    let new = lighthouse(&[NEW_DOC]);
    let mut diags: Vec<Diagnostic> = Vec::new();
    check_history(&new, NEW_DOC, &mut diags);
    let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    insta::assert_snapshot!(text.join("\n"));
}
