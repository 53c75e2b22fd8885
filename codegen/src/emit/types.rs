//! Structures, unions and enums: the `types` module of the generated crate,
//! one file per type, each with its JSON wire form, getters and a builder.

use super::docs::{doc_attrs, doc_line};
use super::plan::{CratePlan, TypeHome, TypePlan};
use super::protocol::TimestampFormat;
use super::rust_types::{default_value, field_ident, field_type, ident, is_copy, value_type};
use super::validation;
use crate::model::{traits, Member, Shape, ShapeId, ShapeKind};
use crate::node::Node;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::fmt::Write as _;

/// The file of one named type.
pub fn type_file(plan: &CratePlan, t: &TypePlan) -> Option<(String, TokenStream)> {
    let shape = plan.shape(&t.id)?;
    if plan.alias_of(&t.id).is_some() {
        // Written in the file of the type it names.
        return None;
    }
    let mut tokens = match shape.kind {
        ShapeKind::Structure => structure(plan, shape, &format_ident!("{}", t.rust_name)),
        ShapeKind::Union => union(plan, shape, t),
        ShapeKind::Enum => super::enums::enumeration(plan, shape, t),
        _ => return None,
    };
    for alias in plan.aliases_of(&t.id) {
        tokens.extend(alias_items(plan, alias, t));
    }
    let dir = match t.home {
        TypeHome::Types => "types",
        TypeHome::Error => "types/error",
    };
    Some((format!("{dir}/{}.rs", t.module), tokens))
}

/// `pub type Alias = Kept;` (and the same for its builder) for a shape
/// generated as the identical one `kept` ([`super::shared_types`]), with
/// the shape's own documentation and cargo features.
fn alias_items(plan: &CratePlan, alias: &TypePlan, kept: &TypePlan) -> Option<TokenStream> {
    let shape = plan.shape(&alias.id)?;
    let own = traits::docs(&shape.traits).filter(|d| !d.trim().is_empty());
    let own = own.map_or_else(
        || format!("The `{}` {}.", shape.id.name, shape.kind.name()),
        str::to_string,
    );
    let doc = format!(
        "{own}\n\nThe same type as [`{}`]: the document describes both identically.",
        kept.rust_name
    );
    let docs = doc_attrs(Some(&doc), "");
    let cfg = plan.groups.type_cfg(&alias.id);
    let name = format_ident!("{}", alias.rust_name);
    let kept_name = format_ident!("{}", kept.rust_name);
    let builder = (shape.kind == ShapeKind::Structure).then(|| {
        let name = format_ident!("{}Builder", alias.rust_name);
        let kept_name = format_ident!("{}Builder", kept.rust_name);
        let doc = format!(" A builder for [`{}`].", alias.rust_name);
        quote! {
            #[doc = #doc]
            #cfg
            pub type #name = #kept_name;
        }
    });
    Some(quote! {
        #docs
        #cfg
        pub type #name = #kept_name;
        #builder
    })
}

/// `types/mod.rs` and `types/error/mod.rs`, listing the type files.
pub fn module_files(plan: &CratePlan) -> Vec<(String, TokenStream)> {
    let emitted = |home: TypeHome| -> Vec<&TypePlan> {
        plan.types
            .values()
            .filter(|t| t.home == home)
            .filter(|t| {
                plan.shape(&t.id).is_some_and(|s| {
                    matches!(
                        s.kind,
                        ShapeKind::Structure | ShapeKind::Union | ShapeKind::Enum
                    )
                })
            })
            .collect()
    };
    let type_mods = emitted(TypeHome::Types);
    let error_mods = emitted(TypeHome::Error);
    let mut files = vec![(
        "types/mod.rs".into(),
        module_file(
            plan,
            &type_mods,
            !error_mods.is_empty(),
            "Data types of the service: structures, unions and enums.",
        ),
    )];
    if !error_mods.is_empty() {
        files.push((
            "types/error/mod.rs".into(),
            module_file(plan, &error_mods, false, "Errors the service models."),
        ));
    }
    files
}

