//! apigen: generate Rust crates from Smithy models and OpenAPI documents.
//!
//! The pipeline: [`load`] reads Smithy IDL / JSON AST models and Swagger /
//! OpenAPI documents into one [`model::Model`], merging and validating them
//! with located [`diag::Diagnostic`]s.

pub mod case;
#[cfg(feature = "cli")]
pub mod cli;
pub mod conformance;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod fsutil;
pub mod generate;
pub mod inspect;
pub mod jmespath;
pub mod json;
pub mod load;
pub mod merge;
pub mod model;
pub mod names;
pub mod node;
pub mod openapi;
pub mod parallel;
pub mod pattern;
pub mod smithy;
pub mod source;
pub mod validate;

pub use generate::Config;
pub use load::{load, LoadOptions, Loaded};
