//! Sanity checks of the spec parsed from the real Lighthouse doc and pages.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tcgen::parse::merge::referenced_type;
use tcgen::parse::{parse_files, ParseReport};
use tcgen::spec::{RegionRequirement, Spec};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn source(name: &str) -> PathBuf {
    repo_root().join("spec/sources").join(name)
}

fn all_sources() -> Vec<PathBuf> {
    [
        "lighthouse-api-doc.zh-CN.pdf.txt",
        "lighthouse-SyncBlueprint.en-US.page.txt",
        "lighthouse-CreateBlueprint.en-US.page.txt",
        "lighthouse-CreateInstances.en-US.page.txt",
        "cbs-CopySnapshotCrossRegions.en-US.page.txt",
    ]
    .iter()
    .map(|n| source(n))
    .collect()
}

fn parse(sources: &[PathBuf]) -> ParseReport {
    parse_files(sources, &repo_root()).unwrap_or_else(|e| panic!("{e}"))
}

fn lighthouse(report: &ParseReport) -> &Spec {
    report
        .specs
        .iter()
        .find(|s| s.service == "lighthouse")
        .unwrap_or_else(|| panic!("no lighthouse spec"))
}

/// The number of action sections in the PDF text, counted straight from the text.
fn action_sections_in_pdf() -> usize {
    let text =
        std::fs::read_to_string(source("lighthouse-api-doc.zh-CN.pdf.txt")).unwrap_or_default();
    text.lines().filter(|l| l.trim() == "1. 接口描述").count()
}

#[test]
fn every_action_of_the_pdf_is_found() {
    let report = parse(&[source("lighthouse-api-doc.zh-CN.pdf.txt")]);
    let spec = lighthouse(&report);
    assert_eq!(action_sections_in_pdf(), 108);
    assert_eq!(spec.actions.len(), 108);
    assert_eq!(spec.service, "lighthouse");
    assert_eq!(spec.version, "2020-03-24");
    assert_eq!(spec.endpoint, "lighthouse.tencentcloudapi.com");
}

#[test]
fn every_action_is_complete() {
    let report = parse(&all_sources());
    let spec = lighthouse(&report);
    for a in &spec.actions {
        assert!(!a.examples.is_empty(), "{} has no example", a.name);
        assert!(
            a.examples
                .iter()
                .any(|e| e.input.is_some() && e.output.is_some()),
            "{} has no complete example",
            a.name
        );
        assert!(!a.errors.is_empty(), "{} lists no error codes", a.name);
        assert!(a.title.contains_key("zh-CN"), "{} has no title", a.name);
        assert!(
            a.category.contains_key("zh-CN"),
            "{} has no category",
            a.name
        );
        assert!(
            a.rate_limit_per_second.is_some(),
            "{} has no rate limit",
            a.name
        );
        let fields = a.input.iter().chain(&a.output);
        for f in fields {
            assert!(!f.ty.is_empty(), "{}.{} has no type", a.name, f.name);
            assert!(
                !f.name.contains('.'),
                "{}.{} keeps an index",
                a.name,
                f.name
            );
        }
    }
}

#[test]
fn every_referenced_type_is_defined() {
    let report = parse(&all_sources());
    for spec in &report.specs {
        let defined: BTreeSet<&str> = spec.types.iter().map(|t| t.name.as_str()).collect();
        let fields = spec
            .actions
            .iter()
            .flat_map(|a| a.input.iter().chain(&a.output))
            .chain(spec.types.iter().flat_map(|t| &t.fields));
        for f in fields {
            if let Some(t) = referenced_type(&f.ty) {
                assert!(defined.contains(t), "{} references undefined {t}", f.name);
            }
        }
    }
}

#[test]
fn every_action_error_is_in_the_error_list() {
    let report = parse(&all_sources());
    for spec in &report.specs {
        let codes: BTreeSet<&str> = spec.errors.iter().map(|e| e.code.as_str()).collect();
        for a in &spec.actions {
            for code in &a.errors {
                assert!(codes.contains(code.as_str()), "{}: {code}", a.name);
            }
        }
    }
}

#[test]
fn data_structures_and_error_codes_of_the_pdf() {
    let report = parse(&[source("lighthouse-api-doc.zh-CN.pdf.txt")]);
    let spec = lighthouse(&report);
    let text =
        std::fs::read_to_string(source("lighthouse-api-doc.zh-CN.pdf.txt")).unwrap_or_default();
    let defined = text
        .lines()
        .filter(|l| l.contains("被如下接口引用"))
        .count();
    assert_eq!(spec.types.iter().filter(|t| !t.inferred).count(), defined);
    assert_eq!(spec.errors.iter().filter(|e| e.common).count(), 38);
    assert!(spec.errors.len() >= 290);
    let blueprint = spec
        .type_def("Blueprint")
        .unwrap_or_else(|| panic!("no Blueprint"));
    let created = blueprint.fields.iter().find(|f| f.name == "CreatedTime");
    assert_eq!(created.map(|f| f.ty.as_str()), Some("Timestamp ISO8601"));
    assert!(created.is_some_and(|f| f.nullable));
    assert!(blueprint
        .used_by
        .contains(&"DescribeBlueprints".to_string()));
}

