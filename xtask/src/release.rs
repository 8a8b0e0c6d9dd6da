//! A generated crate's version and `CHANGELOG.md` follow what changed in its spec.
//!
//! When regen writes a spec that differs from the one on disk, it diffs the two
//! ([`tcgen::diff::diff_specs`]), bumps the crate version the semver way
//! ([`tcgen::diff::bump_version`]: breaking -> major, anything else -> minor; `0.x` shifts one
//! place right) and prepends the diff to the crate's `CHANGELOG.md`. When the spec is unchanged,
//! the version and changelog on disk are kept as they are, so a second regen (and
//! `regen --check`) writes nothing new: the output depends only on files in the repository,
//! never on the clock.

use std::path::Path;

use tcgen::diff::{
    bump_version, changelog_entry, diff_specs, parse_spec, prepend_entry, release_date,
    DiffOptions, CHANGELOG_TITLE,
};
use tcgen::generate::GeneratedFile;
use tcgen::spec::Spec;

/// The changelog file regen keeps in every generated crate.
const CHANGELOG: &str = "CHANGELOG.md";

/// What a crate release step decided, for regen's summary.
#[derive(Debug, Default)]
pub struct Release {
    /// The crate version written to its `Cargo.toml`.
    pub version: String,
    /// One line on what changed in the spec, when it changed.
    pub summary: Option<String>,
}

/// Sets the version in the generated `Cargo.toml` among `files` (paths relative to
/// `generated/`) and adds the crate's `CHANGELOG.md`, from the spec and crate on disk under
/// `root` and the freshly parsed `new` spec.
pub fn apply(
    root: &Path,
    spec_path: &str,
    new: &Spec,
    crate_dir: &str,
    files: &mut Vec<GeneratedFile>,
) -> Result<Release, String> {
    let manifest_path = format!("{crate_dir}/Cargo.toml");
    let manifest = files
        .iter()
        .find(|f| f.path == manifest_path)
        .map(|f| f.contents.clone())
        .ok_or_else(|| format!("the generator wrote no {manifest_path}"))?;
    let on_disk = |rel: &str| std::fs::read_to_string(root.join("generated").join(rel)).ok();
    let current = on_disk(&manifest_path)
        .as_deref()
        .and_then(package_version)
        .or_else(|| package_version(&manifest))
        .ok_or_else(|| format!("{manifest_path}: no `version = \"...\"` in [package]"))?;
    let changelog_path = format!("{crate_dir}/{CHANGELOG}");
    let mut changelog = on_disk(&changelog_path).unwrap_or_default();
    let mut release = Release {
        version: current.clone(),
        summary: None,
    };
    if let Some(old) = old_spec(root, spec_path)? {
        let diff = diff_specs(spec_path, &old, new, DiffOptions::default());
        if !diff.summary.is_empty() {
            release.version = bump_version(&current, &diff).map_err(|e| e.to_string())?;
            let entry = changelog_entry(&diff, &release.version, release_date(new).as_deref());
            changelog = prepend_entry(&changelog, &entry);
            release.summary = Some(format!("{spec_path}: {}", diff.summary.line()));
        }
    }
    if changelog.trim().is_empty() {
        changelog = first_entry(spec_path, &release.version);
    }
    set_file(
        files,
        &manifest_path,
        with_version(&manifest, &release.version),
    );
    set_file(files, &changelog_path, changelog);
    Ok(release)
}

