//! Hand-written runtime shared by every generated `tencentcloud-<service>` crate.
//!
//! - [`Config`] / [`ConfigBuilder`]: credentials, region, endpoint, timeouts, retries, transport.
//! - [`credentials`]: explicit, environment, INI profiles, tccli, CVM instance role, STS
//!   `AssumeRole`, TKE OIDC, the default chain over them, a caching refresh without lock.
//! - [`sign`]: TC3-HMAC-SHA256 signing as a pure function.
//! - [`Runtime::invoke`]: serialize once, sign, send with retries, parse the envelope.
//! - [`SdkError`]: every way a call can fail, with typed service errors via [`OperationError`].
//! - [`paginate()`]: Offset/Limit pagination as a stream.
//! - [`Waiter`]: poll a read-only action until a condition over its response holds.
//! - `test_util` (feature `test-util`): a mock transport and a mock HTTP server.
//!
//! Behaviour of a call ([`Runtime::invoke`]):
//! - the input is serialized once (generated code sets a fresh `ClientToken` before, when the
//!   action takes one), so every attempt sends the same bytes, re-signed with a new timestamp;
//! - bodies over 10 MB and calls of region-bound actions without a region are refused before
//!   sending ([`RequestError`]);
//! - throttling (`RequestLimitExceeded(.*)`) is retried for every action; `InternalError`,
//!   `ServiceUnavailable(.*)`, 5xx answers, dropped connections and timeouts only for actions
//!   marked `retry_safe`; TLS failures never ([`retry`]); exponential backoff with full jitter
//!   ([`RetryPolicy`]);
//! - the whole call runs within an operation deadline (default
//!   [`config::DEFAULT_OPERATION_TIMEOUT`]), each attempt, credentials included, within the
//!   attempt timeout; [`CallOptions`] overrides both, the retry policy and the region per call;
//! - each call runs in a `tencentcloud.call` tracing span (service, action, region, attempt,
//!   request id); no secret is ever logged or shown by `Debug`.

pub mod body;
pub mod config;
pub mod credentials;
pub mod customize;
pub mod debug;
pub mod envelope;
pub mod error;
pub mod meta;
pub mod paginate;
mod random;
pub mod retry;
pub mod runtime;
pub mod serde_helpers;
pub mod sign;
#[cfg(feature = "test-util")]
pub mod test_util;
pub mod transport;
pub mod waiter;

pub use body::ResponseBody;
pub use config::{Config, ConfigBuilder, ConfigError, Endpoint, Language};
pub use credentials::{
    provide_credentials_fn, CachingProvider, Credential, CredentialsError, DefaultCredentialsChain,
    ProvideCredentials,
};
pub use customize::CallOptions;
pub use error::{
    OperationError, RequestError, ResponseError, SdkError, ServiceError, TimeoutError, TimeoutKind,
    TransportError, TransportErrorKind,
};
pub use meta::{OperationMeta, RegionRequirement, ServiceMeta};
pub use paginate::{paginate, paginate_with, PagedRequest, PagedResponse, Paginator};
pub use random::new_client_token;
pub use retry::{classify_service_code, is_retryable_code, RetryClass, RetryPolicy};
pub use runtime::Runtime;
pub use transport::{HttpRequest, HttpResponse, ReqwestTransport, Transport};
pub use waiter::{WaitError, WaitErrorKind, WaitFailure, Waiter};

pub use futures_core::Stream;
/// Re-exported so generated code and users need no direct dependency for these.
pub use futures_util::future::BoxFuture;
