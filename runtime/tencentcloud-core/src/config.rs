//! Client configuration: [`Config`] and its [`ConfigBuilder`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::credentials::{
    CachingProvider, Credential, CredentialsError, DefaultCredentialsChain, EnvLookup,
    ProvideCredentials,
};
use crate::retry::RetryPolicy;
use crate::transport::{ReqwestTransport, Transport, TransportOptions};

/// Largest request body the API accepts: "POST 请求使用签名方法 v3（TC3-HMAC-SHA256）时支持10MB"
/// (`spec/sources/lighthouse-api-doc.zh-CN.pdf.txt` line 2333).
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 10 * 1024 * 1024;
/// Default largest response body read (64 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;
/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default total timeout of one attempt (credentials, connect, send, receive).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default deadline of a whole call: every attempt and the back-off between them. With the
/// default three attempts of at most 60 s each, a call against a dead endpoint ends after
/// 90 s instead of about 181 s.
pub const DEFAULT_OPERATION_TIMEOUT: Duration = Duration::from_secs(90);
/// Environment variable read by [`Config::from_env`] for the region.
pub const ENV_REGION: &str = "TENCENTCLOUD_REGION";

/// The `X-TC-Language` of error messages and some outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Language {
    /// `zh-CN`.
    ZhCn,
    /// `en-US`.
    EnUs,
}

impl Language {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::EnUs => "en-US",
        }
    }
}

/// A custom endpoint: scheme and authority (`host[:port]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `https` or `http`.
    pub scheme: &'static str,
    /// `host[:port]`, also the signed `Host` header.
    pub authority: String,
}

impl Endpoint {
    /// Parses `https://host[:port][/]`, `http://...` or a bare `host[:port]` (https).
    pub fn parse(input: &str) -> Result<Self, ConfigError> {
        let s = input.trim();
        let (scheme, rest) = if let Some(r) = s.strip_prefix("https://") {
            ("https", r)
        } else if let Some(r) = s.strip_prefix("http://") {
            ("http", r)
        } else if s.contains("://") {
            return Err(ConfigError::InvalidEndpoint(format!(
                "{}: only http:// and https:// are supported",
                without_user_info(s)
            )));
        } else {
            ("https", s)
        };
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        let bad_char = |c: char| c.is_whitespace() || matches!(c, '/' | '?' | '#' | '@');
        if authority.is_empty() || authority.contains(bad_char) {
            return Err(ConfigError::InvalidEndpoint(format!(
                "{}: expected [scheme://]host[:port] without path, query or user info",
                without_user_info(s)
            )));
        }
        Ok(Self {
            scheme,
            authority: authority.to_owned(),
        })
    }
}

/// `url` with any `user:password@` replaced by `***@`, for error messages.
pub(crate) fn without_user_info(url: &str) -> String {
    let (scheme, rest) = match url.find("://") {
        Some(i) => url.split_at(i + 3),
        None => ("", url),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest.get(..authority_end).and_then(|a| a.rfind('@')) {
        Some(at) => format!("{scheme}***{}", rest.get(at..).unwrap_or_default()),
        None => url.to_owned(),
    }
}

/// `region` trimmed, if it is a region id (ASCII letters, digits and `-`).
pub(crate) fn validate_region(region: &str) -> Result<&str, ConfigError> {
    let region = region.trim();
    if region.is_empty()
        || !region
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(ConfigError::InvalidRegion(region.to_owned()));
    }
    Ok(region)
}

