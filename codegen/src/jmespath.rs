//! JMESPath expressions (as waiters' `path` uses them): a lexer and a Pratt
//! parser to an AST, after the grammar and binding powers of the JMESPath
//! specification. The whole language parses (slices, multi-select hashes,
//! expression references, pipes); what a consumer cannot use it reports
//! itself. Errors say what went wrong and at which character.

use std::fmt;

/// A node of a parsed expression, with the byte offset where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub offset: usize,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Eq => "==",
            Comparator::Ne => "!=",
            Comparator::Lt => "<",
            Comparator::Le => "<=",
            Comparator::Gt => ">",
            Comparator::Ge => ">=",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `@`, and the implicit right-hand side of a projection.
    Identity,
    /// `name` or `"quoted name"`.
    Field(String),
    /// `lhs.rhs`.
    Subexpr(Box<Expr>, Box<Expr>),
    /// `lhs[n]` (negative counts from the end).
    Index(Box<Expr>, i64),
    /// `lhs[start:stop:step]`, a projection of the slice.
    Slice {
        lhs: Box<Expr>,
        start: Option<i64>,
        stop: Option<i64>,
        step: Option<i64>,
    },
    /// A list projection: `rhs` over every element of `lhs` (`lhs[*].rhs`,
    /// and `lhs[].rhs` with `lhs` a `Flatten`), null results dropped.
    Projection {
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `lhs[]`: one level of nested lists merged.
    Flatten(Box<Expr>),
    /// `lhs.*.rhs`: `rhs` over the values of an object.
    ValueProjection {
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `lhs[?cond].rhs`.
    Filter {
        lhs: Box<Expr>,
        cond: Box<Expr>,
        rhs: Box<Expr>,
    },
    Compare(Comparator, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// `` `json` ``.
    Literal(serde_json::Value),
    /// `'raw string'`.
    RawString(String),
    /// `name(args...)`.
    Function(String, Vec<Expr>),
    /// `[a, b]`.
    MultiSelectList(Vec<Expr>),
    /// `{k: a, ...}`.
    MultiSelectHash(Vec<(String, Expr)>),
    /// `lhs | rhs`.
    Pipe(Box<Expr>, Box<Expr>),
    /// `&expr`.
    ExpressionRef(Box<Expr>),
}

/// A parse error: what, and at which byte offset of the expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: {}", self.offset + 1, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses a JMESPath expression.
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    let tokens = lex(text)?;
    let mut p = Parser {
        tokens,
        pos: 0,
        depth: 0,
    };
    let expr = p.expression(0)?;
    match p.peek() {
        Tok::Eof => Ok(expr),
        t => Err(p.error_here(format!(
            "unexpected {} after a complete expression",
            t.describe()
        ))),
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Dot,
    Star,
    Flatten,
    Filter,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    LParen,
    RParen,
    Comma,
    Colon,
    Pipe,
    Or,
    And,
    Not,
    Expref,
    Current,
    Cmp(Comparator),
    Ident(String),
    Quoted(String),
    Raw(String),
    Literal(serde_json::Value),
    Number(i64),
    Eof,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("identifier `{s}`"),
            Tok::Quoted(s) => format!("quoted identifier \"{s}\""),
            Tok::Raw(s) => format!("raw string '{s}'"),
            Tok::Literal(v) => format!("literal `{v}`"),
            Tok::Number(n) => format!("number {n}"),
            Tok::Eof => "the end of the expression".into(),
            Tok::Cmp(c) => format!("`{}`", c.as_str()),
            other => format!(
                "`{}`",
                match other {
                    Tok::Dot => ".",
                    Tok::Star => "*",
                    Tok::Flatten => "[]",
                    Tok::Filter => "[?",
                    Tok::LBracket => "[",
                    Tok::RBracket => "]",
                    Tok::LBrace => "{",
                    Tok::RBrace => "}",
                    Tok::LParen => "(",
                    Tok::RParen => ")",
                    Tok::Comma => ",",
                    Tok::Colon => ":",
                    Tok::Pipe => "|",
                    Tok::Or => "||",
                    Tok::And => "&&",
                    Tok::Not => "!",
                    Tok::Expref => "&",
                    Tok::Current => "@",
                    _ => "?",
                }
            ),
        }
    }

    /// Left binding power (the specification's reference implementation's table).
    fn lbp(&self) -> u8 {
        match self {
            Tok::Pipe => 1,
            Tok::Or => 2,
            Tok::And => 3,
            Tok::Cmp(_) => 5,
            Tok::Flatten => 9,
            Tok::Star => 20,
            Tok::Filter => 21,
            Tok::Dot => 40,
            Tok::Not => 45,
            Tok::LBrace => 50,
            Tok::LBracket => 55,
            Tok::LParen => 60,
            _ => 0,
        }
    }
}

