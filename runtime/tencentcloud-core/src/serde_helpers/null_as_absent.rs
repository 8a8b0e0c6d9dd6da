//! [`NullAsAbsent`]: a `Deserializer` adapter under which a JSON `null` reads as an absent
//! member, in one pass over the input.
//!
//! Wherever a value is requested, the adapter first asks the wrapped deserializer whether the
//! next value is `null` (`deserialize_option`, a one-byte peek for `serde_json`); if it is, the
//! visitor is handed the requested type's empty value (`false`, `0`, `""`, an empty sequence or
//! map, `None`), which is what an absent member gets under the `#[serde(default)]` and derived
//! `Default` of every generated output type. `null` items of arrays are skipped. Everything
//! else is passed through to the wrapped deserializer, with the adapter applied again to every
//! nested value.

use std::marker::PhantomData;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

/// Wraps a `Deserializer` so that a `null` anywhere reads as an absent member (see the module
/// docs); generated types keep plain derives and get this rule from the runtime.
#[derive(Debug, Clone, Copy)]
pub struct NullAsAbsent<D>(D);

impl<D> NullAsAbsent<D> {
    /// Wraps `deserializer`.
    pub fn new(deserializer: D) -> Self {
        NullAsAbsent(deserializer)
    }
}

/// One `deserialize_*` request: how to pass it on to the wrapped deserializer, and the empty
/// value a `null` reads as. One type per request, so each use instantiates only its own path.
trait Request: Copy {
    fn forward<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        self,
        d: D,
        v: V,
    ) -> Result<V::Value, D::Error>;

    fn empty<'de, V: Visitor<'de>, E: de::Error>(self, v: V) -> Result<V::Value, E>;
}

macro_rules! simple_requests {
    ($($kind:ident: $method:ident, |$v:ident| $empty:expr;)*) => {
        $(
            #[derive(Clone, Copy)]
            struct $kind;

            impl Request for $kind {
                #[inline]
                fn forward<'de, D: Deserializer<'de>, V: Visitor<'de>>(
                    self,
                    d: D,
                    v: V,
                ) -> Result<V::Value, D::Error> {
                    d.$method(v)
                }

                #[inline]
                fn empty<'de, V: Visitor<'de>, E: de::Error>(self, $v: V) -> Result<V::Value, E> {
                    $empty
                }
            }
        )*
    };
}

simple_requests! {
    Bool: deserialize_bool, |v| v.visit_bool(false);
    I8: deserialize_i8, |v| v.visit_i64(0);
    I16: deserialize_i16, |v| v.visit_i64(0);
    I32: deserialize_i32, |v| v.visit_i64(0);
    I64: deserialize_i64, |v| v.visit_i64(0);
    I128: deserialize_i128, |v| v.visit_i128(0);
    U8: deserialize_u8, |v| v.visit_u64(0);
    U16: deserialize_u16, |v| v.visit_u64(0);
    U32: deserialize_u32, |v| v.visit_u64(0);
    U64: deserialize_u64, |v| v.visit_u64(0);
    U128: deserialize_u128, |v| v.visit_u128(0);
    F32: deserialize_f32, |v| v.visit_f64(0.0);
    F64: deserialize_f64, |v| v.visit_f64(0.0);
    Char: deserialize_char, |v| v.visit_char('\0');
    Str: deserialize_str, |v| v.visit_borrowed_str("");
    Text: deserialize_string, |v| v.visit_borrowed_str("");
    Bytes: deserialize_bytes, |v| v.visit_borrowed_bytes(&[]);
    ByteBuf: deserialize_byte_buf, |v| v.visit_borrowed_bytes(&[]);
    Unit: deserialize_unit, |v| v.visit_unit();
    Seq: deserialize_seq, |v| v.visit_seq(Empty(PhantomData));
    Map: deserialize_map, |v| v.visit_map(Empty(PhantomData));
}

#[derive(Clone, Copy)]
struct UnitStruct(&'static str);

impl Request for UnitStruct {
    #[inline]
    fn forward<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        self,
        d: D,
        v: V,
    ) -> Result<V::Value, D::Error> {
        d.deserialize_unit_struct(self.0, v)
    }

    #[inline]
    fn empty<'de, V: Visitor<'de>, E: de::Error>(self, v: V) -> Result<V::Value, E> {
        v.visit_unit()
    }
}

