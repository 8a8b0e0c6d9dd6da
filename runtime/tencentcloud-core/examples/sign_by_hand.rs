//! Signs a request by hand with the pure TC3-HMAC-SHA256 function and prints the headers
//! (the Authorization value contains no secret; X-TC-Token would, so it is masked here).
//!
//! Run: `cargo run -p tencentcloud-core --example sign_by_hand`.

use std::time::{SystemTime, UNIX_EPOCH};

use tencentcloud_core::sign::{sign, SigningInput};
use tencentcloud_core::Credential;

fn main() {
    let credential = Credential::new("AKIDEXAMPLE", "SecretKeyExample");
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let body = br#"{"Limit": 1}"#;
    let signed = sign(&SigningInput {
        method: "POST",
        host: "lighthouse.tencentcloudapi.com",
        content_type: "application/json",
        query: "",
        payload: body,
        timestamp,
        service: "lighthouse",
        action: Some("DescribeInstances"),
        credential: &credential,
    });
    for (name, value) in &signed.headers {
        let shown = if name == "X-TC-Token" { "***" } else { value };
        println!("{name}: {shown}");
    }
    println!("X-TC-Version: 2020-03-24");
    println!("X-TC-Region: ap-guangzhou");
}
