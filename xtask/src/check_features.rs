//! `cargo xtask check-features [CRATE ...]`: every generated crate compiles without warnings
//! with each API-category feature alone, with no feature, and with the default features.
//!
//! The features come from the specs (`spec/<service>/<version>.json`, through the generator's
//! model), so a new category is checked without a list to keep. Each build is
//! `cargo rustc -p CRATE --lib --profile check [--no-default-features --features F] -- -D warnings`:
//! the warnings fail only the generated crate, and the dependencies keep their flags (nothing
//! else is rebuilt).

use std::path::Path;
use std::process::{ExitCode, Stdio};

use tcgen::generate::model::CrateModel;
use tcgen::generate::output::read_spec_dir;

/// Entry point for `cargo xtask check-features`.
pub fn main(args: &[String]) -> ExitCode {
    if args.iter().any(|a| a.starts_with('-')) {
        eprintln!("usage: cargo xtask check-features [CRATE ...]");
        return ExitCode::from(2);
    }
    match run(args) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(failed) => {
            eprintln!("check-features: {failed} build(s) failed");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("check-features: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One build to check: a crate and its feature selection (`None`: the default features).
struct Build {
    krate: String,
    features: Option<String>,
}

fn run(only: &[String]) -> Result<usize, String> {
    let root = crate::repo_root();
    let builds = builds(&root, only)?;
    let mut failed = 0;
    for build in &builds {
        let label = match &build.features {
            None => "default features".to_owned(),
            Some(f) if f.is_empty() => "no features".to_owned(),
            Some(f) => format!("--features {f}"),
        };
        let ok = check(&root, build)?;
        println!(
            "{} {} ({label})",
            if ok { "ok    " } else { "FAILED" },
            build.krate
        );
        failed += usize::from(!ok);
    }
    Ok(failed)
}

/// For every spec's crate (or the ones named): no feature, each category alone, the defaults.
fn builds(root: &Path, only: &[String]) -> Result<Vec<Build>, String> {
    let specs = read_spec_dir(&root.join("spec")).map_err(|e| e.to_string())?;
    let mut builds = Vec::new();
    for (path, spec) in &specs {
        let model = CrateModel::build(spec, path).map_err(|e| e.to_string())?;
        if !only.is_empty() && !only.contains(&model.crate_name) {
            continue;
        }
        let selections = std::iter::once(Some(String::new()))
            .chain(model.features.iter().map(|f| Some(f.name.clone())))
            .chain(std::iter::once(None));
        builds.extend(selections.map(|features| Build {
            krate: model.crate_name.clone(),
            features,
        }));
    }
    if let Some(unknown) = only.iter().find(|c| !builds.iter().any(|b| &b.krate == *c)) {
        return Err(format!("no generated crate {unknown}"));
    }
    Ok(builds)
}

/// Whether the crate's library compiles without warnings (cargo prints them).
fn check(root: &Path, build: &Build) -> Result<bool, String> {
    let mut cmd = crate::cargo_command(root);
    cmd.args([
        "rustc",
        "--quiet",
        "-p",
        &build.krate,
        "--lib",
        "--profile",
        "check",
    ])
    .stdin(Stdio::null());
    if let Some(features) = &build.features {
        cmd.arg("--no-default-features");
        if !features.is_empty() {
            cmd.args(["--features", features]);
        }
    }
    cmd.args(["--", "-D", "warnings"]);
    let status = cmd.status().map_err(|e| format!("cargo rustc: {e}"))?;
    Ok(status.success())
}
