//! GET query-string examples into the equivalent JSON request body.
//!
//! `?Action=DescribeSnapshots&Filters.0.Name=disk-id&Filters.0.Values.0=lhdisk-f71kc5bh`
//! becomes `{"Filters": [{"Name": "disk-id", "Values": ["lhdisk-f71kc5bh"]}]}`: common
//! parameters dropped, `.N` indices folded into arrays, `.Member` into objects, and each value
//! typed by the documented type of the field it lands in.

use serde_json::{Map, Number, Value};

use crate::spec::{Field, TypeDef};

/// The common request parameters of API 3.0: they are not part of an action's body.
const COMMON_PARAMETERS: [&str; 10] = [
    "Action",
    "Version",
    "Region",
    "Timestamp",
    "Nonce",
    "SecretId",
    "Signature",
    "SignatureMethod",
    "Token",
    "Language",
];

/// Converts a query-string example (with or without the `https://host/?` part, possibly
/// broken across lines before each `&`) into the JSON body, typing values by the documented
/// `input` fields and the data structures in `types`. An error names the offending parameter.
pub fn query_to_json(query: &str, input: &[Field], types: &[TypeDef]) -> Result<Value, String> {
    let schema = Schema { input, types };
    let mut root = Node::Object(Vec::new());
    let query = separate_parameter_lines(query, input);
    for (name, raw_value) in parameters(&query)? {
        let first = name.split('.').next().unwrap_or_default();
        let documented = input.iter().any(|f| f.name == first);
        if !documented && COMMON_PARAMETERS.contains(&first) {
            continue;
        }
        let path: Vec<&str> = name.split('.').collect();
        let ty = schema
            .type_of(&path)
            .map_err(|why| format!("parameter `{name}`: {why}"))?;
        let value = typed(&raw_value, &ty).map_err(|why| format!("parameter `{name}`: {why}"))?;
        root.insert(&path, value)
            .map_err(|why| format!("parameter `{name}`: {why}"))?;
    }
    root.into_value("")
}

/// Rewrites the parameters whose name matches no documented input field but exactly one
/// ignoring ASCII case (`keyName=` where the docs list `KeyName`) to the documented name.
/// Returns the query and the `(written, documented)` names it changed, for a warning.
pub fn documented_case(query: &str, input: &[Field]) -> (String, Vec<(String, String)>) {
    let mut renamed: Vec<(String, String)> = Vec::new();
    let query = separate_parameter_lines(query, input);
    let parts: Vec<String> = query
        .split('&')
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            let (first, rest) = name.split_once('.').map_or((name, ""), |(f, r)| (f, r));
            let first_trimmed = first.trim();
            if first_trimmed.is_empty() || input.iter().any(|f| f.name == first_trimmed) {
                return part.to_string();
            }
            let matches: Vec<&Field> = input
                .iter()
                .filter(|f| f.name.eq_ignore_ascii_case(first_trimmed))
                .collect();
            let [field] = matches.as_slice() else {
                return part.to_string();
            };
            if !renamed.iter().any(|(w, _)| w == first_trimmed) {
                renamed.push((first_trimmed.to_string(), field.name.clone()));
            }
            let lead = &first[..first.len() - first.trim_start().len()];
            let mut out = format!("{lead}{}", field.name);
            if name.contains('.') {
                out.push('.');
                out.push_str(rest);
            }
            if part.contains('=') {
                out.push('=');
                out.push_str(value);
            }
            out
        })
        .collect();
    (parts.join("&"), renamed)
}

/// Puts the `&` back before a line that starts a parameter without one (`DiskIds.0=disk-1` on
/// its own line after the URL): a line whose text up to `=` is a documented input field's
/// name (any ASCII case, with `.N` / `.Member` parts) or a common parameter. Any other line
/// still continues the one before it (a value the wrap cut).
fn separate_parameter_lines(query: &str, input: &[Field]) -> String {
    let mut out = String::with_capacity(query.len() + 8);
    for (i, line) in query.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if starts_a_parameter(line.trim_start(), input) {
                out.push('&');
            }
        }
        out.push_str(line);
    }
    out
}

