//! An in-process transport that answers from a script and records requests.

use futures_util::future::BoxFuture;

use super::script::{RecordedRequest, Step};
use super::{scripting_methods, Handle};
use crate::error::{TransportError, TransportErrorKind};
use crate::transport::{HttpRequest, HttpResponse, Transport};

/// In-process transport for unit tests: scripted replies (see [the module](super) for the
/// methods, the same as [`MockServer`](super::MockServer)'s), every request recorded. It does
/// not verify signatures (the `MockServer` does). Clones share the script: keep one, give
/// another to the config:
///
/// ```
/// # use std::sync::Arc;
/// # use tencentcloud_core::{test_util::MockTransport, Config, Credential};
/// let mock = MockTransport::new();
/// mock.respond("DescribeInstances", serde_json::json!({"TotalCount": 0, "InstanceSet": []}));
/// let config = Config::builder()
///     .credentials(Credential::new("id", "key"))
///     .transport(Arc::new(mock.clone()))
///     .build()
///     .unwrap();
/// # let _ = config;
/// ```
#[derive(Debug, Clone, Default)]
pub struct MockTransport {
    script: Handle,
}

impl MockTransport {
    /// An empty mock: every action answers `InvalidAction` until configured.
    pub fn new() -> Self {
        Self::default()
    }

    scripting_methods!(script);

    async fn answer(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let recorded = RecordedRequest {
            action: request.header("X-TC-Action").unwrap_or_default().to_owned(),
            headers: request.headers,
            body: request.body,
            problems: Vec::new(),
        };
        let (reply, request_id) = self.script.lock().record(recorded);
        let mut current = &reply;
        loop {
            match current.step(&request_id) {
                Step::Delay(delay, then) => {
                    tokio::time::sleep(delay).await;
                    current = then;
                }
                Step::Reset => {
                    return Err(TransportError::new(
                        TransportErrorKind::ConnectionClosed,
                        "mock transport: connection reset",
                    ))
                }
                Step::Send(rendered) => {
                    let headers = if rendered.content_type.is_empty() {
                        Vec::new()
                    } else {
                        vec![("content-type".to_owned(), rendered.content_type.to_string())]
                    };
                    return Ok(HttpResponse {
                        status: rendered.status,
                        headers,
                        body: rendered.body.into(),
                    });
                }
            }
        }
    }
}

impl Transport for MockTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.answer(request))
    }
}
