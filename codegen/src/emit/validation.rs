//! `validate()` methods from constraint traits: `@required`, `@length`,
//! `@range`, `@pattern` and enum membership, recursing into nested values.
//! Clients may run them before sending; servers run them on every request.

use super::plan::CratePlan;
use super::rust_types::field_ident;
use crate::model::{traits, ShapeId, ShapeKind, Traits};
use proc_macro2::{Literal, TokenStream};

/// Nesting depth beyond which generated checks stop descending (the model
/// validator already reported recursion; values are checked by calling the
/// nested type's own `validate_at`).
const MAX_INLINE_DEPTH: usize = 4;

pub fn validate_impl(
    plan: &CratePlan,
    shape: &crate::model::Shape,
    name: &proc_macro2::Ident,
) -> TokenStream {
    let mut patterns = Vec::new();
    let mut body = Text::default();
    for m in &shape.members {
        let f = field_ident(m).to_string();
        let wire = Literal::string(&m.name).to_string();
        let optional = super::rust_types::field_type(plan, &shape.id, m).optional;
        let required = traits::is_required(&m.traits);
        let boxed = plan.is_boxed(&shape.id, &m.name);
        // The checks sit one level deeper than the statement around them.
        let value_checks = |patterns: &mut Vec<String>, indent: usize| {
            let mut t = Text::default();
            if boxed {
                t.line(indent, "let value = &**value;");
            }
            let checks = checks(
                plan,
                "value",
                &m.target,
                Some(&m.traits),
                patterns,
                0,
                indent,
            );
            (!checks.is_empty()).then(|| {
                t.append(checks);
                t
            })
        };
        // The checks sit inside a `match` arm for a required optional
        // member, else directly in the block around them.
        let checks_indent = if optional && required { 16 } else { 12 };
        let checks = value_checks(&mut patterns, checks_indent);
        let mut stmt = Text::default();
        match (optional, required, checks) {
            (_, false, None) | (false, true, None) => continue,
            (true, false, Some(checks)) => {
                stmt.self_place(8, "if let Some(value) = &", &f, &[], " {");
                stmt.append(checks);
                stmt.line(8, "}");
            }
            (true, true, None) => {
                stmt.self_place(8, "if ", &f, &["is_none()"], " {");
                stmt.line(12, "v.missing();");
                stmt.line(8, "}");
            }
            (true, true, Some(checks)) => {
                stmt.self_place(8, "match &", &f, &[], " {");
                stmt.line(12, "Some(value) => {");
                stmt.append(checks);
                stmt.line(12, "}");
                stmt.line(12, "None => v.missing(),");
                stmt.line(8, "}");
            }
            (false, _, Some(checks)) => {
                stmt.line(8, "{");
                stmt.self_place(12, "let value = &", &f, &[], ";");
                stmt.append(checks);
                stmt.line(8, "}");
            }
        }
        body.line(8, &format!("v.enter({wire});"));
        body.append(stmt);
        body.line(8, "v.leave();");
    }
    validate_impls(
        plan,
        name,
        "Checks the model's constraints (required members, lengths, ranges, patterns, enum values) on this value and everything in it.",
        &patterns,
        body,
    )
}

/// Text lines at absolute columns: the file's items start at column 0.
#[derive(Default)]
struct Text(String);

impl Text {
    fn line(&mut self, indent: usize, line: &str) {
        self.0.extend(std::iter::repeat_n(' ', indent));
        self.0.push_str(line);
        self.0.push('\n');
    }

    /// `f(args);` at `indent`, broken one argument per line as prettyplease
    /// breaks it when it does not fit.
    fn call(&mut self, indent: usize, f: &str, args: &[String]) {
        let mut call = String::new();
        super::setters::call_statement(&mut call, indent, f, args);
        for line in call.lines() {
            self.line(indent, line);
        }
    }