fn starts_a_parameter(line: &str, input: &[Field]) -> bool {
    let Some((name, _)) = line.split_once('=') else {
        return false;
    };
    let first = name.split('.').next().unwrap_or_default();
    !first.is_empty()
        && (input.iter().any(|f| f.name.eq_ignore_ascii_case(first))
            || COMMON_PARAMETERS
                .iter()
                .any(|c| c.eq_ignore_ascii_case(first)))
}

/// The `name=value` pairs of the query, percent-decoded, common-parameter placeholders
/// (`<公共请求参数>`, `<Common request parameters>`) left out.
fn parameters(query: &str) -> Result<Vec<(String, String)>, String> {
    let joined: String = query.lines().map(str::trim).collect();
    let pairs = match joined.split_once('?') {
        Some((before, after)) if !before.contains('&') => after,
        _ => joined.as_str(),
    };
    let mut out = Vec::new();
    for part in pairs.split('&').map(str::trim).filter(|p| !p.is_empty()) {
        if part.starts_with('<') && part.ends_with('>') {
            continue;
        }
        let Some((name, value)) = part.split_once('=') else {
            return Err(format!("parameter `{part}` has no `=value`"));
        };
        let name = percent_decode(name).map_err(|why| format!("parameter `{name}`: {why}"))?;
        let value = percent_decode(value).map_err(|why| format!("parameter `{name}`: {why}"))?;
        if name.is_empty() || name.split('.').any(str::is_empty) {
            return Err(format!("parameter `{name}` has an empty name segment"));
        }
        out.push((name, value));
    }
    Ok(out)
}

/// Decodes `%XX` escapes (the bytes must form UTF-8). `+` is kept: API 3.0 encodes a space as
/// `%20`, and `+` occurs literally in base64 values.
fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("bad percent escape in `{text}`"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("`{text}` does not decode to UTF-8"))
}

/// The documented fields and types a query is typed against.
struct Schema<'a> {
    input: &'a [Field],
    types: &'a [TypeDef],
}

impl Schema<'_> {
    /// The documented type at a parameter path (`Filters`, `0`, `Values`, `0`).
    fn type_of(&self, path: &[&str]) -> Result<String, String> {
        let (first, rest) = path.split_first().ok_or("empty name")?;
        let field = self
            .input
            .iter()
            .find(|f| f.name == *first)
            .ok_or_else(|| format!("`{first}` is not a documented input parameter"))?;
        let mut ty = normalize(&field.ty);
        for segment in rest {
            ty = self.step(&ty, segment)?;
        }
        Ok(ty)
    }

    /// The type one path segment below `ty`.
    fn step(&self, ty: &str, segment: &str) -> Result<String, String> {
        if segment.chars().all(|c| c.is_ascii_digit()) {
            return ty
                .strip_prefix("Array of ")
                .map(str::to_string)
                .ok_or_else(|| format!("index `{segment}` on `{ty}`, which is not an array"));
        }
        let def =
            self.types.iter().find(|t| t.name == ty).ok_or_else(|| {
                format!("member `{segment}` on `{ty}`, which is no known structure")
            })?;
        def.fields
            .iter()
            .find(|f| f.name == segment)
            .map(|f| normalize(&f.ty))
            .ok_or_else(|| format!("`{ty}` has no member `{segment}`"))
    }
}

