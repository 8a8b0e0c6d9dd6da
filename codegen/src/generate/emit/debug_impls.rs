//! `Debug` impls written out rather than derived: a derived impl cannot carry `#[inline]`
//! ([`crate::generate`] puts it on every method), so it would be compiled into the generated
//! crate whether or not a program ever formats the value.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::ext::IdentExt;

/// `impl #generics Debug for #self_ty`, printing `name { field: value, .. }` exactly as
/// `#[derive(Debug)]` would (a raw identifier is printed without its `r#`), through the
/// runtime's `debug_struct` over a slice of the fields.
pub fn struct_debug<'a>(
    generics: TokenStream,
    self_ty: TokenStream,
    name: &str,
    fields: impl IntoIterator<Item = &'a Ident>,
) -> TokenStream {
    let fields = fields.into_iter().map(|field| {
        let label = field.unraw().to_string();
        quote! { (#label, &self.#field) }
    });
    quote! {
        impl #generics std::fmt::Debug for #self_ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                tencentcloud_core::debug::debug_struct(f, #name, &[#(#fields),*])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::Span;

    #[test]
    fn prints_like_the_derive_with_raw_identifiers_unraw() {
        let fields = [
            Ident::new("disk_id", Span::call_site()),
            Ident::new_raw("type", Span::call_site()),
        ];
        let out = struct_debug(quote! {}, quote! { Disk }, "Disk", &fields).to_string();
        let expected = r#"debug_struct (f , "Disk" , & [("disk_id" , & self . disk_id) , ("type" , & self . r#type)])"#;
        assert!(out.contains(expected), "{out}");
    }
}
