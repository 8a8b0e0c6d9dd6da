//! `cargo xtask regen [--check]`: docs -> spec -> generated crates.
//!
//! Regen parses every file in `spec/sources/`, writes `spec/<service>/<version>.json`, and
//! generates `generated/tencentcloud-<service>/` from each spec. Directories it owns are
//! `spec/<service>/` and the generated crates (a `generated/tencentcloud-*` crate whose
//! `Cargo.toml` carries the generated-file header); files there that it would not write are
//! stale and removed. Nothing else lives in `generated/`; the hand-written runtime is
//! `runtime/tencentcloud-core` and is never touched.
//!
//! `--check` writes nothing and fails, listing every file that differs, is missing or is stale.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tcgen::generate::output::{self, Drift};
use tcgen::generate::{generate_crate, render};
use tcgen::parse::parse_files;
use tcgen::summary::SpecCounts;

/// The doc sources, relative to the repository root.
const SOURCES: &str = "spec/sources";
/// Where generated crates live, relative to the repository root.
const GENERATED: &str = "generated";

/// What regen would write.
#[derive(Debug, Default)]
pub struct Plan {
    /// Relative path -> contents.
    pub files: BTreeMap<String, String>,
    /// Directories regen owns (stale files there are reported).
    pub scopes: Vec<String>,
    /// One line per spec: service, version, counts.
    pub summary: Vec<String>,
    /// Parser warnings, as `path:line: message`.
    pub warnings: Vec<String>,
    /// One line per spec whose content changed: the diff summary and the crate's new version.
    pub changes: Vec<String>,
}

/// `cargo xtask regen --help`.
pub const USAGE: &str = "usage: cargo xtask regen [--check]
  Parses spec/sources/, writes spec/<service>/<version>.json and generated/tencentcloud-<service>/.
  Prints per spec what it holds, every parser warning (path:line: message), what changed and
  the crate versions bumped, then the files written or removed.
  --check  write nothing; fail, naming the files, when spec/ or generated/ is not up to date";

/// Runs `cargo xtask regen` with the arguments after `regen`.
pub fn main(args: &[String]) -> ExitCode {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        [flag] if flag == "--help" || flag == "-h" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&crate::repo_root(), check) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cargo xtask regen: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &Path, check: bool) -> Result<ExitCode, String> {
    let plan = plan(root)?;
    let drifts = output::diff_tree(root, &plan.files, &plan.scopes).map_err(|e| e.to_string())?;
    for line in &plan.summary {
        println!("{line}");
    }
    for warning in &plan.warnings {
        println!("{warning}");
    }
    println!("{} parser warnings", plan.warnings.len());
    for line in &plan.changes {
        println!("changed: {line}");
    }
    if check {
        if drifts.is_empty() {
            println!("regen --check: spec/ and generated/ are up to date");
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "regen --check: {} files differ from what `cargo xtask regen` writes:",
            drifts.len()
        );
        for d in &drifts {
            eprintln!("  {d}");
        }
        return Ok(ExitCode::FAILURE);
    }
    output::apply(root, &plan.files, &drifts).map_err(|e| e.to_string())?;
    for d in &drifts {
        println!("  {}", describe(d));
    }
    println!("regen: {} files written or removed", drifts.len());
    Ok(ExitCode::SUCCESS)
}

fn describe(drift: &Drift) -> String {
    match drift {
        Drift::Missing(p) => format!("created {p}"),
        Drift::Changed(p) => format!("updated {p}"),
        Drift::Stale(p) => format!("removed {p}"),
    }
}