#[derive(Clone, Copy)]
struct Tuple(usize);

impl Request for Tuple {
    #[inline]
    fn forward<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        self,
        d: D,
        v: V,
    ) -> Result<V::Value, D::Error> {
        d.deserialize_tuple(self.0, v)
    }

    #[inline]
    fn empty<'de, V: Visitor<'de>, E: de::Error>(self, v: V) -> Result<V::Value, E> {
        v.visit_seq(Empty(PhantomData))
    }
}

#[derive(Clone, Copy)]
struct TupleStruct(&'static str, usize);

impl Request for TupleStruct {
    #[inline]
    fn forward<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        self,
        d: D,
        v: V,
    ) -> Result<V::Value, D::Error> {
        d.deserialize_tuple_struct(self.0, self.1, v)
    }

    #[inline]
    fn empty<'de, V: Visitor<'de>, E: de::Error>(self, v: V) -> Result<V::Value, E> {
        v.visit_seq(Empty(PhantomData))
    }
}

#[derive(Clone, Copy)]
struct Struct(&'static str, &'static [&'static str]);

impl Request for Struct {
    #[inline]
    fn forward<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        self,
        d: D,
        v: V,
    ) -> Result<V::Value, D::Error> {
        d.deserialize_struct(self.0, self.1, v)
    }

    #[inline]
    fn empty<'de, V: Visitor<'de>, E: de::Error>(self, v: V) -> Result<V::Value, E> {
        v.visit_map(Empty(PhantomData))
    }
}

#[derive(Clone, Copy)]
struct Enum(&'static str, &'static [&'static str]);

impl Request for Enum {
    #[inline]
    fn forward<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        self,
        d: D,
        v: V,
    ) -> Result<V::Value, D::Error> {
        d.deserialize_enum(self.0, self.1, v)
    }

    /// An enum has no empty value: a null stays the type error it is.
    #[inline]
    fn empty<'de, V: Visitor<'de>, E: de::Error>(self, v: V) -> Result<V::Value, E> {
        Err(E::invalid_type(de::Unexpected::Unit, &v))
    }
}

impl<D> NullAsAbsent<D> {
    /// Peeks for `null`, then answers `request` with its empty value or passes it on.
    #[inline]
    fn peek<'de, V: Visitor<'de>, R: Request>(
        self,
        visitor: V,
        request: R,
    ) -> Result<V::Value, D::Error>
    where
        D: Deserializer<'de>,
    {
        self.0.deserialize_option(OrEmpty { visitor, request })
    }
}

macro_rules! peeked {
    ($($method:ident => $request:ident),* $(,)?) => {
        $(
            #[inline]
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.peek(visitor, $request)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for NullAsAbsent<D> {
    type Error = D::Error;

    peeked! {
        deserialize_bool => Bool,
        deserialize_i8 => I8,
        deserialize_i16 => I16,
        deserialize_i32 => I32,
        deserialize_i64 => I64,
        deserialize_i128 => I128,
        deserialize_u8 => U8,
        deserialize_u16 => U16,
        deserialize_u32 => U32,
        deserialize_u64 => U64,
        deserialize_u128 => U128,
        deserialize_f32 => F32,
        deserialize_f64 => F64,
        deserialize_char => Char,
        deserialize_str => Str,
        deserialize_string => Text,
        deserialize_bytes => Bytes,
        deserialize_byte_buf => ByteBuf,
        deserialize_unit => Unit,
        deserialize_seq => Seq,
        deserialize_map => Map,
    }

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Nested(visitor))
    }

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_option(Nested(visitor))
    }

    #[inline]
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.peek(visitor, UnitStruct(name))
    }

    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // The inner value's own request decides what a null becomes.
        self.0.deserialize_newtype_struct(name, Nested(visitor))
    }

    #[inline]
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.peek(visitor, Tuple(len))
    }

    #[inline]
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.peek(visitor, TupleStruct(name, len))
    }

    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.peek(visitor, Struct(name, fields))
    }

    #[inline]
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.peek(visitor, Enum(name, variants))
    }

    #[inline]
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_identifier(visitor)
    }

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_ignored_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// Answers the `null` peek: the empty value of `kind` on `null`, else the real request.
struct OrEmpty<V, R> {
    visitor: V,
    request: R,
}

