//! Several sources, one spec: groups sources by (service, version), merges what they say
//! (each language kept; on structural disagreement the newer source wins, with a warning),
//! rebuilds types that only examples show, and computes `used_by`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::parse::extract::{Doc, DocAction, OverviewEntry};
use crate::spec::{
    Action, ErrorCode, Example, Field, Localized, Region, RegionRequirement, SourceFile, SourceRef,
    Spec, TypeDef, FORMAT_VERSION, PRIMITIVE_TYPES,
};

/// The data structure a field type names, if any (`Array of Filter` -> `Filter`).
pub fn referenced_type(ty: &str) -> Option<&str> {
    let base = ty.strip_prefix("Array of ").unwrap_or(ty);
    (!base.is_empty() && !PRIMITIVE_TYPES.contains(&base)).then_some(base)
}

/// Merges the sources' docs into one spec per (service, version).
pub fn merge(mut docs: Vec<Doc>, sources: &[SourceFile], diags: &mut Vec<Diagnostic>) -> Vec<Spec> {
    assign_by_folder(&mut docs);
    let mut groups: BTreeMap<(String, String), Vec<Doc>> = BTreeMap::new();
    for doc in docs {
        match (doc.service.clone(), doc.version.clone()) {
            (Some(s), Some(v)) => groups.entry((s, v)).or_default().push(doc),
            _ => diags.push(Diagnostic::error(
                doc.path.clone(),
                0,
                "cannot tell which service and API version this source describes (no endpoint host or Version parameter)",
            )),
        }
    }
    groups
        .into_iter()
        .map(|((service, version), docs)| build_spec(service, version, docs, sources, diags))
        .collect()
}

/// Pages that name no service of their own (data structures, API overview, calling
/// conventions, release history) belong to the service of the action pages beside them: the
/// nearest folder above the page whose sources name exactly one (service, version).
pub fn assign_by_folder(docs: &mut [Doc]) {
    let known: Vec<(String, String, String)> = docs
        .iter()
        .filter_map(|d| Some((d.path.clone(), d.service.clone()?, d.version.clone()?)))
        .collect();
    for doc in docs.iter_mut() {
        if doc.service.is_some() && doc.version.is_some() {
            continue;
        }
        let mut dir = doc.path.as_str();
        while let Some((parent, _)) = dir.rsplit_once('/') {
            dir = parent;
            let prefix = format!("{dir}/");
            let found: BTreeSet<(&str, &str)> = known
                .iter()
                .filter(|(p, s, v)| {
                    p.starts_with(&prefix)
                        && doc.service.as_ref().is_none_or(|x| x == s)
                        && doc.version.as_ref().is_none_or(|x| x == v)
                })
                .map(|(_, s, v)| (s.as_str(), v.as_str()))
                .collect();
            if found.len() > 1 {
                break;
            }
            if let Some((s, v)) = found.into_iter().next() {
                doc.service = Some(s.to_string());
                doc.version = Some(v.to_string());
                break;
            }
        }
    }
}

/// A host written for every product (`*.ap-guangzhou.tencentcloudapi.com`) with the
/// service's name in place of the `*`.
fn service_host(host: &str, service: &str) -> String {
    match host.strip_prefix("*.") {
        Some(rest) => format!("{service}.{rest}"),
        None => host.to_string(),
    }
}

/// The newest "last updated" date a source gives.
fn doc_date(doc: &Doc) -> Option<String> {
    doc.actions.iter().filter_map(|a| a.updated.clone()).max()
}

