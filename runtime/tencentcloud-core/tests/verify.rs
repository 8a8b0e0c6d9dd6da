//! The mock server's request verifier rejects what the real API would reject.

use std::time::{SystemTime, UNIX_EPOCH};

use tencentcloud_core::sign::{sign, SigningInput};
use tencentcloud_core::test_util::{test_credentials, verify_request};
use tencentcloud_core::Credential;

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Headers of a correctly signed request for `body` at `timestamp` with `cred`.
fn signed(cred: &Credential, body: &[u8], timestamp: i64) -> Vec<(String, String)> {
    let mut headers = sign(&SigningInput {
        method: "POST",
        host: "127.0.0.1:9",
        content_type: "application/json",
        query: "",
        payload: body,
        timestamp,
        service: "lighthouse",
        action: Some("DescribeInstances"),
        credential: cred,
    })
    .headers;
    headers.push(("X-TC-Version".into(), "2020-03-24".into()));
    headers.push(("X-TC-RequestClient".into(), "test/0".into()));
    headers
}

fn code(result: Result<(), (String, String)>) -> String {
    result.err().map(|(c, _)| c).unwrap_or_else(|| "OK".into())
}

const BODY: &[u8] = br#"{"Limit":1}"#;

#[test]
fn a_correct_request_passes() {
    let h = signed(&test_credentials(), BODY, now());
    assert_eq!(code(verify_request(&h, BODY, &test_credentials())), "OK");
}

#[test]
fn a_changed_body_fails_the_signature() {
    let h = signed(&test_credentials(), BODY, now());
    let r = verify_request(&h, br#"{"Limit":2}"#, &test_credentials());
    assert_eq!(code(r), "AuthFailure.SignatureFailure");
}

#[test]
fn a_changed_signed_header_fails_the_signature() {
    let mut h = signed(&test_credentials(), BODY, now());
    for (k, v) in &mut h {
        if k == "X-TC-Action" {
            *v = "TerminateInstances".into();
        }
    }
    let r = verify_request(&h, BODY, &test_credentials());
    assert_eq!(code(r), "AuthFailure.SignatureFailure");
}

#[test]
fn a_wrong_key_or_id_is_rejected() {
    let other_key = Credential::new(test_credentials().secret_id(), "nope");
    let h = signed(&other_key, BODY, now());
    assert_eq!(
        code(verify_request(&h, BODY, &test_credentials())),
        "AuthFailure.SignatureFailure"
    );
    let h = signed(&Credential::new("AKIDother", "x"), BODY, now());
    assert_eq!(
        code(verify_request(&h, BODY, &test_credentials())),
        "AuthFailure.SecretIdNotFound"
    );
}

#[test]
fn a_stale_timestamp_is_rejected() {
    let h = signed(&test_credentials(), BODY, now() - 3600);
    assert_eq!(
        code(verify_request(&h, BODY, &test_credentials())),
        "AuthFailure.SignatureExpire"
    );
}

#[test]
fn missing_headers_are_named() {
    for missing in ["X-TC-Version", "X-TC-RequestClient", "X-TC-Action"] {
        let h: Vec<_> = signed(&test_credentials(), BODY, now())
            .into_iter()
            .filter(|(k, _)| k != missing)
            .collect();
        let (c, m) = verify_request(&h, BODY, &test_credentials()).unwrap_err();
        assert_eq!(c, "MissingParameter");
        assert!(m.contains(missing), "{m}");
    }
}

#[test]
fn a_signed_but_non_json_body_is_rejected() {
    let body = b"Limit=1";
    let h = signed(&test_credentials(), body, now());
    assert_eq!(
        code(verify_request(&h, body, &test_credentials())),
        "InvalidParameter"
    );
}

#[test]
fn a_bad_language_is_rejected() {
    let mut h = signed(&test_credentials(), BODY, now());
    h.push(("X-TC-Language".into(), "fr-FR".into()));
    assert_eq!(
        code(verify_request(&h, BODY, &test_credentials())),
        "InvalidParameterValue"
    );
}

#[test]
fn a_missing_or_wrong_token_is_rejected_when_one_is_expected() {
    let cred = test_credentials().with_token("expected-token");
    let h = signed(&test_credentials(), BODY, now());
    assert_eq!(
        code(verify_request(&h, BODY, &cred)),
        "AuthFailure.TokenFailure"
    );
}

#[test]
fn an_absurd_timestamp_is_rejected_without_overflow() {
    let mut h = signed(&test_credentials(), BODY, now());
    for (k, v) in &mut h {
        if k == "X-TC-Timestamp" {
            *v = i64::MIN.to_string();
        }
    }
    assert_eq!(
        code(verify_request(&h, BODY, &test_credentials())),
        "AuthFailure.SignatureExpire"
    );
}
