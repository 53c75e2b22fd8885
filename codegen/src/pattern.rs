//! `@pattern` values as ECMA-262 regular expressions.
//!
//! The Smithy specification says a pattern is an ECMA-262 regular
//! expression; apigen checks and runs them with the `regress` engine in
//! Unicode mode (the `u` flag, which `\p{…}` needs), in the generator and in
//! generated code alike. Smithy's reference implementation, however,
//! compiles patterns with `java.util.regex`, so published models carry
//! Java-only syntax that Smithy accepts: inline flags `(?i)`, possessive
//! quantifiers, `\A`/`\z`, POSIX classes such as `\p{Alnum}`, quantified
//! anchors (`${1,128}`), and the lenient escapes of ECMA-262's Annex B (`\-`,
//! `\:` outside a class) that Unicode mode refuses. A pattern that is valid
//! ECMA-262 is used as written; any other is rewritten, construct by
//! construct, into an equivalent Unicode-mode expression, and each rewrite is
//! named so the loader can say what it did.

use std::fmt::Write as _;

/// The flags every pattern is compiled with (by the generator and the runtime).
pub const FLAGS: &str = "u";

/// A pattern ready for the ECMA-262 engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EcmaPattern {
    /// The expression to compile with [`FLAGS`].
    pub source: String,
    /// What was rewritten to get there (empty when the pattern was valid as written).
    pub rewrites: Vec<&'static str>,
}

/// The ECMA-262 form of a model's pattern, or why there is none.
pub fn to_ecma(pattern: &str) -> Result<EcmaPattern, String> {
    let first_error = match regress::Regex::with_flags(pattern, FLAGS) {
        Ok(_) => {
            return Ok(EcmaPattern {
                source: pattern.to_string(),
                rewrites: Vec::new(),
            })
        }
        Err(e) => e.to_string(),
    };
    let (source, rewrites) = Rewriter::new(pattern)
        .run()
        .map_err(|why| format!("{first_error} (nor is it Java syntax Smithy accepts: {why})"))?;
    match regress::Regex::with_flags(&source, FLAGS) {
        Ok(_) if !rewrites.is_empty() => Ok(EcmaPattern { source, rewrites }),
        _ => Err(first_error),
    }
}

/// One open group: where its `(` is in the output, whether it is a
/// look-around, and how many `(?flags:` groups opened by inline flags must
/// close with it.
struct Group {
    start: usize,
    look_around: bool,
    inline_flag_groups: usize,
}

struct Rewriter<'p> {
    chars: Vec<char>,
    pos: usize,
    out: String,
    rewrites: Vec<&'static str>,
    groups: Vec<Group>,
    /// Output offset where the last quantifiable atom starts.
    atom_start: Option<usize>,
    /// Whether the last atom is an assertion (anchor, look-around), which
    /// Unicode mode does not let a quantifier follow.
    atom_is_assertion: bool,
    /// Whether the output ends with a quantifier (so a `+` after it is possessive).
    after_quantifier: bool,
    possessive_count: usize,
    source: &'p str,
}

impl<'p> Rewriter<'p> {
    fn new(source: &'p str) -> Self {
        Rewriter {
            chars: source.chars().collect(),
            pos: 0,
            out: String::with_capacity(source.len() + 16),
            rewrites: Vec::new(),
            groups: vec![Group {
                start: 0,
                look_around: false,
                inline_flag_groups: 0,
            }],
            atom_start: None,
            atom_is_assertion: false,
            after_quantifier: false,
            possessive_count: 0,
            source,
        }
    }

    fn note(&mut self, what: &'static str) {
        if !self.rewrites.contains(&what) {
            self.rewrites.push(what);
        }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn starts_with(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(i, c)| self.peek(i) == Some(c))
    }

    fn begin_atom(&mut self, assertion: bool) {
        self.atom_start = Some(self.out.len());
        self.atom_is_assertion = assertion;
        self.after_quantifier = false;
    }

