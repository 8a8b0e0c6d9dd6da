//! One test per classification rule of `tcgen::diff`.

mod diff_support;

use diff_support::*;
use tcgen::diff::{
    diff_specs, Change, ChangeKind, DiffOptions, FileStatus, Impact, Location, Scope, SpecDiff,
};
use tcgen::spec::{RegionRequirement, Spec};

fn diff(old: &Spec, new: &Spec) -> SpecDiff {
    diff_specs(
        "lighthouse/2020-03-24.json",
        old,
        new,
        DiffOptions::default(),
    )
}

/// The only change of a diff (fails if there is not exactly one).
fn only(diff: &SpecDiff) -> &Change {
    assert_eq!(diff.changes.len(), 1, "changes: {:#?}", diff.changes);
    &diff.changes[0]
}

fn one_action(input: Vec<tcgen::spec::Field>, output: Vec<tcgen::spec::Field>) -> Spec {
    spec(vec![action("RunThing", input, output)], vec![], vec![])
}

#[test]
fn identical_specs_are_unchanged() {
    let d = diff(&old_spec(), &old_spec());
    assert_eq!(d.status, FileStatus::Unchanged);
    assert!(d.changes.is_empty() && d.summary.is_empty());
}

#[test]
fn new_action_is_compatible_and_removed_action_breaking() {
    let old = spec(vec![action("A", vec![], vec![])], vec![], vec![]);
    let new = spec(vec![action("B", vec![], vec![])], vec![], vec![]);
    let d = diff(&old, &new);
    let kinds: Vec<_> = d
        .changes
        .iter()
        .map(|c| (c.kind, c.name.as_str(), c.impact))
        .collect();
    assert_eq!(
        kinds,
        [
            (ChangeKind::ActionRemoved, "A", Impact::Breaking),
            (ChangeKind::ActionAdded, "B", Impact::Compatible),
        ]
    );
    assert_eq!((d.summary.breaking, d.summary.compatible), (1, 1));
}

#[test]
fn new_type_is_compatible_and_removed_type_breaking() {
    // Sorted by name: `New` before `Old`.
    let old = spec(vec![], vec![type_def("Old", vec![])], vec![]);
    let new = spec(vec![], vec![type_def("New", vec![])], vec![]);
    let d = diff(&old, &new);
    let kinds: Vec<_> = d.changes.iter().map(|c| (c.kind, c.impact)).collect();
    assert_eq!(
        kinds,
        [
            (ChangeKind::TypeAdded, Impact::Compatible),
            (ChangeKind::TypeRemoved, Impact::Breaking),
        ]
    );
}

#[test]
fn new_required_input_is_breaking() {
    let d = diff(
        &one_action(vec![], vec![]),
        &one_action(vec![required("Zone", "String")], vec![]),
    );
    let c = only(&d);
    assert_eq!(
        (c.kind, c.impact, c.location),
        (
            ChangeKind::FieldAdded,
            Impact::Breaking,
            Some(Location::Input)
        )
    );
    assert_eq!(
        (c.item.as_deref(), c.new.as_deref()),
        (Some("Zone"), Some("String"))
    );
}

#[test]
fn new_optional_input_is_compatible() {
    let d = diff(
        &one_action(vec![], vec![]),
        &one_action(vec![field("Zone", "String")], vec![]),
    );
    assert_eq!(only(&d).impact, Impact::Compatible);
}

#[test]
fn new_output_field_is_compatible_even_if_required() {
    let d = diff(
        &one_action(vec![], vec![]),
        &one_action(vec![], vec![required("Id", "String")]),
    );
    let c = only(&d);
    assert_eq!(
        (c.impact, c.location),
        (Impact::Compatible, Some(Location::Output))
    );
}

#[test]
fn removed_input_and_output_fields_are_breaking() {
    let old = one_action(vec![field("A", "String")], vec![field("B", "String")]);
    let d = diff(&old, &one_action(vec![], vec![]));
    assert_eq!(d.changes.len(), 2);
    for c in &d.changes {
        assert_eq!(
            (c.kind, c.impact),
            (ChangeKind::FieldRemoved, Impact::Breaking)
        );
        assert_eq!(c.old.as_deref(), Some("String"));
    }
}

#[test]
fn changed_type_is_breaking() {
    let old = one_action(vec![field("Ids", "String")], vec![]);
    let new = one_action(vec![field("Ids", "Array of String")], vec![]);
    let c = diff(&old, &new).changes.remove(0);
    assert_eq!(
        (c.kind, c.impact),
        (ChangeKind::FieldTypeChanged, Impact::Breaking)
    );
    assert_eq!(
        (c.old.as_deref(), c.new.as_deref()),
        (Some("String"), Some("Array of String"))
    );
}

