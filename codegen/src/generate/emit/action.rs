//! One action's module: request, response, fluent builder, error enum, pagination.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::super::docs::{code, escape, Doc};
use super::super::model::{is_read_only, ActionModel, CrateModel, Repr, RustType, REQUEST_ID};
use super::super::render;
use super::structs::struct_item;
use crate::spec::RegionRequirement;

/// Where data structures live, from an action module.
const TYPES: &str = "crate::types::";

/// The whole `src/actions/<action>.rs`.
pub fn action_file(model: &CrateModel, a: &ActionModel) -> Result<TokenStream, String> {
    let module_doc = action_doc(model, a, "crate::")
        .extend(examples_doc(a))
        .inner_tokens();
    let request = request_items(model, a)?;
    let response = response_items(model, a)?;
    let builder = builder_items(model, a)?;
    let error = super::errors::action_error(model, a);
    Ok(quote! {
        #module_doc
        use crate::CommonError;
        use tencentcloud_core::{OperationError, OperationMeta, RegionRequirement, RequestError, ServiceError};
        #request
        #response
        #builder
        #error
    })
}

/// The action's docs: title, description, rate limit, region, retries, errors. `path` is how
/// the action's module is reached from where the doc is placed (`""` inside it).
pub fn action_doc(model: &CrateModel, a: &ActionModel, path: &str) -> Doc {
    let spec = &a.spec;
    let mut doc = Doc::new()
        .line(format!(
            "{} (API action {}).",
            title_of(a),
            code(&spec.name)
        ))
        .text(&spec.description);
    if let Some(rate) = spec.rate_limit_per_second {
        doc = doc.line(format!("Rate limit: {rate} requests per second."));
    }
    doc = doc.line(match spec.region {
        RegionRequirement::Required => "Region: required (configure one on the `Config`).",
        RegionRequirement::Optional => "Region: optional (sent when configured).",
        RegionRequirement::None => "Region: not used by this action.",
    });
    doc = doc.line(retry_sentence(a));
    if let Some(feature) = &a.feature {
        doc = doc.line(format!(
            "Cargo feature: {} (its API category).",
            code(feature)
        ));
    }
    let error = format!("{path}{}", a.error_name());
    let mut errors = format!("Errors: [`{error}`]; the codes this action documents:");
    for &i in a.own_codes.iter().chain(&a.common_codes) {
        if let Some(c) = model.codes.get(i) {
            errors.push_str(&format!(
                "\n- {}: {}",
                code(&c.code),
                Doc::first_line_of(&c.description)
            ));
        }
    }
    doc.line(errors)
}

