//! Scripted replies and recorded requests shared by the mock transport and the mock server.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use serde_json::{json, Value};

use crate::transport::RedactedHeaders;

/// What the mock answers to one request.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum MockReply {
    /// HTTP 200 `{"Response": <value>}`; a `RequestId` is added when the object has none. A
    /// value that already has a top-level `Response` key is sent as is.
    Success(Value),
    /// HTTP 200 `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`.
    Error {
        /// The error code.
        code: String,
        /// The message.
        message: String,
    },
    /// Any status, content type and body (HTML, empty, truncated JSON, 5xx).
    Raw {
        /// HTTP status.
        status: u16,
        /// `Content-Type` header (omitted when empty).
        content_type: String,
        /// The body bytes.
        body: Vec<u8>,
    },
    /// Close the connection without answering (a transport error for the client).
    Reset,
    /// Wait, then answer with the inner reply.
    Delay(Duration, Box<MockReply>),
}

impl MockReply {
    /// A success with the given `Response` object.
    pub fn success(response: Value) -> Self {
        MockReply::Success(response)
    }

    /// An API error envelope.
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        MockReply::Error {
            code: code.into(),
            message: message.into(),
        }
    }

    /// A raw answer.
    pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        MockReply::Raw {
            status,
            content_type: content_type.to_owned(),
            body: body.into(),
        }
    }

    /// An HTML page with `status` (what a proxy or gateway sends).
    pub fn html(status: u16) -> Self {
        Self::raw(
            status,
            "text/html",
            "<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>",
        )
    }

    /// HTTP 200 with an empty body.
    pub fn empty() -> Self {
        Self::raw(200, "application/json", Vec::new())
    }

    /// HTTP 200 with JSON cut off in the middle.
    pub fn truncated_json() -> Self {
        Self::raw(
            200,
            "application/json",
            r#"{"Response": {"TotalCount": 3, "Instan"#,
        )
    }

    /// `Throttled` (`RequestLimitExceeded`).
    pub fn throttled() -> Self {
        Self::error("RequestLimitExceeded", "Your current request times equals to `20` in a second, which exceeds the frequency limit `20` for a second. Please reduce the frequency of calls.")
    }

    /// Waits `delay`, then answers `then`.
    pub fn delayed(delay: Duration, then: MockReply) -> Self {
        MockReply::Delay(delay, Box::new(then))
    }
}

/// A request the mock received. `Debug` shows the action, the headers with `Authorization`
/// and `X-TC-Token` as `***`, the body's length (bodies can hold passwords) and the problems.
#[derive(Clone, PartialEq)]
pub struct RecordedRequest {
    /// `X-TC-Action` (empty if absent).
    pub action: String,
    /// Headers as received (the mock server lowercases names).
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
    /// Verification problems found by the mock server (empty = valid); always empty for the
    /// mock transport, which does not verify.
    pub problems: Vec<String>,
}

impl std::fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordedRequest")
            .field("action", &self.action)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .field("problems", &self.problems)
            .finish()
    }
}

impl RecordedRequest {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::transport::find_header(&self.headers, name)
    }

    /// The body as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// The replies queued and configured, and the requests recorded.
#[derive(Debug, Default)]
pub(crate) struct Script {
    queue: VecDeque<(Option<String>, MockReply)>,
    defaults: HashMap<String, MockReply>,
    requests: Vec<RecordedRequest>,
    served: u64,
}

impl Script {
    /// Sets the reply for every call of `action` (after queued replies are used up).
    pub(crate) fn set_default(&mut self, action: &str, reply: MockReply) {
        self.defaults.insert(action.to_owned(), reply);
    }

    /// Queues a one-shot reply, for `action` only or (with `None`) for whatever comes next.
    pub(crate) fn push(&mut self, action: Option<&str>, reply: MockReply) {
        self.queue.push_back((action.map(str::to_owned), reply));
    }

    /// Records `request` without consuming a scripted reply (for a request the mock rejects).
    pub(crate) fn record_rejected(&mut self, request: RecordedRequest) {
        self.requests.push(request);
        self.served += 1;
    }

    /// Records `request` and returns the scripted reply for it.
    pub(crate) fn record(&mut self, request: RecordedRequest) -> MockReply {
        let action = request.action.clone();
        self.requests.push(request);
        self.served += 1;
        let queued = self
            .queue
            .iter()
            .position(|(a, _)| !matches!(a.as_deref(), Some(a) if a != action));
        if let Some((_, reply)) = queued.and_then(|i| self.queue.remove(i)) {
            return reply;
        }
        self.defaults.get(&action).cloned().unwrap_or_else(|| {
            MockReply::error(
                "InvalidAction",
                format!("the mock has no reply configured for action `{action}`"),
            )
        })
    }

    /// The requests recorded so far.
    pub(crate) fn requests(&self) -> Vec<RecordedRequest> {
        self.requests.clone()
    }

    /// A request id unique within this mock.
    pub(crate) fn request_id(&self) -> String {
        format!("mock-request-{}", self.served)
    }
}

/// Status, content type and body of a non-`Reset`, non-`Delay` reply.
pub(crate) fn render(reply: &MockReply, request_id: &str) -> (u16, String, Vec<u8>) {
    let json_reply = |v: &Value| {
        (
            200,
            "application/json".to_owned(),
            v.to_string().into_bytes(),
        )
    };
    match reply {
        MockReply::Success(v) if v.get("Response").is_some() => json_reply(v),
        MockReply::Success(v) => {
            let mut response = v.clone();
            if let Some(obj) = response.as_object_mut() {
                obj.entry("RequestId").or_insert_with(|| json!(request_id));
            }
            json_reply(&json!({ "Response": response }))
        }
        MockReply::Error { code, message } => json_reply(&json!({
            "Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}
        })),
        MockReply::Raw {
            status,
            content_type,
            body,
        } => (*status, content_type.clone(), body.clone()),
        MockReply::Reset | MockReply::Delay(..) => (500, String::new(), Vec::new()),
    }
}
