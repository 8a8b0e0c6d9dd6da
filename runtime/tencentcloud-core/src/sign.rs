//! TC3-HMAC-SHA256 request signing (API 3.0 "签名方法 v3"), as a pure function.
//!
//! CanonicalRequest = Method \n "/" \n Query \n CanonicalHeaders \n SignedHeaders \n
//! hex(sha256(payload)); StringToSign = "TC3-HMAC-SHA256" \n Timestamp \n
//! `Date/service/tc3_request` \n hex(sha256(CanonicalRequest)); the key is derived by
//! HMAC("TC3"+SecretKey, Date) -> service -> "tc3_request". Signed headers are `content-type`,
//! `host` and, when an action is given, `x-tc-action` (its value lowercased), as in the doc's
//! worked example.

use sha2::{Digest, Sha256};

use crate::credentials::Credential;

/// The algorithm name in the `Authorization` header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// Everything that goes into a signature.
#[derive(Debug, Clone, Copy)]
pub struct SigningInput<'a> {
    /// `POST` or `GET`.
    pub method: &'a str,
    /// The `Host` header, e.g. `cvm.tencentcloudapi.com` (with `:port` if non-default).
    pub host: &'a str,
    /// The exact `Content-Type` header that is sent.
    pub content_type: &'a str,
    /// The URL query string after `?`, already RFC 3986 encoded (empty for POST).
    pub query: &'a str,
    /// The request body (empty for GET).
    pub payload: &'a [u8],
    /// UNIX seconds, sent as `X-TC-Timestamp`; the credential date is its UTC date.
    pub timestamp: i64,
    /// The service name, e.g. `cvm` or `lighthouse`.
    pub service: &'a str,
    /// The action (`X-TC-Action`); signed when `Some`.
    pub action: Option<&'a str>,
    /// The credentials; a session token is returned as `X-TC-Token`.
    pub credential: &'a Credential,
}

/// The result of signing: the `Authorization` value and every header the request must carry.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    /// The `Authorization` header value.
    pub authorization: String,
    /// `Authorization`, `Content-Type`, `Host`, `X-TC-Timestamp`, `X-TC-Action` (if given),
    /// `X-TC-Token` (if the credentials have one), in that order.
    pub headers: Vec<(String, String)>,
}

impl std::fmt::Debug for Signed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let v = if k.eq_ignore_ascii_case("x-tc-token") {
                    "***"
                } else {
                    v.as_str()
                };
                (k.as_str(), v)
            })
            .collect();
        f.debug_struct("Signed")
            .field("authorization", &self.authorization)
            .field("headers", &headers)
            .finish()
    }
}

/// Signs a request; see the module docs for the algorithm.
pub fn sign(input: &SigningInput<'_>) -> Signed {
    let date = utc_date(input.timestamp);
    let (canonical_headers, signed_headers) = canonical_headers(input);
    let canonical_request = canonical_request(input, &canonical_headers, signed_headers);
    let scope = format!("{date}/{}/tc3_request", input.service);
    let string_to_sign = format!(
        "{ALGORITHM}\n{}\n{scope}\n{}",
        input.timestamp,
        sha256_hex(canonical_request.as_bytes())
    );
    let key = signing_key(input.credential.secret_key(), &date, input.service);
    let signature = hex(&hmac_sha256(&key, string_to_sign.as_bytes()));
    let authorization = format!(
        "{ALGORITHM} Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
        input.credential.secret_id()
    );
    let mut headers = vec![
        ("Authorization".to_owned(), authorization.clone()),
        ("Content-Type".to_owned(), input.content_type.to_owned()),
        ("Host".to_owned(), input.host.to_owned()),
        ("X-TC-Timestamp".to_owned(), input.timestamp.to_string()),
    ];
    if let Some(action) = input.action {
        headers.push(("X-TC-Action".to_owned(), action.to_owned()));
    }
    if let Some(token) = input.credential.token() {
        headers.push(("X-TC-Token".to_owned(), token.to_owned()));
    }
    Signed {
        authorization,
        headers,
    }
}

/// The canonical request string (step 1 of the doc), exposed for debugging and tests.
pub fn canonical_request_string(input: &SigningInput<'_>) -> String {
    let (canonical_headers, signed_headers) = canonical_headers(input);
    canonical_request(input, &canonical_headers, signed_headers)
}

fn canonical_request(input: &SigningInput<'_>, headers: &str, signed: &str) -> String {
    format!(
        "{}\n/\n{}\n{headers}\n{signed}\n{}",
        input.method,
        input.query,
        sha256_hex(input.payload)
    )
}

/// `(CanonicalHeaders, SignedHeaders)`: keys and values lowercased and trimmed, keys sorted.
fn canonical_headers(input: &SigningInput<'_>) -> (String, &'static str) {
    let base = format!(
        "content-type:{}\nhost:{}\n",
        input.content_type.trim().to_ascii_lowercase(),
        input.host.trim().to_ascii_lowercase()
    );
    match input.action {
        Some(action) => (
            format!("{base}x-tc-action:{}\n", action.trim().to_ascii_lowercase()),
            "content-type;host;x-tc-action",
        ),
        None => (base, "content-type;host"),
    }
}

/// SecretSigning = HMAC(HMAC(HMAC("TC3" + key, date), service), "tc3_request").
pub fn signing_key(secret_key: &str, date: &str, service: &str) -> [u8; 32] {
    let k_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let k_service = hmac_sha256(&k_date, service.as_bytes());
    hmac_sha256(&k_service, b"tc3_request")
}

/// Lowercase hex of SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// HMAC-SHA256 (RFC 2104) of `data` under `key`.
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(data);
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// Lowercase hex encoding.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// The UTC date `YYYY-MM-DD` of a UNIX timestamp (proleptic Gregorian calendar).
pub fn utc_date(timestamp: i64) -> String {
    let days = timestamp.div_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// RFC 3986 percent-encoding of a query component (unreserved characters kept, hex uppercase),
/// for building the `query` of a GET request.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_date_handles_epoch_leap_days_and_negative() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(-1), "1969-12-31");
        assert_eq!(utc_date(1_551_113_065), "2019-02-25");
    }

    #[test]
    fn hmac_matches_rfc4231_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn hmac_hashes_long_keys() {
        // RFC 4231 test case 6: 131-byte key.
        let key = [0xaau8; 131];
        let mac = hmac_sha256(
            &key,
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(
            hex(&mac),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn percent_encode_keeps_unreserved_and_uppercases_hex() {
        assert_eq!(percent_encode("a b/~未"), "a%20b%2F~%E6%9C%AA");
    }
}
