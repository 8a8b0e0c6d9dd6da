//! Credentials: the [`Credential`] value, the [`ProvideCredentials`] trait and its providers:
//! the environment, the INI profile file, tccli's files, the CVM instance role, STS
//! `AssumeRole`, OIDC / TKE `AssumeRoleWithWebIdentity`, the default chain over them, and a
//! caching wrapper that refreshes temporary credentials before they expire.

mod cache;
mod chain;
mod cvm;
mod env;
mod file;
mod profile;
mod sts;
mod tccli;

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use futures_util::future::BoxFuture;

pub use cache::{CachingProvider, DEFAULT_REFRESH_BEFORE, DEFAULT_REFRESH_TIMEOUT};
pub use chain::DefaultCredentialsChain;
pub use cvm::{CvmRoleProvider, DEFAULT_METADATA_ENDPOINT};
pub use env::{
    EnvLookup, EnvironmentCredentials, ENV_ROLE_ARN, ENV_ROLE_SESSION_NAME, ENV_SECRET_ID,
    ENV_SECRET_KEY, ENV_SESSION_TOKEN, ENV_TOKEN,
};
pub use profile::{
    IniProfile, ProfileFileCredentials, ENV_CREDENTIALS_FILE, ENV_PROFILE, SYSTEM_CREDENTIALS_FILE,
};
pub use sts::{
    AssumeRoleBuilder, AssumeRoleProvider, WebIdentityBuilder, WebIdentityProvider,
    DEFAULT_DURATION, DEFAULT_STS_REGION, ENV_TKE_PROVIDER_ID, ENV_TKE_REGION, ENV_TKE_ROLE_ARN,
    ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
};
pub use tccli::{TccliCredentials, ENV_TCCLI_PROFILE};

/// Where the network-backed providers that the chain builds send their requests.
#[derive(Debug, Clone)]
pub(crate) struct Endpoints {
    /// The metadata service's role URL.
    pub(crate) metadata: String,
    /// An STS endpoint other than `sts.tencentcloudapi.com`.
    pub(crate) sts: Option<String>,
}

impl Default for Endpoints {
    fn default() -> Self {
        Self {
            metadata: DEFAULT_METADATA_ENDPOINT.to_owned(),
            sts: None,
        }
    }
}

impl Endpoints {
    /// Points `builder` at the STS endpoint, when one is set.
    pub(crate) fn apply(&self, builder: AssumeRoleBuilder) -> AssumeRoleBuilder {
        match &self.sts {
            Some(e) => builder.endpoint(e.clone()),
            None => builder,
        }
    }
}

/// A SecretId / SecretKey pair, with a session token and expiry for temporary credentials.
///
/// `Debug` never shows the secret key or the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    secret_id: String,
    secret_key: String,
    token: Option<String>,
    expires_at: Option<SystemTime>,
}

impl Credential {
    /// Permanent credentials from a SecretId and SecretKey.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Self {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
            expires_at: None,
        }
    }

    /// Adds a session token (temporary credentials), sent as `X-TC-Token`.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Marks the credentials as expiring at `at` (used by [`CachingProvider`]).
    pub fn with_expiry(mut self, at: SystemTime) -> Self {
        self.expires_at = Some(at);
        self
    }

    /// The SecretId.
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The SecretKey. Never log it.
    pub fn secret_key(&self) -> &str {
        &self.secret_key
    }

    /// The session token, for temporary credentials. Never log it.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// When temporary credentials expire.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Credential");
        s.field("SecretId", &self.secret_id);
        s.field("SecretKey", &Redacted);
        if self.token.is_some() {
            s.field("Token", &Redacted);
        }
        if let Some(at) = self.expires_at {
            s.field("ExpiresAt", &at);
        }
        s.finish()
    }
}

/// Prints `***` in place of a secret.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Why no usable credentials could be found. Never contains a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// No source had credentials; lists each source tried with why it did not apply.
    #[error("no credentials found; tried: {}", .tried.join("; "))]
    NotFound {
        /// `source: reason` for each source tried, in order.
        tried: Vec<String>,
    },
    /// A source exists but is unusable (a half-set environment, a malformed file).
    #[error("invalid credentials in {source_name}: {message}")]
    Invalid {
        /// The source: an environment variable name or `path:line`.
        source_name: String,
        /// What is wrong.
        message: String,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        message: String,
    },
    /// A credentials provider (e.g. an STS client) failed.
    #[error("credentials provider failed: {0}")]
    Provider(String),
    /// The only credentials available have expired and could not be refreshed.
    #[error("credentials expired and refresh failed: {0}")]
    Expired(String),
}

impl CredentialsError {
    /// "`source` does not apply, because `reason`" (the chain then tries the next source).
    pub fn not_found(source: &str, reason: String) -> Self {
        CredentialsError::NotFound {
            tried: vec![format!("{source}: {reason}")],
        }
    }

    /// Whether this means "this source has nothing" (the chain then tries the next one).
    pub fn is_not_found(&self) -> bool {
        matches!(self, CredentialsError::NotFound { .. })
    }
}

/// A source of credentials, possibly temporary ones fetched over the network.
///
/// Implement it for an STS client and wrap it in [`CachingProvider`] to refresh before expiry.
pub trait ProvideCredentials: Send + Sync + fmt::Debug + 'static {
    /// Returns credentials valid for the next request.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>>;
}

impl ProvideCredentials for Credential {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        let c = self.clone();
        Box::pin(async move { Ok(c) })
    }
}

/// A provider made from an async closure (e.g. a call to STS `AssumeRole`); wrap it in
/// [`CachingProvider`] so it is called only near expiry. Build it with [`provide_credentials_fn`].
pub struct ProvideCredentialsFn<F>(F);

/// Makes a [`ProvideCredentials`] from an async closure.
pub fn provide_credentials_fn<F, Fut>(f: F) -> ProvideCredentialsFn<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Credential, CredentialsError>> + Send + 'static,
{
    ProvideCredentialsFn(f)
}

impl<F> fmt::Debug for ProvideCredentialsFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProvideCredentialsFn")
    }
}

impl<F, Fut> ProvideCredentials for ProvideCredentialsFn<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Credential, CredentialsError>> + Send + 'static,
{
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        Box::pin((self.0)())
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        (**self).provide_credentials()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_key_and_token() {
        let c = Credential::new("AKIDexample", "very-secret-key").with_token("very-secret-token");
        let dbg = format!("{c:?}");
        assert!(dbg.contains("AKIDexample"));
        assert!(dbg.contains("SecretKey: ***"));
        assert!(dbg.contains("Token: ***"));
        assert!(!dbg.contains("very-secret"));
    }
}
