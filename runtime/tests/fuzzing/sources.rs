//! Where real inputs come from: the Smithy conformance suites beside the
//! checkout (`../shared/conformance`, else `/work/shared/conformance`) and
//! the repository's own test data.

// Shared by several test crates, each of which uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root (each crate that includes this sits one level down).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate sits in the repository")
        .to_path_buf()
}

/// The conformance suites, or `None` (with a note) when neither place has
/// them: the hand-written seeds then still run.
pub fn conformance_dir(repo: &Path) -> Option<PathBuf> {
    let found = [
        repo.join("../shared/conformance"),
        PathBuf::from("/work/shared/conformance"),
    ]
    .into_iter()
    .find(|dir| dir.is_dir());
    if found.is_none() {
        eprintln!("note: no shared/conformance beside the checkout; hand-written seeds only");
    }
    found
}

/// Files under `dir` (recursively) whose name ends with `suffix`, sorted so
/// that the corpus, and so every run, is the same on every machine.
pub fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The string literals and text blocks of a Smithy IDL file, unescaped,
/// with the name of the member each is the value of (`body`, `value`, …,
/// or empty inside a list).
pub fn smithy_strings(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        if let Some(comment) = rest[..start].find("//") {
            // A quote in a comment opens no string.
            let line_end = rest[comment..]
                .find('\n')
                .map_or(rest.len(), |e| comment + e);
            rest = &rest[line_end..];
            continue;
        }
        let key = member_name(&rest[..start]);
        let after = &rest[start..];
        let (raw, len) = if let Some(block) = after.strip_prefix("\"\"\"") {
            match block.find("\"\"\"") {
                Some(end) => (&block[..end], end + 6),
                None => break,
            }
        } else {
            match literal_end(&after[1..]) {
                Some(end) => (&after[1..1 + end], end + 2),
                None => break,
            }
        };
        out.push((key, unescape(raw)));
        rest = &after[len..];
    }
    out
}

/// `body` in `…\n    body: ` (the text before a string literal).
fn member_name(before: &str) -> String {
    let line = before.rsplit('\n').next().unwrap_or("");
    match line.trim_end().strip_suffix(':') {
        Some(name) => name.trim().to_string(),
        None => String::new(),
    }
}

/// The offset of the quote that closes a literal starting at `text`.
fn literal_end(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// Smithy's escapes (JSON's, plus `\'` and line continuations).
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('\n') => {}
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(c) => out.push(c),
                    None => out.push_str(&format!("\\u{hex}")),
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Raw string literals (`r#"…"#`) of Rust test files that hold JSON-looking
/// text: the bodies the ECR client's tests send and answer.
pub fn rust_raw_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("r#\"") {
        let after = &rest[start + 3..];
        let Some(end) = after.find("\"#") else {
            break;
        };
        let body = &after[..end];
        if body.trim_start().starts_with(['{', '[']) {
            out.push(body.to_string());
        }
        rest = &after[end + 2..];
    }
    out
}
