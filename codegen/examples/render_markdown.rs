//! Renders every Markdown page under a folder to a standalone HTML page, the way a docs site
//! would serve it: pulldown-cmark's HTML renderer with GitHub-flavoured tables, inside a
//! minimal document. Used to make the HTML fixtures of the corpus equivalence test
//! (`codegen/tests/fixtures/corpus-forms/README.md`).
//!
//! `cargo run -p tcgen --example render_markdown -- IN_DIR OUT_DIR` writes `OUT_DIR/<path>.html`
//! for every `IN_DIR/<path>.md`, keeping the tree, and copies the tree's `category_i18n.json`
//! files (a folder's category names) to the same place: a site's saved pages keep the folders
//! of the docs tree, so the category rule reads them as it reads the Markdown's.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{html, Options, Parser};

/// The HTML page for one Markdown source.
pub fn render_page(markdown: &str, title: &str) -> String {
    let mut body = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut body, Parser::new_ext(markdown, Options::ENABLE_TABLES));
    let title = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

/// Every file under `dir` that `wanted` accepts, sorted.
fn files_under(
    dir: &Path,
    wanted: &dyn Fn(&Path) -> bool,
    out: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files_under(&path, wanted, out)?;
        } else if wanted(&path) {
            out.push(path);
        }
    }
    out.sort();
    Ok(())
}

/// Copies every `category_i18n.json` under `input` to the same place under `output`.
fn copy_category_names(input: &Path, output: &Path) -> Result<usize, String> {
    let mut files = Vec::new();
    let wanted = |p: &Path| p.file_name().is_some_and(|n| n == "category_i18n.json");
    files_under(input, &wanted, &mut files).map_err(|e| format!("{}: {e}", input.display()))?;
    for file in &files {
        let target = output.join(file.strip_prefix(input).unwrap_or(file));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::copy(file, &target).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(files.len())
}

fn run(input: &Path, output: &Path) -> Result<usize, String> {
    let mut files = Vec::new();
    let markdown = |p: &Path| p.extension().is_some_and(|e| e == "md");
    files_under(input, &markdown, &mut files).map_err(|e| format!("{}: {e}", input.display()))?;
    for file in &files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let rel = file.strip_prefix(input).unwrap_or(file);
        let title = rel
            .file_stem()
            .map_or(String::new(), |s| s.to_string_lossy().into_owned());
        let target = output.join(rel).with_extension("html");
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&target, render_page(&text, &title))
            .map_err(|e| format!("{}: {e}", target.display()))?;
    }
    copy_category_names(input, output)?;
    Ok(files.len())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: render_markdown IN_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    match run(Path::new(input), Path::new(output)) {
        Ok(n) => {
            println!("rendered {n} pages into {output}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("render_markdown: {e}");
            ExitCode::FAILURE
        }
    }
}
