//! The release history of the real Lighthouse doc, read through the PDF-text front-end, and
//! checked against the spec parsed from the same doc.

#[path = "diff_support/real.rs"]
mod real;

use real::{doc_history, parsed_lighthouse, repo_root, LIGHTHOUSE_DOC as DOC};
use tcgen::parse::history::{check_history, extract_history};
use tcgen::spec::{Release, Spec};

fn history() -> (Vec<Release>, Vec<tcgen::diagnostics::Diagnostic>) {
    doc_history()
}

fn spec_with_history() -> Spec {
    parsed_lighthouse(&[DOC])
}

#[test]
fn front_end_blocks_give_all_69_releases_without_warnings() {
    let (releases, diags) = history();
    assert!(diags.is_empty(), "{diags:#?}");
    let numbers: Vec<u32> = releases.iter().map(|r| r.number).collect();
    assert_eq!(numbers, (1..=69).rev().collect::<Vec<u32>>());
    assert!(releases.iter().all(|r| !r.date.is_empty()));
}

#[test]
fn front_end_blocks_give_the_same_history_as_raw_lines() {
    // Raw lines: one paragraph per non-empty line (what history_extract.rs tests on).
    let path = repo_root().join(DOC);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let raw: Vec<tcgen::blocks::Block> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| tcgen::blocks::Block::paragraph(l, i + 1))
        .collect();
    let mut diags = Vec::new();
    let from_lines = extract_history(&raw, DOC, &mut diags);
    // Line numbers differ where the front-end joined a line with the next one.
    assert_eq!(without_lines(history().0), without_lines(from_lines));
}

/// Releases with every line number set to 0.
fn without_lines(mut releases: Vec<Release>) -> Vec<Release> {
    for release in &mut releases {
        release.source.line = 0;
        for change in &mut release.changes {
            change.line = 0;
            for members in &mut change.members {
                members.line = 0;
            }
        }
    }
    releases
}

#[test]
fn the_history_check_finds_no_mismatch_on_the_real_doc() {
    let spec = spec_with_history();
    let mut diags = Vec::new();
    check_history(&spec, DOC, &mut diags);
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn the_history_check_notices_a_parameter_missing_from_the_real_spec() {
    let mut spec = spec_with_history();
    if let Some(create) = spec
        .actions
        .iter_mut()
        .find(|a| a.name == "CreateInstances")
    {
        create.input.retain(|f| f.name != "DomainName");
    }
    spec.types.retain(|t| t.name != "Command");
    let mut diags = Vec::new();
    check_history(&spec, DOC, &mut diags);
    let got: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        got,
        [
            format!("{DOC}:270: warning: release history: release 65 (2025-01-20 01:19:11) says input parameter DomainName of action CreateInstances was added, but the spec has no such thing"),
            format!("{DOC}:371: warning: release history: release 59 (2024-03-11 01:18:22) says data structure Command was added, but the spec has no such thing"),
        ]
    );
}