/// Parses the sources and generates everything, in memory.
pub fn plan(root: &Path) -> Result<Plan, String> {
    let sources: Vec<PathBuf> = output::list_files(root, SOURCES)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|rel| root.join(rel))
        .collect();
    let report = parse_files(&sources, root).map_err(|e| e.to_string())?;
    if report.specs.is_empty() {
        return Err(format!(
            "no specs parsed from {} sources in {SOURCES}; nothing written (the spec files are kept)",
            sources.len()
        ));
    }
    let mut plan = Plan {
        warnings: report.diagnostics.iter().map(ToString::to_string).collect(),
        summary: report.sources_summary(),
        ..Plan::default()
    };
    for mut spec in report.specs {
        spec.normalize();
        let spec_path = format!("spec/{}/{}.json", spec.service, spec.version);
        let mut files = generate_crate(&spec, &spec_path).map_err(|e| e.to_string())?;
        let crate_dir = format!("tencentcloud-{}", spec.service);
        let release = crate::release::apply(root, &spec_path, &spec, &crate_dir, &mut files)?;
        if let Some(line) = release.summary {
            plan.changes
                .push(format!("{line} -> {crate_dir} {}", release.version));
        }
        plan.summary.push(format!(
            "{spec_path}: {} -> {GENERATED}/tencentcloud-{} ({} files)",
            SpecCounts::of(&spec),
            spec.service,
            files.len()
        ));
        plan.scopes.push(format!("spec/{}", spec.service));
        plan.scopes
            .push(format!("{GENERATED}/tencentcloud-{}", spec.service));
        plan.files.insert(spec_path, spec.to_json_string());
        for f in files {
            plan.files
                .insert(format!("{GENERATED}/{}", f.path), f.contents);
        }
    }
    plan.scopes.extend(existing_scopes(root)?);
    plan.scopes.sort();
    plan.scopes.dedup();
    Ok(plan)
}

/// Directories regen owns that exist on disk: `spec/<dir>/` other than the sources, and
/// generated crates (their `Cargo.toml` has the generated-file header).
fn existing_scopes(root: &Path) -> Result<Vec<String>, String> {
    let mut scopes = Vec::new();
    for (dir, owned) in [
        ("spec", is_spec_dir as fn(&Path, &str) -> bool),
        (GENERATED, is_generated_crate),
    ] {
        let entries = match std::fs::read_dir(root.join(dir)) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("{dir}: {e}")),
        };
        for entry in entries {
            let entry = entry.map_err(|e| format!("{dir}: {e}"))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() && owned(&entry.path(), &name) {
                scopes.push(format!("{dir}/{name}"));
            }
        }
    }
    Ok(scopes)
}

fn is_spec_dir(_: &Path, name: &str) -> bool {
    name != "sources"
}

fn is_generated_crate(path: &Path, name: &str) -> bool {
    name.starts_with("tencentcloud-")
        && std::fs::read_to_string(path.join("Cargo.toml")).is_ok_and(|t| render::is_generated(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test --workspace` catches stale output: everything under `spec/` and
    /// `generated/` must be exactly what `cargo xtask regen` writes.
    #[test]
    fn spec_and_generated_are_up_to_date() {
        let root = crate::repo_root();
        let plan = plan(&root).expect("regen plans");
        let drifts = output::diff_tree(&root, &plan.files, &plan.scopes).expect("readable tree");
        let listed: Vec<String> = drifts.iter().map(ToString::to_string).collect();
        assert!(
            drifts.is_empty(),
            "run `cargo xtask regen`; these files differ:\n{}",
            listed.join("\n")
        );
    }

    #[test]
    fn generated_holds_only_generated_crates() {
        let root = crate::repo_root();
        let scopes = existing_scopes(&root).expect("scopes");
        assert!(
            scopes.iter().all(|s| !s.starts_with("runtime")),
            "{scopes:?}"
        );
        for entry in std::fs::read_dir(root.join(GENERATED)).expect("generated/") {
            let entry = entry.expect("entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                scopes.contains(&format!("{GENERATED}/{name}")),
                "generated/{name} is not generator output (hand-written code belongs in runtime/)"
            );
        }
        assert!(scopes.iter().all(|s| s != "spec/sources"), "{scopes:?}");
    }
}