    /// `{prefix}self.{field}.{calls}{end}` at `indent`, where `end` is
    /// `;` or ` {` (a block's opening brace): on one line when it fits;
    /// else a brace goes on a line of its own; else the chain breaks before
    /// the field and each call, as prettyplease breaks it.
    fn self_place(&mut self, indent: usize, prefix: &str, field: &str, calls: &[&str], end: &str) {
        let mut place = format!("{prefix}self.{field}");
        for c in calls {
            place.push('.');
            place.push_str(c);
        }
        let width = super::setters::WIDTH;
        let brace = end == " {";
        if indent + place.len() + end.len() <= width {
            self.line(indent, &format!("{place}{end}"));
        } else if brace && indent + place.len() <= width {
            self.line(indent, &place);
            self.line(indent, "{");
        } else {
            self.line(indent, &format!("{prefix}self"));
            let parts: Vec<&str> = std::iter::once(field)
                .chain(calls.iter().copied())
                .collect();
            for (i, part) in parts.iter().enumerate() {
                let last = i + 1 == parts.len();
                let end = if last && !brace { end } else { "" };
                self.line(indent + 4, &format!(".{part}{end}"));
            }
            if brace {
                self.line(indent, "{");
            }
        }
    }

    /// Checks on `item`, which a sparse list or map holds as an `Option`.
    fn item_checks(&mut self, indent: usize, sparse: bool, checks: Text) {
        if sparse {
            self.line(indent, "if let Some(item) = item {");
            self.append(checks);
            self.line(indent, "}");
        } else {
            self.append(checks);
        }
    }

