//! The root README's Rust code blocks, compiled (and, where not `no_run`, run) as doc tests, so
//! the usage section cannot drift from the generated API. `cargo test -p readme`.
#![doc = include_str!("../../../README.md")]
