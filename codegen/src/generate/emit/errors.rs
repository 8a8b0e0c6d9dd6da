//! Error types: the crate-wide `ErrorCode` and `CommonError`, and each action's error enum.
//!
//! Code-to-variant mapping is emitted as plain `match` tables over string literals: cheap to
//! compile, no derives beyond `Debug`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::super::docs::{code, Doc};
use super::super::model::{ActionModel, CodeModel, CrateModel};

/// The docs of one code as a variant: the code and its description.
fn code_doc(c: &CodeModel) -> TokenStream {
    Doc::new().line(code(&c.code)).text(&c.description).tokens()
}

/// The description `ErrorCode::description` returns: English where documented, else Chinese.
fn description(c: &CodeModel) -> String {
    ["en-US", "zh-CN"]
        .iter()
        .find_map(|l| c.description.get(*l))
        .or_else(|| c.description.values().next())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// `src/error.rs`: `ErrorCode`, `CommonError`, `UnknownErrorCode`.
pub fn error_file(model: &CrateModel) -> TokenStream {
    let module_doc = Doc::new()
        .line("Error codes of the service: every documented code ([`ErrorCode`]) and the common codes every action may return ([`CommonError`]).")
        .inner_tokens();
    let error_code = error_code_enum(model);
    let common = common_enum(model);
    quote! {
        #module_doc
        use std::fmt;
        use std::str::FromStr;
        #error_code
        #common
        /// A string that is not a documented error code of this service.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct UnknownErrorCode(pub String);
        impl fmt::Display for UnknownErrorCode {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "unknown error code `{}`", self.0)
            }
        }
        impl std::error::Error for UnknownErrorCode {}
    }
}

fn error_code_enum(model: &CrateModel) -> TokenStream {
    let docs = model.codes.iter().map(code_doc);
    let names: Vec<Ident> = model.codes.iter().map(|c| c.variant.ident()).collect();
    let codes: Vec<&str> = model.codes.iter().map(|c| c.code.as_str()).collect();
    let descriptions: Vec<String> = model.codes.iter().map(description).collect();
    quote! {
        /// Every error code the service documents (common and action-specific).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode { #(#docs #names,)* }
        impl ErrorCode {
            /// Every code, sorted.
            pub const ALL: &'static [ErrorCode] = &[#(ErrorCode::#names),*];
            /// The code as the API sends it.
            pub fn as_str(self) -> &'static str {
                match self { #(ErrorCode::#names => #codes,)* }
            }
            /// The documented description (English where the docs give one, else Chinese).
            pub fn description(self) -> &'static str {
                match self { #(ErrorCode::#names => #descriptions,)* }
            }
            /// Whether a call failing with this code is worth retrying (throttling, internal
            /// errors, unavailability), by the same rule the runtime retries with.
            pub fn is_retryable(self) -> bool {
                tencentcloud_core::retry::is_retryable_code(self.as_str())
            }
            /// Whether it is a common code (see [`CommonError`]).
            pub fn is_common(self) -> bool {
                CommonError::from_code(self.as_str()).is_some()
            }
        }
        impl FromStr for ErrorCode {
            type Err = UnknownErrorCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    #(#codes => Ok(ErrorCode::#names),)*
                    _ => Err(UnknownErrorCode(s.to_owned())),
                }
            }
        }
        impl fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

