//! Renders token streams as formatted Rust source.

use proc_macro2::{Group, TokenStream, TokenTree};

/// std paths the emitters spell out in full (so that no model name can
/// shadow them) and the prelude name each one can be shortened to.
const PRELUDE_PATHS: &[(&str, &str, &str)] = &[
    ("option", "Option", "Option"),
    ("string", "String", "String"),
    ("vec", "Vec", "Vec"),
    ("boxed", "Box", "Box"),
    ("result", "Result", "Result"),
    ("convert", "Into", "Into"),
    ("convert", "From", "From"),
];

/// The prelude names among `type_names` (generated types that would shadow
/// them), computed once per crate.
pub fn shadowed_prelude<'a>(type_names: impl Iterator<Item = &'a str>) -> Vec<&'static str> {
    let names: Vec<&str> = type_names.collect();
    let mut out: Vec<&'static str> = PRELUDE_PATHS
        .iter()
        .map(|(_, name, _)| *name)
        .filter(|name| names.contains(name))
        .collect();
    out.dedup();
    out
}

/// Formats generated tokens with prettyplease. `shadowed` lists the prelude
/// names a generated type shadows ([`shadowed_prelude`]); paths to those
/// keep their full `::std::` spelling. `text_imports` are the runtime
/// modules that items written as text name.
/// Emitters only produce valid items, so a parse failure is a bug in apigen:
/// the raw tokens are returned so the compiler, not a panic, reports it.
pub fn render(
    tokens: TokenStream,
    shadowed: &[&str],
    docs: &[Vec<String>],
    texts: &[String],
    text_imports: &[&'static str],
) -> String {
    let mut imported = Vec::new();
    let tokens = shorten(tokens, shadowed, &mut imported);
    for module in text_imports {
        if !imported.contains(module) {
            imported.push(module);
        }
    }
    let tokens = with_imports(tokens, &imported);
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(mut file) => {
            super::lazy_codegen::mark_inline(&mut file.items);
            finish_text(&prettyplease::unparse(&file), docs, texts)
        }
        Err(e) => format!(
            "compile_error!({:?});\n{tokens}\n",
            format!("apigen emitted invalid Rust: {e}")
        ),
    }
}

