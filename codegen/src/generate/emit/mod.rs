//! The templates: one function per kind of item, reading only the [`super::model`].

pub mod action;
pub mod builders;
pub mod crate_files;
pub mod debug_impls;
pub mod errors;
pub mod gate;
pub mod serde_impls;
pub mod structs;
pub mod tests;