fn module_file(
    plan: &CratePlan,
    items: &[&TypePlan],
    with_error_mod: bool,
    doc: &str,
) -> TokenStream {
    let doc = format!(" {doc}");
    let mods = items.iter().map(|t| {
        let n = format_ident!("{}", t.rust_name);
        let cfg = plan.groups.type_cfg(&t.id);
        if let Some(kept) = plan.alias_of(&t.id) {
            let m = ident(&kept.module);
            return quote!(#cfg pub use #m::#n;);
        }
        let m = ident(&t.module);
        quote! {
            #cfg
            mod #m;
            #cfg
            pub use #m::#n;
        }
    });
    // Builders live in `builders`, as in aws-sdk-rust, so a shape named like
    // another's builder (`AppBlockBuilder` beside `AppBlock`) cannot collide.
    let builders: Vec<TokenStream> = items
        .iter()
        .filter(|t| {
            plan.shape(&t.id)
                .is_some_and(|s| s.kind == ShapeKind::Structure)
        })
        .map(|t| {
            let m = ident(&plan.alias_of(&t.id).unwrap_or(t).module);
            let b = format_ident!("{}Builder", t.rust_name);
            let cfg = plan.groups.type_cfg(&t.id);
            quote!(#cfg pub use super::#m::#b;)
        })
        .collect();
    let builders = (!builders.is_empty()).then(|| {
        quote! {
            /// Builders of the structures in this module.
            pub mod builders {
                #(#builders)*
            }
        }
    });
    let error = with_error_mod.then(|| {
        quote!(
            pub mod error;
        )
    });
    quote! {
        #![doc = #doc]
        #error
        #builders
        #(#mods)*
    }
}

/// A struct, its getters, builder, wire (JSON) impls, and `validate`.
pub fn structure(plan: &CratePlan, shape: &Shape, name: &proc_macro2::Ident) -> TokenStream {
    let docs = super::docs::doc_marker(
        traits::docs(&shape.traits),
        &format!("The `{}` {}.", shape.id.name, shape.kind.name()),
    );
    let mut fields = Vec::new();
    let mut getters = Vec::new();
    let mut default_fns = Vec::new();
    let mut needs_manual_default = false;
    for m in &shape.members {
        let f = field_ident(m);
        let ft = field_type(plan, &shape.id, m);
        let stored = &ft.stored;
        let mdocs = super::docs::doc_marker(
            traits::docs(&m.traits)
                .or_else(|| plan.shape(&m.target).and_then(|t| traits::docs(&t.traits))),
            &format!("The `{}` member.", m.name),
        );
        if !ft.optional {
            let default_expr = default_value(plan, m)
                .or_else(|| {
                    let value = super::rust_types::correction_default(plan, &m.target)?;
                    Some(if ft.boxed {
                        quote!(::std::boxed::Box::new(#value))
                    } else {
                        value
                    })
                })
                .unwrap_or_else(|| quote!(Default::default()));
            let fn_name = default_fn_name(name, m);
            default_fns.push(quote! {
                fn #fn_name() -> #stored { #default_expr }
            });
            needs_manual_default = true;
        }
        fields.push(Field {
            docs: mdocs,
            name: format!("pub {f}"),
            ty: super::setters::type_text(stored.clone(), &plan.shadowed),
        });
        getters.push(getter(plan, m, &ft));
    }
    // A manual Default keeps model defaults (e.g. `= 10`) for values built in code.
    let manual_default_fields = shape.members.iter().map(|m| {
        let f = field_ident(m);
        if field_type(plan, &shape.id, m).optional {
            quote!(#f: None)
        } else {
            let fn_name = default_fn_name(name, m);
            quote!(#f: #fn_name())
        }
    });
    let is_error = shape.has_trait(&traits::error());
    // Error structures carry the request id of the response they came in
    // (set when the error is decoded), unless the model has such a member.
    let request_id_field = is_error && !has_request_id_member(shape);
    let extra_default = request_id_field.then(|| quote!(, request_id: None));
    let derive_default = if needs_manual_default {
        ""
    } else {
        "Default, "
    };
    let default_impl = needs_manual_default.then(|| {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self { #(#manual_default_fields),* #extra_default }
                }
            }
        }
    });
    if request_id_field {
        fields.push(Field {
            docs: super::docs::doc_marker(
                Some("The id of the request that failed with this error, as the service sent it."),
                "",
            ),
            name: "pub(crate) request_id".into(),
            ty: super::setters::type_text(
                quote!(::std::option::Option<::std::string::String>),
                &plan.shadowed,
            ),
        });
    }
    let request_id_getter = request_id_field.then(|| {
        quote! {
            /// The id of the request that failed with this error, as the service sent it.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.request_id.as_deref()
            }
        }
    });
    let sensitive = shape.members.iter().any(|m| is_sensitive(plan, m))
        || shape.has_trait(&traits::sensitive());
    let derive_debug = if sensitive { "" } else { "Debug, " };
    let debug_impl = sensitive.then(|| debug_redacted(plan, shape, name));
    let getters = super::setters::getter_items(&getters);
    let builder = builder(plan, shape, name);
    let validate = plan
        .validated
        .contains(&shape.id)
        .then(|| validation::validate_impl(plan, shape, name));
    let wire = struct_wire(plan, shape, name);
    let error_impls = is_error.then(|| super::errors::error_struct_impls(plan, shape, name));
    let builder_name = format_ident!("{}Builder", name);
    let builder_doc = doc_line(&format!("A builder for [`{name}`]."));
    // PartialEq only: an `Eq` derived from the contents would disappear
    // the day a float or document is added anywhere inside.
    let definition = struct_item(
        docs,
        &format!("#[derive(Clone, {derive_debug}{derive_default}PartialEq)]"),
        &name.to_string(),
        &fields,
    );
    quote! {
        #definition

        impl #name {
            #builder_doc
            pub fn builder() -> #builder_name {
                <#builder_name as ::std::default::Default>::default()
            }
            #getters
            #request_id_getter
        }

        #default_impl
        #debug_impl
        #(#default_fns)*
        #builder
        #validate
        #wire
        #error_impls
    }
}

/// A builder's `build()` as text (an item of the builder's `impl`): the
/// structure from the builder's fields, `Ok(..)` when `result` (the
/// spelling of `Result`) says it can fail. A field too long for its line is
/// laid out by prettyplease, alone (the same field recurs across a
/// document's types); near the margin, and around the width at which
/// prettyplease keeps a structure expression on one line, the whole item is.
fn build_fn(doc: &str, name: &str, result: Option<&str>, fields: &[String]) -> TokenStream {
    let mut out = String::new();
    if let Some(marker) = super::docs::doc_marker(Some(doc), "") {
        let _ = writeln!(out, "///{marker}");
    }
    out.push_str("#[inline]\n");
    let (ret, open, close) = match result {
        Some(result) => (
            format!("{result}<{name}, ::apigen_runtime::BuildError>"),
            format!("Ok({name} {{"),
            "})",
        ),
        None => (name.to_string(), format!("{name} {{"), "}"),
    };
    let frame_start = out.len();
    super::setters::signature(&mut out, "build", &["self".to_string()], &ret);
    // prettyplease keeps a structure expression on one line when it is at
    // most 34 characters up to its closing brace (`end_with_max_width`);
    // around that width it decides by more than the widths.
    let one_line = format!("{name} {{ {} }}", fields.join(", "));
    let undecided = if fields.is_empty() {
        name.len() + 2 >= 30
    } else {
        (32..=37).contains(&one_line.len())
    };
    let mut fields_text = String::new();
    if fields.is_empty() {
        let _ = writeln!(out, "    {open}{close}");
    } else if one_line.len() - 1 <= 34 {
        match result {
            Some(_) => {
                let _ = writeln!(out, "    Ok({one_line})");
            }
            None => {
                let _ = writeln!(out, "    {one_line}");
            }
        }
    } else {
        let _ = writeln!(out, "    {open}");
        for (i, f) in fields.iter().enumerate() {
            // Fields sit at column 12: the impl item at 4, the body at 8.
            if 12 + f.len() < super::setters::WIDTH {
                let _ = writeln!(fields_text, "        {f},");
            } else {
                for line in super::setters::long_field(f, i + 1 == fields.len()) {
                    let _ = writeln!(fields_text, "        {line}");
                }
            }
        }
        let _ = writeln!(out, "    {close}");
    }
    out.push_str("}\n");
    // The frame (not the fields, each laid out for its line above) must fit.
    let frame_fits = out[frame_start..]
        .lines()
        .all(|l| 4 + l.len() <= super::setters::WIDTH);
    if let Some(at) = out
        .rfind(&format!("    {close}\n"))
        .filter(|_| !fields_text.is_empty())
    {
        out.insert_str(at, &fields_text);
    }
    if undecided || !frame_fits {
        out = super::setters::by_prettyplease("impl S", &out);
    }
    super::setters::placeholder(out)
}

/// A field of a structure written as text.
struct Field {
    /// Doc placeholder (see [`super::docs::doc_marker`]).
    docs: Option<String>,
    /// The visibility and name: `pub name`.
    name: String,
    ty: String,
}

/// `pub struct Name { fields }` with its docs and attributes, as text (see
/// [`super::setters`]): two lines per member of every structure and its
/// builder, laid out as prettyplease lays them out.
fn struct_item(docs: Option<String>, derive: &str, name: &str, fields: &[Field]) -> TokenStream {
    let mut out = String::new();
    if let Some(marker) = docs {
        let _ = writeln!(out, "///{marker}");
    }
    let _ = writeln!(out, "{derive}\n#[non_exhaustive]");
    if fields.is_empty() {
        let _ = writeln!(out, "pub struct {name} {{}}");
        return super::setters::placeholder(out);
    }
    let _ = writeln!(out, "pub struct {name} {{");
    for f in fields {
        if let Some(marker) = &f.docs {
            let _ = writeln!(out, "    ///{marker}");
        }
        let line = format!("    {}: {},", f.name, f.ty);
        if line.len() <= super::setters::WIDTH {
            out.push_str(&line);
            out.push('\n');
        } else {
            // How nested generics break depends on more than widths.
            let field =
                super::setters::by_prettyplease("struct S", &format!("{}: {},\n", f.name, f.ty));
            for line in field.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    out.push_str("}\n");
    super::setters::placeholder(out)
}

/// The JSON wire form of a structure: `Encode` writes the set members,
/// `Decode` matches keys in one loop. Written out rather than derived, so
/// crates using them never compile a proc macro (and with it syn).
fn struct_wire(plan: &CratePlan, shape: &Shape, name: &proc_macro2::Ident) -> TokenStream {
    let protocol = plan.protocol.as_deref();
    // The statements are written as text (see `setters`): one per member,
    // all alike, and most of a large crate's codec.
    let mut writes = String::new();
    let mut reads = String::new();
    // Members an HTTP-binding protocol puts in the path, query or headers
    // are not in the body. A client encodes requests and decodes responses;
    // a server the reverse.
    use super::protocol::http_bindings::{in_body, Direction};
    let (encodes, decodes) = if plan.features.server && !plan.features.client {
        (Direction::Response, Direction::Request)
    } else {
        (Direction::Request, Direction::Response)
    };
    let encoded_members: Vec<&Member> = shape
        .members
        .iter()
        .filter(|m| in_body(plan, &shape.id, m, encodes))
        .collect();
    let decoded_members: Vec<&Member> = shape
        .members
        .iter()
        .filter(|m| in_body(plan, &shape.id, m, decodes))
        .collect();
    for m in &shape.members {
        let encoded = encoded_members.iter().any(|e| e.name == m.name);
        let decoded = decoded_members.iter().any(|d| d.name == m.name);
        let f = field_ident(m);
        let optional = field_type(plan, &shape.id, m).optional;
        let wire = protocol
            .map(|p| p.wire_name(m))
            .unwrap_or_else(|| m.name.clone());
        let key = proc_macro2::Literal::string(&wire).to_string();
        if encoded {
            let (method, args) = match (timestamp_format_text(plan, m), optional) {
                (Some(fmt), true) => (
                    "o.timestamp",
                    vec![key.clone(), format!("self.{f}.as_ref()"), fmt],
                ),
                (Some(fmt), false) => (
                    "o.timestamp",
                    vec![key.clone(), format!("Some(&self.{f})"), fmt],
                ),
                (None, true) => ("o.opt", vec![key.clone(), format!("&self.{f}")]),
                (None, false) => ("o.field", vec![key.clone(), format!("&self.{f}")]),
            };
            super::setters::call_statement(&mut writes, 8, method, &args);
        }
        if !decoded {
            continue;
        }
        // `null` means absent, as AWS JSON services send it.
        if optional {
            // Arms sit at column 16; one that does not fit becomes a block.
            let arm = format!("{key} => out.{f} = r.decode()?,");
            if 16 + arm.len() <= 89 {
                let _ = writeln!(reads, "        {arm}");
            } else {
                let _ = writeln!(reads, "        {key} => {{");
                let _ = writeln!(reads, "            out.{f} = r.decode()?;");
                reads.push_str("        }\n");
            }
        } else {
            let _ = writeln!(reads, "        {key} => {{");
            reads.push_str("            if let Some(value) = r.decode()? {\n");
            let _ = writeln!(reads, "                out.{f} = value;");
            reads.push_str("            }\n        }\n");
        }
    }
    // The impls are text too, in prettyplease's layout (`#[inline]` as
    // `lazy_codegen` would add it): with the statements they are the bulk
    // of a type file, and parsing their frames back with syn was a tenth
    // of generating Stripe's types.
    let result = if plan.shadowed.contains(&"Result") {
        "::std::result::Result"
    } else {
        "Result"
    };
    let codecs = Codecs {
        name: &name.to_string(),
        encode: plan.encode_gate(&shape.id),
        decode: plan.decode_gate(&shape.id),
        result,
    };
    let out = codecs.text(&writes, &reads);
    if out.is_empty() {
        TokenStream::new()
    } else {
        super::setters::import("wire");
        super::setters::placeholder(out)
    }
}

/// A structure's `wire::Encode` and `wire::Decode` impls as text.
struct Codecs<'a> {
    name: &'a str,
    /// The attribute gating each impl (empty when always there); `None`
    /// when the crate needs no such impl.
    encode: Option<&'static str>,
    decode: Option<&'static str>,
    /// How `Result` is spelled where a model type shadows it.
    result: &'a str,
}

impl Codecs<'_> {
    /// `writes`: one statement per encoded member (at column 8, unindented);
    /// `reads`: the match arms of the decoded members (at column 16, given
    /// relative to column 8).
    fn text(&self, writes: &str, reads: &str) -> String {
        let mut out = String::new();
        if let Some(gate) = self.encode {
            out.push_str(gate);
            super::setters::impl_header(&mut out, "wire::Encode", self.name);
            out.push_str("    #[inline]\n    fn encode(&self, w: &mut wire::Writer) {\n");
            if writes.is_empty() {
                out.push_str("        w.object().end();\n");
            } else {
                out.push_str("        let mut o = w.object();\n");
                indented(&mut out, 8, writes);
                out.push_str("        o.end();\n");
            }
            out.push_str("    }\n}\n");
        }
        if let Some(gate) = self.decode {
            let result = self.result;
            out.push_str(gate);
            super::setters::impl_header(&mut out, "wire::Decode", self.name);
            out.push_str("    #[inline]\n");
            let one_line = format!(
                "    fn decode(r: &mut wire::Reader<'_>) -> {result}<Self, wire::DecodeError> {{"
            );
            if one_line.len() <= super::setters::WIDTH {
                out.push_str(&one_line);
                out.push('\n');
            } else {
                let _ = writeln!(
                    out,
                    "    fn decode(\n        r: &mut wire::Reader<'_>,\n    ) -> {result}<Self, wire::DecodeError> {{"
                );
            }
            if reads.is_empty() {
                out.push_str(concat!(
                    "        let mut object = r.object()?;\n",
                    "        while object.next(r)?.is_some() {\n",
                    "            r.skip()?;\n",
                    "        }\n",
                    "        Ok(<Self as ::std::default::Default>::default())\n",
                ));
            } else {
                out.push_str(concat!(
                    "        let mut out = <Self as ::std::default::Default>::default();\n",
                    "        let mut object = r.object()?;\n",
                    "        while let Some(key) = object.next(r)? {\n",
                    "            match &*key {\n",
                ));
                indented(&mut out, 8, reads);
                out.push_str(concat!(
                    "                _ => r.skip()?,\n",
                    "            }\n",
                    "        }\n",
                    "        Ok(out)\n",
                ));
            }
            out.push_str("    }\n}\n");
        }
        out
    }
}

/// `text`'s lines, each `indent` columns further in.
fn indented(out: &mut String, indent: usize, text: &str) {
    for line in text.lines() {
        out.extend(std::iter::repeat_n(' ', indent));
        out.push_str(line);
        out.push('\n');
    }
}

/// The runtime's timestamp format for a member that does not use epoch
/// seconds (the runtime `DateTime`'s own wire form), as the codec's
/// statements write it (the file imports `wire`).
fn timestamp_format_text(plan: &CratePlan, m: &Member) -> Option<String> {
    let target = plan.shape(&m.target)?;
    if target.kind != ShapeKind::Timestamp {
        return None;
    }
    let format = match plan.protocol.as_deref()?.timestamp_format(m, target) {
        TimestampFormat::EpochSeconds => return None,
        TimestampFormat::DateTime => "DateTime",
        TimestampFormat::HttpDate => "HttpDate",
    };
    Some(format!("wire::TimestampFormat::{format}"))
}

/// The default function of a member with a model `@default`.
fn default_fn_name(owner: &proc_macro2::Ident, m: &Member) -> proc_macro2::Ident {
    format_ident!(
        "default_{}_{}",
        crate::names::field_name(&owner.to_string()),
        crate::names::field_name(&m.name)
    )
}

/// Whether an error structure models the request id itself.
pub(crate) fn has_request_id_member(shape: &Shape) -> bool {
    shape
        .members
        .iter()
        .any(|m| crate::names::member_field_name(&m.name) == "request_id")
}

pub(crate) fn is_sensitive(plan: &CratePlan, m: &Member) -> bool {
    m.traits.contains_key(&traits::sensitive()) || holds_sensitive(plan, &m.target, 0)
}

/// Whether values of `id` are sensitive, directly or as the items of a list
/// or map (a structure's own `Debug` redacts its members).
fn holds_sensitive(plan: &CratePlan, id: &crate::model::ShapeId, depth: usize) -> bool {
    let Some(shape) = plan.shape(id) else {
        return false;
    };
    if shape.has_trait(&traits::sensitive()) {
        return true;
    }
    matches!(shape.kind, ShapeKind::List | ShapeKind::Map)
        && depth < 8
        && shape.members.iter().any(|m| {
            m.traits.contains_key(&traits::sensitive())
                || holds_sensitive(plan, &m.target, depth + 1)
        })
}

/// `Debug` that prints `*** Sensitive Data Redacted ***` for sensitive members.
fn debug_redacted(plan: &CratePlan, shape: &Shape, name: &proc_macro2::Ident) -> TokenStream {
    let name_str = name.to_string();
    let entries = shape.members.iter().map(|m| {
        let f = field_ident(m);
        let label = f.to_string().trim_start_matches("r#").to_string();
        if is_sensitive(plan, m) || shape.has_trait(&traits::sensitive()) {
            quote!(.field(#label, &"*** Sensitive Data Redacted ***"))
        } else {
            quote!(.field(#label, &self.#f))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name_str) #(#entries)* .finish()
            }
        }
    }
}

/// The getter of a member, returning borrowed views as aws-sdk-rust does.
fn getter(
    plan: &CratePlan,
    m: &Member,
    ft: &super::rust_types::FieldType,
) -> super::setters::Getter {
    let f = field_ident(m);
    let docs = super::docs::doc_marker(
        traits::docs(&m.traits),
        &format!("The `{}` member.", m.name),
    );
    let target = plan.shape(&m.target);
    let kind = target.map(|t| t.kind);
    let value = &ft.value;
    let (ret, borrow, calls): (TokenStream, bool, Vec<&'static str>) = match (ft.optional, kind) {
        (true, Some(ShapeKind::String)) => (
            quote!(::std::option::Option<&str>),
            false,
            vec!["as_deref()"],
        ),
        (true, Some(ShapeKind::List)) => {
            let item = super::rust_types::list_item_type(plan, &m.target);
            (
                quote!(&[#item]),
                false,
                vec!["as_deref()", "unwrap_or_default()"],
            )
        }
        (true, _) if is_copy(plan, &m.target) && !ft.boxed => {
            (quote!(::std::option::Option<#value>), false, vec![])
        }
        (true, _) if ft.boxed => (
            quote!(::std::option::Option<&#value>),
            false,
            vec!["as_deref()"],
        ),
        (true, _) => (
            quote!(::std::option::Option<&#value>),
            false,
            vec!["as_ref()"],
        ),
        (false, Some(ShapeKind::String)) => (quote!(&str), true, vec![]),
        (false, Some(ShapeKind::List)) => {
            let item = super::rust_types::list_item_type(plan, &m.target);
            (quote!(&[#item]), true, vec![])
        }
        (false, _) if is_copy(plan, &m.target) => (quote!(#value), false, vec![]),
        (false, _) => (quote!(&#value), true, vec![]),
    };
    super::setters::Getter {
        docs,
        name: f.to_string(),
        ret: super::setters::type_text(ret, &plan.shadowed),
        place: format!("{}self.{f}", if borrow { "&" } else { "" }),
        calls,
    }
}

/// The builder: `field(value)` setters (lists append, maps insert, as in
/// aws-sdk-rust), `set_field(Option)`, `get_field()`, and `build()`, which
/// checks `@required` members when the shape has any.
fn builder(plan: &CratePlan, shape: &Shape, name: &proc_macro2::Ident) -> TokenStream {
    let builder_name = format_ident!("{}Builder", name);
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    let mut build_fields = Vec::new();
    let required: Vec<&Member> = shape
        .members
        .iter()
        .filter(|m| traits::is_required(&m.traits) && default_value(plan, m).is_none())
        .collect();
    for m in &shape.members {
        let f = field_ident(m);
        let ft = field_type(plan, &shape.id, m);
        let value = &ft.value;
        let stored_inner = if ft.boxed {
            quote!(::std::boxed::Box<#value>)
        } else {
            value.clone()
        };
        fields.push(Field {
            docs: None,
            name: format!("pub(crate) {f}"),
            ty: super::setters::type_text(
                quote!(::std::option::Option<#stored_inner>),
                &plan.shadowed,
            ),
        });
        setters.push(super::setters::MemberSetter::new(plan, &shape.id, m));
        let is_required = required.iter().any(|r| r.name == m.name);
        let wire = proc_macro2::Literal::string(&m.name);
        let missing = format!("::apigen_runtime::BuildError::missing_field({wire})");
        build_fields.push(if is_required && ft.optional {
            format!("{f}: Some(self.{f}.ok_or_else(|| {missing})?)")
        } else if is_required {
            format!("{f}: self.{f}.ok_or_else(|| {missing})?")
        } else if ft.optional {
            format!("{f}: self.{f}")
        } else {
            format!("{f}: self.{f}.unwrap_or_else({})", default_fn_name(name, m))
        });
    }
    // A builder holding sensitive values redacts them like the structure does.
    let sensitive = shape.has_trait(&traits::sensitive())
        || shape.members.iter().any(|m| is_sensitive(plan, m));
    let debug = if sensitive { "" } else { "Debug, " };
    let debug_impl = sensitive.then(|| debug_redacted(plan, shape, &builder_name));
    if shape.has_trait(&traits::error()) && !has_request_id_member(shape) {
        build_fields.push("request_id: None".to_string());
    }
    let build = if required.is_empty() {
        let doc = format!("Builds the [`{name}`].");
        build_fn(&doc, &name.to_string(), None, &build_fields)
    } else {
        let names: Vec<String> = required.iter().map(|m| format!("`{}`", m.name)).collect();
        let doc = format!(
            "Builds the [`{name}`]; fails when a required member ({}) is not set.",
            names.join(", ")
        );
        let result = if plan.shadowed.contains(&"Result") {
            "::std::result::Result"
        } else {
            "Result"
        };
        build_fn(&doc, &name.to_string(), Some(result), &build_fields)
    };
    let methods = super::setters::setter_items(&setters, super::setters::Target::Storage);
    let definition = struct_item(
        super::docs::doc_marker(Some(&format!("A builder for [`{name}`].")), ""),
        &format!("#[derive(Clone, {debug}Default, PartialEq)]"),
        &builder_name.to_string(),
        &fields,
    );
    quote! {
        #definition

        impl #builder_name {
            #methods
            #build
        }

        #debug_impl
    }
}

/// A union: one variant per member plus `Unknown` for members added later.
fn union(plan: &CratePlan, shape: &Shape, t: &TypePlan) -> TokenStream {
    let name = format_ident!("{}", t.rust_name);
    let docs = doc_attrs(
        traits::docs(&shape.traits),
        &format!("The `{}` {}.", shape.id.name, shape.kind.name()),
    );
    let protocol = plan.protocol.as_deref();
    let mut variants = Vec::new();
    let mut ser_arms = Vec::new();
    let mut de_arms = Vec::new();
    let mut accessors = Vec::new();
    let mut wire_names = Vec::new();
    let mut untagged_members = Vec::new();
    for m in &shape.members {
        let v = format_ident!("{}", crate::names::member_variant_name(&m.name));
        let value = value_type(plan, &m.target);
        let boxed = plan.is_boxed(&shape.id, &m.name);
        let ty = if boxed {
            quote!(::std::boxed::Box<#value>)
        } else {
            value.clone()
        };
        // The accessor lends the value itself, never `&Box<T>`.
        let borrowed = if boxed { quote!(&**v) } else { quote!(v) };
        let mdocs = doc_attrs(
            traits::docs(&m.traits),
            &format!("The `{}` member.", m.name),
        );
        let wire = protocol
            .map(|p| p.wire_name(m))
            .unwrap_or_else(|| m.name.clone());
        wire_names.push(wire.clone());
        untagged_members.push((v.clone(), ty.clone(), m));
        variants.push(quote!(#mdocs #v(#ty),));
        ser_arms.push(quote!(Self::#v(inner) => o.field(#wire, inner),));
        de_arms.push(quote!(#wire => r.decode::<::std::option::Option<#ty>>()?.map(Self::#v),));
        let snake = crate::names::field_name(&crate::names::member_variant_name(&m.name));
        let as_fn = format_ident!("as_{}", snake);
        let is_fn = format_ident!("is_{}", snake);
        let as_doc = doc_line(&format!(
            "The `{}` value, or `Err(self)` when another member is set.",
            m.name
        ));
        let is_doc = doc_line(&format!("Whether this is the `{}` member.", m.name));
        accessors.push(quote! {
            #as_doc
            pub fn #as_fn(&self) -> ::std::result::Result<&#value, &Self> {
                if let Self::#v(v) = self { Ok(#borrowed) } else { Err(self) }
            }
            #is_doc
            pub fn #is_fn(&self) -> bool {
                matches!(self, Self::#v(_))
            }
        });
    }
    let untagged = shape.traits.get(&traits::untagged());
    let (encode, decode) = match untagged {
        Some(how) => untagged_wire(plan, shape, &name, how, &untagged_members),
        None => union_wire(plan, shape, &name, &ser_arms, &de_arms),
    };
    let wire_doc = untagged.map(|how| {
        let line = match how.get("discriminator").and_then(Node::as_str) {
            Some(p) => {
                format!("On the wire a member is its own JSON, told apart by the `{p}` property.")
            }
            None => "On the wire a member is its own JSON; reading tries the members in \
                     declared order and takes the first the value fits."
                .to_string(),
        };
        let line = doc_line(&line);
        quote!(#[doc = ""] #line)
    });
    let validate = plan
        .validated
        .contains(&shape.id)
        .then(|| validation::validate_union_impl(plan, shape, &name));
    quote! {
        #docs
        #wire_doc
        #[non_exhaustive]
        // Members are boxed only to break recursion, never for size: boxing
        // by size would change the public type whenever a member grows.
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know (sent by a newer service).
            /// It cannot be sent back.
            #[non_exhaustive]
            Unknown,
        }

        impl #name {
            #(#accessors)*
            /// Whether this is a member unknown to this version of the crate.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown)
            }
        }

        #validate

        #encode
        #decode
    }
}

fn union_wire(
    plan: &CratePlan,
    shape: &Shape,
    name: &proc_macro2::Ident,
    ser_arms: &[TokenStream],
    de_arms: &[TokenStream],
) -> (Option<TokenStream>, Option<TokenStream>) {
    let name_str = name.to_string();
    let unknown_msg = format!("cannot send the Unknown member of union {name_str}");
    let several_msg = format!("more than one member of union {name_str} is set");
    let none_msg = format!("no member of union {name_str} is set");
    let encode = plan.encode_impl(&shape.id, || {
        quote! {
            impl ::apigen_runtime::wire::Encode for #name {
                fn encode(&self, w: &mut ::apigen_runtime::wire::Writer) {
                    let mut o = w.object();
                    match self {
                        #(#ser_arms)*
                        Self::Unknown => o.fail(#unknown_msg),
                    }
                    o.end();
                }
            }
        }
    });
    let decode = plan.decode_impl(&shape.id, || quote! {
        impl ::apigen_runtime::wire::Decode for #name {
            fn decode(r: &mut ::apigen_runtime::wire::Reader<'_>) -> ::std::result::Result<Self, ::apigen_runtime::wire::DecodeError> {
                let mut found = None;
                let mut unknown = false;
                let mut object = r.object()?;
                while let Some(key) = object.next(r)? {
                    let value = match &*key {
                        #(#de_arms)*
                        "__type" => {
                            r.skip()?;
                            None
                        }
                        _ => {
                            r.skip()?;
                            unknown = true;
                            None
                        }
                    };
                    if let Some(value) = value {
                        if found.replace(value).is_some() {
                            return Err(r.error(#several_msg));
                        }
                    }
                }
                match found {
                    Some(value) => Ok(value),
                    None if unknown => Ok(Self::Unknown),
                    None => Err(r.error(#none_msg)),
                }
            }
        }
    });
    (encode, decode)
}

/// The codec of a union marked `apigen.api#untagged` (an OpenAPI `oneOf`
/// or `anyOf`): a member is written as its own JSON; reading picks it by
/// the discriminator's value, or tries the members in declared order.
fn untagged_wire(
    plan: &CratePlan,
    shape: &Shape,
    name: &proc_macro2::Ident,
    how: &Node,
    members: &[(proc_macro2::Ident, TokenStream, &Member)],
) -> (Option<TokenStream>, Option<TokenStream>) {
    let unknown_msg = format!("cannot send the Unknown member of union {name}");
    let ser_arms = members.iter().map(
        |(v, _, _)| quote!(Self::#v(inner) => ::apigen_runtime::wire::Encode::encode(inner, w),),
    );
    let encode = plan.encode_impl(&shape.id, || {
        quote! {
            impl ::apigen_runtime::wire::Encode for #name {
                fn encode(&self, w: &mut ::apigen_runtime::wire::Writer) {
                    match self {
                        #(#ser_arms)*
                        Self::Unknown => w.fail(#unknown_msg),
                    }
                }
            }
        }
    });
    let mapping: Vec<(&str, &str)> = how
        .get("mapping")
        .and_then(Node::as_object)
        .unwrap_or_default()
        .iter()
        .filter_map(|(k, v)| Some((k.name.as_str(), v.as_str()?)))
        .collect();
    let discriminator = how.get("discriminator").and_then(Node::as_str);
    let body = match discriminator {
        Some(property) if !mapping.is_empty() => {
            let arms = mapping.iter().filter_map(|(tag, member)| {
                let (v, ty, _) = members.iter().find(|(_, _, m)| m.name == *member)?;
                Some(quote!(Some(#tag) => r.decode::<#ty>().map(Self::#v),))
            });
            quote! {
                match r.peek_field(#property).as_deref() {
                    #(#arms)*
                    _ => {
                        r.skip()?;
                        Ok(Self::Unknown)
                    }
                }
            }
        }
        _ => {
            let tries = members.iter().map(|(v, ty, m)| {
                let attempt = quote! {
                    if let Some(value) = r.attempt::<#ty>() {
                        return Ok(Self::#v(value));
                    }
                };
                let (required, constants) = object_shape(plan, &m.target);
                if required.is_empty() && constants.is_empty() {
                    return attempt;
                }
                let constants = constants.iter().map(|(k, v)| quote!((#k, #v)));
                quote! {
                    if r.object_fits(&[#(#required),*], &[#(#constants),*]) {
                        #attempt
                    }
                }
            });
            quote! {
                #(#tries)*
                r.skip()?;
                Ok(Self::Unknown)
            }
        }
    };
    let decode = plan.decode_impl(&shape.id, || quote! {
        impl ::apigen_runtime::wire::Decode for #name {
            fn decode(r: &mut ::apigen_runtime::wire::Reader<'_>) -> ::std::result::Result<Self, ::apigen_runtime::wire::DecodeError> {
                #body
            }
        }
    });
    (encode, decode)
}

/// What an untagged union's structure member must show before it is tried:
/// the wire names of its required members, and the value of each of those
/// that targets an enum of one value (how OpenAPI documents tell objects
/// apart: `object: {enum: [customer]}`).
fn object_shape(plan: &CratePlan, target: &ShapeId) -> (Vec<String>, Vec<(String, String)>) {
    let Some(shape) = plan
        .shape(target)
        .filter(|s| s.kind == ShapeKind::Structure)
    else {
        return (Vec::new(), Vec::new());
    };
    let Some(protocol) = plan.protocol.as_deref() else {
        return (Vec::new(), Vec::new());
    };
    let mut required = Vec::new();
    let mut constants = Vec::new();
    for m in shape
        .members
        .iter()
        .filter(|m| traits::is_required(&m.traits))
    {
        let wire = protocol.wire_name(m);
        if let Some(e) = plan.shape(&m.target).filter(|s| s.kind == ShapeKind::Enum) {
            if let [only] = e.members.as_slice() {
                let value = only
                    .traits
                    .get(&traits::enum_value())
                    .and_then(Node::as_str)
                    .unwrap_or(&only.name);
                constants.push((wire.clone(), value.to_string()));
            }
        }
        required.push(wire);
    }
    (required, constants)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of `struct_item`, which goes to the text table.
    fn struct_text(fields: &[Field]) -> String {
        super::super::setters::take_table();
        let _ = struct_item(
            Some("@0".into()),
            "#[derive(Clone, Debug, PartialEq)]",
            "S",
            fields,
        );
        super::super::setters::take_table().concat()
    }

    /// `build()` lays out as prettyplease lays it out, one field or more,
    /// fallible or not, short names and long, fields too long for their
    /// line first, between others and last.
    #[test]
    fn build_fns_lay_out_as_prettyplease_does() {
        for len in 1..80 {
            let name = format!("S{}", "n".repeat(len));
            for count in 0..5 {
                let f = "f".repeat(len % 20 + 1);
                let g = "g".repeat(len % 45 + 1);
                let odd = if len % 2 == 0 { "" } else { "x" };
                let fields: Vec<String> = (0..count)
                    .map(|i| match i {
                        0 => format!("{f}: self.{f}{odd}"),
                        2 => "b: self.b.ok_or_else(|| ::apigen_runtime::BuildError::missing_field(\"b\"))?".to_string(),
                        _ => format!("{g}: self.{g}.ok_or_else(|| ::apigen_runtime::BuildError::missing_field(\"{g}\"))?"),
                    })
                    .collect();
                for result in [None, Some("Result"), Some("::std::result::Result")] {
                    super::super::setters::take_table();
                    let _ = build_fn("Builds it.", &name, result, &fields);
                    let text = super::super::setters::take_table().concat();
                    let indented: String = text.lines().map(|l| format!("    {l}\n")).collect();
                    let source = format!("impl S {{\n{indented}}}\n");
                    let file: syn::File = syn::parse_str(&source).expect("valid Rust");
                    assert_eq!(
                        prettyplease::unparse(&file),
                        source,
                        "{len} {count} {result:?}"
                    );
                }
            }
        }
    }

    /// The codec impls lay out as prettyplease lays them out (with the
    /// `#[inline]` that `lazy_codegen` adds), long names and a shadowed
    /// `Result` included, with members and without, gated or not.
    #[test]
    fn codecs_lay_out_as_prettyplease_does() {
        let writes = "o.opt(\"a\", &self.a);\no.field(\"b\", &self.b);\n";
        let reads = "        \"a\" => out.a = r.decode()?,\n        \"b\" => {\n            if let Some(value) = r.decode()? {\n                out.b = value;\n            }\n        }\n";
        for len in 1..100 {
            let name = format!("S{}", "n".repeat(len));
            for result in ["Result", "::std::result::Result"] {
                for (w, r) in [(writes, reads), ("", "")] {
                    let gates = [Some(""), Some("#[cfg(feature = \"server\")]\n"), None];
                    let codecs = Codecs {
                        name: &name,
                        encode: gates[len % 3],
                        decode: gates[(len + 1) % 3],
                        result,
                    };
                    let text = codecs.text(w, r);
                    if text.is_empty() {
                        continue;
                    }
                    let file: syn::File = syn::parse_str(&text).expect("valid Rust");
                    assert_eq!(prettyplease::unparse(&file), text, "{len} {result}");
                }
            }
        }
    }

    /// Fields of every length, nested generics included, lay out as
    /// prettyplease lays them out.
    #[test]
    fn struct_items_lay_out_as_prettyplease_does() {
        for len in 1..100 {
            let t = "T".repeat(len);
            let types = [
                format!("Option<crate::types::{t}>"),
                format!("Option<Vec<crate::types::{t}>>"),
                format!("Option<::std::collections::HashMap<String, crate::types::{t}>>"),
                format!("::std::collections::HashMap<crate::types::{t}, String>"),
            ];
            let fields: Vec<Field> = types
                .into_iter()
                .enumerate()
                .map(|(i, ty)| Field {
                    docs: (i % 2 == 0).then(|| format!("@{}", i + 1)),
                    name: format!("pub f{i}"),
                    ty,
                })
                .collect();
            let text = struct_text(&fields);
            let file: syn::File = syn::parse_str(&text).expect("valid Rust");
            assert_eq!(prettyplease::unparse(&file), text, "length {len}");
        }
        let empty = struct_text(&[]);
        let file: syn::File = syn::parse_str(&empty).expect("valid Rust");
        assert_eq!(prettyplease::unparse(&file), empty);
    }
}
