//! An in-process transport that answers from a script and records requests.

use std::sync::{Arc, Mutex, MutexGuard};

use futures_util::future::BoxFuture;
use serde_json::Value;

use super::script::{render, MockReply, RecordedRequest, Script};
use crate::error::{TransportError, TransportErrorKind};
use crate::transport::{HttpRequest, HttpResponse, Transport};

/// In-process transport for unit tests: canned responses (per action or in sequence), records
/// every request. Clones share state: keep one, give another to the config:
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
    script: Arc<Mutex<Script>>,
}

impl MockTransport {
    /// An empty mock: every action answers `InvalidAction` until configured.
    pub fn new() -> Self {
        Self::default()
    }

    fn script(&self) -> MutexGuard<'_, Script> {
        self.script
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Answers every call of `action` with a success whose `Response` is `response` (or, if it
    /// has a top-level `Response` key, with `response` as the whole body).
    pub fn respond(&self, action: &str, response: Value) -> &Self {
        self.script()
            .set_default(action, MockReply::Success(response));
        self
    }

    /// Answers every call of `action` with `reply`.
    pub fn respond_with(&self, action: &str, reply: MockReply) -> &Self {
        self.script().set_default(action, reply);
        self
    }

    /// Queues a one-shot raw answer for the next request, whatever its action.
    pub fn push_raw(&self, status: u16, body: impl Into<Vec<u8>>) -> &Self {
        self.push(MockReply::raw(status, "application/json", body))
    }

    /// Queues a one-shot reply for the next request, whatever its action.
    pub fn push(&self, reply: MockReply) -> &Self {
        self.script().push(None, reply);
        self
    }

    /// Queues a one-shot reply for the next call of `action`.
    pub fn push_for(&self, action: &str, reply: MockReply) -> &Self {
        self.script().push(Some(action), reply);
        self
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.script().requests()
    }

    async fn answer(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let recorded = RecordedRequest {
            action: request.header("X-TC-Action").unwrap_or_default().to_owned(),
            headers: request.headers,
            body: request.body,
            problems: Vec::new(),
        };
        let (mut reply, request_id) = {
            let mut script = self.script();
            let reply = script.record(recorded);
            (reply, script.request_id())
        };
        loop {
            match reply {
                MockReply::Delay(d, then) => {
                    tokio::time::sleep(d).await;
                    reply = *then;
                }
                MockReply::Reset => {
                    return Err(TransportError::new(
                        TransportErrorKind::ConnectionClosed,
                        "mock transport: connection reset",
                    ))
                }
                other => {
                    let (status, content_type, body) = render(&other, &request_id);
                    let headers = if content_type.is_empty() {
                        Vec::new()
                    } else {
                        vec![("content-type".to_owned(), content_type)]
                    };
                    return Ok(HttpResponse {
                        status,
                        headers,
                        body,
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