/// Rewrites `::std::option::Option` (and the other paths above) to the
/// prelude name. Fewer tokens make parsing and printing markedly faster,
/// and the output reads like hand-written code.
pub(super) fn shorten(
    tokens: TokenStream,
    shadowed: &[&str],
    imported: &mut Vec<&'static str>,
) -> TokenStream {
    // Tokens are moved, never cloned: with proc-macro2 outside a proc macro
    // every identifier is a heap string, and cloning them all was most of
    // this pass's cost.
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        if let Some(module) = match_runtime_module(&trees[i..]) {
            // `::apigen_runtime::wire::X` becomes `wire::X` under a `use`.
            if !imported.contains(&module) {
                imported.push(module);
            }
            out.push(TokenTree::Ident(proc_macro2::Ident::new(
                module,
                proc_macro2::Span::call_site(),
            )));
            i += 6;
            continue;
        }
        if let Some(short) = match_std_path(&trees[i..], shadowed) {
            out.push(TokenTree::Ident(proc_macro2::Ident::new(
                short,
                proc_macro2::Span::call_site(),
            )));
            i += 9;
            continue;
        }
        let tree = std::mem::replace(
            &mut trees[i],
            TokenTree::Punct(proc_macro2::Punct::new(';', proc_macro2::Spacing::Alone)),
        );
        match tree {
            TokenTree::Group(g) => {
                let (delimiter, span) = (g.delimiter(), g.span());
                let stream = g.stream();
                // Dropping the group first leaves `stream` the only owner of
                // its tokens, so iterating it moves them.
                drop(g);
                let mut inner = Group::new(delimiter, shorten(stream, shadowed, imported));
                inner.set_span(span);
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// Runtime modules generated code names often enough to import.
const RUNTIME_MODULES: &[&str] = &["validation", "wire"];

/// Matches `::apigen_runtime::<module>` followed by `::` (six tokens) at the
/// start of `t`, for the modules above.
fn match_runtime_module(t: &[TokenTree]) -> Option<&'static str> {
    if t.len() < 8 {
        return None;
    }
    if !(colons(t, 0) && ident_is(t, 2, "apigen_runtime") && colons(t, 3) && colons(t, 6)) {
        return None;
    }
    RUNTIME_MODULES.iter().copied().find(|m| ident_is(t, 5, m))
}

/// Whether `t[k]`, `t[k + 1]` spell `::`.
fn colons(t: &[TokenTree], k: usize) -> bool {
    matches!((&t[k], &t[k + 1]), (TokenTree::Punct(a), TokenTree::Punct(b)) if a.as_char() == ':' && b.as_char() == ':')
}

/// Whether `t[k]` is the identifier `s`.
fn ident_is(t: &[TokenTree], k: usize, s: &str) -> bool {
    matches!(&t[k], TokenTree::Ident(id) if id == s)
}

/// Inserts `use ::apigen_runtime::<module>;` after the file's inner attributes.
fn with_imports(tokens: TokenStream, imported: &[&str]) -> TokenStream {
    if imported.is_empty() {
        return tokens;
    }
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    // Inner attributes (`#![...]`) are three tokens each and must come first.
    let mut split = 0;
    while split + 2 < trees.len()
        && matches!(&trees[split], TokenTree::Punct(p) if p.as_char() == '#')
        && matches!(&trees[split + 1], TokenTree::Punct(p) if p.as_char() == '!')
    {
        split += 3;
    }
    let mut imports = TokenStream::new();
    let mut sorted = imported.to_vec();
    sorted.sort_unstable();
    for module in sorted {
        let m = proc_macro2::Ident::new(module, proc_macro2::Span::call_site());
        imports.extend(quote::quote!(use ::apigen_runtime::#m;));
    }
    let items = trees.split_off(split);
    let mut out: TokenStream = trees.into_iter().collect();
    out.extend(imports);
    out.extend(items);
    out
}

/// Matches `::std::<module>::<Name>` at the start of `t`: three `::` of two
/// punctuation tokens each and three identifiers, nine tokens in all.
fn match_std_path(t: &[TokenTree], shadowed: &[&str]) -> Option<&'static str> {
    if t.len() < 9 {
        return None;
    }
    if !(colons(t, 0) && ident_is(t, 2, "std") && colons(t, 3) && colons(t, 6)) {
        return None;
    }
    PRELUDE_PATHS
        .iter()
        .find(|(module, name, _)| {
            ident_is(t, 5, module) && ident_is(t, 8, name) && !shadowed.contains(name)
        })
        .map(|(_, _, short)| *short)
}

/// Why each lint the emitters silence is silenced. `quote!` drops comments,
/// so the explanation is added to the formatted text.
const ALLOW_REASONS: &[(&str, &str)] = &[(
    "#[allow(deprecated)]",
    "// An enum naming its own deprecated variants is not a use of them.",
)];

/// The last pass over the formatted text: items written as text are
/// spliced in at their placeholder's indentation, doc placeholders are
/// expanded and silenced lints explained.
fn finish_text(text: &str, docs: &[Vec<String>], texts: &[String]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.split_inclusive('\n') {
        if let Some(block) = super::setters::lookup(line, texts) {
            let indent = &line[..line.len() - line.trim_start().len()];
            for inner in block.lines() {
                let indented = format!("{indent}{inner}\n");
                if !super::docs::expand(&indented, docs, &mut out) {
                    out.push_str(&indented);
                }
            }
            continue;
        }
        if super::docs::expand(line, docs, &mut out) {
            continue;
        }
        let trimmed = line.trim();
        if let Some((_, reason)) = ALLOW_REASONS.iter().find(|(attr, _)| *attr == trimmed) {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(indent);
            out.push_str(reason);
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}
