//! TC3-HMAC-SHA256 signing vectors.
//!
//! The worked example is the signature chapter of
//! `spec/sources/lighthouse-api-doc.zh-CN.pdf.txt` (lines 2685-2985). Its SecretKey is masked
//! in the doc ("********"), so only the key-independent values (hashed payload, canonical
//! request and its hash, credential date) can be checked against it. The full signatures below
//! were computed independently with Python's `hashlib`/`hmac` following the same chapter.

use tencentcloud_core::sign::{canonical_request_string, sha256_hex, sign, SigningInput};
use tencentcloud_core::Credential;

/// The doc's request body (line 2727), with the literal `\u` escapes it shows.
const DOC_PAYLOAD: &str =
    r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;

fn doc_input(credential: &Credential) -> SigningInput<'_> {
    SigningInput {
        method: "POST",
        host: "cvm.tencentcloudapi.com",
        content_type: "application/json; charset=utf-8",
        query: "",
        payload: DOC_PAYLOAD.as_bytes(),
        timestamp: 1_551_113_065,
        service: "cvm",
        action: Some("DescribeInstances"),
        credential,
    }
}

#[test]
fn doc_example_hashed_payload() {
    // Doc line 2809: HashedRequestPayload.
    assert_eq!(
        sha256_hex(DOC_PAYLOAD.as_bytes()),
        "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
    );
}

#[test]
fn doc_example_canonical_request_and_its_hash() {
    let cred = Credential::new("AKIDEXAMPLE", "SecretKeyExample");
    let canonical = canonical_request_string(&doc_input(&cred));
    // Doc lines 2814-2826: the canonical request.
    assert_eq!(
        canonical,
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\
         x-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n\
         35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
    );
    // Doc line 2862: HashedCanonicalRequest.
    assert_eq!(
        sha256_hex(canonical.as_bytes()),
        "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
    );
}

#[test]
fn doc_example_authorization_shape_and_python_signature() {
    let cred = Credential::new("AKIDEXAMPLE", "SecretKeyExample");
    let signed = sign(&doc_input(&cred));
    // Credential scope 2019-02-25/cvm/tc3_request (doc line 2857), signed headers (line 2797).
    assert_eq!(
        signed.authorization,
        "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request, \
         SignedHeaders=content-type;host;x-tc-action, \
         Signature=c3b9708289b60896dcd61917185443ae74c5e70cd6c60be4e5b33cff78280730"
    );
}

#[test]
fn get_with_query_string_signs_content_type_and_host_only() {
    let cred = Credential::new("AKIDEXAMPLE", "SecretKeyExample");
    let signed = sign(&SigningInput {
        method: "GET",
        host: "cvm.tencentcloudapi.com",
        content_type: "application/x-www-form-urlencoded",
        query: "Action=DescribeInstances&Limit=10&Offset=0&Region=ap-guangzhou",
        payload: b"",
        timestamp: 1_700_000_000,
        service: "cvm",
        action: None,
        credential: &cred,
    });
    assert_eq!(
        signed.authorization,
        "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/cvm/tc3_request, \
         SignedHeaders=content-type;host, \
         Signature=1b0467dfa5698c6bad9d901c9b4a2b7b15506752b8edebd3d6a06eb6a61d87bd"
    );
    assert!(signed.headers.iter().all(|(k, _)| k != "X-TC-Action"));
}

#[test]
fn empty_payload() {
    let cred = Credential::new("AKIDEXAMPLE", "SecretKeyExample");
    let signed = sign(&SigningInput {
        method: "POST",
        host: "lighthouse.tencentcloudapi.com",
        content_type: "application/json",
        query: "",
        payload: b"",
        timestamp: 1_700_000_000,
        service: "lighthouse",
        action: Some("DescribeRegions"),
        credential: &cred,
    });
    assert!(signed
        .authorization
        .ends_with("Signature=f705aadb4dbc0f96bb79e8de365fd6a5725f58ec549bcaccf8b06390074eb0e6"));
}

#[test]
fn session_token_is_sent_but_not_signed_and_not_in_debug() {
    let cred = Credential::new("AKIDTEMP", "TempSecret").with_token("session-token-value");
    let signed = sign(&SigningInput {
        method: "POST",
        host: "lighthouse.tencentcloudapi.com",
        content_type: "application/json",
        query: "",
        payload: br#"{"BundleId":"bundle_2022_gen_01"}"#,
        timestamp: 1_700_086_399,
        service: "lighthouse",
        action: Some("CreateInstances"),
        credential: &cred,
    });
    assert_eq!(
        signed.authorization,
        "TC3-HMAC-SHA256 Credential=AKIDTEMP/2023-11-15/lighthouse/tc3_request, \
         SignedHeaders=content-type;host;x-tc-action, \
         Signature=7152d1dfa7eb2bafc841a2b25324fb93badeea096865bf5b5267048c7a163604"
    );
    let header = |name: &str| {
        signed
            .headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(header("X-TC-Token"), Some("session-token-value"));
    assert_eq!(header("X-TC-Timestamp"), Some("1700086399"));
    assert_eq!(header("X-TC-Action"), Some("CreateInstances"));
    assert_eq!(header("Host"), Some("lighthouse.tencentcloudapi.com"));
    assert_eq!(header("Content-Type"), Some("application/json"));
    assert!(!format!("{signed:?}").contains("session-token-value"));
}

#[test]
fn utc_date_not_local_date() {
    // Doc lines 2866-2870: 1551113065 is 2019-02-26 00:44:25 in UTC+8 but the date is 2019-02-25.
    assert_eq!(
        tencentcloud_core::sign::utc_date(1_551_113_065),
        "2019-02-25"
    );
}
