//! Builders, as aws-sdk-rust has them: one setter per field taking `impl Into<..>` (a list
//! setter takes any iterator of items and appends them), `set_<field>(Option<..>)` to set or
//! clear a field, and `build()` naming the first required field left unset.
//!
//! The same setters serve an action's fluent builder (which also sends) and the builder of
//! every data structure that is sent (`Filter::builder()`).

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs::{code, Doc};
use super::super::model::{CrateModel, Direction, FieldModel, Repr, RustType, StructModel};
use super::super::render;
use super::debug_impls::struct_debug;
use super::structs::field_doc;

/// The parts of a builder over `fields`: its `Option` slots, their `None` initialisers, the
/// setter methods and the struct literal's fields for `build()`.
pub struct BuilderParts {
    /// `name: Option<T>,` per field.
    pub slots: Vec<TokenStream>,
    /// `name: None,` per field.
    pub nones: Vec<TokenStream>,
    /// `name(..)` and `set_name(..)` per field.
    pub setters: Vec<TokenStream>,
    /// `let Some(name) = self.name else { return Err(..) };` per required field, for `build()`
    /// (a `let`-`else` rather than `ok_or(..)?`, which costs compile time per field).
    pub checks: Vec<TokenStream>,
    /// `name,` (required, from its check) or `name: self.name,` per field.
    pub moves: Vec<TokenStream>,
}

/// The builder parts for `s`; `label` prefixes the wire name a missing-field error reports
/// (`""` for a request, `"Filter."` for a data structure).
pub fn parts(
    model: &CrateModel,
    s: &StructModel,
    type_path: &str,
    label: &str,
) -> Result<BuilderParts, String> {
    let mut parts = BuilderParts {
        slots: Vec::new(),
        nones: Vec::new(),
        setters: Vec::new(),
        checks: Vec::new(),
        moves: Vec::new(),
    };
    for f in &s.fields {
        let name = f.name.ident();
        let ty = render::ty(&model.field_type_plain(f, type_path))?;
        parts.slots.push(quote! { #name: Option<#ty>, });
        parts.nones.push(quote! { #name: None, });
        parts
            .setters
            .push(setter(model, s.direction, f, type_path)?);
        parts.setters.push(option_setter(f, &ty));
        let wire = format!("{label}{}", f.wire);
        parts.moves.push(match f.repr {
            Repr::Plain => {
                parts.checks.push(quote! {
                    let Some(#name) = self.#name else {
                        return Err(tencentcloud_core::RequestError::MissingField(#wire));
                    };
                });
                quote! { #name, }
            }
            Repr::Optional => quote! { #name: self.#name, },
        });
    }
    Ok(parts)
}

/// The setter named after the field: `impl Into<String>` for strings, any iterator of
/// `impl Into<Item>` for lists (appended), `impl Into<T>` for structures, the value itself for
/// numbers and booleans.
fn setter(
    model: &CrateModel,
    direction: Direction,
    f: &FieldModel,
    type_path: &str,
) -> Result<TokenStream, String> {
    let name = f.name.ident();
    let doc = field_doc(direction, f);
    Ok(match &f.ty {
        RustType::Vec(inner) if !f.boxed => {
            let item = render::ty(&model.rust_type(inner, type_path))?;
            let doc = doc
                .line(format!(
                    "Appends the items (any iterator: an array, a `Vec`, `[\"a\"]` for strings); call again to append more, [`Self::{}`] replaces the list.",
                    f.setter.link()
                ))
                .tokens();
            quote! {
                #doc
                pub fn #name(mut self, items: impl IntoIterator<Item = impl Into<#item>>) -> Self {
                    self.#name.get_or_insert_with(Vec::new).extend(items.into_iter().map(Into::into));
                    self
                }
            }
        }
        RustType::String | RustType::Named(_) | RustType::Vec(_) => {
            let ty = render::ty(&model.field_type_plain(f, type_path))?;
            let doc = doc.tokens();
            quote! {
                #doc
                pub fn #name(mut self, value: impl Into<#ty>) -> Self {
                    self.#name = Some(value.into());
                    self
                }
            }
        }
        RustType::I64 | RustType::F64 | RustType::Bool => {
            let ty = render::ty(&model.field_type_plain(f, type_path))?;
            let doc = doc.tokens();
            quote! {
                #doc
                pub fn #name(mut self, value: #ty) -> Self {
                    self.#name = Some(value);
                    self
                }
            }
        }
    })
}

/// `set_<field>(Option<T>)`: sets or clears the field (for a conditional value).
fn option_setter(f: &FieldModel, ty: &syn::Type) -> TokenStream {
    let (name, setter) = (f.name.ident(), f.setter.ident());
    let doc = format!(
        " Sets {} (`Some`) or clears it (`None`); see [`Self::{}`].",
        code(&f.wire),
        f.name.link()
    );
    quote! {
        #[doc = #doc]
        pub fn #setter(mut self, value: Option<#ty>) -> Self {
            self.#name = value;
            self
        }
    }
}

/// The builder of a data structure that is sent: `<Type>::builder()`, setters, `build()`
/// (a `Result` only when the structure has required fields).
pub fn type_builder(model: &CrateModel, s: &StructModel) -> Result<TokenStream, String> {
    let Some(builder) = &s.builder else {
        return Ok(TokenStream::new());
    };
    let (name, builder) = (s.name.ident(), builder.ident());
    let label = format!("{}.", s.wire_name);
    let BuilderParts {
        slots,
        setters,
        checks,
        moves,
        ..
    } = parts(model, s, "", &label)?;
    let required = s.fields.iter().any(|f| f.repr == Repr::Plain);
    let build = if required {
        quote! {
            /// The structure, or the wire name of the first required field that is not set.
            pub fn build(self) -> Result<#name, tencentcloud_core::RequestError> {
                #(#checks)*
                Ok(#name { #(#moves)* })
            }
        }
    } else {
        quote! {
            /// The structure (every field is optional).
            pub fn build(self) -> #name {
                #name { #(#moves)* }
            }
        }
    };
    let doc = Doc::new()
        .line(format!(
            "Builder of [`{}`], from [`{}::builder`].",
            s.name.code(),
            s.name.code()
        ))
        .tokens();
    let builder_doc = format!(" A builder of {}.", code(&s.wire_name));
    let field_names: Vec<_> = s.fields.iter().map(|f| f.name.ident()).collect();
    let debug = struct_debug(
        quote! {},
        quote! { #builder },
        &builder.to_string(),
        &field_names,
    );
    Ok(quote! {
        impl #name {
            #[doc = #builder_doc]
            pub fn builder() -> #builder {
                #builder::default()
            }
        }
        #doc
        #[derive(Clone, Default)]
        pub struct #builder { #(#slots)* }
        #debug
        impl #builder {
            #(#setters)*
            #build
        }
    })
}
