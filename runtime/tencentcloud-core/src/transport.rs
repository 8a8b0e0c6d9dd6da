//! The pluggable HTTP transport and its default implementation on reqwest + rustls.

use std::fmt;
use std::time::Duration;

use futures_util::future::BoxFuture;

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
    /// The body (the default transport stops reading one byte past its size limit).
    pub body: Vec<u8>,
}

impl HttpResponse {
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

impl ReqwestTransport {
    /// A transport with the given connect timeout that reads at most `max_response_bytes + 1`
    /// bytes of any body (the runtime rejects bodies over the limit).
    pub fn new(
        connect_timeout: Duration,
        max_response_bytes: usize,
    ) -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| {
                TransportError::new(TransportErrorKind::Other, "cannot build the HTTP client")
                    .with_source(e)
            })?;
        Ok(Self {
            client,
            max_response_bytes,
        })
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
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(map_reqwest)? {
            body.extend_from_slice(&chunk);
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

fn map_reqwest(e: reqwest::Error) -> TransportError {
    let kind = if e.is_timeout() {
        TransportErrorKind::Timeout
    } else if e.is_connect() {
        TransportErrorKind::Connect
    } else if e.is_request() || e.is_body() || e.is_decode() {
        TransportErrorKind::ConnectionClosed
    } else {
        TransportErrorKind::Other
    };
    let message = e.to_string();
    TransportError::new(kind, message).with_source(e)
}
