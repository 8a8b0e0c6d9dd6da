//! What to emit, with every Rust name resolved: the layer between the spec and the templates.
//!
//! Built once per spec by [`CrateModel::build`]; the templates only read it.

use std::collections::{BTreeMap, BTreeSet};

use super::emit::structs::SERDE_BOTH_WAYS;
use super::examples::{self, ExampleCase};
use super::features::{feature_names, Category};
use super::names::{snake_base, Case, RustName, Scope};
use super::GenerateError;
use crate::spec::{self, Localized, RegionRequirement, Spec};

/// Version of every generated crate.
pub const CRATE_VERSION: &str = "0.1.0";
/// Version of `tencentcloud-core` the generated crates depend on.
pub const CORE_VERSION: &str = "0.1.0";
/// Package metadata every generated `Cargo.toml` states itself (the same as the workspace's
/// `[workspace.package]`, checked by a test), so a crate stands alone.
pub const EDITION: &str = "2021";
/// See [`EDITION`].
pub const RUST_VERSION: &str = "1.80";
/// See [`EDITION`].
pub const LICENSE: &str = "Apache-2.0";
/// See [`EDITION`].
pub const REPOSITORY: &str = "https://github.com/tencentcloud-rs/tencentcloud-rs";

/// Names the generated `types.rs` uses from the prelude; a data structure may not take them.
const TYPE_RESERVED: &[&str] = &[
    "Box", "Err", "None", "Ok", "Option", "Result", "Self", "Some", "String", "Vec",
];
/// Methods of the generated `Client` (besides the actions).
const CLIENT_RESERVED: &[&str] = &[
    "clone",
    "fmt",
    "from_runtime",
    "new",
    "paginate",
    "paginate_with",
    "runtime",
    "send",
    "send_with",
    "wait_until",
    "wait_until_with",
];
/// Fields and methods of a generated fluent builder (besides the input fields).
const BUILDER_RESERVED: &[&str] = &[
    "build",
    "client",
    "customize",
    "into_paginator",
    "options",
    "send",
    "wait_until",
];
/// Action stems whose `<Action>Error` would be a name the crate root re-exports
/// (`CommonError`, `RequestError`, `SdkError`, `ServiceError`, `WaitError`).
const ACTION_RESERVED: &[&str] = &["Common", "Request", "Sdk", "Service", "Wait"];
/// Methods of a generated data-structure builder (besides the fields).
const TYPE_BUILDER_RESERVED: &[&str] = &["build"];
/// Methods of every response struct (besides the fields).
const RESPONSE_RESERVED: &[&str] = &["request_id"];
/// Variants of the service-wide `Error` enum besides one per action.
const SERVICE_ERROR_RESERVED: &[&str] = &["Sdk", "Wait"];
/// The member every API 3.0 `Response` object carries besides the documented outputs.
pub const REQUEST_ID: &str = "RequestId";
/// Variants every per-action error enum has.
const VARIANT_RESERVED: &[&str] = &["Common", "Unhandled"];
/// Features every generated crate has besides one per API category.
const FEATURE_RESERVED: &[&str] = &[ALL_FEATURES, "default", SERDE_BOTH_WAYS];
/// The feature that turns on every API category.
pub const ALL_FEATURES: &str = "all";
/// Action name prefixes of read-only actions (a prefix counts when a capital or the end follows).
const READ_ONLY_PREFIXES: &[&str] = &["Describe", "Get", "Inquire", "Inquiry", "List", "Query"];
/// The input field that carries an idempotency token.
const CLIENT_TOKEN: &str = "ClientToken";

/// One generated crate.
#[derive(Debug, Clone)]
pub struct CrateModel {
    /// The spec file, relative to the repository root.
    pub spec_path: String,
    /// Signing service name (`lighthouse`).
    pub service: String,
    /// API version (`2020-03-24`).
    pub version: String,
    /// Product name per language.
    pub title: Localized,
    /// `tencentcloud-lighthouse`.
    pub crate_name: String,
    /// `tencentcloud_lighthouse`.
    pub lib_name: String,
    /// Default endpoint host.
    pub endpoint: String,
    /// `(region, host)`, sorted by region.
    pub regional_endpoints: Vec<(String, String)>,
    /// Data structures, sorted by wire name.
    pub types: Vec<StructModel>,
    /// Actions, sorted by name.
    pub actions: Vec<ActionModel>,
    /// Every error code (service-wide list and every action's list), sorted.
    pub codes: Vec<CodeModel>,
    /// Index into `actions` of the action the runnable example calls.
    pub example_action: Option<usize>,
    /// The cargo feature of each API category, sorted by name.
    pub features: Vec<FeatureModel>,
}

