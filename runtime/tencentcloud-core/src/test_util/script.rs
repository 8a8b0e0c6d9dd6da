//! Scripted replies and recorded requests shared by the mock transport and the mock server.
//!
//! A script is a list of rules. A rule matches a request by action (or any action) and,
//! optionally, by a predicate over the request; it answers with a fixed [`MockReply`] or a
//! closure, every time or a given number of times. Replies are rendered to bytes when they are
//! configured, so answering costs a copy of the body, not a serialization.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::{json, Value};

use crate::transport::RedactedHeaders;

/// What the mock answers to one request: rendered once, cheap to clone.
///
/// Build one with [`MockReply::success`] (a `Response` object: a `serde_json::Value` or any
/// typed response value), [`MockReply::error`], [`MockReply::raw`], [`MockReply::reset`],
/// [`MockReply::delayed`] and the shortcuts for common failures.
#[derive(Clone, PartialEq, Eq)]
pub struct MockReply(Kind);

#[derive(Clone, PartialEq, Eq)]
enum Kind {
    /// An HTTP answer.
    Http {
        status: u16,
        content_type: Arc<str>,
        body: Body,
    },
    /// Close the connection without answering.
    Reset,
    /// Wait, then answer.
    Delay(Duration, Box<MockReply>),
}

/// A rendered body, with the place where the request id of each answer goes.
#[derive(Clone, PartialEq, Eq)]
enum Body {
    /// Sent as is.
    Fixed(Arc<[u8]>),
    /// `head`, the request id, `tail`.
    WithRequestId { head: Arc<[u8]>, tail: Arc<[u8]> },
}

impl Body {
    fn render(&self, request_id: &str) -> Vec<u8> {
        match self {
            Body::Fixed(bytes) => bytes.to_vec(),
            Body::WithRequestId { head, tail } => {
                let mut out = Vec::with_capacity(head.len() + request_id.len() + tail.len());
                out.extend_from_slice(head);
                out.extend_from_slice(request_id.as_bytes());
                out.extend_from_slice(tail);
                out
            }
        }
    }
}

/// An HTTP answer a mock renders: status, content type (empty: none) and body.
pub(crate) struct Rendered {
    pub(crate) status: u16,
    pub(crate) content_type: Arc<str>,
    pub(crate) body: Vec<u8>,
}

/// One step of answering: wait, close, or send.
pub(crate) enum Step<'a> {
    /// Wait, then take the next step with the inner reply.
    Delay(Duration, &'a MockReply),
    /// Close the connection.
    Reset,
    /// Send this answer.
    Send(Rendered),
}

const JSON: &str = "application/json";

impl MockReply {
    /// HTTP 200 `{"Response": <response>}`: `response` is the `Response` object, as a
    /// `serde_json::Value` or a typed response value. When it carries no (or an empty)
    /// `RequestId`, each answer gets the mock's request id; a value with a top-level
    /// `Response` member is sent as the whole body.
    pub fn success(response: impl Serialize) -> Self {
        match serde_json::to_value(response) {
            Ok(value) => Self::success_value(value),
            Err(e) => Self::error(
                "InternalError.MockReply",
                format!("the mock's reply could not be serialized to JSON: {e}"),
            ),
        }
    }

    fn success_value(value: Value) -> Self {
        if value.get("Response").is_some() {
            return Self::json(Body::Fixed(to_bytes(&value)));
        }
        let Value::Object(mut members) = value else {
            return Self::json(Body::Fixed(to_bytes(&json!({ "Response": value }))));
        };
        let has_id = members
            .get("RequestId")
            .and_then(Value::as_str)
            .is_some_and(|id| !id.is_empty());
        if has_id {
            return Self::json(Body::Fixed(to_bytes(&json!({ "Response": members }))));
        }
        members.remove("RequestId");
        let empty = members.is_empty();
        let inner = to_bytes(&Value::Object(members));
        let open = inner
            .get(..inner.len().saturating_sub(1))
            .unwrap_or_default();
        let mut head = b"{\"Response\":".to_vec();
        head.extend_from_slice(open);
        if !empty {
            head.push(b',');
        }
        head.extend_from_slice(b"\"RequestId\":\"");
        Self::json(Body::WithRequestId {
            head: head.into(),
            tail: Arc::from(&b"\"}}"[..]),
        })
    }

