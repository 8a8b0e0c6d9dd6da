//! Per-call overrides of the client's configuration, in the style of aws-sdk-rust's
//! `customize()`: every generated fluent builder has `.customize(|o| o.timeout(..))`.

use std::time::Duration;

use crate::retry::RetryPolicy;

/// Settings that override the [`Config`](crate::Config) for one call. Unset fields keep the
/// client's value.
///
/// ```
/// use std::time::Duration;
/// use tencentcloud_core::{CallOptions, RetryPolicy};
/// let options = CallOptions::new()
///     .attempt_timeout(Duration::from_secs(5))
///     .operation_timeout(Duration::from_secs(20))
///     .retry(RetryPolicy::none())
///     .region("ap-singapore");
/// assert_eq!(options.region_override(), Some("ap-singapore"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallOptions {
    attempt_timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    region: Option<String>,
    /// Send without a signature (`Authorization: SKIP`); only the runtime's own STS calls.
    pub(crate) unsigned: bool,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Overrides the timeout of each attempt ([`Config::timeout`](crate::Config::timeout)).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Overrides the deadline of the whole call, credentials, retries and back-off included
    /// ([`Config::operation_timeout`](crate::Config::operation_timeout)).
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// Overrides the retry policy.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Sends this call to another region (`X-TC-Region`, and the regional endpoint when the
    /// client has no custom endpoint). Checked like [`ConfigBuilder::region`](crate::ConfigBuilder::region):
    /// an invalid id fails the call before anything is sent.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends without a signature (the runtime's own `AssumeRoleWithWebIdentity`).
    pub(crate) fn unsigned(mut self) -> Self {
        self.unsigned = true;
        self
    }

    /// The attempt timeout override.
    pub fn attempt_timeout_override(&self) -> Option<Duration> {
        self.attempt_timeout
    }

    /// The operation deadline override.
    pub fn operation_timeout_override(&self) -> Option<Duration> {
        self.operation_timeout
    }

    /// The retry policy override.
    pub fn retry_override(&self) -> Option<&RetryPolicy> {
        self.retry.as_ref()
    }

    /// The region override.
    pub fn region_override(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Whether nothing is overridden.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
