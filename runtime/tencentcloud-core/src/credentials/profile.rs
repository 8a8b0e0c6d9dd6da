//! `~/.tencentcloud/credentials` (or `/etc/tencentcloud/credentials`, or
//! `$TENCENTCLOUD_CREDENTIALS_FILE`): INI profiles with static keys or a role to assume.

use std::path::PathBuf;
use std::sync::Arc;

use futures_util::future::BoxFuture;

use super::env::EnvLookup;
use super::file::{ini_section, read_optional, read_required, IniSection};
use super::sts::AssumeRoleProvider;
use super::{Credential, CredentialsError, Endpoints, ProvideCredentials};

/// Environment variable naming the INI credentials file.
pub const ENV_CREDENTIALS_FILE: &str = "TENCENTCLOUD_CREDENTIALS_FILE";
/// Environment variable naming the INI profile (section); `default` when unset.
pub const ENV_PROFILE: &str = "TENCENTCLOUD_PROFILE";
/// The system-wide credentials file, read when the user has none.
pub const SYSTEM_CREDENTIALS_FILE: &str = "/etc/tencentcloud/credentials";

/// One profile of the INI file, as read. `Debug` hides the secret key and the token.
#[derive(Clone)]
pub struct IniProfile {
    /// `path [profile]`, for messages.
    pub source: String,
    section: IniSection,
}

impl std::fmt::Debug for IniProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IniProfile")
            .field("source", &self.source)
            .field("secret_id", &self.section.get("secret_id"))
            .field("role_arn", &self.role_arn())
            .field("region", &self.region())
            .finish_non_exhaustive()
    }
}

impl IniProfile {
    /// `role_arn`: the profile's keys assume this role through STS.
    pub fn role_arn(&self) -> Option<String> {
        self.section.get("role_arn")
    }

    /// `role_session_name` (a generated name when unset).
    pub fn role_session_name(&self) -> Option<String> {
        self.section.get("role_session_name")
    }

    /// `region`: the default region of this profile.
    pub fn region(&self) -> Option<String> {
        self.section.get("region")
    }

    /// The static keys (`secret_id`, `secret_key`, optional `token`). A profile with neither
    /// key (only a `region`, say) is `NotFound`; one with only one of them is `Invalid`.
    pub fn credential(&self) -> Result<Credential, CredentialsError> {
        if self.section.get("secret_id").is_none() && self.section.get("secret_key").is_none() {
            return Err(CredentialsError::not_found(
                &self.source,
                "the profile has no secret_id or secret_key".to_owned(),
            ));
        }
        credential_from_parts(
            self.section.get("secret_id"),
            self.section.get("secret_key"),
            self.section.get("token"),
            &self.source,
        )
    }
}

/// Credentials from an INI profile: `$TENCENTCLOUD_CREDENTIALS_FILE` (which must exist), else
/// `~/.tencentcloud/credentials`, else `/etc/tencentcloud/credentials`; profile
/// `$TENCENTCLOUD_PROFILE` or `default`; keys `secret_id`, `secret_key`, `token`, and
/// `role_arn` / `role_session_name` to assume a role with those keys. A leading UTF-8 BOM is
/// accepted. As a provider it calls STS for role profiles on every call: wrap it in
/// [`CachingProvider`](super::CachingProvider) (the default chain does).
#[derive(Debug, Clone)]
pub struct ProfileFileCredentials {
    env: EnvLookup,
    system_file: PathBuf,
    endpoints: Endpoints,
}

impl Default for ProfileFileCredentials {
    fn default() -> Self {
        Self::with_env(EnvLookup::process())
    }
}

impl ProfileFileCredentials {
    /// Uses the process environment to find the file.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses `env` to find the file and the profile.
    pub fn with_env(env: EnvLookup) -> Self {
        Self {
            env,
            system_file: PathBuf::from(SYSTEM_CREDENTIALS_FILE),
            endpoints: Endpoints::default(),
        }
    }

    /// Reads `path` instead of `/etc/tencentcloud/credentials` as the system-wide file.
    pub fn with_system_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.system_file = path.into();
        self
    }

    pub(crate) fn with_endpoints(mut self, endpoints: Endpoints) -> Self {
        self.endpoints = endpoints;
        self
    }

    /// The profile name: `$TENCENTCLOUD_PROFILE` or `default`.
    pub fn profile_name(&self) -> String {
        self.env
            .get(ENV_PROFILE)
            .unwrap_or_else(|| "default".to_owned())
    }

    /// The profile, or `NotFound` with the reason (no file, no such profile).
    pub fn load(&self) -> Result<IniProfile, CredentialsError> {
        let (path, text) = self.file()?;
        let profile = self.profile_name();
        let source = format!("{} [{profile}]", path.display());
        match ini_section(&text, &profile, &path)? {
            Some(section) => Ok(IniProfile { source, section }),
            None if self.env.get(ENV_PROFILE).is_some() => Err(CredentialsError::Invalid {
                source_name: path.display().to_string(),
                message: format!("{ENV_PROFILE} names profile [{profile}], which the file lacks"),
            }),
            None => Err(CredentialsError::not_found(
                &path.display().to_string(),
                format!("no [{profile}] profile"),
            )),
        }
    }

    /// The file and its text: the named file, else the first of the user's and the system's.
    fn file(&self) -> Result<(PathBuf, String), CredentialsError> {
        if let Some(named) = self.env.get(ENV_CREDENTIALS_FILE) {
            let path = PathBuf::from(named);
            let text = read_required(&path)?;
            return Ok((path, text));
        }
        let mut tried = Vec::new();
        let user = self
            .env
            .home()
            .map(|h| h.join(".tencentcloud").join("credentials"));
        match &user {
            Some(p) => tried.push(p.display().to_string()),
            None => tried.push("~/.tencentcloud/credentials (no home directory)".to_owned()),
        }
        for path in user.into_iter().chain([self.system_file.clone()]) {
            if let Some(text) = read_optional(&path)? {
                return Ok((path, text));
            }
        }
        tried.push(self.system_file.display().to_string());
        Err(CredentialsError::not_found(
            "credentials file",
            format!("none of {} exists", tried.join(", ")),
        ))
    }

    /// The profile's static keys (`Invalid` for a role profile: see [`Self::provider`]).
    pub fn resolve(&self) -> Result<Credential, CredentialsError> {
        let profile = self.load()?;
        if profile.role_arn().is_some() {
            return Err(CredentialsError::Invalid {
                source_name: profile.source,
                message: "a role_arn profile needs STS: use it as a provider".to_owned(),
            });
        }
        profile.credential()
    }

    /// What this profile provides: its keys, or the role it assumes with them.
    pub fn provider(&self) -> Result<Arc<dyn ProvideCredentials>, CredentialsError> {
        let profile = self.load()?;
        let keys = profile.credential()?;
        match profile.role_arn() {
            None => Ok(Arc::new(keys)),
            Some(role_arn) => {
                let mut builder = AssumeRoleProvider::builder(role_arn).base_credentials(keys);
                if let Some(name) = profile.role_session_name() {
                    builder = builder.session_name(name);
                }
                let provider = self.endpoints.apply(builder).build().map_err(|e| {
                    CredentialsError::Invalid {
                        source_name: profile.source.clone(),
                        message: e.to_string(),
                    }
                })?;
                Ok(Arc::new(provider))
            }
        }
    }
}

impl ProvideCredentials for ProfileFileCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        Box::pin(async move { self.provider()?.provide_credentials().await })
    }
}

/// A credential from its parts; a missing id or key is an error naming `source`.
pub(crate) fn credential_from_parts(
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