/// The spec of one service and version from its docs.
fn build_spec(
    service: String,
    version: String,
    mut docs: Vec<Doc>,
    sources: &[SourceFile],
    diags: &mut Vec<Diagnostic>,
) -> Spec {
    docs.sort_by_key(doc_date);
    let mut spec = Spec {
        format: FORMAT_VERSION,
        endpoint: endpoint(&docs, &service),
        service,
        version,
        title: Localized::new(),
        regional_endpoints: BTreeMap::new(),
        regions: Vec::new(),
        actions: Vec::new(),
        types: Vec::new(),
        errors: Vec::new(),
        history: Vec::new(),
        sources: Vec::new(),
    };
    let mut dated: BTreeMap<String, (Option<String>, Action)> = BTreeMap::new();
    let mut action_errors: BTreeMap<String, Localized> = BTreeMap::new();
    // Which source (and its date) gave each code's description per language.
    let mut described: BTreeMap<(String, String), (Option<String>, SourceRef)> = BTreeMap::new();
    let mut documented_used_by: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for doc in &mut docs {
        spec.sources
            .extend(sources.iter().filter(|s| s.path == doc.path).cloned());
        for t in &doc.types {
            documented_used_by
                .entry(t.name.clone())
                .or_default()
                .extend(t.used_by.iter().cloned());
        }
        merge_doc_facts(&mut spec, doc);
    }
    let overview = overview_of(&docs);
    for mut doc in docs {
        for a in &mut doc.actions {
            convert_pending_queries(a, &spec.types, &doc.path, diags);
            apply_overview(&mut a.action, &overview);
            merge_localized(&mut a.action.category, &doc.folder_category);
        }
        let date = doc_date(&doc);
        for (code, listed) in &doc.action_errors {
            let desc = &listed.description;
            let here = SourceRef {
                path: doc.path.clone(),
                line: listed.line,
            };
            let key = (code.clone(), doc.lang.clone());
            let slot = action_errors.entry(code.clone()).or_default();
            match described.get(&key) {
                None => {
                    slot.insert(doc.lang.clone(), desc.clone());
                    described.insert(key, (date.clone(), here));
                }
                // A newer page's different wording of the same code wins, with a warning.
                Some((old_date, old_at))
                    if date > *old_date && slot.get(&doc.lang) != Some(desc) =>
                {
                    diags.push(Diagnostic::warning(
                        here.path.clone(),
                        here.line,
                        format!(
                            "error code {code}: described {desc:?} here but {:?} in {}:{}; the newer source wins",
                            slot.get(&doc.lang).cloned().unwrap_or_default(),
                            old_at.path,
                            old_at.line
                        ),
                    ));
                    slot.insert(doc.lang.clone(), desc.clone());
                    described.insert(key, (date.clone(), here));
                }
                Some(_) => {}
            }
        }
        for a in doc.actions {
            warn_other_host(&spec, &a, diags);
            merge_action(&mut dated, a, diags);
        }
    }
    spec.actions = dated.into_values().map(|(_, a)| a).collect();
    add_action_errors(&mut spec, action_errors, diags);
    infer_missing_types(&mut spec, diags);
    compute_used_by(&mut spec);
    add_documented_used_by(&mut spec, documented_used_by, diags);
    spec.normalize();
    if let Some(path) = spec.history.first().map(|r| r.source.path.clone()) {
        crate::parse::history::check_history(&spec, &path, diags);
    }
    spec
}

/// The default endpoint: a doc's endpoint table, else an action's host.
fn endpoint(docs: &[Doc], service: &str) -> String {
    docs.iter()
        .rev()
        .find(|d| !d.regional_endpoints.is_empty())
        .or_else(|| docs.last())
        .and_then(|d| d.endpoint.as_deref().map(|h| service_host(h, service)))
        .unwrap_or_else(|| format!("{service}.tencentcloudapi.com"))
}

/// An action page whose request host is neither the service's endpoint nor a regional one
/// (`cbs.intl.tencentcloudapi.com` beside `cbs.tencentcloudapi.com`): the spec keeps one
/// endpoint, so the other host is named in a warning.
fn warn_other_host(spec: &Spec, a: &DocAction, diags: &mut Vec<Diagnostic>) {
    let Some(host) = a.host.as_deref() else {
        return;
    };
    if host == spec.endpoint || spec.regional_endpoints.values().any(|h| h == host) {
        return;
    }
    diags.push(Diagnostic::warning(
        a.action.source.path.clone(),
        a.action.source.line,
        format!(
            "{}: request host {host} here; the spec's endpoint is {} (from the product's calling conventions or the majority of its pages)",
            a.action.name, spec.endpoint
        ),
    ));
}

/// Every source's API overview rows, with the language of their source.
fn overview_of(docs: &[Doc]) -> BTreeMap<String, Vec<(String, OverviewEntry)>> {
    let mut out: BTreeMap<String, Vec<(String, OverviewEntry)>> = BTreeMap::new();
    for doc in docs {
        for (name, entry) in &doc.overview {
            out.entry(name.clone())
                .or_default()
                .push((doc.lang.clone(), entry.clone()));
        }
    }
    out
}

