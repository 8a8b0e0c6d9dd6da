//! What `cargo xtask regen` does with a diff: a `CHANGELOG.md` section and a semver bump for the
//! generated crate.
//!
//! Versioning rule ([`bump_version`]):
//!
//! | current   | breaking change | only compatible / descriptions | nothing |
//! |-----------|-----------------|--------------------------------|---------|
//! | `1.2.3`   | `2.0.0`         | `1.3.0`                        | `1.2.3` |
//! | `0.4.1`   | `0.5.0`         | `0.4.2`                        | `0.4.1` |
//!
//! For `0.x` versions we follow Cargo's semver convention, where the left-most non-zero
//! component is the "major" one: a breaking change bumps the minor, anything else the patch.
//! A description-only change counts as a compatible change (the generated doc comments change).

use std::fmt::Write;

use super::model::SpecDiff;
use super::render::render_sections;
use crate::spec::Spec;

/// A version string that is not `MAJOR.MINOR.PATCH`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("version `{0}` is not of the form MAJOR.MINOR.PATCH")]
pub struct VersionError(pub String);

/// The version after applying `diff` to a crate at `current` (see the module docs for the rule).
/// Pre-release and build suffixes are not supported and give an error.
pub fn bump_version(current: &str, diff: &SpecDiff) -> Result<String, VersionError> {
    let parts: Vec<u64> = current
        .trim()
        .split('.')
        .map(|p| p.parse::<u64>())
        .collect::<Result<_, _>>()
        .map_err(|_| VersionError(current.to_string()))?;
    let [major, minor, patch] = parts[..] else {
        return Err(VersionError(current.to_string()));
    };
    let next = if diff.summary.is_empty() {
        (major, minor, patch)
    } else if diff.is_breaking() {
        if major == 0 {
            (0, minor + 1, 0)
        } else {
            (major + 1, 0, 0)
        }
    } else if major == 0 {
        (0, minor, patch + 1)
    } else {
        (major, minor + 1, 0)
    };
    Ok(format!("{}.{}.{}", next.0, next.1, next.2))
}

/// The date to stamp a changelog entry with: the newest release date of the docs' own release
/// history (`YYYY-MM-DD`), or `None` when the spec carries no history. Never the wall clock, so
/// regeneration stays deterministic. The history keeps dates as the docs write them: ISO
/// (`2025-06-20 01:44:24`) or, in English docs, US order (`7/12/2018 6:44:10 PM`); a date in
/// neither form is not considered.
pub fn release_date(spec: &Spec) -> Option<String> {
    spec.history
        .iter()
        .filter_map(|r| iso_date(r.date.split_whitespace().next()?))
        .max()
}

/// `YYYY-MM-DD` of a date written `YYYY-MM-DD` or `M/D/YYYY`, when it is a plausible date.
fn iso_date(text: &str) -> Option<String> {
    let number = |part: &str| part.parse::<u32>().ok();
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let (year, month, day) = match parts[..] {
        [y, m, d] if text.contains('-') && y.len() == 4 => (number(y)?, number(m)?, number(d)?),
        [m, d, y] if text.contains('/') && y.len() == 4 => (number(y)?, number(m)?, number(d)?),
        _ => return None,
    };
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A Markdown section to prepend to a generated crate's `CHANGELOG.md`:
///
/// ```text
/// ## 2.0.0 (2025-06-20)
///
/// lighthouse 2020-03-24: 1 breaking, 2 compatible, 0 descriptions changed.
///
/// ### Breaking
/// ...
/// ```
///
/// `date` is optional (see [`release_date`]); the output depends only on the arguments.
/// Description changes are listed only if the diff kept them.
pub fn changelog_entry(diff: &SpecDiff, new_version: &str, date: Option<&str>) -> String {
    let mut out = format!("## {new_version}");
    if let Some(date) = date {
        let _ = write!(out, " ({date})");
    }
    let _ = write!(
        out,
        "\n\n{} {}: {}.\n",
        diff.service,
        diff.version,
        diff.summary.line()
    );
    out.push_str(&render_sections(diff, 3));
    out.push('\n');
    out
}

/// The title a new `CHANGELOG.md` starts with.
pub const CHANGELOG_TITLE: &str = "# Changelog\n";

/// `existing` (a `CHANGELOG.md`, possibly empty) with `entry` inserted as the newest section:
/// after the file's leading `# ` title and the text before its first `## ` section. An empty
/// file gets [`CHANGELOG_TITLE`] first.
pub fn prepend_entry(existing: &str, entry: &str) -> String {
    let existing = if existing.trim().is_empty() {
        CHANGELOG_TITLE
    } else {
        existing
    };
    let split = existing
        .match_indices("\n## ")
        .next()
        .map_or(existing.len(), |(index, _)| index + 1);
    let (head, tail) = existing.split_at(split);
    let mut out = head.trim_end().to_string();
    out.push_str("\n\n");
    out.push_str(entry.trim_end());
    out.push('\n');
    if !tail.is_empty() {
        out.push('\n');
        out.push_str(tail);
    }
    out
}
