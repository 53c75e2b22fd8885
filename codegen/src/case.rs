//! Case conversion: `UpperCamelCase`, `lowerCamelCase`, `snake_case` and
//! `SHOUTY_SNAKE_CASE`, splitting words exactly as the heck crate (0.5)
//! does, so names stay what they were when apigen used it.
//!
//! heck writes every character through `fmt::Display`; naming Stripe's
//! document (some 50,000 names) spent a seventh of its load in that
//! machinery. These write into one `String`. `tests/case.rs` checks them
//! against heck on many generated strings.

/// `UpperCamelCase`: each word capitalized, no separator.
pub fn upper_camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    split_words(s, |word, _| capitalize(word, &mut out));
    out
}

/// `lowerCamelCase`: the first word lowercase, the rest capitalized.
pub fn lower_camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    split_words(s, |word, first| {
        if first {
            lowercase(word, &mut out)
        } else {
            capitalize(word, &mut out)
        }
    });
    out
}

/// `snake_case`: words lowercase, joined by `_`.
pub fn snake(s: &str) -> String {
    underscored(s, lowercase)
}

/// `SHOUTY_SNAKE_CASE`: words uppercase, joined by `_`.
pub fn shouty_snake(s: &str) -> String {
    underscored(s, |word, out| {
        for c in word.chars() {
            out.extend(c.to_uppercase());
        }
    })
}

/// The words of `s`, each written by `write`, joined by `_`.
fn underscored(s: &str, write: impl Fn(&str, &mut String)) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    split_words(s, |word, first| {
        if !first {
            out.push('_');
        }
        write(word, &mut out)
    });
    out
}

/// Calls `with_word(word, is_first)` for each word of `s`. Words are split
/// at every non-alphanumeric character, between a lowercase character and
/// an uppercase one (`fooBar`), and before the last capital of a run that a
/// lowercase character follows (`HTTPServer` is `HTTP`, `Server`). A word
/// holding no cased character adds no boundary of its own.
fn split_words(s: &str, mut with_word: impl FnMut(&str, bool)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        /// No cased character since the last boundary.
        Boundary,
        Lowercase,
        Uppercase,
    }
    let mut first = true;
    for word in s.split(|c: char| !c.is_alphanumeric()) {
        let mut chars = word.char_indices().peekable();
        let mut start = 0;
        let mut mode = Mode::Boundary;
        while let Some((i, c)) = chars.next() {
            let Some(&(next_i, next)) = chars.peek() else {
                with_word(&word[start..], first);
                first = false;
                break;
            };
            let next_mode = if c.is_lowercase() {
                Mode::Lowercase
            } else if c.is_uppercase() {
                Mode::Uppercase
            } else {
                mode
            };
            if next_mode == Mode::Lowercase && next.is_uppercase() {
                with_word(&word[start..next_i], first);
                first = false;
                start = next_i;
                mode = Mode::Boundary;
            } else if mode == Mode::Uppercase && c.is_uppercase() && next.is_lowercase() {
                with_word(&word[start..i], first);
                first = false;
                start = i;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
    }
}

/// Lowercase, with a word-final capital sigma as `ς` (as heck writes it).
fn lowercase(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'Σ' && chars.peek().is_none() {
            out.push('ς');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The first character uppercase, the rest lowercase.
fn capitalize(word: &str, out: &mut String) {
    let mut chars = word.char_indices();
    if let Some((_, c)) = chars.next() {
        out.extend(c.to_uppercase());
        if let Some((i, _)) = chars.next() {
            lowercase(&word[i..], out);
        }
    }
}