/// The text between the delimiter at `open` and the next unescaped one
/// (`\` before the delimiter escapes it), and the closing delimiter's
/// offset; `None` when it is never closed.
fn delimited(text: &str, open: usize, delimiter: u8) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut s = String::new();
    let mut j = open + 1;
    loop {
        match bytes.get(j)? {
            b'\\' if bytes.get(j + 1) == Some(&delimiter) => {
                s.push(char::from(delimiter));
                j += 2;
            }
            &b if b == delimiter => return Some((s, j)),
            _ => {
                let ch = text[j..].chars().next()?;
                s.push(ch);
                j += ch.len_utf8();
            }
        }
    }
}

fn lex(text: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |offset: usize, message: String| ParseError { offset, message };
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let two = |next: u8| bytes.get(i + 1) == Some(&next);
        let tok = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'.' => Tok::Dot,
            b'*' => Tok::Star,
            b']' => Tok::RBracket,
            b'{' => Tok::LBrace,
            b'}' => Tok::RBrace,
            b'(' => Tok::LParen,
            b')' => Tok::RParen,
            b',' => Tok::Comma,
            b':' => Tok::Colon,
            b'@' => Tok::Current,
            b'[' if two(b']') => {
                i += 1;
                Tok::Flatten
            }
            b'[' if two(b'?') => {
                i += 1;
                Tok::Filter
            }
            b'[' => Tok::LBracket,
            b'|' if two(b'|') => {
                i += 1;
                Tok::Or
            }
            b'|' => Tok::Pipe,
            b'&' if two(b'&') => {
                i += 1;
                Tok::And
            }
            b'&' => Tok::Expref,
            b'!' if two(b'=') => {
                i += 1;
                Tok::Cmp(Comparator::Ne)
            }
            b'!' => Tok::Not,
            b'=' if two(b'=') => {
                i += 1;
                Tok::Cmp(Comparator::Eq)
            }
            b'=' => return Err(err(i, "`=` is not an operator; did you mean `==`?".into())),
            b'<' if two(b'=') => {
                i += 1;
                Tok::Cmp(Comparator::Le)
            }
            b'<' => Tok::Cmp(Comparator::Lt),
            b'>' if two(b'=') => {
                i += 1;
                Tok::Cmp(Comparator::Ge)
            }
            b'>' => Tok::Cmp(Comparator::Gt),
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                let mut j = i;
                while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                    j += 1;
                }
                out.push((Tok::Ident(text[i..j].to_string()), start));
                i = j;
                continue;
            }
            b'-' | b'0'..=b'9' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                let digits = &text[i..j];
                let n = digits
                    .parse::<i64>()
                    .map_err(|_| err(i, format!("`{digits}` is not a number")))?;
                out.push((Tok::Number(n), start));
                i = j;
                continue;
            }
            b'\'' => {
                // Raw string: `\'` is a quote, every other character is itself.
                let (raw, end) = delimited(text, i, b'\'')
                    .ok_or_else(|| err(start, "unterminated raw string (missing `'`)".into()))?;
                out.push((Tok::Raw(raw), start));
                i = end + 1;
                continue;
            }
            b'`' => {
                let (s, j) = delimited(text, i, b'`')
                    .ok_or_else(|| err(start, "unterminated literal (missing `` ` ``)".into()))?;
                let value: serde_json::Value = serde_json::from_str(s.trim())
                    .map_err(|e| err(start, format!("literal `{s}` is not valid JSON: {e}")))?;
                out.push((Tok::Literal(value), start));
                i = j + 1;
                continue;
            }
            b'"' => {
                let mut j = i + 1;
                loop {
                    match bytes.get(j) {
                        None => {
                            return Err(err(
                                start,
                                "unterminated quoted identifier (missing `\"`)".into(),
                            ))
                        }
                        Some(b'\\') => j += 2,
                        Some(b'"') => break,
                        Some(_) => j += 1,
                    }
                }
                let raw = &text[i..=j];
                let name: String = serde_json::from_str(raw).map_err(|e| {
                    err(
                        start,
                        format!("quoted identifier {raw} is not a valid JSON string: {e}"),
                    )
                })?;
                out.push((Tok::Quoted(name), start));
                i = j + 1;
                continue;
            }
            _ => {
                let ch = text[i..].chars().next().expect("in bounds");
                return Err(err(i, format!("unexpected character `{ch}`")));
            }
        };
        out.push((tok, start));
        i += 1;
    }
    out.push((Tok::Eof, text.len()));
    Ok(out)
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 64;

