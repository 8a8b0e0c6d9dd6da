//! Reading the specs to compare: two files, two spec directories, or two in-memory sets (what
//! `cargo xtask diff` builds from a git revision).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::compare::{diff_one_sided, diff_specs, DiffOptions};
use super::model::DiffReport;
use crate::spec::Spec;

/// Reading or comparing specs failed.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// A file or directory could not be read.
    #[error("{path}: {message}")]
    Io {
        /// The path that failed.
        path: String,
        /// What the OS said.
        message: String,
    },
    /// A file is not a valid spec.
    #[error("{path}:{line}: not a valid spec: {message}")]
    Spec {
        /// The file.
        path: String,
        /// 1-based line of the JSON error.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The two arguments cannot be compared (a file and a directory, ...).
    #[error("{0}")]
    Usage(String),
}

/// True for a path (relative to a spec directory, `/`-separated) that names a spec file:
/// exactly `<service>/<version>.json`. `schema.json` and `sources/` do not match.
pub fn is_spec_path(relative: &str) -> bool {
    let parts: Vec<&str> = relative.split('/').collect();
    matches!(parts[..], [service, file]
        if !service.is_empty() && service != "sources"
            && file.len() > ".json".len() && file.ends_with(".json"))
}

/// Parses spec JSON; `path` is only used in the error.
pub fn parse_spec(path: &str, text: &str) -> Result<Spec, DiffError> {
    Spec::from_json_str(text).map_err(|e| DiffError::Spec {
        path: path.to_string(),
        line: e.line(),
        message: e.to_string(),
    })
}

/// Reads one spec file.
pub fn read_spec_file(path: &Path) -> Result<Spec, DiffError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| DiffError::Io {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    parse_spec(&shown, &text)
}

/// Reads every `<service>/<version>.json` under `dir`, keyed by that relative path.
pub fn read_spec_dir(dir: &Path) -> Result<BTreeMap<String, Spec>, DiffError> {
    let mut specs = BTreeMap::new();
    for service_dir in sorted_entries(dir)? {
        if !service_dir.is_dir() {
            continue;
        }
        for file in sorted_entries(&service_dir)? {
            let relative = relative_name(dir, &file);
            if file.is_file() && is_spec_path(&relative) {
                specs.insert(relative, read_spec_file(&file)?);
            }
        }
    }
    Ok(specs)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, DiffError> {
    let io_error = |e: std::io::Error| DiffError::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io_error)? {
        paths.push(entry.map_err(io_error)?.path());
    }
    paths.sort();
    Ok(paths)
}

fn relative_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Compares two sets of specs keyed by relative path: a path on both sides is diffed, a path on
/// one side only is a spec file added or removed.
pub fn diff_spec_sets(
    old: &BTreeMap<String, Spec>,
    new: &BTreeMap<String, Spec>,
    options: DiffOptions,
) -> DiffReport {
    let paths: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let diffs = paths
        .into_iter()
        .filter_map(|path| match (old.get(path), new.get(path)) {
            (Some(o), Some(n)) => Some(diff_specs(path, o, n, options)),
            (None, Some(n)) => Some(diff_one_sided(path, n, true, options)),
            (Some(o), None) => Some(diff_one_sided(path, o, false, options)),
            (None, None) => None,
        })
        .collect();
    DiffReport::new(diffs)
}

/// Compares two spec files or two spec directories (`tcgen diff OLD NEW`).
pub fn diff_paths(old: &Path, new: &Path, options: DiffOptions) -> Result<DiffReport, DiffError> {
    match (old.is_dir(), new.is_dir()) {
        (true, true) => Ok(diff_spec_sets(
            &read_spec_dir(old)?,
            &read_spec_dir(new)?,
            options,
        )),
        (false, false) => {
            let old_spec = read_spec_file(old)?;
            let new_spec = read_spec_file(new)?;
            let name = format!("{}/{}.json", new_spec.service, new_spec.version);
            Ok(DiffReport::new(vec![diff_specs(
                &name, &old_spec, &new_spec, options,
            )]))
        }
        _ => Err(DiffError::Usage(
            match [old, new].into_iter().find(|p| !p.exists()) {
                Some(missing) => format!("{}: no such file or directory", missing.display()),
                None => format!(
                    "cannot compare {} with {}: give two spec files or two spec directories",
                    old.display(),
                    new.display()
                ),
            },
        )),
    }
}
