//! Swagger 2.0 / OpenAPI 3.0 / 3.1 loaders.
//!
//! One pipeline for all three versions, each stage in its own module:
//! text → located [`Node`] tree ([`detect`], [`yaml`], `crate::json`) →
//! OpenAPI 3.0 tree ([`swagger2`] upgrades, [`v31`] downlevels) → typed
//! `openapiv3::OpenAPI` ([`typed`]) → semantic [`Model`] ([`lower`]).
//! The converters move nodes instead of rebuilding them and the lowering
//! looks spans up by JSON pointer, so every diagnostic and every shape points
//! into the file the user wrote.

mod detect;
pub(crate) mod lower;
mod swagger2;
mod tree;
mod typed;
mod v31;
mod yaml;

#[cfg(test)]
mod tests;

use crate::diag::Diagnostics;
use crate::model::{Model, ShapeId};
use crate::source::{FileId, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecVersion {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

/// A parameter as the document declares it, for merging into a Smithy model.
#[derive(Clone, Debug, PartialEq)]
pub struct DocParameter {
    pub name: String,
    /// `query`, `path`, `header`, `cookie`, `body` or `formData`.
    pub location: String,
    pub schema_type: Option<String>,
    pub span: Span,
}

/// An operation as the document declares it, for merging into a Smithy model.
#[derive(Clone, Debug, PartialEq)]
pub struct DocOperation {
    /// The shape name the operation got in [`LoadedDocument::model`].
    pub name: String,
    pub operation_id: Option<String>,
    pub method: String,
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub parameters: Vec<DocParameter>,
    /// Where the operation object's key (`get:`) is written.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct LoadedDocument {
    pub file: FileId,
    pub version: SpecVersion,
    pub title: String,
    pub model: Model,
    pub service: ShapeId,
    pub operations: Vec<DocOperation>,
}

/// Loads one Swagger 2.0 / OpenAPI 3.x document (YAML or JSON). Returns None when it cannot be used; every problem is in diags, located.
pub fn load(file: FileId, text: &str, diags: &mut Diagnostics) -> Option<LoadedDocument> {
    load_with_namespace(file, text, None, diags)
}

/// [`load`], with the shapes put in `namespace` instead of one derived from
/// the document's title.
pub fn load_with_namespace(
    file: FileId,
    text: &str,
    namespace: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<LoadedDocument> {
    let root = detect::parse_text(file, text, diags)?;
    let version = detect::spec_version(&root, diags)?;
    let tree = match version {
        SpecVersion::Swagger2 => swagger2::upgrade(root, diags),
        SpecVersion::OpenApi30 => root,
        SpecVersion::OpenApi31 => v31::downlevel(root, diags),
    };
    let api = typed::deserialize(&tree, diags)?;
    let lowered = lower::lower(&api, &tree, namespace, diags);
    Some(LoadedDocument {
        file,
        version,
        title: api.info.title.clone(),
        model: lowered.model,
        service: lowered.service,
        operations: lowered.operations,
    })
}

/// The document as an OpenAPI 3.0 tree (Swagger 2.0 upgraded, 3.1
/// downleveled), its nodes still located in the file, for `apigen diff`'s
/// rules on what the model does not keep (media types, parameter styles,
/// security schemes). `None` when the text is no OpenAPI document.
pub fn document_tree(file: FileId, text: &str) -> Option<crate::node::Node> {
    let mut diags = Diagnostics::new();
    let root = detect::parse_text(file, text, &mut diags)?;
    let version = detect::spec_version(&root, &mut diags)?;
    Some(match version {
        SpecVersion::Swagger2 => swagger2::upgrade(root, &mut diags),
        SpecVersion::OpenApi30 => root,
        SpecVersion::OpenApi31 => v31::downlevel(root, &mut diags),
    })
}
