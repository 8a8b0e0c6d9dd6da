//! Snapshots of a constructed change: a field removed, a type changed, a new required input,
//! plus compatible additions, rendered as Markdown and JSON.

mod diff_support;

use diff_support::{new_spec, old_spec};
use tcgen::diff::{diff_specs, render_json, render_markdown, DiffOptions, DiffReport};

fn report(descriptions: bool) -> DiffReport {
    let diff = diff_specs(
        "lighthouse/2020-03-24.json",
        &old_spec(),
        &new_spec(),
        DiffOptions { descriptions },
    );
    DiffReport::new(vec![diff])
}

#[test]
fn constructed_change_markdown() {
    insta::assert_snapshot!(render_markdown(&report(false)));
}

#[test]
fn constructed_change_markdown_with_descriptions() {
    insta::assert_snapshot!(render_markdown(&report(true)));
}

#[test]
fn constructed_change_json() {
    insta::assert_snapshot!(render_json(&report(false)));
}

#[test]
fn constructed_change_classification() {
    let report = report(false);
    assert!(report.is_breaking());
    // DryRun removed, OldAction removed, TotalCount type changed, Zones required input,
    // LimitExceeded gone from CreateInstances, Instance.Zone nullable (Instance flows out).
    assert_eq!(report.summary.breaking, 6);
}

#[test]
fn rendering_is_deterministic() {
    assert_eq!(render_json(&report(true)), render_json(&report(true)));
    assert_eq!(
        render_markdown(&report(true)),
        render_markdown(&report(true))
    );
}