    /// HTTP 200 `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`.
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        let error = json!({"Code": code.into(), "Message": message.into()});
        let mut head = b"{\"Response\":{\"Error\":".to_vec();
        head.extend_from_slice(&to_bytes(&error));
        head.extend_from_slice(b",\"RequestId\":\"");
        Self::json(Body::WithRequestId {
            head: head.into(),
            tail: Arc::from(&b"\"}}"[..]),
        })
    }

    fn json(body: Body) -> Self {
        MockReply(Kind::Http {
            status: 200,
            content_type: Arc::from(JSON),
            body,
        })
    }

    /// Any status, content type (omitted when empty) and body: HTML, empty, truncated JSON, 5xx.
    pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        MockReply(Kind::Http {
            status,
            content_type: Arc::from(content_type),
            body: Body::Fixed(body.into().into()),
        })
    }

    /// Closes the connection without answering (a transport error for the client).
    pub fn reset() -> Self {
        MockReply(Kind::Reset)
    }

    /// Waits `delay`, then answers `then`.
    pub fn delayed(delay: Duration, then: MockReply) -> Self {
        MockReply(Kind::Delay(delay, Box::new(then)))
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
        Self::raw(200, JSON, Vec::new())
    }

    /// HTTP 200 with JSON cut off in the middle.
    pub fn truncated_json() -> Self {
        Self::raw(200, JSON, r#"{"Response": {"TotalCount": 3, "Instan"#)
    }

    /// Throttled (`RequestLimitExceeded`).
    pub fn throttled() -> Self {
        Self::error("RequestLimitExceeded", "Your current request times equals to `20` in a second, which exceeds the frequency limit `20` for a second. Please reduce the frequency of calls.")
    }

    /// The next step of answering with this reply.
    pub(crate) fn step(&self, request_id: &str) -> Step<'_> {
        match &self.0 {
            Kind::Http {
                status,
                content_type,
                body,
            } => Step::Send(Rendered {
                status: *status,
                content_type: Arc::clone(content_type),
                body: body.render(request_id),
            }),
            Kind::Reset => Step::Reset,
            Kind::Delay(delay, then) => Step::Delay(*delay, then),
        }
    }
}

fn to_bytes(value: &Value) -> Arc<[u8]> {
    // A `Value` always serializes (its map keys are strings).
    serde_json::to_vec(value).unwrap_or_default().into()
}

impl fmt::Debug for MockReply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::Http {
                status,
                content_type,
                body,
            } => {
                let body = match body {
                    Body::Fixed(b) => String::from_utf8_lossy(b).into_owned(),
                    Body::WithRequestId { head, tail } => format!(
                        "{}<request id>{}",
                        String::from_utf8_lossy(head),
                        String::from_utf8_lossy(tail)
                    ),
                };
                f.debug_struct("MockReply")
                    .field("status", status)
                    .field("content_type", content_type)
                    .field("body", &body)
                    .finish()
            }
            Kind::Reset => f.write_str("MockReply::Reset"),
            Kind::Delay(d, then) => f
                .debug_tuple("MockReply::Delay")
                .field(d)
                .field(then)
                .finish(),
        }
    }
}

/// A request the mock received.
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

/// Shows the action, the headers with `Authorization` and `X-TC-Token` as `***`, the body's
/// length (bodies can hold passwords) and the problems.
impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordedRequest")
            .field("action", &self.action)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .field("problems", &self.problems)
            .finish()
    }
}

