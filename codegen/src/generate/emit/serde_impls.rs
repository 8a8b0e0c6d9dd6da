//! The `Serialize` and `Deserialize` impls of a struct, written out instead of derived.
//!
//! They read and write exactly what serde's derives with the documented wire names would (a
//! `None` member is left out on the way out); they are spelled out because serde's derive
//! expands to several times the code (a field enum and its visitor, a sequence visitor, a
//! per-field `Option` for every member), which was most of a generated crate's compile time.
//! Decoding is the runtime's [`DecodeStruct`](tencentcloud_core::serde_helpers::DecodeStruct):
//! the struct gives its wire names and one `match` that decodes member `i` into field `i` (each
//! arm one call of the runtime's `decode_into`); the loop, unknown and duplicate members and the
//! errors are written once, in the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::model::{Direction, FieldModel, Repr, StructModel};
use super::structs::SERDE_BOTH_WAYS;

/// Both impls, the one the struct does not travel in behind [`SERDE_BOTH_WAYS`].
pub fn serde_impls(s: &StructModel) -> TokenStream {
    let gate = quote! { #[cfg(feature = #SERDE_BOTH_WAYS)] };
    let (ser_gate, de_gate) = match s.direction {
        Direction::Both => (TokenStream::new(), TokenStream::new()),
        Direction::Input => (TokenStream::new(), gate),
        Direction::Output => (gate, TokenStream::new()),
    };
    let ser = serialize_impl(s);
    let (de, decode) = deserialize_impls(s);
    quote! {
        #ser_gate
        #ser
        #de_gate
        #de
        #de_gate
        #decode
    }
}

/// `Serialize`: a struct of the documented wire names, `None` members skipped.
fn serialize_impl(s: &StructModel) -> TokenStream {
    let name = s.name.ident();
    let rust_name = name.to_string();
    let plain = s.fields.iter().filter(|f| f.repr == Repr::Plain).count();
    let optional = s
        .fields
        .iter()
        .filter(|f| f.repr == Repr::Optional)
        .map(|f| {
            let field = f.name.ident();
            quote! { usize::from(self.#field.is_some()) }
        });
    let plain = (plain > 0).then(|| index(plain)).map(|n| quote! { #n });
    let len: Vec<TokenStream> = plain.into_iter().chain(optional).collect();
    let members = s.fields.iter().map(serialize_member);
    let body = if s.fields.is_empty() {
        quote! { serializer.serialize_struct(#rust_name, 0)?.end() }
    } else {
        quote! {
            let mut out = serializer.serialize_struct(#rust_name, #(#len)+*)?;
            #(#members)*
            out.end()
        }
    };
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                #body
            }
        }
    }
}

fn serialize_member(f: &FieldModel) -> TokenStream {
    let field = f.name.ident();
    let wire = &f.wire;
    match f.repr {
        Repr::Plain => quote! { out.serialize_field(#wire, &self.#field)?; },
        Repr::Optional => quote! {
            match &self.#field {
                Some(value) => out.serialize_field(#wire, value)?,
                None => out.skip_field(#wire)?,
            }
        },
    }
}

/// `Deserialize` and the runtime's `DecodeStruct` it goes through (two items, each gated alike).
fn deserialize_impls(s: &StructModel) -> (TokenStream, TokenStream) {
    let name = s.name.ident();
    let rust_name = name.to_string();
    let wires = s.fields.iter().map(|f| &f.wire);
    let required = s
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !s.direction.defaults() && f.repr == Repr::Plain)
        .map(|(i, _)| index(i));
    let (lookup, decode) = if s.fields.is_empty() {
        (
            quote! { fn field_index(_: &str) -> Option<u16> { None } },
            quote! {
                fn decode_field<A: serde::de::MapAccess<'de>>(&mut self, _: u16, _: &mut A) -> Result<(), A::Error> {
                    Ok(())
                }
            },
        )
    } else {
        let names = s.fields.iter().enumerate().map(|(i, f)| {
            let (wire, i) = (&f.wire, index(i));
            quote! { #wire => Some(#i), }
        });
        let decode_into = quote! { tencentcloud_core::serde_helpers::decode_into };
        let arms = s.fields.iter().enumerate().map(|(i, f)| {
            let (field, i) = (f.name.ident(), index(i));
            quote! { #i => #decode_into(&mut self.#field, map), }
        });
        let body = match s.fields.as_slice() {
            [only] => {
                let field = only.name.ident();
                quote! { if index == 0 { #decode_into(&mut self.#field, map) } else { Ok(()) } }
            }
            _ => quote! { match index { #(#arms)* _ => Ok(()) } },
        };
        (
            quote! {
                fn field_index(name: &str) -> Option<u16> {
                    match name { #(#names)* _ => None }
                }
            },
            quote! {
                fn decode_field<A: serde::de::MapAccess<'de>>(&mut self, index: u16, map: &mut A) -> Result<(), A::Error> {
                    #body
                }
            },
        )
    };
    let de = quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                tencentcloud_core::serde_helpers::deserialize_struct(deserializer)
            }
        }
    };
    let decode = quote! {
        impl<'de> tencentcloud_core::serde_helpers::DecodeStruct<'de> for #name {
            const NAME: &'static str = #rust_name;
            const FIELDS: &'static [&'static str] = &[#(#wires),*];
            const REQUIRED: &'static [u16] = &[#(#required),*];
            #lookup
            #decode
        }
    };
    (de, decode)
}

/// A field index as an unsuffixed literal.
fn index(i: usize) -> proc_macro2::Literal {
    proc_macro2::Literal::usize_unsuffixed(i)
}
