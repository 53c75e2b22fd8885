//! Names: the namespace from the document title, Smithy identifiers from
//! whatever a document calls things, and collision handling. Collisions are
//! resolved by suffixing in allocation order (document order), so the same
//! document always yields the same names.

use crate::case;
use crate::diag::Diagnostics;
use crate::model::{is_identifier, is_namespace};
use crate::source::Span;
use std::collections::BTreeSet;

/// `Swagger Petstore - OpenAPI 3.0` → `swagger.petstore.openapi30`.
pub fn namespace_from_title(title: &str) -> String {
    let mut segments: Vec<String> = Vec::new();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_ascii_lowercase();
        // A segment may not start with a digit: glue it to the previous one.
        match segments.last_mut() {
            Some(prev) if word.starts_with(|c: char| c.is_ascii_digit()) => prev.push_str(&word),
            _ if word.starts_with(|c: char| c.is_ascii_digit()) => {
                segments.push(format!("api{word}"))
            }
            _ => segments.push(word),
        }
    }
    let ns = segments.join(".");
    if is_namespace(&ns) {
        ns
    } else {
        "openapi".to_string()
    }
}

/// A shape name: UpperCamelCase, a valid identifier.
pub fn type_ident(text: &str) -> String {
    let camel: String = case::upper_camel(text)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    fix_start(camel, "Shape", "N")
}

/// A member name: kept as written when it is an identifier, else
/// lowerCamelCase.
pub fn member_ident(text: &str) -> String {
    if is_identifier(text) {
        return text.to_string();
    }
    let camel: String = case::lower_camel(text)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    fix_start(camel, "member", "m")
}

/// An enum member name for a value: `in-stock` → `IN_STOCK`.
pub fn enum_member_ident(value: &str) -> String {
    let shouty: String = case::shouty_snake(value)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    fix_start(shouty, "EMPTY", "V")
}

fn fix_start(name: String, empty: &str, digit_prefix: &str) -> String {
    let name = name.trim_start_matches('_').to_string();
    if name.is_empty() {
        empty.to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{name}")
    } else {
        name
    }
}

/// Names taken in one scope (a namespace, or the members of one shape).
/// Names that differ only in case, or that become the same Rust name,
/// collide: Smithy ids are case-insensitive and the emitters convert names.
#[derive(Default)]
pub struct Names {
    used: BTreeSet<String>,
}

impl Names {
    fn fold(name: &str) -> String {
        crate::names::type_name(name).to_ascii_lowercase()
    }

    /// Takes `wanted`, or `wanted2`, `wanted3`… with a warning.
    pub fn allocate(
        &mut self,
        wanted: &str,
        span: Span,
        what: &str,
        diags: &mut Diagnostics,
    ) -> String {
        self.allocate_with(wanted, "", span, what, diags)
    }

    /// Like [`Self::allocate`] for members (`IN_STOCK_2` reads better).
    pub fn allocate_member(
        &mut self,
        wanted: &str,
        span: Span,
        what: &str,
        diags: &mut Diagnostics,
    ) -> String {
        self.allocate_with(wanted, "_", span, what, diags)
    }

    fn allocate_with(
        &mut self,
        wanted: &str,
        separator: &str,
        span: Span,
        what: &str,
        diags: &mut Diagnostics,
    ) -> String {
        if self.used.insert(Self::fold(wanted)) {
            return wanted.to_string();
        }
        let mut n = 2;
        loop {
            let candidate = format!("{wanted}{separator}{n}");
            if self.used.insert(Self::fold(&candidate)) {
                diags.warning(
                    "openapi-name-collision",
                    span,
                    format!("{what} would be named \"{wanted}\", which is taken; it is named \"{candidate}\""),
                );
                return candidate;
            }
            n += 1;
        }
    }
}
