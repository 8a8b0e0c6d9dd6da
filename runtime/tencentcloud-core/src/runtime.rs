//! The per-service runtime handle: serialize once, sign, send with retries, parse.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::Serialize;
use tracing::Instrument;

use crate::config::{validate_region, Config};
use crate::credentials::Credential;
use crate::customize::CallOptions;
use crate::envelope::{parse_response, Parsed};
use crate::error::{
    OperationError, RequestError, SdkError, ServiceError, TimeoutError, TimeoutKind,
    TransportError, TransportErrorKind,
};
use crate::meta::{OperationMeta, RegionRequirement, ServiceMeta};
use crate::retry::{classify_service_code, RetryClass, RetryPolicy};
use crate::sign::{sign, SigningInput};
use crate::transport::{HttpRequest, HttpResponse};

/// The `Content-Type` every call sends (and signs).
pub const CONTENT_TYPE: &str = "application/json";

/// The per-service runtime handle a generated `Client` wraps (cheap to clone).
#[derive(Clone, Debug)]
pub struct Runtime {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    service: &'static ServiceMeta,
    /// `scheme://authority/`.
    url: String,
    /// The `Host` header (signed).
    host: String,
    /// `X-TC-RequestClient`.
    request_client: String,
}

/// The outcome of one attempt, before deciding whether to retry (a success's output is with
/// the caller's decoder).
enum Attempt {
    Done,
    Service(ServiceError),
    Failed(FailedAttempt),
}

/// Decodes one response for the non-generic call loop, keeping a success's output.
type Decode<'a> = dyn FnMut(HttpResponse, usize) -> Parsed<()> + Send + 'a;

/// How a call failed, before the service error becomes the action's typed error.
enum CallFailure {
    Service(ServiceError),
    Other(SdkError<std::convert::Infallible>),
}

/// A non-service failure, with how it may be retried.
struct FailedAttempt {
    class: RetryClass,
    error: SdkError<std::convert::Infallible>,
}

impl FailedAttempt {
    fn permanent(error: SdkError<std::convert::Infallible>) -> Self {
        Self {
            class: RetryClass::Permanent,
            error,
        }
    }
}

/// What one call uses: the client's configuration with the call's overrides applied.
struct CallPlan<'a> {
    op: &'static OperationMeta,
    region: Option<&'a str>,
    /// `(url, host)` when the call's region picks another endpoint than the client's.
    endpoint: Option<(String, String)>,
    attempt_timeout: Duration,
    retry: RetryPolicy,
    unsigned: bool,
}

