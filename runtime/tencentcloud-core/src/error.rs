//! Errors a call can fail with: [`SdkError`] and the pieces it is made of.

use std::convert::Infallible;
use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

pub use crate::credentials::CredentialsError;

/// An error response from the API: `{"Response":{"Error":{"Code","Message"},"RequestId"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    code: String,
    message: String,
    request_id: String,
}

impl ServiceError {
    /// Builds an error from its code, message and request id.
    pub fn new(
        code: impl Into<String>,
        message: impl Into<String>,
        request_id: impl Into<String>,
    ) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            request_id: request_id.into(),
        }
    }

    /// The error code, for example `RequestLimitExceeded` or `InvalidParameter.Foo`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The human-readable message the API sent.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The request id the API assigned (empty when it sent none).
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The position of this error's code in `codes` (the codes an action documents), for a
    /// generated `from_service_error`: it then matches on a number rather than on strings,
    /// which compiles to far less code.
    pub fn code_index(&self, codes: &[&str]) -> Option<usize> {
        codes.iter().position(|&code| code == self.code)
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if !self.request_id.is_empty() {
            write!(f, " (request id {})", self.request_id)?;
        }
        Ok(())
    }
}

impl StdError for ServiceError {}

/// Implemented by every generated per-action error enum.
pub trait OperationError: StdError + Send + Sync + Sized + 'static {
    /// Maps an API error to the action's typed error (unknown codes go to a catch-all variant).
    fn from_service_error(err: ServiceError) -> Self;
    /// The metadata of the error (code, message, request id).
    fn meta(&self) -> &ServiceError;
}

/// A request refused before it was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// A required input field was not set.
    #[error("required field `{0}` is not set")]
    MissingField(&'static str),
    /// The action needs a region (`X-TC-Region`) and none is configured.
    #[error("action {action} requires a Region, but none is configured (set ConfigBuilder::region or TENCENTCLOUD_REGION)")]
    MissingRegion {
        /// The action that was called.
        action: &'static str,
    },
    /// The serialized body is larger than the API accepts.
    #[error("request body is {size} bytes, larger than the {limit}-byte limit")]
    BodyTooLarge {
        /// Size of the serialized body.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The input could not be serialized to JSON.
    #[error("request could not be serialized to JSON: {0}")]
    Serialize(String),
    /// A per-call region override that is not a region id.
    #[error("invalid region {region:?} for this call: expected an id like ap-guangzhou")]
    InvalidRegion {
        /// The region given.
        region: String,
    },
}

/// Which deadline expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// The TCP/TLS connection was not established in time.
    Connect,
    /// The whole attempt (send and receive) took too long.
    Total,
    /// The credentials provider did not answer within the attempt timeout.
    Credentials,
    /// The whole call, retries and back-off included, passed its operation deadline.
    Operation,
}

/// A call that ran out of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeoutError {
    kind: TimeoutKind,
    after: Option<Duration>,
}

impl TimeoutError {
    /// A timeout of `kind`, after `after` when known.
    pub fn new(kind: TimeoutKind, after: Option<Duration>) -> Self {
        Self { kind, after }
    }

    /// Which deadline expired.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// The configured deadline, when known.
    pub fn after(&self) -> Option<Duration> {
        self.after
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TimeoutKind::Connect => "connecting",
            TimeoutKind::Total => "request",
            TimeoutKind::Credentials => "fetching credentials",
            TimeoutKind::Operation => "operation (all attempts)",
        };
        write!(f, "{what} timed out")?;
        if let Some(after) = self.after {
            write!(f, " after {after:?}")?;
        }
        Ok(())
    }
}

impl StdError for TimeoutError {}

/// What went wrong on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// Could not connect (refused, DNS, TLS handshake).
    Connect,
    /// The connection was closed or reset before a full response arrived.
    ConnectionClosed,
    /// A deadline expired inside the transport.
    Timeout,
    /// The TLS handshake failed for a reason retrying cannot fix (an untrusted or invalid
    /// certificate, a protocol mismatch).
    Tls,
    /// Anything else (invalid URL, I/O error, ...).
    Other,
}

