//! Server-side verification of a TC3-HMAC-SHA256 signed API 3.0 request, as the mock server
//! does it. Rebuilds the canonical request from the headers named in `SignedHeaders` (it does
//! not reuse the client's header selection), so a client that signs one thing and sends
//! another is caught.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::credentials::Credential;
use crate::sign::{hex, hmac_sha256, sha256_hex, signing_key, utc_date, ALGORITHM};
use crate::transport::find_header;

/// Largest clock skew accepted, like the real API (5 minutes).
const MAX_SKEW_SECS: u64 = 300;

/// A rejection: the error code the real API would answer, and a message.
pub type Rejection = (String, String);

/// Checks a POST request's headers, signature and JSON body against `credential`.
/// Returns `Err((code, message))` with the error code the real API would answer.
pub fn verify_request(
    headers: &[(String, String)],
    body: &[u8],
    credential: &Credential,
) -> Result<(), Rejection> {
    let get = |name: &str| find_header(headers, name);
    check_headers(&get)?;
    let timestamp = check_timestamp(get("X-TC-Timestamp").unwrap_or_default())?;
    let authorization = get("Authorization").unwrap_or_default();
    check_signature(&get, authorization, timestamp, body, credential)?;
    if let Some(expected) = credential.token() {
        if get("X-TC-Token") != Some(expected) {
            let message = "the X-TC-Token header does not match".to_owned();
            return Err(fail("AuthFailure.TokenFailure", message));
        }
    }
    serde_json::from_slice::<serde_json::Value>(body).map_err(|e| {
        fail(
            "InvalidParameter",
            format!("the body is not valid JSON: {e}"),
        )
    })?;
    Ok(())
}

/// Required headers present, a JSON content type, a known language.
fn check_headers<'h>(get: &dyn Fn(&str) -> Option<&'h str>) -> Result<(), Rejection> {
    const REQUIRED: [&str; 7] = [
        "Authorization",
        "Content-Type",
        "Host",
        "X-TC-Action",
        "X-TC-Version",
        "X-TC-Timestamp",
        "X-TC-RequestClient",
    ];
    if let Some(missing) = REQUIRED.iter().find(|h| get(h).is_none_or_empty()) {
        let message = format!("the request is missing the `{missing}` header");
        return Err(fail("MissingParameter", message));
    }
    let content_type = get("Content-Type").unwrap_or_default();
    if !content_type.starts_with("application/json") {
        let message = format!("unsupported Content-Type `{content_type}`");
        return Err(fail("InvalidParameter", message));
    }
    match get("X-TC-Language") {
        Some(lang) if !matches!(lang, "zh-CN" | "en-US") => {
            let message = format!("X-TC-Language `{lang}` is not zh-CN or en-US");
            Err(fail("InvalidParameterValue", message))
        }
        _ => Ok(()),
    }
}

/// The timestamp, if it is an integer within [`MAX_SKEW_SECS`] of now.
fn check_timestamp(value: &str) -> Result<i64, Rejection> {
    let timestamp: i64 = value.trim().parse().map_err(|_| {
        let message = format!("X-TC-Timestamp `{value}` is not an integer");
        fail("InvalidParameter", message)
    })?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    if now.abs_diff(timestamp) > MAX_SKEW_SECS {
        let message = format!(
            "timestamp {timestamp} is more than {MAX_SKEW_SECS}s from the server time {now}"
        );
        return Err(fail("AuthFailure.SignatureExpire", message));
    }
    Ok(timestamp)
}

trait NoneOrEmpty {
    fn is_none_or_empty(&self) -> bool;
}

impl NoneOrEmpty for Option<&str> {
    fn is_none_or_empty(&self) -> bool {
        !matches!(self, Some(v) if !v.trim().is_empty())
    }
}

fn fail(code: &str, message: String) -> Rejection {
    (code.to_owned(), message)
}

/// The parts of `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=hex`.
struct Authorization<'a> {
    secret_id: &'a str,
    date: &'a str,
    service: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Option<Authorization<'_>> {
    let rest = value.strip_prefix(ALGORITHM)?.trim_start();
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',') {
        let (k, v) = part.trim().split_once('=')?;
        match k {
            "Credential" => credential = Some(v),
            "SignedHeaders" => signed_headers = Some(v),
            "Signature" => signature = Some(v),
            _ => return None,
        }
    }
    let mut scope = credential?.split('/');
    let (secret_id, date, service, terminator) =
        (scope.next()?, scope.next()?, scope.next()?, scope.next()?);
    if terminator != "tc3_request" || scope.next().is_some() {
        return None;
    }
    Some(Authorization {
        secret_id,
        date,
        service,
        signed_headers: signed_headers?,
        signature: signature?,
    })
}

fn check_signature<'h>(
    get: &dyn Fn(&str) -> Option<&'h str>,
    authorization: &str,
    timestamp: i64,
    body: &[u8],
    credential: &Credential,
) -> Result<(), Rejection> {
    let auth = parse_authorization(authorization).ok_or_else(|| {
        fail(
            "AuthFailure.InvalidAuthorization",
            "the Authorization header is malformed".to_owned(),
        )
    })?;
    if auth.secret_id != credential.secret_id() {
        return Err(fail(
            "AuthFailure.SecretIdNotFound",
            "the SecretId is not known to the mock server".to_owned(),
        ));
    }
    if auth.date != utc_date(timestamp) {
        return Err(fail(
            "AuthFailure.SignatureFailure",
            "the credential date does not match X-TC-Timestamp".to_owned(),
        ));
    }
    let names: Vec<&str> = auth.signed_headers.split(';').collect();
    if !names.contains(&"content-type") || !names.contains(&"host") {
        return Err(fail(
            "AuthFailure.SignatureFailure",
            "SignedHeaders must include content-type and host".to_owned(),
        ));
    }
    let mut canonical_headers = String::new();
    for name in &names {
        let value = get(name).ok_or_else(|| {
            fail(
                "AuthFailure.SignatureFailure",
                format!("signed header `{name}` is not sent"),
            )
        })?;
        canonical_headers.push_str(&format!("{name}:{}\n", value.trim().to_ascii_lowercase()));
    }
    let canonical_request = format!(
        "POST\n/\n\n{canonical_headers}\n{}\n{}",
        auth.signed_headers,
        sha256_hex(body)
    );
    let string_to_sign = format!(
        "{ALGORITHM}\n{timestamp}\n{}/{}/tc3_request\n{}",
        auth.date,
        auth.service,
        sha256_hex(canonical_request.as_bytes())
    );
    let key = signing_key(credential.secret_key(), auth.date, auth.service);
    let expected = hex(&hmac_sha256(&key, string_to_sign.as_bytes()));
    if expected != auth.signature {
        return Err(fail(
            "AuthFailure.SignatureFailure",
            "the signature does not match the request".to_owned(),
        ));
    }
    Ok(())
}