/// Title, category and rate limit from the API overview where the action's own page has none
/// in that language.
fn apply_overview(action: &mut Action, overview: &BTreeMap<String, Vec<(String, OverviewEntry)>>) {
    for (lang, entry) in overview.get(&action.name).into_iter().flatten() {
        if !entry.title.is_empty() && entry.title != action.name {
            action
                .title
                .entry(lang.clone())
                .or_insert_with(|| entry.title.clone());
        }
        if let Some(c) = &entry.category {
            action
                .category
                .entry(lang.clone())
                .or_insert_with(|| c.clone());
        }
        if action.rate_limit_per_second.is_none() {
            action.rate_limit_per_second = entry.rate;
        }
    }
}

/// Converts the GET examples that needed other sources' data structures.
fn convert_pending_queries(
    a: &mut DocAction,
    types: &[TypeDef],
    path: &str,
    diags: &mut Vec<Diagnostic>,
) {
    for p in std::mem::take(&mut a.pending_queries) {
        let (query, renamed) = crate::parse::examples::documented_case(&p.query, &a.action.input);
        for (written, documented) in renamed {
            diags.push(Diagnostic::warning(
                path,
                p.line,
                format!(
                    "{}: query example writes `{written}`, the input table `{documented}`: read as `{documented}`",
                    a.action.name
                ),
            ));
        }
        match crate::parse::examples::query_to_json(&query, &a.action.input, types) {
            Ok(v) => {
                if let Some(ex) = a.action.examples.get_mut(p.example) {
                    ex.input = Some(v);
                }
            }
            Err(e) => diags.push(Diagnostic::warning(
                path,
                p.line,
                format!("query example cannot be converted: {e}"),
            )),
        }
    }
}

/// Adds the actions a data-structure page says use a type ("Used by actions: ...") to the
/// computed `used_by`; a named action the spec lacks is a warning.
fn add_documented_used_by(
    spec: &mut Spec,
    documented: BTreeMap<String, BTreeSet<String>>,
    diags: &mut Vec<Diagnostic>,
) {
    let actions: BTreeSet<&str> = spec.actions.iter().map(|a| a.name.as_str()).collect();
    for t in &mut spec.types {
        let Some(names) = documented.get(&t.name) else {
            continue;
        };
        for name in names {
            if !actions.contains(name.as_str()) {
                diags.push(Diagnostic::warning(
                    t.source.path.clone(),
                    t.source.line,
                    format!("{}: used by {name}, an action no source documents", t.name),
                ));
            }
            if !t.used_by.contains(name) {
                t.used_by.push(name.clone());
            }
        }
        t.used_by.sort();
    }
}

/// Title, regions, regional endpoints, types and errors of one doc. The doc's history, types
/// and errors move into the spec (nothing after this reads them from the doc).
fn merge_doc_facts(spec: &mut Spec, doc: &mut Doc) {
    merge_localized(&mut spec.title, &doc.title);
    if doc.history.len() > spec.history.len() {
        spec.history = std::mem::take(&mut doc.history);
    }
    spec.regional_endpoints.extend(
        doc.regional_endpoints
            .iter()
            .map(|(k, v)| (k.clone(), service_host(v, &spec.service))),
    );
    for r in &doc.regions {
        merge_region(&mut spec.regions, r);
    }
    for t in std::mem::take(&mut doc.types) {
        match spec.types.iter_mut().find(|x| x.name == t.name) {
            Some(existing) => {
                merge_localized(&mut existing.description, &t.description);
                existing.fields = merge_fields(&existing.fields, &t.fields, None, None);
            }
            None => spec.types.push(t),
        }
    }
    for e in std::mem::take(&mut doc.errors) {
        match spec.errors.iter_mut().find(|x| x.code == e.code) {
            Some(existing) => {
                merge_localized(&mut existing.description, &e.description);
                existing.common |= e.common;
            }
            None => spec.errors.push(e),
        }
    }
}

/// How a warning says what a page makes of the `Region` parameter.
fn region_wording(region: RegionRequirement) -> &'static str {
    match region {
        RegionRequirement::Required => "required",
        RegionRequirement::Optional => "optional",
        RegionRequirement::None => "not taken (\"not required for this API\")",
    }
}

