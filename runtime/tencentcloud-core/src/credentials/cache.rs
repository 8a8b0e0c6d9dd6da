//! Caching and refresh-before-expiry for temporary credentials, without holding a lock across
//! the refresh.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use futures_util::future::{BoxFuture, FutureExt, Shared};

use super::{Credential, CredentialsError, ProvideCredentials};

/// Default margin before expiry at which credentials are refreshed.
pub const DEFAULT_REFRESH_BEFORE: Duration = Duration::from_secs(300);
/// Default limit on one refresh: a provider that takes longer counts as failed.
pub const DEFAULT_REFRESH_TIMEOUT: Duration = Duration::from_secs(30);
/// After a failed refresh while the cached credentials are still valid, how long to keep
/// serving them before trying again.
const RETRY_FAILED_REFRESH_AFTER: Duration = Duration::from_secs(10);

type Refresh = Shared<BoxFuture<'static, Result<Credential, CredentialsError>>>;

/// Caches the credentials of `P` and asks `P` again when they are within `refresh_before` of
/// their expiry. Credentials without an expiry are cached for good.
///
/// - While the cached credentials are still valid, every caller gets them at once; the refresh
///   runs in a background task (one at a time), so a slow or hung provider delays nobody.
/// - When nothing valid is cached, callers wait for the one shared refresh (each within its
///   own deadline, which the runtime applies); no lock is held while waiting.
/// - A refresh that fails or takes longer than `refresh_timeout` leaves still-valid
///   credentials in use (retried 10 s later) and otherwise returns the error
///   ([`CredentialsError::Expired`] when the cached ones have expired). Never panics.
pub struct CachingProvider<P> {
    inner: Arc<P>,
    refresh_before: Duration,
    refresh_timeout: Duration,
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    cached: Option<Credential>,
    refreshing: Option<Refresh>,
    /// After a failed refresh: no new refresh before this time while the cache is valid.
    retry_after: Option<SystemTime>,
}

impl<P: fmt::Debug> fmt::Debug for CachingProvider<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = lock(&self.state);
        f.debug_struct("CachingProvider")
            .field("inner", &self.inner)
            .field("refresh_before", &self.refresh_before)
            .field("cached", &state.cached)
            .field("refreshing", &state.refreshing.is_some())
            .finish()
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What a caller does after looking at the cache.
enum Next {
    Use(Credential),
    Wait(Refresh, Option<Credential>),
}

impl<P: ProvideCredentials> CachingProvider<P> {
    /// Wraps `inner`, refreshing [`DEFAULT_REFRESH_BEFORE`] before expiry.
    pub fn new(inner: P) -> Self {
        Self {
            inner: Arc::new(inner),
            refresh_before: DEFAULT_REFRESH_BEFORE,
            refresh_timeout: DEFAULT_REFRESH_TIMEOUT,
            state: Arc::default(),
        }
    }

    /// Sets how long before expiry to refresh.
    pub fn refresh_before(mut self, margin: Duration) -> Self {
        self.refresh_before = margin;
        self
    }

    /// Sets how long one refresh may take before it counts as failed.
    pub fn refresh_timeout(mut self, timeout: Duration) -> Self {
        self.refresh_timeout = timeout;
        self
    }

    async fn get(&self) -> Result<Credential, CredentialsError> {
        match self.next(SystemTime::now()) {
            Next::Use(c) => Ok(c),
            Next::Wait(refresh, stale) => match refresh.await {
                Ok(c) => Ok(c),
                Err(e) => Err(match stale {
                    Some(_) => CredentialsError::Expired(e.to_string()),
                    None => e,
                }),
            },
        }
    }

    /// Decides under the lock, without awaiting anything.
    fn next(&self, now: SystemTime) -> Next {
        let mut state = lock(&self.state);
        let cached = state.cached.clone();
        if let Some(c) = &cached {
            if !needs_refresh(c, now, self.refresh_before) {
                return Next::Use(c.clone());
            }
            let backing_off = state.retry_after.is_some_and(|t| now < t);
            if still_valid(c, now) && (backing_off || state.refreshing.is_some()) {
                return Next::Use(c.clone());
            }
        }
        let refresh = match &state.refreshing {
            Some(r) => r.clone(),
            None => {
                let r = self.start_refresh();
                state.refreshing = Some(r.clone());
                r
            }
        };
        match cached {
            Some(c) if still_valid(&c, now) => {
                drop(state);
                // Nobody waits: make sure the refresh runs even without a spawned task.
                if tokio::runtime::Handle::try_current().is_err() {
                    return Next::Wait(refresh, None).or_cached(c);
                }
                Next::Use(c)
            }
            stale => Next::Wait(refresh, stale),
        }
    }

    /// The shared refresh: calls the provider (bounded by `refresh_timeout`) and stores the
    /// result. Runs as a background task when a Tokio runtime is available.
    fn start_refresh(&self) -> Refresh {
        let inner = Arc::clone(&self.inner);
        let state = Arc::clone(&self.state);
        let timeout = self.refresh_timeout;
        let task = async move {
            let result = match tokio::time::timeout(timeout, inner.provide_credentials()).await {
                Ok(r) => r,
                Err(_) => Err(CredentialsError::Provider(format!(
                    "the credentials provider did not answer within {timeout:?}"
                ))),
            };
            let mut state = lock(&state);
            state.refreshing = None;
            match &result {
                Ok(fresh) => {
                    state.cached = Some(fresh.clone());
                    state.retry_after = None;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "credential refresh failed");
                    state.retry_after = SystemTime::now().checked_add(RETRY_FAILED_REFRESH_AFTER);
                }
            }
            result
        };
        let future: BoxFuture<'static, _> = match tokio::runtime::Handle::try_current() {
            Ok(handle) => {
                let join = handle.spawn(task);
                Box::pin(async move {
                    join.await.unwrap_or_else(|e| {
                        Err(CredentialsError::Provider(format!(
                            "credential refresh task failed: {e}"
                        )))
                    })
                })
            }
            Err(_) => Box::pin(task),
        };
        future.shared()
    }
}

impl Next {
    /// Waits for `self`'s refresh but falls back to `cached` when it fails.
    fn or_cached(self, cached: Credential) -> Next {
        match self {
            Next::Wait(refresh, _) => {
                let fallback = async move { Ok(refresh.await.unwrap_or(cached)) };
                let boxed: BoxFuture<'static, Result<Credential, CredentialsError>> =
                    Box::pin(fallback);
                Next::Wait(boxed.shared(), None)
            }
            other => other,
        }
    }
}

fn needs_refresh(c: &Credential, now: SystemTime, margin: Duration) -> bool {
    match c.expires_at() {
        None => false,
        Some(at) => at.duration_since(now).map_or(true, |left| left <= margin),
    }
}

fn still_valid(c: &Credential, now: SystemTime) -> bool {
    !matches!(c.expires_at(), Some(at) if at <= now)
}

impl<P: ProvideCredentials> ProvideCredentials for CachingProvider<P> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        Box::pin(self.get())
    }
}