/// A cargo feature: one API category of the docs' overview.
#[derive(Debug, Clone)]
pub struct FeatureModel {
    /// The feature name (`firewall`), see [`super::features`].
    pub name: String,
    /// The category's name per language (`防火墙相关接口`).
    pub category: Localized,
    /// How many actions it holds.
    pub actions: usize,
}

/// Which way a structure travels, which decides how its fields are represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Only sent: required fields are plain, optional ones `Option`.
    Input,
    /// Only received: nullable fields are `Option`, the rest plain with a default.
    Output,
    /// Both (or neither): required fields plain with a default, the rest `Option`.
    Both,
}

impl Direction {
    fn add(self, other: Direction) -> Direction {
        if self == other {
            self
        } else {
            Direction::Both
        }
    }

    /// Whether the structure is serialized (sent).
    pub fn serializes(self) -> bool {
        self != Direction::Output
    }

    /// Whether missing fields take their default (`#[serde(default)]` on the container).
    pub fn defaults(self) -> bool {
        self != Direction::Input
    }
}

/// A struct to emit (a data structure, a request or a response).
#[derive(Debug, Clone)]
pub struct StructModel {
    /// The Rust type name.
    pub name: RustName,
    /// The name in the docs.
    pub wire_name: String,
    /// Description per language.
    pub description: Localized,
    /// Fields in doc order.
    pub fields: Vec<FieldModel>,
    /// Which way it travels.
    pub direction: Direction,
    /// Actions using it (data structures only).
    pub used_by: Vec<String>,
    /// True when the parser rebuilt it from examples.
    pub inferred: bool,
    /// The builder type (`FilterBuilder`), for data structures that are sent.
    pub builder: Option<RustName>,
    /// The features (API categories) it is compiled under, any of them: those of every action
    /// that reaches it; empty when it is always compiled (reached by an action without a
    /// category, or by none). Requests and responses are gated with their action's module.
    pub features: Vec<String>,
}

/// How a field is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repr {
    /// `T`, always present (required input, or output with a default).
    Plain,
    /// `Option<T>`: optional input (skipped when `None`) or nullable output.
    Optional,
}

/// A Rust type of a field.
#[derive(Debug, Clone, PartialEq)]
pub enum RustType {
    /// `String` (also Date, Timestamp, Timestamp ISO8601, Binary).
    String,
    /// `i64` (Integer).
    I64,
    /// `f64` (Float, Double).
    F64,
    /// `bool` (Boolean).
    Bool,
    /// A data structure of `types.rs`, by its index in [`CrateModel::types`].
    Named(usize),
    /// `Vec<T>` (Array of T).
    Vec(Box<RustType>),
}

/// A field of a struct.
#[derive(Debug, Clone)]
pub struct FieldModel {
    /// The Rust field (and builder method, accessor) name.
    pub name: RustName,
    /// The builder's `set_<field>` method name (takes an `Option`).
    pub setter: RustName,
    /// The JSON wire name, exactly as documented.
    pub wire: String,
    /// The type as documented (`Array of Filter`).
    pub doc_type: String,
    /// The element type.
    pub ty: RustType,
    /// Plain or `Option`.
    pub repr: Repr,
    /// `Box` the type (a structure containing itself).
    pub boxed: bool,
    /// The spec field (description, example, flags).
    pub spec: spec::Field,
}

/// Pagination of an action with Offset, Limit and TotalCount.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// Index of `Offset` in the request fields.
    pub offset: usize,
    /// Index of `Limit` in the request fields.
    pub limit: usize,
    /// Index of `TotalCount` in the response fields.
    pub total_count: usize,
    /// Index of the one array in the response fields.
    pub items: usize,
}

/// An error code.
#[derive(Debug, Clone)]
pub struct CodeModel {
    /// The code (`FailedOperation.CreateInstancesFailed`).
    pub code: String,
    /// The variant name, the same in `ErrorCode`, `CommonError` and every action's enum.
    pub variant: RustName,
    /// The `is_*` helper name.
    pub is_method: RustName,
    /// Description per language.
    pub description: Localized,
    /// A common code (every action may return it).
    pub common: bool,
}