/// A type string with its whitespace normalised.
fn normalize(ty: &str) -> String {
    ty.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `raw` as a JSON value of the documented scalar type `ty`.
fn typed(raw: &str, ty: &str) -> Result<Value, String> {
    match ty {
        "Integer" => raw
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| raw.parse::<u64>().map(Value::from))
            .map_err(|_| format!("`{raw}` is not an Integer")),
        "Float" | "Double" => raw
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("`{raw}` is not a {ty}")),
        "Boolean" => match raw.to_ascii_lowercase().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("`{raw}` is not a Boolean")),
        },
        t if t.starts_with("Array of ") => Err(format!("`{ty}` needs an index (`.0`)")),
        "String" | "Date" | "Timestamp" | "Timestamp ISO8601" | "Binary" => {
            Ok(Value::String(raw.to_string()))
        }
        _ => Err(format!(
            "`{ty}` is a structure and needs a member (`.Name`)"
        )),
    }
}

/// The body being built: objects keep first-seen order, arrays collect indexed elements.
enum Node {
    /// Just created; becomes a leaf or a container.
    Empty,
    Leaf(Value),
    Object(Vec<(String, Node)>),
    Array(Vec<(usize, Node)>),
}

impl Node {
    /// Puts `value` at `path` below this node.
    fn insert(&mut self, path: &[&str], value: Value) -> Result<(), String> {
        let Some((segment, rest)) = path.split_first() else {
            return Err("given twice".to_string());
        };
        let child = self.child(segment)?;
        match (rest.first(), &child) {
            (None, Node::Empty) => {
                *child = Node::Leaf(value);
                Ok(())
            }
            (None, _) => Err("given twice".to_string()),
            (Some(next), _) => {
                if let Node::Empty = child {
                    *child = container_for(next);
                }
                child.insert(rest, value)
            }
        }
    }

    /// The child at `segment`, created [`Node::Empty`] when new.
    fn child(&mut self, segment: &str) -> Result<&mut Node, String> {
        match self {
            Node::Object(members) => {
                let index = match members.iter().position(|(k, _)| k == segment) {
                    Some(index) => index,
                    None => {
                        members.push((segment.to_string(), Node::Empty));
                        members.len() - 1
                    }
                };
                members
                    .get_mut(index)
                    .map(|(_, node)| node)
                    .ok_or_else(|| "internal: lost a member".to_string())
            }
            Node::Array(items) => {
                let n: usize = segment
                    .parse()
                    .map_err(|_| format!("`{segment}` is not an array index"))?;
                let index = match items.iter().position(|(i, _)| *i == n) {
                    Some(index) => index,
                    None => {
                        items.push((n, Node::Empty));
                        items.len() - 1
                    }
                };
                items
                    .get_mut(index)
                    .map(|(_, node)| node)
                    .ok_or_else(|| "internal: lost an element".to_string())
            }
            Node::Empty | Node::Leaf(_) => Err(format!("`{segment}` below a plain value")),
        }
    }

    /// The JSON value; an array must use the indices 0..n without gaps. `path` names this
    /// node in errors.
    fn into_value(self, path: &str) -> Result<Value, String> {
        let below = |key: &dyn std::fmt::Display| {
            if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}.{key}")
            }
        };
        match self {
            Node::Empty => Ok(Value::Null),
            Node::Leaf(value) => Ok(value),
            Node::Object(members) => {
                let mut map = Map::new();
                for (key, node) in members {
                    let value = node.into_value(&below(&key))?;
                    map.insert(key, value);
                }
                Ok(Value::Object(map))
            }
            Node::Array(mut items) => {
                items.sort_by_key(|(i, _)| *i);
                let mut out = Vec::with_capacity(items.len());
                for (expected, (index, node)) in items.into_iter().enumerate() {
                    if index != expected {
                        return Err(format!(
                            "parameter `{}` is missing: array indices must run from 0 without gaps",
                            below(&expected)
                        ));
                    }
                    out.push(node.into_value(&below(&index))?);
                }
                Ok(Value::Array(out))
            }
        }
    }
}

/// An empty container for the segment that follows: an index opens an array.
fn container_for(next: &str) -> Node {
    if next.chars().all(|c| c.is_ascii_digit()) {
        Node::Array(Vec::new())
    } else {
        Node::Object(Vec::new())
    }
}