    fn run(mut self) -> Result<(String, Vec<&'static str>), String> {
        while let Some(c) = self.peek(0) {
            match c {
                '\\' => self.escape()?,
                '[' => self.class()?,
                '(' => self.open_group(),
                ')' => self.close_group()?,
                '*' | '+' | '?' => self.quantifier(1),
                '{' => match quantifier_len(&self.chars[self.pos..]) {
                    Some(len) => self.quantifier(len),
                    None => {
                        self.note("a literal `{` escaped");
                        self.begin_atom(false);
                        self.out.push_str("\\{");
                        self.pos += 1;
                    }
                },
                '}' | ']' => {
                    self.note("a literal bracket escaped");
                    self.begin_atom(false);
                    self.out.push('\\');
                    self.out.push(c);
                    self.pos += 1;
                }
                '^' | '$' => {
                    self.begin_atom(true);
                    self.out.push(c);
                    self.pos += 1;
                }
                '|' => {
                    self.atom_start = None;
                    self.after_quantifier = false;
                    self.out.push(c);
                    self.pos += 1;
                }
                _ => {
                    self.begin_atom(false);
                    self.out.push(c);
                    self.pos += 1;
                }
            }
        }
        if self.groups.len() != 1 {
            return Err("unbalanced parentheses".into());
        }
        let top = self.groups.pop().expect("the top level group");
        for _ in 0..top.inline_flag_groups {
            self.out.push(')');
        }
        Ok((self.out, self.rewrites))
    }

    fn open_group(&mut self) {
        let start = self.out.len();
        // Inline flags `(?i)`, `(?ms)`, `(?-s)`: Java applies them to the
        // rest of the enclosing group, which a modifier group `(?i:…)` closed
        // with that group expresses exactly.
        if self.peek(1) == Some('?') {
            let mut len = 2;
            while matches!(self.peek(len), Some('i' | 'm' | 's' | '-')) {
                len += 1;
            }
            if len > 2 && self.peek(len) == Some(')') {
                let flags: String = self.chars[self.pos + 2..self.pos + len].iter().collect();
                self.note("inline flags `(?…)` as a modifier group");
                let _ = write!(self.out, "(?{flags}:");
                self.pos += len + 1;
                self.groups
                    .last_mut()
                    .expect("a group is open")
                    .inline_flag_groups += 1;
                self.atom_start = None;
                self.after_quantifier = false;
                return;
            }
        }
        let look_around = self.starts_with("(?=")
            || self.starts_with("(?!")
            || self.starts_with("(?<=")
            || self.starts_with("(?<!");
        self.out.push('(');
        self.pos += 1;
        self.groups.push(Group {
            start,
            look_around,
            inline_flag_groups: 0,
        });
        self.atom_start = None;
        self.after_quantifier = false;
    }

    fn close_group(&mut self) -> Result<(), String> {
        if self.groups.len() < 2 {
            return Err("unbalanced parentheses".into());
        }
        let group = self.groups.pop().expect("checked above");
        for _ in 0..group.inline_flag_groups {
            self.out.push(')');
        }
        self.out.push(')');
        self.pos += 1;
        // A quantifier after `)` applies to the whole group.
        self.atom_start = Some(group.start);
        self.atom_is_assertion = group.look_around;
        self.after_quantifier = false;
        Ok(())
    }

    /// A quantifier of `len` characters at the cursor (`*`, `{2,5}`, …).
    fn quantifier(&mut self, len: usize) {
        let text: String = self.chars[self.pos..self.pos + len].iter().collect();
        self.pos += len;
        let Some(start) = self.atom_start else {
            // Nothing to quantify: leave it for the engine to refuse.
            self.out.push_str(&text);
            return;
        };
        if self.after_quantifier {
            match text.as_str() {
                // Lazy: ECMA-262 has it too.
                "?" => {
                    self.out.push('?');
                    self.after_quantifier = false;
                    return;
                }
                // Possessive (Java): match greedily, never give back, which a
                // look-ahead (atomic in ECMA-262) captured and re-matched is.
                "+" => {
                    // The emulation adds a group, which would renumber back-references.
                    if has_numbered_backreference(self.source) {
                        self.out.push('+');
                        return;
                    }
                    self.note("possessive quantifiers as atomic look-aheads");
                    self.possessive_count += 1;
                    let quantified = self.out.split_off(start);
                    let name = format!("apigenAtomic{}", self.possessive_count);
                    let _ = write!(self.out, "(?=(?<{name}>{quantified}))\\k<{name}>");
                    self.atom_start = Some(start);
                    self.after_quantifier = false;
                    return;
                }
                // A quantified quantifier (Java reads `a{2}{3}` as `(?:a{2}){3}`).
                _ => {
                    self.note("a quantified quantifier grouped");
                    let quantified = self.out.split_off(start);
                    let _ = write!(self.out, "(?:{quantified}){text}");
                    self.after_quantifier = true;
                    return;
                }
            }
        }
        if self.atom_is_assertion {
            // Unicode mode refuses `${1,128}`; a group around the anchor means the same.
            self.note("a quantified anchor grouped");
            let atom = self.out.split_off(start);
            let _ = write!(self.out, "(?:{atom})");
            self.atom_is_assertion = false;
        }
        self.out.push_str(&text);
        self.after_quantifier = true;
    }

