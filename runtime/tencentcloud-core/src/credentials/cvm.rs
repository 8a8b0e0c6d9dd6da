//! The CVM instance role: temporary keys from the instance metadata service.

use std::sync::Mutex;
use std::time::{Duration, UNIX_EPOCH};

use futures_util::future::BoxFuture;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Deserialize;

use super::{Credential, CredentialsError, ProvideCredentials};
use crate::transport::{HttpRequest, ReqwestTransport, Transport, TransportOptions};

/// Where the metadata service lists the instance's role and serves its keys.
pub const DEFAULT_METADATA_ENDPOINT: &str =
    "http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/";
/// Connect timeout of a metadata request (the service is on the local network).
const METADATA_CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// Total timeout of a metadata request.
const METADATA_TIMEOUT: Duration = Duration::from_secs(3);
/// Largest metadata answer read.
const METADATA_MAX_BYTES: usize = 64 * 1024;
/// Characters escaped in a role name put in the URL path.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.');

/// Temporary keys of the role bound to this CVM instance, as the official SDKs fetch them:
/// `GET <endpoint>` gives the role name, `GET <endpoint><role>` the keys (`TmpSecretId`,
/// `TmpSecretKey`, `Token`, `ExpiredTime`, `Code: "Success"`). Each call fetches fresh keys:
/// wrap it in [`CachingProvider`](super::CachingProvider) to refresh only before expiry (the
/// default chain does).
#[derive(Debug)]
pub struct CvmRoleProvider {
    endpoint: String,
    role: Mutex<Option<String>>,
    transport: Result<ReqwestTransport, String>,
}

impl Default for CvmRoleProvider {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RoleKeys {
    tmp_secret_id: Option<String>,
    tmp_secret_key: Option<String>,
    token: Option<String>,
    expired_time: Option<i64>,
    code: Option<String>,
}

impl CvmRoleProvider {
    /// The provider for [`DEFAULT_METADATA_ENDPOINT`], discovering the role name.
    pub fn new() -> Self {
        // The metadata service is on the instance's own network: never through a proxy.
        let mut options = TransportOptions::new(METADATA_CONNECT_TIMEOUT);
        options.system_proxy = false;
        let transport =
            ReqwestTransport::with_options(options, METADATA_MAX_BYTES).map_err(|e| e.to_string());
        Self {
            endpoint: DEFAULT_METADATA_ENDPOINT.to_owned(),
            role: Mutex::new(None),
            transport,
        }
    }

    /// Uses another metadata endpoint (ending in `/`; tests use a loopback server).
    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        let mut endpoint = endpoint.into();
        if !endpoint.ends_with('/') {
            endpoint.push('/');
        }
        self.endpoint = endpoint;
        self
    }

    /// Uses `role` instead of asking the metadata service for it.
    pub fn with_role(self, role: impl Into<String>) -> Self {
        *self.role.lock().unwrap_or_else(|p| p.into_inner()) = Some(role.into());
        self
    }

    /// The role bound to the instance; `NotFound` when the metadata service cannot be reached
    /// or no role is bound (not a CVM instance, or one without a role).
    pub async fn role_name(&self) -> Result<String, CredentialsError> {
        if let Some(role) = self.role.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            return Ok(role);
        }
        let source = format!("CVM role ({})", self.endpoint);
        let (status, body) = self
            .get(&self.endpoint)
            .await
            .map_err(|reason| CredentialsError::not_found(&source, reason))?;
        let role = body.lines().next().unwrap_or_default().trim().to_owned();
        if status == 404 || (status == 200 && role.is_empty()) {
            return Err(CredentialsError::not_found(
                &source,
                "no role is bound to this instance".to_owned(),
            ));
        }
        if status != 200 {
            return Err(CredentialsError::not_found(
                &source,
                format!("the metadata service answered HTTP {status}"),
            ));
        }
        *self.role.lock().unwrap_or_else(|p| p.into_inner()) = Some(role.clone());
        Ok(role)
    }

    async fn fetch(&self) -> Result<Credential, CredentialsError> {
        let role = self.role_name().await?;
        let url = format!(
            "{}{}",
            self.endpoint,
            utf8_percent_encode(&role, PATH_SEGMENT)
        );
        let failed = |why: String| {
            CredentialsError::Provider(format!("CVM role {role} from {}: {why}", self.endpoint))
        };
        let (status, body) = self.get(&url).await.map_err(failed)?;
        if status != 200 {
            return Err(failed(format!("HTTP {status}")));
        }
        let keys: RoleKeys = serde_json::from_str(&body)
            .map_err(|e| failed(format!("the answer is not the expected JSON ({e})")))?;
        if keys.code.as_deref() != Some("Success") {
            return Err(failed(format!(
                "Code is {:?}",
                keys.code.unwrap_or_default()
            )));
        }
        let (Some(id), Some(key), Some(token)) =
            (keys.tmp_secret_id, keys.tmp_secret_key, keys.token)
        else {
            return Err(failed(
                "the answer lacks TmpSecretId, TmpSecretKey or Token".to_owned(),
            ));
        };
        let mut credential = Credential::new(id, key).with_token(token);
        if let Some(at) = keys.expired_time.and_then(|t| u64::try_from(t).ok()) {
            credential = credential.with_expiry(UNIX_EPOCH + Duration::from_secs(at));
        }
        Ok(credential)
    }

    /// `GET url` -> status and body text, or why it failed.
    async fn get(&self, url: &str) -> Result<(u16, String), String> {
        let transport = self.transport.as_ref().map_err(Clone::clone)?;
        let request = HttpRequest {
            method: "GET".to_owned(),
            url: url.to_owned(),
            headers: Vec::new(),
            body: Vec::new(),
        };
        match tokio::time::timeout(METADATA_TIMEOUT, transport.send(request)).await {
            Err(_) => Err(format!("no answer within {METADATA_TIMEOUT:?}")),
            Ok(Err(e)) => Err(e.to_string()),
            Ok(Ok(r)) => Ok((
                r.status,
                String::from_utf8_lossy(&r.body.to_bytes()).into_owned(),
            )),
        }
    }
}

impl ProvideCredentials for CvmRoleProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credential, CredentialsError>> {
        Box::pin(self.fetch())
    }
}