/// A network-level failure reported by a [`Transport`](crate::Transport).
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn StdError + Send + Sync>>,
    /// `message` already gives the source's text, so `source()` leaves it out of the chain.
    described: bool,
}

impl TransportError {
    /// A transport error of `kind` described by `message`.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: None,
            described: false,
        }
    }

    /// Attaches the underlying cause, which `source()` returns.
    pub fn with_source(mut self, source: impl StdError + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self.described = false;
        self
    }

    /// Attaches the underlying cause whose text the message already gives (its root cause):
    /// it stays reachable through [`TransportError::cause`] but `source()` does not return it,
    /// so an error chain printed link by link names the cause once.
    pub fn with_described_cause(mut self, cause: impl StdError + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(cause));
        self.described = true;
        self
    }

    /// The underlying error (for example the HTTP client's), whether or not it is part of the
    /// `source()` chain.
    pub fn cause(&self) -> Option<&(dyn StdError + Send + Sync + 'static)> {
        self.source.as_deref()
    }

    /// What went wrong.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The description given when the error was built.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::ConnectionClosed => "connection closed before a response",
            TransportErrorKind::Timeout => "transport timed out",
            TransportErrorKind::Tls => "TLS failure",
            TransportErrorKind::Other => "transport error",
        };
        write!(f, "{what}: {}", self.message)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        if self.described {
            return None;
        }
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// A response that is not a valid API answer: HTML, empty, truncated JSON, 5xx without an
/// envelope, too large, or a `Response` that does not match the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseError {
    status: u16,
    content_type: String,
    snippet: String,
    reason: String,
}

/// Longest snippet of a bad body kept in a [`ResponseError`], in characters.
pub const SNIPPET_CHARS: usize = 200;

impl ResponseError {
    /// Describes a bad response: its status, content type, why it was rejected and the body.
    pub fn new(status: u16, content_type: &str, reason: impl Into<String>, body: &[u8]) -> Self {
        Self {
            status,
            content_type: content_type.to_owned(),
            snippet: snippet(body),
            reason: reason.into(),
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `Content-Type` header (empty when absent).
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The start of the body (at most [`SNIPPET_CHARS`] characters, control characters escaped).
    pub fn snippet(&self) -> &str {
        &self.snippet
    }

    /// Why the response was rejected.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ct = if self.content_type.is_empty() {
            "no content type"
        } else {
            &self.content_type
        };
        write!(
            f,
            "invalid response (HTTP {}, {ct}): {}; body starts with {:?}",
            self.status, self.reason, self.snippet
        )
    }
}

impl StdError for ResponseError {}

/// The first [`SNIPPET_CHARS`] characters of `body`, lossily decoded, control characters escaped.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i >= SNIPPET_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Everything a call can fail with.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The API answered with an error code.
    Service(E),
    /// Refused before sending.
    InvalidRequest(RequestError),
    /// No usable credentials.
    Credentials(CredentialsError),
    /// A deadline expired.
    Timeout(TimeoutError),
    /// Connect refused, reset, DNS, TLS.
    Transport(TransportError),
    /// HTML, empty, truncated JSON, 5xx without envelope, too large.
    InvalidResponse(ResponseError),
}

impl<E> SdkError<E> {
    /// The error for a request missing the required field `field` (its wire name).
    pub fn missing_field(field: &'static str) -> Self {
        SdkError::InvalidRequest(RequestError::MissingField(field))
    }

    /// The typed service error, when the API answered with one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The typed service error (`Ok`), or the failure that is not an API error code (`Err`,
    /// never [`SdkError::Service`]).
    pub fn into_service_error(self) -> Result<E, SdkError<Infallible>> {
        match self {
            SdkError::Service(e) => Ok(e),
            SdkError::InvalidRequest(e) => Err(SdkError::InvalidRequest(e)),
            SdkError::Credentials(e) => Err(SdkError::Credentials(e)),
            SdkError::Timeout(e) => Err(SdkError::Timeout(e)),
            SdkError::Transport(e) => Err(SdkError::Transport(e)),
            SdkError::InvalidResponse(e) => Err(SdkError::InvalidResponse(e)),
        }
    }

