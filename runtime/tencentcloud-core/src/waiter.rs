//! Waiting for a condition: poll a read-only action with backoff until a predicate over its
//! response holds, fail on a second predicate, stop at a deadline.
//!
//! Tencent Cloud's changing actions are asynchronous: `CreateInstances` answers with ids while
//! the instances are still being created. A [`Waiter`] polls the matching read-only action
//! instead of a hand-written loop. Generated crates put `wait_until` on the builder of every
//! read-only action, so waiting for a Lighthouse instance to be `RUNNING` reads:
//!
//! ```ignore
//! let instances = client
//!     .describe_instances()
//!     .instance_ids([id.as_str()])
//!     .wait_until(|r| r.instance_set.iter().all(|i| i.instance_state == "RUNNING"))
//!     .fail_when(|r| r.instance_set.iter().any(|i| i.latest_operation_state == "FAILED"))
//!     .timeout(Duration::from_secs(600))
//!     .await?;
//! ```
//!
//! The outcome says which way it ended: `Ok(response)` (the response that met the condition),
//! [`WaitError::Failed`] (the failure predicate held), [`WaitError::TimedOut`] (the deadline
//! passed first) or [`WaitError::Call`] (a poll failed; transient failures are already
//! retried by the runtime inside each poll).

use std::error::Error as StdError;
use std::fmt;
use std::future::IntoFuture;
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::customize::CallOptions;
use crate::error::{OperationError, SdkError};
use crate::meta::OperationMeta;
use crate::runtime::Runtime;

/// How long a waiter waits by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);
/// The default delay before the second poll; it doubles after each poll.
pub const DEFAULT_FIRST_DELAY: Duration = Duration::from_secs(2);
/// The default longest delay between two polls.
pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(20);

/// A predicate over a response.
type Predicate<O> = Box<dyn Fn(&O) -> bool + Send + Sync>;
/// A predicate over a failed poll.
type ErrorPredicate<E> = Box<dyn Fn(&SdkError<E>) -> bool + Send + Sync>;
/// One poll: a call of the read-only action.
type Poll<O, E> = Box<dyn Fn() -> BoxFuture<'static, Result<O, SdkError<E>>> + Send + Sync>;

/// Polls a read-only action until a condition over its response holds. Configure it with
/// [`fail_when`](Self::fail_when), [`timeout`](Self::timeout), [`delays`](Self::delays) and
/// [`retry_on_error`](Self::retry_on_error), then `.await` it (or call [`wait`](Self::wait)).
///
/// The first poll is immediate; the delay before the next starts at 2 s and doubles up to
/// 20 s, each with random jitter (between half and all of it); the whole wait, calls included,
/// never outlasts the timeout (5 minutes by default).
pub struct Waiter<O, E> {
    poll: Result<Poll<O, E>, SdkError<E>>,
    ready: Predicate<O>,
    failed: Option<Predicate<O>>,
    retry_on: Option<ErrorPredicate<E>>,
    timeout: Duration,
    first_delay: Duration,
    max_delay: Duration,
}

impl<O, E> Waiter<O, E>
where
    O: DeserializeOwned + Send + 'static,
    E: OperationError,
{
    /// A waiter that calls `op` with `request` (each call with `options`) until `ready` holds
    /// for its response.
    pub fn new<I>(
        runtime: Runtime,
        op: &'static OperationMeta,
        request: I,
        options: CallOptions,
        ready: impl Fn(&O) -> bool + Send + Sync + 'static,
    ) -> Self
    where
        I: Serialize + Send + Sync + 'static,
    {
        let shared = Arc::new((request, options));
        let poll: Poll<O, E> = Box::new(move || {
            let runtime = runtime.clone();
            let shared = Arc::clone(&shared);
            Box::pin(async move {
                let (request, options) = &*shared;
                runtime.invoke_with::<I, O, E>(op, request, options).await
            })
        });
        Self::with_poll(Ok(poll), Box::new(ready))
    }

    /// A waiter that ends at once with `error`: what a builder returns when its request is
    /// refused before sending (a required field is not set).
    pub fn refused(error: SdkError<E>) -> Self {
        Self::with_poll(Err(error), Box::new(|_| false))
    }

    fn with_poll(poll: Result<Poll<O, E>, SdkError<E>>, ready: Predicate<O>) -> Self {
        Waiter {
            poll,
            ready,
            failed: None,
            retry_on: None,
            timeout: DEFAULT_TIMEOUT,
            first_delay: DEFAULT_FIRST_DELAY,
            max_delay: DEFAULT_MAX_DELAY,
        }
    }
}

