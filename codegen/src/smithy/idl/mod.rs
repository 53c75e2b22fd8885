//! Smithy IDL parser (IDL 2.0, and 1.0 files with the 1.0 grammar).
//!
//! [`lexer`] turns text into tokens (strings decoded by [`strings`]); the
//! grammar is split by topic over [`file`] (sections), [`shapes`], [`props`]
//! (service/resource/operation bodies), [`traits`] and [`values`], all on the
//! token cursor in [`parser`]. The result is the unresolved [`RawFile`]; name
//! resolution, mixins and `apply` are the assembler's job.

mod file;
mod lexer;
mod parser;
mod props;
mod shapes;
mod strings;
mod traits;
mod values;

#[cfg(test)]
mod tests;

use crate::diag::Diagnostics;
use crate::smithy::ast::RawFile;
use crate::source::FileId;

/// Parses one IDL file. Parsing stops at the first syntax error, which is
/// reported with its position; the file is then dropped (`None`), since a
/// half-read file would only add confusing follow-on errors (references to
/// shapes that were never reached). Problems that do not derail the grammar
/// (duplicate members or keys, unknown properties) are reported and parsing
/// goes on.
pub fn parse(file: FileId, text: &str, diags: &mut Diagnostics) -> Option<RawFile> {
    let tokens = lexer::tokenize(file, text);
    let mut parser = parser::Parser::new(file, tokens, diags);
    parser.parse_file().ok()
}
