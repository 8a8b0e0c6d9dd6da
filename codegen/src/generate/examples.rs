//! Documented examples, prepared for the generated tests.
//!
//! The docs' examples do not always match their own tables (`"Period": "1"` for an Integer).
//! Each example is brought to the documented types here, at generation time; every adjustment
//! is listed on the generated test, and an example that cannot be brought into shape (a
//! required field missing, `"abc"` for an Integer) becomes an ignored test saying why.

use serde_json::{Map, Number, Value};

use super::model::{Direction, FieldModel, Repr, RustType, StructModel};
use crate::spec::{Example, Localized};

/// The side names used in notes.
const INPUT: &str = "input";
const OUTPUT: &str = "output";
/// The envelope member every response has, left out of the documented outputs.
const REQUEST_ID: &str = "RequestId";

/// One documented example, ready to be emitted as a test.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleCase {
    /// 1-based number of the example on the action's page.
    pub number: usize,
    /// Example title per language.
    pub title: Localized,
    /// The request body, in the documented types.
    pub input: Value,
    /// The `Response` object, in the documented types (`{}` when the docs give none).
    pub output: Value,
    /// Adjustments made to the docs' example.
    pub notes: Vec<String>,
    /// Why the example cannot be run, if it cannot.
    pub skip: Option<String>,
}

/// Prepares example `index` (0-based) of an action.
pub fn prepare(
    index: usize,
    example: &Example,
    request: &StructModel,
    response: &StructModel,
    types: &[StructModel],
) -> ExampleCase {
    let mut input_side = Coercer::new(types, INPUT);
    let mut output_side = Coercer::new(types, OUTPUT);
    let input = match &example.input {
        Some(v) => input_side.structure(v, request, ""),
        None => {
            input_side
                .problems
                .push("the docs' example input could not be recovered".to_owned());
            Value::Null
        }
    };
    let output = match &example.output {
        Some(v) => output_side.structure(v, response, ""),
        None => {
            output_side
                .notes
                .push("the docs give no example output; the mock answers `{}`".to_owned());
            Value::Object(Map::new())
        }
    };
    let mut notes = input_side.notes;
    notes.extend(output_side.notes);
    let mut problems = input_side.problems;
    problems.extend(output_side.problems);
    ExampleCase {
        number: index + 1,
        title: example.title.clone(),
        input,
        output,
        notes,
        skip: (!problems.is_empty()).then(|| problems.join("; ")),
    }
}

/// Walks an example value along the documented types, collecting notes and problems.
struct Coercer<'a> {
    types: &'a [StructModel],
    side: &'static str,
    notes: Vec<String>,
    problems: Vec<String>,
}