/// The spec currently on disk at `spec_path`, if there is one.
fn old_spec(root: &Path, spec_path: &str) -> Result<Option<Spec>, String> {
    match std::fs::read_to_string(root.join(spec_path)) {
        Ok(text) => parse_spec(spec_path, &text)
            .map(Some)
            .map_err(|e| e.to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{spec_path}: {e}")),
    }
}

/// The changelog of a crate generated for the first time.
fn first_entry(spec_path: &str, version: &str) -> String {
    format!("{CHANGELOG_TITLE}\n## {version}\n\nFirst generated from `{spec_path}`.\n")
}

/// The `version` of the `[package]` section of a manifest.
fn package_version(manifest: &str) -> Option<String> {
    package_lines(manifest)
        .find_map(|line| line.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .map(str::to_string)
}

/// The manifest with its `[package]` version replaced by `version`.
fn with_version(manifest: &str, version: &str) -> String {
    let mut in_package = false;
    let mut out = String::with_capacity(manifest.len());
    for line in manifest.split_inclusive('\n') {
        if line.starts_with('[') {
            in_package = line.trim_end() == "[package]";
        }
        if in_package && line.starts_with("version = \"") {
            out.push_str(&format!("version = \"{version}\"\n"));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The lines of the `[package]` section.
fn package_lines(manifest: &str) -> impl Iterator<Item = &str> {
    manifest
        .lines()
        .skip_while(|l| l.trim_end() != "[package]")
        .skip(1)
        .take_while(|l| !l.starts_with('['))
}

/// Replaces (or adds) the file at `path`.
fn set_file(files: &mut Vec<GeneratedFile>, path: &str, contents: String) {
    match files.iter_mut().find(|f| f.path == path) {
        Some(f) => f.contents = contents,
        None => files.push(GeneratedFile {
            path: path.to_string(),
            contents,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = "# header\n\n[package]\nname = \"tencentcloud-x\"\nversion = \"0.1.0\"\n\n[dependencies]\nserde = { version = \"1\" }\n";

    #[test]
    fn reads_and_replaces_only_the_package_version() {
        assert_eq!(package_version(MANIFEST).as_deref(), Some("0.1.0"));
        let bumped = with_version(MANIFEST, "0.2.0");
        assert_eq!(package_version(&bumped).as_deref(), Some("0.2.0"));
        assert!(bumped.contains("serde = { version = \"1\" }"), "{bumped}");
        assert_eq!(bumped.lines().count(), MANIFEST.lines().count());
    }

    #[test]
    fn a_manifest_without_package_version_has_none() {
        assert_eq!(package_version("[dependencies]\nversion = \"1\"\n"), None);
    }

    fn spec_with_action(name: &str) -> Spec {
        let text = format!(
            r#"{{"format":1,"service":"x","version":"2020-01-01","endpoint":"x.tencentcloudapi.com",
            "actions":[{{"name":"{name}","rate_limit_per_second":null,"region":"required","input":[],
            "output":[],"errors":[],"examples":[],"source":{{"path":"s","line":1}}}}],
            "types":[],"errors":[],"sources":[]}}"#
        );
        parse_spec("x.json", &text).expect("a valid spec")
    }

    /// A new action is a compatible change: 0.1.0 -> 0.1.1, and the changelog names it.
    #[test]
    fn a_changed_spec_bumps_the_version_and_extends_the_changelog() {
        let root = tempfile::tempdir().expect("temp dir");
        let spec_path = "spec/x/2020-01-01.json";
        std::fs::create_dir_all(root.path().join("spec/x")).expect("mkdir");
        std::fs::write(
            root.path().join(spec_path),
            spec_with_action("DescribeA").to_json_string(),
        )
        .expect("write old spec");
        let new = spec_with_action("DescribeA");
        let mut new = new;
        new.actions
            .push(spec_with_action("DescribeB").actions.remove(0));
        let mut files = vec![GeneratedFile {
            path: "tencentcloud-x/Cargo.toml".to_string(),
            contents: MANIFEST.to_string(),
        }];
        let release = apply(root.path(), spec_path, &new, "tencentcloud-x", &mut files)
            .expect("release step");
        assert_eq!(release.version, "0.1.1");
        assert!(release.summary.is_some());
        let changelog = &files
            .iter()
            .find(|f| f.path == "tencentcloud-x/CHANGELOG.md")
            .expect("changelog written")
            .contents;
        assert!(changelog.starts_with("# Changelog"), "{changelog}");
        assert!(changelog.contains("## 0.1.1"), "{changelog}");
        assert!(changelog.contains("DescribeB"), "{changelog}");
        assert_eq!(
            package_version(&files[0].contents).as_deref(),
            Some("0.1.1")
        );
    }

    /// An unchanged spec keeps the version and writes the first changelog only once.
    #[test]
    fn an_unchanged_spec_keeps_the_version() {
        let root = tempfile::tempdir().expect("temp dir");
        let spec_path = "spec/x/2020-01-01.json";
        std::fs::create_dir_all(root.path().join("spec/x")).expect("mkdir");
        let spec = spec_with_action("DescribeA");
        std::fs::write(root.path().join(spec_path), spec.to_json_string()).expect("write spec");
        let mut files = vec![GeneratedFile {
            path: "tencentcloud-x/Cargo.toml".to_string(),
            contents: MANIFEST.to_string(),
        }];
        let release =
            apply(root.path(), spec_path, &spec, "tencentcloud-x", &mut files).expect("release");
        assert_eq!(release.version, "0.1.0");
        assert_eq!(release.summary, None);
        assert!(
            files[1].contents.contains("First generated"),
            "{}",
            files[1].contents
        );
    }
}