impl Runtime {
    /// A runtime for `service` with `config`; resolves the endpoint once: custom endpoint >
    /// the service's endpoint for the configured region > the service default (https).
    pub fn new(config: Config, service: &'static ServiceMeta) -> Runtime {
        let (url, host) = endpoint_for(&config, service, config.region.as_deref());
        let request_client = format!("{}/{}", service.crate_name, service.crate_version);
        Runtime {
            inner: Arc::new(Inner {
                url,
                host,
                request_client,
                config,
                service,
            }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The service this runtime calls.
    pub fn service(&self) -> &'static ServiceMeta {
        self.inner.service
    }

    /// The URL requests go to (`scheme://host/`).
    pub fn url(&self) -> &str {
        &self.inner.url
    }

    /// Serializes `input` once, signs, sends with retries and parses the envelope: success ->
    /// `O`; `Response.Error` -> `SdkError::Service(E::from_service_error(..))`. Same as
    /// [`Runtime::invoke_with`] without overrides.
    pub async fn invoke<I, O, E>(
        &self,
        op: &'static OperationMeta,
        input: &I,
    ) -> Result<O, SdkError<E>>
    where
        I: Serialize + ?Sized,
        O: DeserializeOwned + Send,
        E: OperationError,
    {
        self.invoke_with(op, input, &CallOptions::default()).await
    }

    /// Like [`Runtime::invoke`], with the call's `options` overriding the configuration.
    ///
    /// The whole call (credentials, every attempt, the back-off between them) runs within the
    /// operation deadline ([`Config::operation_timeout`], or the override); each attempt,
    /// credentials included, within the attempt timeout. Throttling is retried for every
    /// action; other transient failures only when `op.retry_safe` (see [`crate::retry`]).
    pub async fn invoke_with<I, O, E>(
        &self,
        op: &'static OperationMeta,
        input: &I,
        options: &CallOptions,
    ) -> Result<O, SdkError<E>>
    where
        I: Serialize + ?Sized,
        O: DeserializeOwned + Send,
        E: OperationError,
    {
        let body = serde_json::to_vec(input).map_err(|e| RequestError::Serialize(e.to_string()))?;
        self.invoke_raw_with::<O, E>(op, body, options).await
    }

    /// Like [`Runtime::invoke`] with an already serialized JSON body.
    pub async fn invoke_raw<O, E>(
        &self,
        op: &'static OperationMeta,
        body: Vec<u8>,
    ) -> Result<O, SdkError<E>>
    where
        O: DeserializeOwned + Send,
        E: OperationError,
    {
        self.invoke_raw_with::<O, E>(op, body, &CallOptions::default())
            .await
    }

    /// Like [`Runtime::invoke_with`] with an already serialized JSON body.
    ///
    /// Only the decode step is generic: the attempt loop is compiled once, in this crate, and
    /// reaches `O` through a `&mut dyn FnMut` (a generated crate instantiates no copy of it per
    /// action, which keeps its compile time down).
    pub async fn invoke_raw_with<O, E>(
        &self,
        op: &'static OperationMeta,
        body: Vec<u8>,
        options: &CallOptions,
    ) -> Result<O, SdkError<E>>
    where
        O: DeserializeOwned + Send,
        E: OperationError,
    {
        let mut output = None;
        let mut decode = |response: HttpResponse, max_bytes: usize| match parse_response::<O>(
            response, max_bytes,
        ) {
            Parsed::Success(o, request_id) => {
                output = Some(o);
                Parsed::Success((), request_id)
            }
            Parsed::Service(e) => Parsed::Service(e),
            Parsed::Invalid(e) => Parsed::Invalid(e),
        };
        match self.call(op, body, options, &mut decode).await {
            Ok(()) => output.ok_or_else(|| {
                // `call` returns Ok only after `decode` returned a success.
                SdkError::InvalidRequest(RequestError::Serialize("no output decoded".to_owned()))
            }),
            Err(CallFailure::Service(e)) => Err(SdkError::Service(E::from_service_error(e))),
            Err(CallFailure::Other(e)) => Err(e.map_service(|never| match never {})),
        }
    }

    /// The non-generic part of a call: plan, deadline, span, attempts; `decode` turns a
    /// response into the output (kept by the caller) or an error.
    async fn call(
        &self,
        op: &'static OperationMeta,
        body: Vec<u8>,
        options: &CallOptions,
        decode: &mut Decode<'_>,
    ) -> Result<(), CallFailure> {
        let plan = self
            .plan(op, options)
            .map_err(|e| CallFailure::Other(e.into()))?;
        let limit = self.inner.config.max_request_bytes;
        if body.len() > limit {
            return Err(CallFailure::Other(
                RequestError::BodyTooLarge {
                    size: body.len(),
                    limit,
                }
                .into(),
            ));
        }
        let span = tracing::info_span!(
            "tencentcloud.call",
            service = self.inner.service.service,
            action = op.action,
            region = plan.region.unwrap_or(""),
            attempt = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        let deadline = options
            .operation_timeout_override()
            .unwrap_or(self.inner.config.operation_timeout);
        let call = self.retry_loop(&plan, &body, tokio::time::Instant::now() + deadline, decode);
        match tokio::time::timeout(deadline, call.instrument(span)).await {
            Ok(result) => result,
            Err(_) => Err(CallFailure::Other(SdkError::Timeout(TimeoutError::new(
                TimeoutKind::Operation,
                Some(deadline),
            )))),
        }
    }

    /// Applies the call's overrides to the configuration and checks the region.
    fn plan<'a>(
        &'a self,
        op: &'static OperationMeta,
        options: &'a CallOptions,
    ) -> Result<CallPlan<'a>, RequestError> {
        let config = &self.inner.config;
        let override_region = match options.region_override() {
            Some(r) => Some(validate_region(r).map_err(|_| RequestError::InvalidRegion {
                region: r.to_owned(),
            })?),
            None => None,
        };
        let configured = override_region.or(config.region.as_deref());
        let region = match op.region {
            RegionRequirement::Required => {
                Some(configured.ok_or(RequestError::MissingRegion { action: op.action })?)
            }
            RegionRequirement::Optional => configured,
            RegionRequirement::None => None,
        };
        let endpoint = override_region
            .filter(|r| Some(*r) != config.region.as_deref())
            .map(|r| endpoint_for(config, self.inner.service, Some(r)));
        Ok(CallPlan {
            op,
            region,
            endpoint,
            attempt_timeout: options.attempt_timeout_override().unwrap_or(config.timeout),
            retry: options.retry_override().copied().unwrap_or(config.retry),
            unsigned: options.unsigned,
        })
    }

    async fn retry_loop(
        &self,
        plan: &CallPlan<'_>,
        body: &[u8],
        deadline: tokio::time::Instant,
        decode: &mut Decode<'_>,
    ) -> Result<(), CallFailure> {
        let max_attempts = plan.retry.max_attempts();
        let mut attempt = 1;
        loop {
            tracing::Span::current().record("attempt", attempt);
            let outcome = self.attempt(plan, body, decode).await;
            let class = match &outcome {
                Attempt::Done => RetryClass::Permanent,
                Attempt::Service(e) => classify_service_code(e.code()),
                Attempt::Failed(f) => f.class,
            };
            if !class.allows_retry(plan.op.retry_safe) || attempt >= max_attempts {
                return finish(outcome);
            }
            let delay = plan.retry.delay(attempt);
            if tokio::time::Instant::now() + delay >= deadline {
                tracing::debug!(attempt, ?delay, "no time left for another attempt");
                return finish(outcome);
            }
            tracing::debug!(attempt, ?delay, "transient failure, retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// One attempt: credentials, signing and the exchange, all within the attempt timeout.
    async fn attempt(&self, plan: &CallPlan<'_>, body: &[u8], decode: &mut Decode<'_>) -> Attempt {
        let started = tokio::time::Instant::now();
        let credential = match self.credential(plan).await {
            Ok(c) => c,
            Err(e) => return Attempt::Failed(e),
        };
        let request = self.build_request(plan, body, credential.as_ref());
        let config = &self.inner.config;
        let left = plan.attempt_timeout.saturating_sub(started.elapsed());
        let sent = tokio::time::timeout(left, config.transport.send(request)).await;
        let response = match sent {
            Err(_) => {
                let e = TimeoutError::new(TimeoutKind::Total, Some(plan.attempt_timeout));
                return Attempt::Failed(FailedAttempt {
                    class: RetryClass::Transient,
                    error: SdkError::Timeout(e),
                });
            }
            Ok(Err(e)) => return Attempt::Failed(transport_failure(e, config.connect_timeout)),
            Ok(Ok(r)) => r,
        };
        match decode(response, config.max_response_bytes) {
            Parsed::Success((), request_id) => {
                tracing::Span::current().record("request_id", request_id.as_str());
                tracing::debug!("success");
                Attempt::Done
            }
            Parsed::Service(e) => {
                tracing::Span::current().record("request_id", e.request_id());
                tracing::debug!(code = e.code(), "service error");
                Attempt::Service(e)
            }
            Parsed::Invalid(e) => {
                tracing::debug!(status = e.status(), reason = e.reason(), "invalid response");
                let class = if e.status() >= 500 {
                    RetryClass::Transient
                } else {
                    RetryClass::Permanent
                };
                Attempt::Failed(FailedAttempt {
                    class,
                    error: SdkError::InvalidResponse(e),
                })
            }
        }
    }

    /// The credentials for one attempt (none for an unsigned call), within the attempt
    /// timeout: a provider that hangs ends the attempt with a credentials timeout.
    async fn credential(&self, plan: &CallPlan<'_>) -> Result<Option<Credential>, FailedAttempt> {
        if plan.unsigned {
            return Ok(None);
        }
        let provider = self.inner.config.credentials.provide_credentials();
        match tokio::time::timeout(plan.attempt_timeout, provider).await {
            Ok(Ok(c)) => Ok(Some(c)),
            Ok(Err(e)) => Err(FailedAttempt::permanent(SdkError::Credentials(e))),
            Err(_) => Err(FailedAttempt::permanent(SdkError::Timeout(
                TimeoutError::new(TimeoutKind::Credentials, Some(plan.attempt_timeout)),
            ))),
        }
    }

    /// Signs with a fresh timestamp (or marks the call unsigned) and assembles the request.
    fn build_request(
        &self,
        plan: &CallPlan<'_>,
        body: &[u8],
        credential: Option<&Credential>,
    ) -> HttpRequest {
        let inner = &self.inner;
        let (url, host) = match &plan.endpoint {
            Some((url, host)) => (url.as_str(), host.as_str()),
            None => (inner.url.as_str(), inner.host.as_str()),
        };
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        let mut headers = match credential {
            Some(credential) => {
                sign(&SigningInput {
                    method: "POST",
                    host,
                    content_type: CONTENT_TYPE,
                    query: "",
                    payload: body,
                    timestamp,
                    service: inner.service.service,
                    action: Some(plan.op.action),
                    credential,
                })
                .headers
            }
            None => unsigned_headers(host, plan.op.action, timestamp),
        };
        headers.push(("X-TC-Version".to_owned(), inner.service.version.to_owned()));
        if let Some(region) = plan.region {
            headers.push(("X-TC-Region".to_owned(), region.to_owned()));
        }
        if let Some(lang) = inner.config.language {
            headers.push(("X-TC-Language".to_owned(), lang.as_str().to_owned()));
        }
        headers.push((
            "X-TC-RequestClient".to_owned(),
            inner.request_client.clone(),
        ));
        HttpRequest {
            method: "POST".to_owned(),
            url: url.to_owned(),
            headers,
            body: body.to_vec(),
        }
    }
}

/// The headers of a call the API accepts without a signature (`Authorization: SKIP`, as the
/// official SDKs send for STS `AssumeRoleWithWebIdentity`).
fn unsigned_headers(host: &str, action: &str, timestamp: i64) -> Vec<(String, String)> {
    vec![
        ("Authorization".to_owned(), "SKIP".to_owned()),
        ("Content-Type".to_owned(), CONTENT_TYPE.to_owned()),
        ("Host".to_owned(), host.to_owned()),
        ("X-TC-Timestamp".to_owned(), timestamp.to_string()),
        ("X-TC-Action".to_owned(), action.to_owned()),
    ]
}

/// `(url, host)` for a call in `region`: custom endpoint > the service's endpoint for the
/// region > the service default (https).
fn endpoint_for(
    config: &Config,
    service: &'static ServiceMeta,
    region: Option<&str>,
) -> (String, String) {
    let (scheme, host) = match (&config.endpoint, region) {
        (Some(ep), _) => (ep.scheme, ep.authority.clone()),
        (None, Some(region)) => (
            "https",
            service
                .regional_endpoint(region)
                .unwrap_or(service.endpoint)
                .to_owned(),
        ),
        (None, None) => ("https", service.endpoint.to_owned()),
    };
    (format!("{scheme}://{host}/"), host)
}

/// Maps a transport error to a typed error and its retry class: connect failures, dropped
/// connections and timeouts are transient; TLS failures (an untrusted certificate) and other
/// errors (a malformed request) are permanent.
fn transport_failure(e: TransportError, connect_timeout: Duration) -> FailedAttempt {
    let class = match e.kind() {
        TransportErrorKind::Connect
        | TransportErrorKind::ConnectionClosed
        | TransportErrorKind::Timeout => RetryClass::Transient,
        _ => RetryClass::Permanent,
    };
    let error = match e.kind() {
        TransportErrorKind::Timeout => SdkError::Timeout(TimeoutError::new(
            TimeoutKind::Connect,
            Some(connect_timeout),
        )),
        _ => SdkError::Transport(e),
    };
    FailedAttempt { class, error }
}

/// Turns the last attempt's outcome into the call's result.
fn finish(outcome: Attempt) -> Result<(), CallFailure> {
    match outcome {
        Attempt::Done => Ok(()),
        Attempt::Service(e) => Err(CallFailure::Service(e)),
        Attempt::Failed(f) => Err(CallFailure::Other(f.error)),
    }
}
