//! Test utilities (feature `test-util`): an in-process [`MockTransport`], a real loopback
//! [`MockServer`] that verifies TC3 signatures, and the scripted replies they share.

mod mock_server;
mod mock_transport;
mod script;
mod verify;

pub use mock_server::MockServer;
pub use mock_transport::MockTransport;
pub use script::{MockReply, RecordedRequest};
pub use verify::{verify_request, Rejection};

use crate::credentials::Credential;

/// SecretId of [`test_credentials`].
pub const TEST_SECRET_ID: &str = "AKIDMOCKSERVERTESTID0000000000000000";
/// SecretKey of [`test_credentials`] (public: it only opens the mock server).
pub const TEST_SECRET_KEY: &str = "mock-server-test-secret-key-0000";

/// The credentials the [`MockServer`] verifies signatures against.
pub fn test_credentials() -> Credential {
    Credential::new(TEST_SECRET_ID, TEST_SECRET_KEY)
}
