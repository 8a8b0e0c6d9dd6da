//! The default credential chain, in the official SDKs' order: explicit > environment > INI
//! profile file > tccli's files > CVM instance role > TKE OIDC.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use futures_util::future::BoxFuture;

use super::cvm::CvmRoleProvider;
use super::env::{EnvLookup, EnvironmentCredentials, ENV_ROLE_ARN};
use super::profile::ProfileFileCredentials;
use super::sts::{AssumeRoleProvider, WebIdentityProvider};
use super::tccli::TccliCredentials;
use super::{Credential, CredentialsError, Endpoints, ProvideCredentials};
use crate::config::ENV_REGION;

/// The source the chain settled on and the provider it uses from then on.
type Selected = (String, Arc<dyn ProvideCredentials>);

/// Finds credentials the way Tencent's SDKs and tccli do, trying in order:
///
/// 1. explicit credentials, if given;
/// 2. the environment: `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, token from
///    `TENCENTCLOUD_SESSION_TOKEN` or `TENCENTCLOUD_TOKEN`; with `TENCENTCLOUD_ROLE_ARN` and
///    `TENCENTCLOUD_ROLE_SESSION_NAME`, that role assumed with those keys;
/// 3. the INI profile `$TENCENTCLOUD_PROFILE` (or `default`) of `$TENCENTCLOUD_CREDENTIALS_FILE`,
///    else `~/.tencentcloud/credentials`, else `/etc/tencentcloud/credentials`
///    ([`ProfileFileCredentials`]; `role_arn` profiles assume the role);
/// 4. tccli's `~/.tccli/<$TCCLI_PROFILE or default>.credential`, any type tccli writes
///    ([`TccliCredentials`]);
/// 5. the CVM instance role from the metadata service ([`CvmRoleProvider`]);
/// 6. OIDC on TKE: `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE`, `TKE_ROLE_ARN`,
///    `TKE_REGION` ([`WebIdentityProvider`]).
///
/// A source that does not apply (nothing set, no file, no metadata service) is skipped and its
/// reason kept: when none applies the error lists every source with its reason. A source that
/// applies but is broken (a half-set environment, a malformed file) is an error naming it
/// (`file:line`), not skipped. The first source that applies is kept for later calls; wrap
/// the chain in [`CachingProvider`](super::CachingProvider) (as [`Config`](crate::Config)
/// does) so temporary keys are fetched only before they expire.
#[derive(Debug, Clone, Default)]
pub struct DefaultCredentialsChain {
    explicit: Option<Credential>,
    env: EnvLookup,
    system_file: Option<PathBuf>,
    endpoints: Endpoints,
    selected: Arc<Mutex<Option<Selected>>>,
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

