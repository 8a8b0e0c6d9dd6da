//! Snapshots of the spec files parsed from the real sources: every change to the parser's
//! output is reviewed as a diff (`cargo insta review`).

use std::path::{Path, PathBuf};

use tcgen::parse::parse_files;
use tcgen::spec::Spec;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Every file under `spec/sources/`, recursively, in the order regen reads them.
fn sources() -> Vec<PathBuf> {
    let root = repo_root();
    tcgen::generate::output::list_files(&root, "spec/sources")
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|rel| root.join(rel))
        .collect()
}

fn spec(service: &str) -> Spec {
    let report = parse_files(&sources(), &repo_root()).unwrap_or_else(|e| panic!("{e}"));
    report
        .specs
        .into_iter()
        .find(|s| s.service == service)
        .unwrap_or_else(|| panic!("no {service} spec"))
}

#[test]
fn lighthouse_spec_snapshot() {
    insta::assert_snapshot!(spec("lighthouse").to_json_string());
}

#[test]
fn cbs_spec_snapshot() {
    insta::assert_snapshot!(spec("cbs").to_json_string());
}

#[test]
fn cvm_spec_snapshot() {
    insta::assert_snapshot!(spec("cvm").to_json_string());
}

#[test]
fn committed_spec_files_are_current() {
    for service in ["lighthouse", "cbs", "cvm"] {
        let spec = spec(service);
        let path = repo_root()
            .join("spec")
            .join(&spec.service)
            .join(format!("{}.json", spec.version));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == spec.to_json_string(),
            "{} is stale: run `cargo xtask regen`",
            path.display()
        );
    }
}
