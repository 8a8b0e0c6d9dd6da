//! Serde helpers used by generated output structs.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// `#[serde(default, deserialize_with = "tencentcloud_core::serde_helpers::null_as_default")]`:
/// missing or null -> `T::default()`, so omitted/null output fields never fail a call.
pub fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    T: Default + Deserialize<'de>,
    D: Deserializer<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Null-tolerant decoding of a whole response: reads a JSON value, removes every `null` member
/// and `null` array element, then decodes it with `inner` (the type's derived deserializer).
/// A null is then the same as an absent member: the field's default, or `None`. Generated
/// response types call it from their `Deserialize` impl, so the rule is written once here.
pub fn deserialize_without_nulls<'de, D, T>(
    deserializer: D,
    inner: fn(Value) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let mut value = Value::deserialize(deserializer)?;
    strip_nulls(&mut value);
    inner(value).map_err(D::Error::custom)
}

/// Removes `null` members and `null` array elements, at every depth.
fn strip_nulls(value: &mut Value) {
    match value {
        Value::Object(members) => {
            members.retain(|_, v| !v.is_null());
            members.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => {
            items.retain(|v| !v.is_null());
            items.iter_mut().for_each(strip_nulls);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize, Default, Debug, PartialEq)]
    struct Out {
        #[serde(default, deserialize_with = "super::null_as_default")]
        names: Vec<String>,
        #[serde(default, deserialize_with = "super::null_as_default")]
        count: i64,
    }

    #[test]
    fn null_and_missing_become_default() {
        let o: Out = serde_json::from_str(r#"{"names": null}"#).unwrap();
        assert_eq!(o, Out::default());
        let o: Out = serde_json::from_str(r#"{"names": ["a"], "count": 2}"#).unwrap();
        assert_eq!(o.names, ["a"]);
        assert_eq!(o.count, 2);
    }

    #[derive(Deserialize, Default, Debug, PartialEq)]
    #[serde(default)]
    struct Inner {
        #[serde(rename = "Name")]
        name: String,
    }

    #[derive(Deserialize, Default, Debug, PartialEq)]
    #[serde(default)]
    struct Response {
        #[serde(rename = "Count")]
        count: i64,
        #[serde(rename = "Items")]
        items: Vec<Inner>,
        #[serde(rename = "Note")]
        note: Option<String>,
    }

    fn decode(text: &str) -> Result<Response, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        super::deserialize_without_nulls(&mut de, serde_json::from_value)
    }

    #[test]
    fn nulls_at_any_depth_are_absent_members() {
        let r = decode(
            r#"{"Count": null, "Items": [null, {"Name": null}, {"Name": "a"}], "Note": null}"#,
        )
        .expect("nulls never fail");
        assert_eq!(r.count, 0);
        assert_eq!(r.items, [Inner::default(), Inner { name: "a".into() }]);
        assert_eq!(r.note, None);
    }

    #[test]
    fn a_wrong_type_is_still_an_error() {
        assert!(decode(r#"{"Count": "many"}"#).is_err());
    }
}
