//! The hand-rolled baseline: what a minimal client on the same stack costs. reqwest, the
//! TC3 signature (`tencentcloud_core::sign`, a pure function) and a plain serde derive of the
//! same generated types (`tencentcloud_lighthouse::Instance`), with no retries, no error
//! envelope, no null tolerance and no tracing.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use tencentcloud_core::sign::{sign, SigningInput};
use tencentcloud_core::Credential;
use tencentcloud_lighthouse::types::Instance;

/// `{"Response": {...}}` decoded with plain derives.
#[derive(Deserialize)]
pub struct PlainEnvelope {
    /// The `Response` object.
    #[serde(rename = "Response")]
    pub response: PlainDescribeInstances,
}

/// The `DescribeInstances` output with a plain derive (the generated `Instance` inside).
#[derive(Deserialize)]
pub struct PlainDescribeInstances {
    /// `TotalCount`.
    #[serde(rename = "TotalCount", default)]
    pub total_count: i64,
    /// `InstanceSet`.
    #[serde(rename = "InstanceSet", default)]
    pub instance_set: Vec<Instance>,
}

/// Decodes a `DescribeInstances` body with plain derives, straight from the bytes.
pub fn decode_plain(body: &[u8]) -> serde_json::Result<PlainDescribeInstances> {
    serde_json::from_slice::<PlainEnvelope>(body).map(|e| e.response)
}

/// A hand-rolled `DescribeInstances` client for an `http://host:port/` endpoint.
#[derive(Debug, Clone)]
pub struct Baseline {
    http: reqwest::Client,
    url: String,
    host: String,
    credential: Credential,
}

impl Baseline {
    /// A client for `http://{host}/` signing with `credential`.
    pub fn new(host: &str, credential: Credential) -> Baseline {
        Baseline {
            http: reqwest::Client::new(),
            url: format!("http://{host}/"),
            host: host.to_owned(),
            credential,
        }
    }

    /// One signed `DescribeInstances` call with `body`, decoded.
    pub async fn describe_instances(
        &self,
        body: &'static str,
    ) -> Result<PlainDescribeInstances, Box<dyn std::error::Error + Send + Sync>> {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let signed = sign(&SigningInput {
            method: "POST",
            host: &self.host,
            content_type: "application/json",
            query: "",
            payload: body.as_bytes(),
            timestamp,
            service: "lighthouse",
            action: Some("DescribeInstances"),
            credential: &self.credential,
        });
        let mut request = self.http.post(&self.url);
        for (name, value) in &signed.headers {
            request = request.header(name, value);
        }
        let response = request
            .header("X-TC-Version", "2020-03-24")
            .header("X-TC-Region", "ap-guangzhou")
            .body(body)
            .send()
            .await?;
        let bytes = response.bytes().await?;
        Ok(decode_plain(&bytes)?)
    }
}
