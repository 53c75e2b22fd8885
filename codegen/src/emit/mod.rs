//! Emitters: from the semantic model to the files of a Rust crate.
//!
//! [`plan::CratePlan`] decides what exists (which shapes become which Rust
//! items, under which names); the item emitters (`types`, `errors`,
//! `operations`, `client`, `crate_root`) turn that plan into token streams
//! with `quote!`; [`format`] renders them with `prettyplease`. The wire
//! format is the business of one module per protocol under `protocol/`.

mod client;
mod crate_root;
pub mod docs;
mod errors;
mod format;
mod operations;
pub mod plan;
pub mod protocol;
mod rust_types;
mod types;
mod validation;

use crate::diag::Diagnostics;
use crate::model::{Model, ShapeId};
pub use plan::{CratePlan, Features};

/// One file of the generated crate, relative to its source root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct EmitOptions {
    /// The service to generate; `None` picks the model's only user service.
    pub service: Option<ShapeId>,
    pub features: Features,
    /// Keep only these operations (by name) and the shapes they reach.
    pub operations: Option<Vec<String>>,
    /// Path of the crate's root module inside the crate, e.g. `generated` or `src`,
    /// used in doc examples only.
    pub crate_name: String,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            service: None,
            features: Features::default(),
            operations: None,
            crate_name: "generated".into(),
        }
    }
}

/// Generates the Rust source files for one service. Problems that stop
/// generation (no service, an unsupported protocol) are diagnostics.
pub fn emit(
    model: &Model,
    options: &EmitOptions,
    diags: &mut Diagnostics,
) -> Option<Vec<GeneratedFile>> {
    let plan = CratePlan::new(model, options, diags)?;
    let mut files = Vec::new();
    let mut push = |path: String, tokens: proc_macro2::TokenStream| {
        files.push(GeneratedFile {
            path,
            contents: format::render(tokens),
        });
    };
    for (path, tokens) in types::emit(&plan) {
        push(path, tokens);
    }
    for (path, tokens) in errors::emit(&plan) {
        push(path, tokens);
    }
    if plan.features.client {
        for (path, tokens) in operations::emit(&plan) {
            push(path, tokens);
        }
        push("client.rs".into(), client::emit(&plan));
    }
    push("lib.rs".into(), crate_root::emit(&plan));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Some(files)
}
