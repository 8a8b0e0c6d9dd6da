//! A real HTTP/1.1 server on 127.0.0.1 that verifies requests like Tencent Cloud does and
//! answers from a script.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::script::{MockReply, RecordedRequest, Step};
use super::verify::verify_request;
use super::{scripting_methods, test_credentials, Handle};
use crate::config::ConfigBuilder;
use crate::credentials::Credential;
use crate::retry::RetryPolicy;
use crate::Config;

/// Largest request head the server reads.
const MAX_HEAD: usize = 64 * 1024;
/// Largest request body the server reads.
const MAX_BODY: usize = 32 * 1024 * 1024;

/// A real HTTP server on `127.0.0.1:<random port>` that verifies the TC3-HMAC-SHA256 signature
/// (against [`test_credentials`]), the X-TC-* headers and the JSON body, answers from a script
/// (see [the module](super) for the methods, the same as
/// [`MockTransport`](super::MockTransport)'s), records requests, and can simulate failures
/// through [`MockReply`]. A request
/// that fails verification is answered with the error code the real API would send
/// (`AuthFailure.SignatureFailure`, `MissingParameter`, ...) and its problem is recorded.
/// The server stops when dropped.
///
/// ```
/// use serde_json::{json, Value};
/// use tencentcloud_core::test_util::{MockReply, MockServer};
/// use tencentcloud_core::{OperationMeta, RegionRequirement, Runtime, ServiceError, ServiceMeta};
/// # #[derive(Debug)] struct MyError(ServiceError);
/// # impl std::fmt::Display for MyError { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { self.0.fmt(f) } }
/// # impl std::error::Error for MyError {}
/// # impl tencentcloud_core::OperationError for MyError {
/// #     fn from_service_error(e: ServiceError) -> Self { MyError(e) }
/// #     fn meta(&self) -> &ServiceError { &self.0 }
/// # }
/// static SERVICE: ServiceMeta = ServiceMeta {
///     service: "lighthouse", version: "2020-03-24", endpoint: "lighthouse.tencentcloudapi.com",
///     regional_endpoints: &[], crate_name: "demo", crate_version: "0.1.0",
/// };
/// static OP: OperationMeta = OperationMeta {
///     action: "DescribeBundles", retry_safe: true, region: RegionRequirement::Required,
/// };
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let server = MockServer::start().await.unwrap();
/// server.respond("DescribeBundles", json!({"TotalCount": 0, "BundleSet": []}));
/// server.throttle("DescribeBundles", 1); // first call throttled, the retry succeeds
/// let config = server.config_builder().region("ap-guangzhou").build().unwrap();
/// let out: Value = Runtime::new(config, &SERVICE)
///     .invoke::<_, _, MyError>(&OP, &json!({"Limit": 10}))
///     .await
///     .unwrap();
/// assert_eq!(out["TotalCount"], 0);
/// assert_eq!(server.requests().len(), 2);
/// assert!(server.requests().iter().all(|r| r.problems.is_empty()));
/// # });
/// ```
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    script: Handle,
    credential: Credential,
    task: JoinHandle<()>,
}

/// What every connection task reads.
#[derive(Debug)]
struct Shared {
    script: Handle,
    credential: Credential,
}

impl MockServer {
    /// Starts a server verifying against [`test_credentials`].
    pub async fn start() -> io::Result<MockServer> {
        Self::start_with(test_credentials()).await
    }

    /// Starts a server verifying against `credential`.
    pub async fn start_with(credential: Credential) -> io::Result<MockServer> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let script = Handle::default();
        let state = Arc::new(Shared {
            script: script.clone(),
            credential: credential.clone(),
        });
        let task = tokio::spawn(accept_loop(listener, state));
        Ok(MockServer {
            addr,
            script,
            credential,
            task,
        })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A config builder pointed at this server: endpoint, `allow_http(true)`, the test
    /// credentials, and a retry policy with 1–5 ms delays so tests run fast.
    pub fn config_builder(&self) -> ConfigBuilder {
        Config::builder()
            .endpoint(self.endpoint())
            .allow_http(true)
            .credentials(self.credential.clone())
            .retry(
                RetryPolicy::new()
                    .with_base_delay(Duration::from_millis(1))
                    .with_max_delay(Duration::from_millis(5)),
            )
    }

