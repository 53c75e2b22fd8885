//! String enums: the enum with its `Unknown` variant, the conversions from
//! and to text and the JSON codec.
//!
//! Written as formatted text, like the setters (see [`super::setters`]):
//! every enum is the same items around its variants, and Stripe's document
//! alone has 645 of them, a sixth of its crate's lines. The text follows
//! prettyplease's layout; the tests check that prettyplease leaves it as it
//! is.

use super::docs;
use super::plan::{CratePlan, TypePlan};
use super::setters::{self, WIDTH};
use crate::model::{traits, Shape};
use crate::validate::enum_value;
use proc_macro2::TokenStream;
use std::fmt::Write as _;

/// An enum as the text writer needs it.
struct EnumText {
    name: String,
    /// Doc placeholder of the enum (see [`docs::doc_marker`]).
    docs: String,
    variants: Vec<Variant>,
    /// `From` and `Result`, or their full paths where a generated type
    /// shadows them.
    from: &'static str,
    result: &'static str,
    /// The attribute line before each codec impl (empty when it is always
    /// compiled), or `None` when the crate has no use for it.
    encode: Option<&'static str>,
    decode: Option<&'static str>,
}

struct Variant {
    ident: String,
    /// The wire value as a Rust string literal.
    literal: String,
    docs: String,
    deprecated: bool,
}

pub fn enumeration(plan: &CratePlan, shape: &Shape, t: &TypePlan) -> TokenStream {
    let shadowed = |name: &str| plan.shadowed.contains(&name);
    let variants = shape
        .members
        .iter()
        .map(|m| Variant {
            ident: crate::names::member_variant_name(&m.name),
            literal: proc_macro2::Literal::string(&enum_value(m)).to_string(),
            docs: docs::doc_marker(
                traits::docs(&m.traits),
                &format!("The `{}` member.", m.name),
            )
            .unwrap_or_default(),
            deprecated: m.traits.contains_key(&traits::deprecated()),
        })
        .collect();
    let e = EnumText {
        name: t.rust_name.clone(),
        docs: docs::doc_marker(
            traits::docs(&shape.traits),
            &format!("The `{}` {}.", shape.id.name, shape.kind.name()),
        )
        .unwrap_or_default(),
        variants,
        from: if shadowed("From") {
            "::std::convert::From"
        } else {
            "From"
        },
        result: if shadowed("Result") {
            "::std::result::Result"
        } else {
            "Result"
        },
        encode: plan.encode_gate(&shape.id),
        decode: plan.decode_gate(&shape.id),
    };
    if e.encode.is_some() || e.decode.is_some() {
        setters::import("wire");
    }
    setters::placeholder(text(&e))
}

fn text(e: &EnumText) -> String {
    let name = &e.name;
    let mut out = String::with_capacity(1024 + 160 * e.variants.len());
    let _ = writeln!(out, "///{}", e.docs);
    out.push_str(
        "#[non_exhaustive]\n#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n",
    );
    let _ = writeln!(out, "pub enum {name} {{");
    for v in &e.variants {
        let _ = writeln!(out, "    ///{}", v.docs);
        if v.deprecated {
            out.push_str("    #[deprecated]\n");
        }
        let _ = writeln!(out, "    {},", v.ident);
    }
    out.push_str(
        "    /// A value this version of the crate does not know; it round-trips unchanged.\n",
    );
    out.push_str("    Unknown(::apigen_runtime::UnknownVariantValue),\n}\n");

    // Matching on its own deprecated variants is not a use worth a warning.
    let allow = if e.variants.iter().any(|v| v.deprecated) {
        "// An enum naming its own deprecated variants is not a use of them.\n#[allow(deprecated)]\n"
    } else {
        ""
    };
    out.push_str(allow);
    let _ = writeln!(out, "impl {name} {{");
    out.push_str("    /// The value as sent on the wire.\n    #[inline]\n");
    out.push_str("    pub fn as_str(&self) -> &str {\n        match self {\n");
    for v in &e.variants {
        arm(&mut out, &format!("Self::{}", v.ident), &v.literal);
    }
    out.push_str("            Self::Unknown(v) => v.as_str(),\n        }\n    }\n");
    out.push_str("    /// Every value this version of the crate knows.\n    #[inline]\n");
    out.push_str("    pub const fn values() -> &'static [&'static str] {\n");
    values(&mut out, &e.variants);
    out.push_str("    }\n}\n");

    out.push_str(allow);
    let _ = writeln!(out, "impl {name} {{");
    out.push_str("    #[inline]\n    fn from_wire(s: &str) -> Self {\n        match s {\n");
    for v in &e.variants {
        arm(&mut out, &v.literal, &format!("Self::{}", v.ident));
    }
    out.push_str(
        "            other => Self::Unknown(::apigen_runtime::UnknownVariantValue::new(other)),\n        }\n    }\n}\n",
    );

    setters::impl_header(&mut out, &format!("{}<&str>", e.from), name);
    out.push_str(
        "    #[inline]\n    fn from(s: &str) -> Self {\n        Self::from_wire(s)\n    }\n}\n",
    );
    setters::impl_header(&mut out, "::std::str::FromStr", name);
    out.push_str("    type Err = ::std::convert::Infallible;\n    #[inline]\n");
    let _ = writeln!(
        out,
        "    fn from_str(s: &str) -> {}<Self, Self::Err> {{\n        Ok(Self::from(s))\n    }}\n}}",
        e.result
    );
    setters::impl_header(&mut out, "::std::convert::AsRef<str>", name);
    out.push_str(
        "    #[inline]\n    fn as_ref(&self) -> &str {\n        self.as_str()\n    }\n}\n",
    );
    setters::impl_header(&mut out, "::std::fmt::Display", name);
    out.push_str("    #[inline]\n    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {\n        f.write_str(self.as_str())\n    }\n}\n");
    if let Some(gate) = e.encode {
        out.push_str(gate);
        setters::impl_header(&mut out, "wire::Encode", name);
        out.push_str("    #[inline]\n    fn encode(&self, w: &mut wire::Writer) {\n        w.string(self.as_str())\n    }\n}\n");
    }
    if let Some(gate) = e.decode {
        out.push_str(gate);
        setters::impl_header(&mut out, "wire::Decode", name);
        out.push_str("    #[inline]\n");
        let ret = format!("{}<Self, wire::DecodeError>", e.result);
        let one_line = format!("    fn decode(r: &mut wire::Reader<'_>) -> {ret} {{");
        if one_line.len() <= WIDTH {
            let _ = writeln!(out, "{one_line}");
        } else {
            let _ = writeln!(
                out,
                "    fn decode(\n        r: &mut wire::Reader<'_>,\n    ) -> {ret} {{"
            );
        }
        out.push_str("        r.str().map(|s| Self::from_wire(&s))\n    }\n}\n");
    }
    out
}