/// Why a [`Config`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The endpoint is not `[scheme://]host[:port]`.
    #[error("invalid endpoint {0}")]
    InvalidEndpoint(String),
    /// An `http://` endpoint without `allow_http(true)`.
    #[error("endpoint {0} uses plain http; call allow_http(true) to permit it")]
    InsecureEndpoint(String),
    /// The region is not a region id (ASCII letters, digits and `-`).
    #[error("invalid region {0:?}: expected an id like ap-guangzhou")]
    InvalidRegion(String),
    /// A region read from the environment or a file is not a region id.
    #[error("invalid region {region:?} in {source_name}: expected an id like ap-guangzhou")]
    InvalidRegionIn {
        /// The region read.
        region: String,
        /// Where it was read: an environment variable or a file.
        source_name: String,
    },
    /// A credentials source that applies is broken (a half-set environment, a malformed file).
    #[error("credentials: {0}")]
    Credentials(CredentialsError),
    /// The proxy URL is not usable.
    #[error("invalid proxy {0}")]
    InvalidProxy(String),
    /// A CA certificate is not valid PEM or DER.
    #[error("invalid CA certificate: {0}")]
    InvalidCertificate(String),
    /// Two settings that cannot be combined.
    #[error("conflicting settings: {0}")]
    Conflict(String),
    /// The default HTTP transport could not be created.
    #[error("cannot create the HTTP transport: {0}")]
    Transport(String),
}

/// Everything a client needs: credentials, region, endpoint, timeouts, retries, transport.
#[derive(Clone)]
pub struct Config {
    pub(crate) credentials: Arc<dyn ProvideCredentials>,
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Option<Endpoint>,
    pub(crate) language: Option<Language>,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) operation_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) max_request_bytes: usize,
    pub(crate) max_response_bytes: usize,
}

