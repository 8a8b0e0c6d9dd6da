//! The `Serialize` and `Deserialize` impls of a struct, written out instead of derived.
//!
//! They read and write exactly what serde's derives with the documented wire names would (a
//! `None` member is left out on the way out); they are spelled out because serde's derive
//! expands to several times the code (a field enum and its visitor, a sequence visitor, a
//! per-field `Option` for every member), which was most of a generated crate's compile time.
//! Both go through the runtime (`tencentcloud_core::serde_helpers`), so a struct compiles only
//! what is its own:
//! - encoding is `serialize_struct` over the list of members (wire name, value, whether sent);
//! - decoding is `DecodeStruct`: the struct's `Shape` (name, wire names, required members) and
//!   one `match` that decodes member `i` into field `i` (each arm a call of `decode_into`); the
//!   loop, the member lookup, unknown and duplicate members and the errors are the runtime's.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::model::{Direction, Repr, StructModel};
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

/// `Serialize`: the runtime's `serialize_struct` over the members (wire name, value, whether it
/// is sent: a `None` member is left out).
fn serialize_impl(s: &StructModel) -> TokenStream {
    let name = s.name.ident();
    let rust_name = name.to_string();
    let members = s.fields.iter().map(|f| {
        let (field, wire) = (f.name.ident(), &f.wire);
        let sent = match f.repr {
            Repr::Plain => quote! { true },
            Repr::Optional => quote! { self.#field.is_some() },
        };
        quote! { (#wire, &self.#field, #sent) }
    });
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                tencentcloud_core::serde_helpers::serialize_struct(serializer, #rust_name, &[#(#members),*])
            }
        }
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
    let decode = if s.fields.is_empty() {
        quote! {
            fn decode_field<A: serde::de::MapAccess<'de>>(&mut self, _: u16, _: &mut A) -> Result<(), A::Error> {
                Ok(())
            }
        }
    } else {
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
        quote! {
            fn decode_field<A: serde::de::MapAccess<'de>>(&mut self, index: u16, map: &mut A) -> Result<(), A::Error> {
                #body
            }
        }
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
            const SHAPE: &'static tencentcloud_core::serde_helpers::Shape = &tencentcloud_core::serde_helpers::Shape {
                name: #rust_name,
                fields: &[#(#wires),*],
                required: &[#(#required),*],
            };
            #decode
        }
    };
    (de, decode)
}

/// A field index as an unsuffixed literal.
fn index(i: usize) -> proc_macro2::Literal {
    proc_macro2::Literal::usize_unsuffixed(i)
}