/// A predicate over a request.
pub(crate) type Matcher = Arc<dyn Fn(&RecordedRequest) -> bool + Send + Sync>;
/// A closure computing the reply to a request.
pub(crate) type ReplyFn = Arc<dyn Fn(&RecordedRequest) -> MockReply + Send + Sync>;

/// How a rule answers.
#[derive(Clone)]
pub(crate) enum Responder {
    /// Always this reply.
    Fixed(MockReply),
    /// The closure's reply.
    Computed(ReplyFn),
}

/// One rule of a script.
#[derive(Clone)]
pub(crate) struct Rule {
    /// The action it answers (`None`: any).
    pub(crate) action: Option<String>,
    /// A further condition on the request.
    pub(crate) matcher: Option<Matcher>,
    /// The answer.
    pub(crate) responder: Responder,
    /// How many more requests it answers (`None`: every one).
    pub(crate) remaining: Option<usize>,
}

impl Rule {
    fn matches(&self, request: &RecordedRequest) -> bool {
        self.remaining != Some(0)
            && self
                .action
                .as_deref()
                .map_or(true, |action| action == request.action)
            && self.matcher.as_ref().map_or(true, |m| m(request))
    }
}

/// The rules configured and the requests recorded.
#[derive(Default)]
pub(crate) struct Script {
    rules: Vec<Rule>,
    requests: Vec<RecordedRequest>,
    served: u64,
}

impl fmt::Debug for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Script")
            .field("rules", &self.rules.len())
            .field("requests", &self.requests.len())
            .finish()
    }
}

impl Script {
    /// Adds a rule.
    pub(crate) fn add(&mut self, rule: Rule) {
        self.rules.push(rule);
    }

    /// Records `request` without answering from the script (for a request the mock rejects);
    /// returns its request id.
    pub(crate) fn record_rejected(&mut self, request: RecordedRequest) -> String {
        self.requests.push(request);
        self.next_request_id()
    }

    /// Records `request`; returns the reply for it and its request id. Rules with a count
    /// answer first, in the order they were added; then the most recently added rule with a
    /// condition on the request; then the most recently added one without; a request no rule
    /// matches is answered `InvalidAction`.
    pub(crate) fn record(&mut self, request: RecordedRequest) -> (MockReply, String) {
        let counted = self
            .rules
            .iter()
            .position(|r| r.remaining.is_some() && r.matches(&request));
        let latest = |conditional: bool| {
            self.rules.iter().rposition(|r| {
                r.remaining.is_none() && r.matcher.is_some() == conditional && r.matches(&request)
            })
        };
        let chosen = counted.or_else(|| latest(true)).or_else(|| latest(false));
        let reply = match chosen.and_then(|i| self.rules.get_mut(i)) {
            Some(rule) => {
                if let Some(n) = rule.remaining.as_mut() {
                    *n -= 1;
                }
                match &rule.responder {
                    Responder::Fixed(reply) => reply.clone(),
                    Responder::Computed(f) => f(&request),
                }
            }
            None => MockReply::error(
                "InvalidAction",
                format!(
                    "the mock has no reply configured for action `{}`",
                    request.action
                ),
            ),
        };
        self.rules.retain(|r| r.remaining != Some(0));
        self.requests.push(request);
        (reply, self.next_request_id())
    }

    /// The requests recorded so far.
    pub(crate) fn requests(&self) -> Vec<RecordedRequest> {
        self.requests.clone()
    }

    /// Forgets every rule and recorded request.
    pub(crate) fn clear(&mut self) {
        self.rules.clear();
        self.requests.clear();
    }

    /// Forgets the recorded requests.
    pub(crate) fn clear_requests(&mut self) {
        self.requests.clear();
    }

    /// A request id unique within this mock.
    fn next_request_id(&mut self) -> String {
        self.served += 1;
        format!("mock-request-{}", self.served)
    }
}
