//! The `Deserialize` of every generated struct, written once: [`DecodeStruct`] and
//! [`deserialize_struct`].
//!
//! A generated struct says only what is its own (its wire names, which members are required,
//! how to decode the value of member `i` into field `i`); the map loop, unknown members,
//! duplicates, missing required members and the error messages are here, compiled once for
//! every struct of every crate. It decodes exactly what `#[derive(Deserialize)]` with the same
//! `rename`s would (a `#[serde(default)]` container when nothing is required), from a JSON
//! object; under [`super::NullAsAbsent`] a `null` reads as absent, as for a derived decoding.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

/// A struct decoded member by member by [`deserialize_struct`]: what a generated struct
/// implements (beside `Deserialize`, which calls [`deserialize_struct`]).
pub trait DecodeStruct<'de>: Default {
    /// The Rust name of the struct, for error messages (`expected struct DescribeDisksResponse`).
    const NAME: &'static str;
    /// The wire names of the members, in field order: member `i` is field `i`.
    const FIELDS: &'static [&'static str];
    /// The members that must be present (indexes into [`Self::FIELDS`]); the others keep their
    /// `Default` when absent.
    const REQUIRED: &'static [u16];

    /// The index of the member whose wire name is `name`, or `None` for a member the struct
    /// does not have (it is skipped).
    fn field_index(name: &str) -> Option<u16>;

    /// Decodes the value of member `index` (from [`Self::field_index`]) into its field.
    fn decode_field<A: MapAccess<'de>>(&mut self, index: u16, map: &mut A) -> Result<(), A::Error>;
}

/// Decodes a `T` from a JSON object (see the module docs): `Default` first, then each member
/// into its field; unknown members are skipped; a duplicate member or a missing required one
/// is an error naming it.
pub fn deserialize_struct<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: DecodeStruct<'de>,
    D: Deserializer<'de>,
{
    deserializer.deserialize_struct(T::NAME, T::FIELDS, StructVisitor(PhantomData))
}

/// Decodes the value of the member the map is at into `slot`: one arm of a generated
/// [`DecodeStruct::decode_field`] (a call rather than the arm's own `?`, which costs every
/// generated crate compile time).
#[inline]
pub fn decode_into<'de, T, A>(slot: &mut T, map: &mut A) -> Result<(), A::Error>
where
    T: de::Deserialize<'de>,
    A: MapAccess<'de>,
{
    *slot = map.next_value()?;
    Ok(())
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: DecodeStruct<'de>> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut out = T::default();
        let mut seen = Seen::new(T::FIELDS.len());
        while let Some(member) = map.next_key_seed(MemberIndex::<T>(PhantomData))? {
            let Some(index) = member else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if !seen.insert(index) {
                return Err(de::Error::duplicate_field(T::FIELDS[usize::from(index)]));
            }
            out.decode_field(index, &mut map)?;
        }
        match T::REQUIRED.iter().find(|&&index| !seen.contains(index)) {
            Some(&index) => Err(de::Error::missing_field(T::FIELDS[usize::from(index)])),
            None => Ok(out),
        }
    }
}

/// The members already decoded: a bit each, in one word for up to 128 members.
enum Seen {
    Word(u128),
    Words(Vec<u64>),
}

impl Seen {
    fn new(members: usize) -> Self {
        if members <= 128 {
            Seen::Word(0)
        } else {
            Seen::Words(vec![0; members.div_ceil(64)])
        }
    }

    /// Marks `index`; `false` when it was already marked.
    fn insert(&mut self, index: u16) -> bool {
        let index = usize::from(index);
        match self {
            Seen::Word(word) => {
                let bit = 1u128 << index;
                let fresh = *word & bit == 0;
                *word |= bit;
                fresh
            }
            Seen::Words(words) => {
                let (word, bit) = (&mut words[index / 64], 1u64 << (index % 64));
                let fresh = *word & bit == 0;
                *word |= bit;
                fresh
            }
        }
    }

    fn contains(&self, index: u16) -> bool {
        let index = usize::from(index);
        match self {
            Seen::Word(word) => word & (1u128 << index) != 0,
            Seen::Words(words) => words[index / 64] & (1u64 << (index % 64)) != 0,
        }
    }
}

/// A member name read as `T`'s field index, without allocating (`None`: not a member of `T`).
struct MemberIndex<T>(PhantomData<T>);

