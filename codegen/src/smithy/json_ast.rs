//! Smithy JSON AST reader (in progress).
