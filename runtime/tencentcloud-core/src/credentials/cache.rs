//! Caching and refresh-before-expiry for temporary credentials.

use std::time::{Duration, SystemTime};

use futures_util::future::BoxFuture;
use tokio::sync::Mutex;

use super::{Credential, CredentialsError, ProvideCredentials};

/// Default margin before expiry at which credentials are refreshed.
pub const DEFAULT_REFRESH_BEFORE: Duration = Duration::from_secs(300);

/// Caches the credentials of `P` and asks `P` again when they are within `refresh_before` of
/// their expiry. A failed refresh keeps serving the cached credentials while they are still
/// valid, and returns an error once they have expired; it never panics. Credentials without an
/// expiry are cached for good. Concurrent callers share one refresh.
#[derive(Debug)]
pub struct CachingProvider<P> {
    inner: P,
    refresh_before: Duration,
    cached: Mutex<Option<Credential>>,
}

impl<P: ProvideCredentials> CachingProvider<P> {
    /// Wraps `inner`, refreshing [`DEFAULT_REFRESH_BEFORE`] before expiry.
    pub fn new(inner: P) -> Self {
        Self {
            inner,
            refresh_before: DEFAULT_REFRESH_BEFORE,
            cached: Mutex::new(None),
        }
    }

    /// Sets how long before expiry to refresh.
    pub fn refresh_before(mut self, margin: Duration) -> Self {
        self.refresh_before = margin;
        self
    }

    async fn get(&self) -> Result<Credential, CredentialsError> {
        let mut cached = self.cached.lock().await;
        let now = SystemTime::now();
        if let Some(c) = cached.as_ref() {
            if !needs_refresh(c, now, self.refresh_before) {
                return Ok(c.clone());
            }
        }
        match self.inner.provide_credentials().await {
            Ok(fresh) => {
                *cached = Some(fresh.clone());
                Ok(fresh)
            }
            Err(e) => match cached.as_ref() {
                Some(c) if still_valid(c, now) => {
                    tracing::warn!(error = %e, "credential refresh failed; using cached credentials until they expire");
                    Ok(c.clone())
                }
                Some(_) => Err(CredentialsError::Expired(e.to_string())),
                None => Err(e),
            },
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
