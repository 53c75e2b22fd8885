//! A large YAML document parsed in parts side by side: its top-level
//! sections, and the entries of `paths` in a few runs, each parsed on its
//! own with its place in the file, then joined in document order. Stripe's
//! document spends a sixth of a `generate --features types` in the parser,
//! two thirds of that in `paths`.
//!
//! Only a plain block mapping at the top is cut (no directives, document
//! markers, merge keys, anchors or complex keys at the cut lines). A part
//! that fails to parse, is not a mapping, or repeats a key of another part
//! makes the caller parse the whole document instead, so errors, and
//! anchors used across parts, come out exactly as they do whole.

use super::{Base, Loader, Positions, MAX_ALIAS_NODES};
use crate::node::{Key, Node, Value};
use crate::source::{FileId, Span};
use std::collections::HashSet;

/// Runs the entries of `paths` are cut into.
const PATH_RUNS: usize = 4;

/// A byte range of the text parsed on its own.
struct Part {
    start: usize,
    end: usize,
    /// Lines before `start`.
    lines: u32,
    kind: Kind,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Top-level keys and their values.
    Section,
    /// The `paths:` line, whose entries are in the runs after it.
    PathsHeader,
    /// Entries of `paths`.
    PathsRun,
}

/// The document as one tree, or `None` when it is not cut or a part fails.
pub(super) fn parse(file: FileId, text: &str) -> Option<Node> {
    let positions = Positions::new(text);
    let parts = cut(text, &positions)?;
    let parsed = crate::parallel::map_in_order(&parts, |part| {
        let base = Base {
            lines: part.lines,
            // The runs are the entries of a mapping one level down.
            depth: usize::from(part.kind == Kind::PathsRun),
        };
        let mut loader = Loader::new(file, &text[part.start..part.end], &positions, base);
        let node = loader.stream().ok()??;
        matches!(node.value, Value::Object(_)).then_some((node, loader.alias_nodes))
    });
    join(&parts, parsed)
}

/// Where the document can be cut: before each line that starts a top-level
/// key, and before runs of `paths`' entries.
fn cut(text: &str, positions: &Positions) -> Option<Vec<Part>> {
    // yaml-rust2 ends the stream at a NUL and breaks lines at a lone CR:
    // the cuts would not see either.
    if text.contains('\0')
        || text
            .match_indices('\r')
            .any(|(i, _)| !text[i + 1..].starts_with('\n'))
    {
        return None;
    }
    // With no lone CR, the lines are those that end at LF.
    let starts: Vec<usize> = positions.lines.iter().map(|&(s, _)| s as usize).collect();
    let mut keys = Vec::new();
    for (k, &at) in starts.iter().enumerate() {
        let line = &text[at..];
        if line.starts_with("---") || line.starts_with("...") || line.starts_with('%') {
            return None;
        }
        let first = line.as_bytes()[0];
        if matches!(first, b' ' | b'\t' | b'#' | b'\r' | b'\n') {
            continue;
        }
        if !is_plain_key_start(first) || is_merge_key(line) {
            return None;
        }
        keys.push(k);
    }
    if keys.is_empty() {
        return None;
    }
    // The first section also holds what precedes the first key.
    keys[0] = 0;
    let end_of = |i: usize| keys.get(i + 1).map_or(text.len(), |&k| starts[k]);
    let mut parts = Vec::new();
    for (i, &k) in keys.iter().enumerate() {
        let (start, end) = (starts[k], end_of(i));
        let line = text[start..].lines().next().unwrap_or("");
        let runs = if line.trim_end() == "paths:" {
            path_runs(text, &starts, k, end)
        } else {
            None
        };
        match runs {
            Some(runs) => {
                parts.push(Part {
                    start,
                    end: starts[runs[0]],
                    lines: k as u32,
                    kind: Kind::PathsHeader,
                });
                for (j, &first) in runs.iter().enumerate() {
                    parts.push(Part {
                        start: starts[first],
                        end: runs.get(j + 1).map_or(end, |&next| starts[next]),
                        lines: first as u32,
                        kind: Kind::PathsRun,
                    });
                }
            }
            None => parts.push(Part {
                start,
                end,
                lines: k as u32,
                kind: Kind::Section,
            }),
        }
    }
    Some(parts)
}

