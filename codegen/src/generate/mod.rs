//! Spec -> Rust client crate.
//!
//! [`model`] resolves every Rust name and type once; `emit` holds the `quote!` templates,
//! one function per kind of item; [`render`] adds the generated-file header and formats with
//! prettyplease. [`output`] writes a crate's files to disk and finds stale ones.

mod docs;
mod emit;
mod examples;
pub mod features;
pub mod inline;
pub mod model;
pub mod names;
pub mod output;
pub mod render;

use crate::spec::Spec;
use model::CrateModel;

/// A file the generator writes, relative to the `generated/` directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to `generated/` (`tencentcloud-lighthouse/src/lib.rs`).
    pub path: String,
    /// The file's full contents.
    pub contents: String,
}

/// Generation failed (the spec holds something that cannot become Rust).
#[derive(Debug, thiserror::Error)]
#[error("{spec_path}: {message}")]
pub struct GenerateError {
    /// The spec file the problem is in.
    pub spec_path: String,
    /// What is wrong.
    pub message: String,
}

/// Turns one spec (read from `spec_path`, relative to the repo root) into a crate's files,
/// sorted by path.
pub fn generate_crate(spec: &Spec, spec_path: &str) -> Result<Vec<GeneratedFile>, GenerateError> {
    let model = CrateModel::build(spec, spec_path)?;
    let mut files = Files {
        model: &model,
        files: Vec::new(),
    };
    files.rust("src/lib.rs", emit::crate_files::lib_file(&model))?;
    files.rust("src/client.rs", emit::crate_files::client_file(&model))?;
    files.rust("src/error.rs", emit::errors::error_file(&model))?;
    let types = emit::crate_files::types_file(&model).map_err(|m| files.error(m))?;
    files.rust("src/types.rs", types)?;
    files.rust(
        "src/actions/mod.rs",
        emit::crate_files::actions_mod_file(&model),
    )?;
    for action in &model.actions {
        let tokens = emit::action::action_file(&model, action)
            .map_err(|m| files.error(format!("action {}: {m}", action.spec.name)))?;
        files.rust(&format!("src/actions/{}.rs", action.snake.bare), tokens)?;
    }
    files.rust("tests/examples.rs", emit::tests::examples_file(&model))?;
    files.rust("tests/behaviour.rs", emit::tests::behaviour_file(&model))?;
    if let Some(action) = model.example_action.and_then(|i| model.actions.get(i)) {
        let path = format!("examples/{}.rs", action.snake.bare);
        files.rust(&path, emit::crate_files::example_file(&model, action))?;
    } else if let Some(action) = model.actions.first() {
        let path = format!("examples/{}.rs", action.snake.bare);
        files.rust(&path, emit::crate_files::json_example_file(&model, action))?;
    }
    files.text(
        "Cargo.toml",
        render::hash_comment_file(spec_path, &emit::crate_files::cargo_toml(&model)),
    );
    files.text(
        "README.md",
        render::markdown_file(spec_path, &emit::crate_files::readme(&model)),
    );
    let mut out = files.files;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The files of one crate being collected.
struct Files<'a> {
    model: &'a CrateModel,
    files: Vec<GeneratedFile>,
}

impl Files<'_> {
    fn error(&self, message: String) -> GenerateError {
        GenerateError {
            spec_path: self.model.spec_path.clone(),
            message,
        }
    }

    fn rust(&mut self, path: &str, tokens: proc_macro2::TokenStream) -> Result<(), GenerateError> {
        let contents = render::rust_file(&self.model.spec_path, tokens)
            .map_err(|m| self.error(format!("{path}: {m}")))?;
        self.text(path, contents);
        Ok(())
    }

    fn text(&mut self, path: &str, contents: String) {
        self.files.push(GeneratedFile {
            path: format!("{}/{path}", self.model.crate_name),
            contents,
        });
    }
}
