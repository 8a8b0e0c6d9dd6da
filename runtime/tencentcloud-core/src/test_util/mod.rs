//! Test utilities (feature `test-util`): an in-process [`MockTransport`], a real loopback
//! [`MockServer`] that verifies TC3 signatures, and the scripted replies they share.
//!
//! Both mocks are scripted with the same methods:
//!
//! | Method | Answers |
//! | --- | --- |
//! | `respond(action, response)` | every call of `action` with a success whose `Response` is `response` (a `serde_json::Value` or a typed response value) |
//! | `respond_with(action, reply)` | every call of `action` with a [`MockReply`] (error, raw, reset, delay, ...) |
//! | `respond_fn(action, \|request\| reply)` | every call of `action` with what the closure returns for the [`RecordedRequest`] |
//! | `push(action, reply)` / `push_any(reply)` | the next call of `action` / of any action, once (one-shot replies answer first, in order) |
//! | `throttle(action, n)` | the next `n` calls of `action` with `RequestLimitExceeded` |
//! | `on(action)` / `on_any()` | a [`When`] rule: `.body(\|json\| ..)` or `.matching(\|request\| ..)` to match on the request, `.times(n)` / `.once()`, then `.respond(..)`, `.respond_with(..)` or `.respond_fn(..)` |
//!
//! Rules with a count answer first, in the order they were added; then, among the others, the
//! most recently added matching rule with a condition on the request, then the most recently
//! added one without (so `on(..).body(..)` overrides a plain `respond` for what it matches); a
//! request no rule matches is answered `InvalidAction`. `requests()` / `requests_for(action)`
//! return what was received (`Debug` hides the `Authorization` and `X-TC-Token` values);
//! `clear()` forgets rules and requests, `clear_requests()` only the requests. Replies are rendered to bytes when
//! configured, so answering costs a copy of the body: about 4 µs for a 100 KB reply
//! (`cargo bench -p tencentcloud-core --features test-util --bench mock`).
//!
//! ```
//! use serde_json::json;
//! use tencentcloud_core::test_util::{MockReply, MockTransport};
//!
//! let mock = MockTransport::new();
//! mock.respond("DescribeInstances", json!({"TotalCount": 0, "InstanceSet": []}));
//! mock.on("DescribeInstances")
//!     .body(|body| body["InstanceIds"][0] == "lhins-gone")
//!     .respond_with(MockReply::error("ResourceNotFound.InstanceIdNotFound", "no such instance"));
//! mock.on("CreateInstances").respond_fn(|request| {
//!     let count = request.json().and_then(|b| b["InstanceCount"].as_u64()).unwrap_or(1);
//!     let ids: Vec<String> = (0..count).map(|i| format!("lhins-{i}")).collect();
//!     MockReply::success(json!({ "InstanceIdSet": ids }))
//! });
//! ```

mod mock_server;
mod mock_transport;
mod script;
mod verify;

use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use serde_json::Value;

pub use mock_server::MockServer;
pub use mock_transport::MockTransport;
pub use script::{MockReply, RecordedRequest};
pub use verify::{verify_request, Rejection};

use crate::credentials::Credential;
use script::{Matcher, Responder, Rule, Script};

/// SecretId of [`test_credentials`].
pub const TEST_SECRET_ID: &str = "AKIDMOCKSERVERTESTID0000000000000000";
/// SecretKey of [`test_credentials`] (public: it only opens the mock server).
pub const TEST_SECRET_KEY: &str = "mock-server-test-secret-key-0000";

/// The credentials the [`MockServer`] verifies signatures against.
pub fn test_credentials() -> Credential {
    Credential::new(TEST_SECRET_ID, TEST_SECRET_KEY)
}

/// The script a mock answers from, shared by its clones.
#[derive(Clone, Default, Debug)]
pub(crate) struct Handle(Arc<Mutex<Script>>);

impl Handle {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Script> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn add(&self, action: Option<&str>, responder: Responder, remaining: Option<usize>) {
        self.lock().add(Rule {
            action: action.map(str::to_owned),
            matcher: None,
            responder,
            remaining,
        });
    }
}

/// A rule being configured on a mock (`mock.on("Action")`): narrow it with
/// [`body`](Self::body) or [`matching`](Self::matching), limit it with
/// [`times`](Self::times) or [`once`](Self::once), and give it its answer with
/// [`respond`](Self::respond), [`respond_with`](Self::respond_with) or
/// [`respond_fn`](Self::respond_fn).
#[must_use = "a rule does nothing until it is given its answer (`respond`, `respond_with`, `respond_fn`)"]
pub struct When {
    handle: Handle,
    action: Option<String>,
    matcher: Option<Matcher>,
    remaining: Option<usize>,
}

impl When {
    fn new(handle: &Handle, action: Option<&str>) -> When {
        When {
            handle: handle.clone(),
            action: action.map(str::to_owned),
            matcher: None,
            remaining: None,
        }
    }