    /// Reads `path` instead of `/etc/tencentcloud/credentials`.
    pub fn with_system_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.system_file = Some(path.into());
        self
    }

    /// Asks this metadata endpoint for the CVM role (default
    /// [`DEFAULT_METADATA_ENDPOINT`](super::DEFAULT_METADATA_ENDPOINT); tests use loopback).
    pub fn with_metadata_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoints.metadata = endpoint.into();
        self
    }

    /// Sends the STS calls of role profiles and TKE to `endpoint` (an `http://` one is
    /// allowed: tests, private networks).
    pub fn with_sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoints.sts = Some(endpoint.into());
        self
    }

    /// Resolves now: the credentials of the first source that applies.
    pub async fn resolve(&self) -> Result<Credential, CredentialsError> {
        let (_, provider) = self.select().await?;
        provider.provide_credentials().await
    }

    /// The name of the source the chain settled on, once it has.
    pub fn selected_source(&self) -> Option<String> {
        self.lock().as_ref().map(|(name, _)| name.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Selected>> {
        self.selected.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Checks the sources that need no network: `Ok` when one applies or none does, the
    /// error of a source that applies but is broken.
    pub fn check_local(&self) -> Result<(), CredentialsError> {
        self.local(&mut Vec::new()).map(|_| ())
    }

    /// The first source that applies (remembered for later calls).
    async fn select(&self) -> Result<Selected, CredentialsError> {
        if let Some(selected) = self.lock().clone() {
            return Ok(selected);
        }
        let mut tried = Vec::new();
        let found = match self.local(&mut tried)? {
            Some(found) => found,
            None => self
                .remote(&mut tried)
                .await?
                .ok_or(CredentialsError::NotFound { tried })?,
        };
        tracing::debug!(source = %found.0, "credentials source selected");
        *self.lock() = Some(found.clone());
        Ok(found)
    }

    /// Explicit, environment, INI file, tccli.
    fn local(&self, tried: &mut Vec<String>) -> Result<Option<Selected>, CredentialsError> {
        if let Some(c) = &self.explicit {
            return Ok(Some(("explicit".to_owned(), Arc::new(c.clone()))));
        }
        let sources: [&dyn Fn() -> Result<Selected, CredentialsError>; 3] = [
            &|| self.environment(),
            &|| {
                let p = self.profile_file();
                let source = p.load()?.source;
                Ok((source, p.provider()?))
            },
            &|| self.tccli(),
        ];
        for source in sources {
            match source() {
                Ok(found) => return Ok(Some(found)),
                Err(CredentialsError::NotFound { tried: t }) => tried.extend(t),
                Err(e) => return Err(e),
            }
        }
        Ok(None)
    }

    /// CVM role, TKE OIDC.
    async fn remote(&self, tried: &mut Vec<String>) -> Result<Option<Selected>, CredentialsError> {
        let cvm = CvmRoleProvider::new().with_endpoint(self.endpoints.metadata.clone());
        match cvm.role_name().await {
            Ok(role) => return Ok(Some((format!("CVM role {role}"), Arc::new(cvm)))),
            Err(CredentialsError::NotFound { tried: t }) => tried.extend(t),
            Err(e) => return Err(e),
        }
        match WebIdentityProvider::from_tke_env_with(&self.env, &self.endpoints) {
            Ok(p) => Ok(Some(("TKE OIDC".to_owned(), Arc::new(p)))),
            Err(CredentialsError::NotFound { tried: t }) => {
                tried.extend(t);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    fn environment(&self) -> Result<Selected, CredentialsError> {
        let env = EnvironmentCredentials::with_env(self.env.clone());
        let keys = env.resolve()?;
        let Some((role_arn, session)) = env.role() else {
            return Ok(("environment".to_owned(), Arc::new(keys)));
        };
        let builder = AssumeRoleProvider::builder(role_arn)
            .base_credentials(keys)
            .session_name(session);
        let provider =
            self.endpoints
                .apply(builder)
                .build()
                .map_err(|e| CredentialsError::Invalid {
                    source_name: format!("environment ({ENV_ROLE_ARN})"),
                    message: e.to_string(),
                })?;
        Ok(("environment (role)".to_owned(), Arc::new(provider)))
    }

    fn profile_file(&self) -> ProfileFileCredentials {
        let p = ProfileFileCredentials::with_env(self.env.clone())
            .with_endpoints(self.endpoints.clone());
        match &self.system_file {
            Some(path) => p.with_system_file(path.clone()),
            None => p,
        }
    }

    fn tccli(&self) -> Result<Selected, CredentialsError> {
        let tccli =
            TccliCredentials::with_env(self.env.clone()).with_endpoints(self.endpoints.clone());
        let source = tccli
            .path()
            .map_or_else(|| "tccli".to_owned(), |p| p.display().to_string());
        Ok((source, tccli.provider()?))
    }

    /// The region: `TENCENTCLOUD_REGION`, else the INI profile's `region`, else tccli's
    /// configure file; with where it was read.
    pub fn region(&self) -> Result<Option<(String, String)>, CredentialsError> {
        if let Some(r) = self.env.get(ENV_REGION) {
            return Ok(Some((r, ENV_REGION.to_owned())));
        }
        match self.profile_file().load() {
            Ok(profile) => {
                if let Some(r) = profile.region() {
                    return Ok(Some((r, profile.source)));
                }
            }
            Err(CredentialsError::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
        TccliCredentials::with_env(self.env.clone()).region()
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        Box::pin(self.resolve())
    }
}