#[test]
fn whitespace_in_a_type_is_no_change() {
    let old = one_action(vec![field("Ids", "Array of  String")], vec![]);
    let new = one_action(vec![field("Ids", "Array of String")], vec![]);
    assert!(diff(&old, &new).changes.is_empty());
}

#[test]
fn input_becoming_required_is_breaking_and_optional_compatible() {
    let optional = one_action(vec![field("Zone", "String")], vec![]);
    let mandatory = one_action(vec![required("Zone", "String")], vec![]);
    let c = diff(&optional, &mandatory).changes.remove(0);
    assert_eq!(
        (c.kind, c.impact),
        (ChangeKind::RequiredChanged, Impact::Breaking)
    );
    assert_eq!(
        (c.old.as_deref(), c.new.as_deref()),
        (Some("optional"), Some("required"))
    );
    assert_eq!(
        only(&diff(&mandatory, &optional)).impact,
        Impact::Compatible
    );
}

#[test]
fn output_becoming_optional_is_breaking() {
    let mandatory = one_action(vec![], vec![required("Id", "String")]);
    let optional = one_action(vec![], vec![field("Id", "String")]);
    assert_eq!(only(&diff(&mandatory, &optional)).impact, Impact::Breaking);
    assert_eq!(
        only(&diff(&optional, &mandatory)).impact,
        Impact::Compatible
    );
}

#[test]
fn output_becoming_nullable_is_breaking_and_input_compatible() {
    let plain = one_action(vec![field("A", "String")], vec![field("B", "String")]);
    let null = one_action(vec![nullable("A", "String")], vec![nullable("B", "String")]);
    let d = diff(&plain, &null);
    let got: Vec<_> = d
        .changes
        .iter()
        .map(|c| (c.location, c.kind, c.impact))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some(Location::Input),
                ChangeKind::NullableChanged,
                Impact::Compatible
            ),
            (
                Some(Location::Output),
                ChangeKind::NullableChanged,
                Impact::Breaking
            ),
        ]
    );
    assert_eq!(
        diff(&null, &plain).summary.breaking,
        0,
        "no longer nullable is compatible"
    );
}

/// A type `T` reached from an action's input (`input`) or output, or from nothing.
fn typed(input: bool, used: bool, members: Vec<tcgen::spec::Field>) -> Spec {
    let reference = vec![field("Thing", "Array of T")];
    let (i, o) = match (used, input) {
        (false, _) => (vec![], vec![]),
        (true, true) => (reference, vec![]),
        (true, false) => (vec![], reference),
    };
    spec(
        vec![action("RunThing", i, o)],
        vec![type_def("T", members)],
        vec![],
    )
}

#[test]
fn new_required_member_breaks_only_types_that_flow_in() {
    let member = || vec![required("M", "String")];
    let from_input = diff(&typed(true, true, vec![]), &typed(true, true, member()));
    assert_eq!(only(&from_input).impact, Impact::Breaking);
    let from_output = diff(&typed(false, true, vec![]), &typed(false, true, member()));
    assert_eq!(only(&from_output).impact, Impact::Compatible);
    let unused = diff(&typed(false, false, vec![]), &typed(false, false, member()));
    assert_eq!(
        only(&unused).impact,
        Impact::Breaking,
        "unknown direction counts as both"
    );
}

#[test]
fn member_becoming_nullable_breaks_only_types_that_flow_out() {
    let before = || vec![field("M", "String")];
    let after = || vec![nullable("M", "String")];
    let c = diff(&typed(true, true, before()), &typed(true, true, after()))
        .changes
        .remove(0);
    assert_eq!(
        (c.scope, c.location, c.impact),
        (Scope::Type, Some(Location::Member), Impact::Compatible)
    );
    let out = diff(&typed(false, true, before()), &typed(false, true, after()));
    assert_eq!(only(&out).impact, Impact::Breaking);
}

#[test]
fn member_directions_follow_nested_types() {
    // RunThing output -> Outer -> T: T flows out only, so a new required member is compatible.
    let build = |members| {
        spec(
            vec![action("RunThing", vec![], vec![field("O", "Outer")])],
            vec![
                type_def("Outer", vec![field("Ts", "Array of T")]),
                type_def("T", members),
            ],
            vec![],
        )
    };
    let d = diff(&build(vec![]), &build(vec![required("M", "String")]));
    assert_eq!(only(&d).impact, Impact::Compatible);
}