    scripting_methods!(script);
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn accept_loop(listener: TcpListener, state: Arc<Shared>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                // Small replies must not wait for Nagle's algorithm.
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve_connection(stream, Arc::clone(&state)));
            }
            Err(e) => {
                tracing::warn!(error = %e, "mock server: accept failed");
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    }
}

/// One parsed request.
struct Incoming {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// Serves requests on one keep-alive connection until the client closes it or a reply is
/// `Reset`.
async fn serve_connection(mut stream: TcpStream, state: Arc<Shared>) {
    let mut buf = Vec::new();
    while let Ok(Some(incoming)) = read_request(&mut stream, &mut buf).await {
        let verdict = verify_request(&incoming.headers, &incoming.body, &state.credential);
        let action = crate::transport::find_header(&incoming.headers, "x-tc-action")
            .unwrap_or_default()
            .to_owned();
        let recorded = RecordedRequest {
            action,
            headers: incoming.headers,
            body: incoming.body,
            problems: verdict
                .as_ref()
                .err()
                .map(|(c, m)| vec![format!("{c}: {m}")])
                .unwrap_or_default(),
        };
        let (reply, request_id) = {
            let mut script = state.script.lock();
            match verdict {
                Ok(()) => script.record(recorded),
                Err((code, message)) => {
                    let request_id = script.record_rejected(recorded);
                    (MockReply::error(code, message), request_id)
                }
            }
        };
        if !write_reply(&mut stream, &reply, &request_id).await {
            return;
        }
    }
}

/// Writes `reply`; returns false when the connection must be closed.
async fn write_reply(stream: &mut TcpStream, reply: &MockReply, request_id: &str) -> bool {
    let mut current = reply;
    loop {
        match current.step(request_id) {
            Step::Delay(delay, then) => {
                tokio::time::sleep(delay).await;
                current = then;
            }
            Step::Reset => return false,
            Step::Send(rendered) => {
                let status = rendered.status;
                let mut head = format!(
                    "HTTP/1.1 {status} {}\r\ncontent-length: {}\r\nconnection: keep-alive\r\n",
                    reason(status),
                    rendered.body.len()
                );
                if !rendered.content_type.is_empty() {
                    head.push_str(&format!("content-type: {}\r\n", rendered.content_type));
                }
                head.push_str("\r\n");
                let mut bytes = head.into_bytes();
                bytes.extend_from_slice(&rendered.body);
                return stream.write_all(&bytes).await.is_ok() && stream.flush().await.is_ok();
            }
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Reads one request (head and `Content-Length` body); `None` at a clean end of stream.
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> io::Result<Option<Incoming>> {
    let head_len = loop {
        if let Some(pos) = find(buf, b"\r\n\r\n") {
            break pos + 4;
        }
        if buf.len() > MAX_HEAD {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "request head too large",
            ));
        }
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
    };
    let headers = parse_head(buf.get(..head_len).unwrap_or_default())?;
    let content_length = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .map_or(Ok(0), |(_, v)| v.trim().parse::<usize>())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad content-length"))?;
    if content_length > MAX_BODY {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "request body too large",
        ));
    }
    buf.drain(..head_len);
    while buf.len() < content_length {
        let mut chunk = vec![0u8; content_length - buf.len()];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "truncated body",
            ));
        }
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
    let body: Vec<u8> = buf.drain(..content_length).collect();
    Ok(Some(Incoming { headers, body }))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Header names lowercased, values as sent.
fn parse_head(head: &[u8]) -> io::Result<Vec<(String, String)>> {
    let mut raw = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut raw);
    match request.parse(head) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "malformed request head",
            ))
        }
    }
    Ok(request
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_ascii_lowercase(),
                String::from_utf8_lossy(h.value).into_owned(),
            )
        })
        .collect())
}
