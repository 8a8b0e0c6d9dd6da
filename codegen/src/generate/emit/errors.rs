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

/// The description `ErrorCode::description` returns: English where documented, else Chinese,
/// else any language; an empty (or blank) text never wins over a non-empty one.
pub(crate) fn description(c: &CodeModel) -> String {
    let flat = |t: &String| t.split_whitespace().collect::<Vec<_>>().join(" ");
    ["en-US", "zh-CN"]
        .iter()
        .filter_map(|l| c.description.get(*l))
        .chain(c.description.values())
        .map(flat)
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// `src/error.rs`: `ErrorCode`, `CommonError`, `UnknownErrorCode`.
pub fn error_file(model: &CrateModel) -> TokenStream {
    let module_doc = Doc::new()
        .line("Error codes of the service: every documented code ([`ErrorCode`]) and the common codes every action may return ([`CommonError`]).")
        .inner_tokens();
    let error_code = error_code_enum(model);
    let common = common_enum(model);
    let service = service_error_enum(model);
    quote! {
        #module_doc
        use std::fmt;
        use std::str::FromStr;
        use tencentcloud_core::ServiceError;
        #error_code
        #common
        #service
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
    let variant = a.error_variant.ident();
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
            "An error {} answered with: one variant per code it documents, `Common` for the common codes, `Unhandled` for any other code. Every variant keeps the code, message and request id ([`Self::code`], [`Self::message`], [`Self::request_id`], [`Self::meta`]). It converts into the service-wide [`crate::Error`].",
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
        let indexes = (0..codes.len()).map(proc_macro2::Literal::usize_unsuffixed);
        quote! {
            match err.code_index(&[#(#codes),*]) {
                #(Some(#indexes) => Self::#variants(err),)*
                _ => #fallback
            }
        }
    };
    let name_text = name.to_string();
    quote! {
        #doc
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
            /// The error code as the API sent it.
            pub fn code(&self) -> &str { self.meta().code() }
            /// The API's message.
            pub fn message(&self) -> &str { self.meta().message() }
            /// The request id of the API's answer (quote it to support).
            pub fn request_id(&self) -> &str { self.meta().request_id() }
            /// Code, message and request id together.
            pub fn meta(&self) -> &ServiceError { OperationError::meta(self) }
        }
        impl From<#name> for crate::Error {
            fn from(e: #name) -> Self { crate::Error::#variant(e) }
        }
        /// The error's name and its code, message and request id (the variant follows from the code).
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_tuple(#name_text).field(self.meta()).finish()
            }
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

/// The service-wide `Error`: every action's error (one variant each) and every failure that is
/// not an error code, so one `?` takes any call's error.
fn service_error_enum(model: &CrateModel) -> TokenStream {
    let variants: Vec<Ident> = model
        .actions
        .iter()
        .map(|a| a.error_variant.ident())
        .collect();
    let errors = model
        .actions
        .iter()
        .map(|a| Ident::new(&a.error_name(), Span::call_site()));
    let docs = model
        .actions
        .iter()
        .map(|a| format!(" {} answered with an error code.", code(&a.spec.name)));
    let actions = model.actions.iter().map(|a| a.spec.name.as_str());
    let cfgs: Vec<TokenStream> = model
        .actions
        .iter()
        .map(|a| super::gate::action_cfg(a.feature.as_ref()))
        .collect();
    let service_arms = if variants.is_empty() {
        quote! {}
    } else {
        quote! { #(#cfgs Error::#variants(e) => Some((#actions, e.meta())),)* }
    };
    quote! {
        /// Any error of any call of this service: what `?` turns every
        /// `SdkError<`*Action*`Error>`, a refused builder ([`tencentcloud_core::RequestError`])
        /// and a waiter's [`tencentcloud_core::WaitError`] into. The action's typed error is
        /// kept (match `Error::`*Action*`(e)`); [`Error::code`], [`Error::message`],
        /// [`Error::request_id`] and [`Error::error_code`] read any of them.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum Error {
            #(#[doc = #docs] #cfgs #variants(crate::#errors),)*
            /// The call failed without an error code from the API: refused before sending,
            /// credentials, timeout, transport, or an answer that is not a valid API response.
            Sdk(tencentcloud_core::SdkError<std::convert::Infallible>),
            /// A waiter ended without its condition holding (its failure condition held, or it
            /// timed out).
            Wait(tencentcloud_core::WaitFailure),
        }
        impl Error {
            /// The action and the API's error, when an action answered with an error code.
            fn service(&self) -> Option<(&'static str, &ServiceError)> {
                match self {
                    #service_arms
                    Error::Sdk(_) | Error::Wait(_) => None,
                }
            }
            /// The action that answered with an error code.
            pub fn action(&self) -> Option<&'static str> { self.service().map(|(action, _)| action) }
            /// Code, message and request id, when an action answered with an error code.
            pub fn meta(&self) -> Option<&ServiceError> { self.service().map(|(_, meta)| meta) }
            /// The error code, when an action answered with one.
            pub fn code(&self) -> Option<&str> { self.meta().map(ServiceError::code) }
            /// The API's message, when an action answered with an error code.
            pub fn message(&self) -> Option<&str> { self.meta().map(ServiceError::message) }
            /// The request id of the API's error answer.
            pub fn request_id(&self) -> Option<&str> { self.meta().map(ServiceError::request_id) }
            /// The code as an [`ErrorCode`], when it is one the service documents.
            pub fn error_code(&self) -> Option<ErrorCode> { self.code()?.parse().ok() }
        }
        impl fmt::Display for Error {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    Error::Sdk(e) => fmt::Display::fmt(e, f),
                    Error::Wait(e) => fmt::Display::fmt(e, f),
                    #(#cfgs Error::#variants(e) => fmt::Display::fmt(e, f),)*
                }
            }
        }
        impl std::error::Error for Error {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Error::Sdk(e) => std::error::Error::source(e),
                    _ => None,
                }
            }
        }
        impl<E: Into<Error>> From<tencentcloud_core::SdkError<E>> for Error {
            fn from(e: tencentcloud_core::SdkError<E>) -> Self {
                match e.into_service_error() {
                    Ok(e) => e.into(),
                    Err(other) => Error::Sdk(other),
                }
            }
        }
        impl<O, E: Into<Error>> From<tencentcloud_core::WaitError<O, E>> for Error {
            fn from(e: tencentcloud_core::WaitError<O, E>) -> Self {
                match e.into_call_error() {
                    Ok(failure) => Error::Wait(failure),
                    Err(call) => call.into(),
                }
            }
        }
        impl From<tencentcloud_core::RequestError> for Error {
            fn from(e: tencentcloud_core::RequestError) -> Self {
                Error::Sdk(tencentcloud_core::SdkError::InvalidRequest(e))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::names::RustName;

    fn code_model(en: &str, zh: &str) -> CodeModel {
        let name = |bare: &str| RustName {
            bare: bare.to_owned(),
            raw: false,
        };
        CodeModel {
            code: "FailedOperation.InsufficientBalance".to_owned(),
            variant: name("FailedOperationInsufficientBalance"),
            is_method: name("is_failed_operation_insufficient_balance"),
            description: [
                ("en-US".to_owned(), en.to_owned()),
                ("zh-CN".to_owned(), zh.to_owned()),
            ]
            .into(),
            common: false,
        }
    }

    /// As in the spec: the English page lists the code without a text
    /// (spec/sources/lighthouse-CreateBlueprint.en-US.page.txt:89), the Chinese doc has one
    /// (spec/sources/lighthouse-api-doc.zh-CN.pdf.txt:6055).
    #[test]
    fn an_empty_english_description_falls_back_to_chinese() {
        assert_eq!(
            description(&code_model("", "账户余额不足, 请及时充值。")),
            "账户余额不足, 请及时充值。"
        );
        assert_eq!(
            description(&code_model(" \n", "账户余额不足")),
            "账户余额不足"
        );
        assert_eq!(
            description(&code_model("Insufficient balance.", "账户余额不足")),
            "Insufficient balance."
        );
        assert_eq!(description(&code_model("", "")), "");
    }
}