#[test]
fn error_codes_removed_break_and_added_are_compatible() {
    let old = spec(vec![], vec![], vec![error("A"), error("B")]);
    let new = spec(vec![], vec![], vec![error("B"), error("C")]);
    let got: Vec<_> = diff(&old, &new)
        .changes
        .iter()
        .map(|c| {
            (
                c.scope,
                c.kind,
                c.item.clone().unwrap_or_default(),
                c.impact,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                Scope::Service,
                ChangeKind::ErrorRemoved,
                "A".to_string(),
                Impact::Breaking
            ),
            (
                Scope::Service,
                ChangeKind::ErrorAdded,
                "C".to_string(),
                Impact::Compatible
            ),
        ]
    );
}

#[test]
fn action_error_codes_are_compared_per_action() {
    let mut old = one_action(vec![], vec![]);
    old.actions[0].errors = vec!["X".to_string()];
    let mut new = old.clone();
    new.actions[0].errors = vec!["Y".to_string()];
    let d = diff(&old, &new);
    let got: Vec<_> = d
        .changes
        .iter()
        .map(|c| (c.scope, c.name.as_str(), c.kind, c.impact))
        .collect();
    assert_eq!(
        got,
        [
            (
                Scope::Action,
                "RunThing",
                ChangeKind::ErrorRemoved,
                Impact::Breaking
            ),
            (
                Scope::Action,
                "RunThing",
                ChangeKind::ErrorAdded,
                Impact::Compatible
            ),
        ]
    );
}

#[test]
fn region_becoming_required_is_breaking() {
    let mut old = one_action(vec![], vec![]);
    old.actions[0].region = RegionRequirement::Optional;
    let new = one_action(vec![], vec![]);
    let c = only(&diff(&old, &new)).clone();
    assert_eq!(
        (c.kind, c.impact),
        (ChangeKind::RegionChanged, Impact::Breaking)
    );
    assert_eq!(only(&diff(&new, &old)).impact, Impact::Compatible);
}

#[test]
fn endpoint_change_is_compatible() {
    let old = one_action(vec![], vec![]);
    let mut new = old.clone();
    new.endpoint = "lighthouse.intl.tencentcloudapi.com".to_string();
    let c = only(&diff(&old, &new)).clone();
    assert_eq!(
        (c.kind, c.impact),
        (ChangeKind::EndpointChanged, Impact::Compatible)
    );
}

#[test]
fn descriptions_are_counted_and_listed_only_on_request() {
    let old = old_spec();
    let mut new = old.clone();
    new.actions[0].description = zh("改过的描述");
    new.actions[0].input[0]
        .description
        .insert("en-US".to_string(), "Bundle".to_string());
    new.types[0].fields[0].description = zh("改过");
    new.errors[0].description = zh("改过");
    let quiet = diff(&old, &new);
    assert!(quiet.changes.is_empty() && quiet.descriptions.is_empty());
    assert_eq!(quiet.summary.descriptions, 4);
    assert_eq!(quiet.status, FileStatus::Modified);
    let loud = diff_specs("x", &old, &new, DiffOptions { descriptions: true });
    assert_eq!(loud.descriptions.len(), 4);
    let input = loud
        .descriptions
        .iter()
        .find(|d| d.location == Some(Location::Input));
    assert_eq!(
        input.map(|d| d.languages.clone()),
        Some(vec!["en-US".to_string()])
    );
}

#[test]
fn rewrapped_description_is_no_change() {
    let old = old_spec();
    let mut new = old.clone();
    let text = new.actions[0]
        .description
        .get("zh-CN")
        .cloned()
        .unwrap_or_default();
    new.actions[0].description = zh(&format!("  {}\n", text.replace(' ', "\n")));
    assert!(diff(&old, &new).summary.is_empty());
}

#[test]
fn changes_are_sorted_by_scope_name_location_item() {
    let d = diff(&old_spec(), &new_spec());
    let keys: Vec<_> = d
        .changes
        .iter()
        .map(|c| (c.scope, c.name.clone(), c.location, c.item.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(d.changes.first().map(|c| c.scope), Some(Scope::Service));
}

#[test]
fn field_order_does_not_matter() {
    let old = one_action(vec![field("A", "String"), field("B", "String")], vec![]);
    let new = one_action(vec![field("B", "String"), field("A", "String")], vec![]);
    assert!(diff(&old, &new).summary.is_empty());
}

#[test]
fn optional_member_of_a_type_used_both_ways_is_a_new_optional_field() {
    let d = diff(
        &typed(false, false, vec![]),
        &typed(false, false, vec![field("M", "String")]),
    );
    let c = only(&d);
    assert_eq!(
        (c.impact, c.reason.as_str()),
        (Impact::Compatible, "new optional field")
    );
}
