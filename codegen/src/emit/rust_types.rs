//! The Rust type of every model shape, as generated code spells it.

use super::plan::{CratePlan, TypeHome};
use crate::model::{traits, Member, ShapeId, ShapeKind};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

/// An identifier for a (possibly keyword) name.
pub fn ident(name: &str) -> Ident {
    match crate::names::escape_keyword(name).strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", crate::names::escape_keyword(name)),
    }
}

/// The field name of a member.
pub fn field_ident(member: &Member) -> Ident {
    ident(&crate::names::member_field_name(&member.name))
}

/// The path of a named type from anywhere in the crate.
pub fn type_path(plan: &CratePlan, id: &ShapeId) -> TokenStream {
    match plan.types.get(id) {
        Some(t) => {
            let name = format_ident!("{}", t.rust_name);
            match t.home {
                TypeHome::Types => quote!(crate::types::#name),
                TypeHome::Error => quote!(crate::types::error::#name),
            }
        }
        None => quote!(()),
    }
}

/// The Rust type of values of shape `id` (not wrapped in `Option`).
pub fn value_type(plan: &CratePlan, id: &ShapeId) -> TokenStream {
    let Some(shape) = plan.shape(id) else {
        return quote!(());
    };
    use ShapeKind::*;
    match shape.kind {
        Blob => quote!(::apigen_runtime::Blob),
        Boolean => quote!(bool),
        String => quote!(::std::string::String),
        Byte => quote!(i8),
        Short => quote!(i16),
        Integer | IntEnum => quote!(i32),
        Long => quote!(i64),
        Float => quote!(f32),
        Double => quote!(f64),
        BigInteger | BigDecimal => quote!(::apigen_runtime::BigNumber),
        Timestamp => quote!(::apigen_runtime::DateTime),
        Document => quote!(::apigen_runtime::Document),
        Enum | Structure | Union => type_path(plan, id),
        List => {
            let Some(m) = shape.member("member") else {
                return quote!(());
            };
            let inner = value_type(plan, &m.target);
            if shape.has_trait(&traits::sparse()) {
                quote!(::std::vec::Vec<::std::option::Option<#inner>>)
            } else {
                quote!(::std::vec::Vec<#inner>)
            }
        }
        Map => {
            let (Some(k), Some(v)) = (shape.member("key"), shape.member("value")) else {
                return quote!(());
            };
            let key = value_type(plan, &k.target);
            let value = value_type(plan, &v.target);
            if shape.has_trait(&traits::sparse()) {
                quote!(::std::collections::HashMap<#key, ::std::option::Option<#value>>)
            } else {
                quote!(::std::collections::HashMap<#key, #value>)
            }
        }
        Service | Resource | Operation => quote!(()),
    }
}

/// How a member is stored in its struct.
pub struct FieldType {
    /// The stored type, e.g. `Option<String>` or `i32`.
    pub stored: TokenStream,
    /// The value type without `Option`/`Box`.
    pub value: TokenStream,
    pub optional: bool,
    pub boxed: bool,
}

/// A member is optional unless it has a usable `@default` (then it holds the
/// value itself, as Smithy 2.0 and aws-sdk-rust do) outside an operation
/// input.
/// The item type of a list (`Option<T>` for a sparse list).
pub fn list_item_type(plan: &CratePlan, list: &ShapeId) -> TokenStream {
    let Some(shape) = plan.shape(list) else {
        return quote!(());
    };
    let Some(m) = shape.member("member") else {
        return quote!(());
    };
    let inner = value_type(plan, &m.target);
    if shape.has_trait(&traits::sparse()) {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}

/// Whether a member holds its value without `Option` although it has no
/// default: a `@required` member of a structure other than an operation
/// input (not `@clientOptional`), as in aws-sdk-rust. A response that
/// omits one decodes to the type's zero value (Smithy's error correction).
pub fn is_plain_required(plan: &CratePlan, owner: &ShapeId, member: &Member) -> bool {
    traits::is_required(&member.traits)
        && !member.traits.contains_key(&traits::client_optional())
        && !plan.inputs.contains(owner)
        && plan
            .shape(owner)
            .is_some_and(|s| s.kind == ShapeKind::Structure && !s.has_trait(&traits::input()))
        && correction_default(plan, &member.target).is_some()
}

/// The zero value a missing required member is corrected to: empty
/// strings, lists, maps and blobs, zero numbers, `false`, the epoch, a
/// `null` document, an enum's unknown empty value, a union's `Unknown`, a
/// structure's `Default`. Big numbers have none and stay optional.
pub fn correction_default(plan: &CratePlan, target: &ShapeId) -> Option<TokenStream> {
    let shape = plan.shape(target)?;
    use ShapeKind::*;
    Some(match shape.kind {
        Boolean => quote!(false),
        Byte | Short | Integer | Long | IntEnum => quote!(0),
        Float | Double => quote!(0.0),
        String => quote!(::std::string::String::new()),
        Blob => quote!(::apigen_runtime::Blob::default()),
        Timestamp => quote!(::apigen_runtime::DateTime::from_secs(0)),
        Document => quote!(::apigen_runtime::Document::Null),
        List => quote!(::std::vec::Vec::new()),
        Map => quote!(::std::collections::HashMap::new()),
        Enum => {
            let path = type_path(plan, target);
            quote!(#path::from(""))
        }
        Union => {
            let path = type_path(plan, target);
            quote!(#path::Unknown)
        }
        Structure => {
            let path = type_path(plan, target);
            quote!(<#path as ::std::default::Default>::default())
        }
        BigInteger | BigDecimal | Service | Resource | Operation => return None,
    })
}

pub fn field_type(plan: &CratePlan, owner: &ShapeId, member: &Member) -> FieldType {
    let value = value_type(plan, &member.target);
    let boxed = plan.is_boxed(owner, &member.name);
    // Every member of an operation input is optional, defaults included:
    // the client sends only what the caller set, and the service applies
    // its defaults (Smithy's rule, and aws-sdk-rust's inputs).
    let optional = plan.inputs.contains(owner)
        || (default_value(plan, member).is_none() && !is_plain_required(plan, owner, member));
    let inner = if boxed {
        quote!(::std::boxed::Box<#value>)
    } else {
        value.clone()
    };
    let stored = if optional {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    };
    FieldType {
        stored,
        value,
        optional,
        boxed,
    }
}

/// The `@default` of a member as a Rust expression, when it is one the
/// generator can express (scalars, strings, enums, empty collections).
pub fn default_value(plan: &CratePlan, member: &Member) -> Option<TokenStream> {
    let node = member.traits.get(&traits::default())?;
    if member.traits.contains_key(&traits::client_optional()) {
        return None;
    }
    let target = plan.shape(&member.target)?;
    use crate::node::Value;
    use ShapeKind::*;
    Some(match (&target.kind, &node.value) {
        (Boolean, Value::Bool(b)) => quote!(#b),
        (Byte | Short | Integer | Long | IntEnum, Value::Number(n)) => {
            let v = n.as_i64()?;
            let lit = proc_macro2::Literal::i64_unsuffixed(v);
            quote!(#lit)
        }
        (Float | Double, Value::Number(n)) => {
            let lit = proc_macro2::Literal::f64_unsuffixed(n.as_f64());
            quote!(#lit)
        }
        (String, Value::String(s)) => quote!(::std::string::String::from(#s)),
        (Enum, Value::String(s)) => {
            let path = type_path(plan, &member.target);
            quote!(#path::from(#s))
        }
        (Timestamp, Value::Number(n)) => {
            let secs = n.as_f64();
            let whole = secs.floor();
            let w = proc_macro2::Literal::i64_unsuffixed(whole as i64);
            let nanos = proc_macro2::Literal::u32_unsuffixed(((secs - whole) * 1e9).round() as u32);
            quote!(::apigen_runtime::DateTime::from_secs_and_nanos(#w, #nanos))
        }
        // The model writes a blob's default in base64; the text is the
        // model's, already validated by the loader.
        (Blob, Value::String(s)) => quote! {
            ::apigen_runtime::Blob::new(::apigen_runtime::base64::decode(#s).unwrap_or_default())
        },
        // `= null` says the member has no default (Smithy 2.0).
        (_, Value::Null) => return None,
        (Document, _) => {
            let json = node.to_json().to_string();
            quote! {
                ::apigen_runtime::wire::from_json_slice(#json.as_bytes())
                    .unwrap_or(::apigen_runtime::Document::Null)
            }
        }
        (List, Value::Array(a)) if a.is_empty() => quote!(::std::vec::Vec::new()),
        (Map, Value::Object(o)) if o.is_empty() => quote!(::std::collections::HashMap::new()),
        _ => return None,
    })
}

/// Whether values of this type are `Copy` (getters return them by value).
pub fn is_copy(plan: &CratePlan, id: &ShapeId) -> bool {
    plan.shape(id).is_some_and(|s| {
        matches!(
            s.kind,
            ShapeKind::Boolean
                | ShapeKind::Byte
                | ShapeKind::Short
                | ShapeKind::Integer
                | ShapeKind::IntEnum
                | ShapeKind::Long
                | ShapeKind::Float
                | ShapeKind::Double
                | ShapeKind::Timestamp
        )
    })
}

/// `expr` (an `Option<&Owner>`) stepped to `Option<&T>` of one member,
/// through optional, defaulted and boxed members alike: one step of a member
/// path (paginator tokens, endpoint context parameters).
pub fn member_step(
    plan: &CratePlan,
    expr: TokenStream,
    owner: &ShapeId,
    member: &Member,
) -> TokenStream {
    let f = field_ident(member);
    let ft = field_type(plan, owner, member);
    match (ft.optional, ft.boxed) {
        (true, true) => quote!(#expr.and_then(|v| v.#f.as_deref())),
        (true, false) => quote!(#expr.and_then(|v| v.#f.as_ref())),
        (false, true) => quote!(#expr.map(|v| &*v.#f)),
        (false, false) => quote!(#expr.map(|v| &v.#f)),
    }
}
