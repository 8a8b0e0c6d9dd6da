//! Serde helpers used by generated output structs.

use serde::{Deserialize, Deserializer};

/// `#[serde(default, deserialize_with = "tencentcloud_core::serde_helpers::null_as_default")]`:
/// missing or null -> `T::default()`, so omitted/null output fields never fail a call.
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
    fn null_and_missing_become_default() {
        let o: Out = serde_json::from_str(r#"{"names": null}"#).unwrap();
        assert_eq!(o, Out::default());
        let o: Out = serde_json::from_str(r#"{"names": ["a"], "count": 2}"#).unwrap();
        assert_eq!(o.names, ["a"]);
        assert_eq!(o.count, 2);
    }
}
