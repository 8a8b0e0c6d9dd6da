//! The official SDKs the side-by-side benchmark compares with: installed from the npm registry
//! and PyPI into a folder under `target/` (pinned versions), then run as child processes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The Node SDK package and version (the whole SDK: Tencent publishes no Lighthouse-only
/// package for Node).
pub const NODE_SDK: (&str, &str) = ("tencentcloud-sdk-nodejs", "4.1.313");

/// The Python SDK package and version: the Lighthouse part of `tencentcloud-sdk-python`,
/// published by Tencent from the same sources (with `tencentcloud-sdk-python-common`).
pub const PYTHON_SDK: (&str, &str) = ("tencentcloud-sdk-python-lighthouse", "3.1.177");

/// The Node script that measures one configuration.
pub const NODE_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/peers/node_client.js");

/// The Python script that measures one configuration.
pub const PYTHON_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/peers/python_client.py");

/// An installed peer SDK: the program and leading arguments that run its script.
#[derive(Debug, Clone)]
pub struct Peer {
    /// `node` or the virtualenv's `python`.
    pub program: PathBuf,
    /// The script, then nothing: the driver appends the measurement arguments.
    pub script: &'static str,
    /// Extra environment (`NODE_PATH`).
    pub env: Vec<(String, PathBuf)>,
}

fn run(command: &mut Command) -> Result<String, String> {
    let shown = format!("{command:?}");
    let out = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{shown}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    } else {
        Err(format!(
            "{shown} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Installs (once) and returns the Node SDK under `dir/node`.
pub fn node(dir: &Path) -> Result<Peer, String> {
    let prefix = dir.join("node");
    let (name, version) = NODE_SDK;
    let manifest = prefix.join("node_modules").join(name).join("package.json");
    let installed = std::fs::read_to_string(&manifest)
        .map(|m| m.contains(&format!("\"version\": \"{version}\"")))
        .unwrap_or(false);
    if !installed {
        std::fs::create_dir_all(&prefix).map_err(|e| format!("{}: {e}", prefix.display()))?;
        eprintln!("installing {name}@{version} into {}", prefix.display());
        run(Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "--prefix",
            ])
            .arg(&prefix)
            .arg(format!("{name}@{version}")))?;
    }
    Ok(Peer {
        program: PathBuf::from("node"),
        script: NODE_SCRIPT,
        env: vec![("NODE_PATH".to_owned(), prefix.join("node_modules"))],
    })
}

/// Installs (once) and returns the Python SDK in a virtualenv under `dir/python`.
pub fn python(dir: &Path) -> Result<Peer, String> {
    let venv = dir.join("python");
    let python = venv.join("bin").join("python");
    let (name, version) = PYTHON_SDK;
    let probe = format!("import importlib.metadata as m; print(m.version({name:?}))");
    let installed = run(Command::new(&python).args(["-c", &probe]))
        .map(|v| v == version)
        .unwrap_or(false);
    if !installed {
        eprintln!("installing {name}=={version} into {}", venv.display());
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        run(Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("{name}=={version}"),
        ]))?;
    }
    Ok(Peer {
        program: python,
        script: PYTHON_SCRIPT,
        env: Vec::new(),
    })
}
