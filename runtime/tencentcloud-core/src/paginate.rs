//! Generic Offset/Limit pagination as a [`Stream`] of pages and of items.

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
///
/// The stream is built on first use, so the call and decode code of a paginated action is
/// compiled where it is polled, not in every generated crate that offers a paginator.
pub struct Paginator<I, O, E> {
    start: Option<State<I>>,
    inner: Option<BoxStream<'static, Result<O, SdkError<E>>>>,
}

// No field is pinned in place (the stream is boxed).
impl<I, O, E> Unpin for Paginator<I, O, E> {}

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
    Paginator {
        start: Some(State {
            runtime,
            op,
            options,
            next: Some(first),
        }),
        inner: None,
    }
}

/// The stream of pages from `state`.
fn pages<I, O, E>(state: State<I>) -> BoxStream<'static, Result<O, SdkError<E>>>
where
    I: PagedRequest + Serialize + Sync,
    O: PagedResponse + DeserializeOwned,
    E: OperationError,
{
    stream::unfold(state, |mut state| async move {
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
    .boxed()
}

impl<I, O, E> Paginator<I, O, E>
where
    I: PagedRequest + Serialize + Sync,
    O: PagedResponse + DeserializeOwned,
    E: OperationError,
{
    /// The stream, built on first use.
    fn stream(&mut self) -> Option<&mut BoxStream<'static, Result<O, SdkError<E>>>> {
        if let Some(state) = self.start.take() {
            self.inner = Some(pages(state));
        }
        self.inner.as_mut()
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
            start: None,
            inner: Some(stream::once(async move { Err(error) }).boxed()),
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
    I: PagedRequest + Serialize + Sync,
    O: PagedResponse + DeserializeOwned,
    E: OperationError,
{
    /// A stream of the items of every page.
    pub fn items(mut self) -> BoxStream<'static, Result<O::Item, SdkError<E>>> {
        let pages = match self.stream() {
            Some(_) => self.inner.take(),
            None => None,
        };
        stream::iter(pages)
            .flatten()
            .flat_map(|page| match page {
                Ok(page) => stream::iter(page.into_items().into_iter().map(Ok)).left_stream(),
                Err(e) => stream::once(async move { Err(e) }).right_stream(),
            })
            .boxed()
    }
}

impl<I, O, E> Stream for Paginator<I, O, E>
where
    I: PagedRequest + Serialize + Sync,
    O: PagedResponse + DeserializeOwned,
    E: OperationError,
{
    type Item = Result<O, SdkError<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match self.get_mut().stream() {
            Some(pages) => pages.as_mut().poll_next(cx),
            None => Poll::Ready(None),
        }
    }
}

impl<I, O, E> std::fmt::Debug for Paginator<I, O, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Paginator")
    }
}
