//! `validate()` methods from constraint traits: `@required`, `@length`,
//! `@range`, `@pattern` and enum membership, recursing into nested values.
//! Clients may run them before sending; servers run them on every request.

use super::plan::CratePlan;
use super::rust_types::field_ident;
use crate::model::{traits, ShapeId, ShapeKind, Traits};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

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
    let mut body = Vec::new();
    for m in &shape.members {
        let f = field_ident(m);
        let wire = m.name.clone();
        let optional = super::rust_types::field_type(plan, &shape.id, m).optional;
        let value_checks = checks(
            plan,
            quote!(value),
            &m.target,
            Some(&m.traits),
            &mut patterns,
            0,
        );
        let required = traits::is_required(&m.traits);
        let boxed = plan.is_boxed(&shape.id, &m.name);
        let deref = if boxed {
            quote!(let value = &**value;)
        } else {
            quote!()
        };
        let stmt = if optional {
            match (required, value_checks.is_empty()) {
                (false, true) => continue,
                (false, false) => quote! {
                    if let Some(value) = &self.#f { #deref #value_checks }
                },
                (true, true) => quote! {
                    if self.#f.is_none() { v.missing(); }
                },
                (true, false) => quote! {
                    match &self.#f {
                        Some(value) => { #deref #value_checks }
                        None => v.missing(),
                    }
                },
            }
        } else {
            if value_checks.is_empty() {
                continue;
            }
            quote! {{ let value = &self.#f; #deref #value_checks }}
        };
        body.push(quote! {
            v.enter(#wire);
            #stmt
            v.leave();
        });
    }
    let uses_v = !body.is_empty();
    validate_impls(
        name,
        "Checks the model's constraints (required members, lengths, ranges, patterns, enum values) on this value and everything in it.",
        &patterns,
        uses_v,
        quote!(#(#body)*),
    )
}

/// The `validate()` method and the `Validate` impl around a body of checks
/// on `self` that records into `v`, with the `@pattern` statics it uses.
fn validate_impls(
    name: &proc_macro2::Ident,
    doc: &str,
    patterns: &[String],
    uses_v: bool,
    body: TokenStream,
) -> TokenStream {
    let doc = super::docs::doc_line(doc);
    let pattern_statics = patterns.iter().enumerate().map(|(i, p)| {
        let ident = format_ident!("PATTERN_{}", i);
        quote!(static #ident: ::apigen_runtime::validation::Pattern = ::apigen_runtime::validation::Pattern::new(#p);)
    });
    let v_param = if uses_v { quote!(v) } else { quote!(_v) };
    quote! {
        impl #name {
            #doc
            pub fn validate(&self) -> ::std::result::Result<(), ::apigen_runtime::validation::ValidationError> {
                let mut v = ::apigen_runtime::validation::Violations::default();
                ::apigen_runtime::validation::Validate::validate_at(self, &mut v);
                v.into_result()
            }
        }

        impl ::apigen_runtime::validation::Validate for #name {
            fn validate_at(&self, #v_param: &mut ::apigen_runtime::validation::Violations) {
                #(#pattern_statics)*
                #body
            }
        }
    }
}

/// `validate()` for a union: the set member's constraints.
pub fn validate_union_impl(
    plan: &CratePlan,
    shape: &crate::model::Shape,
    name: &proc_macro2::Ident,
) -> TokenStream {
    let mut patterns = Vec::new();
    let mut arms = Vec::new();
    for m in &shape.members {
        let variant = format_ident!("{}", crate::names::member_variant_name(&m.name));
        let wire = m.name.clone();
        let value_checks = checks(
            plan,
            quote!(value),
            &m.target,
            Some(&m.traits),
            &mut patterns,
            0,
        );
        if value_checks.is_empty() {
            arms.push(quote!(Self::#variant(_) => {}));
            continue;
        }
        let deref = if plan.is_boxed(&shape.id, &m.name) {
            quote!(let value = &**value;)
        } else {
            quote!()
        };
        arms.push(quote! {
            Self::#variant(value) => {
                #deref
                v.enter(#wire);
                #value_checks
                v.leave();
            }
        });
    }
    validate_impls(
        name,
        "Checks the model's constraints on the member that is set.",
        &patterns,
        // A member this version of the model does not know (a server's
        // input from a newer client) is a violation, not a silent success.
        true,
        quote! {
            match self {
                #(#arms)*
                Self::Unknown => v.unknown_member(),
            }
        },
    )
}

/// Checks on `value` (an expression of type `&T`) for a value of shape
/// `target`, with the member's own constraint traits taking precedence.
fn checks(
    plan: &CratePlan,
    value: TokenStream,
    target: &ShapeId,
    member_traits: Option<&Traits>,
    patterns: &mut Vec<String>,
    depth: usize,
) -> TokenStream {
    let Some(shape) = plan.shape(target) else {
        return quote!();
    };
    let trait_of = |id: &ShapeId| {
        member_traits
            .and_then(|t| t.get(id))
            .or_else(|| shape.traits.get(id))
    };
    // A sensitive value is never quoted in a violation message.
    let sensitive = trait_of(&traits::sensitive()).is_some();
    let mut out = Vec::new();
    let opt_lit = |v: Option<i64>| match v {
        Some(n) => {
            let lit = Literal::u64_unsuffixed(n.max(0) as u64);
            quote!(Some(#lit))
        }
        None => quote!(None),
    };
    if let Some(node) = trait_of(&traits::length()) {
        let min = opt_lit(node.get("min").and_then(|n| n.as_i64()));
        let max = opt_lit(node.get("max").and_then(|n| n.as_i64()));
        let len = match shape.kind {
            ShapeKind::String => Some(quote!(#value.chars().count())),
            ShapeKind::List | ShapeKind::Map => Some(quote!(#value.len())),
            ShapeKind::Blob => Some(quote!(#value.as_ref().len())),
            _ => None,
        };
        if let Some(len) = len {
            out.push(quote!(v.length(#len, #min, #max);));
        }
    }
    if let Some(node) = trait_of(&traits::range()) {
        let bound = |key: &str| match node.get(key).and_then(|n| n.as_number()) {
            Some(n) => {
                let lit = Literal::f64_unsuffixed(n.as_f64());
                quote!(Some(#lit))
            }
            None => quote!(None),
        };
        let (min, max) = (bound("min"), bound("max"));
        if shape.kind.is_number()
            && !matches!(shape.kind, ShapeKind::BigInteger | ShapeKind::BigDecimal)
        {
            // Widened without a cast where the conversion is lossless (clippy
            // flags an `f64 as f64`).
            let wide = match shape.kind {
                ShapeKind::Double => quote!(*#value),
                ShapeKind::Long => quote!(*#value as f64),
                _ => quote!(f64::from(*#value)),
            };
            out.push(quote!(v.range(#wide, #min, #max);));
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
            let ident = format_ident!("PATTERN_{}", idx);
            out.push(if sensitive {
                quote!(v.pattern_redacted(#value, &#ident);)
            } else {
                quote!(v.pattern(#value, &#ident);)
            });
        }
    }
    match shape.kind {
        ShapeKind::Enum => {
            let path = super::rust_types::type_path(plan, target);
            out.push(if sensitive {
                quote!(v.enum_value_redacted(#value.as_str(), #path::values());)
            } else {
                quote!(v.enum_value(#value.as_str(), #path::values());)
            });
        }
        ShapeKind::Structure | ShapeKind::Union if plan.types.contains_key(target) => {
            out.push(quote!(::apigen_runtime::validation::Validate::validate_at(#value, v);));
        }
        ShapeKind::List if depth < MAX_INLINE_DEPTH => {
            if let Some(m) = shape.member("member") {
                let sparse = shape.has_trait(&traits::sparse());
                let inner = checks(
                    plan,
                    quote!(item),
                    &m.target,
                    Some(&m.traits),
                    patterns,
                    depth + 1,
                );
                if !inner.is_empty() {
                    let item = if sparse {
                        quote!(if let Some(item) = item { #inner })
                    } else {
                        inner
                    };
                    out.push(quote! {
                        for (i, item) in #value.iter().enumerate() {
                            v.enter_index(i);
                            #item
                            v.leave();
                        }
                    });
                }
            }
        }
        ShapeKind::Map if depth < MAX_INLINE_DEPTH => {
            let key_checks = shape
                .member("key")
                .map(|k| {
                    checks(
                        plan,
                        quote!(key),
                        &k.target,
                        Some(&k.traits),
                        patterns,
                        depth + 1,
                    )
                })
                .unwrap_or_default();
            let sparse = shape.has_trait(&traits::sparse());
            let value_checks = shape
                .member("value")
                .map(|m| {
                    checks(
                        plan,
                        quote!(item),
                        &m.target,
                        Some(&m.traits),
                        patterns,
                        depth + 1,
                    )
                })
                .unwrap_or_default();
            if !key_checks.is_empty() || !value_checks.is_empty() {
                let value_checks = if sparse && !value_checks.is_empty() {
                    quote!(if let Some(item) = item { #value_checks })
                } else {
                    value_checks
                };
                // The value is looked up only when something checks it.
                let item = (!value_checks.is_empty()).then(|| quote!(let item = &#value[key];));
                out.push(quote! {
                    let mut keys: ::std::vec::Vec<_> = #value.keys().collect();
                    keys.sort();
                    for key in keys {
                        #item
                        v.enter_key(::std::convert::AsRef::<str>::as_ref(key));
                        #key_checks
                        #value_checks
                        v.leave();
                    }
                });
            }
        }
        _ => {}
    }
    quote!(#(#out)*)
}