struct Parser {
    tokens: Vec<(Tok, usize)>,
    pos: usize,
    depth: usize,
}

type PResult = Result<Expr, ParseError>;

fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.tokens[self.pos.min(self.tokens.len() - 1)].0
    }

    fn peek_at(&self, n: usize) -> &Tok {
        &self.tokens[(self.pos + n).min(self.tokens.len() - 1)].0
    }

    fn offset(&self) -> usize {
        self.tokens[self.pos.min(self.tokens.len() - 1)].1
    }

    fn next(&mut self) -> (Tok, usize) {
        let t = self.tokens[self.pos.min(self.tokens.len() - 1)].clone();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn error_here(&self, message: String) -> ParseError {
        ParseError {
            offset: self.offset(),
            message,
        }
    }

    fn expect(&mut self, want: Tok, context: &str) -> Result<(), ParseError> {
        if *self.peek() == want {
            self.next();
            Ok(())
        } else {
            Err(self.error_here(format!(
                "expected {} {context}, found {}",
                want.describe(),
                self.peek().describe()
            )))
        }
    }

    fn expression(&mut self, rbp: u8) -> PResult {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(
                self.error_here(format!("expression nested deeper than {MAX_DEPTH} levels"))
            );
        }
        let mut left = self.nud()?;
        while rbp < self.peek().lbp() {
            left = self.led(left)?;
        }
        self.depth -= 1;
        Ok(left)
    }

    fn nud(&mut self) -> PResult {
        let (tok, offset) = self.next();
        let at = |kind| Ok(Expr { kind, offset });
        match tok {
            Tok::Literal(v) => at(ExprKind::Literal(v)),
            Tok::Raw(s) => at(ExprKind::RawString(s)),
            Tok::Ident(s) => at(ExprKind::Field(s)),
            Tok::Quoted(s) => {
                if *self.peek() == Tok::LParen {
                    return Err(
                        self.error_here("a quoted identifier cannot name a function".into())
                    );
                }
                at(ExprKind::Field(s))
            }
            Tok::Current => at(ExprKind::Identity),
            Tok::Star => {
                let rhs = self.projection_rhs(Tok::Star.lbp())?;
                at(ExprKind::ValueProjection {
                    lhs: boxed(Expr {
                        kind: ExprKind::Identity,
                        offset,
                    }),
                    rhs: boxed(rhs),
                })
            }
            Tok::Filter => self.filter(
                Expr {
                    kind: ExprKind::Identity,
                    offset,
                },
                offset,
            ),
            Tok::Flatten => {
                let rhs = self.projection_rhs(Tok::Flatten.lbp())?;
                at(ExprKind::Projection {
                    lhs: boxed(Expr {
                        kind: ExprKind::Flatten(boxed(Expr {
                            kind: ExprKind::Identity,
                            offset,
                        })),
                        offset,
                    }),
                    rhs: boxed(rhs),
                })
            }
            Tok::Not => {
                let e = self.expression(Tok::Not.lbp())?;
                at(ExprKind::Not(boxed(e)))
            }
            Tok::LParen => {
                let e = self.expression(0)?;
                self.expect(Tok::RParen, "to close `(`")?;
                Ok(e)
            }
            Tok::LBrace => self.multi_select_hash(offset),
            Tok::Expref => {
                let e = self.expression(0)?;
                at(ExprKind::ExpressionRef(boxed(e)))
            }
            Tok::LBracket => match self.peek() {
                Tok::Number(_) | Tok::Colon => self.index_or_slice(
                    Expr {
                        kind: ExprKind::Identity,
                        offset,
                    },
                    offset,
                ),
                Tok::Star if *self.peek_at(1) == Tok::RBracket => {
                    self.next();
                    self.next();
                    let rhs = self.projection_rhs(Tok::Star.lbp())?;
                    at(ExprKind::Projection {
                        lhs: boxed(Expr {
                            kind: ExprKind::Identity,
                            offset,
                        }),
                        rhs: boxed(rhs),
                    })
                }
                _ => self.multi_select_list(offset),
            },
            Tok::Eof => Err(ParseError {
                offset,
                message: "the expression ends where a value was expected".into(),
            }),
            other => Err(ParseError {
                offset,
                message: format!("unexpected {} where a value was expected", other.describe()),
            }),
        }
    }

    fn led(&mut self, left: Expr) -> PResult {
        let (tok, offset) = self.next();
        let start = left.offset;
        let at = |kind| {
            Ok(Expr {
                kind,
                offset: start,
            })
        };
        match tok {
            Tok::Dot => {
                if *self.peek() == Tok::Star {
                    self.next();
                    let rhs = self.projection_rhs(Tok::Dot.lbp())?;
                    at(ExprKind::ValueProjection {
                        lhs: boxed(left),
                        rhs: boxed(rhs),
                    })
                } else {
                    let rhs = self.dot_rhs(Tok::Dot.lbp())?;
                    at(ExprKind::Subexpr(boxed(left), boxed(rhs)))
                }
            }
            Tok::Pipe => {
                let rhs = self.expression(Tok::Pipe.lbp())?;
                at(ExprKind::Pipe(boxed(left), boxed(rhs)))
            }
            Tok::Or => {
                let rhs = self.expression(Tok::Or.lbp())?;
                at(ExprKind::Or(boxed(left), boxed(rhs)))
            }
            Tok::And => {
                let rhs = self.expression(Tok::And.lbp())?;
                at(ExprKind::And(boxed(left), boxed(rhs)))
            }
            Tok::Cmp(op) => {
                let rhs = self.expression(Tok::Cmp(op).lbp())?;
                at(ExprKind::Compare(op, boxed(left), boxed(rhs)))
            }
            Tok::LParen => {
                let ExprKind::Field(name) = left.kind else {
                    return Err(ParseError {
                        offset,
                        message: "`(` after something that is not a function name".into(),
                    });
                };
                let mut args = Vec::new();
                while *self.peek() != Tok::RParen {
                    args.push(self.expression(0)?);
                    match self.peek() {
                        Tok::Comma => {
                            self.next();
                        }
                        Tok::RParen => {}
                        t => {
                            return Err(self.error_here(format!(
                                "expected `,` or `)` in the arguments of {name}(), found {}",
                                t.describe()
                            )))
                        }
                    }
                }
                self.next();
                at(ExprKind::Function(name, args))
            }
            Tok::Filter => self.filter(left, start),
            Tok::Flatten => {
                let rhs = self.projection_rhs(Tok::Flatten.lbp())?;
                at(ExprKind::Projection {
                    lhs: boxed(Expr {
                        kind: ExprKind::Flatten(boxed(left)),
                        offset: start,
                    }),
                    rhs: boxed(rhs),
                })
            }
            Tok::LBracket => match self.peek() {
                Tok::Number(_) | Tok::Colon => self.index_or_slice(left, start),
                _ => {
                    self.expect(Tok::Star, "or a number after `[`")?;
                    self.expect(Tok::RBracket, "to close `[*`")?;
                    let rhs = self.projection_rhs(Tok::Star.lbp())?;
                    at(ExprKind::Projection {
                        lhs: boxed(left),
                        rhs: boxed(rhs),
                    })
                }
            },
            other => Err(ParseError {
                offset,
                message: format!("unexpected {}", other.describe()),
            }),
        }
    }

    /// `[?cond]rhs` after `lhs` (the `[?` already taken).
    fn filter(&mut self, lhs: Expr, start: usize) -> PResult {
        let cond = self.expression(0)?;
        self.expect(Tok::RBracket, "to close the filter `[?`")?;
        let rhs = self.projection_rhs(Tok::Filter.lbp())?;
        Ok(Expr {
            kind: ExprKind::Filter {
                lhs: boxed(lhs),
                cond: boxed(cond),
                rhs: boxed(rhs),
            },
            offset: start,
        })
    }

    /// `[n]` or `[a:b:c]` (the `[` already taken, the number or colon next).
    fn index_or_slice(&mut self, lhs: Expr, start: usize) -> PResult {
        let mut parts: [Option<i64>; 3] = [None, None, None];
        let mut colons = 0;
        loop {
            match self.peek().clone() {
                Tok::Number(n) => {
                    if parts[colons].is_some() {
                        return Err(self.error_here("two numbers without `:` between them".into()));
                    }
                    parts[colons] = Some(n);
                    self.next();
                }
                Tok::Colon => {
                    colons += 1;
                    if colons > 2 {
                        return Err(self.error_here("a slice has at most two `:`".into()));
                    }
                    self.next();
                }
                Tok::RBracket => {
                    self.next();
                    break;
                }
                t => {
                    return Err(self.error_here(format!(
                        "expected a number, `:` or `]` in an index, found {}",
                        t.describe()
                    )))
                }
            }
        }
        if colons == 0 {
            let n = parts[0].expect("a number came first");
            return Ok(Expr {
                kind: ExprKind::Index(boxed(lhs), n),
                offset: start,
            });
        }
        if parts[2] == Some(0) {
            return Err(ParseError {
                offset: start,
                message: "a slice step cannot be 0".into(),
            });
        }
        let slice = Expr {
            kind: ExprKind::Slice {
                lhs: boxed(lhs),
                start: parts[0],
                stop: parts[1],
                step: parts[2],
            },
            offset: start,
        };
        let rhs = self.projection_rhs(Tok::Star.lbp())?;
        Ok(Expr {
            kind: ExprKind::Projection {
                lhs: boxed(slice),
                rhs: boxed(rhs),
            },
            offset: start,
        })
    }

    /// What follows a projection: nothing (identity) when the next token
    /// binds less tightly than a projection, else `[...]`, `[?...]` or `.rhs`.
    fn projection_rhs(&mut self, rbp: u8) -> PResult {
        let offset = self.offset();
        let next = self.peek().clone();
        if next.lbp() < 10 {
            return Ok(Expr {
                kind: ExprKind::Identity,
                offset,
            });
        }
        match next {
            Tok::LBracket | Tok::Filter => self.expression(rbp),
            Tok::Dot => {
                self.next();
                self.dot_rhs(rbp)
            }
            t => Err(self.error_here(format!("unexpected {} after a projection", t.describe()))),
        }
    }

    /// What may follow a `.`: an identifier, `*`, a multi-select list or hash.
    fn dot_rhs(&mut self, rbp: u8) -> PResult {
        match self.peek() {
            Tok::Ident(_) | Tok::Quoted(_) | Tok::Star => self.expression(rbp),
            Tok::LBracket => {
                let (_, offset) = self.next();
                self.multi_select_list(offset)
            }
            Tok::LBrace => {
                let (_, offset) = self.next();
                self.multi_select_hash(offset)
            }
            t => Err(self.error_here(format!(
                "expected an identifier, `*`, `[` or `{{` after `.`, found {}",
                t.describe()
            ))),
        }
    }

    fn multi_select_list(&mut self, offset: usize) -> PResult {
        let mut items = Vec::new();
        loop {
            items.push(self.expression(0)?);
            match self.peek() {
                Tok::Comma => {
                    self.next();
                }
                Tok::RBracket => {
                    self.next();
                    break;
                }
                t => {
                    return Err(self.error_here(format!(
                        "expected `,` or `]` in a multi-select list, found {}",
                        t.describe()
                    )))
                }
            }
        }
        Ok(Expr {
            kind: ExprKind::MultiSelectList(items),
            offset,
        })
    }

    fn multi_select_hash(&mut self, offset: usize) -> PResult {
        let mut pairs = Vec::new();
        loop {
            let key = match self.next() {
                (Tok::Ident(k) | Tok::Quoted(k), _) => k,
                (t, at) => {
                    return Err(ParseError {
                        offset: at,
                        message: format!(
                            "expected a key in a multi-select hash, found {}",
                            t.describe()
                        ),
                    })
                }
            };
            self.expect(Tok::Colon, "after a multi-select hash key")?;
            pairs.push((key, self.expression(0)?));
            match self.peek() {
                Tok::Comma => {
                    self.next();
                }
                Tok::RBrace => {
                    self.next();
                    break;
                }
                t => {
                    return Err(self.error_here(format!(
                        "expected `,` or `}}` in a multi-select hash, found {}",
                        t.describe()
                    )))
                }
            }
        }
        Ok(Expr {
            kind: ExprKind::MultiSelectHash(pairs),
            offset,
        })
    }
}

