//! The JSON spec: the contract between parser and generator (`../shared/SPEC_FORMAT.md`).
//!
//! Field order in these structs is the key order of the written JSON, so it must follow the
//! format document. Every list is sorted by [`Spec::normalize`] before writing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The current value of [`Spec::format`].
pub const FORMAT_VERSION: u32 = 1;

/// The primitive types of the type grammar; every other type name is a data structure.
pub const PRIMITIVE_TYPES: &[&str] = &[
    "String",
    "Integer",
    "Boolean",
    "Float",
    "Double",
    "Date",
    "Timestamp",
    "Timestamp ISO8601",
    "Binary",
];

/// Longest type name the grammar accepts (longer tokens are data, not names).
const MAX_TYPE_NAME_LEN: usize = 64;

/// A type name of the type grammar: a primitive, or a data structure's name: an ASCII
/// identifier that starts with a capital letter, any case and digits after it (`Filter`,
/// `CCN`, `IPv6Address`, `Ipv6_Config`).
pub fn is_type_name(token: &str) -> bool {
    // Every type name starts with an ASCII capital: most tokens tried fail here at once.
    if !token.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    if PRIMITIVE_TYPES.contains(&token) {
        return true;
    }
    token.len() <= MAX_TYPE_NAME_LEN
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A field type of the type grammar: a type name, or `Array of ` and a type name.
pub fn is_field_type(ty: &str) -> bool {
    is_type_name(ty.strip_prefix("Array of ").unwrap_or(ty))
}

/// Text per language tag (`zh-CN`, `en-US`). A `BTreeMap`, so key order is deterministic.
pub type Localized = BTreeMap<String, String>;

/// One service at one API version: everything the generator needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spec {
    /// Always [`FORMAT_VERSION`].
    pub format: u32,
    /// Signing service name, equal to the endpoint prefix (`lighthouse`).
    pub service: String,
    /// API version, the `X-TC-Version` value (`2020-03-24`).
    pub version: String,
    /// Product name per language, where the docs give it.
    #[serde(default)]
    pub title: Localized,
    /// Default endpoint host (`lighthouse.tencentcloudapi.com`).
    pub endpoint: String,
    /// Region id to regional endpoint host.
    #[serde(default)]
    pub regional_endpoints: BTreeMap<String, String>,
    /// Regions the docs list, sorted by id.
    #[serde(default)]
    pub regions: Vec<Region>,
    /// Every action, sorted by name.
    pub actions: Vec<Action>,
    /// Every data structure, sorted by name.
    pub types: Vec<TypeDef>,
    /// Every error code, sorted by code.
    pub errors: Vec<ErrorCode>,
    /// The docs' own release history (更新历史), newest first as the docs list it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Release>,
    /// The source files this spec was built from, sorted by path.
    pub sources: Vec<SourceFile>,
}

/// A region the service is available in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Region id (`ap-guangzhou`).
    pub id: String,
    /// Human name per language.
    #[serde(default)]
    pub name: Localized,
}

/// How an action documents the `Region` common parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionRequirement {
    /// The Region parameter is required.
    Required,
    /// The Region parameter may be given.
    Optional,
    /// The action takes no Region ("This parameter is not required for this API").
    None,
}

/// One API action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Exactly the value of the `Action` common parameter.
    pub name: String,
    /// Short title per language.
    #[serde(default)]
    pub title: Localized,
    /// Description per language.
    #[serde(default)]
    pub description: Localized,
    /// The API overview group, per language.
    #[serde(default)]
    pub category: Localized,
    /// Documented request rate limit, or `None` when the docs give none.
    pub rate_limit_per_second: Option<u32>,
    /// How the Region common parameter is documented.
    pub region: RegionRequirement,
    /// Input fields in doc order; `Action`, `Version`, `Region` left out.
    pub input: Vec<Field>,
    /// Output fields in doc order; `RequestId` left out.
    pub output: Vec<Field>,
    /// Error codes listed on the action's page, sorted.
    pub errors: Vec<String>,
    /// Documented examples.
    pub examples: Vec<Example>,
    /// Where the action's section starts.
    pub source: SourceRef,
}

