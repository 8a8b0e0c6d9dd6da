//! `cargo xtask diff [REV] [--format markdown|json] [--fail-on-breaking] [--descriptions]`
//!
//! Compares the specs committed at git revision `REV` (default `HEAD`) with the specs in the
//! working tree: every `spec/<service>/<version>.json` at `REV` (read with `git ls-tree` and
//! `git show REV:path`) against the same paths under `spec/` on disk, and prints the report of
//! [`tcgen::diff`] (Markdown by default).
//!
//! Exit codes: 0 when the diff was printed, 1 with `--fail-on-breaking` when anything breaking
//! changed, 2 for usage errors, git errors (unknown revision, not a repository) or unreadable
//! specs.
//!
//! Wiring into `xtask/src/main.rs` (one arm of the command dispatch):
//!
//! ```ignore
//! mod diff;
//! // ... in main(), with `args` the arguments after the program name:
//! Some("diff") => diff::main(&args[1..]),
//! ```
//!
//! [`main`] prints errors and maps them to exit code 2; [`run`] returns them instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use tcgen::diff::{self, DiffOptions, Format};
use tcgen::spec::Spec;

/// The directory holding the specs, relative to the repository root.
const SPEC_DIR: &str = "spec";

const USAGE: &str =
    "usage: cargo xtask diff [REV] [--format markdown|json] [--fail-on-breaking] [--descriptions]";

/// Parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Args {
    rev: String,
    format: Format,
    options: DiffOptions,
    fail_on_breaking: bool,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        rev: "HEAD".to_string(),
        format: Format::Markdown,
        options: DiffOptions::default(),
        fail_on_breaking: false,
    };
    let mut rev_given = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--fail-on-breaking" => parsed.fail_on_breaking = true,
            "--descriptions" => parsed.options.descriptions = true,
            "--format" => {
                let value = rest
                    .next()
                    .ok_or(format!("--format needs a value\n{USAGE}"))?;
                parsed.format = value.parse()?;
            }
            other if other.starts_with("--format=") => {
                parsed.format = other["--format=".len()..].parse()?;
            }
            other if other.starts_with('-') => {
                return Err(format!("unknown option `{other}`\n{USAGE}"))
            }
            other if !rev_given => {
                parsed.rev = other.to_string();
                rev_given = true;
            }
            other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

/// The repository root: the parent of this crate's directory.
fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Runs `git -C root args...` and returns its stdout.
fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// Every spec file committed at `rev`, keyed by its path relative to `spec/`.
fn specs_at_rev(root: &Path, rev: &str) -> Result<BTreeMap<String, Spec>, String> {
    // `rev^{commit}` makes an unknown revision an error instead of an empty listing.
    git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| format!("unknown git revision `{rev}`"))?;
    let listing = git(
        root,
        &["ls-tree", "-r", "-z", "--name-only", rev, "--", SPEC_DIR],
    )?;
    let mut specs = BTreeMap::new();
    for path in listing.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        let path = String::from_utf8_lossy(path).into_owned();
        let Some(relative) = path.strip_prefix("spec/") else {
            continue;
        };
        if !diff::is_spec_path(relative) {
            continue;
        }
        let bytes = git(root, &["show", &format!("{rev}:{path}")])?;
        let label = format!("{rev}:{path}");
        let text = String::from_utf8(bytes).map_err(|_| format!("{label}: not UTF-8"))?;
        let spec = diff::parse_spec(&label, &text).map_err(|e| e.to_string())?;
        specs.insert(relative.to_string(), spec);
    }
    Ok(specs)
}

/// The specs in the working tree under `root/spec` (none if the directory does not exist).
fn specs_on_disk(root: &Path) -> Result<BTreeMap<String, Spec>, String> {
    let dir = root.join(SPEC_DIR);
    if !dir.is_dir() {
        return Ok(BTreeMap::new());
    }
    diff::read_spec_dir(&dir).map_err(|e| e.to_string())
}

/// Diffs the specs at the parsed revision against the working tree of `root`: the rendered
/// report and whether it is breaking.
fn diff_repo(root: &Path, args: &Args) -> Result<(String, bool), String> {
    let old = specs_at_rev(root, &args.rev)?;
    let new = specs_on_disk(root)?;
    let report = diff::diff_spec_sets(&old, &new, args.options);
    Ok((diff::render(&report, args.format), report.is_breaking()))
}