fn merge_region(regions: &mut Vec<Region>, r: &Region) {
    match regions.iter_mut().find(|x| x.id == r.id) {
        Some(existing) => merge_localized(&mut existing.name, &r.name),
        None => regions.push(r.clone()),
    }
}

/// Adds the languages `from` has and `into` lacks.
fn merge_localized(into: &mut Localized, from: &Localized) {
    for (k, v) in from {
        into.entry(k.clone()).or_insert_with(|| v.clone());
    }
}

/// Merges an action into the map; docs arrive oldest first, so `new` is the newer source
/// unless its date says otherwise.
fn merge_action(
    map: &mut BTreeMap<String, (Option<String>, Action)>,
    new: DocAction,
    diags: &mut Vec<Diagnostic>,
) {
    let name = new.action.name.clone();
    let Some((old_date, old)) = map.remove(&name) else {
        map.insert(name, (new.updated, new.action));
        return;
    };
    let new_wins = new.updated >= old_date;
    let (newer, older, date) = if new_wins {
        (new.action, old, new.updated)
    } else {
        (old, new.action, old_date)
    };
    let merged = merge_two(newer, older, diags);
    map.insert(name, (date, merged));
}

/// Merges two sources' versions of an action; `newer` wins on structure.
fn merge_two(mut newer: Action, older: Action, diags: &mut Vec<Diagnostic>) -> Action {
    let (a, b) = (&newer.source, &older.source);
    newer.input = merge_fields(
        &newer.input,
        &older.input,
        Some((a, b, &newer.name)),
        Some(diags),
    );
    newer.output = merge_fields(
        &newer.output,
        &older.output,
        Some((a, b, &newer.name)),
        Some(diags),
    );
    merge_localized(&mut newer.title, &older.title);
    merge_localized(&mut newer.description, &older.description);
    merge_localized(&mut newer.category, &older.category);
    if newer.rate_limit_per_second.is_none() {
        newer.rate_limit_per_second = older.rate_limit_per_second;
    }
    if newer.region != older.region {
        diags.push(Diagnostic::warning(
            a.path.clone(),
            a.line,
            format!(
                "{}: Region is {} here but {} in {}:{}; the newer source wins",
                newer.name,
                region_wording(newer.region),
                region_wording(older.region),
                b.path,
                b.line
            ),
        ));
    }
    let mut errors: BTreeSet<String> = newer.errors.iter().cloned().collect();
    errors.extend(older.errors.iter().cloned());
    newer.errors = errors.into_iter().collect();
    newer.examples = merge_examples(newer.examples, older.examples);
    newer
}

/// Examples of both sources; the same input and output shown twice become one example.
fn merge_examples(newer: Vec<Example>, older: Vec<Example>) -> Vec<Example> {
    let mut out = older;
    for ex in newer {
        match out
            .iter_mut()
            .find(|o| o.input == ex.input && o.output == ex.output)
        {
            Some(o) => merge_localized(&mut o.title, &ex.title),
            None => out.push(ex),
        }
    }
    out
}

/// Where two sources' versions of one action come from, for warnings.
type Sides<'a> = (&'a SourceRef, &'a SourceRef, &'a String);

/// Merges field lists: the newer list's structure, descriptions of both languages.
fn merge_fields(
    newer: &[Field],
    older: &[Field],
    sides: Option<Sides>,
    mut diags: Option<&mut Vec<Diagnostic>>,
) -> Vec<Field> {
    let mut warn = |msg: String| {
        if let (Some((a, b, name)), Some(d)) = (sides, diags.as_deref_mut()) {
            d.push(Diagnostic::warning(
                a.path.clone(),
                a.line,
                format!(
                    "{name}: {msg} (vs {}:{}); the newer source wins",
                    b.path, b.line
                ),
            ));
        }
    };
    let mut out = Vec::with_capacity(newer.len());
    for f in newer {
        let mut f = f.clone();
        match older.iter().find(|o| o.name == f.name) {
            Some(o) => {
                if o.ty != f.ty {
                    warn(format!(
                        "field {} has type {} here but {}",
                        f.name, f.ty, o.ty
                    ));
                }
                if o.required != f.required {
                    warn(format!(
                        "field {} required={} here but {}",
                        f.name, f.required, o.required
                    ));
                }
                merge_localized(&mut f.description, &o.description);
                f.nullable |= o.nullable;
                if f.example.is_none() {
                    f.example.clone_from(&o.example);
                }
            }
            None => warn(format!("field {} is only in this source", f.name)),
        }
        out.push(f);
    }
    for o in older {
        if !newer.iter().any(|f| f.name == o.name) && !newer.is_empty() {
            warn(format!(
                "field {} is only in the older source: dropped",
                o.name
            ));
        }
    }
    if newer.is_empty() {
        return older.to_vec();
    }
    out
}