/// An action.
#[derive(Debug, Clone)]
pub struct ActionModel {
    /// The spec's action.
    pub spec: spec::Action,
    /// `CreateInstances` as a Rust type-name stem.
    pub camel: String,
    /// Module and client method name.
    pub snake: RustName,
    /// `<Action>Request`.
    pub request: StructModel,
    /// `<Action>Response`.
    pub response: StructModel,
    /// Indices into [`CrateModel::codes`] of the documented codes that are not common.
    pub own_codes: Vec<usize>,
    /// Indices into [`CrateModel::codes`] of the documented codes that are common.
    pub common_codes: Vec<usize>,
    /// Read-only by name, or carries a ClientToken.
    pub retry_safe: bool,
    /// Index of the `ClientToken` input field, when the action has one.
    pub client_token: Option<usize>,
    /// Offset/Limit/TotalCount pagination, when the action has it.
    pub pagination: Option<Pagination>,
    /// Documented examples prepared for tests.
    pub examples: Vec<ExampleCase>,
    /// The action's variant in the service-wide `Error` enum.
    pub error_variant: RustName,
    /// The feature (API category) the action is compiled under; `None`: always compiled.
    pub feature: Option<String>,
}

impl ActionModel {
    /// `<Action>Builder`.
    pub fn builder_name(&self) -> String {
        format!("{}Builder", self.camel)
    }

    /// `<Action>Error`.
    pub fn error_name(&self) -> String {
        format!("{}Error", self.camel)
    }

    /// Whether the request has required fields (so building can fail).
    pub fn has_required_input(&self) -> bool {
        self.request.fields.iter().any(|f| f.repr == Repr::Plain)
    }
}

impl CrateModel {
    /// Resolves every name and type of `spec`.
    pub fn build(spec: &Spec, spec_path: &str) -> Result<CrateModel, GenerateError> {
        let fail = |message: String| GenerateError {
            spec_path: spec_path.to_owned(),
            message,
        };
        let type_index = index_types(spec);
        let directions = directions(spec, &type_index);
        let mut type_scope = Scope::new(Case::Camel, TYPE_RESERVED);
        let type_names: Vec<RustName> = spec
            .types
            .iter()
            .map(|t| type_scope.claim(&t.name))
            .collect();
        let builder_names: Vec<Option<RustName>> = type_names
            .iter()
            .zip(&directions)
            .map(|(name, direction)| {
                direction
                    .serializes()
                    .then(|| type_scope.claim(&format!("{}Builder", name.bare)))
            })
            .collect();
        let resolver = TypeResolver { index: &type_index };
        let mut types = Vec::with_capacity(spec.types.len());
        for (((def, name), direction), builder) in spec
            .types
            .iter()
            .zip(&type_names)
            .zip(&directions)
            .zip(builder_names)
        {
            let reserved = if builder.is_some() {
                TYPE_BUILDER_RESERVED
            } else {
                &[]
            };
            let fields = resolver
                .fields(&def.fields, *direction, reserved)
                .map_err(|m| fail(format!("data structure {}: {m}", def.name)))?;
            types.push(StructModel {
                name: name.clone(),
                wire_name: def.name.clone(),
                description: def.description.clone(),
                fields,
                direction: *direction,
                used_by: def.used_by.clone(),
                inferred: def.inferred,
                builder,
                features: Vec::new(),
            });
        }
        box_recursive_fields(&mut types);
        let codes = codes(spec);
        let mut actions = Vec::with_capacity(spec.actions.len());
        let mut action_scope = Scope::new(Case::Camel, ACTION_RESERVED);
        let mut method_scope = Scope::new(Case::Snake, CLIENT_RESERVED);
        let mut variant_scope = Scope::new(Case::Camel, SERVICE_ERROR_RESERVED);
        for action in &spec.actions {
            let model = ActionBuilder {
                resolver: &resolver,
                codes: &codes,
                types: &types,
            }
            .build(
                action,
                &mut action_scope,
                &mut method_scope,
                &mut variant_scope,
            )
            .map_err(|m| fail(format!("action {}: {m}", action.name)))?;
            actions.push(model);
        }
        let example_action = pick_example_action(&actions);
        let features = assign_features(&mut actions);
        for (t, gate) in types
            .iter_mut()
            .zip(type_features(spec, &type_index, &actions))
        {
            t.features = gate;
        }
        Ok(CrateModel {
            spec_path: spec_path.to_owned(),
            service: spec.service.clone(),
            version: spec.version.clone(),
            title: spec.title.clone(),
            crate_name: format!("tencentcloud-{}", spec.service),
            lib_name: format!("tencentcloud_{}", snake_base(&spec.service)),
            endpoint: spec.endpoint.clone(),
            regional_endpoints: spec
                .regional_endpoints
                .iter()
                .map(|(r, h)| (r.clone(), h.clone()))
                .collect(),
            types,
            actions,
            codes,
            example_action,
            features,
        })
    }

