//! `parse::history::check_history`: the spec must agree with its release history.

mod diff_support;

use diff_support::{action, field, spec, type_def};
use tcgen::diagnostics::Diagnostic;
use tcgen::parse::history::check_history;
use tcgen::spec::{HistoryChange, MemberChange, Release, SourceRef, Spec};

const PATH: &str = "spec/sources/lighthouse-api-doc.zh-CN.pdf.txt";

fn change(kind: &str, target: &str, line: usize, members: Vec<MemberChange>) -> HistoryChange {
    HistoryChange {
        kind: kind.to_string(),
        target: target.to_string(),
        members,
        line,
    }
}

fn member(kind: &str, names: &[&str], line: usize) -> MemberChange {
    MemberChange {
        kind: kind.to_string(),
        names: names.iter().map(|n| n.to_string()).collect(),
        line,
    }
}

fn release(number: u32, changes: Vec<HistoryChange>) -> Release {
    Release {
        number,
        date: format!("2024-01-{number:02} 00:00:00"),
        notes: Vec::new(),
        changes,
        source: SourceRef {
            path: PATH.to_string(),
            line: number as usize * 100,
        },
    }
}

/// A spec with CreateInstances(BundleId, InitCommand) -> (InstanceIdSet), Instance(InstanceId).
fn base() -> Spec {
    spec(
        vec![action(
            "CreateInstances",
            vec![field("BundleId", "String"), field("InitCommand", "Command")],
            vec![field("InstanceIdSet", "Array of String")],
        )],
        vec![type_def("Instance", vec![field("InstanceId", "String")])],
        vec![],
    )
}

fn check(spec: &Spec) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    check_history(spec, PATH, &mut diags);
    diags
}

#[test]
fn history_that_matches_gives_no_warning() {
    let mut s = base();
    s.history = vec![
        release(
            2,
            vec![
                change(
                    "action_modified",
                    "CreateInstances",
                    210,
                    vec![
                        member("input_added", &["InitCommand"], 211),
                        member("output_added", &["InstanceIdSet"], 212),
                    ],
                ),
                change(
                    "type_modified",
                    "Instance",
                    213,
                    vec![member("member_added", &["InstanceId"], 214)],
                ),
            ],
        ),
        release(
            1,
            vec![
                change("action_added", "CreateInstances", 110, vec![]),
                change("type_added", "Instance", 111, vec![]),
            ],
        ),
    ];
    assert_eq!(check(&s), []);
}

#[test]
fn missing_action_input_type_and_member_are_warnings_naming_release_and_line() {
    let mut s = base();
    s.history = vec![release(
        65,
        vec![
            change("action_added", "SyncBlueprint", 191, vec![]),
            change(
                "action_modified",
                "CreateInstances",
                268,
                vec![member("input_added", &["DomainName", "BundleId"], 270)],
            ),
            change("type_added", "Command", 300, vec![]),
            change(
                "type_modified",
                "Instance",
                301,
                vec![member("member_added", &["Zone"], 302)],
            ),
        ],
    )];
    let got: Vec<(usize, String)> = check(&s).into_iter().map(|d| (d.line, d.message)).collect();
    let expected = [
        (191, "release history: release 65 (2024-01-65 00:00:00) says action SyncBlueprint was added, but the spec has no such thing"),
        (270, "release history: release 65 (2024-01-65 00:00:00) says input parameter DomainName of action CreateInstances was added, but the spec has no such thing"),
        (300, "release history: release 65 (2024-01-65 00:00:00) says data structure Command was added, but the spec has no such thing"),
        (302, "release history: release 65 (2024-01-65 00:00:00) says member Zone of data structure Instance was added, but the spec has no such thing"),
    ];
    let expected: Vec<(usize, String)> =
        expected.iter().map(|(l, m)| (*l, m.to_string())).collect();
    assert_eq!(got, expected);
}

#[test]
fn warnings_use_the_given_path() {
    let mut s = base();
    s.history = vec![release(3, vec![change("action_added", "Gone", 5, vec![])])];
    let diags = check(&s);
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags[0].to_string().split(": ").next(),
        Some(format!("{PATH}:5").as_str())
    );
}

#[test]
fn something_deleted_by_a_later_release_need_not_exist() {
    let mut s = base();
    s.history = vec![
        release(
            21,
            vec![
                change("type_deleted", "DataDiskPrice", 2100, vec![]),
                change(
                    "type_modified",
                    "Instance",
                    2101,
                    vec![member("member_deleted", &["DataDiskPrices"], 2102)],
                ),
                change("action_deleted", "OldAction", 2103, vec![]),
            ],
        ),
        release(
            20,
            vec![
                change("type_added", "DataDiskPrice", 2000, vec![]),
                change(
                    "type_modified",
                    "Instance",
                    2001,
                    vec![member("member_added", &["DataDiskPrices"], 2002)],
                ),
                change(
                    "action_modified",
                    "OldAction",
                    2003,
                    vec![member("input_added", &["X"], 2004)],
                ),
            ],
        ),
    ];
    assert_eq!(check(&s), []);
}

#[test]
fn an_earlier_deletion_does_not_excuse_a_later_addition() {
    let mut s = base();
    s.history = vec![
        release(
            30,
            vec![change("type_added", "DataDiskPrice", 3000, vec![])],
        ),
        release(
            21,
            vec![change("type_deleted", "DataDiskPrice", 2100, vec![])],
        ),
    ];
    let lines: Vec<usize> = check(&s).iter().map(|d| d.line).collect();
    assert_eq!(lines, [3000]);
}

#[test]
fn something_deleted_but_still_in_the_spec_is_a_warning_unless_added_again() {
    let mut s = base();
    s.history = vec![release(
        68,
        vec![change("action_deleted", "CreateInstances", 6800, vec![])],
    )];
    let diags = check(&s);
    assert_eq!(diags.len(), 1);
    assert!(
        diags[0]
            .message
            .ends_with("action CreateInstances was deleted, but the spec still has it"),
        "{}",
        diags[0].message
    );
    s.history.insert(
        0,
        release(
            69,
            vec![change("action_added", "CreateInstances", 6900, vec![])],
        ),
    );
    assert_eq!(check(&s), []);
}

#[test]
fn deprecated_actions_are_not_checked() {
    let mut s = base();
    s.history = vec![release(
        64,
        vec![change("action_deprecated", "Whatever", 6400, vec![])],
    )];
    assert_eq!(check(&s), []);
}

#[test]
fn modified_members_must_exist_too() {
    let mut s = base();
    s.history = vec![release(
        44,
        vec![change(
            "action_modified",
            "CreateInstances",
            733,
            vec![member("input_modified", &["InstanceChargePrepaid"], 735)],
        )],
    )];
    let diags = check(&s);
    assert_eq!(diags.len(), 1);
    assert!(diags[0]
        .message
        .contains("input parameter InstanceChargePrepaid of action CreateInstances was modified"));
}

#[test]
fn dot_n_suffix_of_a_history_name_matches_the_wire_name() {
    let mut s = base();
    s.history = vec![release(
        9,
        vec![change(
            "action_modified",
            "CreateInstances",
            1,
            vec![member("input_added", &["BundleId.N"], 2)],
        )],
    )];
    assert_eq!(check(&s), []);
}