/// Codes that actions list but no error-code chapter defines: added, with a warning.
fn add_action_errors(
    spec: &mut Spec,
    descriptions: BTreeMap<String, Localized>,
    diags: &mut Vec<Diagnostic>,
) {
    // A chapter of business codes: an action's code missing there is news. A chapter of only
    // the common codes (the calling conventions' page) says nothing about an action's codes.
    let have_chapter = spec.errors.iter().any(|e| !e.common);
    let mut index: HashMap<String, usize> = spec
        .errors
        .iter()
        .enumerate()
        .map(|(i, e)| (e.code.clone(), i))
        .collect();
    let mut seen: HashSet<&str> = HashSet::new();
    for action in &spec.actions {
        for code in &action.errors {
            if !seen.insert(code.as_str()) {
                continue;
            }
            if let Some(e) = index.get(code).and_then(|&i| spec.errors.get_mut(i)) {
                if let Some(d) = descriptions.get(code) {
                    merge_localized(&mut e.description, d);
                }
                continue;
            }
            if have_chapter {
                diags.push(Diagnostic::warning(
                    action.source.path.clone(),
                    action.source.line,
                    format!(
                        "{}: error code {code} is not in the error-code chapter; added from the action page",
                        action.name
                    ),
                ));
            }
            index.insert(code.clone(), spec.errors.len());
            spec.errors.push(ErrorCode {
                code: code.clone(),
                description: descriptions.get(code).cloned().unwrap_or_default(),
                common: false,
            });
        }
    }
}

/// Rebuilds every referenced but undefined type from the examples' JSON.
fn infer_missing_types(spec: &mut Spec, diags: &mut Vec<Diagnostic>) {
    let defined: BTreeSet<String> = spec.types.iter().map(|t| t.name.clone()).collect();
    let mut missing: BTreeMap<String, SourceRef> = BTreeMap::new();
    let fields_of_actions = spec
        .actions
        .iter()
        .flat_map(|a| a.input.iter().chain(&a.output).map(move |f| (f, &a.source)));
    let fields_of_types = spec
        .types
        .iter()
        .flat_map(|t| t.fields.iter().map(move |f| (f, &t.source)));
    for (f, src) in fields_of_actions.chain(fields_of_types) {
        if let Some(name) = referenced_type(&f.ty) {
            if !defined.contains(name) {
                missing
                    .entry(name.to_string())
                    .or_insert_with(|| src.clone());
            }
        }
    }
    for (name, src) in missing {
        let values = example_values(spec, &name);
        let fields = fields_from_json(&values);
        diags.push(Diagnostic::warning(
            src.path.clone(),
            src.line,
            if fields.is_empty() {
                format!("type {name} is referenced but defined nowhere, and no example shows it")
            } else {
                format!(
                    "type {name} is referenced but defined nowhere: rebuilt from {} example value(s)",
                    values.len()
                )
            },
        ));
        spec.types.push(TypeDef {
            name,
            description: Localized::new(),
            used_by: Vec::new(),
            fields,
            inferred: true,
            source: src,
        });
    }
}

/// Every JSON value the examples give for fields of type `target`.
fn example_values(spec: &Spec, target: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for action in &spec.actions {
        for ex in &action.examples {
            if let Some(v) = &ex.input {
                collect(spec, v, &action.input, target, 0, &mut out);
            }
            if let Some(v) = &ex.output {
                collect(spec, v, &action.output, target, 0, &mut out);
            }
        }
    }
    out
}

fn collect(
    spec: &Spec,
    value: &Value,
    fields: &[Field],
    target: &str,
    depth: u8,
    out: &mut Vec<Value>,
) {
    if depth > 8 {
        return;
    }
    for f in fields {
        let Some(v) = value.get(&f.name) else {
            continue;
        };
        let Some(ty) = referenced_type(&f.ty) else {
            continue;
        };
        let items: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        for item in items {
            if ty == target {
                out.push(item.clone());
            } else if let Some(t) = spec.type_def(ty) {
                collect(spec, item, &t.fields, target, depth + 1, out);
            }
        }
    }
}

