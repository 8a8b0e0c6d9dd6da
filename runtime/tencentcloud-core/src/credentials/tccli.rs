//! tccli's files: `~/.tccli/<profile>.credential` (every type tccli writes) and the region in
//! `~/.tccli/<profile>.configure`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures_util::future::BoxFuture;
use serde_json::Value;

use super::cvm::CvmRoleProvider;
use super::env::EnvLookup;
use super::file::{parse_json, read_optional};
use super::profile::credential_from_parts;
use super::sts::AssumeRoleProvider;
use super::{Credential, CredentialsError, Endpoints, ProvideCredentials};

/// Environment variable naming the tccli profile; `default` when unset.
pub const ENV_TCCLI_PROFILE: &str = "TCCLI_PROFILE";

/// Credentials from tccli's `~/.tccli/<$TCCLI_PROFILE or default>.credential` (JSON), by its
/// `type`:
/// - none, `""` or `"default"`: `secretId`, `secretKey`, optional `token`; with `role-arn`
///   and `role-session-name`, that role is assumed with those keys;
/// - `"cvm-role"` (`tccli configure set use-cvm-role true`): the CVM instance role;
/// - `"oauth"` (`tccli auth login`) and `"sso"`: temporary keys with `expiresAt`; expired
///   ones are skipped with the advice to run tccli, which refreshes them;
/// - any other type is read as static keys, as tccli itself reads it, and skipped (with its
///   name in the reason) when it has none.
#[derive(Debug, Clone)]
pub struct TccliCredentials {
    env: EnvLookup,
    endpoints: Endpoints,
}

impl Default for TccliCredentials {
    fn default() -> Self {
        Self::with_env(EnvLookup::process())
    }
}

impl TccliCredentials {
    /// Uses the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses `env` to find the home directory and the profile.
    pub fn with_env(env: EnvLookup) -> Self {
        Self {
            env,
            endpoints: Endpoints::default(),
        }
    }

    pub(crate) fn with_endpoints(mut self, endpoints: Endpoints) -> Self {
        self.endpoints = endpoints;
        self
    }

    fn profile(&self) -> String {
        self.env
            .get(ENV_TCCLI_PROFILE)
            .unwrap_or_else(|| "default".to_owned())
    }

    /// The credential file this provider reads, if a home directory is known.
    pub fn path(&self) -> Option<PathBuf> {
        self.file_of("credential")
    }

    /// tccli's configure file of the same profile.
    pub fn configure_path(&self) -> Option<PathBuf> {
        self.file_of("configure")
    }

    fn file_of(&self, kind: &str) -> Option<PathBuf> {
        let profile = self.profile();
        self.env
            .home()
            .map(|h| h.join(".tccli").join(format!("{profile}.{kind}")))
    }

    /// The region of the profile (`_sys_param.region` in the configure file), if any.
    pub fn region(&self) -> Result<Option<(String, String)>, CredentialsError> {
        let Some(path) = self.configure_path() else {
            return Ok(None);
        };
        let Some(text) = read_optional(&path)? else {
            return Ok(None);
        };
        let value = parse_json(&text, &path)?;
        Ok(value
            .pointer("/_sys_param/region")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(|r| (r.to_owned(), path.display().to_string())))
    }

    fn load(&self) -> Result<(String, Value), CredentialsError> {
        let Some(path) = self.path() else {
            return Err(CredentialsError::not_found(
                "tccli",
                "no home directory".to_owned(),
            ));
        };
        let source = path.display().to_string();
        let Some(text) = read_optional(&path)? else {
            return Err(CredentialsError::not_found(
                &source,
                "no such file".to_owned(),
            ));
        };
        Ok((source, parse_json(&text, &path)?))
    }

