//! Documentation from the model, made safe for rustdoc.
//!
//! Doc text never goes through `syn` and `prettyplease`: an item's docs
//! become one short placeholder attribute (`#[doc = "@7"]`, printed as
//! `///@7`), and [`expand`] puts the lines back into the formatted text.
//! Docs are a third of a generated crate's text, and escaping, parsing and
//! printing them as string literals was as large a share of generation time.
//! A placeholder is `@` and digits with no leading space, which a `///`
//! comment written in an emitter's `quote!` (always ` text`) never is.

use proc_macro2::TokenStream;
use quote::quote;
use std::cell::RefCell;

thread_local! {
    /// The doc lines behind each placeholder of the file(s) being emitted
    /// on this thread; an emitter job runs on one thread from start to end.
    static TABLE: RefCell<Vec<Vec<String>>> = const { RefCell::new(Vec::new()) };
}

/// Registers `lines` and returns their placeholder text.
fn placeholder(lines: Vec<String>) -> String {
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        t.push(lines);
        format!("@{}", t.len() - 1)
    })
}

/// Takes the doc lines registered on this thread since the last call.
pub fn take_table() -> Vec<Vec<String>> {
    TABLE.with(|t| std::mem::take(&mut *t.borrow_mut()))
}

/// Replaces each placeholder line (`///@N`, `//!@N`) of formatted text with
/// its doc lines, at the placeholder's indentation.
pub fn expand(line: &str, table: &[Vec<String>], out: &mut String) -> bool {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let Some((prefix, index)) = body
        .strip_prefix("///@")
        .map(|i| ("///", i))
        .or_else(|| body.strip_prefix("//!@").map(|i| ("//!", i)))
    else {
        return false;
    };
    let Some(lines) = index
        .trim_end()
        .parse::<usize>()
        .ok()
        .and_then(|i| table.get(i))
    else {
        return false;
    };
    for l in lines {
        out.push_str(indent);
        out.push_str(prefix);
        if !l.is_empty() {
            out.push(' ');
            out.push_str(l);
        }
        out.push('\n');
    }
    true
}

/// `#[doc = ...]` attributes for a documentation string. Leading indentation
/// is removed so that prose never turns into an (untested, uncompilable)
/// indented code block, and fenced blocks are marked `text` so that rustdoc
/// does not run them as doctests.
///
/// Models that document nothing still get a line, so generated crates pass
/// `missing_docs`; `fallback` says what the item is (empty: no line).
pub fn doc_attrs(doc: Option<&str>, fallback: &str) -> TokenStream {
    let doc = match doc.filter(|d| !d.trim().is_empty()) {
        Some(d) => d,
        None if fallback.is_empty() => return TokenStream::new(),
        None => fallback,
    };
    let marker = placeholder(clean(doc));
    quote!(#[doc = #marker])
}

/// The placeholder text (`@N`) for `doc`, for items written as text; `None`
/// when there is nothing to say (as [`doc_attrs`] gives no attribute).
pub fn doc_marker(doc: Option<&str>, fallback: &str) -> Option<String> {
    let doc = match doc.filter(|d| !d.trim().is_empty()) {
        Some(d) => d,
        None if fallback.is_empty() => return None,
        None => fallback,
    };
    Some(placeholder(clean(doc)))
}

/// `#![doc = ...]` attributes, for module and crate documentation.
pub fn inner_doc_attrs(doc: Option<&str>, fallback: &str) -> TokenStream {
    let doc = doc.filter(|d| !d.trim().is_empty()).unwrap_or(fallback);
    let marker = placeholder(clean(doc));
    quote!(#![doc = #marker])
}

/// A one-paragraph doc line built by the emitter itself.
pub fn doc_line(text: &str) -> TokenStream {
    let marker = placeholder(vec![text.to_string()]);
    quote!(#[doc = #marker])
}

fn clean(doc: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in doc.lines() {
        // Tabs inside a line become spaces (rustdoc and clippy object to them).
        let spaced = raw.replace('\t', "    ");
        let line = spaced.trim();
        let line = if line.starts_with("```") {
            if line == "```"
                && !out
                    .iter()
                    .filter(|l| l.starts_with("```"))
                    .count()
                    .is_multiple_of(2)
            {
                "```".to_string()
            } else {
                "```text".to_string()
            }
        } else {
            line.to_string()
        };
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        // A plain line right after a list item would continue it lazily
        // (clippy's doc_lazy_continuation): the model means a new paragraph.
        let in_fence = !out
            .iter()
            .filter(|l| l.starts_with("```"))
            .count()
            .is_multiple_of(2);
        let is_item = |l: &str| l.starts_with("- ") || l.starts_with("* ") || l.starts_with("+ ");
        if !in_fence
            && !line.is_empty()
            && !is_item(&line)
            && !line.starts_with("```")
            && out.last().is_some_and(|l| is_item(l))
        {
            out.push(String::new());
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    if out.iter().filter(|l| l.starts_with("```")).count() % 2 == 1 {
        out.push("```".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_expand_at_their_indentation() {
        take_table();
        let attrs = doc_attrs(Some("First.\n\nSecond."), "").to_string();
        let line = doc_line("Own text.").to_string();
        assert_eq!(attrs, "# [doc = \"@0\"]");
        assert_eq!(line, "# [doc = \"@1\"]");
        let table = take_table();
        let mut out = String::new();
        assert!(expand("    ///@0\n", &table, &mut out));
        assert!(expand("//!@1", &table, &mut out));
        assert!(!expand("    /// @0 is prose", &table, &mut out));
        assert!(!expand("///@9", &table, &mut out));
        assert_eq!(
            out,
            "    /// First.\n    ///\n    /// Second.\n//! Own text.\n"
        );
    }

    #[test]
    fn a_line_after_a_list_is_a_new_paragraph() {
        assert_eq!(
            clean("Choose:\n- A: one\n- B: two\nOr leave it empty."),
            ["Choose:", "- A: one", "- B: two", "", "Or leave it empty."]
        );
    }

    #[test]
    fn indentation_and_fences_are_neutralised() {
        let lines = clean("First line.\n\n\n    indented\n```\ncode\n");
        assert_eq!(
            lines,
            vec!["First line.", "", "indented", "```text", "code", "```"]
        );
    }
}