/// Fields from JSON objects: keys in first-seen order, types from the JSON values.
fn fields_from_json(values: &[Value]) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    for v in values {
        let Value::Object(map) = v else {
            continue;
        };
        for (k, item) in map {
            let ty = json_type(item);
            match out.iter_mut().find(|f| &f.name == k) {
                Some(f) if f.ty.is_empty() => f.ty = ty.unwrap_or_default(),
                Some(f) => f.nullable |= item.is_null(),
                None => out.push(Field {
                    name: k.clone(),
                    ty: ty.unwrap_or_default(),
                    required: false,
                    nullable: item.is_null(),
                    description: Localized::new(),
                    example: example_text(item),
                }),
            }
        }
    }
    for f in &mut out {
        if f.ty.is_empty() {
            f.ty = "String".to_string();
        }
    }
    out
}

/// An example value as the docs would write it: strings bare, anything else as JSON.
fn example_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// The type-grammar name of a JSON value (None for null).
fn json_type(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Bool(_) => Some("Boolean".into()),
        Value::Number(n) if n.is_f64() => Some("Float".into()),
        Value::Number(_) => Some("Integer".into()),
        Value::String(_) => Some("String".into()),
        Value::Array(a) => Some(format!(
            "Array of {}",
            a.iter()
                .find_map(json_type)
                .unwrap_or_else(|| "String".into())
        )),
        Value::Object(_) => Some("String".into()),
    }
}

