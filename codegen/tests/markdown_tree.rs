//! A docs tree of Markdown pages, as Tencent's docs repository holds it, read through
//! `parse_files`: the pages that name no service join the one of the action pages beside them,
//! `category_i18n.json` names the categories, a manifest is skipped with a note, and the
//! summary says what came through per kind.

use std::path::{Path, PathBuf};

use tcgen::parse::parse_files;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

const CVM: &str = "spec/sources/qcloud-documents/api/API 3.0/计算/云服务器";

/// Copies `files` (relative to the CVM folder) into `dir/docs/cvm/`, keeping their tree.
fn copy_tree(dir: &Path, files: &[&str]) -> Vec<PathBuf> {
    copy_tree_into(dir, "docs/cvm", files)
}

/// Copies `files` (relative to the CVM folder) into `dir/<product>/`, keeping their tree.
fn copy_tree_into(dir: &Path, product: &str, files: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for rel in files {
        let from = repo_root().join(CVM).join(rel);
        let to = dir.join(product).join(rel);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
        out.push(to);
    }
    out
}

#[test]
fn a_markdown_docs_tree_becomes_one_spec() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut sources = copy_tree(
        dir.path(),
        &[
            "API 概览_intl.md",
            "category_i18n.json",
            "数据结构_intl.md",
            "调用方式/公共参数_intl.md",
            "密钥相关接口/创建密钥对_intl.md",
            "密钥相关接口/查询密钥对列表_intl.md",
        ],
    );
    let manifest = dir.path().join("docs/MANIFEST.tsv");
    std::fs::write(&manifest, "cvm/API 概览_intl.md\tf93c8d37\t4074\n").expect("write");
    sources.push(manifest);
    sources.sort();
    let report = parse_files(&sources, dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.specs.len(), 1, "{:?}", report.diagnostics);
    let spec = &report.specs[0];
    assert_eq!(spec.service, "cvm");
    assert_eq!(spec.version, "2017-03-12");
    assert_eq!(spec.endpoint, "cvm.tencentcloudapi.com");
    // 公共参数_intl.md: the "Region List" table.
    assert!(spec.regions.iter().any(|r| r.id == "ap-guangzhou"));
    let create = spec.action("CreateKeyPair").expect("CreateKeyPair");
    // API 概览_intl.md: "## Key-related APIs", "| CreateKeyPair | Creates a key pair |";
    // category_i18n.json: "密钥相关接口": {"en": "Key-related APIs"}.
    assert_eq!(
        create.title.get("en-US").map(String::as_str),
        Some("Creates a key pair")
    );
    assert_eq!(
        create.category.get("en-US").map(String::as_str),
        Some("Key-related APIs")
    );
    assert_eq!(
        create.category.get("zh-CN").map(String::as_str),
        Some("密钥相关接口")
    );
    assert!(create.examples.iter().all(|e| e.input.is_some()));
    // 数据结构_intl.md: "## KeyPair", used by CreateKeyPair and DescribeKeyPairs.
    let key_pair = spec.type_def("KeyPair").expect("KeyPair");
    assert!(!key_pair.inferred);
    assert!(key_pair.used_by.contains(&"CreateKeyPair".to_string()));
    // DescribeKeyPairs' GET example folds Filters.0.Name into the Filter structure defined
    // on the data-structure page, another source.
    let describe = spec.action("DescribeKeyPairs").expect("DescribeKeyPairs");
    assert!(describe.examples.iter().all(|e| e.input.is_some()));
    let summary = report.sources_summary();
    assert!(
        summary
            .iter()
            .any(|l| l.starts_with("sources: 5 Markdown files, 2 actions")),
        "{summary:?}"
    );
    assert!(
        summary
            .iter()
            .any(|l| l.contains("MANIFEST.tsv") && l.contains("skipped")),
        "{summary:?}"
    );
    assert!(
        summary
            .iter()
            .any(|l| l.contains("category_i18n.json") && l.contains("read")),
        "{summary:?}"
    );
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.severity == tcgen::diagnostics::Severity::Warning));
}

#[test]
fn a_markdown_page_outside_any_product_folder_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut sources = copy_tree(dir.path(), &["密钥相关接口/创建密钥对_intl.md"]);
    let stray = dir.path().join("notes.md");
    std::fs::write(&stray, "# Notes\n\nSome text.\n").expect("write");
    sources.push(stray);
    let report = parse_files(&sources, dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.path == "notes.md" && d.severity == tcgen::diagnostics::Severity::Error),
        "{:?}",
        report.diagnostics
    );
    assert_eq!(report.specs.len(), 1);
}

// The corpus' product folders: `计算/云服务器/` holds the CVM pages and the
// `category_i18n.json` that names its category folders (`密钥相关接口`, ...). The folder's
// name is the product's name; a `category_i18n.json` one level up that names the folder (as
// Tencent's docs repository has for its groups) gives its other languages.
#[test]
fn the_product_folder_names_the_product() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = [
        "API 概览_intl.md",
        "category_i18n.json",
        "密钥相关接口/创建密钥对_intl.md",
    ];
    let mut sources = copy_tree_into(dir.path(), "计算/云服务器", &files);
    let group = dir.path().join("计算/category_i18n.json");
    std::fs::write(&group, r#"{"云服务器": {"en": "Cloud Virtual Machine"}}"#).expect("write");
    sources.push(group);
    sources.sort();
    let report = parse_files(&sources, dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.specs.len(), 1, "{:?}", report.diagnostics);
    let title = &report.specs[0].title;
    assert_eq!(title.get("zh-CN").map(String::as_str), Some("云服务器"));
    assert_eq!(
        title.get("en-US").map(String::as_str),
        Some("Cloud Virtual Machine")
    );

    // Without a `category_i18n.json` in it, a folder is no product folder: no title.
    let dir = tempfile::tempdir().expect("tempdir");
    let files = ["API 概览_intl.md", "密钥相关接口/创建密钥对_intl.md"];
    let sources = copy_tree_into(dir.path(), "计算/云服务器", &files);
    let report = parse_files(&sources, dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.specs.len(), 1, "{:?}", report.diagnostics);
    assert!(
        report.specs[0].title.is_empty(),
        "{:?}",
        report.specs[0].title
    );
}
