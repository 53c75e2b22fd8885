//! The setter trios of builders: `field(value)`, `set_field(Option)` and
//! `get_field()`, for the input/structure builders (which store the value)
//! and for the operations' fluent builders (which delegate to the input
//! builder). One description of each member's setter serves both. The
//! structures' getters are written here too, the same way.
//!
//! Setters and getters are most of a generated crate's text and all alike, so they are
//! written as formatted text rather than tokens: the emitters place a
//! `__apigen_text!(N);` item where they belong, and [`super::format`]
//! splices the text in after prettyplease has formatted the rest. Parsing
//! and printing them through syn and prettyplease was a third of
//! generation time. The text follows prettyplease's layout (89 columns,
//! one parameter per line when a signature is longer).

use super::docs;
use super::plan::CratePlan;
use super::rust_types::{field_ident, field_type, list_item_type, value_type};
use crate::model::{traits, Member, ShapeId, ShapeKind};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;

/// prettyplease's margin.
pub const WIDTH: usize = 89;
/// Setters sit in an `impl` block at the top of a file.
const INDENT: usize = 4;

thread_local! {
    /// The text behind each placeholder of the file(s) being emitted on this
    /// thread (as for doc placeholders, a job runs on one thread).
    static TABLE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

thread_local! {
    /// Runtime modules (`wire`, `validation`) that text on this thread
    /// names: tokens that name them get their `use` from
    /// [`super::format::render`], text has to say so.
    static IMPORTS: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// Takes the text blocks registered on this thread since the last call.
pub fn take_table() -> Vec<String> {
    TABLE.with(|t| std::mem::take(&mut *t.borrow_mut()))
}

/// Records that text of the file being emitted names runtime `module`.
pub fn import(module: &'static str) {
    IMPORTS.with(|i| {
        let mut i = i.borrow_mut();
        if !i.contains(&module) {
            i.push(module);
        }
    });
}

/// Takes the modules recorded since the last call.
pub fn take_imports() -> Vec<&'static str> {
    IMPORTS.with(|i| std::mem::take(&mut *i.borrow_mut()))
}

/// The placeholder for `text`: an item in an `impl` block, or a statement
/// in a function body (see the module docs).
pub fn placeholder(text: String) -> TokenStream {
    let index = TABLE.with(|t| {
        let mut t = t.borrow_mut();
        t.push(text);
        t.len() - 1
    });
    let index = proc_macro2::Literal::usize_unsuffixed(index);
    quote!(__apigen_text!(#index);)
}

/// The text of placeholder line `line` (`__apigen_text!(N);`), if it is one.
pub fn lookup<'t>(line: &str, table: &'t [String]) -> Option<&'t str> {
    let index = line
        .trim()
        .strip_prefix("__apigen_text!(")?
        .strip_suffix(");")?;
    table.get(index.parse::<usize>().ok()?).map(String::as_str)
}

/// How a member's main setter takes its value.
enum Kind {
    /// `field(impl Into<T>)`, stored as `Some(..)` (boxed when recursive).
    Value { ty: String, boxed: bool },
    /// `field(impl Into<Item>)` appends to the list.
    ListItem { item: String },
    /// `field(impl Into<K>, impl Into<V>)` inserts into the map.
    MapEntry { key: String, value: String },
}

/// One member's setters, as both kinds of builder write them.
pub struct MemberSetter {
    field: String,
    plain: String,
    docs: Option<String>,
    kind: Kind,
    /// The type inside the builder's `Option` (`Box<T>` when boxed).
    stored: String,
    /// `Vec::new` / `HashMap::new`, shortened as the rest of the file is.
    new_vec: String,
    new_map: String,
    /// `Option`, or its full path where a generated type shadows it.
    option: String,
}

impl MemberSetter {
    pub fn new(plan: &CratePlan, owner: &ShapeId, m: &Member) -> Self {
        let text = |tokens: TokenStream| type_text(tokens, &plan.shadowed);
        let field = field_ident(m).to_string();
        let plain = field.trim_start_matches("r#").to_string();
        let ft = field_type(plan, owner, m);
        let value = ft.value.clone();
        let stored = if ft.boxed {
            text(quote!(::std::boxed::Box<#value>))
        } else {
            text(value.clone())
        };
        let docs = docs::doc_marker(
            traits::docs(&m.traits),
            &format!("The `{}` member.", m.name),
        );
        let target = plan.shape(&m.target);
        let sparse = target.is_some_and(|t| t.has_trait(&traits::sparse()));
        let member_type = |name: &str| {
            target
                .and_then(|t| t.member(name))
                .map(|k| value_type(plan, &k.target))
                .unwrap_or_else(|| quote!(()))
        };
        let kind = match target.map(|t| t.kind) {
            Some(ShapeKind::List) => Kind::ListItem {
                item: text(list_item_type(plan, &m.target)),
            },
            Some(ShapeKind::Map) => {
                let val = member_type("value");
                let val = if sparse {
                    quote!(::std::option::Option<#val>)
                } else {
                    val
                };
                Kind::MapEntry {
                    key: text(member_type("key")),
                    value: text(val),
                }
            }
            _ => Kind::Value {
                ty: text(value),
                boxed: ft.boxed,
            },
        };
        MemberSetter {
            field,
            plain,
            docs,
            kind,
            stored,
            new_vec: plan.std_paths.new_vec.clone(),
            new_map: plan.std_paths.new_map.clone(),
            option: plan.std_paths.option.clone(),
        }
    }
}

/// `Vec::new`, `HashMap::new` and `Option` as the crate's files spell them
/// (shortened unless a generated type shadows the name): the same for
/// every setter, so worked out once per crate.
#[derive(Clone, Debug)]
pub struct StdPaths {
    new_vec: String,
    new_map: String,
    option: String,
}

impl StdPaths {
    pub fn new(shadowed: &[&str]) -> Self {
        StdPaths {
            new_vec: type_text(quote!(::std::vec::Vec::new), shadowed),
            new_map: type_text(quote!(::std::collections::HashMap::new), shadowed),
            option: type_text(quote!(::std::option::Option), shadowed),
        }
    }
}

/// Whether the builder holds the values or passes them to `self.inner`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Storage,
    Delegate,
}

/// The setter trios of `members` as one placeholder item.
pub fn setter_items(members: &[MemberSetter], target: Target) -> TokenStream {
    if members.is_empty() {
        return TokenStream::new();
    }
    let mut out = String::new();
    for m in members {
        write_trio(&mut out, m, target);
    }
    placeholder(out)
}

fn write_trio(out: &mut String, m: &MemberSetter, target: Target) {
    let f = &m.field;
    let delegate = target == Target::Delegate;
    // The main setter.
    let (params, body): (Vec<String>, Vec<String>) = match &m.kind {
        Kind::Value { ty, boxed } => {
            let value = if *boxed {
                "Box::new(input.into())"
            } else {
                "input.into()"
            };
            let body = if delegate {
                vec![format!("self.inner = self.inner.{f}(input);")]
            } else {
                assign_some(&format!("self.{f}"), value)
            };
            (vec![format!("input: impl Into<{ty}>")], body)
        }
        Kind::ListItem { item } => {
            if !delegate {
                out_doc(
                    out,
                    &format!("Appends an item to `{}`; call it once per item.", m.plain),
                );
            }
            let body = if delegate {
                vec![format!("self.inner = self.inner.{f}(input);")]
            } else {
                chain(
                    &format!("self.{f}"),
                    &[
                        &format!("get_or_insert_with({})", m.new_vec),
                        "push(input.into())",
                    ],
                )
            };
            (vec![format!("input: impl Into<{item}>")], body)
        }
        Kind::MapEntry { key, value } => {
            if !delegate {
                out_doc(out, &format!("Adds a key-value pair to `{}`.", m.plain));
            }
            let body = if delegate {
                vec![format!("self.inner = self.inner.{f}(key, value);")]
            } else {
                chain(
                    &format!("self.{f}"),
                    &[
                        &format!("get_or_insert_with({})", m.new_map),
                        "insert(key.into(), value.into())",
                    ],
                )
            };
            (
                vec![
                    format!("key: impl Into<{key}>"),
                    format!("value: impl Into<{value}>"),
                ],
                body,
            )
        }
    };
    let docs = m.docs.as_deref();
    method(out, docs, f, true, &params, "Self", &body, true);
    // `set_field(Option)`.
    let set_body = if delegate {
        format!("self.inner = self.inner.set_{}(input);", m.plain)
    } else {
        format!("self.{f} = input;")
    };
    method(
        out,
        docs,
        &format!("set_{}", m.plain),
        true,
        &[format!("input: {}<{}>", m.option, m.stored)],
        "Self",
        &[set_body],
        true,
    );
    // `get_field()`.
    let get_body = if delegate {
        format!("self.inner.get_{}()", m.plain)
    } else {
        format!("&self.{f}")
    };
    method(
        out,
        docs,
        &format!("get_{}", m.plain),
        false,
        &[],
        &format!("&{}<{}>", m.option, m.stored),
        &[get_body],
        false,
    );
}

/// One getter of a structure: `name(&self) -> ret { body }`.
pub struct Getter {
    pub docs: Option<String>,
    pub name: String,
    /// The return type, as [`type_text`] writes it.
    pub ret: String,
    /// The receiver and the calls after it: `self.tags`, `["as_deref()"]`.
    pub place: String,
    pub calls: Vec<&'static str>,
}

/// A structure's getters as one placeholder item, each `#[inline]` (as
/// [`super::lazy_codegen`] marks the items built as tokens).
pub fn getter_items(getters: &[Getter]) -> TokenStream {
    if getters.is_empty() {
        return TokenStream::new();
    }
    let mut out = String::new();
    for g in getters {
        if let Some(marker) = &g.docs {
            let _ = writeln!(out, "///{marker}");
        }
        out.push_str("#[inline]\n");
        signature(&mut out, &g.name, &["&self".to_string()], &g.ret);
        for line in tail_chain(&g.place, &g.calls) {
            let _ = writeln!(out, "    {line}");
        }
        out.push_str("}\n");
    }
    placeholder(out)
}

/// `impl Trait for Name {` at column 0, broken before `for` when it does
/// not fit, as prettyplease breaks it.
pub fn impl_header(out: &mut String, trait_path: &str, name: &str) {
    let one_line = format!("impl {trait_path} for {name} {{");
    if one_line.len() <= WIDTH {
        out.push_str(&one_line);
        out.push('\n');
    } else {
        let _ = writeln!(out, "impl {trait_path}\nfor {name} {{");
    }
}

/// `item`, a field (`wrapper` `struct S`) or an impl item (`impl S`) written
/// at column 0, laid out by prettyplease itself: for the few items whose
/// layout depends on more than widths. Not Rust: left as it is, for the
/// compiler to report.
pub fn by_prettyplease(wrapper: &str, item: &str) -> String {
    thread_local! {
        /// Layouts already made: the same long field recurs across a
        /// document's types (`data`, `has_more`, `url` of every list).
        static MADE: RefCell<HashMap<(String, String), String>> = RefCell::new(HashMap::new());
    }
    let key = (wrapper.to_string(), item.to_string());
    if let Some(made) = MADE.with(|m| m.borrow().get(&key).cloned()) {
        return made;
    }
    let made = prettyplease_item(wrapper, item);
    MADE.with(|m| m.borrow_mut().insert(key, made.clone()));
    made
}

/// A field of a structure expression (`name: value`), too long for its line
/// at column 12, as prettyplease lays it out: the lines from column 12.
/// prettyplease lets the last field run past the margin where it breaks
/// any other, so `last` says which one it is.
pub fn long_field(field: &str, last: bool) -> Vec<String> {
    // A short neighbour on the other side; its line is dropped.
    let (before, after) = if last {
        ("        a: b,\n", "")
    } else {
        ("", "        a: b,\n")
    };
    let laid_out = by_prettyplease(
        "impl S",
        &format!("fn f() {{\n    S {{\n{before}        {field},\n{after}    }}\n}}\n"),
    );
    // `fn f() {`, `    S {`, the fields, `    }`, `}`.
    let lines: Vec<&str> = laid_out.lines().collect();
    lines[2.min(lines.len())..lines.len().saturating_sub(2)]
        .iter()
        .filter(|l| **l != "        a: b,")
        .map(|l| l.strip_prefix("        ").unwrap_or(l).to_string())
        .collect()
}

fn prettyplease_item(wrapper: &str, item: &str) -> String {
    let Ok(file) = syn::parse_str::<syn::File>(&format!("{wrapper} {{\n{item}}}")) else {
        return item.to_string();
    };
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    let inner = &lines[1.min(lines.len())..lines.len().saturating_sub(1)];
    inner
        .iter()
        .map(|l| format!("{}\n", l.strip_prefix("    ").unwrap_or(l)))
        .collect()
}

/// `f(args);` as a statement at column `indent`: on one line when it
/// fits, else one argument per line.
pub fn call_statement(out: &mut String, indent: usize, f: &str, args: &[String]) {
    let one = format!("{f}({});", args.join(", "));
    if indent + one.len() <= WIDTH {
        out.push_str(&one);
        out.push('\n');
        return;
    }
    let _ = writeln!(out, "{f}(");
    for a in args {
        let _ = writeln!(out, "    {a},");
    }
    out.push_str(");\n");
}

/// `receiver.a().b()` as a tail expression: one line when it fits, else
/// one call per line, as prettyplease breaks a chain.
fn tail_chain(receiver: &str, calls: &[&str]) -> Vec<String> {
    let one = std::iter::once(receiver.to_string())
        .chain(calls.iter().map(|c| c.to_string()))
        .collect::<Vec<_>>()
        .join(".");
    if INDENT * 2 + one.len() <= WIDTH {
        return vec![one];
    }
    if calls.is_empty() {
        // A lone field access breaks before the field.
        return match receiver.split_once("self.") {
            Some((before, field)) => vec![format!("{before}self"), format!("    .{field}")],
            None => vec![one],
        };
    }
    let mut lines = vec![receiver.to_string()];
    lines.extend(calls.iter().map(|c| format!("    .{c}")));
    lines
}

fn out_doc(out: &mut String, text: &str) {
    if let Some(marker) = docs::doc_marker(Some(text), "") {
        let _ = writeln!(out, "///{marker}");
    }
}

/// `place = Some(value);`, or with the argument on its own line when the
/// statement does not fit.
fn assign_some(place: &str, value: &str) -> Vec<String> {
    let one = format!("{place} = Some({value});");
    if INDENT * 2 + one.len() <= WIDTH {
        return vec![one];
    }
    vec![
        format!("{place} = Some("),
        format!("    {value},"),
        ");".to_string(),
    ]
}

/// `receiver.a().b();` on one line when it fits, else one call per line.
fn chain(receiver: &str, calls: &[&str]) -> Vec<String> {
    let one = format!("{receiver}.{};", calls.join("."));
    if INDENT * 2 + one.len() <= WIDTH {
        return vec![one];
    }
    let mut lines = vec![receiver.to_string()];
    for (i, c) in calls.iter().enumerate() {
        let end = if i + 1 == calls.len() { ";" } else { "" };
        lines.push(format!("    .{c}{end}"));
    }
    lines
}

/// Method names clippy's `should_implement_trait` reserves for std traits.
const STD_TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// A `pub fn` taking `self` by value (`mut self`) or by reference, with
/// its docs, laid out as prettyplease would.
#[allow(clippy::too_many_arguments)]
fn method(
    out: &mut String,
    docs: Option<&str>,
    name: &str,
    by_value: bool,
    params: &[String],
    ret: &str,
    body: &[String],
    returns_self: bool,
) {
    if let Some(marker) = docs {
        let _ = writeln!(out, "///{marker}");
    }
    // A member named like a std trait method (`add`, `next`, `from_str`)
    // keeps its name, as in aws-sdk-rust; the builder does not implement
    // the trait, which is what clippy suspects.
    if STD_TRAIT_METHODS.contains(&name) {
        out.push_str("#[allow(clippy::should_implement_trait)]\n");
    }
    let receiver = if by_value { "mut self" } else { "&self" };
    let mut all = vec![receiver.to_string()];
    all.extend(params.iter().cloned());
    signature(out, name, &all, ret);
    for line in body {
        let _ = writeln!(out, "    {line}");
    }
    if returns_self {
        out.push_str("    self\n");
    }
    out.push_str("}\n");
}

/// `pub fn name(params) -> ret {` on one line when it fits, else one
/// parameter per line, and a return type or parameter type that still does
/// not fit broken inside its angle brackets, as prettyplease does.
pub(super) fn signature(out: &mut String, name: &str, params: &[String], ret: &str) {
    let one_line = format!("pub fn {name}({}) -> {ret} {{", params.join(", "));
    if INDENT + one_line.len() <= WIDTH {
        out.push_str(&one_line);
        out.push('\n');
        return;
    }
    let _ = writeln!(out, "pub fn {name}(");
    for p in params {
        let (label, ty) = match p.split_once(": ") {
            Some((label, ty)) => (format!("{label}: "), ty),
            None => (String::new(), p.as_str()),
        };
        for line in type_lines(ty, INDENT * 2, &label, ",") {
            let _ = writeln!(out, "    {line}");
        }
    }
    for line in type_lines(ret, INDENT, ") -> ", " {") {
        let _ = writeln!(out, "{line}");
    }
}

/// `prefix` `ty` `suffix` at column `indent`: one line when it fits, else
/// the type's outermost generic arguments one per line (each broken the
/// same way if it still does not fit), with trailing commas.
fn type_lines(ty: &str, indent: usize, prefix: &str, suffix: &str) -> Vec<String> {
    let line = format!("{prefix}{ty}{suffix}");
    let open = ty.find('<');
    let (Some(open), true) = (open, ty.ends_with('>')) else {
        return vec![line];
    };
    if indent + line.len() <= WIDTH {
        return vec![line];
    }
    let mut lines = vec![format!("{prefix}{}", &ty[..=open])];
    for arg in split_top_level(&ty[open + 1..ty.len() - 1]) {
        lines.extend(
            type_lines(arg, indent + INDENT, "", ",")
                .into_iter()
                .map(|l| format!("    {l}")),
        );
    }
    lines.push(format!(">{suffix}"));
    lines
}

/// `a, B<c, d>, e` → `a`, `B<c, d>`, `e`.
fn split_top_level(args: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in args.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(args[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(args[start..].trim());
    out
}

/// A type (or path) as text, with std paths shortened as in the rest of the
/// file: `Option<Vec<crate::types::Tag>>`.
pub fn type_text(tokens: TokenStream, shadowed: &[&str]) -> String {
    let mut imported = Vec::new();
    let tokens = super::format::shorten(tokens, shadowed, &mut imported);
    let mut out = String::new();
    write_tokens(&mut out, tokens);
    out
}

fn write_tokens(out: &mut String, tokens: TokenStream) {
    let mut prev_word = false;
    for tree in tokens {
        match tree {
            TokenTree::Ident(i) => {
                if prev_word {
                    out.push(' ');
                }
                let _ = write!(out, "{i}");
                prev_word = true;
            }
            TokenTree::Literal(l) => {
                if prev_word {
                    out.push(' ');
                }
                let _ = write!(out, "{l}");
                prev_word = true;
            }
            TokenTree::Punct(p) => {
                out.push(p.as_char());
                if p.as_char() == ',' {
                    out.push(' ');
                }
                // After `'` (a lifetime), `&` or `::` the next word is glued on.
                prev_word = false;
            }
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                write_tokens(out, g.stream());
                out.push_str(close);
                prev_word = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ours`, text written at column 4 inside `{opener} … }`, is what
    /// prettyplease prints for the same source.
    fn assert_prettyplease_agrees(opener: &str, ours: &str, what: &str) {
        let file: syn::File = syn::parse_str(&format!("{opener} {{ {ours} }}")).unwrap();
        let theirs = prettyplease::unparse(&file);
        let indented: String = ours.lines().map(|l| format!("    {l}\n")).collect();
        assert_eq!(theirs, format!("{opener} {{\n{indented}}}\n"), "{what}");
    }

    #[test]
    fn types_print_like_prettyplease() {
        let t = quote!(::std::option::Option<::std::vec::Vec<crate::types::Tag>>);
        assert_eq!(type_text(t, &[]), "Option<Vec<crate::types::Tag>>");
        let t = quote!(::std::collections::HashMap<::std::string::String, &[u8]>);
        assert_eq!(
            type_text(t, &[]),
            "::std::collections::HashMap<String, &[u8]>"
        );
        // A model type named like a prelude type keeps std's full path.
        let t = quote!(::std::option::Option<crate::types::Option>);
        assert_eq!(
            type_text(t, &["Option"]),
            "::std::option::Option<crate::types::Option>"
        );
    }

    /// Around the margin, the text is laid out exactly as prettyplease lays
    /// out the same method.
    #[test]
    fn layout_matches_prettyplease_around_the_margin() {
        // Member names up to 60 characters (ECR's longest is 38).
        for len in 20..60 {
            let name = "n".repeat(len);
            let params = [format!(
                "input: impl Into<crate::types::{}>",
                "T".repeat(len / 2)
            )];
            let body = assign_some(&format!("self.{name}"), "input.into()");
            let mut ours = String::new();
            method(&mut ours, None, &name, true, &params, "Self", &body, true);
            assert_prettyplease_agrees("impl X", &ours, &format!("length {len}"));
        }
    }

    /// Long types break inside their angle brackets exactly as
    /// prettyplease breaks them, in parameters and return types.
    #[test]
    fn long_types_break_as_prettyplease_breaks_them() {
        for len in (30..110).step_by(3) {
            let ty = format!("crate::types::{}", "T".repeat(len));
            let map = format!("::std::collections::HashMap<String, {ty}>");
            for (params, ret) in [
                (vec![format!("input: impl Into<{ty}>")], "Self".to_string()),
                (vec![format!("input: Option<{map}>")], "Self".to_string()),
                (vec![], format!("&Option<{ty}>")),
                (vec![], format!("Option<&{map}>")),
            ] {
                let mut ours = String::new();
                let body = ["x()".to_string()];
                method(&mut ours, None, "field", true, &params, &ret, &body, false);
                let source = format!("impl X {{ {ours} }}");
                let file: syn::File = syn::parse_str(&source).unwrap();
                let theirs = prettyplease::unparse(&file);
                let indented: String = ours.lines().map(|l| format!("    {l}\n")).collect();
                assert_eq!(
                    theirs,
                    format!("impl X {{\n{indented}}}\n"),
                    "{params:?} {ret}"
                );
            }
        }
    }

    /// Up to member names of 64 characters (beyond, prettyplease breaks a
    /// `self.name.as_ref()` argument into a chain, and ours stays one line).
    #[test]
    fn call_statements_lay_out_as_prettyplease_does() {
        for len in (10..65).step_by(3) {
            let name = "n".repeat(len);
            let mut at4 = String::new();
            for args in [
                vec![format!("{name:?}"), format!("&self.{name}")],
                vec![
                    format!("{name:?}"),
                    format!("self.{name}.as_ref()"),
                    "wire::TimestampFormat::DateTime".to_string(),
                ],
            ] {
                call_statement(&mut at4, 4, "o.opt", &args);
            }
            assert_prettyplease_agrees("fn f()", &at4, &format!("length {len}"));
        }
    }

    #[test]
    fn getters_lay_out_as_prettyplease_does() {
        for len in (10..100).step_by(3) {
            let name = "g".repeat(len);
            let getters = [
                Getter {
                    docs: None,
                    name: name.clone(),
                    ret: format!("Option<&crate::types::{}>", "T".repeat(len)),
                    place: format!("self.{name}"),
                    calls: vec!["as_ref()"],
                },
                Getter {
                    docs: None,
                    name: name.clone(),
                    ret: "&[String]".into(),
                    place: format!("self.{name}"),
                    calls: vec!["as_deref()", "unwrap_or_default()"],
                },
                Getter {
                    docs: None,
                    name: name.clone(),
                    ret: "&str".into(),
                    place: format!("&self.{name}"),
                    calls: vec![],
                },
            ];
            TABLE.with(|t| t.borrow_mut().clear());
            let _ = getter_items(&getters);
            let ours = take_table().concat();
            assert_prettyplease_agrees("impl X", &ours, &format!("length {len}"));
        }
    }

    #[test]
    fn long_signatures_and_chains_wrap() {
        let mut out = String::new();
        method(
            &mut out,
            None,
            "a_fairly_long_setter_name_for_a_member",
            true,
            &["input: impl Into<crate::types::SomeRatherLongTypeNameForTesting>".into()],
            "Self",
            &["self.x = Some(input.into());".into()],
            true,
        );
        assert_eq!(
            out,
            "pub fn a_fairly_long_setter_name_for_a_member(\n    mut self,\n    input: impl Into<crate::types::SomeRatherLongTypeNameForTesting>,\n) -> Self {\n    self.x = Some(input.into());\n    self\n}\n"
        );
        assert_eq!(chain("self.a", &["b()", "c()"]), vec!["self.a.b().c();"]);
        let long = "x".repeat(90);
        assert_eq!(
            chain(
                &format!("self.{long}"),
                &["get_or_insert_with(Vec::new)", "push(input.into())"]
            ),
            vec![
                format!("self.{long}"),
                "    .get_or_insert_with(Vec::new)".to_string(),
                "    .push(input.into());".to_string()
            ]
        );
        let table = vec!["text".to_string()];
        assert_eq!(lookup("    __apigen_text!(0);", &table), Some("text"));
        assert_eq!(lookup("    __apigen_text!(1);", &table), None);
    }
}
