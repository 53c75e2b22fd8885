//! The built-in prelude and AWS trait libraries (in progress).

/// Namespaces apigen ships definitions for.
pub fn is_builtin_namespace(ns: &str) -> bool {
    ns == "smithy.api" || ns == "apigen.api" || ns.starts_with("aws.")
}