/// `cargo xtask diff ARGS...` (arguments after `diff`): prints the report to stdout.
/// `Ok(ExitCode::from(1))` when `--fail-on-breaking` was given and something breaks;
/// `Err` for usage, git and spec errors (the caller prints it and exits with 2).
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    let (text, breaking) = diff_repo(&repo_root(), &args)?;
    // A closed pipe (`| head`) is not an error worth a panic: the reader has what it wanted.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
    Ok(if args.fail_on_breaking && breaking {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// [`run`], with errors printed to stderr and mapped to exit code 2.
pub fn main(args: &[String]) -> ExitCode {
    match run(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("cargo xtask diff: {message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn defaults_are_head_and_markdown() {
        let args = parse_args(&[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((args.rev.as_str(), args.format), ("HEAD", Format::Markdown));
        assert!(!args.fail_on_breaking && !args.options.descriptions);
    }

    #[test]
    fn flags_and_revision_are_read_in_any_order() {
        let args = parse_args(&strings(&[
            "--format",
            "json",
            "v1",
            "--fail-on-breaking",
            "--descriptions",
        ]))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((args.rev.as_str(), args.format), ("v1", Format::Json));
        assert!(args.fail_on_breaking && args.options.descriptions);
        let eq = parse_args(&strings(&["--format=json"])).map(|a| a.format);
        assert_eq!(eq, Ok(Format::Json));
    }

    #[test]
    fn bad_arguments_are_errors() {
        for bad in [
            &["--format"][..],
            &["--format", "yaml"],
            &["--nope"],
            &["a", "b"],
        ] {
            assert!(parse_args(&strings(bad)).is_err(), "{bad:?}");
        }
    }

    /// A scratch git repository with one committed spec.
    struct Repo(PathBuf);

    impl Repo {
        fn new(name: &str) -> Repo {
            let dir =
                std::env::temp_dir().join(format!("xtask-diff-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(dir.join("spec/lighthouse")).unwrap_or_else(|e| panic!("{e}"));
            let repo = Repo(dir);
            repo.git(&["init", "-q"]);
            repo
        }

        fn git(&self, args: &[&str]) {
            let mut full = vec![
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ];
            full.extend_from_slice(args);
            git(&self.0, &full).unwrap_or_else(|e| panic!("{e}"));
        }

        fn write(&self, relative: &str, text: &str) {
            std::fs::write(self.0.join(relative), text).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    impl Drop for Repo {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn spec_json(actions: &[&str]) -> String {
        let actions: Vec<String> = actions
            .iter()
            .map(|name| {
                format!(
                    r#"{{"name": "{name}", "rate_limit_per_second": null, "region": "required", "input": [], "output": [], "errors": [], "examples": [], "source": {{"path": "s", "line": 1}}}}"#
                )
            })
            .collect();
        format!(
            r#"{{"format": 1, "service": "lighthouse", "version": "2020-03-24", "endpoint": "lighthouse.tencentcloudapi.com", "actions": [{}], "types": [], "errors": [], "sources": []}}"#,
            actions.join(", ")
        )
    }

    #[test]
    fn working_tree_is_compared_with_the_revision() {
        let repo = Repo::new("compare");
        repo.write("spec/lighthouse/2020-03-24.json", &spec_json(&["A", "B"]));
        repo.write("spec/schema.json", "{}");
        repo.git(&["add", "."]);
        repo.git(&["commit", "-qm", "specs"]);
        repo.write("spec/lighthouse/2020-03-24.json", &spec_json(&["B", "C"]));
        let args = parse_args(&strings(&["--format", "json"])).unwrap_or_else(|e| panic!("{e}"));
        let (text, breaking) = diff_repo(&repo.0, &args).unwrap_or_else(|e| panic!("{e}"));
        assert!(breaking, "A was removed");
        let summary = "\"summary\": {\n    \"breaking\": 1,\n    \"compatible\": 1,";
        assert!(text.contains(summary), "{text}");
        assert!(
            text.contains("\"path\": \"lighthouse/2020-03-24.json\""),
            "{text}"
        );
    }

    #[test]
    fn unchanged_tree_has_no_changes() {
        let repo = Repo::new("same");
        repo.write("spec/lighthouse/2020-03-24.json", &spec_json(&["A"]));
        repo.git(&["add", "."]);
        repo.git(&["commit", "-qm", "specs"]);
        let args = parse_args(&[]).unwrap_or_else(|e| panic!("{e}"));
        let (text, breaking) = diff_repo(&repo.0, &args).unwrap_or_else(|e| panic!("{e}"));
        assert!(!breaking);
        assert!(
            text.contains("0 breaking, 0 compatible, 0 descriptions changed in 0 of 1 spec file"),
            "{text}"
        );
    }

    #[test]
    fn unknown_revision_and_broken_spec_are_errors() {
        let repo = Repo::new("errors");
        repo.write("spec/lighthouse/2020-03-24.json", "{ not json");
        repo.git(&["add", "."]);
        repo.git(&["commit", "-qm", "broken"]);
        let at = |rev: &str| parse_args(&strings(&[rev])).unwrap_or_else(|e| panic!("{e}"));
        let unknown = diff_repo(&repo.0, &at("no-such-rev"));
        assert_eq!(
            unknown.err().as_deref(),
            Some("unknown git revision `no-such-rev`")
        );
        let broken = diff_repo(&repo.0, &at("HEAD")).err().unwrap_or_default();
        assert!(
            broken.starts_with("HEAD:spec/lighthouse/2020-03-24.json:1: not a valid spec"),
            "{broken}"
        );
    }
}