fn common_enum(model: &CrateModel) -> TokenStream {
    let common: Vec<&CodeModel> = model.codes.iter().filter(|c| c.common).collect();
    let docs = common.iter().map(|c| code_doc(c));
    let names: Vec<Ident> = common.iter().map(|c| c.variant.ident()).collect();
    let codes: Vec<&str> = common.iter().map(|c| c.code.as_str()).collect();
    let from_code = if common.is_empty() {
        quote! { let _ = code; None }
    } else {
        quote! { match code { #(#codes => Some(CommonError::#names),)* _ => None } }
    };
    let code_fn = if common.is_empty() {
        quote! { match *self {} }
    } else {
        quote! { match self { #(CommonError::#names => ErrorCode::#names,)* } }
    };
    quote! {
        /// The common error codes: any action may return them. Every action's error enum
        /// holds them in its `Common` variant.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum CommonError { #(#docs #names,)* }
        impl CommonError {
            /// The common error with this code, if it is one.
            pub fn from_code(code: &str) -> Option<CommonError> {
                #from_code
            }
            /// The code as an [`ErrorCode`].
            pub fn code(&self) -> ErrorCode { #code_fn }
        }
        impl fmt::Display for CommonError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code().as_str())
            }
        }
    }
}

/// An action's `#[non_exhaustive]` error enum with its helpers and trait impls.
pub fn action_error(model: &CrateModel, a: &ActionModel) -> TokenStream {
    let name = Ident::new(&a.error_name(), Span::call_site());
    let own: Vec<&CodeModel> = a
        .own_codes
        .iter()
        .filter_map(|&i| model.codes.get(i))
        .collect();
    let common: Vec<&CodeModel> = a
        .common_codes
        .iter()
        .filter_map(|&i| model.codes.get(i))
        .collect();
    let doc = Doc::new()
        .line(format!(
            "An error {} answered with: one variant per code it documents, `Common` for the common codes, `Unhandled` for any other code. Every variant keeps the code, message and request id ([`OperationError::meta`]).",
            code(&a.spec.name)
        ))
        .tokens();
    let docs = own.iter().map(|c| code_doc(c));
    let variants: Vec<Ident> = own.iter().map(|c| c.variant.ident()).collect();
    let codes: Vec<&str> = own.iter().map(|c| c.code.as_str()).collect();
    let helpers = own
        .iter()
        .map(|c| own_helper(c))
        .chain(common.iter().map(|c| common_helper(c)));
    let fallback = quote! {
        match CommonError::from_code(err.code()) {
            Some(common) => Self::Common(common, err),
            None => Self::Unhandled(err),
        }
    };
    let mapping = if own.is_empty() {
        fallback
    } else {
        quote! { match err.code() { #(#codes => Self::#variants(err),)* _ => #fallback } }
    };
    quote! {
        #doc
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #variants(ServiceError),)*
            /// A common error code (see [`crate::CommonError`]).
            Common(CommonError, ServiceError),
            /// A code this action does not document.
            Unhandled(ServiceError),
        }
        impl #name {
            #(#helpers)*
            /// The common error, when the code is a common one.
            pub fn common(&self) -> Option<CommonError> {
                match self { Self::Common(common, _) => Some(*common), _ => None }
            }
            /// Whether the code is one this action does not document.
            pub fn is_unhandled(&self) -> bool { matches!(self, Self::Unhandled(_)) }
            /// The code as a service [`crate::ErrorCode`], when it is a documented one.
            pub fn error_code(&self) -> Option<crate::ErrorCode> { self.meta().code().parse().ok() }
        }
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(self.meta(), f)
            }
        }
        impl std::error::Error for #name {}
        impl OperationError for #name {
            fn from_service_error(err: ServiceError) -> Self { #mapping }
            fn meta(&self) -> &ServiceError {
                match self {
                    #(Self::#variants(err))|* | Self::Common(_, err) | Self::Unhandled(err) => err,
                }
            }
        }
    }
}

fn own_helper(c: &CodeModel) -> TokenStream {
    let method = c.is_method.ident();
    let variant = c.variant.ident();
    let doc = format!(" Whether the code is {}.", code(&c.code));
    quote! {
        #[doc = #doc]
        pub fn #method(&self) -> bool { matches!(self, Self::#variant(_)) }
    }
}

fn common_helper(c: &CodeModel) -> TokenStream {
    let method = c.is_method.ident();
    let variant = c.variant.ident();
    let doc = format!(" Whether the code is {} (a common code).", code(&c.code));
    quote! {
        #[doc = #doc]
        pub fn #method(&self) -> bool {
            matches!(self, Self::Common(CommonError::#variant, _))
        }
    }
}