/// `used_by`: the actions whose input or output reaches each type, transitively.
fn compute_used_by(spec: &mut Spec) {
    let mut used: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for action in &spec.actions {
        let mut stack: Vec<String> = action
            .input
            .iter()
            .chain(&action.output)
            .filter_map(|f| referenced_type(&f.ty).map(str::to_string))
            .collect();
        let mut seen = BTreeSet::new();
        while let Some(t) = stack.pop() {
            if !seen.insert(t.clone()) {
                continue;
            }
            if let Some(def) = spec.type_def(&t) {
                stack.extend(
                    def.fields
                        .iter()
                        .filter_map(|f| referenced_type(&f.ty).map(str::to_string)),
                );
            }
        }
        for t in seen {
            used.entry(t).or_default().insert(action.name.clone());
        }
    }
    for t in &mut spec.types {
        t.used_by = used
            .remove(&t.name)
            .map(|s| s.into_iter().collect())
            .unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::extract::ListedError;
    use crate::spec::{Example, RegionRequirement};

    fn field(name: &str, ty: &str, required: bool, lang: &str, desc: &str) -> Field {
        let mut description = Localized::new();
        description.insert(lang.to_string(), desc.to_string());
        Field {
            name: name.to_string(),
            ty: ty.to_string(),
            required,
            nullable: false,
            description,
            example: None,
        }
    }

    fn action(name: &str, path: &str, input: Vec<Field>, output: Vec<Field>) -> Action {
        Action {
            name: name.to_string(),
            title: Localized::new(),
            description: Localized::new(),
            category: Localized::new(),
            rate_limit_per_second: None,
            region: RegionRequirement::Required,
            input,
            output,
            errors: vec!["FailedOperation".to_string()],
            examples: Vec::new(),
            source: SourceRef {
                path: path.to_string(),
                line: 1,
            },
        }
    }

    fn doc(path: &str, lang: &str, date: &str, a: Action) -> Doc {
        Doc {
            path: path.to_string(),
            lang: lang.to_string(),
            service: Some("lighthouse".to_string()),
            version: Some("2020-03-24".to_string()),
            actions: vec![DocAction {
                action: a,
                updated: Some(date.to_string()),
                version: Some("2020-03-24".to_string()),
                service: Some("lighthouse".to_string()),
                host: None,
                pending_queries: Vec::new(),
            }],
            ..Doc::default()
        }
    }

    #[test]
    fn newer_source_wins_structure_and_languages_merge() {
        let zh = action(
            "SyncBlueprint",
            "zh.pdf.txt",
            vec![field("BlueprintId", "String", true, "zh-CN", "镜像ID。")],
            vec![],
        );
        let en = action(
            "SyncBlueprint",
            "en.page.txt",
            vec![field("BlueprintId", "String", true, "en-US", "Image ID.")],
            vec![field("Set", "Array of String", false, "en-US", "Set.")],
        );
        let docs = vec![
            doc("en.page.txt", "en-US", "2026-01-13 21:47:51", en),
            doc("zh.pdf.txt", "zh-CN", "2025-07-01 01:29:20", zh),
        ];
        let mut diags = Vec::new();
        let specs = merge(docs, &[], &mut diags);
        let a = &specs[0].actions[0];
        assert_eq!(a.input[0].description.len(), 2);
        assert_eq!(a.output.len(), 1);
        assert_eq!(a.source.path, "en.page.txt");
        assert!(diags.iter().any(|d| d.path == "en.page.txt"
            && d.message.contains("Set is only in this source")
            && d.message.contains("zh.pdf.txt:1")));
    }

    /// lighthouse-api-doc.zh-CN.pdf.txt:5890 (Region required) against
    /// lighthouse-CreateBlueprint.en-US.page.txt:29 ("This parameter is not required for this
    /// API"): the warning said `Region is Required here but None in ...`.
    #[test]
    fn region_disagreement_is_worded_for_people() {
        let newer = action("A", "new", vec![], vec![]);
        let mut older = action("A", "old", vec![], vec![]);
        older.region = RegionRequirement::None;
        let docs = vec![
            doc("new", "zh-CN", "2025-06-20 01:44:59", newer),
            doc("old", "en-US", "2023-12-04 16:32:00", older),
        ];
        let mut diags = Vec::new();
        merge(docs, &[], &mut diags);
        let message = diags
            .iter()
            .map(|d| d.message.as_str())
            .find(|m| m.contains("Region"))
            .unwrap_or_default();
        assert!(
            message.starts_with("A: Region is required here but not taken"),
            "{message}"
        );
        assert!(
            message.contains("in old:1; the newer source wins"),
            "{message}"
        );
    }

    #[test]
    fn conflicting_type_is_reported() {
        let old = action(
            "A",
            "old",
            vec![field("X", "String", false, "zh-CN", "x")],
            vec![],
        );
        let new = action(
            "A",
            "new",
            vec![field("X", "Integer", true, "en-US", "x")],
            vec![],
        );
        let docs = vec![
            doc("old", "zh-CN", "2020-01-01 00:00:00", old),
            doc("new", "en-US", "2021-01-01 00:00:00", new),
        ];
        let mut diags = Vec::new();
        let specs = merge(docs, &[], &mut diags);
        assert_eq!(specs[0].actions[0].input[0].ty, "Integer");
        assert!(diags
            .iter()
            .any(|d| d.message.contains("type Integer here but String")));
        assert!(diags
            .iter()
            .any(|d| d.message.contains("required=true here but false")));
    }

    // cbs-CopySnapshotCrossRegions.en-US.page.txt:42,70: SnapshotCopyResult is only shown by
    // the example.
    #[test]
    fn undefined_type_rebuilt_from_examples() {
        let mut a = action(
            "CopySnapshotCrossRegions",
            "cbs.page.txt",
            vec![],
            vec![field(
                "Set",
                "Array of SnapshotCopyResult",
                false,
                "en-US",
                "r",
            )],
        );
        a.examples.push(Example {
            title: Localized::new(),
            input: Some(serde_json::json!({})),
            output: Some(serde_json::json!({"Set": [{"SnapshotId": "snap-1", "Size": 2, "Ok": true, "Note": null}]})),
        });
        let mut diags = Vec::new();
        let specs = merge(
            vec![doc("cbs.page.txt", "en-US", "2026-01-01 00:00:00", a)],
            &[],
            &mut diags,
        );
        let t = specs[0].type_def("SnapshotCopyResult");
        let t = t.unwrap_or_else(|| panic!("not inferred"));
        assert!(t.inferred);
        let got: Vec<(&str, &str, bool)> = t
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.ty.as_str(), f.nullable))
            .collect();
        assert_eq!(
            got,
            [
                ("SnapshotId", "String", false),
                ("Size", "Integer", false),
                ("Ok", "Boolean", false),
                ("Note", "String", true)
            ]
        );
        assert_eq!(t.fields[0].example.as_deref(), Some("snap-1"));
        assert_eq!(t.used_by, ["CopySnapshotCrossRegions"]);
        assert!(diags
            .iter()
            .any(|d| d.message.contains("SnapshotCopyResult")));
    }

    #[test]
    fn used_by_is_transitive() {
        let a = action(
            "DescribeX",
            "p",
            vec![],
            vec![field("Outer", "Outer", false, "zh-CN", "o")],
        );
        let mut d = doc("p", "zh-CN", "2020-01-01 00:00:00", a);
        for (name, fields) in [
            (
                "Outer",
                vec![field("Inner", "Array of Inner", false, "zh-CN", "i")],
            ),
            ("Inner", vec![field("V", "String", false, "zh-CN", "v")]),
        ] {
            d.types.push(TypeDef {
                name: name.to_string(),
                description: Localized::new(),
                used_by: Vec::new(),
                fields,
                inferred: false,
                source: SourceRef {
                    path: "p".to_string(),
                    line: 1,
                },
            });
        }
        let mut diags = Vec::new();
        let specs = merge(vec![d], &[], &mut diags);
        assert_eq!(
            specs[0].type_def("Inner").map(|t| t.used_by.clone()),
            Some(vec!["DescribeX".to_string()])
        );
    }

    // spec/sources/qcloud-documents/.../云服务器/数据结构_intl.md and 调用方式/公共参数_intl.md
    // name no service; the action pages in the folders beside them do.
    #[test]
    fn pages_without_a_service_take_the_one_of_their_folder() {
        let page = |path: &str, service: Option<&str>| Doc {
            path: path.to_string(),
            service: service.map(str::to_string),
            version: service.map(|_| "2017-03-12".to_string()),
            ..Doc::default()
        };
        let mut docs = vec![
            page("s/cvm/实例相关接口/a.md", Some("cvm")),
            page("s/cvm/数据结构.md", None),
            page("s/cvm/调用方式/公共参数.md", None),
            page("s/cbs/快照相关接口/b.md", Some("cbs")),
            page("s/cbs/数据结构.md", None),
            page("s/README.md", None),
        ];
        assign_by_folder(&mut docs);
        let services: Vec<Option<&str>> = docs.iter().map(|d| d.service.as_deref()).collect();
        assert_eq!(
            services,
            [
                Some("cvm"),
                Some("cvm"),
                Some("cvm"),
                Some("cbs"),
                Some("cbs"),
                None
            ]
        );
        assert_eq!(docs[1].version.as_deref(), Some("2017-03-12"));
    }

    #[test]
    fn hosts_for_every_product_take_the_service_name() {
        assert_eq!(
            service_host("*.ap-guangzhou.tencentcloudapi.com", "cbs"),
            "cbs.ap-guangzhou.tencentcloudapi.com"
        );
        assert_eq!(
            service_host("cvm.tencentcloudapi.com", "cbs"),
            "cvm.tencentcloudapi.com"
        );
    }

    // spec/sources/cbs-CopySnapshotCrossRegions.en-US.page.txt (Last updated 2026) words
    // InvalidParameterValue otherwise than the undated Markdown page 创建快照_intl.md.
    #[test]
    fn newer_wording_of_an_error_code_wins_with_a_warning() {
        let page = |path: &str, date: &str, name: &str, desc: &str, line: usize| {
            let mut d = doc(path, "en-US", date, action(name, path, vec![], vec![]));
            let listed = ListedError {
                description: desc.to_string(),
                line,
            };
            d.action_errors
                .insert("FailedOperation".to_string(), listed);
            d
        };
        let docs = vec![
            page(
                "new.page.txt",
                "2026-05-15 18:15:57",
                "CopySnapshotCrossRegions",
                "Failed.",
                40,
            ),
            page("old.md", "", "CreateSnapshot", "Operation failed.", 12),
        ];
        let mut diags = Vec::new();
        let specs = merge(docs, &[], &mut diags);
        let code = &specs[0].errors[0];
        assert_eq!(
            code.description.get("en-US").map(String::as_str),
            Some("Failed.")
        );
        assert!(
            // The warning names the two error-code table rows.
            diags.iter().any(|d| d.path == "new.page.txt"
                && d.line == 40
                && d.message.contains("FailedOperation")
                && d.message.contains("old.md:12")),
            "{diags:?}"
        );
    }
}