    /// An escape outside a character class.
    fn escape(&mut self) -> Result<(), String> {
        let Some(c) = self.peek(1) else {
            return Err("a pattern cannot end with `\\`".into());
        };
        match c {
            'A' => {
                self.note("`\\A` as a look-behind for the start of input");
                self.begin_atom(true);
                self.out.push_str("(?<![\\s\\S])");
                self.pos += 2;
            }
            'z' => {
                self.note("`\\z` as a look-ahead for the end of input");
                self.begin_atom(true);
                self.out.push_str("(?![\\s\\S])");
                self.pos += 2;
            }
            'Z' => {
                self.note("`\\Z` as a look-ahead for the end of input");
                self.begin_atom(true);
                self.out
                    .push_str("(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))");
                self.pos += 2;
            }
            'b' | 'B' => {
                self.begin_atom(true);
                self.out.push('\\');
                self.out.push(c);
                self.pos += 2;
            }
            _ => {
                self.begin_atom(false);
                let piece = self.atom_escape(false)?;
                self.out.push_str(&piece);
            }
        }
        Ok(())
    }

    /// An escape that stands for characters, inside or outside a class;
    /// advances past it and returns its Unicode-mode spelling.
    fn atom_escape(&mut self, in_class: bool) -> Result<String, String> {
        let c = self.peek(1).ok_or("a pattern cannot end with `\\`")?;
        // `\p{Name}` / `\P{Name}`, with Java's POSIX names as ASCII classes.
        if (c == 'p' || c == 'P') && self.peek(2) == Some('{') {
            let close = self.chars[self.pos..]
                .iter()
                .position(|&ch| ch == '}')
                .ok_or("an unclosed `\\p{`")?;
            let name: String = self.chars[self.pos + 3..self.pos + close].iter().collect();
            self.pos += close + 1;
            if let Some(ranges) = java_class(&name) {
                self.note("Java's POSIX classes `\\p{Alnum}`… as ASCII classes");
                return match (c == 'P', in_class) {
                    (false, true) => Ok(ranges.to_string()),
                    (false, false) => Ok(format!("[{ranges}]")),
                    (true, false) => Ok(format!("[^{ranges}]")),
                    (true, true) => Err(format!(
                        "a negated POSIX class \\P{{{name}}} inside a class"
                    )),
                };
            }
            if let Some(property) = java_property(&name) {
                self.note("Java's `\\p{IsAlphabetic}`… as Unicode properties");
                return Ok(format!("\\{c}{{{property}}}"));
            }
            return Ok(format!("\\{c}{{{name}}}"));
        }
        // `\0`, `\0n`, `\0nn`, `\0mnn` (Java's octal escapes, `m` ≤ 3).
        if c == '0' && matches!(self.peek(2), Some('0'..='7')) {
            let mut digits = String::new();
            let mut at = 2;
            while digits.len() < 3 {
                match self.peek(at) {
                    Some(d @ '0'..='7') if digits.len() < 2 || digits.as_bytes()[0] <= b'3' => {
                        digits.push(d);
                        at += 1;
                    }
                    _ => break,
                }
            }
            self.pos += at;
            let value = u32::from_str_radix(&digits, 8).unwrap_or(0);
            self.note("Java's octal escapes as `\\u{…}`");
            return Ok(format!("\\u{{{value:X}}}"));
        }
        // `\x{HEX}` (Java) is `\u{HEX}`.
        if c == 'x' && self.peek(2) == Some('{') {
            let close = self.chars[self.pos..]
                .iter()
                .position(|&ch| ch == '}')
                .ok_or("an unclosed `\\x{`")?;
            let hex: String = self.chars[self.pos + 3..self.pos + close].iter().collect();
            self.pos += close + 1;
            self.note("`\\x{…}` as `\\u{…}`");
            return Ok(format!("\\u{{{hex}}}"));
        }
        self.pos += 2;
        let syntax = "^$\\.*+?()[]{}|/";
        if c.is_ascii_alphanumeric() || syntax.contains(c) || (in_class && c == '-') {
            let mut piece = format!("\\{c}");
            // `\uXXXX`, `\xHH`, `\cX` and `\u{…}` carry their digits with them.
            let digits = match c {
                'u' if self.peek(0) == Some('{') => self.chars[self.pos..]
                    .iter()
                    .position(|&ch| ch == '}')
                    .map_or(0, |p| p + 1),
                'u' => 4,
                'x' => 2,
                'c' => 1,
                _ => 0,
            };
            for _ in 0..digits {
                if let Some(d) = self.peek(0) {
                    piece.push(d);
                    self.pos += 1;
                }
            }
            return Ok(piece);
        }
        // Annex B: an identity escape of any other character is that character.
        self.note("identity escapes such as `\\-` and `\\:` as the characters");
        Ok(c.to_string())
    }

