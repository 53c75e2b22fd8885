//! Documentation from the model, made safe for rustdoc.

use proc_macro2::TokenStream;
use quote::quote;

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
    let lines: Vec<String> = clean(doc);
    let attrs = lines.iter().map(|l| {
        let l = format!(" {l}");
        quote!(#[doc = #l])
    });
    quote!(#(#attrs)*)
}

/// `#![doc = ...]` attributes, for module and crate documentation.
pub fn inner_doc_attrs(doc: Option<&str>, fallback: &str) -> TokenStream {
    let doc = doc.filter(|d| !d.trim().is_empty()).unwrap_or(fallback);
    let attrs = clean(doc).into_iter().map(|l| {
        let l = format!(" {l}");
        quote!(#![doc = #l])
    });
    quote!(#(#attrs)*)
}

/// A one-paragraph doc line built by the emitter itself.
pub fn doc_line(text: &str) -> TokenStream {
    let text = format!(" {text}");
    quote!(#[doc = #text])
}

fn clean(doc: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in doc.lines() {
        let line = raw.trim();
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
    use super::clean;

    #[test]
    fn indentation_and_fences_are_neutralised() {
        let lines = clean("First line.\n\n\n    indented\n```\ncode\n");
        assert_eq!(
            lines,
            vec!["First line.", "", "indented", "```text", "code", "```"]
        );
    }
}
