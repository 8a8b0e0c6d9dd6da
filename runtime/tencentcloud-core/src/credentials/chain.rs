//! The default credential chain: explicit > environment > profile files.

use futures_util::future::BoxFuture;

use super::sources::{EnvLookup, EnvironmentCredentials, ProfileFileCredentials, TccliCredentials};
use super::{Credential, CredentialsError, ProvideCredentials};

/// Tries, in order: explicit credentials (if given), the environment, the
/// `~/.tencentcloud/credentials` INI file (or `$TENCENTCLOUD_CREDENTIALS_FILE`), then tccli's
/// `~/.tccli/<profile>.credential`. A source that exists but is malformed stops the chain with
/// its error rather than being skipped silently.
#[derive(Debug, Clone, Default)]
pub struct DefaultCredentialsChain {
    explicit: Option<Credential>,
    env: EnvLookup,
}

impl DefaultCredentialsChain {
    /// The chain over the process environment and the user's home directory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Puts `credential` first in the chain.
    pub fn with_explicit(mut self, credential: Credential) -> Self {
        self.explicit = Some(credential);
        self
    }

    /// Reads environment variables (and `HOME`) through `env` instead of the process env.
    pub fn with_env(mut self, env: EnvLookup) -> Self {
        self.env = env;
        self
    }

    /// Resolves now, returning the first source's credentials.
    pub fn resolve(&self) -> Result<Credential, CredentialsError> {
        if let Some(c) = &self.explicit {
            return Ok(c.clone());
        }
        let sources: [&dyn Fn() -> Result<Credential, CredentialsError>; 3] = [
            &|| EnvironmentCredentials::with_env(self.env.clone()).resolve(),
            &|| ProfileFileCredentials::with_env(self.env.clone()).resolve(),
            &|| TccliCredentials::with_env(self.env.clone()).resolve(),
        ];
        let mut tried = Vec::new();
        for source in sources {
            match source() {
                Ok(c) => return Ok(c),
                Err(CredentialsError::NotFound { tried: t }) => tried.extend(t),
                Err(e) => return Err(e),
            }
        }
        Err(CredentialsError::NotFound { tried })
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        let r = self.resolve();
        Box::pin(async move { r })
    }
}