    /// Converts the service error type, keeping every other variant.
    pub fn map_service<F>(self, f: impl FnOnce(E) -> F) -> SdkError<F> {
        match self.into_service_error() {
            Ok(e) => SdkError::Service(f(e)),
            Err(other) => other.widen(),
        }
    }
}

impl SdkError<Infallible> {
    /// The same failure as an `SdkError` of any service error type.
    pub fn widen<F>(self) -> SdkError<F> {
        match self {
            SdkError::Service(never) => match never {},
            SdkError::InvalidRequest(e) => SdkError::InvalidRequest(e),
            SdkError::Credentials(e) => SdkError::Credentials(e),
            SdkError::Timeout(e) => SdkError::Timeout(e),
            SdkError::Transport(e) => SdkError::Transport(e),
            SdkError::InvalidResponse(e) => SdkError::InvalidResponse(e),
        }
    }
}

impl<E: OperationError> SdkError<E> {
    /// The code, message and request id of the API's answer, when it answered with an error.
    pub fn meta(&self) -> Option<&ServiceError> {
        self.service_error().map(OperationError::meta)
    }

    /// The API error code, when the API answered with one.
    pub fn code(&self) -> Option<&str> {
        self.meta().map(ServiceError::code)
    }

    /// The API's error message, when it answered with an error.
    pub fn message(&self) -> Option<&str> {
        self.meta().map(ServiceError::message)
    }

    /// The request id of the API's error answer (`None` when the call got no answer from the
    /// API: refused, credentials, timeout, transport, or an answer that is not the API's).
    pub fn request_id(&self) -> Option<&str> {
        self.meta().map(ServiceError::request_id)
    }
}

/// Shows the failure itself, without a prefix: the inner error's message, once.
/// [`StdError::source`] continues with the inner error's own source, so a chain printer
/// (`anyhow`'s `{:#}`, a loop over `source()`) prints every message exactly once.
impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Service(e) => e.fmt(f),
            SdkError::InvalidRequest(e) => e.fmt(f),
            SdkError::Credentials(e) => e.fmt(f),
            SdkError::Timeout(e) => e.fmt(f),
            SdkError::Transport(e) => e.fmt(f),
            SdkError::InvalidResponse(e) => e.fmt(f),
        }
    }
}

impl<E: StdError + 'static> StdError for SdkError<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            SdkError::Service(e) => e.source(),
            SdkError::InvalidRequest(e) => e.source(),
            SdkError::Credentials(e) => e.source(),
            SdkError::Timeout(e) => e.source(),
            SdkError::Transport(e) => e.source(),
            SdkError::InvalidResponse(e) => e.source(),
        }
    }
}

impl<E> From<CredentialsError> for SdkError<E> {
    fn from(e: CredentialsError) -> Self {
        SdkError::Credentials(e)
    }
}