impl<'de, T: DecodeStruct<'de>> DeserializeSeed<'de> for MemberIndex<T> {
    type Value = Option<u16>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<u16>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, T: DecodeStruct<'de>> Visitor<'de> for MemberIndex<T> {
    type Value = Option<u16>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<u16>, E> {
        Ok(T::field_index(name))
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Option<u16>, E> {
        Ok(std::str::from_utf8(name).ok().and_then(T::field_index))
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Option<u16>, E> {
        Ok(u16::try_from(index)
            .ok()
            .filter(|&i| usize::from(i) < T::FIELDS.len()))
    }
}

#[cfg(test)]
mod tests {
    use serde::de::MapAccess;
    use serde::Deserialize;

    use super::{deserialize_struct, DecodeStruct};

    /// What the generator writes for a struct with one required member.
    #[derive(Debug, Default, PartialEq)]
    struct Disk {
        id: String,
        size: Option<u64>,
        tags: Vec<String>,
    }

    impl<'de> DecodeStruct<'de> for Disk {
        const NAME: &'static str = "Disk";
        const FIELDS: &'static [&'static str] = &["DiskId", "DiskSize", "Tags"];
        const REQUIRED: &'static [u16] = &[0];
        fn field_index(name: &str) -> Option<u16> {
            match name {
                "DiskId" => Some(0),
                "DiskSize" => Some(1),
                "Tags" => Some(2),
                _ => None,
            }
        }
        fn decode_field<A: MapAccess<'de>>(
            &mut self,
            index: u16,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match index {
                0 => self.id = map.next_value()?,
                1 => self.size = map.next_value()?,
                2 => self.tags = map.next_value()?,
                _ => {}
            }
            Ok(())
        }
    }

    impl<'de> Deserialize<'de> for Disk {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_struct(d)
        }
    }

    /// The same struct with serde's derive, to compare against.
    #[derive(Debug, Deserialize, PartialEq)]
    struct DerivedDisk {
        #[serde(rename = "DiskId")]
        id: String,
        #[serde(rename = "DiskSize")]
        size: Option<u64>,
        #[serde(rename = "Tags", default)]
        tags: Vec<String>,
    }

    fn both(json: &str) -> (Result<Disk, String>, Result<DerivedDisk, String>) {
        let ours = serde_json::from_str::<Disk>(json).map_err(|e| e.to_string());
        let derived = serde_json::from_str::<DerivedDisk>(json).map_err(|e| e.to_string());
        (ours, derived)
    }

    #[test]
    fn decodes_members_in_any_order_and_skips_unknown_ones() {
        let json =
            r#"{"Tags": ["a", "b"], "Other": {"x": [1, null]}, "DiskSize": 50, "DiskId": "d-1"}"#;
        let (ours, derived) = both(json);
        let ours = ours.expect("decodes");
        assert_eq!(
            ours,
            Disk {
                id: "d-1".into(),
                size: Some(50),
                tags: vec!["a".into(), "b".into()],
            }
        );
        let derived = derived.expect("derive decodes");
        assert_eq!(
            (ours.id, ours.size, ours.tags),
            (derived.id, derived.size, derived.tags)
        );
    }

    #[test]
    fn absent_optional_members_keep_their_default() {
        let ours = serde_json::from_str::<Disk>(r#"{"DiskId": "d"}"#).expect("decodes");
        assert_eq!(ours.size, None);
        assert!(ours.tags.is_empty());
    }

    #[test]
    fn errors_read_as_the_derives_do() {
        for json in [
            r#"{"DiskSize": 1}"#,
            r#"{"DiskId": "a", "DiskId": "b"}"#,
            r#"{"DiskId": 5}"#,
            r#"["d"]"#,
            r#"{"DiskId": "d", "DiskSize": -1}"#,
        ] {
            let (ours, derived) = both(json);
            let ours = ours.expect_err(json);
            let derived = derived.expect_err(json);
            let (ours_head, derived_head) =
                (ours.split(" at ").next(), derived.split(" at ").next());
            match json {
                r#"["d"]"# => assert_eq!(
                    ours_head,
                    Some("invalid type: sequence, expected struct Disk")
                ),
                _ => assert_eq!(ours_head, derived_head, "{json}"),
            }
        }
    }

    #[test]
    fn a_null_member_is_absent_under_the_tolerant_rule() {
        let disk: Disk =
            crate::serde_helpers::from_str(r#"{"DiskId": "d", "DiskSize": null, "Tags": null}"#)
                .expect("decodes");
        assert_eq!(
            disk,
            Disk {
                id: "d".into(),
                ..Disk::default()
            }
        );
    }

    /// A struct with more members than one word of bits holds.
    #[derive(Debug, Default)]
    struct Wide {
        last: i64,
    }

    const WIDE_FIELDS: &[&str] = &{
        let mut names = [""; 200];
        names[199] = "Last";
        names
    };

    impl<'de> DecodeStruct<'de> for Wide {
        const NAME: &'static str = "Wide";
        const FIELDS: &'static [&'static str] = WIDE_FIELDS;
        const REQUIRED: &'static [u16] = &[199];
        fn field_index(name: &str) -> Option<u16> {
            (name == "Last").then_some(199)
        }
        fn decode_field<A: MapAccess<'de>>(
            &mut self,
            index: u16,
            map: &mut A,
        ) -> Result<(), A::Error> {
            if index == 199 {
                self.last = map.next_value()?;
            }
            Ok(())
        }
    }

    #[test]
    fn a_struct_of_more_than_128_members_tracks_them_all() {
        let mut de = serde_json::Deserializer::from_str(r#"{"Last": 7}"#);
        let wide: Wide = deserialize_struct(&mut de).expect("decodes");
        assert_eq!(wide.last, 7);
        let mut de = serde_json::Deserializer::from_str(r#"{"Last": 7, "Last": 8}"#);
        let e = deserialize_struct::<Wide, _>(&mut de).expect_err("duplicate");
        assert!(e.to_string().starts_with("duplicate field `Last`"), "{e}");
        let mut de = serde_json::Deserializer::from_str("{}");
        let e = deserialize_struct::<Wide, _>(&mut de).expect_err("missing");
        assert!(e.to_string().starts_with("missing field `Last`"), "{e}");
    }
}
