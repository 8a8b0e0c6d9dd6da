//! The fast path for an example that needs no repair: its lines read as one strict JSON
//! document by serde_json, with the two refusals the token builder makes of valid JSON too (a
//! key that appears twice in an object, nesting deeper than [`MAX_DEPTH`]). Anything it cannot
//! read goes to the tokens and the builder, which repair it or say why not; on what it reads,
//! both give the same value (key order kept).

use std::fmt;

use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::build::MAX_DEPTH;

/// The example's lines as one strict JSON document, if they are one.
pub(super) fn read_strict(body: &[(usize, &str)]) -> Option<Value> {
    let mut text = String::with_capacity(body.iter().map(|(_, l)| l.len() + 1).sum());
    for (_, line) in body {
        text.push_str(line);
        text.push('\n');
    }
    let mut de = serde_json::Deserializer::from_str(&text);
    let value = StrictValue { depth: 0 }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(value)
}

/// A value inside `depth` containers.
#[derive(Clone, Copy)]
struct StrictValue {
    depth: usize,
}

impl StrictValue {
    /// The seed for a member or element of a container this value opens.
    fn inner<E: serde::de::Error>(self) -> Result<StrictValue, E> {
        let depth = self.depth + 1;
        if depth > MAX_DEPTH {
            return Err(E::custom("nested too deep"));
        }
        Ok(StrictValue { depth })
    }
}

impl<'de> DeserializeSeed<'de> for StrictValue {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.inner()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.inner()?;
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let serde_json::map::Entry::Vacant(slot) = members.entry(key) else {
                return Err(A::Error::custom("a key appears twice"));
            };
            slot.insert(map.next_value_seed(inner)?);
        }
        Ok(Value::Object(members))
    }
}
