//! The serde code of every generated struct, written once, and the null-tolerant decoding
//! rule: a JSON `null` is an absent member.
//!
//! A generated struct's `Deserialize` is [`deserialize_struct`] over its [`DecodeStruct`] (its
//! [`Shape`] and one `match` that decodes member `i` into field `i`), and its `Serialize` is
//! [`serialize_struct`] over the list of its members; the loops, errors and skipping are here.
//!
//! Tencent Cloud answers `null` for members the docs do not mark nullable (and for list items
//! now and then). The runtime decodes every response through [`NullAsAbsent`], so a `null`
//! member takes the field's default (`None` for `Option` fields) and a `null` array item is
//! dropped, in the same single pass over the body bytes that decodes everything else.
//! [`from_slice`] and [`from_str`] apply the same rule to JSON you hold yourself (a saved
//! response, a fixture).

mod decode_struct;
mod null_as_absent;
mod serialize_struct;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

pub use decode_struct::{decode_into, deserialize_struct, DecodeStruct, Shape};
pub use null_as_absent::NullAsAbsent;
pub use serialize_struct::{serialize_struct, Member};

/// Decodes `T` from JSON bytes with the null-tolerant rule (see the module docs); trailing
/// non-whitespace is an error, as with `serde_json::from_slice`.
pub fn from_slice<T: DeserializeOwned>(json: &[u8]) -> serde_json::Result<T> {
    let mut de = serde_json::Deserializer::from_slice(json);
    let value = T::deserialize(NullAsAbsent::new(&mut de))?;
    de.end()?;
    Ok(value)
}

/// [`from_slice`] for a `&str`.
pub fn from_str<T: DeserializeOwned>(json: &str) -> serde_json::Result<T> {
    from_slice(json.as_bytes())
}

/// For a hand-written `Deserialize` impl that wants the rule for its type wherever it is
/// decoded: `inner` is the type's derived decoding (e.g. the inherent function a
/// `#[serde(remote = "Self")]` derive writes), run under [`NullAsAbsent`].
pub fn deserialize_without_nulls<'de, D, T>(
    deserializer: D,
    inner: fn(NullAsAbsent<D>) -> Result<T, D::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    inner(NullAsAbsent::new(deserializer))
}

/// `#[serde(default, deserialize_with = "tencentcloud_core::serde_helpers::null_as_default")]`:
/// missing or null -> `T::default()`, for one field of a type decoded without the adapter.
pub fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    T: Default + Deserialize<'de>,
    D: Deserializer<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
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
    fn null_as_default_for_one_field() {
        let o: Out = serde_json::from_str(r#"{"names": null}"#).unwrap();
        assert_eq!(o, Out::default());
        let o: Out = serde_json::from_str(r#"{"names": ["a"], "count": 2}"#).unwrap();
        assert_eq!(o.names, ["a"]);
        assert_eq!(o.count, 2);
    }

    #[derive(Deserialize, Default, Debug, PartialEq, Clone)]
    #[serde(default)]
    struct Inner {
        #[serde(rename = "Name")]
        name: String,
        #[serde(rename = "Size")]
        size: u32,
    }

    #[derive(Deserialize, Default, Debug, PartialEq)]
    #[serde(default)]
    struct Response {
        #[serde(rename = "Count")]
        count: i64,
        #[serde(rename = "Ratio")]
        ratio: f64,
        #[serde(rename = "On")]
        on: bool,
        #[serde(rename = "Items")]
        items: Vec<Inner>,
        #[serde(rename = "Ids")]
        ids: Vec<String>,
        #[serde(rename = "Note")]
        note: Option<String>,
        #[serde(rename = "Detail")]
        detail: Inner,
        #[serde(rename = "Boxed")]
        boxed: Option<Box<Inner>>,
        #[serde(rename = "Nested")]
        nested: Vec<Vec<i64>>,
    }

    fn decode(text: &str) -> serde_json::Result<Response> {
        super::from_str(text)
    }

    #[test]
    fn a_null_member_reads_as_absent_at_any_depth() {
        let r = decode(
            r#"{"Count": null, "Ratio": null, "On": null, "Items": [null, {"Name": null, "Size": null}, {"Name": "a"}],
                "Ids": null, "Note": null, "Detail": null, "Boxed": {"Name": null}, "Nested": [[1, null, 2], null]}"#,
        )
        .expect("nulls never fail");
        let expected = Response {
            items: vec![
                Inner::default(),
                Inner {
                    name: "a".into(),
                    size: 0,
                },
            ],
            boxed: Some(Box::default()),
            nested: vec![vec![1, 2]],
            ..Response::default()
        };
        assert_eq!(r, expected);
        assert_eq!(
            decode("null").expect("a null document is absent"),
            Response::default()
        );
    }

    #[test]
    fn values_decode_as_with_plain_serde_json() {
        let text = r#"{"Count": 3, "Ratio": 0.5, "On": true, "Items": [{"Name": "x\"y", "Size": 7}],
                       "Ids": ["a", "b"], "Note": "n", "Detail": {"Name": "d"}, "Nested": [[1]], "Unknown": {"A": [null]}}"#;
        let plain: Response = serde_json::from_str(text).expect("plain");
        assert_eq!(decode(text).expect("tolerant"), plain);
    }

    #[test]
    fn a_wrong_type_or_out_of_range_number_is_still_an_error() {
        assert!(decode(r#"{"Count": "many"}"#).is_err());
        assert!(decode(r#"{"Count": 9223372036854775808}"#).is_err());
        assert!(decode(r#"{"Items": [{"Size": -1}]}"#).is_err());
        assert!(decode(r#"{"Items": {"Name": "a"}}"#).is_err());
        assert!(decode(r#"{"Count": 1} trailing"#).is_err());
    }

    #[derive(Deserialize, Debug, PartialEq)]
    enum Shape {
        Round,
        Square { side: i64 },
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Other<'a> {
        #[serde(borrow)]
        name: &'a str,
        shape: Shape,
        any: serde_json::Value,
        #[serde(default)]
        newtype: Wrapper,
    }

    #[derive(Deserialize, Debug, PartialEq, Default)]
    struct Wrapper(i64);

    #[test]
    fn borrowed_strings_enums_values_and_newtypes_pass_through() {
        let text = r#"{"name": "n", "shape": {"Square": {"side": null}}, "any": {"a": null}, "newtype": null}"#;
        let mut de = serde_json::Deserializer::from_str(text);
        let o = Other::deserialize(super::NullAsAbsent::new(&mut de)).expect("decodes");
        assert_eq!(o.name, "n");
        assert_eq!(o.shape, Shape::Square { side: 0 });
        assert_eq!(
            o.any,
            serde_json::json!({"a": null}),
            "an untyped value keeps its nulls"
        );
        assert_eq!(o.newtype, Wrapper(0));
        let text = r#"{"name": null, "shape": null, "any": 1}"#;
        let mut de = serde_json::Deserializer::from_str(text);
        let e = Other::deserialize(super::NullAsAbsent::new(&mut de))
            .expect_err("enum has no empty value");
        assert!(e.to_string().contains("Shape"), "{e}");
        let mut de = serde_json::Deserializer::from_str(r#""Round""#);
        assert_eq!(
            Shape::deserialize(super::NullAsAbsent::new(&mut de)).unwrap(),
            Shape::Round
        );
    }
}