/// The action's title (first language), or its name.
/// The docs' examples of the action, each under its number and title: the request body and
/// the `Response` object as JSON (shown, not compiled), or why the docs' example is unusable.
fn examples_doc(a: &ActionModel) -> Doc {
    let mut doc = Doc::new();
    if a.examples.is_empty() {
        return doc;
    }
    doc = doc.line("# Examples from the docs");
    for e in &a.examples {
        let title = Doc::first_line_of(&e.title);
        doc = doc.line(if title.is_empty() {
            format!("## Example {}", e.number)
        } else {
            format!("## Example {}: {title}", e.number)
        });
        if let Some(why) = &e.skip {
            doc = doc.line(format!(
                "(The docs' example cannot be used as written: {}.)",
                escape(why)
            ));
        }
        doc = doc
            .line(format!("Request body:\n```json\n{}\n```", pretty(&e.input)))
            .line(format!("Response:\n```json\n{}\n```", pretty(&e.output)));
    }
    doc
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

fn title_of(a: &ActionModel) -> String {
    let title = Doc::first_line_of(&a.spec.title);
    if title.is_empty() {
        a.spec.name.clone()
    } else {
        title
    }
}

fn retry_sentence(a: &ActionModel) -> &'static str {
    match (a.retry_safe, a.client_token.is_some()) {
        (true, true) => "Retried on throttling and transient failures: it carries a `ClientToken` (a fresh one is generated when none is given), so a retry cannot repeat the action.",
        (true, false) => "Retried on throttling and transient failures (a read-only action).",
        (false, _) => "Retried only on throttling (`RequestLimitExceeded*`, refused before it ran): the action changes state and takes no `ClientToken`, so other failures are not retried.",
    }
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The request struct, its `Operation` impl and its `PagedRequest` impl.
fn request_items(model: &CrateModel, a: &ActionModel) -> Result<TokenStream, String> {
    let doc = Doc::new().line(format!(
        "The input of {}: build it with [`{}`] or by hand, send it with [`crate::Client::send`].",
        code(&a.spec.name),
        a.builder_name()
    ));
    let item = struct_item(model, &a.request, &doc, TYPES)?;
    let request = a.request.name.ident();
    let response = a.response.name.ident();
    let error = ident(&a.error_name());
    let action = &a.spec.name;
    let retry_safe = a.retry_safe;
    let region = ident(super::super::model::region_variant(a.spec.region));
    let prepare = a.client_token.and_then(|i| a.request.fields.get(i)).map(|f| {
        let name = f.name.ident();
        let set = match f.repr {
            Repr::Optional => quote! { self.#name.get_or_insert_with(tencentcloud_core::new_client_token); },
            Repr::Plain => quote! { if self.#name.is_empty() { self.#name = tencentcloud_core::new_client_token(); } },
        };
        quote! { fn prepare(&mut self) { #set } }
    });
    let paged = a
        .pagination
        .as_ref()
        .map(|p| paged_request(a, p.offset, p.limit));
    let builder = ident(&a.builder_name());
    let builder_doc = format!(
        " A builder of the request without a client: it builds (for [`crate::Client::send`], a test, a file) but does not send; [`crate::Client::{}`] gives one that sends.",
        a.snake.link()
    );
    let read_only = is_read_only(&a.spec.name).then(|| {
        quote! { impl crate::ReadOnly for #request {} }
    });
    Ok(quote! {
        #item
        impl #request {
            #[doc = #builder_doc]
            pub fn builder() -> #builder<()> {
                #builder::new(())
            }
        }
        #read_only
        impl crate::Operation for #request {
            type Response = #response;
            type Error = #error;
            const META: &'static OperationMeta = &OperationMeta {
                action: #action,
                retry_safe: #retry_safe,
                region: RegionRequirement::#region,
            };
            #prepare
        }
        #paged
    })
}

fn paged_request(a: &ActionModel, offset: usize, limit: usize) -> TokenStream {
    let request = a.request.name.ident();
    let field = |i: usize| a.request.fields.get(i);
    let (Some(offset), Some(limit)) = (field(offset), field(limit)) else {
        return TokenStream::new();
    };
    let (o, l) = (offset.name.ident(), limit.name.ident());
    let (get, set) = match offset.repr {
        Repr::Optional => (
            quote! { self.#o.unwrap_or(0) },
            quote! { self.#o = Some(offset); },
        ),
        Repr::Plain => (quote! { self.#o }, quote! { self.#o = offset; }),
    };
    let limit = match limit.repr {
        Repr::Optional => quote! { self.#l },
        Repr::Plain => quote! { Some(self.#l) },
    };
    quote! {
        impl tencentcloud_core::PagedRequest for #request {
            fn offset(&self) -> i64 { #get }
            fn set_offset(&mut self, offset: i64) { #set }
            fn limit(&self) -> Option<i64> { #limit }
        }
    }
}

/// The response struct and its `PagedResponse` impl.
fn response_items(model: &CrateModel, a: &ActionModel) -> Result<TokenStream, String> {
    let doc = Doc::new().line(format!(
        "The output of {}: the `Response` object of the answer, its `RequestId` included.",
        code(&a.spec.name)
    ));
    let item = struct_item(model, &a.response, &doc, TYPES)?;
    let paged = match &a.pagination {
        Some(p) => paged_response(model, a, p.total_count, p.items)?,
        None => TokenStream::new(),
    };
    let request_id = request_id_accessor(a);
    Ok(quote! { #item #request_id #paged })
}

/// `request_id()` on the response, unless the field is an `Option` (which has its `&str`
/// accessor already).
fn request_id_accessor(a: &ActionModel) -> TokenStream {
    let Some(f) = a
        .response
        .fields
        .iter()
        .find(|f| f.wire == REQUEST_ID && f.ty == RustType::String && f.repr == Repr::Plain)
    else {
        return TokenStream::new();
    };
    let (response, name) = (a.response.name.ident(), f.name.ident());
    quote! {
        impl #response {
            /// The id the API gave this request (`RequestId`): quote it to support; an
            /// asynchronous action's progress is reported under it (`LatestOperationRequestId`).
            pub fn request_id(&self) -> &str {
                &self.#name
            }
        }
    }
}

fn paged_response(
    model: &CrateModel,
    a: &ActionModel,
    total: usize,
    items: usize,
) -> Result<TokenStream, String> {
    let response = a.response.name.ident();
    let (Some(total), Some(items)) = (a.response.fields.get(total), a.response.fields.get(items))
    else {
        return Ok(TokenStream::new());
    };
    let RustType::Vec(inner) = &items.ty else {
        return Ok(TokenStream::new());
    };
    let item = render::ty(&model.rust_type(inner, TYPES))?;
    let (t, i) = (total.name.ident(), items.name.ident());
    let total = match total.repr {
        Repr::Optional => quote! { self.#t },
        Repr::Plain => quote! { Some(self.#t) },
    };
    let (slice, owned) = match items.repr {
        Repr::Optional => (
            quote! { self.#i.as_deref().unwrap_or_default() },
            quote! { self.#i.unwrap_or_default() },
        ),
        Repr::Plain => (quote! { &self.#i }, quote! { self.#i }),
    };
    Ok(quote! {
        impl tencentcloud_core::PagedResponse for #response {
            type Item = #item;
            fn total_count(&self) -> Option<i64> { #total }
            fn items(&self) -> &[Self::Item] { #slice }
            fn into_items(self) -> Vec<Self::Item> { #owned }
        }
    })
}

/// The fluent builder: setters, `build`, and with a client `send`, `into_paginator` and (for a
/// read-only action) `wait_until`.
fn builder_items(model: &CrateModel, a: &ActionModel) -> Result<TokenStream, String> {
    let builder = ident(&a.builder_name());
    let request = a.request.name.ident();
    let response = a.response.name.ident();
    let error = ident(&a.error_name());
    let doc = Doc::new()
        .line(format!(
            "Fluent builder for {}, from [`crate::Client::{}`]: set fields, then [`Self::send`]. [`{}::builder`] gives one without a client (`{}<()>`), which only builds.",
            code(&a.spec.name),
            a.snake.link(),
            a.request.name.link(),
            a.builder_name(),
        ))
        .tokens();
    let super::builders::BuilderParts {
        slots,
        nones,
        setters,
        checks,
        moves,
    } = super::builders::parts(model, &a.request, TYPES, "")?;
    let paginator = a.pagination.as_ref().map(|_| {
        quote! {
            /// Pages through the results: a `Stream` of responses; `.items()` streams the items.
            /// Starts at the configured `Offset` (0 when unset) and stops after `TotalCount`
            /// items or at an empty page. A request refused before sending is the stream's
            /// only item.
            pub fn into_paginator(self) -> tencentcloud_core::Paginator<#request, #response, #error> {
                let (client, options) = (self.client.clone(), self.options.clone());
                match self.build() {
                    Ok(request) => client.paginate_with(request, &options),
                    Err(e) => tencentcloud_core::Paginator::failed(e.into()),
                }
            }
        }
    });
    let waiter = is_read_only(&a.spec.name).then(|| {
        quote! {
            /// Polls the action with backoff until `ready` holds for its response (see
            /// [`tencentcloud_core::Waiter`]: `fail_when`, `timeout`, `delays`, then `.await`).
            /// A request refused before sending ends the wait at once.
            pub fn wait_until(
                self,
                ready: impl Fn(&#response) -> bool + Send + Sync + 'static,
            ) -> tencentcloud_core::Waiter<#response, #error> {
                let (client, options) = (self.client.clone(), self.options.clone());
                match self.build() {
                    Ok(request) => client.wait_until_with(request, &options, ready),
                    Err(e) => tencentcloud_core::Waiter::refused(e.into()),
                }
            }
        }
    });
    let fields: Vec<Ident> = [ident("client"), ident("options")]
        .into_iter()
        .chain(a.request.fields.iter().map(|f| f.name.ident()))
        .collect();
    let debug = super::debug_impls::struct_debug(
        quote! { <C: std::fmt::Debug> },
        quote! { #builder<C> },
        &builder.to_string(),
        &fields,
    );
    Ok(quote! {
        #doc
        #[derive(Clone)]
        pub struct #builder<C = crate::Client> { client: C, options: tencentcloud_core::CallOptions, #(#slots)* }
        #debug
        impl<C> #builder<C> {
            pub(crate) fn new(client: C) -> Self { Self { client, options: tencentcloud_core::CallOptions::new(), #(#nones)* } }
            #(#setters)*
            /// The request, or the wire name of the first required field that is not set.
            pub fn build(self) -> Result<#request, RequestError> {
                #(#checks)*
                Ok(#request { #(#moves)* })
            }
        }
        impl #builder {
            /// Overrides the client's attempt timeout, operation deadline, retry policy or
            /// region for this call (and for every page or poll of `into_paginator` and
            /// `wait_until`): `.customize(|o| o.operation_timeout(Duration::from_secs(5)))`.
            pub fn customize(mut self, f: impl FnOnce(tencentcloud_core::CallOptions) -> tencentcloud_core::CallOptions) -> Self {
                self.options = f(self.options);
                self
            }
            /// Sends the request; refused before sending when a required field is not set.
            #[inline]
            pub fn send(self) -> tencentcloud_core::BoxFuture<'static, Result<#response, tencentcloud_core::SdkError<#error>>> {
                let (client, options) = (self.client.clone(), self.options.clone());
                client.send_built(self.build(), options)
            }
            #paginator
            #waiter
        }
    })
}
