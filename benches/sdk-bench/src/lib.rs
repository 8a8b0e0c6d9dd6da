//! Benchmarks of the generated clients live in `benches/`; this library is empty.
//!
//! Run: `cargo bench -p sdk-bench`.