/// The expression written back in a canonical, fully bracketed form (for
/// tests and messages).
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ExprKind::*;
        match &self.kind {
            Identity => f.write_str("@"),
            Field(n) => write!(f, "{n}"),
            Subexpr(a, b) => write!(f, "({a}.{b})"),
            Index(a, n) => write!(f, "{a}[{n}]"),
            Slice {
                lhs,
                start,
                stop,
                step,
            } => {
                let o = |v: &Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
                write!(f, "{lhs}[{}:{}:{}]", o(start), o(stop), o(step))
            }
            Projection { lhs, rhs } => write!(f, "project({lhs}, {rhs})"),
            Flatten(a) => write!(f, "flatten({a})"),
            ValueProjection { lhs, rhs } => write!(f, "values({lhs}, {rhs})"),
            Filter { lhs, cond, rhs } => write!(f, "filter({lhs}, {cond}, {rhs})"),
            Compare(op, a, b) => write!(f, "({a} {} {b})", op.as_str()),
            And(a, b) => write!(f, "({a} && {b})"),
            Or(a, b) => write!(f, "({a} || {b})"),
            Not(a) => write!(f, "!{a}"),
            Literal(v) => write!(f, "`{v}`"),
            RawString(s) => write!(f, "'{s}'"),
            Function(n, args) => {
                write!(f, "{n}(")?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str(")")
            }
            MultiSelectList(items) => {
                f.write_str("[")?;
                for (i, a) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str("]")
            }
            MultiSelectHash(pairs) => {
                f.write_str("{")?;
                for (i, (k, a)) in pairs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {a}")?;
                }
                f.write_str("}")
            }
            Pipe(a, b) => write!(f, "({a} | {b})"),
            ExpressionRef(a) => write!(f, "&{a}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> String {
        match parse(text) {
            Ok(e) => e.to_string(),
            Err(e) => panic!("{text}: {e}"),
        }
    }

    fn err(text: &str) -> (usize, String) {
        let e = parse(text).expect_err(text);
        (e.offset, e.message)
    }

    #[test]
    fn identifiers_and_subexpressions() {
        assert_eq!(p("status"), "status");
        assert_eq!(p("Table.TableStatus"), "(Table.TableStatus)");
        assert_eq!(p("a.b.c"), "((a.b).c)");
        assert_eq!(p("\"quoted name\".x"), "(quoted name.x)");
        assert_eq!(p("@"), "@");
        assert_eq!(p(" a . b "), "(a.b)");
    }

    #[test]
    fn indexes_and_slices() {
        assert_eq!(p("a[0]"), "a[0]");
        assert_eq!(p("a[-1].b"), "(a[-1].b)");
        assert_eq!(p("[0]"), "@[0]");
        assert_eq!(p("a[1:3].b"), "project(a[1:3:], b)");
        assert_eq!(p("a[::-1]"), "project(a[::-1], @)");
    }

    #[test]
    fn projections() {
        assert_eq!(p("a[].b"), "project(flatten(a), b)");
        assert_eq!(p("a[*].b"), "project(a, b)");
        assert_eq!(p("a[*].b.c"), "project(a, (b.c))");
        assert_eq!(
            p("a[].b[].c"),
            "project(flatten(project(flatten(a), b)), c)"
        );
        assert_eq!(p("a[*]"), "project(a, @)");
        assert_eq!(p("[*].a"), "project(@, a)");
        assert_eq!(p("a.*.b"), "values(a, b)");
        assert_eq!(p("*.b"), "values(@, b)");
        assert_eq!(
            p("VerificationAttributes.*.VerificationStatus"),
            "values(VerificationAttributes, VerificationStatus)"
        );
        assert_eq!(
            p("TargetHealthDescriptions[].TargetHealth.State"),
            "project(flatten(TargetHealthDescriptions), (TargetHealth.State))"
        );
        // A pipe stops a projection.
        assert_eq!(p("a[*].b | [0]"), "(project(a, b) | @[0])");
    }

    #[test]
    fn filters_comparisons_and_booleans() {
        assert_eq!(p("a[?b == 'x'].c"), "filter(a, (b == 'x'), c)");
        assert_eq!(p("[?b]"), "filter(@, b, @)");
        assert_eq!(
            p("status != 'CANCELLING' && status != 'CANCELLED'"),
            "((status != 'CANCELLING') && (status != 'CANCELLED'))"
        );
        assert_eq!(p("a || b && c"), "(a || (b && c))");
        assert_eq!(p("!a == b"), "(!a == b)");
        assert_eq!(p("!(a == b)"), "!(a == b)");
        assert_eq!(p("a < `1`"), "(a < `1`)");
        assert_eq!(p("a <= `1.5`"), "(a <= `1.5`)");
        assert_eq!(p("a >= b"), "(a >= b)");
        assert_eq!(p("a > `\"s\"`"), "(a > `\"s\"`)");
        assert_eq!(p("`true`"), "`true`");
        assert_eq!(p("'it\\'s'"), "'it's'");
    }

    #[test]
    fn functions_and_multi_selects() {
        assert_eq!(p("length(a) > `0`"), "(length(a) > `0`)");
        assert_eq!(
            p("length(a[?x == 'y']) > `0`"),
            "(length(filter(a, (x == 'y'), @)) > `0`)"
        );
        assert_eq!(
            p("contains(AutoScalingGroups[].[length(Instances[?LifecycleState=='InService']) >= MinSize][], `false`)"),
            "contains(project(flatten(project(flatten(AutoScalingGroups), [(length(filter(Instances, (LifecycleState == 'InService'), @)) >= MinSize)])), @), `false`)"
        );
        assert_eq!(
            p("length(services[?!(length(deployments) == `1` && runningCount == desiredCount)]) == `0`"),
            "(length(filter(services, !((length(deployments) == `1`) && (runningCount == desiredCount)), @)) == `0`)"
        );
        assert_eq!(p("a.[b, c]"), "(a.[b, c])");
        assert_eq!(p("{x: a, y: b}"), "{x: a, y: b}");
        assert_eq!(p("sort_by(a, &b)"), "sort_by(a, &b)");
        assert_eq!(p("f()"), "f()");
    }

    #[test]
    fn located_errors() {
        assert_eq!(err("").0, 0);
        assert_eq!(err("a."), (2, "expected an identifier, `*`, `[` or `{` after `.`, found the end of the expression".into()));
        assert_eq!(
            err("a[?b == 'x'"),
            (
                11,
                "expected `]` to close the filter `[?`, found the end of the expression".into()
            )
        );
        assert_eq!(err("a = b").0, 2);
        assert_eq!(err("a == 'x").0, 5);
        assert!(err("a == 'x").1.contains("unterminated raw string"));
        assert_eq!(err("a == `tru`").0, 5);
        assert!(err("a == `tru`").1.contains("not valid JSON"));
        assert_eq!(
            err("a b"),
            (
                2,
                "unexpected identifier `b` after a complete expression".into()
            )
        );
        assert_eq!(err("a[0:1:0]").1, "a slice step cannot be 0");
        assert_eq!(
            err("length(a"),
            (
                8,
                "expected `,` or `)` in the arguments of length(), found the end of the expression"
                    .into()
            )
        );
        assert_eq!(err("a # b").0, 2);
        assert_eq!(err("a[x]").0, 2);
        assert_eq!(err("(a").0, 2);
        assert!(err(&"(".repeat(100)).1.contains("nested deeper"));
        let e = parse("a.").unwrap_err();
        assert!(e.to_string().starts_with("at character 3:"), "{e}");
    }
}
