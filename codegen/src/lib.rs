//! `tcgen`: reads the Tencent Cloud API 3.0 documentation (PDF exports, site pages as text or
//! HTML) into a JSON spec, and turns that spec into typed async Rust client crates.
//!
//! The pipeline: a front-end per source format reads a file into a stream of [`blocks::Block`]s;
//! one extractor turns blocks into a [`spec::Spec`]; the generator turns the spec into Rust.

pub mod blocks;
pub mod diagnostics;
pub mod diff;
pub mod generate;
pub mod parse;
pub mod spec;
pub mod summary;