/// A documented request/response example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// Example title per language.
    #[serde(default)]
    pub title: Localized,
    /// The request body as JSON, or `None` when it cannot be recovered.
    pub input: Option<Value>,
    /// The object inside `"Response"`, or `None` when it cannot be recovered.
    pub output: Option<Value>,
}

/// A data structure of the data-structure chapter, or one rebuilt from examples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// Type name (`Blueprint`).
    pub name: String,
    /// Description per language.
    #[serde(default)]
    pub description: Localized,
    /// Actions whose input or output reaches this type, sorted.
    pub used_by: Vec<String>,
    /// Fields in doc order.
    pub fields: Vec<Field>,
    /// True when rebuilt from examples rather than read from a definition.
    pub inferred: bool,
    /// Where the definition starts (or the example it was inferred from).
    pub source: SourceRef,
}

/// A field of an action's input/output or of a data structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The JSON wire name (`InstanceIds.N` in the docs is `InstanceIds`).
    pub name: String,
    /// The documented type, see the type grammar in SPEC_FORMAT.md.
    #[serde(rename = "type")]
    pub ty: String,
    /// The 必选 / Required column; false where the table has none.
    pub required: bool,
    /// The docs say the value may be null.
    pub nullable: bool,
    /// Description per language.
    #[serde(default)]
    pub description: Localized,
    /// The example value as written, or `None`.
    pub example: Option<String>,
}

/// A service-wide error code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorCode {
    /// The code (`AuthFailure.SignatureFailure`).
    pub code: String,
    /// Description per language.
    #[serde(default)]
    pub description: Localized,
    /// True for the common error codes every service may return.
    pub common: bool,
}

/// One release of the docs' release history (更新历史).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    /// Release number (第 69 次发布 -> 69).
    pub number: u32,
    /// Release date and time as written (`2025-06-20 01:44:24`).
    pub date: String,
    /// Free-text items of the release (改善已有的文档。), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// What the release changed.
    pub changes: Vec<HistoryChange>,
    /// Where the release entry starts.
    pub source: SourceRef,
}

/// One change a release lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryChange {
    /// `<object>_<verb>`: object `action` (接口) or `type` (数据结构); verb `added` (新增),
    /// `modified` (修改), `deleted` (删除 / 下线) or `deprecated` (预下线).
    pub kind: String,
    /// The action or data structure the change is about.
    pub target: String,
    /// Members or input parameters named by the change, with their own change kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberChange>,
    /// The source line naming the target (the file is the release's `source.path`).
    #[serde(default)]
    pub line: usize,
}

/// A member or parameter named under a history change (新增入参 / 新增成员 / 修改成员).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberChange {
    /// `<object>_<verb>`: object `input` (入参), `output` (出参) or `member` (成员); verbs as
    /// in [`HistoryChange::kind`].
    pub kind: String,
    /// The field names.
    pub names: Vec<String>,
    /// The source line of the member list.
    #[serde(default)]
    pub line: usize,
}

/// A source file the spec was built from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceFile {
    /// Path relative to the repository root (`spec/sources/...`).
    pub path: String,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// A place in a source file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceRef {
    /// Path relative to the repository root.
    pub path: String,
    /// 1-based line number.
    pub line: usize,
}

impl Spec {
    /// Sorts every list the format says is sorted, so output is deterministic.
    pub fn normalize(&mut self) {
        self.regions.sort_by(|a, b| a.id.cmp(&b.id));
        self.actions.sort_by(|a, b| a.name.cmp(&b.name));
        for action in &mut self.actions {
            action.errors.sort();
            action.errors.dedup();
        }
        self.types.sort_by(|a, b| a.name.cmp(&b.name));
        for ty in &mut self.types {
            ty.used_by.sort();
            ty.used_by.dedup();
        }
        self.errors.sort_by(|a, b| a.code.cmp(&b.code));
        self.sources.sort();
    }

    /// The spec as written to disk: pretty JSON, two-space indent, trailing newline.
    pub fn to_json_string(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a spec always serializes");
        text.push('\n');
        text
    }

    /// Reads a spec from its JSON text.
    pub fn from_json_str(text: &str) -> Result<Spec, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Finds an action by name.
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.name == name)
    }

    /// Finds a data structure by name.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }
}