impl<O, E> Waiter<O, E> {
    /// Ends the wait with [`WaitError::Failed`] as soon as `failed` holds for a response
    /// (checked after the success condition): a state the resource will not leave by itself.
    pub fn fail_when(mut self, failed: impl Fn(&O) -> bool + Send + Sync + 'static) -> Self {
        self.failed = Some(Box::new(failed));
        self
    }

    /// Keeps polling when a poll fails with an error for which `retry` holds (for example a
    /// `ResourceNotFound` right after creation, before the new resource is visible); any other
    /// failed poll ends the wait with [`WaitError::Call`].
    pub fn retry_on_error(
        mut self,
        retry: impl Fn(&SdkError<E>) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.retry_on = Some(Box::new(retry));
        self
    }

    /// The longest the whole wait may take, polls included (default 5 minutes).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The delay before the second poll (doubling after each poll) and the longest delay
    /// between two polls (defaults 2 s and 20 s).
    pub fn delays(mut self, first: Duration, max: Duration) -> Self {
        self.first_delay = first;
        self.max_delay = max.max(first);
        self
    }
}

impl<O, E> Waiter<O, E>
where
    O: Send + 'static,
    E: Send + 'static,
{
    /// Polls until the condition holds, the failure condition holds, a poll fails or the
    /// timeout passes.
    pub async fn wait(self) -> Result<O, WaitError<O, E>> {
        let poll = self.poll.map_err(WaitError::Call)?;
        let started = tokio::time::Instant::now();
        let deadline = started + self.timeout;
        let mut delay = self.first_delay;
        let mut attempts = 0;
        let mut last = None;
        loop {
            attempts += 1;
            match tokio::time::timeout_at(deadline, poll()).await {
                Err(_elapsed) => return Err(timed_out(started, attempts, last)),
                Ok(Ok(response)) => {
                    if (self.ready)(&response) {
                        return Ok(response);
                    }
                    if self.failed.as_ref().is_some_and(|failed| failed(&response)) {
                        return Err(WaitError::Failed {
                            response: Box::new(response),
                            attempts,
                        });
                    }
                    last = Some(Box::new(response));
                }
                Ok(Err(e)) if self.retry_on.as_ref().is_some_and(|retry| retry(&e)) => {
                    tracing::debug!(error = %DisplayOnly(&e), "waiter: poll failed, polling again");
                }
                Ok(Err(e)) => return Err(WaitError::Call(e)),
            }
            let pause = jittered(delay);
            if tokio::time::Instant::now() + pause >= deadline {
                return Err(timed_out(started, attempts, last));
            }
            tokio::time::sleep(pause).await;
            delay = delay.saturating_mul(2).min(self.max_delay);
        }
    }
}

/// Shows an error through `Display` without requiring `E: Display` of the waiter.
struct DisplayOnly<'a, E>(&'a SdkError<E>);

impl<E> fmt::Display for DisplayOnly<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.0 {
            SdkError::Service(_) => "service error",
            SdkError::InvalidRequest(_) => "invalid request",
            SdkError::Credentials(_) => "credentials",
            SdkError::Timeout(_) => "timeout",
            SdkError::Transport(_) => "transport",
            SdkError::InvalidResponse(_) => "invalid response",
        };
        f.write_str(kind)
    }
}

fn timed_out<O, E>(
    started: tokio::time::Instant,
    attempts: u32,
    last: Option<Box<O>>,
) -> WaitError<O, E> {
    WaitError::TimedOut {
        after: started.elapsed(),
        attempts,
        last,
    }
}

/// Between half of `delay` and all of it.
fn jittered(delay: Duration) -> Duration {
    let half = delay / 2;
    let spread = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
    let extra = if spread == 0 {
        0
    } else {
        crate::random::u64() % spread
    };
    half + Duration::from_nanos(extra)
}

