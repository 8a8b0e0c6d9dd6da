//! Generic Offset/Limit pagination as a [`Stream`] of pages and of items.

use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::stream::{self, BoxStream, StreamExt};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::customize::CallOptions;
use crate::error::{OperationError, SdkError};
use crate::meta::OperationMeta;
use crate::runtime::Runtime;

/// A request with `Offset` and `Limit`.
pub trait PagedRequest: Clone + Send + 'static {
    /// The current `Offset` (0 when unset).
    fn offset(&self) -> i64;
    /// Sets `Offset`.
    fn set_offset(&mut self, offset: i64);
    /// The `Limit`, if set.
    fn limit(&self) -> Option<i64>;
}

/// A response with a `TotalCount` and a list of items.
pub trait PagedResponse: Send + 'static {
    /// The item type.
    type Item: Send + 'static;
    /// The `TotalCount`, if the server sent one.
    fn total_count(&self) -> Option<i64>;
    /// The items of this page.
    fn items(&self) -> &[Self::Item];
    /// The items of this page, owned.
    fn into_items(self) -> Vec<Self::Item>;
}

/// A stream of pages; stops when offset >= total_count, a page is empty, or a call fails
/// (the error is yielded, then the stream ends).
pub struct Paginator<I, O, E> {
    inner: BoxStream<'static, Result<O, SdkError<E>>>,
    _marker: PhantomData<fn() -> I>,
}

/// Where the next page starts, or `None` when done.
struct State<I> {
    runtime: Runtime,
    op: &'static OperationMeta,
    options: CallOptions,
    next: Option<I>,
}

/// Pages through `op` starting at `first`.
pub fn paginate<I, O, E>(
    runtime: Runtime,
    op: &'static OperationMeta,
    first: I,
) -> Paginator<I, O, E>
where
    I: PagedRequest + Serialize + Sync,
    O: PagedResponse + DeserializeOwned,
    E: OperationError,
{
    paginate_with(runtime, op, first, CallOptions::default())
}

/// Pages through `op` starting at `first`, every page's call with `options`.
pub fn paginate_with<I, O, E>(
    runtime: Runtime,
    op: &'static OperationMeta,
    first: I,
    options: CallOptions,
) -> Paginator<I, O, E>
where
    I: PagedRequest + Serialize + Sync,
    O: PagedResponse + DeserializeOwned,
    E: OperationError,
{
    let state = State {
        runtime,
        op,
        options,
        next: Some(first),
    };
    let inner = stream::unfold(state, |mut state| async move {
        let request = state.next.take()?;
        let result = state
            .runtime
            .invoke_with::<I, O, E>(state.op, &request, &state.options)
            .await;
        if let Ok(page) = &result {
            state.next = next_request(request, page);
        }
        Some((result, state))
    })
    .boxed();
    Paginator {
        inner,
        _marker: PhantomData,
    }
}

impl<I, O, E> Paginator<I, O, E>
where
    O: Send + 'static,
    E: Send + 'static,
{
    /// A paginator that yields `error` and ends: what a builder returns when its request is
    /// refused before sending (a required field is not set), so `into_paginator()` needs no
    /// `Result` of its own and the error arrives where the pages would.
    pub fn failed(error: SdkError<E>) -> Self {
        Paginator {
            inner: stream::once(async move { Err(error) }).boxed(),
            _marker: PhantomData,
        }
    }
}

/// The request for the page after `page`, or `None` when `page` was the last.
fn next_request<I: PagedRequest, O: PagedResponse>(mut request: I, page: &O) -> Option<I> {
    let got = i64::try_from(page.items().len()).unwrap_or(i64::MAX);
    if got == 0 {
        return None;
    }
    let next_offset = request.offset().saturating_add(got);
    if page.total_count().is_some_and(|total| next_offset >= total) {
        return None;
    }
    request.set_offset(next_offset);
    Some(request)
}

impl<I, O, E> Paginator<I, O, E>
where
    O: PagedResponse,
    E: Send + 'static,
{
    /// A stream of the items of every page.
    pub fn items(self) -> BoxStream<'static, Result<O::Item, SdkError<E>>> {
        self.inner
            .flat_map(|page| match page {
                Ok(page) => stream::iter(page.into_items().into_iter().map(Ok)).left_stream(),
                Err(e) => stream::once(async move { Err(e) }).right_stream(),
            })
            .boxed()
    }
}

impl<I, O, E> Stream for Paginator<I, O, E> {
    type Item = Result<O, SdkError<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<I, O, E> std::fmt::Debug for Paginator<I, O, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Paginator")
    }
}
