//! Serde structs (data structures, requests, responses) and their accessors.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs::{code, Doc};
use super::super::model::{CrateModel, Direction, FieldModel, Repr, RustType, StructModel};
use super::super::render;
use super::debug_impls::struct_debug;
use super::serde_impls::serde_impls;

/// A struct with its docs, derives, `Debug` ([`struct_debug`]), serde impls ([`serde_impls`]) and accessors. The
/// null-tolerant rule for responses is applied by the runtime as it decodes
/// (`tencentcloud_core::serde_helpers`).
pub fn struct_item(
    model: &CrateModel,
    s: &StructModel,
    doc: &Doc,
    type_path: &str,
) -> Result<TokenStream, String> {
    let name = s.name.ident();
    let doc = doc.tokens();
    let serde = serde_impls(s);
    let fields = s
        .fields
        .iter()
        .map(|f| field(model, s.direction, f, type_path))
        .collect::<Result<Vec<_>, _>>()?;
    let accessors = accessors(model, s, type_path)?;
    let field_names: Vec<_> = s.fields.iter().map(|f| f.name.ident()).collect();
    let debug = struct_debug(quote! {}, quote! { #name }, &name.to_string(), &field_names);
    Ok(quote! {
        #doc
        #[derive(Clone, Default, PartialEq)]
        pub struct #name { #(#fields)* }
        #debug
        #serde
        #accessors
    })
}

/// The feature that gives every struct the serde direction it does not travel in
/// (`Deserialize` for what is only sent, `Serialize` for what is only received). On by default;
/// since the serde impls go through the runtime it adds only a few percent to the compile time
/// (measured; see the README), and a build that needs neither can turn it off.
pub const SERDE_BOTH_WAYS: &str = "serde-both-ways";

/// One field: its docs (the wire name is in [`serde_impls`]).
fn field(
    model: &CrateModel,
    direction: Direction,
    f: &FieldModel,
    type_path: &str,
) -> Result<TokenStream, String> {
    let doc = field_doc(direction, f).tokens();
    let name = f.name.ident();
    let ty = render::ty(&model.field_type(f, type_path))?;
    Ok(quote! {
        #doc
        pub #name: #ty,
    })
}

/// A field's docs: the description, then wire name, documented type, presence, example.
pub fn field_doc(direction: Direction, f: &FieldModel) -> Doc {
    let presence = match (direction, f.repr) {
        (Direction::Output, Repr::Optional) => "may be null (`None` when absent or null)",
        (Direction::Output, Repr::Plain) => "the default value when absent or null",
        (_, Repr::Plain) => "required",
        (_, Repr::Optional) => "optional",
    };
    let mut doc = Doc::new().text(&f.spec.description).line(format!(
        "Wire name {}, type {}; {presence}.",
        code(&f.wire),
        code(&f.doc_type)
    ));
    if let Some(example) = &f.spec.example {
        doc = doc.line(format!("Example: {}", code(example)));
    }
    doc
}

/// `&str` / slice accessors for `Option<String>` and `Option<Vec<T>>` fields.
fn accessors(model: &CrateModel, s: &StructModel, type_path: &str) -> Result<TokenStream, String> {
    let methods = s
        .fields
        .iter()
        .filter(|f| f.repr == Repr::Optional && !f.boxed)
        .filter_map(|f| accessor(model, f, type_path).transpose())
        .collect::<Result<Vec<_>, String>>()?;
    if methods.is_empty() {
        return Ok(TokenStream::new());
    }
    let name = s.name.ident();
    Ok(quote! { impl #name { #(#methods)* } })
}

fn accessor(
    model: &CrateModel,
    f: &FieldModel,
    type_path: &str,
) -> Result<Option<TokenStream>, String> {
    let name = f.name.ident();
    let (ret, what) = match &f.ty {
        RustType::String => (render::ty("&str")?, "an empty string"),
        RustType::Vec(inner) => {
            let item = model.rust_type(inner, type_path);
            (render::ty(&format!("&[{item}]"))?, "an empty slice")
        }
        _ => return Ok(None),
    };
    let doc = Doc::new()
        .line(format!(
            "The `{}` field, or {what} when it is `None`.",
            f.name.code()
        ))
        .tokens();
    Ok(Some(quote! {
        #doc
        #[inline]
        pub fn #name(&self) -> #ret {
            self.#name.as_deref().unwrap_or_default()
        }
    }))
}
