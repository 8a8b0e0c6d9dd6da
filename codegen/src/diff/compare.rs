//! Compares two specs item by item: actions, data structures, fields and error codes are
//! matched by name; order in the docs does not matter.

use std::collections::{BTreeMap, BTreeSet};

use super::classify::{self, Direction, Verdict};
use super::model::{
    Change, ChangeKind, DescriptionChange, FileStatus, Impact, Location, Scope, SpecDiff, Summary,
    TextPart,
};
use crate::spec::{Action, Field, Localized, RegionRequirement, Spec, TypeDef};

/// What to keep in a diff.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Keep the list of changed titles and descriptions (they are always counted).
    pub descriptions: bool,
}

/// Collects changes while walking two specs.
struct Collector {
    changes: Vec<Change>,
    descriptions: Vec<DescriptionChange>,
}

/// Where a change is: scope and name, plus the field location when there is one.
#[derive(Clone, Copy)]
struct At<'a> {
    scope: Scope,
    name: &'a str,
    location: Option<Location>,
}

impl Collector {
    fn push(
        &mut self,
        at: At<'_>,
        kind: ChangeKind,
        item: Option<&str>,
        values: (Option<String>, Option<String>),
        verdict: Verdict,
    ) {
        self.changes.push(Change {
            impact: verdict.0,
            scope: at.scope,
            name: at.name.to_string(),
            kind,
            location: at.location,
            item: item.map(str::to_string),
            old: values.0,
            new: values.1,
            reason: verdict.1.to_string(),
        });
    }

    fn text(
        &mut self,
        at: At<'_>,
        item: Option<&str>,
        part: TextPart,
        old: &Localized,
        new: &Localized,
    ) {
        let languages = changed_languages(old, new);
        if !languages.is_empty() {
            self.descriptions.push(DescriptionChange {
                scope: at.scope,
                name: at.name.to_string(),
                location: at.location,
                item: item.map(str::to_string),
                part,
                languages,
            });
        }
    }
}

/// Language tags whose text differs (added, removed or changed), ignoring whitespace runs.
fn changed_languages(old: &Localized, new: &Localized) -> Vec<String> {
    let tags: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    tags.into_iter()
        .filter(|tag| old.get(*tag).map(|t| squash(t)) != new.get(*tag).map(|t| squash(t)))
        .cloned()
        .collect()
}

/// Collapses every run of whitespace to one space and trims, so re-wrapping is no change.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Indexes items by name (the first wins if a name repeats).
fn by_name<T>(items: &[T], name: impl Fn(&T) -> &str) -> BTreeMap<&str, &T> {
    let mut map = BTreeMap::new();
    for item in items {
        map.entry(name(item)).or_insert(item);
    }
    map
}

/// Compares two specs. `path` names the pair in the report.
pub fn diff_specs(path: &str, old: &Spec, new: &Spec, options: DiffOptions) -> SpecDiff {
    let mut out = Collector {
        changes: Vec::new(),
        descriptions: Vec::new(),
    };
    compare_service(&mut out, old, new);
    compare_actions(&mut out, old, new);
    compare_types(&mut out, old, new);
    finish(path, new, out, options, FileStatus::Modified)
}

/// A diff of a spec that exists only on one side: every action, type and error code of it is
/// added (`present_in_new`) or removed.
pub fn diff_one_sided(
    path: &str,
    spec: &Spec,
    present_in_new: bool,
    options: DiffOptions,
) -> SpecDiff {
    let empty = Spec {
        actions: Vec::new(),
        types: Vec::new(),
        errors: Vec::new(),
        ..spec.clone()
    };
    let (old, new, status) = if present_in_new {
        (&empty, spec, FileStatus::Added)
    } else {
        (spec, &empty, FileStatus::Removed)
    };
    let mut out = Collector {
        changes: Vec::new(),
        descriptions: Vec::new(),
    };
    compare_service(&mut out, old, new);
    compare_actions(&mut out, old, new);
    compare_types(&mut out, old, new);
    finish(path, spec, out, options, status)
}