impl Config {
    /// A builder with defaults (credentials from the default chain, no region).
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The [`DefaultCredentialsChain`] (cached, refreshed before expiry) and the region from
    /// `TENCENTCLOUD_REGION`, else the INI profile's `region`, else tccli's configure file.
    ///
    /// The sources that need no network are checked now, so a broken one (a half-set
    /// environment, a malformed file) is reported here; the first call settles on a source,
    /// asking the metadata service or STS when no local source applies. An invalid region is
    /// [`ConfigError::InvalidRegionIn`], naming where it was read.
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_env_lookup(EnvLookup::process())
    }

    /// Like [`Config::from_env`], reading variables through `env`.
    pub fn from_env_lookup(env: EnvLookup) -> Result<Config, ConfigError> {
        Self::from_chain(DefaultCredentialsChain::new().with_env(env))
    }

    /// Like [`Config::from_env`] with a configured chain (its environment, files, endpoints).
    pub fn from_chain(chain: DefaultCredentialsChain) -> Result<Config, ConfigError> {
        Self::builder_from_chain(chain)?.build()
    }

    /// The builder [`Config::from_chain`] builds, to set more before building.
    pub fn builder_from_chain(
        chain: DefaultCredentialsChain,
    ) -> Result<ConfigBuilder, ConfigError> {
        chain.check_local().map_err(ConfigError::Credentials)?;
        let region = chain.region().map_err(ConfigError::Credentials)?;
        let mut builder = Config::builder().credentials(CachingProvider::new(chain));
        if let Some((region, source_name)) = region {
            validate_region(&region).map_err(|_| ConfigError::InvalidRegionIn {
                region: region.clone(),
                source_name,
            })?;
            builder = builder.region(region);
        }
        Ok(builder)
    }

    /// The configured region.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The custom endpoint, if any.
    pub fn endpoint(&self) -> Option<&Endpoint> {
        self.endpoint.as_ref()
    }

    /// The language sent as `X-TC-Language`.
    pub fn language(&self) -> Option<Language> {
        self.language
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Total timeout of one attempt, credentials included (each retry gets its own).
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Deadline of a whole call, every attempt and the back-off between them included
    /// (default [`DEFAULT_OPERATION_TIMEOUT`]).
    pub fn operation_timeout(&self) -> Duration {
        self.operation_timeout
    }

    /// Connect timeout (applies to the default transport).
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// The credentials provider.
    pub fn credentials(&self) -> &Arc<dyn ProvideCredentials> {
        &self.credentials
    }

    /// The transport.
    pub fn transport(&self) -> &Arc<dyn Transport> {
        &self.transport
    }

    /// Largest request body sent.
    pub fn max_request_bytes(&self) -> usize {
        self.max_request_bytes
    }

    /// Largest response body accepted.
    pub fn max_response_bytes(&self) -> usize {
        self.max_response_bytes
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("credentials", &self.credentials)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("language", &self.language)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("retry", &self.retry)
            .field("max_request_bytes", &self.max_request_bytes)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Config`].
#[derive(Default)]
pub struct ConfigBuilder {
    operation_timeout: Option<Duration>,
    proxy: Option<String>,
    root_certificates: Vec<Vec<u8>>,
    http_client: Option<reqwest::Client>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    region: Option<String>,
    endpoint: Option<String>,
    allow_http: bool,
    language: Option<Language>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    transport: Option<Arc<dyn Transport>>,
    max_request_bytes: Option<usize>,
    max_response_bytes: Option<usize>,
}

impl ConfigBuilder {
    /// Sets the credentials (a [`Credential`] or any provider). Default: the default chain,
    /// resolved on first use and then cached.
    pub fn credentials(mut self, provider: impl ProvideCredentials) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Sets a shared credentials provider.
    pub fn credentials_provider(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// Whether a region is set.
    pub(crate) fn has_region(&self) -> bool {
        self.region.is_some()
    }

    /// Sets the region, e.g. `ap-guangzhou`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets a custom endpoint (`https://host[:port]`), overriding the service's endpoints.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Permits an `http://` endpoint (tests, private networks). Default: false.
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Sets `X-TC-Language`.
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// Sets the connect timeout of the default transport.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Sets the total timeout of one attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the deadline of a whole call, retries and back-off included (default
    /// [`DEFAULT_OPERATION_TIMEOUT`]).
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// Sends every request of the default transport through the proxy at `url`
    /// (`http://` or `https://`, with `user:password@` when it needs one).
    /// Without it the default transport honours `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` /
    /// `NO_PROXY`, as the official SDKs do.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Trusts the CA certificate(s) in `pem` (PEM text, one or more certificates) in addition
    /// to the built-in web PKI roots, for the default transport (private endpoints, TLS
    /// inspecting proxies).
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// Sends through the caller's own `reqwest::Client` (its proxy, roots, pool and timeouts
    /// apply; the connect timeout, proxy and CA settings here cannot be combined with it).
    /// Redirects are not followed by the runtime either way: set `redirect::Policy::none()`
    /// on the client, as the default transport does.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Sets the retry policy.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Replaces the HTTP transport.
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Sets the request body limit (default 10 MB).
    pub fn max_request_bytes(mut self, limit: usize) -> Self {
        self.max_request_bytes = Some(limit);
        self
    }

    /// Sets the response body limit (default 64 MiB).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// Validates and builds the configuration.
    pub fn build(self) -> Result<Config, ConfigError> {
        let endpoint = match &self.endpoint {
            Some(s) => Some(Endpoint::parse(s)?),
            None => None,
        };
        if let Some(ep) = &endpoint {
            if ep.scheme == "http" && !self.allow_http {
                return Err(ConfigError::InsecureEndpoint(ep.authority.clone()));
            }
        }
        let region = match self.region.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(r) => Some(validate_region(r)?.to_owned()),
        };
        let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        let max_response_bytes = self
            .max_response_bytes
            .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES);
        let transport = self.build_transport(connect_timeout, max_response_bytes)?;
        Ok(Config {
            credentials: self
                .credentials
                .unwrap_or_else(|| Arc::new(CachingProvider::new(DefaultCredentialsChain::new()))),
            region,
            endpoint,
            language: self.language,
            connect_timeout,
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            operation_timeout: self.operation_timeout.unwrap_or(DEFAULT_OPERATION_TIMEOUT),
            retry: self.retry.unwrap_or_default(),
            transport,
            max_request_bytes: self.max_request_bytes.unwrap_or(DEFAULT_MAX_REQUEST_BYTES),
            max_response_bytes,
        })
    }
}

