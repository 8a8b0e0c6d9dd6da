//! `#[inline]` on every method of the generated code.
//!
//! A debug build compiles each non-generic function to machine code in the crate that defines
//! it, used or not; an `#[inline]` one is compiled only where it is called. A generated crate
//! is hundreds of small methods (accessors, setters, error helpers, `Debug`) of which a program
//! calls a few, so marking them all halves the crate's build (the LLVM part, measured with
//! `cargo xtask compile-times`), and a caller compiles only what it uses. Written once here, on
//! the parsed file, rather than in every template.

use syn::visit_mut::{self, VisitMut};

/// Adds `#[inline]` to every method of every `impl` in `file` that has no inline attribute.
pub fn inline_methods(file: &mut syn::File) {
    InlineMethods.visit_file_mut(file);
}

struct InlineMethods;

impl VisitMut for InlineMethods {
    fn visit_impl_item_fn_mut(&mut self, method: &mut syn::ImplItemFn) {
        if !method.attrs.iter().any(|a| a.path().is_ident("inline")) {
            method.attrs.push(syn::parse_quote!(#[inline]));
        }
        visit_mut::visit_impl_item_fn_mut(self, method);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn inlined(tokens: proc_macro2::TokenStream) -> String {
        let mut file: syn::File = syn::parse2(tokens).expect("parses");
        inline_methods(&mut file);
        prettyplease::unparse(&file)
    }

    #[test]
    fn every_method_gets_one_inline_attribute() {
        let out = inlined(quote! {
            impl A {
                /// Doc.
                pub fn a(&self) -> u8 { 1 }
                #[inline]
                fn b(&self) {}
            }
            impl std::fmt::Debug for A {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { Ok(()) }
            }
            fn free() {}
        });
        assert_eq!(out.matches("#[inline]").count(), 3, "{out}");
        assert!(out.contains("#[inline]\n    pub fn a"), "{out}");
        assert!(out.contains("#[inline]\n    fn fmt"), "{out}");
        assert!(
            out.contains("\nfn free"),
            "a free function is left alone: {out}"
        );
    }
}