fn finish(
    path: &str,
    spec: &Spec,
    mut out: Collector,
    options: DiffOptions,
    status: FileStatus,
) -> SpecDiff {
    out.changes.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.descriptions
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let breaking = out
        .changes
        .iter()
        .filter(|c| c.impact == Impact::Breaking)
        .count();
    let summary = Summary {
        breaking,
        compatible: out.changes.len() - breaking,
        descriptions: out.descriptions.len(),
    };
    if !options.descriptions {
        out.descriptions.clear();
    }
    let status = match status {
        FileStatus::Modified if summary.is_empty() => FileStatus::Unchanged,
        other => other,
    };
    SpecDiff {
        path: path.to_string(),
        service: spec.service.clone(),
        version: spec.version.clone(),
        status,
        summary,
        changes: out.changes,
        descriptions: out.descriptions,
    }
}

fn compare_service(out: &mut Collector, old: &Spec, new: &Spec) {
    let at = At {
        scope: Scope::Service,
        name: &new.service,
        location: None,
    };
    if old.endpoint != new.endpoint && !old.endpoint.is_empty() {
        out.push(
            at,
            ChangeKind::EndpointChanged,
            None,
            (Some(old.endpoint.clone()), Some(new.endpoint.clone())),
            (
                Impact::Compatible,
                "the client sends requests to the new host",
            ),
        );
    }
    let old_codes = by_name(&old.errors, |e| &e.code);
    let new_codes = by_name(&new.errors, |e| &e.code);
    compare_error_sets(
        out,
        at,
        old_codes.keys().copied(),
        new_codes.keys().copied(),
    );
    for (code, new_error) in &new_codes {
        if let Some(old_error) = old_codes.get(code) {
            out.text(
                at,
                Some(code),
                TextPart::Description,
                &old_error.description,
                &new_error.description,
            );
        }
    }
}

/// Error codes only in `old` are removed (breaking: a variant of the generated error enum goes
/// away), codes only in `new` are added.
fn compare_error_sets<'a>(
    out: &mut Collector,
    at: At<'_>,
    old: impl Iterator<Item = &'a str>,
    new: impl Iterator<Item = &'a str>,
) {
    let old: BTreeSet<&str> = old.collect();
    let new: BTreeSet<&str> = new.collect();
    for code in old.difference(&new) {
        let verdict = (Impact::Breaking, "its error enum variant goes away");
        out.push(
            at,
            ChangeKind::ErrorRemoved,
            Some(code),
            (None, None),
            verdict,
        );
    }
    for code in new.difference(&old) {
        let verdict = (Impact::Compatible, "new error code");
        out.push(
            at,
            ChangeKind::ErrorAdded,
            Some(code),
            (None, None),
            verdict,
        );
    }
}

fn compare_actions(out: &mut Collector, old: &Spec, new: &Spec) {
    let old_actions = by_name(&old.actions, |a| &a.name);
    let new_actions = by_name(&new.actions, |a| &a.name);
    for (name, old_action) in &old_actions {
        let at = At {
            scope: Scope::Action,
            name,
            location: None,
        };
        match new_actions.get(name) {
            None => out.push(
                at,
                ChangeKind::ActionRemoved,
                None,
                (None, None),
                (Impact::Breaking, "its client method goes away"),
            ),
            Some(new_action) => compare_action(out, at, old_action, new_action),
        }
    }
    for name in new_actions.keys().filter(|n| !old_actions.contains_key(*n)) {
        let at = At {
            scope: Scope::Action,
            name,
            location: None,
        };
        out.push(
            at,
            ChangeKind::ActionAdded,
            None,
            (None, None),
            (Impact::Compatible, "new action"),
        );
    }
}

fn compare_action(out: &mut Collector, at: At<'_>, old: &Action, new: &Action) {
    out.text(at, None, TextPart::Title, &old.title, &new.title);
    out.text(
        at,
        None,
        TextPart::Description,
        &old.description,
        &new.description,
    );
    if old.region != new.region {
        let verdict = if new.region == RegionRequirement::Required {
            (Impact::Breaking, "calls without a region fail")
        } else {
            (Impact::Compatible, "Region is no longer required")
        };
        let values = (Some(region_word(old.region)), Some(region_word(new.region)));
        out.push(at, ChangeKind::RegionChanged, None, values, verdict);
    }
    let input = At {
        location: Some(Location::Input),
        ..at
    };
    compare_fields(out, input, Direction::INPUT, &old.input, &new.input);
    let output = At {
        location: Some(Location::Output),
        ..at
    };
    compare_fields(out, output, Direction::OUTPUT, &old.output, &new.output);
    compare_error_sets(
        out,
        at,
        old.errors.iter().map(String::as_str),
        new.errors.iter().map(String::as_str),
    );
}