    /// The Rust type of a field, as written in code (`Option<Vec<crate::types::Filter>>`).
    pub fn field_type(&self, field: &FieldModel, type_path: &str) -> String {
        let inner = self.field_type_plain(field, type_path);
        match field.repr {
            Repr::Plain => inner,
            Repr::Optional => format!("Option<{inner}>"),
        }
    }

    /// The Rust type of a field without its `Option` (`Vec<crate::types::Filter>`).
    pub fn field_type_plain(&self, field: &FieldModel, type_path: &str) -> String {
        let inner = self.rust_type(&field.ty, type_path);
        if field.boxed {
            format!("Box<{inner}>")
        } else {
            inner
        }
    }

    /// The Rust type as written in code; named types get `type_path` prepended.
    pub fn rust_type(&self, ty: &RustType, type_path: &str) -> String {
        match ty {
            RustType::String => "String".to_owned(),
            RustType::I64 => "i64".to_owned(),
            RustType::F64 => "f64".to_owned(),
            RustType::Bool => "bool".to_owned(),
            RustType::Named(i) => {
                let name = self
                    .types
                    .get(*i)
                    .map_or_else(String::new, |t| t.name.code());
                format!("{type_path}{name}")
            }
            RustType::Vec(inner) => format!("Vec<{}>", self.rust_type(inner, type_path)),
        }
    }
}

/// Data structure wire name -> index.
fn index_types(spec: &Spec) -> BTreeMap<&str, usize> {
    spec.types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect()
}

/// The type name inside a documented type (`Array of Filter` -> `Filter`), and whether it is an array.
fn split_array(doc_type: &str) -> (&str, bool) {
    match doc_type.strip_prefix("Array of ") {
        Some(inner) => (inner.trim(), true),
        None => (doc_type.trim(), false),
    }
}

/// Which way each data structure travels: reached from an input, an output, or both.
fn directions(spec: &Spec, index: &BTreeMap<&str, usize>) -> Vec<Direction> {
    let mut reached: Vec<Option<Direction>> = vec![None; spec.types.len()];
    for action in &spec.actions {
        for (fields, dir) in [
            (&action.input, Direction::Input),
            (&action.output, Direction::Output),
        ] {
            let mut stack: Vec<&str> = fields.iter().map(|f| split_array(&f.ty).0).collect();
            while let Some(name) = stack.pop() {
                let Some(&i) = index.get(name) else { continue };
                let Some(slot) = reached.get_mut(i) else {
                    continue;
                };
                let next = slot.map_or(dir, |d| d.add(dir));
                if *slot == Some(next) {
                    continue;
                }
                *slot = Some(next);
                if let Some(def) = spec.types.get(i) {
                    stack.extend(def.fields.iter().map(|f| split_array(&f.ty).0));
                }
            }
        }
    }
    reached
        .into_iter()
        .map(|d| d.unwrap_or(Direction::Both))
        .collect()
}

/// Names a feature per API category (see [`super::features`]), sets each action's, and
/// returns the features sorted by name.
fn assign_features(actions: &mut [ActionModel]) -> Vec<FeatureModel> {
    let mut by_category: BTreeMap<&Localized, Vec<usize>> = BTreeMap::new();
    for (i, a) in actions.iter().enumerate() {
        if !a.spec.category.is_empty() {
            by_category.entry(&a.spec.category).or_default().push(i);
        }
    }
    let categories: Vec<Category> = by_category
        .iter()
        .map(|(names, members)| Category {
            names,
            actions: members
                .iter()
                .filter_map(|&i| actions.get(i))
                .map(|a| a.spec.name.as_str())
                .collect(),
        })
        .collect();
    let names = feature_names(&categories, FEATURE_RESERVED);
    let mut features: Vec<FeatureModel> = by_category
        .iter()
        .zip(&names)
        .map(|((category, members), name)| FeatureModel {
            name: name.clone(),
            category: (*category).clone(),
            actions: members.len(),
        })
        .collect();
    let members: Vec<(Vec<usize>, String)> = by_category.into_values().zip(names).collect();
    for (indices, name) in members {
        for i in indices {
            if let Some(a) = actions.get_mut(i) {
                a.feature = Some(name.clone());
            }
        }
    }
    features.sort_by(|a, b| a.name.cmp(&b.name));
    features
}

