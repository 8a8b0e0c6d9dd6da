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

/// What a struct is made of, for decoding: its Rust name, its members' wire names in field order
/// (member `i` is field `i`) and which members must be present.
#[derive(Debug)]
pub struct Shape {
    /// The Rust name of the struct, for error messages (`expected struct DescribeDisksResponse`).
    pub name: &'static str,
    /// The wire names of the members, in field order.
    pub fields: &'static [&'static str],
    /// The members that must be present (indexes into [`Self::fields`]); the others keep their
    /// `Default` when absent.
    pub required: &'static [u16],
}

impl Shape {
    /// The index of the member named `name`, trying `expected` first (the member after the one
    /// just decoded: the API sends members in the documented order), then every other one.
    fn index_of(&self, name: &[u8], expected: usize) -> Option<u16> {
        let is = |field: &&str| field.as_bytes() == name;
        let index = match self.fields.get(expected) {
            Some(field) if is(field) => expected,
            _ => self.fields.iter().position(is)?,
        };
        u16::try_from(index).ok()
    }
}

/// A struct decoded member by member by [`deserialize_struct`]: what a generated struct
/// implements (beside `Deserialize`, which calls [`deserialize_struct`]).
pub trait DecodeStruct<'de>: Default {
    /// The struct's name and members.
    const SHAPE: &'static Shape;

    /// Decodes the value of member `index` (an index into [`Shape::fields`]) into its field.
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
    deserializer.deserialize_struct(T::SHAPE.name, T::SHAPE.fields, StructVisitor(PhantomData))
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
        write!(f, "struct {}", T::SHAPE.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let shape = T::SHAPE;
        let mut out = T::default();
        let mut seen = Seen::new(shape.fields.len());
        let mut expected = 0;
        while let Some(member) = map.next_key_seed(MemberIndex { shape, expected })? {
            let Some(index) = member else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if !seen.insert(index) {
                return Err(de::Error::duplicate_field(shape.fields[usize::from(index)]));
            }
            out.decode_field(index, &mut map)?;
            expected = usize::from(index) + 1;
        }
        match shape.required.iter().find(|&&index| !seen.contains(index)) {
            Some(&index) => Err(de::Error::missing_field(shape.fields[usize::from(index)])),
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

/// A member name read as a field index of `shape`, without allocating (`None`: not one of its
/// members).
struct MemberIndex {
    shape: &'static Shape,
    expected: usize,
}

impl<'de> DeserializeSeed<'de> for MemberIndex {
    type Value = Option<u16>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<u16>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for MemberIndex {
    type Value = Option<u16>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<u16>, E> {
        Ok(self.shape.index_of(name.as_bytes(), self.expected))
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Option<u16>, E> {
        Ok(self.shape.index_of(name, self.expected))
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Option<u16>, E> {
        Ok(u16::try_from(index)
            .ok()
            .filter(|&i| usize::from(i) < self.shape.fields.len()))
    }
}

#[cfg(test)]
mod tests {
    use serde::de::MapAccess;
    use serde::Deserialize;

    use super::{decode_into, deserialize_struct, DecodeStruct, Shape};

    /// What the generator writes for a struct with one required member.
    #[derive(Debug, Default, PartialEq)]
    struct Disk {
        id: String,
        size: Option<u64>,
        tags: Vec<String>,
    }

    impl<'de> DecodeStruct<'de> for Disk {
        const SHAPE: &'static Shape = &Shape {
            name: "Disk",
            fields: &["DiskId", "DiskSize", "Tags"],
            required: &[0],
        };
        fn decode_field<A: MapAccess<'de>>(
            &mut self,
            index: u16,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match index {
                0 => decode_into(&mut self.id, map),
                1 => decode_into(&mut self.size, map),
                2 => decode_into(&mut self.tags, map),
                _ => Ok(()),
            }
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
        const SHAPE: &'static Shape = &Shape {
            name: "Wide",
            fields: WIDE_FIELDS,
            required: &[199],
        };
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
