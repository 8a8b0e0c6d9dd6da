//! Credential sources that read the process environment and the files Tencent's tools write.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use futures_util::future::BoxFuture;

use super::{Credential, CredentialsError, ProvideCredentials};

/// Environment variable holding the SecretId.
pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
/// Environment variable holding the SecretKey.
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
/// Environment variable holding the session token.
pub const ENV_SESSION_TOKEN: &str = "TENCENTCLOUD_SESSION_TOKEN";
/// Environment variable naming the INI credentials file.
pub const ENV_CREDENTIALS_FILE: &str = "TENCENTCLOUD_CREDENTIALS_FILE";
/// Environment variable naming the tccli profile.
pub const ENV_TCCLI_PROFILE: &str = "TCCLI_PROFILE";

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
    fn home(&self) -> Option<PathBuf> {
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

/// Credentials from `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and
/// `TENCENTCLOUD_SESSION_TOKEN`.
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
                return Err(CredentialsError::NotFound {
                    tried: vec![format!("environment ({ENV_SECRET_ID})")],
                })
            }
            (Some(_), None) => return Err(half_set(ENV_SECRET_ID, ENV_SECRET_KEY)),
            (None, Some(_)) => return Err(half_set(ENV_SECRET_KEY, ENV_SECRET_ID)),
        };
        Ok(match self.env.get(ENV_SESSION_TOKEN) {
            Some(token) => cred.with_token(token),
            None => cred,
        })
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

/// Credentials from the INI file `$TENCENTCLOUD_CREDENTIALS_FILE` or
/// `~/.tencentcloud/credentials`, section `[default]`, keys `secret_id`, `secret_key`, `token`.
#[derive(Debug, Clone, Default)]
pub struct ProfileFileCredentials {
    env: EnvLookup,
}

impl ProfileFileCredentials {
    /// Uses the process environment to find the file.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses `env` to find the file.
    pub fn with_env(env: EnvLookup) -> Self {
        Self { env }
    }

    /// The file this provider reads, if a location is known.
    pub fn path(&self) -> Option<PathBuf> {
        self.env
            .get(ENV_CREDENTIALS_FILE)
            .map(PathBuf::from)
            .or_else(|| {
                self.env
                    .home()
                    .map(|h| h.join(".tencentcloud").join("credentials"))
            })
    }

    /// Resolves now. A file named by `TENCENTCLOUD_CREDENTIALS_FILE` must exist.
    pub fn resolve(&self) -> Result<Credential, CredentialsError> {
        let explicit = self.env.get(ENV_CREDENTIALS_FILE).is_some();
        let Some(path) = self.path() else {
            return Err(not_found("~/.tencentcloud/credentials (no home directory)"));
        };
        let Some(text) = read_optional(&path, explicit)? else {
            return Err(not_found(&path.display().to_string()));
        };
        let section = ini_section(&text, "default", &path)?;
        let get = |k: &str| {
            section
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty())
        };
        credential_from_parts(
            get("secret_id"),
            get("secret_key"),
            get("token"),
            &format!("{} [default]", path.display()),
        )
    }
}

impl ProvideCredentials for ProfileFileCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        let r = self.resolve();
        Box::pin(async move { r })
    }
}

/// Credentials from tccli's `~/.tccli/<profile>.credential` (JSON `secretId`, `secretKey`,
/// `token`), profile from `TCCLI_PROFILE` or `default`.
#[derive(Debug, Clone, Default)]
pub struct TccliCredentials {
    env: EnvLookup,
}

impl TccliCredentials {
    /// Uses the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses `env` to find the home directory and the profile.
    pub fn with_env(env: EnvLookup) -> Self {
        Self { env }
    }

    /// The file this provider reads, if a home directory is known.
    pub fn path(&self) -> Option<PathBuf> {
        let profile = self
            .env
            .get(ENV_TCCLI_PROFILE)
            .unwrap_or_else(|| "default".to_owned());
        self.env
            .home()
            .map(|h| h.join(".tccli").join(format!("{profile}.credential")))
    }

    /// Resolves now.
    pub fn resolve(&self) -> Result<Credential, CredentialsError> {
        let Some(path) = self.path() else {
            return Err(not_found("~/.tccli (no home directory)"));
        };
        let Some(text) = read_optional(&path, false)? else {
            return Err(not_found(&path.display().to_string()));
        };
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| CredentialsError::Invalid {
                source_name: format!("{}:{}", path.display(), e.line()),
                message: format!("not valid JSON: {e}"),
            })?;
        let get = |k: &str| {
            value
                .get(k)
                .and_then(|v| v.as_str())
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        credential_from_parts(
            get("secretId"),
            get("secretKey"),
            get("token"),
            &path.display().to_string(),
        )
    }
}

impl ProvideCredentials for TccliCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        let r = self.resolve();
        Box::pin(async move { r })
    }
}

fn not_found(what: &str) -> CredentialsError {
    CredentialsError::NotFound {
        tried: vec![what.to_owned()],
    }
}

/// Reads `path`; a missing file is `Ok(None)` unless `must_exist`.
fn read_optional(path: &Path, must_exist: bool) -> Result<Option<String>, CredentialsError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => Ok(None),
        Err(e) => Err(CredentialsError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }),
    }
}

fn credential_from_parts(
    id: Option<String>,
    key: Option<String>,
    token: Option<String>,
    source: &str,
) -> Result<Credential, CredentialsError> {
    let missing = |what: &str| CredentialsError::Invalid {
        source_name: source.to_owned(),
        message: format!("{what} is missing or empty"),
    };
    let id = id.ok_or_else(|| missing("the secret id"))?;
    let key = key.ok_or_else(|| missing("the secret key"))?;
    let cred = Credential::new(id, key);
    Ok(match token {
        Some(t) => cred.with_token(t),
        None => cred,
    })
}

/// The `key = value` pairs of `[section]` in an INI text; a malformed line is an error naming
/// `path:line`. A missing section yields an empty list.
fn ini_section(
    text: &str,
    section: &str,
    path: &Path,
) -> Result<Vec<(String, String)>, CredentialsError> {
    let mut current: Option<String> = None;
    let mut pairs = Vec::new();
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        let bad = |message: &str| CredentialsError::Invalid {
            source_name: format!("{}:{}", path.display(), idx + 1),
            message: message.to_owned(),
        };
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest
                .strip_suffix(']')
                .ok_or_else(|| bad("section header without closing `]`"))?;
            current = Some(name.trim().to_owned());
        } else if let Some((k, v)) = line.split_once('=') {
            if current.as_deref() == Some(section) {
                pairs.push((k.trim().to_owned(), v.trim().to_owned()));
            }
        } else {
            return Err(bad("expected `key = value` or `[section]`"));
        }
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ini_reads_only_the_requested_section() {
        let text = "# c\n[other]\nsecret_id = X\n[default]\nsecret_id = A\n secret_key=B \n";
        let pairs = ini_section(text, "default", Path::new("f")).unwrap();
        assert_eq!(
            pairs,
            vec![
                ("secret_id".to_owned(), "A".to_owned()),
                ("secret_key".to_owned(), "B".to_owned())
            ]
        );
    }

    #[test]
    fn ini_malformed_line_names_file_and_line() {
        let err = ini_section("[default]\nsecret_id\n", "default", Path::new("creds")).unwrap_err();
        assert!(err.to_string().contains("creds:2"), "{err}");
    }
}