/// The features each data structure is compiled under: those of the actions that reach it
/// through their inputs and outputs, transitively; none (always compiled) when an action
/// without a category reaches it, or no action does.
fn type_features(
    spec: &Spec,
    index: &BTreeMap<&str, usize>,
    actions: &[ActionModel],
) -> Vec<Vec<String>> {
    let mut gates: Vec<Option<BTreeSet<String>>> = vec![Some(BTreeSet::new()); spec.types.len()];
    for (action, model) in spec.actions.iter().zip(actions) {
        for i in reached_types(spec, index, action) {
            let Some(gate) = gates.get_mut(i) else {
                continue;
            };
            match (&model.feature, gate.as_mut()) {
                (Some(feature), Some(set)) => {
                    set.insert(feature.clone());
                }
                (None, _) => *gate = None,
                (Some(_), None) => {}
            }
        }
    }
    gates
        .into_iter()
        .map(|g| g.map(|set| set.into_iter().collect()).unwrap_or_default())
        .collect()
}

/// Indices of the data structures an action's inputs and outputs reach, transitively.
fn reached_types(
    spec: &Spec,
    index: &BTreeMap<&str, usize>,
    action: &spec::Action,
) -> BTreeSet<usize> {
    let mut reached = BTreeSet::new();
    let mut stack: Vec<&str> = action
        .input
        .iter()
        .chain(&action.output)
        .map(|f| split_array(&f.ty).0)
        .collect();
    while let Some(name) = stack.pop() {
        let Some(&i) = index.get(name) else { continue };
        if reached.insert(i) {
            if let Some(def) = spec.types.get(i) {
                stack.extend(def.fields.iter().map(|f| split_array(&f.ty).0));
            }
        }
    }
    reached
}

/// Turns spec fields into field models.
struct TypeResolver<'a> {
    index: &'a BTreeMap<&'a str, usize>,
}

impl TypeResolver<'_> {
    /// The fields of a struct travelling `direction`; `reserved` names are avoided.
    fn fields(
        &self,
        fields: &[spec::Field],
        direction: Direction,
        reserved: &[&str],
    ) -> Result<Vec<FieldModel>, String> {
        let mut scope = Scope::new(Case::Snake, reserved);
        let names: Vec<RustName> = fields.iter().map(|f| scope.claim(&f.name)).collect();
        let mut setters = scope;
        fields
            .iter()
            .zip(names)
            .map(|(f, name)| {
                let ty = self
                    .ty(&f.ty)
                    .ok_or_else(|| format!("field {}: unknown type `{}`", f.name, f.ty))?;
                Ok(FieldModel {
                    setter: setters.claim(&format!("set_{}", name.bare)),
                    name,
                    wire: f.name.clone(),
                    doc_type: f.ty.clone(),
                    ty,
                    repr: repr(direction, f),
                    boxed: false,
                    spec: f.clone(),
                })
            })
            .collect()
    }

    /// The Rust type of a documented type, or `None` when it names no known structure.
    fn ty(&self, doc_type: &str) -> Option<RustType> {
        let (name, array) = split_array(doc_type);
        let scalar = match name {
            "String" | "Date" | "Timestamp" | "Timestamp ISO8601" | "Binary" => RustType::String,
            "Integer" => RustType::I64,
            "Float" | "Double" => RustType::F64,
            "Boolean" => RustType::Bool,
            other => RustType::Named(*self.index.get(other)?),
        };
        Some(if array {
            RustType::Vec(Box::new(scalar))
        } else {
            scalar
        })
    }
}

/// How a field is held, by direction (the rule documented in every generated crate).
fn repr(direction: Direction, field: &spec::Field) -> Repr {
    let optional = match direction {
        Direction::Input | Direction::Both => !field.required,
        Direction::Output => field.nullable,
    };
    if optional {
        Repr::Optional
    } else {
        Repr::Plain
    }
}