    fn append(&mut self, other: Text) {
        self.0.push_str(&other.0);
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The `validate()` method and the `Validate` impl around a body of checks
/// on `self` that records into `v`, with the `@pattern` statics it uses.
/// Written as text (see [`super::setters`]): a sixth of a large crate's
/// lines, and a third of the time spent formatting tokens.
fn validate_impls(
    plan: &CratePlan,
    name: &proc_macro2::Ident,
    doc: &str,
    patterns: &[String],
    body: Text,
) -> TokenStream {
    super::setters::import("validation");
    let result = if plan.shadowed.contains(&"Result") {
        "::std::result::Result"
    } else {
        "Result"
    };
    let mut out = Text::default();
    out.line(0, &format!("impl {name} {{"));
    if let Some(marker) = super::docs::doc_marker(Some(doc), "") {
        out.line(4, &format!("///{marker}"));
    }
    out.line(4, "#[inline]");
    out.line(
        4,
        &format!("pub fn validate(&self) -> {result}<(), validation::ValidationError> {{"),
    );
    out.line(8, "let mut v = validation::Violations::default();");
    out.line(8, "validation::Validate::validate_at(self, &mut v);");
    out.line(8, "v.into_result()");
    out.line(4, "}");
    out.line(0, "}");
    super::setters::impl_header(&mut out.0, "validation::Validate", &name.to_string());
    out.line(4, "#[inline]");
    if body.is_empty() && patterns.is_empty() {
        out.line(
            4,
            "fn validate_at(&self, _v: &mut validation::Violations) {}",
        );
    } else {
        out.line(4, "fn validate_at(&self, v: &mut validation::Violations) {");
        for (i, p) in patterns.iter().enumerate() {
            out.call(
                8,
                &format!("static PATTERN_{i}: validation::Pattern = validation::Pattern::new"),
                &[Literal::string(p).to_string()],
            );
        }
        out.append(body);
        out.line(4, "}");
    }
    out.line(0, "}");
    super::setters::placeholder(out.0)
}

/// `validate()` for a union: the set member's constraints.
pub fn validate_union_impl(
    plan: &CratePlan,
    shape: &crate::model::Shape,
    name: &proc_macro2::Ident,
) -> TokenStream {
    let mut patterns = Vec::new();
    let mut body = Text::default();
    body.line(8, "match self {");
    for m in &shape.members {
        let variant = crate::names::member_variant_name(&m.name);
        let wire = Literal::string(&m.name).to_string();
        let value_checks = checks(
            plan,
            "value",
            &m.target,
            Some(&m.traits),
            &mut patterns,
            0,
            16,
        );
        if value_checks.is_empty() {
            body.line(12, &format!("Self::{variant}(_) => {{}}"));
            continue;
        }
        body.line(12, &format!("Self::{variant}(value) => {{"));
        if plan.is_boxed(&shape.id, &m.name) {
            body.line(16, "let value = &**value;");
        }
        body.line(16, &format!("v.enter({wire});"));
        body.append(value_checks);
        body.line(16, "v.leave();");
        body.line(12, "}");
    }
    // A member this version of the model does not know (a server's input
    // from a newer client) is a violation, not a silent success.
    body.line(12, "Self::Unknown => v.unknown_member(),");
    body.line(8, "}");
    validate_impls(
        plan,
        name,
        "Checks the model's constraints on the member that is set.",
        &patterns,
        body,
    )
}

/// Checks at column `indent` on `value` (an expression of type `&T`) for a
/// value of shape `target`, with the member's own constraint traits taking
/// precedence.
fn checks(
    plan: &CratePlan,
    value: &str,
    target: &ShapeId,
    member_traits: Option<&Traits>,
    patterns: &mut Vec<String>,
    depth: usize,
    indent: usize,
) -> Text {
    let mut out = Text::default();
    let Some(shape) = plan.shape(target) else {
        return out;
    };
    let trait_of = |id: &ShapeId| {
        member_traits
            .and_then(|t| t.get(id))
            .or_else(|| shape.traits.get(id))
    };
    // A sensitive value is never quoted in a violation message.
    let sensitive = trait_of(&traits::sensitive()).is_some();
    let opt_int = |v: Option<i64>| match v {
        Some(n) => format!("Some({})", Literal::u64_unsuffixed(n.max(0) as u64)),
        None => "None".to_string(),
    };
    if let Some(node) = trait_of(&traits::length()) {
        let min = opt_int(node.get("min").and_then(|n| n.as_i64()));
        let max = opt_int(node.get("max").and_then(|n| n.as_i64()));
        let len = match shape.kind {
            ShapeKind::String => Some(format!("{value}.chars().count()")),
            ShapeKind::List | ShapeKind::Map => Some(format!("{value}.len()")),
            ShapeKind::Blob => Some(format!("{value}.as_ref().len()")),
            _ => None,
        };
        if let Some(len) = len {
            out.call(indent, "v.length", &[len, min, max]);
        }
    }
    if let Some(node) = trait_of(&traits::range()) {
        let bound = |key: &str| match node.get(key).and_then(|n| n.as_number()) {
            Some(n) => format!("Some({})", Literal::f64_unsuffixed(n.as_f64())),
            None => "None".to_string(),
        };
        if shape.kind.is_number()
            && !matches!(shape.kind, ShapeKind::BigInteger | ShapeKind::BigDecimal)
        {
            // Widened without a cast where the conversion is lossless (clippy
            // flags an `f64 as f64`).
            let wide = match shape.kind {
                ShapeKind::Double => format!("*{value}"),
                ShapeKind::Long => format!("*{value} as f64"),
                _ => format!("f64::from(*{value})"),
            };
            out.call(indent, "v.range", &[wide, bound("min"), bound("max")]);
        }
    }
    if let Some(p) = trait_of(&traits::pattern()).and_then(|n| n.as_str()) {
        if shape.kind == ShapeKind::String {
            // The engine's form of the pattern; one that has none was an
            // error at load, so generation never reaches it.
            let ecma = crate::pattern::to_ecma(p).map_or_else(|_| p.to_string(), |e| e.source);
            let p = ecma.as_str();
            let idx = patterns.iter().position(|x| x == p).unwrap_or_else(|| {
                patterns.push(p.to_string());
                patterns.len() - 1
            });
            let f = if sensitive {
                "v.pattern_redacted"
            } else {
                "v.pattern"
            };
            out.call(indent, f, &[value.to_string(), format!("&PATTERN_{idx}")]);
        }
    }
    match shape.kind {
        ShapeKind::Enum => {
            let path = super::setters::type_text(
                super::rust_types::type_path(plan, target),
                &plan.shadowed,
            );
            let f = if sensitive {
                "v.enum_value_redacted"
            } else {
                "v.enum_value"
            };
            out.call(
                indent,
                f,
                &[format!("{value}.as_str()"), format!("{path}::values()")],
            );
        }
        ShapeKind::Structure | ShapeKind::Union if plan.types.contains_key(target) => {
            out.call(
                indent,
                "validation::Validate::validate_at",
                &[value.to_string(), "v".to_string()],
            );
        }
        ShapeKind::List if depth < MAX_INLINE_DEPTH => {
            if let Some(m) = shape.member("member") {
                let sparse = shape.has_trait(&traits::sparse());
                let inner_indent = indent + 4 + if sparse { 4 } else { 0 };
                let inner = checks(
                    plan,
                    "item",
                    &m.target,
                    Some(&m.traits),
                    patterns,
                    depth + 1,
                    inner_indent,
                );
                if !inner.is_empty() {
                    out.line(
                        indent,
                        &format!("for (i, item) in {value}.iter().enumerate() {{"),
                    );
                    out.line(indent + 4, "v.enter_index(i);");
                    out.item_checks(indent + 4, sparse, inner);
                    out.line(indent + 4, "v.leave();");
                    out.line(indent, "}");
                }
            }
        }
        ShapeKind::Map if depth < MAX_INLINE_DEPTH => {
            let sparse = shape.has_trait(&traits::sparse());
            let key_checks = shape
                .member("key")
                .map(|k| {
                    checks(
                        plan,
                        "key",
                        &k.target,
                        Some(&k.traits),
                        patterns,
                        depth + 1,
                        indent + 4,
                    )
                })
                .unwrap_or_default();
            let value_checks = shape
                .member("value")
                .map(|m| {
                    checks(
                        plan,
                        "item",
                        &m.target,
                        Some(&m.traits),
                        patterns,
                        depth + 1,
                        indent + 4 + if sparse { 4 } else { 0 },
                    )
                })
                .unwrap_or_default();
            if !key_checks.is_empty() || !value_checks.is_empty() {
                let vec = if plan.shadowed.contains(&"Vec") {
                    "::std::vec::Vec"
                } else {
                    "Vec"
                };
                out.line(
                    indent,
                    &format!("let mut keys: {vec}<_> = {value}.keys().collect();"),
                );
                out.line(indent, "keys.sort();");
                out.line(indent, "for key in keys {");
                // The value is looked up only when something checks it.
                if !value_checks.is_empty() {
                    out.line(indent + 4, &format!("let item = &{value}[key];"));
                }
                out.line(
                    indent + 4,
                    "v.enter_key(::std::convert::AsRef::<str>::as_ref(key));",
                );
                out.append(key_checks);
                out.item_checks(indent + 4, sparse && !value_checks.is_empty(), value_checks);
                out.line(indent + 4, "v.leave();");
                out.line(indent, "}");
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// prettyplease, given the text, prints it unchanged.
    fn assert_formatted(text: &str, what: &str) {
        let file: syn::File = syn::parse_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(prettyplease::unparse(&file), text, "{what}");
    }

    /// The statements that name a member lay out as prettyplease lays them
    /// out, for member names up to 90 characters.
    #[test]
    fn member_places_break_as_prettyplease_breaks_them() {
        for len in 10..90 {
            let f = "f".repeat(len);
            let mut t = Text::default();
            t.line(0, "impl X {");
            t.line(4, "fn validate_at(&self, v: &mut V) {");
            t.self_place(8, "if let Some(value) = &", &f, &[], " {");
            t.line(12, "v.check(value);");
            t.line(8, "}");
            t.self_place(8, "if ", &f, &["is_none()"], " {");
            t.line(12, "v.missing();");
            t.line(8, "}");
            t.self_place(8, "match &", &f, &[], " {");
            t.line(12, "Some(value) => v.check(value),");
            t.line(12, "None => v.missing(),");
            t.line(8, "}");
            t.line(8, "{");
            t.self_place(12, "let value = &", &f, &[], ";");
            t.line(12, "v.check(value);");
            t.line(8, "}");
            t.line(4, "}");
            t.line(0, "}");
            assert_formatted(&t.0, &format!("length {len}"));
        }
    }
}