    /// Static or temporary keys from the file (not the `cvm-role` type or a role to assume:
    /// see [`Self::provider`]).
    pub fn resolve(&self) -> Result<Credential, CredentialsError> {
        let (source, value) = self.load()?;
        match credential_type(&value) {
            "oauth" | "sso" => temporary_keys(&value, &source),
            "cvm-role" => Err(needs_provider(source, "type \"cvm-role\"")),
            _ if role(&value).is_some() => Err(needs_provider(source, "a role-arn")),
            other => static_keys(&value, &source, other),
        }
    }

    /// What the file provides, by its type.
    pub fn provider(&self) -> Result<Arc<dyn ProvideCredentials>, CredentialsError> {
        let (source, value) = self.load()?;
        match credential_type(&value) {
            "cvm-role" => Ok(Arc::new(
                CvmRoleProvider::new().with_endpoint(self.endpoints.metadata.clone()),
            )),
            "oauth" | "sso" => {
                temporary_keys(&value, &source)?;
                Ok(Arc::new(RereadTemporaryKeys(self.clone())))
            }
            other => {
                let base = static_keys(&value, &source, other)?;
                match role(&value) {
                    None => Ok(Arc::new(base)),
                    Some((arn, session)) => {
                        let builder = AssumeRoleProvider::builder(arn)
                            .base_credentials(base)
                            .session_name(session);
                        let p = self.endpoints.apply(builder).build().map_err(|e| {
                            CredentialsError::Invalid {
                                source_name: source.clone(),
                                message: e.to_string(),
                            }
                        })?;
                        Ok(Arc::new(p))
                    }
                }
            }
        }
    }
}

fn needs_provider(source: String, what: &str) -> CredentialsError {
    CredentialsError::Invalid {
        source_name: source,
        message: format!("{what} needs the network: use TccliCredentials as a provider"),
    }
}

/// The keys of a file of type `kind`: for tccli's own types (none, `default`) missing keys
/// are an error; a file of a type tccli does not document without keys is skipped.
fn static_keys(value: &Value, source: &str, kind: &str) -> Result<Credential, CredentialsError> {
    let documented = matches!(kind, "" | "default");
    if !documented && (text(value, "secretId").is_none() || text(value, "secretKey").is_none()) {
        return Err(CredentialsError::not_found(
            source,
            format!("credential type {kind:?} without secretId and secretKey"),
        ));
    }
    keys(value, source)
}

fn credential_type(value: &Value) -> &str {
    value.get("type").and_then(Value::as_str).unwrap_or("")
}

fn text(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn role(value: &Value) -> Option<(String, String)> {
    Some((text(value, "role-arn")?, text(value, "role-session-name")?))
}

fn keys(value: &Value, source: &str) -> Result<Credential, CredentialsError> {
    credential_from_parts(
        text(value, "secretId"),
        text(value, "secretKey"),
        text(value, "token"),
        source,
    )
}

/// Keys of an `oauth` / `sso` file, with their expiry (`expiresAt`, Unix seconds).
fn temporary_keys(value: &Value, source: &str) -> Result<Credential, CredentialsError> {
    let credential = keys(value, source)?;
    let Some(at) = value.get("expiresAt").and_then(Value::as_i64) else {
        return Ok(credential);
    };
    let expires = UNIX_EPOCH + Duration::from_secs(u64::try_from(at).unwrap_or(0));
    if expires <= SystemTime::now() {
        return Err(CredentialsError::not_found(
            source,
            format!(
                "its {} keys expired at Unix time {at}; run any tccli command to refresh them",
                credential_type(value)
            ),
        ));
    }
    Ok(credential.with_expiry(expires))
}

/// tccli's temporary keys, read again from the file on every call: tccli rewrites it when it
/// refreshes them.
#[derive(Debug)]
struct RereadTemporaryKeys(TccliCredentials);

impl ProvideCredentials for RereadTemporaryKeys {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        let r = self.0.resolve();
        Box::pin(async move { r })
    }
}

impl ProvideCredentials for TccliCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        Box::pin(async move { self.provider()?.provide_credentials().await })
    }
}