impl<'a> Coercer<'a> {
    fn new(types: &'a [StructModel], side: &'static str) -> Self {
        Coercer {
            types,
            side,
            notes: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// An object in the shape of `model`, values coerced to the documented types. On the input
    /// side, undocumented members and nulls are removed (the request type cannot carry them)
    /// and required members checked; on the output side they are kept, since the response type
    /// ignores unknown members and reads null as absent.
    fn structure(&mut self, value: &Value, model: &StructModel, path: &str) -> Value {
        let Some(object) = value.as_object() else {
            self.problem(path, &format!("expected an object, found {}", kind(value)));
            return value.clone();
        };
        let input = self.side == INPUT;
        let mut out = Map::new();
        for (key, v) in object {
            let member = join(path, key);
            let field = model.fields.iter().find(|f| &f.wire == key);
            match field {
                Some(field) if !v.is_null() => {
                    out.insert(key.clone(), self.value(v, &field.ty, &member));
                }
                Some(field) if input => {
                    if field.repr == Repr::Plain && model.direction == Direction::Input {
                        self.problem(&member, "is required but null");
                    } else {
                        self.note(&member, "is null; removed (the same as absent)");
                    }
                }
                None if input => self.note(&member, "is not documented; removed"),
                None if !(path.is_empty() && key == REQUEST_ID) => {
                    self.note(&member, "is not documented; the response type ignores it");
                    out.insert(key.clone(), v.clone());
                }
                _ => {
                    out.insert(key.clone(), v.clone());
                }
            }
        }
        if input && model.direction == Direction::Input {
            self.check_required(&out, &model.fields, path);
        }
        Value::Object(out)
    }

    fn check_required(&mut self, out: &Map<String, Value>, fields: &[FieldModel], path: &str) {
        for f in fields {
            if f.repr == Repr::Plain && !out.contains_key(&f.wire) {
                self.problem(&join(path, &f.wire), "is required but missing");
            }
        }
    }

    /// `value` as `ty`.
    fn value(&mut self, value: &Value, ty: &RustType, path: &str) -> Value {
        if value.is_null() && self.side == OUTPUT {
            return Value::Null;
        }
        match ty {
            RustType::String => self.string(value, path),
            RustType::I64 => self.integer(value, path),
            RustType::F64 => self.float(value, path),
            RustType::Bool => self.boolean(value, path),
            RustType::Named(i) => match self.types.get(*i) {
                Some(model) => self.structure(value, model, path),
                None => value.clone(),
            },
            RustType::Vec(inner) => match value {
                Value::Array(items) => Value::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(n, v)| self.value(v, inner, &format!("{path}.{n}")))
                        .collect(),
                ),
                single => {
                    self.note(path, "is a single value for an Array; wrapped in an array");
                    Value::Array(vec![self.value(single, inner, path)])
                }
            },
        }
    }

    fn string(&mut self, value: &Value, path: &str) -> Value {
        match value {
            Value::String(_) => value.clone(),
            Value::Number(_) | Value::Bool(_) => {
                self.note(
                    path,
                    &format!("is {value} for a String; written as a string"),
                );
                Value::String(value.to_string())
            }
            _ => self.mismatch(value, "a String", path),
        }
    }

    fn integer(&mut self, value: &Value, path: &str) -> Value {
        let parsed = match value {
            Value::Number(n) if n.is_i64() => return value.clone(),
            Value::Number(n) => n
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64),
            Value::String(s) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) => {
                self.note(path, &format!("is {value} for an Integer; written as {n}"));
                Value::Number(n.into())
            }
            None => self.mismatch(value, "an Integer (i64)", path),
        }
    }

    fn float(&mut self, value: &Value, path: &str) -> Value {
        let parsed = match value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => {
                let f = s.trim().parse::<f64>().ok();
                if let Some(f) = f {
                    self.note(path, &format!("is {value} for a Float; written as {f}"));
                }
                f
            }
            _ => None,
        };
        match parsed.and_then(Number::from_f64) {
            Some(n) => Value::Number(n),
            None => self.mismatch(value, "a Float", path),
        }
    }

    fn boolean(&mut self, value: &Value, path: &str) -> Value {
        let parsed = match value {
            Value::Bool(_) => return value.clone(),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        };
        match parsed {
            Some(b) => {
                self.note(path, &format!("is {value} for a Boolean; written as {b}"));
                Value::Bool(b)
            }
            None => self.mismatch(value, "a Boolean", path),
        }
    }

    fn mismatch(&mut self, value: &Value, expected: &str, path: &str) -> Value {
        self.problem(path, &format!("is {}, not {expected}", kind(value)));
        value.clone()
    }

    fn note(&mut self, path: &str, message: &str) {
        self.notes.push(format!("{} `{path}` {message}", self.side));
    }

    fn problem(&mut self, path: &str, message: &str) {
        let path = if path.is_empty() { "(top level)" } else { path };
        self.problems
            .push(format!("{} `{path}` {message}", self.side));
    }
}

/// `a.b`, or `b` at the top level.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// A short description of a JSON value for messages.
fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(_) | Value::Number(_) => value.to_string(),
        Value::String(s) if s.chars().count() <= 40 => format!("{value}"),
        Value::String(_) => "a long string".to_owned(),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
