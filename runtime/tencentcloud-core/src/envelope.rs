//! Parsing the `{"Response": {...}}` envelope of every API 3.0 answer.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{ResponseError, ServiceError};
use crate::transport::HttpResponse;

/// What an HTTP response turned out to be.
#[derive(Debug)]
pub enum Parsed<O> {
    /// A success envelope whose `Response` deserialized into `O`, and its `RequestId`.
    Success(O, String),
    /// An error envelope.
    Service(ServiceError),
    /// Anything else.
    Invalid(ResponseError),
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "Response", borrow)]
    response: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "Error")]
    error: Option<ErrorBody>,
    #[serde(rename = "RequestId")]
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code")]
    code: Option<String>,
    #[serde(rename = "Message")]
    message: Option<String>,
}

/// Parses `response` into `O`, a service error, or a described invalid response; never panics.
pub fn parse_response<O: DeserializeOwned>(response: &HttpResponse, max_bytes: usize) -> Parsed<O> {
    let content_type = response.header("content-type").unwrap_or("");
    let invalid = |reason: String| {
        Parsed::Invalid(ResponseError::new(
            response.status,
            content_type,
            reason,
            &response.body,
        ))
    };
    if response.body.len() > max_bytes {
        return invalid(format!("body larger than the {max_bytes}-byte limit"));
    }
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return invalid("empty body".to_owned());
    }
    let envelope: Envelope<'_> = match serde_json::from_slice(&response.body) {
        Ok(e) => e,
        Err(e) => return invalid(format!("body is not JSON ({e})")),
    };
    let Some(raw) = envelope.response else {
        return invalid("JSON without a \"Response\" object".to_owned());
    };
    let probe: Probe = match serde_json::from_str(raw.get()) {
        Ok(p) => p,
        Err(e) => return invalid(format!("\"Response\" is not a valid response object ({e})")),
    };
    if let Some(err) = probe.error {
        return Parsed::Service(ServiceError::new(
            err.code.unwrap_or_default(),
            err.message.unwrap_or_default(),
            probe.request_id.unwrap_or_default(),
        ));
    }
    if !(200..300).contains(&response.status) {
        return invalid("error status with a success envelope".to_owned());
    }
    match serde_json::from_str(raw.get()) {
        Ok(o) => Parsed::Success(o, probe.request_id.unwrap_or_default()),
        Err(e) => invalid(format!(
            "\"Response\" does not match the expected type ({e})"
        )),
    }
}
