//! Rust names for model names, shared by validation (which checks that they
//! do not collide) and the emitters (which use them).

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Struct, enum and type names: `UpperCamelCase`.
pub fn type_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// Struct fields and function names: `snake_case`.
pub fn field_name(name: &str) -> String {
    name.to_snake_case()
}

/// Enum and union variants: `UpperCamelCase`.
pub fn variant_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// Keywords reserved in Rust 2021 (strict and reserved).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

pub fn is_rust_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// A keyword as a usable identifier: raw where Rust allows it, suffixed where not.
pub fn escape_keyword(name: &str) -> String {
    match name {
        "self" | "Self" | "super" | "crate" => format!("{name}_"),
        _ if is_rust_keyword(name) => format!("r#{name}"),
        _ => name.to_string(),
    }
}
