//! The `Serialize` of every generated struct, written once: [`serialize_struct`].
//!
//! A generated struct's `serialize` is one call with the list of its members (wire name, value,
//! whether it is sent); the value is a `dyn` [`erased_serde::Serialize`], so the loop, the
//! skipping of absent members and the calls into the serializer are compiled here once rather
//! than in every struct of every crate. The output is exactly that of `#[derive(Serialize)]`
//! with the same `rename`s and `skip_serializing_if = "Option::is_none"`.

use serde::ser::{SerializeStruct, Serializer};

/// One member of a struct being serialized: its wire name, its value, and whether it is sent
/// (`false` for an `Option` that is `None`, which is left out).
pub type Member<'a> = (&'static str, &'a dyn erased_serde::Serialize, bool);

/// Serializes a struct named `name` (its Rust name) with `members`, in order, leaving out those
/// that are not sent.
pub fn serialize_struct<S: Serializer>(
    serializer: S,
    name: &'static str,
    members: &[Member<'_>],
) -> Result<S::Ok, S::Error> {
    let sent = members.iter().filter(|(_, _, sent)| *sent).count();
    let mut out = serializer.serialize_struct(name, sent)?;
    for &(wire, value, sent) in members {
        if sent {
            out.serialize_field(wire, value)?;
        } else {
            out.skip_field(wire)?;
        }
    }
    out.end()
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::serialize_struct;

    /// What the generator writes for a struct with a required and two optional members.
    struct Disk {
        id: String,
        size: Option<u64>,
        tags: Option<Vec<String>>,
    }

    impl Serialize for Disk {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serialize_struct(
                serializer,
                "Disk",
                &[
                    ("DiskId", &self.id, true),
                    ("DiskSize", &self.size, self.size.is_some()),
                    ("Tags", &self.tags, self.tags.is_some()),
                ],
            )
        }
    }

    /// The same struct with serde's derive, to compare against.
    #[derive(Serialize)]
    struct DerivedDisk {
        #[serde(rename = "DiskId")]
        id: String,
        #[serde(rename = "DiskSize", skip_serializing_if = "Option::is_none")]
        size: Option<u64>,
        #[serde(rename = "Tags", skip_serializing_if = "Option::is_none")]
        tags: Option<Vec<String>>,
    }

    #[test]
    fn writes_what_the_derive_writes_leaving_out_none_members() {
        for (id, size, tags) in [
            ("d-1", Some(50), Some(vec!["a".to_owned()])),
            ("d-2", None, Some(vec![])),
            ("d\"3", Some(0), None),
            ("", None, None),
        ] {
            let ours = Disk {
                id: id.to_owned(),
                size,
                tags: tags.clone(),
            };
            let derived = DerivedDisk {
                id: id.to_owned(),
                size,
                tags,
            };
            let (ours, derived) = (
                serde_json::to_string(&ours).expect("serializes"),
                serde_json::to_string(&derived).expect("serializes"),
            );
            assert_eq!(ours, derived);
        }
        let none = Disk {
            id: "x".into(),
            size: None,
            tags: None,
        };
        assert_eq!(
            serde_json::to_string(&none).expect("serializes"),
            r#"{"DiskId":"x"}"#
        );
    }
}
