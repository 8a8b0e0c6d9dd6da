//! Temporary keys from STS (`sts.tencentcloudapi.com`, version 2018-08-13), called through this
//! runtime: `AssumeRole` signed with base credentials, and `AssumeRoleWithWebIdentity` (OIDC,
//! TKE) sent unsigned as the official SDKs send it.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures_util::future::BoxFuture;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

use super::env::EnvLookup;
use super::file::read_required;
use super::{Credential, CredentialsError, Endpoints, ProvideCredentials};
use crate::config::{ConfigBuilder, ConfigError};
use crate::customize::CallOptions;
use crate::error::{OperationError, SdkError, ServiceError};
use crate::meta::{OperationMeta, RegionRequirement, ServiceMeta};
use crate::runtime::Runtime;

/// Region of STS calls when none is given (as in the official SDKs).
pub const DEFAULT_STS_REGION: &str = "ap-guangzhou";
/// Validity of the temporary keys asked for when none is given (the STS default).
pub const DEFAULT_DURATION: Duration = Duration::from_secs(7200);
/// TKE: the OIDC identity provider id.
pub const ENV_TKE_PROVIDER_ID: &str = "TKE_PROVIDER_ID";
/// TKE: the file holding the pod's OIDC token (re-read on every refresh: TKE rotates it).
pub const ENV_TKE_WEB_IDENTITY_TOKEN_FILE: &str = "TKE_WEB_IDENTITY_TOKEN_FILE";
/// TKE: the role to assume.
pub const ENV_TKE_ROLE_ARN: &str = "TKE_ROLE_ARN";
/// TKE: the region of the STS call.
pub const ENV_TKE_REGION: &str = "TKE_REGION";

static STS: ServiceMeta = ServiceMeta {
    service: "sts",
    version: "2018-08-13",
    endpoint: "sts.tencentcloudapi.com",
    regional_endpoints: &[],
    crate_name: "tencentcloud-core",
    crate_version: env!("CARGO_PKG_VERSION"),
};

static ASSUME_ROLE: OperationMeta = OperationMeta {
    action: "AssumeRole",
    retry_safe: true,
    region: RegionRequirement::Required,
};

static ASSUME_ROLE_WITH_WEB_IDENTITY: OperationMeta = OperationMeta {
    action: "AssumeRoleWithWebIdentity",
    retry_safe: true,
    region: RegionRequirement::Required,
};

/// Escaped in the `Policy` parameter, which STS wants URL-encoded.
const POLICY_ESCAPES: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// An STS error answer.
#[derive(Debug)]
struct StsError(ServiceError);

impl std::fmt::Display for StsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for StsError {}

