//! Static facts about services and actions, emitted by the generator as `static`s.

/// Static facts about one service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceMeta {
    /// Signing service name, e.g. `lighthouse`.
    pub service: &'static str,
    /// API version, e.g. `2020-03-24`.
    pub version: &'static str,
    /// Default endpoint host, e.g. `lighthouse.tencentcloudapi.com`.
    pub endpoint: &'static str,
    /// `(region, host)` pairs, sorted by region id.
    pub regional_endpoints: &'static [(&'static str, &'static str)],
    /// Crate name sent in `X-TC-RequestClient`, e.g. `tencentcloud-lighthouse`.
    pub crate_name: &'static str,
    /// Crate version sent in `X-TC-RequestClient`.
    pub crate_version: &'static str,
}

impl ServiceMeta {
    /// The endpoint host the service lists for `region`, if any.
    pub fn regional_endpoint(&self, region: &str) -> Option<&'static str> {
        self.regional_endpoints
            .iter()
            .find(|(r, _)| *r == region)
            .map(|(_, host)| *host)
    }
}

/// Static facts about one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationMeta {
    /// Action name, e.g. `CreateInstances`.
    pub action: &'static str,
    /// Whether retrying is safe: a read-only action, or one that carries a ClientToken.
    pub retry_safe: bool,
    /// Whether `X-TC-Region` is required, optional or not sent.
    pub region: RegionRequirement,
}

/// Whether an action takes the `Region` common parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionRequirement {
    /// A region must be configured; calling without one is refused before sending.
    Required,
    /// Sent when configured.
    Optional,
    /// Never sent.
    None,
}
