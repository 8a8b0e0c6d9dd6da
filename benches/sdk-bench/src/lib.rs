//! Shared pieces of the benchmarks in `benches/`:
//!
//! - `describe_instances` (criterion): decoding the 100-instance body (ours, plain derive,
//!   `serde_json::Value`), a call through `MockTransport`, calls against `MockServer`.
//! - `side_by_side`: our client, a hand-rolled baseline and the official Node and Python SDKs
//!   against one neutral loopback mock, interleaved rounds, medians and ratios.
//! - `peak_memory`: peak heap while decoding a 50 MB response.
//!
//! Run: `cargo bench -p sdk-bench` (all), or `--bench NAME`.

pub mod baseline;
pub mod fixtures;
pub mod measure;
pub mod neutral_mock;
pub mod peers;