impl OperationError for StsError {
    fn from_service_error(err: ServiceError) -> Self {
        StsError(err)
    }
    fn meta(&self) -> &ServiceError {
        &self.0
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StsOutput {
    credentials: StsKeys,
    expired_time: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StsKeys {
    token: String,
    tmp_secret_id: String,
    tmp_secret_key: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AssumeRoleInput<'a> {
    role_arn: &'a str,
    role_session_name: &'a str,
    duration_seconds: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct WebIdentityInput<'a> {
    provider_id: &'a str,
    web_identity_token: &'a str,
    role_arn: &'a str,
    role_session_name: &'a str,
    duration_seconds: u64,
}

/// A session name like the official SDKs': `tencentcloud-rust-sdk-<microseconds>`.
fn default_session_name() -> String {
    let micros = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    format!("tencentcloud-rust-sdk-{micros}")
}

/// The STS client configuration: the caller's, or the default one, with `endpoint` (an
/// `http://` one allowed), the region defaulted and `credentials` when given.
fn sts_config(
    base: Option<ConfigBuilder>,
    endpoint: Option<String>,
    default_region: Option<String>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
) -> Result<crate::Config, ConfigError> {
    let mut builder = base.unwrap_or_default();
    if let Some(endpoint) = endpoint {
        builder = builder
            .allow_http(endpoint.starts_with("http://"))
            .endpoint(endpoint);
    }
    if !builder.has_region() {
        builder = builder.region(default_region.unwrap_or_else(|| DEFAULT_STS_REGION.to_owned()));
    }
    if let Some(c) = credentials {
        builder = builder.credentials_provider(c);
    }
    builder.build()
}

/// Calls `op` and turns the answer into expiring credentials.
async fn call_sts<I: Serialize>(
    runtime: &Runtime,
    op: &'static OperationMeta,
    input: &I,
    options: &CallOptions,
    role_arn: &str,
) -> Result<Credential, CredentialsError> {
    let out: StsOutput = runtime
        .invoke_with::<_, StsOutput, StsError>(op, input, options)
        .await
        .map_err(|e: SdkError<StsError>| {
            CredentialsError::Provider(format!("STS {} for {role_arn} failed: {e}", op.action))
        })?;
    let expires = UNIX_EPOCH + Duration::from_secs(u64::try_from(out.expired_time).unwrap_or(0));
    Ok(Credential::new(
        out.credentials.tmp_secret_id,
        out.credentials.tmp_secret_key,
    )
    .with_token(out.credentials.token)
    .with_expiry(expires))
}

/// Temporary keys of a role, from STS `AssumeRole` signed with base credentials. Each call
/// asks STS: wrap it in [`CachingProvider`](super::CachingProvider) to refresh only before
/// expiry (the default chain does).
///
/// ```
/// use tencentcloud_core::credentials::AssumeRoleProvider;
/// use tencentcloud_core::{CachingProvider, Config, Credential};
/// let role = AssumeRoleProvider::builder("qcs::cam::uin/100000000001:roleName/deploy")
///     .base_credentials(Credential::new("AKID...", "key"))
///     .session_name("ci")
///     .build()
///     .unwrap();
/// let config = Config::builder().credentials(CachingProvider::new(role)).build().unwrap();
/// # let _ = config;
/// ```
#[derive(Debug)]
pub struct AssumeRoleProvider {
    runtime: Runtime,
    role_arn: String,
    session_name: Option<String>,
    duration: Duration,
    policy: Option<String>,
}

/// Builds an [`AssumeRoleProvider`].
#[derive(Default)]
pub struct AssumeRoleBuilder {
    role_arn: String,
    session_name: Option<String>,
    duration: Option<Duration>,
    policy: Option<String>,
    base: Option<Arc<dyn ProvideCredentials>>,
    sts: Option<ConfigBuilder>,
    endpoint: Option<String>,
}

impl AssumeRoleProvider {
    /// A builder for assuming `role_arn` (`qcs::cam::uin/<uin>:roleName/<name>`).
    pub fn builder(role_arn: impl Into<String>) -> AssumeRoleBuilder {
        AssumeRoleBuilder {
            role_arn: role_arn.into(),
            ..AssumeRoleBuilder::default()
        }
    }

    async fn fetch(&self) -> Result<Credential, CredentialsError> {
        let session = self
            .session_name
            .clone()
            .unwrap_or_else(default_session_name);
        let policy = self
            .policy
            .as_deref()
            .map(|p| utf8_percent_encode(p, POLICY_ESCAPES).to_string());
        let input = AssumeRoleInput {
            role_arn: &self.role_arn,
            role_session_name: &session,
            duration_seconds: self.duration.as_secs(),
            policy: policy.as_deref(),
        };
        let options = CallOptions::new();
        call_sts(
            &self.runtime,
            &ASSUME_ROLE,
            &input,
            &options,
            &self.role_arn,
        )
        .await
    }
}

impl AssumeRoleBuilder {
    /// The credentials that sign the `AssumeRole` call (default: those of the STS config, or
    /// the default chain).
    pub fn base_credentials(mut self, base: impl ProvideCredentials) -> Self {
        self.base = Some(Arc::new(base));
        self
    }

    /// Like [`Self::base_credentials`] with a shared provider.
    pub fn base_provider(mut self, base: Arc<dyn ProvideCredentials>) -> Self {
        self.base = Some(base);
        self
    }

    /// `RoleSessionName` (default `tencentcloud-rust-sdk-<microseconds>`).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = Some(name.into());
        self
    }

    /// `DurationSeconds` (default 7200 s; STS allows up to 43200 s).
    pub fn duration(mut self, duration: Duration) -> Self {
        self.duration = Some(duration);
        self
    }

    /// `Policy`: a CAM policy document (JSON) narrowing the role's permissions; sent
    /// URL-encoded, as STS requires.
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// The configuration of the STS client (region, endpoint, timeouts, retries; its
    /// credentials sign the call unless [`Self::base_credentials`] is set). Region default:
    /// `ap-guangzhou`.
    pub fn sts_config(mut self, config: ConfigBuilder) -> Self {
        self.sts = Some(config);
        self
    }

    /// Sends STS calls to `endpoint` (an `http://` one is allowed: tests, private networks).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Builds the provider.
    pub fn build(self) -> Result<AssumeRoleProvider, ConfigError> {
        let config = sts_config(self.sts, self.endpoint, None, self.base)?;
        Ok(AssumeRoleProvider {
            runtime: Runtime::new(config, &STS),
            role_arn: self.role_arn,
            session_name: self.session_name,
            duration: self.duration.unwrap_or(DEFAULT_DURATION),
            policy: self.policy,
        })
    }
}

impl ProvideCredentials for AssumeRoleProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        Box::pin(self.fetch())
    }
}

/// Never called: `AssumeRoleWithWebIdentity` is sent unsigned.
#[derive(Debug)]
struct NoCredentials;

impl ProvideCredentials for NoCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        Box::pin(async {
            Err(CredentialsError::Provider(
                "AssumeRoleWithWebIdentity is sent unsigned".to_owned(),
            ))
        })
    }
}

/// Temporary keys of a role from an OIDC token, by STS `AssumeRoleWithWebIdentity` (sent
/// unsigned, `Authorization: SKIP`): what pods on TKE use. The token file is read on every
/// call. Wrap it in [`CachingProvider`](super::CachingProvider) (the default chain does).
#[derive(Debug)]
pub struct WebIdentityProvider {
    runtime: Runtime,
    provider_id: String,
    token_file: PathBuf,
    role_arn: String,
    session_name: Option<String>,
    duration: Duration,
}