impl ConfigBuilder {
    /// The transport: the one given, or reqwest (the caller's client, or one built with the
    /// connect timeout, proxy and extra roots).
    fn build_transport(
        &self,
        connect_timeout: Duration,
        max_response_bytes: usize,
    ) -> Result<Arc<dyn Transport>, ConfigError> {
        let custom_tls = self.proxy.is_some() || !self.root_certificates.is_empty();
        if let Some(t) = &self.transport {
            if custom_tls || self.http_client.is_some() {
                return Err(ConfigError::Conflict(
                    "a custom transport ignores proxy, CA roots and http_client".to_owned(),
                ));
            }
            return Ok(Arc::clone(t));
        }
        if let Some(client) = &self.http_client {
            if custom_tls {
                return Err(ConfigError::Conflict(
                    "set the proxy and CA roots on your own reqwest::Client".to_owned(),
                ));
            }
            return Ok(Arc::new(ReqwestTransport::from_client(
                client.clone(),
                max_response_bytes,
            )));
        }
        let mut options = TransportOptions::new(connect_timeout);
        if let Some(url) = &self.proxy {
            let proxy = reqwest::Proxy::all(url.as_str()).map_err(|e| {
                ConfigError::InvalidProxy(format!("{}: {e}", without_user_info(url)))
            })?;
            options.proxy = Some(proxy);
        }
        for pem in &self.root_certificates {
            let certs = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| ConfigError::InvalidCertificate(e.to_string()))?;
            if certs.is_empty() {
                return Err(ConfigError::InvalidCertificate(
                    "no certificate in the PEM text".to_owned(),
                ));
            }
            options.root_certificates.extend(certs);
        }
        let transport = ReqwestTransport::with_options(options, max_response_bytes)
            .map_err(|e| ConfigError::Transport(e.to_string()))?;
        Ok(Arc::new(transport))
    }
}

impl From<Credential> for ConfigBuilder {
    fn from(c: Credential) -> Self {
        ConfigBuilder::default().credentials(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_parsing() {
        let e = Endpoint::parse("http://127.0.0.1:8080/").unwrap();
        assert_eq!((e.scheme, e.authority.as_str()), ("http", "127.0.0.1:8080"));
        let e = Endpoint::parse("lighthouse.internal").unwrap();
        assert_eq!(
            (e.scheme, e.authority.as_str()),
            ("https", "lighthouse.internal")
        );
        assert!(Endpoint::parse("ftp://x").is_err());
        assert!(Endpoint::parse("https://x/path").is_err());
        assert!(Endpoint::parse("").is_err());
    }

    #[test]
    fn http_endpoint_needs_allow_http() {
        let b = || Config::builder().credentials(Credential::new("id", "key"));
        let err = b().endpoint("http://127.0.0.1:1").build().unwrap_err();
        assert!(matches!(err, ConfigError::InsecureEndpoint(_)));
        assert!(b()
            .endpoint("http://127.0.0.1:1")
            .allow_http(true)
            .build()
            .is_ok());
    }

    #[test]
    fn region_must_be_an_id() {
        let b = || Config::builder().credentials(Credential::new("id", "key"));
        let err = b().region("ap-guangzhou\r\nX-Evil: 1").build().unwrap_err();
        assert!(matches!(err, ConfigError::InvalidRegion(_)));
        assert_eq!(
            b().region(" ap-guangzhou ").build().unwrap().region(),
            Some("ap-guangzhou")
        );
        assert_eq!(b().region("").build().unwrap().region(), None);
    }

    #[test]
    fn debug_does_not_show_the_secret_key() {
        let c = Config::builder()
            .credentials(Credential::new("AKIDx", "topsecret").with_token("tok-secret"))
            .build()
            .unwrap();
        let dbg = format!("{c:?}");
        assert!(dbg.contains("AKIDx"));
        assert!(
            !dbg.contains("topsecret") && !dbg.contains("tok-secret"),
            "{dbg}"
        );
    }
}
