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