/// Forwards the `visit_*` calls that carry a value unchanged to `Nested(self.visitor)`, for
/// deserializers that answer `deserialize_option` with the value itself.
macro_rules! forward_values {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
                Nested(self.visitor).$method(v)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>, R: Request> Visitor<'de> for OrEmpty<V, R> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.visitor.expecting(f)
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.request.empty(self.visitor)
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.request.empty(self.visitor)
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.request.forward(d, Nested(self.visitor))
    }

    forward_values! {
        visit_bool(bool), visit_i8(i8), visit_i16(i16), visit_i32(i32), visit_i64(i64),
        visit_i128(i128), visit_u8(u8), visit_u16(u16), visit_u32(u32), visit_u64(u64),
        visit_u128(u128), visit_f32(f32), visit_f64(f64), visit_char(char), visit_str(&str),
        visit_string(String), visit_bytes(&[u8]), visit_byte_buf(Vec<u8>),
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        Nested(self.visitor).visit_borrowed_str(v)
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        Nested(self.visitor).visit_borrowed_bytes(v)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        Nested(self.visitor).visit_newtype_struct(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        Nested(self.visitor).visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        Nested(self.visitor).visit_map(map)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        Nested(self.visitor).visit_enum(data)
    }
}

/// An empty sequence or map.
struct Empty<E>(PhantomData<E>);

impl<'de, E: de::Error> SeqAccess<'de> for Empty<E> {
    type Error = E;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, _: T) -> Result<Option<T::Value>, E> {
        Ok(None)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(0)
    }
}

impl<'de, E: de::Error> MapAccess<'de> for Empty<E> {
    type Error = E;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _: K) -> Result<Option<K::Value>, E> {
        Ok(None)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, _: T) -> Result<T::Value, E> {
        Err(E::custom("a value without a key"))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(0)
    }
}

/// A visitor whose nested values (items, members, option contents) read through the adapter.
struct Nested<V>(V);

macro_rules! forward_plain {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
                self.0.$method(v)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Nested<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.expecting(f)
    }

    forward_plain! {
        visit_bool(bool), visit_i8(i8), visit_i16(i16), visit_i32(i32), visit_i64(i64),
        visit_i128(i128), visit_u8(u8), visit_u16(u16), visit_u32(u32), visit_u64(u64),
        visit_u128(u128), visit_f32(f32), visit_f64(f64), visit_char(char), visit_str(&str),
        visit_borrowed_str(&'de str), visit_string(String), visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]), visit_byte_buf(Vec<u8>),
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(NullAsAbsent(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(NullAsAbsent(d))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Items(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Members(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Variants(data))
    }
}

/// A seed whose value reads through the adapter.
struct Through<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Through<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(NullAsAbsent(d))
    }
}

/// Array items, with `null` items skipped.
struct Items<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Items<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let mut seed = Some(seed);
        loop {
            match self.0.next_element_seed(Item(&mut seed))? {
                None => return Ok(None),
                Some(Some(value)) => return Ok(Some(value)),
                Some(None) => continue, // a null item: absent
            }
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// One array item: `None` for `null`, else the value through the adapter. The seed stays in
/// its slot until a value uses it, so a skipped `null` keeps it for the next item.
struct Item<'a, S>(&'a mut Option<S>);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Item<'_, S> {
    type Value = Option<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Item<'_, S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array item")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        match self.0.take() {
            Some(seed) => seed.deserialize(NullAsAbsent(d)).map(Some),
            None => Err(de::Error::custom("an array item read twice")),
        }
    }
}

/// Object members, values through the adapter.
struct Members<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Members<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(seed)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Through(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// Enum variants, contents through the adapter.
struct Variants<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Variants<A> {
    type Error = A::Error;
    type Variant = Variant<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(seed)?;
        Ok((value, Variant(variant)))
    }
}

/// One variant's contents through the adapter.
struct Variant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Through(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Nested(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Nested(visitor))
    }
}