    /// A character class, copied with its escapes rewritten.
    fn class(&mut self) -> Result<(), String> {
        self.begin_atom(false);
        let start = self.out.len();
        self.out.push('[');
        self.pos += 1;
        let negated = self.peek(0) == Some('^');
        if negated {
            self.out.push('^');
            self.pos += 1;
        }
        if let Some(left_end) = self.class_contents(!negated)? {
            // Java's intersection `[X&&[Y]]`: a character in both, which a
            // look-ahead for one class before the other expresses.
            let right = self.out.split_off(left_end);
            let left = self.out.split_off(start);
            let _ = write!(self.out, "(?:(?={right}){left}])");
            self.atom_start = Some(start);
            return Ok(());
        }
        self.out.push(']');
        Ok(())
    }

    /// The contents of a class up to and past its `]`. Java reads a `[`
    /// inside a class as a nested class whose members join the outer one
    /// (`[[:alnum:]_]` is `:`, `a`, `l`, `n`, `u`, `m` and `_`); Unicode mode
    /// has no nesting, so the nested members are spliced in.
    /// With `intersect`, a `&&` followed by a class ends the left side:
    /// the right class is written after it and the left side's end offset
    /// returned.
    fn class_contents(&mut self, intersect: bool) -> Result<Option<usize>, String> {
        // A `]` first in a class is a literal in Java.
        if self.peek(0) == Some(']') {
            self.note("a literal bracket escaped");
            self.out.push_str("\\]");
            self.pos += 1;
        }
        let mut after_class_escape = false;
        loop {
            let Some(c) = self.peek(0) else {
                return Err("an unclosed character class".into());
            };
            match c {
                ']' => {
                    self.pos += 1;
                    return Ok(None);
                }
                '&' if intersect && self.peek(1) == Some('&') && self.peek(2) == Some('[') => {
                    let left_end = self.out.len();
                    self.pos += 2;
                    self.class()?;
                    if self.peek(0) != Some(']') {
                        return Err("a class intersection `&&` with more after it".into());
                    }
                    self.pos += 1;
                    return Ok(Some(left_end));
                }
                '[' if self.peek(1) == Some('^') => {
                    return Err("a negated class nested in a class".into());
                }
                '[' => {
                    self.note("a nested class (Java's union) spliced into its class");
                    self.pos += 1;
                    self.class_contents(false)?;
                    after_class_escape = false;
                    continue;
                }
                '&' if self.peek(1) == Some('&') => {
                    return Err("a class intersection `&&`".into());
                }
                '\\' => {
                    let is_class_escape = matches!(
                        self.peek(1),
                        Some('d' | 'D' | 'w' | 'W' | 's' | 'S' | 'p' | 'P')
                    );
                    let piece = self.atom_escape(true)?;
                    self.out.push_str(&piece);
                    after_class_escape = is_class_escape;
                    continue;
                }
                // Java reads `-` after a class escape (`[\w-.]`) as a literal;
                // Unicode mode refuses the range.
                '-' if after_class_escape && self.peek(1) != Some(']') => {
                    self.note("a `-` after a class escape as a literal");
                    self.out.push_str("\\-");
                }
                '-' if matches!(self.peek(1), Some('\\'))
                    && matches!(
                        self.peek(2),
                        Some('d' | 'D' | 'w' | 'W' | 's' | 'S' | 'p' | 'P')
                    ) =>
                {
                    self.note("a `-` after a class escape as a literal");
                    self.out.push_str("\\-");
                }
                _ => self.out.push(c),
            }
            after_class_escape = false;
            self.pos += 1;
        }
    }
}