/// A match arm at column 12; one that does not fit (its comma may stand in
/// the margin) becomes a block.
fn arm(out: &mut String, pattern: &str, value: &str) {
    if 12 + pattern.len() + value.len() + 4 <= WIDTH {
        let _ = writeln!(out, "            {pattern} => {value},");
    } else {
        let _ = writeln!(
            out,
            "            {pattern} => {{\n                {value}\n            }}"
        );
    }
}

/// `&["a", "b"]` at column 8, one value per line when it does not fit.
fn values(out: &mut String, variants: &[Variant]) {
    let joined: Vec<&str> = variants.iter().map(|v| v.literal.as_str()).collect();
    let joined = joined.join(", ");
    if 8 + joined.len() + 3 <= WIDTH {
        let _ = writeln!(out, "        &[{joined}]");
    } else {
        out.push_str("        &[\n");
        for v in variants {
            let _ = writeln!(out, "            {},", v.literal);
        }
        out.push_str("        ]\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variant(ident: &str, value: &str, deprecated: bool) -> Variant {
        Variant {
            ident: ident.into(),
            literal: proc_macro2::Literal::string(value).to_string(),
            docs: "@1".into(),
            deprecated,
        }
    }

    fn enum_text(name: &str, variants: Vec<Variant>, gated: bool) -> String {
        // A model type named `Result` or `From` makes the text spell std's
        // full paths: every third length.
        let shadowed = name.len() % 3 == 1;
        text(&EnumText {
            name: name.into(),
            docs: "@0".into(),
            variants,
            from: if shadowed {
                "::std::convert::From"
            } else {
                "From"
            },
            result: if shadowed {
                "::std::result::Result"
            } else {
                "Result"
            },
            encode: Some(""),
            decode: Some(if gated {
                "#[cfg(feature = \"server\")]\n"
            } else {
                ""
            }),
        })
    }

    /// prettyplease, given the text, prints it unchanged (but for the
    /// plain comments, which it does not see).
    fn assert_formatted(text: &str, what: &str) {
        let file: syn::File = syn::parse_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
        let uncommented: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("// "))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(prettyplease::unparse(&file), uncommented, "{what}");
    }

    #[test]
    fn enums_lay_out_as_prettyplease_does_around_the_margin() {
        for len in 1..120 {
            let name = format!("E{}", "n".repeat(len));
            let long = "v".repeat(len);
            let variants = vec![
                variant("A", "a", false),
                variant(&format!("V{}", "x".repeat(len)), &long, len % 2 == 0),
                // Odd and even arm lengths alike.
                variant(
                    &format!("W{}", "y".repeat(len)),
                    &"u".repeat(len + 1),
                    false,
                ),
                variant("Quoted", "say \"hi\"\\", false),
            ];
            let text = enum_text(&name, variants, len % 3 == 0);
            assert_formatted(&text, &format!("length {len}"));
        }
    }

    #[test]
    fn values_break_one_per_line_exactly_when_they_do_not_fit() {
        for count in 1..12 {
            for len in [3, 7, 12] {
                let variants = (0..count)
                    .map(|i| variant(&format!("V{i}"), &format!("{i}{}", "w".repeat(len)), false))
                    .collect();
                let text = enum_text("E", variants, false);
                assert_formatted(&text, &format!("{count} values of {len}"));
            }
        }
    }

    #[test]
    fn deprecated_variants_are_marked_and_their_use_allowed() {
        let text = enum_text("E", vec![variant("Old", "old", true)], false);
        assert!(text.contains("    #[deprecated]\n    Old,\n"), "{text}");
        assert_eq!(
            text.matches("#[allow(deprecated)]\nimpl E {").count(),
            2,
            "{text}"
        );
        let text = enum_text("E", vec![variant("New", "new", false)], false);
        assert!(!text.contains("deprecated"), "{text}");
    }
}