/// Builds a [`WebIdentityProvider`].
pub struct WebIdentityBuilder {
    provider_id: String,
    token_file: PathBuf,
    role_arn: String,
    region: Option<String>,
    session_name: Option<String>,
    duration: Option<Duration>,
    sts: Option<ConfigBuilder>,
    endpoint: Option<String>,
}

impl WebIdentityProvider {
    /// A builder: identity provider id, the file holding the OIDC token, the role to assume.
    pub fn builder(
        provider_id: impl Into<String>,
        token_file: impl Into<PathBuf>,
        role_arn: impl Into<String>,
    ) -> WebIdentityBuilder {
        WebIdentityBuilder {
            provider_id: provider_id.into(),
            token_file: token_file.into(),
            role_arn: role_arn.into(),
            region: None,
            session_name: None,
            duration: None,
            sts: None,
            endpoint: None,
        }
    }

    /// The provider TKE sets up for a pod: `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE`,
    /// `TKE_ROLE_ARN` and `TKE_REGION`. `NotFound` when none is set, `Invalid` naming the
    /// missing ones when only some are.
    pub fn from_tke_env(env: &EnvLookup) -> Result<WebIdentityProvider, CredentialsError> {
        Self::from_tke_env_with(env, &Endpoints::default())
    }

    pub(crate) fn from_tke_env_with(
        env: &EnvLookup,
        endpoints: &Endpoints,
    ) -> Result<WebIdentityProvider, CredentialsError> {
        let names = [
            ENV_TKE_PROVIDER_ID,
            ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
            ENV_TKE_ROLE_ARN,
            ENV_TKE_REGION,
        ];
        let values: Vec<Option<String>> = names.iter().map(|n| env.get(n)).collect();
        let missing: Vec<&str> = names
            .iter()
            .zip(&values)
            .filter(|(_, v)| v.is_none())
            .map(|(n, _)| *n)
            .collect();
        if missing.len() == names.len() {
            return Err(CredentialsError::not_found(
                "TKE OIDC",
                format!("{} are not set", names.join(", ")),
            ));
        }
        let [Some(id), Some(file), Some(arn), Some(region)] =
            <[Option<String>; 4]>::try_from(values).unwrap_or_default()
        else {
            return Err(CredentialsError::Invalid {
                source_name: "environment (TKE OIDC)".to_owned(),
                message: format!("{} not set", missing.join(", ")),
            });
        };
        let mut builder = Self::builder(id, file, arn).region(region);
        if let Some(sts) = &endpoints.sts {
            builder = builder.endpoint(sts.clone());
        }
        builder.build().map_err(|e| CredentialsError::Invalid {
            source_name: "environment (TKE OIDC)".to_owned(),
            message: e.to_string(),
        })
    }

    async fn fetch(&self) -> Result<Credential, CredentialsError> {
        let token = read_required(&self.token_file)?;
        let token = token.trim();
        if token.is_empty() {
            return Err(CredentialsError::Invalid {
                source_name: self.token_file.display().to_string(),
                message: "the OIDC token file is empty".to_owned(),
            });
        }
        let session = self
            .session_name
            .clone()
            .unwrap_or_else(default_session_name);
        let input = WebIdentityInput {
            provider_id: &self.provider_id,
            web_identity_token: token,
            role_arn: &self.role_arn,
            role_session_name: &session,
            duration_seconds: self.duration.as_secs(),
        };
        let options = CallOptions::new().unsigned();
        let op = &ASSUME_ROLE_WITH_WEB_IDENTITY;
        call_sts(&self.runtime, op, &input, &options, &self.role_arn).await
    }
}

impl WebIdentityBuilder {
    /// The region of the STS call (default `ap-guangzhou`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// `RoleSessionName` (default `tencentcloud-rust-sdk-<microseconds>`).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = Some(name.into());
        self
    }

    /// `DurationSeconds` (default 7200 s).
    pub fn duration(mut self, duration: Duration) -> Self {
        self.duration = Some(duration);
        self
    }

    /// The configuration of the STS client (endpoint, timeouts, retries).
    pub fn sts_config(mut self, config: ConfigBuilder) -> Self {
        self.sts = Some(config);
        self
    }

    /// Sends STS calls to `endpoint` (an `http://` one is allowed: tests, private networks).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Builds the provider.
    pub fn build(self) -> Result<WebIdentityProvider, ConfigError> {
        let config = sts_config(
            self.sts,
            self.endpoint,
            self.region,
            Some(Arc::new(NoCredentials)),
        )?;
        Ok(WebIdentityProvider {
            runtime: Runtime::new(config, &STS),
            provider_id: self.provider_id,
            token_file: self.token_file,
            role_arn: self.role_arn,
            session_name: self.session_name,
            duration: self.duration.unwrap_or(DEFAULT_DURATION),
        })
    }
}

impl ProvideCredentials for WebIdentityProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        Box::pin(self.fetch())
    }
}