/// The length of a braced quantifier (`{2}`, `{2,}`, `{2,5}`) at the start of `chars`.
fn quantifier_len(chars: &[char]) -> Option<usize> {
    let close = chars.iter().position(|&c| c == '}')?;
    let inner: String = chars[1..close].iter().collect();
    let mut parts = inner.splitn(2, ',');
    let min = parts.next()?;
    let valid_min = !min.is_empty() && min.bytes().all(|b| b.is_ascii_digit());
    let valid_max = parts
        .next()
        .is_none_or(|max| max.bytes().all(|b| b.is_ascii_digit()));
    (valid_min && valid_max).then_some(close + 1)
}

/// Java's POSIX character classes (ASCII unless UNICODE_CHARACTER_CLASS is
/// set, which a pattern string cannot set) and its `LD` and `all`, as class
/// contents.
fn java_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "LD" => "\\p{L}\\p{Nd}",
        "all" => "\\s\\S",
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "ASCII" => "\\u0000-\\u007F",
        "Alpha" => "a-zA-Z",
        "Digit" => "0-9",
        "Alnum" => "a-zA-Z0-9",
        "Punct" => "!-\\/:-@\\[-`{-~",
        "Graph" => "!-~",
        "Print" => " -~",
        "Blank" => " \\t",
        "Cntrl" => "\\u0000-\\u001F\\u007F",
        "XDigit" => "0-9a-fA-F",
        "Space" => " \\t\\n\\u000B\\f\\r",
        _ => return None,
    })
}

/// Java's `Is…` spellings of Unicode binary properties and categories, as
/// ECMA-262 names them.
fn java_property(name: &str) -> Option<&'static str> {
    Some(match name.strip_prefix("Is")? {
        "Alphabetic" => "Alphabetic",
        "Ideographic" => "Ideographic",
        "Letter" | "L" => "L",
        "Lowercase" => "Lowercase",
        "Uppercase" => "Uppercase",
        "Titlecase" => "Lt",
        "Punctuation" | "P" => "P",
        "Control" => "Cc",
        "White_Space" | "WhiteSpace" | "Whitespace" => "White_Space",
        "Digit" => "Nd",
        "Hex_Digit" | "HexDigit" => "Hex_Digit",
        "Join_Control" | "JoinControl" => "Join_Control",
        "Noncharacter_Code_Point" | "NoncharacterCodePoint" => "Noncharacter_Code_Point",
        "Assigned" => "Assigned",
        "Emoji" => "Emoji",
        _ => return None,
    })
}