/// A merge key, which the loader applies after the mapping's other
/// entries, quoted or not: a part would apply it to its own entries only.
fn is_merge_key(line: &str) -> bool {
    ["<<", "\"<<\"", "'<<'"].iter().any(|k| line.starts_with(k))
}

/// A first byte that starts a plain or quoted key, not an indicator.
fn is_plain_key_start(b: u8) -> bool {
    !matches!(
        b,
        b'-' | b'['
            | b']'
            | b'{'
            | b'}'
            | b'?'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'<'
            | b'@'
            | b'`'
            | b','
    )
}

/// The first lines of up to [`PATH_RUNS`] runs of the entries of the
/// `paths:` section at line `header` (ending at byte `end`), balanced by
/// size; `None` when its entries are not one block mapping indented
/// alike, or too few to be worth it.
fn path_runs(text: &str, starts: &[usize], header: usize, end: usize) -> Option<Vec<usize>> {
    let mut indent = None;
    let mut entries = Vec::new();
    for (k, &at) in starts.iter().enumerate().skip(header + 1) {
        if at >= end {
            break;
        }
        let line = text[at..].split('\n').next().unwrap_or("");
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[spaces..];
        if rest.is_empty() || rest.starts_with('#') || rest == "\r" {
            continue;
        }
        let n = *indent.get_or_insert(spaces);
        if spaces < n || rest.starts_with('\t') {
            return None;
        }
        if spaces == n {
            if n == 0 || !is_plain_key_start(rest.as_bytes()[0]) || is_merge_key(rest) {
                return None;
            }
            entries.push(k);
        }
    }
    if entries.len() < 2 * PATH_RUNS {
        return None;
    }
    let size = |k: usize| entries.get(k + 1).map_or(end, |&next| starts[next]) - starts[entries[k]];
    let total: usize = (0..entries.len()).map(size).sum();
    let mut runs = vec![entries[0]];
    let mut filled = 0;
    for (k, &entry) in entries.iter().enumerate() {
        if filled >= total / PATH_RUNS * runs.len() && runs.len() < PATH_RUNS {
            runs.push(entry);
        }
        filled += size(k);
    }
    Some(runs)
}

/// The parts' trees as the whole document's: top-level entries in order,
/// `paths` holding its runs' entries.
fn join(parts: &[Part], parsed: Vec<Option<(Node, usize)>>) -> Option<Node> {
    let mut root: Vec<(Key, Node)> = Vec::new();
    let mut root_span: Option<Span> = None;
    let mut paths_at = None;
    let mut paths: Vec<(Key, Node)> = Vec::new();
    let mut alias_nodes = 0;
    for (part, parsed) in parts.iter().zip(parsed) {
        let (node, aliases) = parsed?;
        alias_nodes += aliases;
        let span = node.span;
        let Value::Object(entries) = node.value else {
            return None;
        };
        match part.kind {
            Kind::Section => {
                root_span.get_or_insert(span);
                root.extend(entries);
            }
            Kind::PathsHeader => {
                root_span.get_or_insert(span);
                let [(key, value)]: [(Key, Node); 1] = entries.try_into().ok()?;
                if key.name != "paths" || value.value != Value::Null {
                    return None;
                }
                paths_at = Some(root.len());
                root.push((key, value));
            }
            Kind::PathsRun => paths.extend(entries),
        }
    }
    if alias_nodes > MAX_ALIAS_NODES || repeats_a_key(&root) || repeats_a_key(&paths) {
        return None;
    }
    if let Some(at) = paths_at {
        // A block mapping's span is its first key's, as the whole parse
        // gives it.
        let span = paths.first()?.0.span;
        root[at].1 = Node::new(Value::Object(paths), span);
    }
    Some(Node::new(Value::Object(root), root_span?))
}

