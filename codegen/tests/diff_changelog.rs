//! Changelog entries and semver bumps for the generated crates.

mod diff_support;

use diff_support::{new_spec, old_spec, zh};
use tcgen::diff::{
    bump_version, changelog_entry, diff_specs, release_date, DiffOptions, SpecDiff, VersionError,
};
use tcgen::spec::{Release, SourceRef};

fn breaking() -> SpecDiff {
    diff_specs(
        "lighthouse/2020-03-24.json",
        &old_spec(),
        &new_spec(),
        DiffOptions::default(),
    )
}

fn compatible() -> SpecDiff {
    let old = old_spec();
    let mut new = old.clone();
    new.actions[0]
        .input
        .push(diff_support::field("Extra", "String"));
    diff_specs(
        "lighthouse/2020-03-24.json",
        &old,
        &new,
        DiffOptions::default(),
    )
}

fn descriptions_only() -> SpecDiff {
    let old = old_spec();
    let mut new = old.clone();
    new.actions[0].description = zh("新描述");
    diff_specs(
        "lighthouse/2020-03-24.json",
        &old,
        &new,
        DiffOptions::default(),
    )
}

fn nothing() -> SpecDiff {
    diff_specs(
        "lighthouse/2020-03-24.json",
        &old_spec(),
        &old_spec(),
        DiffOptions::default(),
    )
}

#[test]
fn breaking_bumps_major() {
    assert_eq!(bump_version("1.2.3", &breaking()), Ok("2.0.0".to_string()));
}

#[test]
fn compatible_bumps_minor() {
    assert_eq!(
        bump_version("1.2.3", &compatible()),
        Ok("1.3.0".to_string())
    );
    assert_eq!(
        bump_version("1.2.3", &descriptions_only()),
        Ok("1.3.0".to_string())
    );
}

#[test]
fn nothing_keeps_the_version() {
    assert_eq!(bump_version("1.2.3", &nothing()), Ok("1.2.3".to_string()));
}

#[test]
fn zero_major_shifts_one_place_right() {
    assert_eq!(bump_version("0.4.1", &breaking()), Ok("0.5.0".to_string()));
    assert_eq!(
        bump_version("0.4.1", &compatible()),
        Ok("0.4.2".to_string())
    );
    assert_eq!(bump_version("0.4.1", &nothing()), Ok("0.4.1".to_string()));
}

#[test]
fn bad_versions_are_errors() {
    for bad in ["", "1.2", "1.2.3.4", "1.2.x", "1.2.3-beta.1", "v1.2.3"] {
        assert_eq!(
            bump_version(bad, &compatible()),
            Err(VersionError(bad.to_string())),
            "{bad}"
        );
    }
}

#[test]
fn changelog_entry_has_version_date_summary_and_sections() {
    let entry = changelog_entry(&breaking(), "2.0.0", Some("2025-06-20"));
    insta::assert_snapshot!(entry);
}

#[test]
fn changelog_entry_without_date() {
    let entry = changelog_entry(&compatible(), "1.3.0", None);
    assert!(
        entry.starts_with("## 1.3.0\n\nlighthouse 2020-03-24: 0 breaking, 1 compatible"),
        "{entry}"
    );
    assert!(!entry.contains("### Breaking"));
    assert!(entry.contains("### Compatible") && entry.contains("input `Extra` added"));
}

fn release(number: u32, date: &str) -> Release {
    Release {
        number,
        date: date.to_string(),
        notes: Vec::new(),
        changes: Vec::new(),
        source: SourceRef {
            path: "x".to_string(),
            line: 1,
        },
    }
}

#[test]
fn release_date_is_the_newest_history_date() {
    let mut spec = old_spec();
    assert_eq!(release_date(&spec), None);
    spec.history = vec![
        release(2, "2020-08-21 08:00:08"),
        release(69, "2025-06-20 01:44:24"),
    ];
    assert_eq!(release_date(&spec).as_deref(), Some("2025-06-20"));
}

/// CVM's English release history writes US dates (`spec/sources/qcloud-documents/api/API 3.0/
/// 计算/云服务器/更新历史_intl.md`, lines 3 and 23: `Release time: 7/12/2018 6:44:10 PM`,
/// `7/2/2018 8:46:22 PM`) beside an ISO one (release 1: `2018-04-24`): compared as text the
/// 2nd of July came out newest, and the entry was stamped `7/2/2018`.
#[test]
fn release_date_reads_us_dates_as_dates_and_stamps_iso() {
    let mut spec = old_spec();
    spec.history = vec![
        release(9, "7/12/2018 6:44:10 PM"),
        release(8, "7/2/2018 8:46:22 PM"),
        release(1, "2018-04-24"),
    ];
    assert_eq!(release_date(&spec).as_deref(), Some("2018-07-12"));
}

#[test]
fn release_date_ignores_what_is_not_a_date() {
    let mut spec = old_spec();
    spec.history = vec![release(2, "soon"), release(1, "2018-04-24")];
    assert_eq!(release_date(&spec).as_deref(), Some("2018-04-24"));
    spec.history = vec![release(1, "13/45/2018")];
    assert_eq!(release_date(&spec), None);
}

#[test]
fn prepend_entry_starts_a_new_changelog() {
    let out = tcgen::diff::prepend_entry("", "## 1.1.0\n\nstuff\n");
    assert_eq!(out, "# Changelog\n\n## 1.1.0\n\nstuff\n");
}

#[test]
fn prepend_entry_goes_above_the_newest_section() {
    let existing = "# Changelog\n\nAll notable changes.\n\n## 1.0.0\n\nfirst\n";
    let out = tcgen::diff::prepend_entry(existing, "## 1.1.0\n\nsecond\n\n");
    assert_eq!(
        out,
        "# Changelog\n\nAll notable changes.\n\n## 1.1.0\n\nsecond\n\n## 1.0.0\n\nfirst\n"
    );
}

#[test]
fn prepend_entry_into_a_title_only_file() {
    let out = tcgen::diff::prepend_entry("# Changelog\n", "## 0.1.1\n\nx\n");
    assert_eq!(out, "# Changelog\n\n## 0.1.1\n\nx\n");
}