impl<E> From<RequestError> for SdkError<E> {
    fn from(e: RequestError) -> Self {
        SdkError::InvalidRequest(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_index_finds_the_exact_code_only() {
        let err = ServiceError::new("ResourceNotFound.DiskNotFound", "no disk", "r-1");
        let codes = ["ResourceNotFound", "ResourceNotFound.DiskNotFound", "Other"];
        assert_eq!(err.code_index(&codes), Some(1));
        assert_eq!(
            err.code_index(&codes[..1]),
            None,
            "a prefix is not the code"
        );
        assert_eq!(err.code_index(&[]), None);
    }

    #[test]
    fn snippet_is_bounded_and_escapes_control_characters() {
        let body = format!("<html>\n{}", "x".repeat(500));
        let err = ResponseError::new(502, "text/html", "not JSON", body.as_bytes());
        assert!(err.snippet().starts_with("<html>\\n"));
        assert!(err.snippet().chars().count() <= SNIPPET_CHARS + 2);
    }

    #[test]
    fn snippet_survives_invalid_utf8() {
        let err = ResponseError::new(200, "", "not JSON", &[0xff, 0xfe, b'a']);
        assert!(err.snippet().ends_with('a'));
        assert!(err.to_string().contains("no content type"));
    }

    #[test]
    fn sdk_error_display_and_source_chain() {
        use std::error::Error as _;
        let e: SdkError<ServiceError> = SdkError::Transport(
            TransportError::new(TransportErrorKind::ConnectionClosed, "reset")
                .with_source(std::io::Error::other("peer reset")),
        );
        assert_eq!(e.to_string(), "connection closed before a response: reset");
        assert_eq!(e.source().unwrap().to_string(), "peer reset");
        let missing: SdkError<ServiceError> = SdkError::missing_field("BundleId");
        assert!(missing.to_string().contains("`BundleId`"));
        assert!(missing.service_error().is_none());
    }

    /// Every message of an error's chain, outermost first.
    fn chain(e: &dyn StdError) -> Vec<String> {
        let mut out = vec![e.to_string()];
        let mut next = e.source();
        while let Some(inner) = next {
            out.push(inner.to_string());
            next = inner.source();
        }
        out
    }

    /// No message of the chain contains the next one: each is printed once.
    fn assert_printed_once(e: &dyn StdError) {
        let messages = chain(e);
        for pair in messages.windows(2) {
            assert!(
                !pair[0].contains(&pair[1]),
                "{:?} repeats its source {:?}",
                pair[0],
                pair[1]
            );
        }
    }

    #[derive(Debug)]
    struct Typed(ServiceError);
    impl fmt::Display for Typed {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.fmt(f)
        }
    }
    impl StdError for Typed {}
    impl OperationError for Typed {
        fn from_service_error(err: ServiceError) -> Self {
            Typed(err)
        }
        fn meta(&self) -> &ServiceError {
            &self.0
        }
    }

    #[test]
    fn every_variant_prints_each_message_of_its_chain_once() {
        let errors: Vec<SdkError<Typed>> = vec![
            SdkError::Service(Typed(ServiceError::new("InvalidParameter", "bad", "req-1"))),
            SdkError::missing_field("BundleId"),
            SdkError::Timeout(TimeoutError::new(TimeoutKind::Total, None)),
            SdkError::Transport(
                TransportError::new(TransportErrorKind::Connect, "refused")
                    .with_source(std::io::Error::other("os error 111")),
            ),
            SdkError::InvalidResponse(ResponseError::new(502, "text/html", "not JSON", b"<html>")),
        ];
        for e in &errors {
            assert_printed_once(e);
        }
        let service = &errors[0];
        assert_eq!(
            service.to_string(),
            "InvalidParameter: bad (request id req-1)"
        );
        assert!(service.source().is_none());
    }

    #[test]
    fn sdk_error_has_code_message_request_id_and_meta() {
        let e: SdkError<Typed> = SdkError::Service(Typed(ServiceError::new(
            "ResourceNotFound",
            "gone",
            "req-7",
        )));
        assert_eq!(e.code(), Some("ResourceNotFound"));
        assert_eq!(e.message(), Some("gone"));
        assert_eq!(e.request_id(), Some("req-7"));
        assert_eq!(e.meta().map(ServiceError::code), Some("ResourceNotFound"));
        let other: SdkError<Typed> = SdkError::missing_field("BundleId");
        assert_eq!(
            (other.code(), other.message(), other.request_id()),
            (None, None, None)
        );
        assert!(matches!(
            other.into_service_error(),
            Err(SdkError::InvalidRequest(RequestError::MissingField(
                "BundleId"
            )))
        ));
    }

    #[test]
    fn service_error_display_shows_code_message_and_request_id() {
        let e = ServiceError::new("InvalidParameter", "bad", "req-1");
        assert_eq!(e.to_string(), "InvalidParameter: bad (request id req-1)");
    }
}
