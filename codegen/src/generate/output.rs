//! Writing generated trees to disk and finding what differs: changed, missing and stale files.
//!
//! A "scope" is a directory owned by the generator: every file in it must be one the generator
//! writes, anything else there is stale. Paths are `/`-separated and relative to a root.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// How a file on disk differs from what the generator would write.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Drift {
    /// The file does not exist.
    Missing(String),
    /// The file exists with other contents.
    Changed(String),
    /// The file is in a generator-owned directory but would not be written.
    Stale(String),
}

impl Drift {
    /// The path the drift is about.
    pub fn path(&self) -> &str {
        match self {
            Drift::Missing(p) | Drift::Changed(p) | Drift::Stale(p) => p,
        }
    }
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Missing(p) => write!(f, "missing: {p}"),
            Drift::Changed(p) => write!(f, "differs: {p}"),
            Drift::Stale(p) => write!(f, "stale:   {p}"),
        }
    }
}

/// An I/O failure, naming the path.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct OutputError {
    /// The path that failed.
    pub path: PathBuf,
    /// What failed.
    pub source: io::Error,
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError {
        path: path.to_owned(),
        source,
    }
}

/// Reads every spec file `<dir>/<service>/<version>.json` (the `sources` directory skipped),
/// sorted by path; each comes with its path as `<dir>/<service>/<version>.json`.
pub fn read_spec_dir(dir: &Path) -> Result<Vec<(String, crate::spec::Spec)>, OutputError> {
    let mut specs = Vec::new();
    for rel in list_files(dir, "")? {
        let mut parts = rel.split('/');
        let (Some(service), Some(file), None) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if service == "sources" || !file.ends_with(".json") {
            continue;
        }
        let path = dir.join(&rel);
        let text = std::fs::read_to_string(&path).map_err(at(&path))?;
        let spec = crate::spec::Spec::from_json_str(&text).map_err(|e| OutputError {
            path: path.clone(),
            source: io::Error::new(io::ErrorKind::InvalidData, e.to_string()),
        })?;
        let display = dir.to_string_lossy().replace('\\', "/");
        let display = display.trim_end_matches('/');
        specs.push((format!("{display}/{rel}"), spec));
    }
    Ok(specs)
}

/// Compares `expected` (relative path -> contents) with the files under `root`; files under a
/// `scopes` directory that are not expected are stale. Sorted by path.
pub fn diff_tree(
    root: &Path,
    expected: &BTreeMap<String, String>,
    scopes: &[String],
) -> Result<Vec<Drift>, OutputError> {
    let mut drifts = Vec::new();
    for (rel, contents) in expected {
        let path = root.join(rel);
        match std::fs::read(&path) {
            Ok(bytes) if bytes == contents.as_bytes() => {}
            Ok(_) => drifts.push(Drift::Changed(rel.clone())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                drifts.push(Drift::Missing(rel.clone()))
            }
            Err(e) => return Err(at(&path)(e)),
        }
    }
    for scope in scopes {
        for rel in list_files(root, scope)? {
            if !expected.contains_key(&rel) {
                drifts.push(Drift::Stale(rel));
            }
        }
    }
    drifts.sort();
    drifts.dedup();
    Ok(drifts)
}

/// Makes the tree match: writes missing and changed files, deletes stale ones (and the
/// directories that leaves empty).
pub fn apply(
    root: &Path,
    expected: &BTreeMap<String, String>,
    drifts: &[Drift],
) -> Result<(), OutputError> {
    for drift in drifts {
        let path = root.join(drift.path());
        match drift {
            Drift::Missing(rel) | Drift::Changed(rel) => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(at(parent))?;
                }
                let contents = expected.get(rel).map_or("", String::as_str);
                std::fs::write(&path, contents).map_err(at(&path))?;
            }
            Drift::Stale(_) => {
                std::fs::remove_file(&path).map_err(at(&path))?;
                remove_empty_parents(root, &path);
            }
        }
    }
    Ok(())
}

/// Removes now-empty directories between `file` and `root` (best effort: a non-empty or
/// busy directory simply stays).
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Every file under `root/scope`, as sorted relative paths (none when it does not exist).
pub fn list_files(root: &Path, scope: &str) -> Result<Vec<String>, OutputError> {
    let mut out = Vec::new();
    let mut stack = vec![if scope.is_empty() {
        root.to_owned()
    } else {
        root.join(scope)
    }];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(at(&dir)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(at(&dir))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(at(&path))?;
            if kind.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(relative_string(rel));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A relative path with `/` separators.
fn relative_string(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_root(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tcgen-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn finds_missing_changed_and_stale_files_then_fixes_them() {
        let root = temp_root("drift");
        std::fs::create_dir_all(root.join("c/src/old")).unwrap();
        std::fs::write(root.join("c/src/lib.rs"), "old").unwrap();
        std::fs::write(root.join("c/src/old/x.rs"), "x").unwrap();
        std::fs::write(root.join("outside.rs"), "kept").unwrap();
        let expected: BTreeMap<String, String> = [
            ("c/src/lib.rs".to_owned(), "new".to_owned()),
            ("c/Cargo.toml".to_owned(), "toml".to_owned()),
        ]
        .into();
        let scopes = ["c".to_owned()];
        let drifts = diff_tree(&root, &expected, &scopes).unwrap();
        assert_eq!(
            drifts,
            [
                Drift::Missing("c/Cargo.toml".to_owned()),
                Drift::Changed("c/src/lib.rs".to_owned()),
                Drift::Stale("c/src/old/x.rs".to_owned()),
            ]
        );
        apply(&root, &expected, &drifts).unwrap();
        assert!(diff_tree(&root, &expected, &scopes).unwrap().is_empty());
        assert!(!root.join("c/src/old").exists());
        assert_eq!(
            std::fs::read_to_string(root.join("outside.rs")).unwrap(),
            "kept"
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