/// Whether the pattern uses `\1`…`\9` outside a class (a rewrite that adds
/// groups would renumber them).
fn has_numbered_backreference(pattern: &str) -> bool {
    let bytes = pattern.as_bytes();
    let mut i = 0;
    let mut in_class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if i + 1 < bytes.len() => {
                if !in_class && (b'1'..=b'9').contains(&bytes[i + 1]) {
                    return true;
                }
                i += 2;
                continue;
            }
            b'[' => in_class = true,
            b']' => in_class = false,
            _ => {}
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        let ecma = to_ecma(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        regress::Regex::with_flags(&ecma.source, FLAGS)
            .unwrap()
            .find(text)
            .is_some()
    }

    #[test]
    fn valid_ecma_is_used_as_written() {
        for p in [
            "^[a-z]+$",
            "^(?!-)[A-Za-z0-9-]{0,62}$",
            "^\\p{L}+$",
            "(?<=a)b",
        ] {
            let e = to_ecma(p).unwrap();
            assert_eq!(e.source, p);
            assert!(e.rewrites.is_empty());
        }
        assert!(matches("^\\p{L}+$", "héllo"));
        // Unicode mode: `.` is one code point, and a surrogate-pair escape is one.
        assert!(matches("^.$", "😀"));
        assert!(matches("^[\\uD800\\uDC00-\\uDBFF\\uDFFF]$", "😀"));
        assert!(!matches("^[\\u0020-\\uD7FF\\uE000-\\uFFFD]*$", "😀"));
    }

    #[test]
    fn java_inline_flags() {
        assert!(matches("^(?i)(true|false)$", "TRUE"));
        assert!(!matches("^(?i)(true|false)$", "yes"));
        // Scoped to the rest of the enclosing group, across alternatives.
        let p = "^(?![^:\\\\]*/action/|(?i).*<script>.*</script>.*)[^:\\\\]+$";
        assert!(!matches(p, "a<SCRIPT>x</script>"));
        assert!(matches(p, "plain"));
        assert!(!matches("^(?!(?i)(arn|aws):)\\p{L}+", "ARN:x"));
        assert!(matches("^(?!(?i)(arn|aws):)\\p{L}+", "Bob"));
        // Dot-all with a scoped exception.
        let key = "^(?ms)\\s*^-----BEGIN (?-s:.*)PRIVATE KEY-----$.*?^-----END (?-s:.*)PRIVATE KEY-----$\\s*$";
        assert!(matches(
            key,
            "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n"
        ));
        assert!(!matches(
            key,
            "-----BEGIN RSA\nX PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----"
        ));
    }

    #[test]
    fn possessive_and_quantified_quantifiers() {
        let p = "^arn:aws:kinesisanalytics:[a-z]{2}-[a-z]+-\\d{1}+:\\d{12}+:application/[a-zA-Z0-9_.-]{1,128}$";
        assert!(matches(
            p,
            "arn:aws:kinesisanalytics:us-east-1:123456789012:application/app"
        ));
        assert!(!matches(
            p,
            "arn:aws:kinesisanalytics:us-east-1:12345678901:application/app"
        ));
        // Possessive never gives back: `a*+a` cannot match.
        assert!(!matches("^a*+a$", "aaa"));
        assert!(matches("^[\\/]?+[a-z]+$", "/abc"));
        let q = "^rule/[0-9a-zA-Z]{11}{0,2}$";
        assert!(matches(q, "rule/"));
        assert!(matches(q, "rule/abcdefghijkabcdefghijk"));
        assert!(!matches(q, "rule/abc"));
        // A quantified anchor.
        assert!(matches("^[-_a-zA-Z0-9]*${2,64}$", "ab-c"));
        assert!(!matches("^[-_a-zA-Z0-9]*${2,64}$", "a b"));
    }

    #[test]
    fn java_escapes_and_classes() {
        assert!(matches("^\\A[a-zA-Z0-9_]+\\z$", "abc_1"));
        assert!(!matches("^\\A[a-zA-Z0-9_]+\\z$", "abc-1"));
        assert!(matches("^\\p{XDigit}{8}$", "deadBEEF"));
        assert!(!matches("^\\p{XDigit}{8}$", "deadBEEG"));
        assert!(matches("^\\p{Print}+$", "a b~"));
        assert!(!matches("^\\p{Print}+$", "a\tb"));
        assert!(matches("^arn:[\\p{Alnum}\\-]+:x$", "arn:aws-cn:x"));
        assert!(matches("^[a-zA-Z0-9\\s'\\x{0022},.:]+$", "a \"b\""));
        // Annex B identity escapes and a `-` after a class escape are literals.
        assert!(matches("^ami\\-[a-f0-9]{8}$", "ami-0123abcd"));
        assert!(matches("^[a-zA-Z0-9\\s-_()]+$", "a-b_c"));
        assert!(matches("^[\\w-\\/.@+=,]{1,10}$", "role/x-y"));
        assert!(!matches("^[\\w-\\/.@+=,]{1,10}$", "role#x"));
        assert!(matches("^[0-9\\p{IsAlphabetic}+:,.@'\" -]*$", "Zoë 12"));
        assert!(!matches("^[^\\p{C}\\p{IsWhitespace}]+$", "a b"));
        assert!(matches("^(\\p{LD}|\\p{Punct}| )+$", "a1 !"));
        assert!(matches("^[\\p{all}]*$", "any\nthing"));
        assert!(!matches("^[^/:|\\000-\\037]+$", "a\u{1f}b"));
        assert!(matches("^[^/:|\\000-\\037]+$", "ab"));
        // Back-references survive the rewrite of an Annex B escape.
        assert!(matches("^\\[[[:alnum:]\\/\\_]+\\]$", "[lumn:_/]"));
        assert!(!matches("^\\[[[:alnum:]\\/\\_]+\\]$", "[x]"));
        let printable_but = "^[\\p{Print}&&[^|:/]]+$";
        assert!(matches(printable_but, "a b~"));
        assert!(!matches(printable_but, "a:b"));
        assert!(!matches(printable_but, "a\tb"));
        assert!(matches("^(a)\\:\\1$", "a:a"));
        assert!(matches("^\\{[\\w\\s:\\{\\}\\[\\]\"]*}$", "{\"a\": [x]}"));
        // `$}` can never match (no multi-line mode), in Java as here; it still compiles.
        assert!(!matches("^\\P{C}*$}$", "x}"));
    }

    #[test]
    fn what_cannot_be_rewritten_is_refused() {
        for p in ["(a", "[abc", "a)", "[z-a]", "\\p{NoSuchProperty}", "\\"] {
            assert!(to_ecma(p).is_err(), "{p}");
        }
    }
}
