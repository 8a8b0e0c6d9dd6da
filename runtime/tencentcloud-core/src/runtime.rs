//! The per-service runtime handle: serialize once, sign, send with retries, parse.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::Serialize;
use tracing::Instrument;

use crate::config::Config;
use crate::envelope::{parse_response, Parsed};
use crate::error::{
    OperationError, RequestError, SdkError, ServiceError, TimeoutError, TimeoutKind,
    TransportError, TransportErrorKind,
};
use crate::meta::{OperationMeta, RegionRequirement, ServiceMeta};
use crate::retry::is_retryable_code;
use crate::sign::{sign, SigningInput};
use crate::transport::HttpRequest;

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

/// The outcome of one attempt, before deciding whether to retry.
enum Attempt<O> {
    Done(O),
    Service(ServiceError),
    Failed(FailedAttempt),
}

/// A non-service failure, with whether it is transient.
struct FailedAttempt {
    transient: bool,
    error: SdkError<std::convert::Infallible>,
}

impl Runtime {
    /// A runtime for `service` with `config`; resolves the endpoint once: custom endpoint >
    /// the service's endpoint for the configured region > the service default (https).
    pub fn new(config: Config, service: &'static ServiceMeta) -> Runtime {
        let (scheme, host) = match (&config.endpoint, &config.region) {
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
        let request_client = format!("{}/{}", service.crate_name, service.crate_version);
        Runtime {
            inner: Arc::new(Inner {
                url: format!("{scheme}://{host}/"),
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

    /// Serializes `input` once, signs, sends with retries (only if `op.retry_safe`) and parses
    /// the envelope: success -> `O`; `Response.Error` -> `SdkError::Service(E::from_service_error(..))`.
    pub async fn invoke<I, O, E>(
        &self,
        op: &'static OperationMeta,
        input: &I,
    ) -> Result<O, SdkError<E>>
    where
        I: Serialize + ?Sized,
        O: DeserializeOwned,
        E: OperationError,
    {
        let body = serde_json::to_vec(input).map_err(|e| RequestError::Serialize(e.to_string()))?;
        self.invoke_raw::<O, E>(op, body).await
    }

    /// Like [`Runtime::invoke`] with an already serialized JSON body.
    pub async fn invoke_raw<O, E>(
        &self,
        op: &'static OperationMeta,
        body: Vec<u8>,
    ) -> Result<O, SdkError<E>>
    where
        O: DeserializeOwned,
        E: OperationError,
    {
        let region = self.region_for(op)?;
        let limit = self.inner.config.max_request_bytes;
        if body.len() > limit {
            return Err(RequestError::BodyTooLarge {
                size: body.len(),
                limit,
            }
            .into());
        }
        let span = tracing::info_span!(
            "tencentcloud.call",
            service = self.inner.service.service,
            action = op.action,
            region = region.unwrap_or(""),
            attempt = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        self.retry_loop(op, region, &body).instrument(span).await
    }

    fn region_for<E>(&self, op: &'static OperationMeta) -> Result<Option<&str>, SdkError<E>> {
        let configured = self.inner.config.region.as_deref();
        match op.region {
            RegionRequirement::Required => {
                configured
                    .map(Some)
                    .ok_or(SdkError::InvalidRequest(RequestError::MissingRegion {
                        action: op.action,
                    }))
            }
            RegionRequirement::Optional => Ok(configured),
            RegionRequirement::None => Ok(None),
        }
    }

    async fn retry_loop<O, E>(
        &self,
        op: &'static OperationMeta,
        region: Option<&str>,
        body: &[u8],
    ) -> Result<O, SdkError<E>>
    where
        O: DeserializeOwned,
        E: OperationError,
    {
        let policy = self.inner.config.retry;
        let max_attempts = if op.retry_safe {
            policy.max_attempts()
        } else {
            1
        };
        let mut attempt = 1;
        loop {
            tracing::Span::current().record("attempt", attempt);
            let outcome = self.attempt::<O>(op, region, body).await;
            let transient = match &outcome {
                Attempt::Done(_) => false,
                Attempt::Service(e) => is_retryable_code(e.code()),
                Attempt::Failed(f) => f.transient,
            };
            if !transient || attempt >= max_attempts {
                return finish(outcome);
            }
            let delay = policy.delay(attempt);
            tracing::debug!(attempt, ?delay, "transient failure, retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    async fn attempt<O: DeserializeOwned>(
        &self,
        op: &'static OperationMeta,
        region: Option<&str>,
        body: &[u8],
    ) -> Attempt<O> {
        let request = match self.build_request(op, region, body).await {
            Ok(r) => r,
            Err(e) => return Attempt::Failed(e),
        };
        let config = &self.inner.config;
        let sent = tokio::time::timeout(config.timeout, config.transport.send(request)).await;
        let response = match sent {
            Err(_) => {
                let e = TimeoutError::new(TimeoutKind::Total, Some(config.timeout));
                return Attempt::Failed(FailedAttempt {
                    transient: true,
                    error: SdkError::Timeout(e),
                });
            }
            Ok(Err(e)) => return Attempt::Failed(transport_failure(e, config.connect_timeout)),
            Ok(Ok(r)) => r,
        };
        match parse_response::<O>(&response, config.max_response_bytes) {
            Parsed::Success(o, request_id) => {
                tracing::Span::current().record("request_id", request_id.as_str());
                tracing::debug!("success");
                Attempt::Done(o)
            }
            Parsed::Service(e) => {
                tracing::Span::current().record("request_id", e.request_id());
                tracing::debug!(code = e.code(), "service error");
                Attempt::Service(e)
            }
            Parsed::Invalid(e) => {
                tracing::debug!(status = e.status(), reason = e.reason(), "invalid response");
                Attempt::Failed(FailedAttempt {
                    transient: e.status() >= 500,
                    error: SdkError::InvalidResponse(e),
                })
            }
        }
    }

    /// Fetches credentials, signs with a fresh timestamp and assembles the request.
    async fn build_request(
        &self,
        op: &'static OperationMeta,
        region: Option<&str>,
        body: &[u8],
    ) -> Result<HttpRequest, FailedAttempt> {
        let inner = &self.inner;
        let credential = inner
            .config
            .credentials
            .provide_credentials()
            .await
            .map_err(|e| FailedAttempt {
                transient: false,
                error: SdkError::Credentials(e),
            })?;
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        let signed = sign(&SigningInput {
            method: "POST",
            host: &inner.host,
            content_type: CONTENT_TYPE,
            query: "",
            payload: body,
            timestamp,
            service: inner.service.service,
            action: Some(op.action),
            credential: &credential,
        });
        let mut headers = signed.headers;
        headers.push(("X-TC-Version".to_owned(), inner.service.version.to_owned()));
        if let Some(region) = region {
            headers.push(("X-TC-Region".to_owned(), region.to_owned()));
        }
        if let Some(lang) = inner.config.language {
            headers.push(("X-TC-Language".to_owned(), lang.as_str().to_owned()));
        }
        headers.push((
            "X-TC-RequestClient".to_owned(),
            inner.request_client.clone(),
        ));
        Ok(HttpRequest {
            method: "POST".to_owned(),
            url: inner.url.clone(),
            headers,
            body: body.to_vec(),
        })
    }
}

/// Maps a transport error to a typed error; connect failures, dropped connections and
/// timeouts are transient, other errors (a malformed request) are not.
fn transport_failure(e: TransportError, connect_timeout: std::time::Duration) -> FailedAttempt {
    let transient = matches!(
        e.kind(),
        TransportErrorKind::Connect
            | TransportErrorKind::ConnectionClosed
            | TransportErrorKind::Timeout
    );
    let error = match e.kind() {
        TransportErrorKind::Timeout => SdkError::Timeout(TimeoutError::new(
            TimeoutKind::Connect,
            Some(connect_timeout),
        )),
        _ => SdkError::Transport(e),
    };
    FailedAttempt { transient, error }
}

/// Turns the last attempt's outcome into the call's result.
fn finish<O, E: OperationError>(outcome: Attempt<O>) -> Result<O, SdkError<E>> {
    match outcome {
        Attempt::Done(o) => Ok(o),
        Attempt::Service(e) => Err(SdkError::Service(E::from_service_error(e))),
        Attempt::Failed(f) => Err(f.error.map_service(|never| match never {})),
    }
}