#[test]
fn spot_checked_action_matches_the_doc() {
    // lighthouse-api-doc.zh-CN.pdf.txt:6770-6960 (DescribeBlueprints)
    let report = parse(&[source("lighthouse-api-doc.zh-CN.pdf.txt")]);
    let spec = lighthouse(&report);
    let a = spec
        .action("DescribeBlueprints")
        .unwrap_or_else(|| panic!("missing"));
    let names: Vec<&str> = a.input.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["BlueprintIds", "Offset", "Limit", "Filters"]);
    let types: Vec<&str> = a.input.iter().map(|f| f.ty.as_str()).collect();
    assert_eq!(
        types,
        ["Array of String", "Integer", "Integer", "Array of Filter"]
    );
    assert_eq!(a.input[0].example.as_deref(), Some("[\"lhbp-aaaabbbb\"]"));
    assert_eq!(a.rate_limit_per_second, Some(10));
    assert_eq!(a.region, RegionRequirement::Required);
    assert_eq!(
        a.title.get("zh-CN").map(String::as_str),
        Some("查询镜像信息")
    );
    assert_eq!(
        a.category.get("zh-CN").map(String::as_str),
        Some("镜像相关接口")
    );
    let out: Vec<&str> = a.output.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(out, ["TotalCount", "BlueprintSet"]);
}

#[test]
fn get_example_becomes_a_json_body() {
    // lighthouse-api-doc.zh-CN.pdf.txt:19066 (ModifyInstancesRenewFlag, a GET example)
    let report = parse(&[source("lighthouse-api-doc.zh-CN.pdf.txt")]);
    let spec = lighthouse(&report);
    let a = spec
        .action("ModifyInstancesRenewFlag")
        .unwrap_or_else(|| panic!("missing"));
    let input = a.examples.first().and_then(|e| e.input.clone());
    assert_eq!(
        input,
        Some(
            serde_json::json!({"InstanceIds": ["lhins-ruy9d2tw"], "RenewFlag": "NOTIFY_AND_AUTO_RENEW"})
        )
    );
}

#[test]
fn english_pages_merge_with_the_pdf() {
    let report = parse(&all_sources());
    let spec = lighthouse(&report);
    let sync = spec
        .action("SyncBlueprint")
        .unwrap_or_else(|| panic!("missing"));
    assert!(sync.description.contains_key("zh-CN") && sync.description.contains_key("en-US"));
    // The English page (2026-01-13) is newer than the PDF's section (2025-07-01): its output
    // field wins, and the merge says so.
    assert!(sync
        .output
        .iter()
        .any(|f| f.name == "DestinationRegionBlueprintSet"));
    assert!(report.diagnostics.iter().any(|d| d
        .message
        .contains("DestinationRegionBlueprintSet is only in this source")));
    let field = sync.input.iter().find(|f| f.name == "BlueprintId");
    assert!(field.is_some_and(|f| f.description.len() == 2));
    // The PDF's CreateInstances (2025-06-20) is newer than the English page (2023-12-04).
    let create = spec
        .action("CreateInstances")
        .unwrap_or_else(|| panic!("missing"));
    assert_eq!(create.region, RegionRequirement::Required);
    assert!(create.input.iter().any(|f| f.name == "Tags"));
    let inferred = spec.type_def("DestinationRegionBlueprint");
    assert!(inferred.is_some_and(|t| t.inferred && t.fields.len() == 2));
}

#[test]
fn cbs_result_type_is_inferred_from_the_example() {
    let report = parse(&all_sources());
    let cbs = report
        .specs
        .iter()
        .find(|s| s.service == "cbs")
        .unwrap_or_else(|| panic!("no cbs spec"));
    assert_eq!(cbs.version, "2017-03-12");
    let t = cbs
        .type_def("SnapshotCopyResult")
        .unwrap_or_else(|| panic!("missing"));
    assert!(t.inferred);
    let names: Vec<&str> = t.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["SnapshotId", "DestinationRegion", "Code", "Message"]
    );
    assert_eq!(t.used_by, ["CopySnapshotCrossRegions"]);
    assert!(report.diagnostics.iter().any(|d| d
        .message
        .contains("SnapshotCopyResult is referenced but defined nowhere")));
}

#[test]
fn parsing_is_deterministic() {
    let a = parse(&all_sources());
    let b = parse(&all_sources());
    let text = |r: &ParseReport| r.specs.iter().map(Spec::to_json_string).collect::<Vec<_>>();
    assert_eq!(text(&a), text(&b));
    assert_eq!(a.diagnostics, b.diagnostics);
}

#[test]
fn unusable_input_is_an_error_not_a_panic() {
    let dir = std::env::temp_dir().join(format!("tcgen-parse-sanity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let cases: [(&str, &[u8]); 4] = [
        ("empty.pdf.txt", b""),
        ("binary.page.txt", b"\x00\x01\x02PK"),
        ("latin1.pdf.txt", b"caf\xe9"),
        ("unrelated.txt", b"just some notes\nnothing to see\n"),
    ];
    for (name, bytes) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap_or_default();
        let err = parse_files(&[path], &dir).err();
        let msg = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains(name), "{name}: {msg}");
    }
}
