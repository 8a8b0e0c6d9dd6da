//! Shared fixtures: a dummy per-action error type and service/operation metadata.

#![allow(dead_code)]

use tencentcloud_core::{
    OperationError, OperationMeta, RegionRequirement, ServiceError, ServiceMeta,
};

/// A minimal generated-style error: one known code, everything else unhandled.
#[derive(Debug)]
pub enum TestError {
    /// `InvalidParameter`.
    InvalidParameter(ServiceError),
    /// Any other code.
    Unhandled(ServiceError),
}

impl std::fmt::Display for TestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.meta())
    }
}

impl std::error::Error for TestError {}

impl OperationError for TestError {
    fn from_service_error(err: ServiceError) -> Self {
        match err.code() {
            "InvalidParameter" => TestError::InvalidParameter(err),
            _ => TestError::Unhandled(err),
        }
    }

    fn meta(&self) -> &ServiceError {
        match self {
            TestError::InvalidParameter(e) | TestError::Unhandled(e) => e,
        }
    }
}

pub static SERVICE: ServiceMeta = ServiceMeta {
    service: "lighthouse",
    version: "2020-03-24",
    endpoint: "lighthouse.tencentcloudapi.com",
    regional_endpoints: &[
        (
            "ap-guangzhou",
            "lighthouse.ap-guangzhou.tencentcloudapi.com",
        ),
        ("ap-shanghai", "lighthouse.ap-shanghai.tencentcloudapi.com"),
    ],
    crate_name: "tencentcloud-lighthouse",
    crate_version: "0.1.0",
};

/// A read-only action.
pub static DESCRIBE: OperationMeta = OperationMeta {
    action: "DescribeInstances",
    retry_safe: true,
    region: RegionRequirement::Required,
};

/// A create action carrying a ClientToken (retry safe).
pub static CREATE: OperationMeta = OperationMeta {
    action: "CreateInstances",
    retry_safe: true,
    region: RegionRequirement::Required,
};

/// A mutating action without ClientToken (not retry safe).
pub static DELETE: OperationMeta = OperationMeta {
    action: "TerminateInstances",
    retry_safe: false,
    region: RegionRequirement::Required,
};

/// An action that takes no region.
pub static GLOBAL: OperationMeta = OperationMeta {
    action: "DescribeRegions",
    retry_safe: true,
    region: RegionRequirement::None,
};

/// `http://127.0.0.1:<port>/` of a port nothing listens on (bound, then closed).
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}/")
}

/// A loopback HTTP server answering GET paths from a fixed table, as the CVM metadata service
/// does; counts the requests per path. Unknown paths get 404.
pub struct MetadataMock {
    /// `http://127.0.0.1:<port>/latest/meta-data/cam/security-credentials/`.
    pub endpoint: String,
    hits: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl MetadataMock {
    /// Serves `routes`: `(path below the endpoint, status, body)`.
    pub async fn start(routes: Vec<(String, u16, String)>) -> MetadataMock {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        const PREFIX: &str = "/latest/meta-data/cam/security-credentials/";
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let endpoint = format!("http://{}{PREFIX}", listener.local_addr().expect("addr"));
        let hits = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = std::sync::Arc::clone(&hits);
        let routes = std::sync::Arc::new(routes);
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let routes = std::sync::Arc::clone(&routes);
                let seen = std::sync::Arc::clone(&seen);
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    let text = String::from_utf8_lossy(&head).into_owned();
                    let path = text.split_whitespace().nth(1).unwrap_or("").to_owned();
                    let below = path.strip_prefix(PREFIX).unwrap_or("\u{0}").to_owned();
                    seen.lock().unwrap().push(below.clone());
                    let (status, body) = routes
                        .iter()
                        .find(|(p, _, _)| *p == below)
                        .map(|(_, s, b)| (*s, b.clone()))
                        .unwrap_or((404, "not found".to_owned()));
                    let reply = format!(
                        "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = stream.write_all(reply.as_bytes()).await;
                });
            }
        });
        MetadataMock {
            endpoint,
            hits,
            task,
        }
    }

    /// The paths (below the endpoint) requested so far.
    pub fn hits(&self) -> Vec<String> {
        self.hits.lock().unwrap().clone()
    }
}

impl Drop for MetadataMock {
    fn drop(&mut self) {
        self.task.abort();
    }
}