    /// Matches only requests for which `predicate` holds (and any earlier condition).
    pub fn matching(
        mut self,
        predicate: impl Fn(&RecordedRequest) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.matcher = Some(match self.matcher.take() {
            None => Arc::new(predicate),
            Some(earlier) => Arc::new(move |r: &RecordedRequest| earlier(r) && predicate(r)),
        });
        self
    }

    /// Matches only requests whose body is JSON for which `predicate` holds.
    pub fn body(self, predicate: impl Fn(&Value) -> bool + Send + Sync + 'static) -> Self {
        self.matching(move |r| r.json().is_some_and(|body| predicate(&body)))
    }

    /// Answers only the next `times` matching requests (then the rule is gone); such rules
    /// answer before rules without a count.
    pub fn times(mut self, times: usize) -> Self {
        self.remaining = Some(times);
        self
    }

    /// Answers only the next matching request.
    pub fn once(self) -> Self {
        self.times(1)
    }

    /// Answers with a success whose `Response` is `response` (see [`MockReply::success`]).
    pub fn respond(self, response: impl Serialize) {
        self.respond_with(MockReply::success(response));
    }

    /// Answers with `reply`.
    pub fn respond_with(self, reply: MockReply) {
        self.finish(Responder::Fixed(reply));
    }

    /// Answers with what `reply` returns for the request.
    pub fn respond_fn(self, reply: impl Fn(&RecordedRequest) -> MockReply + Send + Sync + 'static) {
        self.finish(Responder::Computed(Arc::new(reply)));
    }

    fn finish(self, responder: Responder) {
        self.handle.lock().add(Rule {
            action: self.action,
            matcher: self.matcher,
            responder,
            remaining: self.remaining,
        });
    }
}

impl std::fmt::Debug for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("When")
            .field("action", &self.action)
            .field("matcher", &self.matcher.is_some())
            .field("remaining", &self.remaining)
            .finish()
    }
}

/// The scripting methods, the same on both mocks (`$handle` reaches the [`Handle`]).
macro_rules! scripting_methods {
    ($handle:ident) => {
        /// A rule for calls of `action`, configured by the returned [`When`](super::When).
        pub fn on(&self, action: &str) -> super::When {
            super::When::new(&self.$handle, Some(action))
        }

        /// A rule for calls of any action, configured by the returned [`When`](super::When).
        pub fn on_any(&self) -> super::When {
            super::When::new(&self.$handle, None)
        }

        /// Answers every call of `action` with a success whose `Response` is `response`: a
        /// `serde_json::Value` or a typed response value (see
        /// [`MockReply::success`](super::MockReply::success)).
        pub fn respond(&self, action: &str, response: impl serde::Serialize) -> &Self {
            self.respond_with(action, super::MockReply::success(response))
        }

        /// Answers every call of `action` with `reply`.
        pub fn respond_with(&self, action: &str, reply: super::MockReply) -> &Self {
            let responder = super::script::Responder::Fixed(reply);
            self.$handle.add(Some(action), responder, None);
            self
        }

        /// Answers every call of `action` with what `reply` returns for the request.
        pub fn respond_fn(
            &self,
            action: &str,
            reply: impl Fn(&super::RecordedRequest) -> super::MockReply + Send + Sync + 'static,
        ) -> &Self {
            let responder = super::script::Responder::Computed(std::sync::Arc::new(reply));
            self.$handle.add(Some(action), responder, None);
            self
        }

        /// Answers the next call of `action` with `reply`, once (one-shot replies answer
        /// before the others, in the order they were queued).
        pub fn push(&self, action: &str, reply: super::MockReply) -> &Self {
            let responder = super::script::Responder::Fixed(reply);
            self.$handle.add(Some(action), responder, Some(1));
            self
        }

        /// Answers the next request, whatever its action, with `reply`, once.
        pub fn push_any(&self, reply: super::MockReply) -> &Self {
            let responder = super::script::Responder::Fixed(reply);
            self.$handle.add(None, responder, Some(1));
            self
        }

        /// Answers the next `times` calls of `action` with `RequestLimitExceeded`.
        pub fn throttle(&self, action: &str, times: usize) -> &Self {
            let responder = super::script::Responder::Fixed(super::MockReply::throttled());
            self.$handle.add(Some(action), responder, Some(times));
            self
        }

        /// Every request received so far, in order.
        pub fn requests(&self) -> Vec<super::RecordedRequest> {
            self.$handle.lock().requests()
        }

        /// The requests received so far for `action`, in order.
        pub fn requests_for(&self, action: &str) -> Vec<super::RecordedRequest> {
            let mut requests = self.requests();
            requests.retain(|r| r.action == action);
            requests
        }

        /// Forgets every rule and every recorded request.
        pub fn clear(&self) {
            self.$handle.lock().clear();
        }

        /// Forgets the requests recorded so far; the rules stay.
        pub fn clear_requests(&self) {
            self.$handle.lock().clear_requests();
        }
    };
}

pub(crate) use scripting_methods;
