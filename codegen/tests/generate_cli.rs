//! `tcgen generate <SPEC_DIR> -o <GENERATED_DIR>` end to end on the fixture spec.

use std::path::{Path, PathBuf};
use std::process::Command;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tcgen-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn tcgen(args: &[&Path]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tcgen"))
        .arg("generate")
        .arg(args[0])
        .arg("-o")
        .arg(args[1])
        .output()
        .expect("tcgen runs")
}

#[test]
fn writes_the_crate_and_removes_stale_files_but_not_other_crates() {
    let root = temp_dir("write");
    let spec_dir = root.join("spec");
    let out = root.join("generated");
    std::fs::create_dir_all(spec_dir.join("lighthouse")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lighthouse-mini.json"),
        spec_dir.join("lighthouse/2020-03-24.json"),
    )
    .unwrap();
    std::fs::create_dir_all(out.join("tencentcloud-lighthouse/src")).unwrap();
    std::fs::write(out.join("tencentcloud-lighthouse/src/stale.rs"), "// old").unwrap();
    std::fs::create_dir_all(out.join("tencentcloud-core/src")).unwrap();
    std::fs::write(out.join("tencentcloud-core/src/lib.rs"), "// hand-written").unwrap();

    let run = tcgen(&[&spec_dir, &out]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let lib = std::fs::read_to_string(out.join("tencentcloud-lighthouse/src/lib.rs")).unwrap();
    assert!(lib.contains("DO NOT EDIT."));
    assert!(out
        .join("tencentcloud-lighthouse/src/actions/create_instances.rs")
        .exists());
    assert!(!out.join("tencentcloud-lighthouse/src/stale.rs").exists());
    let core = std::fs::read_to_string(out.join("tencentcloud-core/src/lib.rs")).unwrap();
    assert_eq!(core, "// hand-written");

    // A second run writes nothing.
    let again = tcgen(&[&spec_dir, &out]);
    assert!(String::from_utf8_lossy(&again.stdout).contains(", 0 written or removed"));
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn an_empty_or_bad_spec_dir_is_an_error_naming_the_file() {
    let root = temp_dir("bad");
    let run = tcgen(&[&root.join("spec"), &root.join("generated")]);
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("no spec files"));

    std::fs::create_dir_all(root.join("spec/x")).unwrap();
    std::fs::write(root.join("spec/x/1.json"), "{ not json").unwrap();
    let run = tcgen(&[&root.join("spec"), &root.join("generated")]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("spec/x/1.json"), "{stderr}");
    assert!(!root.join("generated").exists(), "nothing written");
    std::fs::remove_dir_all(&root).unwrap();
}
