//! The process environment, injectable for tests, and the credentials it holds.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use futures_util::future::BoxFuture;

use super::{Credential, CredentialsError, ProvideCredentials};

/// Environment variable holding the SecretId.
pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
/// Environment variable holding the SecretKey.
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
/// Environment variable holding the session token (the SDKs' name).
pub const ENV_SESSION_TOKEN: &str = "TENCENTCLOUD_SESSION_TOKEN";
/// Environment variable holding the session token (tccli's name).
pub const ENV_TOKEN: &str = "TENCENTCLOUD_TOKEN";
/// Environment variable naming a role to assume with the environment's keys (tccli).
pub const ENV_ROLE_ARN: &str = "TENCENTCLOUD_ROLE_ARN";
/// Environment variable naming the session of [`ENV_ROLE_ARN`] (tccli).
pub const ENV_ROLE_SESSION_NAME: &str = "TENCENTCLOUD_ROLE_SESSION_NAME";

/// Looks up an environment variable; injectable so tests need not touch the process env.
#[derive(Clone)]
pub struct EnvLookup(Arc<LookupFn>);

/// The function behind an [`EnvLookup`].
type LookupFn = dyn Fn(&str) -> Option<String> + Send + Sync;

impl EnvLookup {
    /// Reads the real process environment.
    pub fn process() -> Self {
        Self(Arc::new(|name| std::env::var(name).ok()))
    }

    /// Uses `f` to look variables up (for tests).
    pub fn from_fn(f: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Self(Arc::new(f))
    }

    /// The value of `name`; empty or whitespace-only values count as unset.
    pub fn get(&self, name: &str) -> Option<String> {
        (self.0)(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    /// The user's home directory (`HOME`, or `USERPROFILE` on Windows).
    pub(crate) fn home(&self) -> Option<PathBuf> {
        self.get("HOME")
            .or_else(|| self.get("USERPROFILE"))
            .map(PathBuf::from)
    }
}

impl Default for EnvLookup {
    fn default() -> Self {
        Self::process()
    }
}

impl fmt::Debug for EnvLookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnvLookup")
    }
}

/// Credentials from `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and the token from
/// `TENCENTCLOUD_SESSION_TOKEN` (the SDKs' name) or `TENCENTCLOUD_TOKEN` (tccli's).
#[derive(Debug, Clone, Default)]
pub struct EnvironmentCredentials {
    env: EnvLookup,
}

impl EnvironmentCredentials {
    /// Reads the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads variables through `env`.
    pub fn with_env(env: EnvLookup) -> Self {
        Self { env }
    }

    /// Resolves now: `NotFound` when neither variable is set, `Invalid` when only one is.
    pub fn resolve(&self) -> Result<Credential, CredentialsError> {
        let id = self.env.get(ENV_SECRET_ID);
        let key = self.env.get(ENV_SECRET_KEY);
        let cred = match (id, key) {
            (Some(id), Some(key)) => Credential::new(id, key),
            (None, None) => {
                return Err(CredentialsError::not_found(
                    "environment",
                    format!("{ENV_SECRET_ID} and {ENV_SECRET_KEY} are not set"),
                ))
            }
            (Some(_), None) => return Err(half_set(ENV_SECRET_ID, ENV_SECRET_KEY)),
            (None, Some(_)) => return Err(half_set(ENV_SECRET_KEY, ENV_SECRET_ID)),
        };
        let token = self
            .env
            .get(ENV_SESSION_TOKEN)
            .or_else(|| self.env.get(ENV_TOKEN));
        Ok(match token {
            Some(token) => cred.with_token(token),
            None => cred,
        })
    }

    /// The role to assume with these keys (`TENCENTCLOUD_ROLE_ARN` and
    /// `TENCENTCLOUD_ROLE_SESSION_NAME`, as tccli reads them), if both are set.
    pub fn role(&self) -> Option<(String, String)> {
        Some((
            self.env.get(ENV_ROLE_ARN)?,
            self.env.get(ENV_ROLE_SESSION_NAME)?,
        ))
    }
}

fn half_set(set: &str, missing: &str) -> CredentialsError {
    CredentialsError::Invalid {
        source_name: "environment".to_owned(),
        message: format!("{set} is set but {missing} is not"),
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        let r = self.resolve();
        Box::pin(async move { r })
    }
}
