//! apigen: generate Rust crates from Smithy models and OpenAPI documents.

pub mod diag;
pub mod json;
pub mod model;
pub mod names;
pub mod node;
pub mod openapi;
pub mod smithy;
pub mod source;
pub mod validate;
