//! `#[cfg(feature = ..)]` attributes for items compiled only with their API category's feature
//! (see [`super::super::features`]).

use proc_macro2::TokenStream;
use quote::quote;

/// `#[cfg(feature = "a")]`, `#[cfg(any(feature = "a", feature = "b"))]`, or nothing for an
/// item that is always compiled (no feature).
pub fn cfg<S: AsRef<str>>(features: &[S]) -> TokenStream {
    let names = features.iter().map(AsRef::as_ref);
    match features {
        [] => TokenStream::new(),
        [one] => {
            let one = one.as_ref();
            quote! { #[cfg(feature = #one)] }
        }
        _ => quote! { #[cfg(any(#(feature = #names),*))] },
    }
}

/// The cfg of an action's items.
pub fn action_cfg(feature: Option<&String>) -> TokenStream {
    cfg(feature.as_slice())
}

/// `items` (a sequence of items) with [`cfg`] put on each of them.
pub fn items<S: AsRef<str>>(features: &[S], items: TokenStream) -> Result<TokenStream, String> {
    if features.is_empty() {
        return Ok(items);
    }
    let file: syn::File = syn::parse2(items).map_err(|e| format!("gated items: {e}"))?;
    let attr = cfg(features);
    let items = file.items.iter();
    Ok(quote! { #(#attr #items)* })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_feature_is_a_plain_cfg_several_are_any() {
        assert!(cfg::<&str>(&[]).is_empty());
        assert_eq!(
            cfg(&["firewall"]).to_string(),
            quote! { #[cfg(feature = "firewall")] }.to_string()
        );
        assert_eq!(
            cfg(&["disk", "instance"]).to_string(),
            quote! { #[cfg(any(feature = "disk", feature = "instance"))] }.to_string()
        );
    }

    #[test]
    fn every_item_gets_the_cfg() {
        let gated = items(&["disk"], quote! { pub struct A; impl A { fn f() {} } }).unwrap();
        assert_eq!(
            gated.to_string(),
            quote! {
                #[cfg(feature = "disk")] pub struct A;
                #[cfg(feature = "disk")] impl A { fn f() {} }
            }
            .to_string()
        );
    }
}
