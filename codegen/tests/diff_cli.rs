//! `tcgen diff OLD NEW`: files, directories, formats and exit codes.

mod diff_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use diff_support::{new_spec, old_spec};
use tcgen::spec::Spec;

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("diff_cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn write_spec(path: &Path, spec: &Spec) {
    write(path, &spec.to_json_string());
}

fn tcgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tcgen"))
        .arg("diff")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tcgen: {e}"))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Old and new spec files of the constructed change.
fn files(name: &str) -> (String, String) {
    let dir = scratch(name);
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    write_spec(&old, &old_spec());
    write_spec(&new, &new_spec());
    (old.display().to_string(), new.display().to_string())
}

#[test]
fn two_files_print_markdown_and_exit_zero() {
    let (old, new) = files("markdown");
    let out = tcgen(&[&old, &new]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("# Spec changes\n\n**Summary:** 6 breaking, 6 compatible"),
        "{text}"
    );
    assert!(text.contains("## lighthouse 2020-03-24 (`lighthouse/2020-03-24.json`)"));
}

#[test]
fn fail_on_breaking_exits_one_only_when_breaking() {
    let (old, new) = files("fail");
    assert_eq!(
        tcgen(&["--fail-on-breaking", &old, &new]).status.code(),
        Some(1)
    );
    // The reverse direction breaks too (things removed), the same file does not.
    assert_eq!(
        tcgen(&["--fail-on-breaking", &old, &old]).status.code(),
        Some(0)
    );
    let dir = scratch("fail_compatible");
    let mut added = old_spec();
    added
        .actions
        .push(diff_support::action("Brand", vec![], vec![]));
    write_spec(&dir.join("new.json"), &added);
    let new_path = dir.join("new.json").display().to_string();
    assert_eq!(
        tcgen(&["--fail-on-breaking", &old, &new_path])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn json_format_is_the_documented_shape() {
    let (old, new) = files("json");
    let out = tcgen(&["--format", "json", "--descriptions", &old, &new]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: serde_json::Value =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert_eq!(value["format"], 1);
    assert_eq!(value["summary"]["breaking"], 6);
    let spec = &value["specs"][0];
    assert_eq!(spec["status"], "modified");
    assert_eq!(spec["descriptions"].as_array().map(Vec::len), Some(1));
    let keys: Vec<&str> = spec["changes"][0]
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        ["impact", "scope", "name", "kind", "location", "item", "old", "new", "reason"]
    );
}

#[test]
fn directories_match_files_by_service_and_version() {
    let dir = scratch("dirs");
    let (old, new) = (dir.join("old"), dir.join("new"));
    write_spec(&old.join("lighthouse/2020-03-24.json"), &old_spec());
    write_spec(&new.join("lighthouse/2020-03-24.json"), &new_spec());
    let mut cbs = old_spec();
    cbs.service = "cbs".to_string();
    cbs.version = "2017-03-12".to_string();
    write_spec(&old.join("cbs/2017-03-12.json"), &cbs);
    let mut cvm = cbs.clone();
    cvm.service = "cvm".to_string();
    write_spec(&new.join("cvm/2017-03-12.json"), &cvm);
    // Not specs: the schema, sources, deeper files.
    write(&new.join("schema.json"), "not a spec");
    write(&new.join("sources/x.json"), "not a spec");
    write(&new.join("cvm/deep/x.json"), "not a spec");
    let out = tcgen(&[
        "--format",
        "json",
        &old.display().to_string(),
        &new.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap_or_default();
    let files: Vec<(String, String)> = value["specs"]
        .as_array()
        .map(|specs| {
            specs
                .iter()
                .map(|s| (s["path"].to_string(), s["status"].to_string()))
                .collect()
        })
        .unwrap_or_default();
    let expected = [
        ("\"cbs/2017-03-12.json\"", "\"removed\""),
        ("\"cvm/2017-03-12.json\"", "\"added\""),
        ("\"lighthouse/2020-03-24.json\"", "\"modified\""),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(files, expected);
    // A removed spec removes its 3 actions, 2 types and 2 error codes: all breaking.
    assert_eq!(value["specs"][0]["summary"]["breaking"], 7);
    assert_eq!(value["specs"][1]["summary"]["compatible"], 7);
}

#[test]
fn missing_file_is_exit_two_naming_it() {
    let (old, _) = files("missing");
    let out = tcgen(&[&old, "/nonexistent/new.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/nonexistent/new.json"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn invalid_spec_is_exit_two_naming_file_and_line() {
    let dir = scratch("invalid");
    let (old, _) = files("invalid_pair");
    let bad = dir.join("bad.json");
    write(&bad, "{\n  \"format\": 1,\n  \"service\": 5\n}\n");
    let out = tcgen(&[&old, &bad.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains(&format!("{}:3: not a valid spec", bad.display())),
        "{message}"
    );
}

#[test]
fn file_against_directory_is_a_usage_error() {
    let (old, _) = files("mixed");
    let dir = scratch("mixed_dir");
    let out = tcgen(&[&old, &dir.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("two spec files or two spec directories"));
}

/// A missing directory beside an existing one is named as missing (it used to read "give two
/// spec files or two spec directories", as if the two were of different kinds).
#[test]
fn missing_directory_is_named_as_missing() {
    let dir = scratch("missing_dir");
    let out = tcgen(&["/nonexistent/spec", &dir.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/nonexistent/spec: no such file or directory"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unknown_format_is_a_usage_error() {
    let (old, new) = files("format");
    let out = tcgen(&["--format", "yaml", &old, &new]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("yaml"));
}