/// Boxes fields through which a structure contains itself (not through a `Vec`).
fn box_recursive_fields(types: &mut [StructModel]) {
    let direct: Vec<Vec<usize>> = types
        .iter()
        .map(|t| {
            t.fields
                .iter()
                .filter_map(|f| match f.ty {
                    RustType::Named(i) => Some(i),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let reaches = |from: usize, to: usize| {
        let mut seen = vec![false; direct.len()];
        let mut stack = vec![from];
        while let Some(i) = stack.pop() {
            if i == to {
                return true;
            }
            if let Some(s) = seen.get_mut(i) {
                if *s {
                    continue;
                }
                *s = true;
            }
            stack.extend(direct.get(i).into_iter().flatten().copied());
        }
        false
    };
    for (owner, t) in types.iter_mut().enumerate() {
        for f in &mut t.fields {
            if let RustType::Named(i) = f.ty {
                f.boxed = reaches(i, owner);
            }
        }
    }
}

/// Every code of the service list and the actions' lists, sorted, with variant names.
fn codes(spec: &Spec) -> Vec<CodeModel> {
    let mut all: BTreeMap<&str, (Localized, bool)> = spec
        .errors
        .iter()
        .map(|e| (e.code.as_str(), (e.description.clone(), e.common)))
        .collect();
    for action in &spec.actions {
        for code in &action.errors {
            all.entry(code.as_str()).or_default();
        }
    }
    let mut variants = Scope::new(Case::Camel, VARIANT_RESERVED);
    let mut methods = Scope::new(Case::Snake, &["is_common", "is_unhandled"]);
    all.into_iter()
        .map(|(code, (description, common))| {
            let variant = variants.claim(code);
            let is_method = methods.claim(&format!("is_{}", variant.bare));
            CodeModel {
                code: code.to_owned(),
                variant,
                is_method,
                description,
                common,
            }
        })
        .collect()
}

/// Builds one action's model.
struct ActionBuilder<'a> {
    resolver: &'a TypeResolver<'a>,
    codes: &'a [CodeModel],
    types: &'a [StructModel],
}

impl ActionBuilder<'_> {
    fn build(
        &self,
        action: &spec::Action,
        action_scope: &mut Scope,
        method_scope: &mut Scope,
        variant_scope: &mut Scope,
    ) -> Result<ActionModel, String> {
        let camel = action_scope.claim(&action.name).bare;
        let request = StructModel {
            name: plain_name(format!("{camel}Request")),
            wire_name: action.name.clone(),
            description: action.description.clone(),
            fields: self
                .resolver
                .fields(&action.input, Direction::Input, BUILDER_RESERVED)?,
            direction: Direction::Input,
            used_by: Vec::new(),
            inferred: false,
            builder: None,
            features: Vec::new(),
        };
        let response = StructModel {
            name: plain_name(format!("{camel}Response")),
            wire_name: action.name.clone(),
            description: action.description.clone(),
            fields: self.response_fields(&action.output)?,
            direction: Direction::Output,
            used_by: Vec::new(),
            inferred: false,
            builder: None,
            features: Vec::new(),
        };
        let client_token = request
            .fields
            .iter()
            .position(|f| f.wire == CLIENT_TOKEN && f.ty == RustType::String);
        let (common_codes, own_codes) = self.split_codes(&action.errors);
        let examples = action
            .examples
            .iter()
            .enumerate()
            .map(|(i, e)| examples::prepare(i, e, &request, &response, self.types))
            .collect();
        Ok(ActionModel {
            retry_safe: is_read_only(&action.name) || client_token.is_some(),
            pagination: pagination(&request, &response),
            camel,
            snake: method_scope.claim(&action.name),
            request,
            response,
            own_codes,
            common_codes,
            client_token,
            examples,
            error_variant: variant_scope.claim(&action.name),
            feature: None,
            spec: action.clone(),
        })
    }

    /// The documented outputs, then `RequestId` (which every `Response` object carries and the
    /// docs list apart from the outputs) unless the docs list it among them.
    fn response_fields(&self, output: &[spec::Field]) -> Result<Vec<FieldModel>, String> {
        let documented = output.iter().any(|f| f.name == REQUEST_ID);
        let reserved = if documented { &[] } else { RESPONSE_RESERVED };
        let mut fields = self.resolver.fields(output, Direction::Output, reserved)?;
        if !documented {
            fields.push(request_id_field());
        }
        Ok(fields)
    }

    /// (common, own) indices of the documented codes.
    fn split_codes(&self, documented: &[String]) -> (Vec<usize>, Vec<usize>) {
        let indices = documented
            .iter()
            .filter_map(|code| self.codes.iter().position(|c| &c.code == code));
        indices.partition(|&i| self.codes.get(i).is_some_and(|c| c.common))
    }
}

/// The `RequestId` output field.
fn request_id_field() -> FieldModel {
    let description: Localized = [(
        "en-US".to_owned(),
        "The unique ID of the request, which the API returns with every answer: quote it when contacting support; asynchronous actions report their progress under it.".to_owned(),
    )]
    .into();
    FieldModel {
        name: plain_name("request_id".to_owned()),
        setter: plain_name("set_request_id".to_owned()),
        wire: REQUEST_ID.to_owned(),
        doc_type: "String".to_owned(),
        ty: RustType::String,
        repr: Repr::Plain,
        boxed: false,
        spec: spec::Field {
            name: REQUEST_ID.to_owned(),
            ty: "String".to_owned(),
            required: false,
            nullable: false,
            description,
            example: None,
        },
    }
}

/// A generated (never keyword, never colliding) name.
fn plain_name(bare: String) -> RustName {
    RustName { bare, raw: false }
}

/// Whether the action only reads, by the general naming rule of the API.
pub fn is_read_only(action: &str) -> bool {
    READ_ONLY_PREFIXES.iter().any(|prefix| {
        action
            .strip_prefix(prefix)
            .is_some_and(|rest| !rest.starts_with(|c: char| !c.is_ascii_uppercase()))
    })
}

/// Offset + Limit inputs (Integer), TotalCount output (Integer) and exactly one array output.
fn pagination(request: &StructModel, response: &StructModel) -> Option<Pagination> {
    let find = |s: &StructModel, wire: &str| {
        s.fields
            .iter()
            .position(|f| f.wire == wire && f.ty == RustType::I64)
    };
    let mut arrays = response
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.ty, RustType::Vec(_)));
    let (items, _) = arrays.next()?;
    if arrays.next().is_some() {
        return None;
    }
    Some(Pagination {
        offset: find(request, "Offset")?,
        limit: find(request, "Limit")?,
        total_count: find(response, "TotalCount")?,
        items,
    })
}

