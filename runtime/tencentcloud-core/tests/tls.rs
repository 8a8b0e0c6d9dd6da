//! TLS and the HTTP client options against real loopback servers: an untrusted certificate is
//! a permanent `Tls` transport error (never retried, its cause shown); `add_root_certificate_pem`
//! makes it trusted; `proxy` sends requests through a proxy; `http_client` uses the caller's
//! client. Certificates: `tests/fixtures/tls` (see its README).

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{TestError, DESCRIBE, SERVICE};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::{json, Value};
use tencentcloud_core::test_util::{test_credentials, MockServer};
use tencentcloud_core::{
    Config, ConfigBuilder, ConfigError, RetryPolicy, Runtime, SdkError, TransportErrorKind,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CA: &[u8] = include_bytes!("fixtures/tls/ca.pem");
const SERVER_CERT: &[u8] = include_bytes!("fixtures/tls/server.pem");
const SERVER_KEY: &[u8] = include_bytes!("fixtures/tls/server.key");

/// An HTTPS server on loopback presenting the fixture certificate; answers every request with
/// an empty success envelope (no signature check: this is about TLS). Counts connections.
struct TlsServer {
    port: u16,
    connections: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn tls_server() -> TlsServer {
    let certs = vec![CertificateDer::from_pem_slice(SERVER_CERT).unwrap()];
    let key = PrivateKeyDer::from_pem_slice(SERVER_KEY).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&connections);
    let task = tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let body = r#"{"Response":{"TotalCount":0,"RequestId":"tls-1"}}"#;
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(reply.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    TlsServer {
        port,
        connections,
        task,
    }
}

fn builder(server: &TlsServer) -> ConfigBuilder {
    Config::builder()
        .endpoint(format!("https://localhost:{}", server.port))
        .credentials(test_credentials())
        .region("ap-guangzhou")
        .retry(RetryPolicy::new().with_base_delay(Duration::from_millis(1)))
}

async fn describe(config: Config) -> Result<Value, SdkError<TestError>> {
    Runtime::new(config, &SERVICE)
        .invoke::<_, Value, TestError>(&DESCRIBE, &json!({}))
        .await
}

#[tokio::test]
async fn untrusted_certificate_is_a_tls_error_with_its_cause_and_is_not_retried() {
    let server = tls_server().await;
    let err = describe(builder(&server).build().unwrap())
        .await
        .unwrap_err();
    let SdkError::Transport(e) = &err else {
        panic!("expected a transport error, got {err:?}");
    };
    assert_eq!(e.kind(), TransportErrorKind::Tls, "{e:?}");
    let shown = err.to_string();
    assert!(
        shown.contains("certificate") && shown.contains("UnknownIssuer"),
        "{shown}"
    );
    assert_eq!(
        server.connections.load(Ordering::SeqCst),
        1,
        "a read-only call is not retried after a certificate failure"
    );
}

#[tokio::test]
async fn extra_root_certificate_makes_the_server_trusted() {
    let server = tls_server().await;
    let config = builder(&server)
        .add_root_certificate_pem(CA)
        .build()
        .unwrap();
    let out = describe(config).await.unwrap();
    assert_eq!(out["RequestId"], "tls-1");
}

#[test]
fn a_root_certificate_that_is_not_pem_is_a_config_error() {
    let err = Config::builder()
        .credentials(test_credentials())
        .add_root_certificate_pem("not a certificate")
        .build()
        .unwrap_err();
    assert!(matches!(err, ConfigError::InvalidCertificate(_)), "{err:?}");
}

#[tokio::test]
async fn requests_go_through_the_configured_proxy() {
    // The MockServer plays the proxy: it receives the absolute-form request for a host that
    // does not resolve and verifies its signature (signed for that host).
    let proxy = MockServer::start().await.unwrap();
    proxy.respond("DescribeInstances", json!({"TotalCount": 5}));
    let config = Config::builder()
        .endpoint("http://lighthouse.unresolvable.invalid")
        .allow_http(true)
        .proxy(proxy.endpoint())
        .credentials(test_credentials())
        .region("ap-guangzhou")
        .build()
        .unwrap();
    let out = describe(config).await.unwrap();
    assert_eq!(out["TotalCount"], 5);
    let r = &proxy.requests()[0];
    assert_eq!(r.header("host"), Some("lighthouse.unresolvable.invalid"));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[tokio::test]
async fn the_callers_own_reqwest_client_is_used() {
    let server = MockServer::start().await.unwrap();
    server.respond("DescribeInstances", json!({"TotalCount": 0}));
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-my-app", "inventory".parse().unwrap());
    let client = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    let config = server
        .config_builder()
        .region("ap-guangzhou")
        .http_client(client.clone())
        .build()
        .unwrap();
    describe(config).await.unwrap();
    assert_eq!(server.requests()[0].header("x-my-app"), Some("inventory"));
    let conflict = server
        .config_builder()
        .http_client(client)
        .proxy("http://127.0.0.1:1")
        .build()
        .unwrap_err();
    assert!(matches!(conflict, ConfigError::Conflict(_)), "{conflict:?}");
}

#[test]
fn proxy_and_endpoint_errors_do_not_echo_passwords() {
    let endpoint = Config::builder()
        .credentials(test_credentials())
        .endpoint("https://admin:endpoint-password@api.example.com/path")
        .build()
        .unwrap_err();
    assert!(matches!(endpoint, ConfigError::InvalidEndpoint(_)));
    let shown = endpoint.to_string();
    assert!(!shown.contains("endpoint-password"), "{shown}");
    assert!(shown.contains("api.example.com"), "{shown}");

    let proxy = Config::builder()
        .credentials(test_credentials())
        .proxy("http://user:proxy-password@[::1")
        .build()
        .unwrap_err();
    assert!(matches!(proxy, ConfigError::InvalidProxy(_)), "{proxy:?}");
    assert!(!proxy.to_string().contains("proxy-password"), "{proxy}");
}

/// Every message of an error's chain, outermost first.
fn chain(e: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut out = vec![e.to_string()];
    let mut current = e.source();
    while let Some(next) = current {
        out.push(next.to_string());
        current = next.source();
    }
    out
}

#[tokio::test]
async fn a_transport_error_chain_names_its_root_cause_once() {
    let server = tls_server().await;
    let err = describe(builder(&server).build().unwrap())
        .await
        .unwrap_err();
    let messages = chain(&err);
    let printed = messages.join(": ");
    assert_eq!(
        printed.matches("UnknownIssuer").count(),
        1,
        "the cause is printed once along the chain: {messages:#?}"
    );
    let SdkError::Transport(e) = &err else {
        panic!("expected a transport error, got {err:?}");
    };
    assert!(
        e.cause().is_some_and(|c| c.is::<reqwest::Error>()),
        "the reqwest error stays reachable"
    );
}