fn repeats_a_key(entries: &[(Key, Node)]) -> bool {
    let mut seen = HashSet::new();
    entries.iter().any(|(k, _)| !seen.insert(k.name.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole parse of `text`, bypassing the parts.
    fn whole(text: &str) -> Option<Node> {
        let positions = Positions::new(text);
        let mut loader = Loader::new(FileId::default(), text, &positions, Base::default());
        loader.stream().ok()?
    }

    /// Spans included: `Debug` shows every node's and key's position.
    fn same(a: &Node, b: &Node) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    fn paths_doc(entries: usize, extra: &str) -> String {
        let mut doc = String::from("# leading comment\nopenapi: 3.0.0\ninfo:\n  title: t # note\n  version: \"1\"\npaths:\n  # first\n");
        for i in 0..entries {
            doc.push_str(&format!(
                "  /items/{i}:\n    get:\n      description: |\n        Item {i},\n        é and ü.\n\n      responses:\n        \"200\": {{description: ok}}\n"
            ));
        }
        doc.push_str(extra);
        doc
    }

    #[test]
    fn parts_give_the_whole_tree_with_its_positions() {
        let docs = [
            paths_doc(12, "components:\n  schemas:\n    A: {type: string}\n"),
            paths_doc(40, ""),
            paths_doc(9, "x-top: [1,\n  2]\n"),
            paths_doc(3, "components: {}\n"),
            paths_doc(12, "paths2:\n  a: 1\n"),
            // A merge key among the paths: they are parsed as one part.
            paths_doc(12, "").replace("  /items/3:", "  '<<': {/merged: {}}\n  /items/3:"),
            // CRLF line ends.
            paths_doc(12, "").replace('\n', "\r\n"),
        ];
        for doc in &docs {
            let whole = whole(doc).unwrap_or_else(|| panic!("valid YAML: {doc}"));
            let parts = parse(FileId::default(), doc).expect("cut");
            assert!(same(&parts, &whole), "{doc}");
        }
        // `paths` itself was cut into runs in the first document.
        let parts = cut(&docs[0], &Positions::new(&docs[0])).expect("cut");
        let runs = parts.iter().filter(|p| p.kind == Kind::PathsRun).count();
        assert_eq!(runs, PATH_RUNS);
    }

    /// Every span's offset is the byte its line and column name, after
    /// folded scalars too (whose markers' character index runs ahead).
    #[test]
    fn offsets_follow_lines_and_columns() {
        let doc = "a:\n  b: >-\n    folded é\n    text\n  c: |\n    x\nd: \"ü\"\ne: 1\n";
        let node = whole(doc).expect("valid YAML");
        let Value::Object(root) = &node.value else {
            panic!("a mapping")
        };
        let spans: Vec<(&str, usize)> = root
            .iter()
            .map(|(k, _)| (k.name.as_str(), k.span.offset as usize))
            .collect();
        assert_eq!(
            spans,
            [
                ("a", 0),
                ("d", doc.find("d:").unwrap()),
                ("e", doc.find("e:").unwrap())
            ]
        );
        let value = &root[1].1;
        assert_eq!(value.span.offset as usize, doc.find("\"ü").unwrap());
        // Lines broken by a lone CR, as yaml-rust2 breaks them.
        let doc = "a: é\rb: 1\r\nc: 2\n";
        let node = whole(doc).expect("valid YAML");
        let Value::Object(root) = &node.value else {
            panic!("a mapping")
        };
        let keys: Vec<(u32, usize)> = root
            .iter()
            .map(|(k, _)| (k.span.line, k.span.offset as usize))
            .collect();
        assert_eq!(
            keys,
            [
                (1, 0),
                (2, doc.find("b:").unwrap()),
                (3, doc.find("c:").unwrap())
            ]
        );
    }

    #[test]
    fn what_cannot_be_cut_the_same_way_is_left_whole() {
        let refused = [
            // An anchor in one part used in another.
            format!(
                "{}components:\n  x: *a\n",
                paths_doc(9, "").replacen("get:", "get: &a", 1)
            ),
            // A key repeated across parts.
            paths_doc(9, "info: {}\n"),
            paths_doc(9, "").replace("/items/8:", "/items/0:"),
            // Document markers, merge keys and sequences at the top.
            format!("---\n{}", paths_doc(9, "")),
            paths_doc(9, "<<: {a: 1}\n"),
            paths_doc(9, "\"<<\": {x-merged: 1}\n"),
            // What the parser reads differently from the cuts: a NUL ends
            // the stream, a lone CR breaks a line.
            paths_doc(9, "").replace("title: t", "title: t\0"),
            paths_doc(9, "").replace("# leading comment", "# leading\rcomment"),
            "- a\n- b\n".to_string(),
            // Broken YAML: the whole parse reports it.
            paths_doc(9, "bad: [1,\n"),
            paths_doc(9, "\tx: 1\n"),
        ];
        for doc in &refused {
            assert!(parse(FileId::default(), doc).is_none(), "{doc}");
        }
    }
}