/// The action the runnable example calls: the first read-only action without required inputs,
/// preferring a paginated one.
fn pick_example_action(actions: &[ActionModel]) -> Option<usize> {
    let candidate = |a: &&ActionModel| is_read_only(&a.spec.name) && !a.has_required_input();
    let paged = actions
        .iter()
        .enumerate()
        .find(|(_, a)| candidate(a) && a.pagination.is_some());
    paged
        .or_else(|| actions.iter().enumerate().find(|(_, a)| candidate(a)))
        .map(|(i, _)| i)
}

/// A region requirement as the core enum variant name.
pub fn region_variant(region: RegionRequirement) -> &'static str {
    match region {
        RegionRequirement::Required => "Required",
        RegionRequirement::Optional => "Optional",
        RegionRequirement::None => "None",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_prefix_needs_a_word_boundary() {
        assert!(is_read_only("DescribeInstances"));
        assert!(is_read_only("InquirePriceCreateInstances"));
        assert!(is_read_only("Get"));
        assert!(!is_read_only("Getaway"));
        assert!(!is_read_only("CreateInstances"));
    }

    fn field(name: &str, required: bool, nullable: bool) -> spec::Field {
        spec::Field {
            name: name.to_owned(),
            ty: "String".to_owned(),
            required,
            nullable,
            description: Localized::new(),
            example: None,
        }
    }

    #[test]
    fn representation_follows_direction() {
        let required = field("A", true, false);
        let optional = field("B", false, false);
        let nullable = field("C", false, true);
        assert_eq!(repr(Direction::Input, &required), Repr::Plain);
        assert_eq!(repr(Direction::Input, &optional), Repr::Optional);
        assert_eq!(repr(Direction::Output, &optional), Repr::Plain);
        assert_eq!(repr(Direction::Output, &nullable), Repr::Optional);
        assert_eq!(repr(Direction::Both, &required), Repr::Plain);
        assert_eq!(repr(Direction::Both, &nullable), Repr::Optional);
    }
}
