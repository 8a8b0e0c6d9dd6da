//! Real diffs: the 2023 English pages of CreateInstances and CreateBlueprint against the same
//! actions in the 2025 Chinese doc, and the doc's own release history agreeing with them.

#[path = "diff_support/real.rs"]
mod real;

use std::collections::{BTreeMap, BTreeSet};

use real::{parsed_lighthouse, LIGHTHOUSE_DOC as NEW_DOC};
use tcgen::diff::{
    diff_specs, render_markdown, ChangeKind, DiffOptions, DiffReport, Location, SpecDiff,
};
use tcgen::spec::Spec;

const OLD_PAGES: [&str; 2] = [
    "spec/sources/lighthouse-CreateInstances.en-US.page.txt",
    "spec/sources/lighthouse-CreateBlueprint.en-US.page.txt",
];
/// The "Last updated" date of both English pages.
const OLD_DATE: &str = "2023-12-04";

/// `spec` cut down to `actions`, the data structures `defined` names, no service-wide error
/// codes (the English pages have no error-code chapter) and no history. The English pages
/// define no data structures (the parser only infers placeholders from their examples), so
/// there is no baseline to compare the structures' members against.
fn restrict(spec: &Spec, actions: &BTreeSet<String>, defined: &BTreeSet<String>) -> Spec {
    let mut out = spec.clone();
    out.actions.retain(|a| actions.contains(&a.name));
    out.types.retain(|t| defined.contains(&t.name));
    out.errors.clear();
    out.history.clear();
    out
}

/// The diff, the full new spec, and the names of the compared actions.
fn real_diff() -> (SpecDiff, Spec, BTreeSet<String>) {
    let old = parsed_lighthouse(&OLD_PAGES);
    let new = parsed_lighthouse(&[NEW_DOC]);
    let names: BTreeSet<String> = old.actions.iter().map(|a| a.name.clone()).collect();
    assert_eq!(names.len(), 2, "both English pages parsed: {names:?}");
    let defined: BTreeSet<String> = old
        .types
        .iter()
        .filter(|t| !t.inferred)
        .map(|t| t.name.clone())
        .collect();
    let diff = diff_specs(
        "lighthouse/2020-03-24.json",
        &restrict(&old, &names, &defined),
        &restrict(&new, &names, &defined),
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
fn english_2023_pages_against_the_2025_doc() {
    let (diff, _, _) = real_diff();
    insta::assert_snapshot!(render_markdown(&DiffReport::new(vec![diff])));
}

#[test]
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
