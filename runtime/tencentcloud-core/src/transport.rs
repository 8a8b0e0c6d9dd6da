//! The pluggable HTTP transport and its default implementation on reqwest + rustls.

use std::fmt;
use std::time::Duration;

use futures_util::future::BoxFuture;

use crate::body::ResponseBody;
use crate::error::{TransportError, TransportErrorKind};

/// An HTTP request, fully signed.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `POST` (or `GET`).
    pub method: String,
    /// Absolute URL, e.g. `https://lighthouse.tencentcloudapi.com/`.
    pub url: String,
    /// Headers in order; names as sent.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Debug-prints headers with `Authorization` and `X-TC-Token` values replaced by `***`.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a [(String, String)]);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (k, v) in self.0 {
            let secret =
                k.eq_ignore_ascii_case("authorization") || k.eq_ignore_ascii_case("x-tc-token");
            list.entry(&(k, if secret { "***" } else { v.as_str() }));
        }
        list.finish()
    }
}

/// An HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers in order (names lowercase for the default transport).
    pub headers: Vec<(String, String)>,
    /// The body, as the chunks it arrived in (the default transport keeps the HTTP stack's
    /// chunks, without a contiguous copy, and stops reading at the first chunk past its size
    /// limit). A large body of several chunks is decoded while its chunks are freed.
    pub body: ResponseBody,
}

impl HttpResponse {
    /// A response with its body in one buffer (`Vec<u8>`, `bytes::Bytes`, `String`,
    /// `&'static [u8]`, ...): what a custom [`Transport`] that reads the whole body returns.
    pub fn from_bytes(
        status: u16,
        headers: Vec<(String, String)>,
        body: impl Into<ResponseBody>,
    ) -> Self {
        Self {
            status,
            headers,
            body: body.into(),
        }
    }

    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// The first header named `name` (case-insensitive) in `headers`.
pub(crate) fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Sends one HTTP request. Implement it to plug in another HTTP stack or a test double.
///
/// Return the body with [`HttpResponse::from_bytes`] when you read it whole, or push the
/// chunks as your HTTP stack yields them into a [`ResponseBody`]: a large body in several
/// chunks then never needs to be in memory whole next to its decoded output.
pub trait Transport: Send + Sync + 'static {
    /// Sends `request` and returns the response (any status), or a network-level error.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// The default transport: reqwest with rustls (webpki roots), HTTP/1.1.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_response_bytes: usize,
}

/// How [`ReqwestTransport::with_options`] builds its client.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TransportOptions {
    /// Connect timeout (TCP and TLS handshake).
    pub connect_timeout: Duration,
    /// A proxy for every request; `None` means the environment's (`HTTPS_PROXY`, `HTTP_PROXY`,
    /// `ALL_PROXY`, `NO_PROXY`), as the official SDKs do, unless `system_proxy` is false.
    pub proxy: Option<reqwest::Proxy>,
    /// Whether to honour the environment's proxy variables when `proxy` is `None`.
    pub system_proxy: bool,
    /// CA certificates trusted in addition to the built-in web PKI roots.
    pub root_certificates: Vec<reqwest::Certificate>,
}

impl TransportOptions {
    /// Options with `connect_timeout`, the environment's proxy, no extra roots.
    pub fn new(connect_timeout: Duration) -> Self {
        Self {
            connect_timeout,
            proxy: None,
            system_proxy: true,
            root_certificates: Vec::new(),
        }
    }
}

impl ReqwestTransport {
    /// A transport with the given connect timeout that stops reading a body at the first chunk
    /// past `max_response_bytes` (the runtime rejects bodies over the limit).
    pub fn new(
        connect_timeout: Duration,
        max_response_bytes: usize,
    ) -> Result<Self, TransportError> {
        Self::with_options(TransportOptions::new(connect_timeout), max_response_bytes)
    }

    /// A transport built from `options`; redirects are never followed.
    pub fn with_options(
        options: TransportOptions,
        max_response_bytes: usize,
    ) -> Result<Self, TransportError> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .redirect(reqwest::redirect::Policy::none());
        builder = match options.proxy {
            Some(proxy) => builder.proxy(proxy),
            None if options.system_proxy => builder,
            None => builder.no_proxy(),
        };
        for cert in options.root_certificates {
            builder = builder.add_root_certificate(cert);
        }
        let client = builder.build().map_err(|e| {
            TransportError::new(TransportErrorKind::Other, "cannot build the HTTP client")
                .with_source(e)
        })?;
        Ok(Self::from_client(client, max_response_bytes))
    }

    /// A transport over the caller's own client.
    pub fn from_client(client: reqwest::Client, max_response_bytes: usize) -> Self {
        Self {
            client,
            max_response_bytes,
        }
    }

    async fn send_inner(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes()).map_err(|e| {
            TransportError::new(TransportErrorKind::Other, "invalid HTTP method").with_source(e)
        })?;
        let mut builder = self.client.request(method, &request.url);
        for (k, v) in &request.headers {
            builder = builder.header(k, v);
        }
        let mut response = builder
            .body(request.body)
            .send()
            .await
            .map_err(map_reqwest)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        // The chunks as received, without a contiguous copy: the decode frees each one once read.
        let mut body = ResponseBody::new();
        while let Some(chunk) = response.chunk().await.map_err(map_reqwest)? {
            body.push(chunk);
            if body.len() > self.max_response_bytes {
                break;
            }
        }
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.send_inner(request))
    }
}

/// Maps a reqwest error to a kind and a message that names the innermost cause (reqwest's
/// own text is only "error sending request for url (...)"), without the URL. The reqwest
/// error is kept as the described cause, so a printed chain does not repeat that text.
fn map_reqwest(e: reqwest::Error) -> TransportError {
    if let Some(tls) = tls_cause(&e) {
        let message = format!("handshake rejected: {tls}");
        return TransportError::new(TransportErrorKind::Tls, message)
            .with_described_cause(e.without_url());
    }
    let kind = if e.is_timeout() {
        TransportErrorKind::Timeout
    } else if e.is_connect() {
        TransportErrorKind::Connect
    } else if e.is_request() || e.is_body() || e.is_decode() {
        TransportErrorKind::ConnectionClosed
    } else {
        TransportErrorKind::Other
    };
    let e = e.without_url();
    let message = root_cause(&e);
    TransportError::new(kind, message).with_described_cause(e)
}

/// The rustls error in `e`'s source chain, when the failure is one retrying cannot fix: a
/// certificate the client does not trust or that does not match, a peer that speaks no
/// common protocol. (An alert or a dropped connection mid-handshake is not classified here.)
fn tls_cause<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut current = Some(e);
    while let Some(err) = current {
        if let Some(tls) = err.downcast_ref::<rustls::Error>() {
            return is_permanent_tls(tls).then_some(tls);
        }
        // `io::Error::source` skips the error it wraps; hyper wraps rustls' in two of them.
        current = match err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => err.source(),
        };
    }
    None
}

fn is_permanent_tls(e: &rustls::Error) -> bool {
    matches!(
        e,
        rustls::Error::InvalidCertificate(_)
            | rustls::Error::NoCertificatesPresented
            | rustls::Error::UnsupportedNameType
            | rustls::Error::PeerIncompatible(_)
            | rustls::Error::PeerMisbehaved(_)
            | rustls::Error::InvalidCertRevocationList(_)
    )
}

/// The text of the innermost error in the chain (the most specific description).
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut current = e;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}
