//! Smithy input: the IDL 2.0 parser, the JSON AST reader, the built-in prelude
//! and trait libraries, and the assembler that resolves them into a model.

pub mod assemble;
pub mod ast;
pub mod builtin;
pub mod idl;
pub mod json_ast;
pub mod to_json;