fn region_word(region: RegionRequirement) -> String {
    match region {
        RegionRequirement::Required => "required",
        RegionRequirement::Optional => "optional",
        RegionRequirement::None => "none",
    }
    .to_string()
}

fn compare_types(out: &mut Collector, old: &Spec, new: &Spec) {
    let old_types = by_name(&old.types, |t| &t.name);
    let new_types = by_name(&new.types, |t| &t.name);
    let old_dirs = classify::type_directions(old);
    let new_dirs = classify::type_directions(new);
    for (name, old_type) in &old_types {
        let at = At {
            scope: Scope::Type,
            name,
            location: None,
        };
        match new_types.get(name) {
            None => out.push(
                at,
                ChangeKind::TypeRemoved,
                None,
                (None, None),
                (Impact::Breaking, "its struct goes away"),
            ),
            Some(new_type) => {
                let dir = direction_of(&old_dirs, name).union(direction_of(&new_dirs, name));
                compare_type(out, at, dir.or_both(), old_type, new_type);
            }
        }
    }
    for name in new_types.keys().filter(|n| !old_types.contains_key(*n)) {
        let at = At {
            scope: Scope::Type,
            name,
            location: None,
        };
        let verdict = (Impact::Compatible, "new data structure");
        out.push(at, ChangeKind::TypeAdded, None, (None, None), verdict);
    }
}

fn direction_of(dirs: &BTreeMap<&str, Direction>, name: &str) -> Direction {
    dirs.get(name).copied().unwrap_or_default()
}

fn compare_type(out: &mut Collector, at: At<'_>, dir: Direction, old: &TypeDef, new: &TypeDef) {
    out.text(
        at,
        None,
        TextPart::Description,
        &old.description,
        &new.description,
    );
    let members = At {
        location: Some(Location::Member),
        ..at
    };
    compare_fields(out, members, dir, &old.fields, &new.fields);
}

/// Compares two field lists matched by name.
fn compare_fields(out: &mut Collector, at: At<'_>, dir: Direction, old: &[Field], new: &[Field]) {
    let old_fields = by_name(old, |f| &f.name);
    let new_fields = by_name(new, |f| &f.name);
    for (name, old_field) in &old_fields {
        match new_fields.get(name) {
            None => {
                let values = (Some(old_field.ty.clone()), None);
                out.push(
                    at,
                    ChangeKind::FieldRemoved,
                    Some(name),
                    values,
                    classify::field_removed(),
                );
            }
            Some(new_field) => compare_field(out, at, dir, old_field, new_field),
        }
    }
    for (name, new_field) in new_fields
        .iter()
        .filter(|(n, _)| !old_fields.contains_key(*n))
    {
        let values = (None, Some(new_field.ty.clone()));
        let verdict = classify::field_added(dir, new_field);
        out.push(at, ChangeKind::FieldAdded, Some(name), values, verdict);
    }
}

fn compare_field(out: &mut Collector, at: At<'_>, dir: Direction, old: &Field, new: &Field) {
    let item = Some(new.name.as_str());
    if squash(&old.ty) != squash(&new.ty) {
        let values = (Some(squash(&old.ty)), Some(squash(&new.ty)));
        out.push(
            at,
            ChangeKind::FieldTypeChanged,
            item,
            values,
            classify::type_changed(),
        );
    }
    if old.required != new.required {
        let values = (
            Some(required_word(old.required)),
            Some(required_word(new.required)),
        );
        let verdict = classify::required_changed(dir, new.required);
        out.push(at, ChangeKind::RequiredChanged, item, values, verdict);
    }
    if old.nullable != new.nullable {
        let values = (
            Some(nullable_word(old.nullable)),
            Some(nullable_word(new.nullable)),
        );
        let verdict = classify::nullable_changed(dir, new.nullable);
        out.push(at, ChangeKind::NullableChanged, item, values, verdict);
    }
    out.text(
        at,
        item,
        TextPart::Description,
        &old.description,
        &new.description,
    );
}

fn required_word(required: bool) -> String {
    if required { "required" } else { "optional" }.to_string()
}

fn nullable_word(nullable: bool) -> String {
    if nullable { "nullable" } else { "not nullable" }.to_string()
}
