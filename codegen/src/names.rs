//! Rust names for model names, shared by validation (which checks that they
//! do not collide) and the emitters (which use them).

use crate::case;

/// Struct, enum and type names: `UpperCamelCase`.
pub fn type_name(name: &str) -> String {
    case::upper_camel(name)
}

/// Struct fields and function names: `snake_case`.
pub fn field_name(name: &str) -> String {
    case::snake(name)
}

/// Enum and union variants: `UpperCamelCase`.
pub fn variant_name(name: &str) -> String {
    case::upper_camel(name)
}

/// Methods of generated structures, builders and fluent builders that a
/// member's field, getter or setter would collide with; such members get a
/// `_value` suffix (smithy-rs's rule, so ported code keeps its names).
const RESERVED_MEMBER_NAMES: &[&str] = &[
    "build",
    "builder",
    "send",
    "customize",
    "config",
    "config_override",
    "as_input",
];

/// The field (and getter and setter) name of a structure member.
pub fn member_field_name(name: &str) -> String {
    let field = field_name(name);
    if RESERVED_MEMBER_NAMES.contains(&field.as_str()) {
        format!("{field}_value")
    } else {
        field
    }
}

/// Variants every generated enum and union has; a member that would take
/// the name gets a `Value` suffix (`UNKNOWN` becomes `UnknownValue`).
const RESERVED_VARIANT_NAMES: &[&str] = &["Unknown", "Self"];

/// The variant name of an enum or union member.
pub fn member_variant_name(name: &str) -> String {
    let variant = variant_name(name);
    if RESERVED_VARIANT_NAMES.contains(&variant.as_str()) {
        format!("{variant}Value")
    } else {
        variant
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_named_like_generated_methods_get_a_suffix() {
        for (model, rust) in [
            ("build", "build_value"),
            ("Build", "build_value"),
            ("builder", "builder_value"),
            ("send", "send_value"),
            ("customize", "customize_value"),
            ("config", "config_value"),
            ("configOverride", "config_override_value"),
            ("asInput", "as_input_value"),
            ("buildId", "build_id"),
            ("name", "name"),
        ] {
            assert_eq!(member_field_name(model), rust, "{model}");
        }
    }

    #[test]
    fn members_named_like_generated_variants_get_a_suffix() {
        for (model, rust) in [
            ("UNKNOWN", "UnknownValue"),
            ("Unknown", "UnknownValue"),
            ("unknown", "UnknownValue"),
            ("SELF", "SelfValue"),
            ("UNKNOWN_ERROR", "UnknownError"),
            ("ACTIVE", "Active"),
        ] {
            assert_eq!(member_variant_name(model), rust, "{model}");
        }
    }
}
