//! Every spec file under `spec/` validates against `spec/schema.json`, the schema accepts what
//! `tcgen::spec` writes (including the optional `history`), and it rejects specs that break
//! the format.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jsonschema::Validator;
use serde_json::{json, Value};
use tcgen::spec::{
    Action, ErrorCode, Example, Field, HistoryChange, MemberChange, Region, RegionRequirement,
    Release, SourceFile, SourceRef, Spec, TypeDef, FORMAT_VERSION,
};

fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is no JSON: {e}", path.display()))
}

fn validator() -> Validator {
    let schema = read_json(&repo_root().join("spec/schema.json"));
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("spec/schema.json: {e}"))
}

/// The schema's complaints about `instance`, as `instance path: message`.
fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

/// Every `*.json` below `dir`, sorted, `schema.json` itself and the doc sources
/// (`spec/sources/`, which may hold the docs' own JSON metadata) left out.
fn spec_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "sources") {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|x| x == "json")
                && path.file_name().is_some_and(|n| n != "schema.json")
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_spec_file_validates() {
    let validator = validator();
    let files = spec_files(&repo_root().join("spec"));
    let names: Vec<String> = files
        .iter()
        .filter_map(|p| p.strip_prefix(repo_root()).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    assert!(
        names.contains(&"spec/lighthouse/2020-03-24.json".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"spec/cbs/2017-03-12.json".to_string()),
        "{names:?}"
    );
    for (path, name) in files.iter().zip(&names) {
        let problems = errors(&validator, &read_json(path));
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}

fn field(name: &str, ty: &str) -> Field {
    Field {
        name: name.to_string(),
        ty: ty.to_string(),
        required: true,
        nullable: false,
        description: localized("zh-CN", "说明。"),
        example: Some("[\"lhins-1\"]".to_string()),
    }
}

fn localized(lang: &str, text: &str) -> BTreeMap<String, String> {
    BTreeMap::from([(lang.to_string(), text.to_string())])
}

fn source(line: usize) -> SourceRef {
    SourceRef {
        path: "spec/sources/lighthouse-api-doc.zh-CN.pdf.txt".to_string(),
        line,
    }
}

/// A small spec with every kind of entry, as `tcgen::spec` writes it.
fn sample_spec() -> Spec {
    let action = Action {
        name: "DescribeBlueprintInstances".to_string(),
        title: localized("zh-CN", "查询镜像实例信息"),
        description: localized("en-US", "Queries image instances."),
        category: localized("zh-CN", "镜像相关接口"),
        rate_limit_per_second: Some(10),
        region: RegionRequirement::Required,
        input: vec![field("InstanceIds", "Array of String")],
        output: vec![
            field("TotalCount", "Integer"),
            field("CreatedTime", "Timestamp ISO8601"),
            field("BlueprintInstanceSet", "Array of BlueprintInstance"),
        ],
        errors: vec!["FailedOperation".to_string(), "InternalError".to_string()],
        examples: vec![Example {
            title: localized("zh-CN", "查询镜像实例信息"),
            input: Some(json!({"InstanceIds": ["lhins-f4s49nap"]})),
            output: None,
        }],
        source: source(6102),
    };
    Spec {
        format: FORMAT_VERSION,
        service: "lighthouse".to_string(),
        version: "2020-03-24".to_string(),
        title: localized("zh-CN", "轻量应用服务器"),
        endpoint: "lighthouse.tencentcloudapi.com".to_string(),
        regional_endpoints: BTreeMap::from([(
            "ap-shanghai-fsi".to_string(),
            "lighthouse.ap-shanghai-fsi.tencentcloudapi.com".to_string(),
        )]),
        regions: vec![Region {
            id: "ap-guangzhou".to_string(),
            name: localized("zh-CN", "华南地区（广州）"),
        }],
        actions: vec![action],
        types: vec![TypeDef {
            name: "BlueprintInstance".to_string(),
            description: localized("zh-CN", "描述镜像实例信息。"),
            used_by: vec!["DescribeBlueprintInstances".to_string()],
            fields: vec![field("InstanceId", "String")],
            inferred: false,
            source: source(30600),
        }],
        errors: vec![ErrorCode {
            code: "AuthFailure.SignatureFailure".to_string(),
            description: localized("zh-CN", "签名错误。"),
            common: true,
        }],
        history: vec![Release {
            number: 69,
            date: "2025-06-20 01:44:24".to_string(),
            notes: vec!["改善已有的文档。".to_string()],
            changes: vec![HistoryChange {
                kind: "action_modified".to_string(),
                target: "DescribeBlueprintInstances".to_string(),
                members: vec![MemberChange {
                    kind: "input_added".to_string(),
                    names: vec!["InstanceIds".to_string()],
                    line: 42,
                }],
                line: 41,
            }],
            source: source(40),
        }],
        sources: vec![SourceFile {
            path: "spec/sources/lighthouse-api-doc.zh-CN.pdf.txt".to_string(),
            sha256: "0".repeat(64),
        }],
    }
}

fn sample_json() -> Value {
    serde_json::from_str(&sample_spec().to_json_string()).unwrap_or(Value::Null)
}

#[test]
fn what_the_spec_model_writes_validates_with_and_without_history() {
    let validator = validator();
    let with_history = sample_json();
    assert!(with_history.get("history").is_some());
    assert_eq!(errors(&validator, &with_history), Vec::<String>::new());
    let mut spec = sample_spec();
    spec.history.clear();
    let without: Value = serde_json::from_str(&spec.to_json_string()).unwrap_or(Value::Null);
    assert!(without.get("history").is_none());
    assert_eq!(errors(&validator, &without), Vec::<String>::new());
}

/// Applies `change` to the sample and returns the schema's complaints.
fn complaints(change: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut value = sample_json();
    change(&mut value);
    errors(&validator(), &value)
}

fn remove(value: &mut Value, pointer: &str, key: &str) {
    if let Some(Value::Object(map)) = value.pointer_mut(pointer) {
        map.remove(key);
    }
}

fn set(value: &mut Value, pointer: &str, new: Value) {
    if let Some(slot) = value.pointer_mut(pointer) {
        *slot = new;
    }
}

#[test]
fn specs_missing_a_key_fail() {
    let cases = [
        ("", "endpoint"),
        ("", "actions"),
        ("/actions/0", "region"),
        ("/actions/0", "rate_limit_per_second"),
        ("/actions/0/input/0", "nullable"),
        ("/types/0", "inferred"),
        ("/errors/0", "common"),
        ("/history/0", "date"),
        ("/sources/0", "sha256"),
    ];
    for (pointer, key) in cases {
        let problems = complaints(|v| remove(v, pointer, key));
        assert!(!problems.is_empty(), "{pointer}/{key} removed, still valid");
        assert!(
            problems.iter().any(|p| p.contains(key)),
            "{pointer}/{key}: {problems:?}"
        );
    }
}

#[test]
fn specs_with_bad_values_fail() {
    let cases = [
        ("/actions/0/region", json!("sometimes")),
        ("/actions/0/region", json!(null)),
        ("/format", json!(2)),
        ("/version", json!("2020/03/24")),
        ("/regions/0/id", json!("Guangzhou")),
        ("/actions/0/input/0/type", json!("Array of")),
        ("/actions/0/input/0/type", json!("list<String>")),
        ("/actions/0/input/0/name", json!("InstanceIds.N")),
        ("/actions/0/rate_limit_per_second", json!(-1)),
        ("/actions/0/examples/0/output", json!("text")),
        (
            "/actions/0/errors",
            json!(["InternalError", "InternalError"]),
        ),
        ("/actions/0/title", json!({"chinese": "标题"})),
        ("/sources/0/sha256", json!("abc")),
        ("/types/0/source/line", json!(0)),
    ];
    for (pointer, bad) in cases {
        let shown = bad.to_string();
        let problems = complaints(|v| set(v, pointer, bad));
        assert!(!problems.is_empty(), "{pointer} = {shown} accepted");
    }
}

/// True when `items` are in ascending order by `key` with no repeats.
fn strictly_sorted<T, K: Ord>(items: &[T], key: impl Fn(&T) -> K) -> bool {
    items.windows(2).all(|w| key(&w[0]) < key(&w[1]))
}

#[test]
fn spec_files_are_sorted_and_written_in_the_canonical_layout() {
    for path in spec_files(&repo_root().join("spec")) {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let spec = Spec::from_json_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            strictly_sorted(&spec.regions, |r| r.id.clone()),
            "{name}: regions"
        );
        assert!(
            strictly_sorted(&spec.actions, |a| a.name.clone()),
            "{name}: actions"
        );
        assert!(
            strictly_sorted(&spec.types, |t| t.name.clone()),
            "{name}: types"
        );
        assert!(
            strictly_sorted(&spec.errors, |e| e.code.clone()),
            "{name}: errors"
        );
        assert!(
            strictly_sorted(&spec.sources, |s| s.path.clone()),
            "{name}: sources"
        );
        for action in &spec.actions {
            let what = format!("{name}: errors of {}", action.name);
            assert!(strictly_sorted(&action.errors, String::clone), "{what}");
        }
        for ty in &spec.types {
            let what = format!("{name}: used_by of {}", ty.name);
            assert!(strictly_sorted(&ty.used_by, String::clone), "{what}");
        }
        // Two-space pretty JSON, keys in the model's order, trailing newline: writing the
        // parsed spec again gives the same bytes.
        assert!(
            spec.to_json_string() == text,
            "{name}: not in the canonical layout"
        );
    }
}

#[test]
fn sortedness_check_catches_disorder() {
    assert!(strictly_sorted(&["a", "b", "c"], |s| *s));
    assert!(!strictly_sorted(&["b", "a"], |s| *s));
    assert!(!strictly_sorted(&["a", "a"], |s| *s));
}
