//! Retry policy: which failures are retried, and exponential backoff with full jitter.
//!
//! Every failure falls in a [`RetryClass`]:
//! - [`RetryClass::Throttled`]: `RequestLimitExceeded` and `RequestLimitExceeded.*`. The API
//!   refused the request before running it, so it is retried for every action, changing ones
//!   included.
//! - [`RetryClass::Transient`]: `InternalError`, `ServiceUnavailable(.*)`, 5xx answers without an
//!   envelope, connect failures, dropped connections and attempt timeouts. The request may have
//!   run, so it is retried only for `retry_safe` actions (read-only, or carrying a `ClientToken`).
//! - [`RetryClass::Permanent`]: everything else, including TLS failures such as an untrusted
//!   certificate, invalid credentials and every other error code. Never retried.

use std::time::Duration;

/// How many attempts a retry-safe call gets and how long to wait between them.
///
/// The delay before retry `n` (1-based) is uniformly random in
/// `[0, min(max_delay, base_delay * 2^(n-1))]` ("full jitter").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, 200 ms base delay, 5 s cap.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// The default policy (see [`Default`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// A single attempt, no retries.
    pub fn none() -> Self {
        Self::default().with_max_attempts(1)
    }

    /// Sets the total number of attempts (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the base delay.
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// Sets the longest delay between attempts.
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Total number of attempts.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The upper bound of the delay before retry number `retry` (1-based).
    pub fn delay_cap(&self, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.base_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }

    /// A random delay in `[0, delay_cap(retry)]`.
    pub fn delay(&self, retry: u32) -> Duration {
        let cap = self.delay_cap(retry);
        let nanos = u64::try_from(cap.as_nanos()).unwrap_or(u64::MAX);
        if nanos == 0 {
            return Duration::ZERO;
        }
        Duration::from_nanos(crate::random::u64() % nanos.saturating_add(1))
    }
}

/// How a failure may be retried; see the [module documentation](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryClass {
    /// The request was refused unexecuted (throttling): retried for every action.
    Throttled,
    /// The request may or may not have run: retried only for retry-safe actions.
    Transient,
    /// Retrying would fail the same way: never retried.
    Permanent,
}

impl RetryClass {
    /// Whether a failure of this class is retried for an action with `retry_safe`.
    pub fn allows_retry(self, retry_safe: bool) -> bool {
        match self {
            RetryClass::Throttled => true,
            RetryClass::Transient => retry_safe,
            RetryClass::Permanent => false,
        }
    }
}

/// The retry class of an API error code.
pub fn classify_service_code(code: &str) -> RetryClass {
    if is_code_family(code, "RequestLimitExceeded") {
        RetryClass::Throttled
    } else if code == "InternalError" || is_code_family(code, "ServiceUnavailable") {
        RetryClass::Transient
    } else {
        RetryClass::Permanent
    }
}

/// `base` itself or one of its sub-codes (`base.Something`).
fn is_code_family(code: &str, base: &str) -> bool {
    code.strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// Whether an API error code is transient: `RequestLimitExceeded` (and `RequestLimitExceeded.*`),
/// `InternalError`, `ServiceUnavailable` (and `ServiceUnavailable.*`).
/// ([`classify_service_code`] is not [`RetryClass::Permanent`]).
pub fn is_retryable_code(code: &str) -> bool {
    classify_service_code(code) != RetryClass::Permanent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retryable_codes_include_sub_codes_but_not_lookalikes() {
        assert!(is_retryable_code("RequestLimitExceeded"));
        assert!(is_retryable_code("RequestLimitExceeded.UinLimitExceeded"));
        assert!(is_retryable_code("ServiceUnavailable"));
        assert!(is_retryable_code("InternalError"));
        assert!(!is_retryable_code("RequestLimitExceededX"));
        assert!(!is_retryable_code("InvalidParameter"));
        assert!(!is_retryable_code("LimitExceeded"));
    }

    #[test]
    fn throttling_is_its_own_class_retried_for_every_action() {
        for code in [
            "RequestLimitExceeded",
            "RequestLimitExceeded.UinLimitExceeded",
        ] {
            assert_eq!(classify_service_code(code), RetryClass::Throttled);
            assert!(classify_service_code(code).allows_retry(false));
        }
        for code in [
            "InternalError",
            "ServiceUnavailable",
            "ServiceUnavailable.X",
        ] {
            assert_eq!(classify_service_code(code), RetryClass::Transient);
            assert!(!classify_service_code(code).allows_retry(false));
            assert!(classify_service_code(code).allows_retry(true));
        }
        assert!(!classify_service_code("InvalidParameter").allows_retry(true));
    }

    #[test]
    fn delay_cap_grows_exponentially_and_is_capped() {
        let p = RetryPolicy::new()
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_millis(350));
        assert_eq!(p.delay_cap(1), Duration::from_millis(100));
        assert_eq!(p.delay_cap(2), Duration::from_millis(200));
        assert_eq!(p.delay_cap(3), Duration::from_millis(350));
        assert_eq!(p.delay_cap(200), Duration::from_millis(350));
        for retry in 1..10 {
            assert!(p.delay(retry) <= p.delay_cap(retry));
        }
    }

    #[test]
    fn huge_delays_do_not_overflow() {
        let p = RetryPolicy::new()
            .with_base_delay(Duration::MAX)
            .with_max_delay(Duration::MAX);
        assert_eq!(p.delay_cap(64), Duration::MAX);
        assert!(p.delay(64) <= Duration::MAX);
        assert_eq!(
            RetryPolicy::new().with_base_delay(Duration::ZERO).delay(3),
            Duration::ZERO
        );
    }

    #[test]
    fn max_attempts_is_at_least_one() {
        assert_eq!(RetryPolicy::new().with_max_attempts(0).max_attempts(), 1);
    }
}