impl<O, E> IntoFuture for Waiter<O, E>
where
    O: Send + 'static,
    E: Send + 'static,
{
    type Output = Result<O, WaitError<O, E>>;
    type IntoFuture = BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}

impl<O, E> fmt::Debug for Waiter<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Waiter")
            .field("timeout", &self.timeout)
            .field("first_delay", &self.first_delay)
            .field("max_delay", &self.max_delay)
            .field("fail_when", &self.failed.is_some())
            .field("retry_on_error", &self.retry_on.is_some())
            .finish_non_exhaustive()
    }
}

/// How a wait ended without its condition holding.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError<O, E> {
    /// The failure condition ([`Waiter::fail_when`]) held for this response.
    Failed {
        /// The response the failure condition held for.
        response: Box<O>,
        /// Polls made, this one included.
        attempts: u32,
    },
    /// The timeout passed before the condition held.
    TimedOut {
        /// How long the wait lasted.
        after: Duration,
        /// Polls made.
        attempts: u32,
        /// The last response received, if any poll succeeded.
        last: Option<Box<O>>,
    },
    /// A poll failed with an error [`Waiter::retry_on_error`] did not accept.
    Call(SdkError<E>),
}

impl<O, E> WaitError<O, E> {
    /// Which way the wait ended, without the response.
    pub fn kind(&self) -> WaitErrorKind {
        match self {
            WaitError::Failed { .. } => WaitErrorKind::Failed,
            WaitError::TimedOut { .. } => WaitErrorKind::TimedOut,
            WaitError::Call(_) => WaitErrorKind::Call,
        }
    }

    /// The response the wait ended on: the one the failure condition held for, or the last
    /// one before the timeout.
    pub fn response(&self) -> Option<&O> {
        match self {
            WaitError::Failed { response, .. } => Some(response),
            WaitError::TimedOut { last, .. } => last.as_deref(),
            WaitError::Call(_) => None,
        }
    }

    /// The failed call, when a poll failed.
    pub fn call_error(&self) -> Option<&SdkError<E>> {
        match self {
            WaitError::Call(e) => Some(e),
            _ => None,
        }
    }

    /// The failed call (`Err`), or the wait's own outcome without the response (`Ok`): how a
    /// service-wide error type takes a waiter's error.
    pub fn into_call_error(self) -> Result<WaitFailure, SdkError<E>> {
        match self {
            WaitError::Failed { attempts, .. } => Ok(WaitFailure::Failed { attempts }),
            WaitError::TimedOut {
                after, attempts, ..
            } => Ok(WaitFailure::TimedOut { after, attempts }),
            WaitError::Call(e) => Err(e),
        }
    }
}

/// Which way a wait ended without its condition holding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaitErrorKind {
    /// The failure condition held.
    Failed,
    /// The timeout passed.
    TimedOut,
    /// A poll failed.
    Call,
}

impl<O, E: fmt::Display> fmt::Display for WaitError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Failed { attempts, .. } => WaitFailure::Failed {
                attempts: *attempts,
            }
            .fmt(f),
            WaitError::TimedOut {
                after, attempts, ..
            } => WaitFailure::TimedOut {
                after: *after,
                attempts: *attempts,
            }
            .fmt(f),
            WaitError::Call(e) => e.fmt(f),
        }
    }
}

impl<O: fmt::Debug, E: StdError + 'static> StdError for WaitError<O, E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            WaitError::Call(e) => e.source(),
            _ => None,
        }
    }
}

/// A wait that ended without its condition holding and without a failed call: the
/// [`WaitError`] of any action, without its response (what a service-wide error keeps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaitFailure {
    /// The failure condition held.
    Failed {
        /// Polls made.
        attempts: u32,
    },
    /// The timeout passed first.
    TimedOut {
        /// How long the wait lasted.
        after: Duration,
        /// Polls made.
        attempts: u32,
    },
}

impl fmt::Display for WaitFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitFailure::Failed { attempts } => write!(
                f,
                "the waiter's failure condition held (after {attempts} polls)"
            ),
            WaitFailure::TimedOut { after, attempts } => write!(
                f,
                "the waiter's condition did not hold within {after:?} ({attempts} polls)"
            ),
        }
    }
}

impl StdError for WaitFailure {}
