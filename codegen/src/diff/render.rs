//! Writes diffs as Markdown (for pull requests and changelogs) or JSON (for tools).

use std::fmt::Write;

use super::model::{
    Change, ChangeKind, DescriptionChange, DiffReport, FileStatus, Impact, Scope, SpecDiff,
    TextPart,
};

/// Output format of `tcgen diff` / `cargo xtask diff`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Markdown, readable in a pull request.
    #[default]
    Markdown,
    /// The JSON shape documented in [`crate::diff`].
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "unknown format `{other}`: expected `markdown` or `json`"
            )),
        }
    }
}

/// Renders a report in `format`.
pub fn render(report: &DiffReport, format: Format) -> String {
    match format {
        Format::Markdown => render_markdown(report),
        Format::Json => render_json(report),
    }
}

/// The report as pretty JSON with a trailing newline.
pub fn render_json(report: &DiffReport) -> String {
    // Serializing plain structs of strings, numbers and enums into a String cannot fail.
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

/// The report as Markdown: a summary line, then per spec file its Breaking / Compatible /
/// Descriptions sections, changes grouped per action or data structure.
pub fn render_markdown(report: &DiffReport) -> String {
    let mut out = String::from("# Spec changes\n\n");
    let changed: Vec<&SpecDiff> = report
        .specs
        .iter()
        .filter(|s| s.status != FileStatus::Unchanged)
        .collect();
    let _ = writeln!(
        out,
        "**Summary:** {} in {} of {}.",
        report.summary.line(),
        changed.len(),
        crate::summary::counted(report.specs.len(), "spec file", "spec files"),
    );
    for spec in changed {
        let status = match spec.status {
            FileStatus::Added => " (new file)",
            FileStatus::Removed => " (file removed)",
            FileStatus::Modified | FileStatus::Unchanged => "",
        };
        let _ = write!(
            out,
            "\n## {} {} (`{}`){}\n\n{}.\n",
            spec.service,
            spec.version,
            spec.path,
            status,
            spec.summary.line()
        );
        out.push_str(&render_sections(spec, 3));
    }
    out
}

/// The Breaking, Compatible and (if kept) Descriptions sections of one spec's diff, with
/// headings at `level` (`###` for 3) and groups one level below.
pub fn render_sections(diff: &SpecDiff, level: usize) -> String {
    let mut out = String::new();
    for (impact, title) in [
        (Impact::Breaking, "Breaking"),
        (Impact::Compatible, "Compatible"),
    ] {
        let changes: Vec<&Change> = diff.changes_with(impact).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} {title}", "#".repeat(level));
        render_groups(
            &mut out,
            level + 1,
            &changes,
            |c| (c.scope, &c.name),
            change_line,
        );
    }
    if !diff.descriptions.is_empty() {
        let _ = writeln!(out, "\n{} Descriptions", "#".repeat(level));
        let texts: Vec<&DescriptionChange> = diff.descriptions.iter().collect();
        render_groups(
            &mut out,
            level + 1,
            &texts,
            |d| (d.scope, &d.name),
            text_line,
        );
    }
    out
}

/// Writes `items` (already sorted by group) under one heading per (scope, name) group.
fn render_groups<T>(
    out: &mut String,
    level: usize,
    items: &[&T],
    group: impl Fn(&T) -> (Scope, &String),
    line: impl Fn(&T) -> String,
) {
    let mut current: Option<(Scope, &String)> = None;
    for item in items {
        let key = group(item);
        if current != Some(key) {
            let _ = writeln!(
                out,
                "\n{} {}\n",
                "#".repeat(level),
                group_title(key.0, key.1)
            );
            current = Some(key);
        }
        let _ = writeln!(out, "- {}", line(item));
    }
}

fn group_title(scope: Scope, name: &str) -> String {
    match scope {
        Scope::Service => format!("Service `{name}`"),
        Scope::Action => format!("Action `{name}`"),
        Scope::Type => format!("Data structure `{name}`"),
    }
}

/// One bullet describing a change, e.g. ``input `Foo` removed (was `String`)``; a breaking
/// change also says why it breaks.
pub fn change_line(change: &Change) -> String {
    let what = match (change.location, change.item.as_deref()) {
        (Some(location), Some(item)) => format!("{} `{item}`", location.word()),
        (None, Some(item)) => format!("error code `{item}`"),
        _ => String::new(),
    };
    let old = change.old.as_deref().unwrap_or_default();
    let new = change.new.as_deref().unwrap_or_default();
    let text = match change.kind {
        ChangeKind::EndpointChanged => format!("endpoint `{old}` -> `{new}`"),
        ChangeKind::ActionAdded => "new action".to_string(),
        ChangeKind::ActionRemoved => "action removed".to_string(),
        ChangeKind::TypeAdded => "new data structure".to_string(),
        ChangeKind::TypeRemoved => "data structure removed".to_string(),
        ChangeKind::FieldAdded => format!("{what} added (`{new}`)"),
        ChangeKind::FieldRemoved => format!("{what} removed (was `{old}`)"),
        ChangeKind::FieldTypeChanged => format!("{what}: type `{old}` -> `{new}`"),
        ChangeKind::RequiredChanged | ChangeKind::NullableChanged => {
            format!("{what}: {old} -> {new}")
        }
        ChangeKind::RegionChanged => format!("Region parameter: {old} -> {new}"),
        ChangeKind::ErrorAdded => format!("{what} added"),
        ChangeKind::ErrorRemoved => format!("{what} removed"),
    };
    match change.impact {
        Impact::Breaking => format!("{text} — {}", change.reason),
        Impact::Compatible => text,
    }
}

/// One bullet describing a changed text, e.g. ``input `Foo`: description (zh-CN)``.
fn text_line(text: &DescriptionChange) -> String {
    let part = match text.part {
        TextPart::Title => "title",
        TextPart::Description => "description",
    };
    let owner = match (text.location, text.item.as_deref()) {
        (Some(location), Some(item)) => format!("{} `{item}`: ", location.word()),
        (None, Some(item)) => format!("error code `{item}`: "),
        _ => String::new(),
    };
    format!("{owner}{part} ({})", text.languages.join(", "))
}
