//! A rule set parsed from its JSON document, checked, and compiled into the
//! tree the evaluator (`eval.rs`) walks.

use super::eval::Value;
use super::EndpointError;
use crate::{Document, Number};
use std::collections::HashMap;
use std::fmt;

/// How deep rules and expressions may nest (the JSON reader stops at 128
/// levels of arrays and objects already; this guards documents built by
/// hand, since parsing and evaluation recurse).
const MAX_DEPTH: u32 = 128;

/// A parsed endpoint rule set (the value of a service's
/// `smithy.rules#endpointRuleSet` trait). Parse it once and keep it (it is
/// `Send + Sync`); [`resolve`](RuleSet::resolve) as often as needed.
#[derive(Clone)]
pub struct RuleSet {
    version: String,
    /// Sorted by name; parameter `i` is evaluation slot `i`.
    parameters: Vec<Parameter>,
    pub(super) rules: Box<[Rule]>,
    /// Parameters and then assigned variables.
    pub(super) slot_count: usize,
}

impl fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleSet")
            .field("version", &self.version)
            .field("parameters", &self.parameters)
            .field("rules", &self.rules.len())
            .finish()
    }
}

/// The type of a rule set parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParameterType {
    /// `string`
    String,
    /// `boolean`
    Boolean,
    /// `stringArray`
    StringArray,
}

impl ParameterType {
    /// Whether `value` is of this type.
    pub fn accepts(self, value: &Value) -> bool {
        matches!(
            (self, value),
            (ParameterType::String, Value::String(_))
                | (ParameterType::Boolean, Value::Bool(_))
                | (ParameterType::StringArray, Value::StringArray(_))
        )
    }

    fn describe(self) -> &'static str {
        match self {
            ParameterType::String => "a string",
            ParameterType::Boolean => "a boolean",
            ParameterType::StringArray => "an array of strings",
        }
    }

    fn kind(self) -> Kind {
        match self {
            ParameterType::String => Kind::String,
            ParameterType::Boolean => Kind::Bool,
            ParameterType::StringArray => Kind::Array,
        }
    }
}

/// A rule set parameter: what callers bind to build [`Params`](super::Params).
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    name: String,
    ty: ParameterType,
    required: bool,
    default: Option<Value>,
    built_in: Option<String>,
    documentation: Option<String>,
    deprecated: bool,
}

impl Parameter {
    /// The name, e.g. `Region`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The type.
    pub fn ty(&self) -> ParameterType {
        self.ty
    }

    /// Whether resolving fails when the parameter has no value (and no
    /// default).
    pub fn is_required(&self) -> bool {
        self.required
    }

    /// The value used when none is given.
    pub fn default(&self) -> Option<&Value> {
        self.default.as_ref()
    }

    /// The built-in the value comes from, e.g. `AWS::Region`,
    /// `AWS::UseFIPS`, `SDK::Endpoint`.
    pub fn built_in(&self) -> Option<&str> {
        self.built_in.as_deref()
    }

    /// The documentation.
    pub fn documentation(&self) -> Option<&str> {
        self.documentation.as_deref()
    }

    /// Whether the parameter is marked deprecated.
    pub fn is_deprecated(&self) -> bool {
        self.deprecated
    }
}

impl RuleSet {
    /// Parses and checks a rule set from its JSON text.
    pub fn parse(json: &str) -> Result<RuleSet, EndpointError> {
        let doc: Document = crate::wire::from_json_str(json).map_err(|e| {
            EndpointError(format!("invalid endpoint rule set: not valid JSON: {e}"))
        })?;
        RuleSet::from_document(&doc)
    }

    /// Parses and checks a rule set that is already a [`Document`].
    pub fn from_document(doc: &Document) -> Result<RuleSet, EndpointError> {
        let root = Loc::Root;
        let top = object(doc, root)?;
        let version = required_str(top, "version", root)?.to_string();
        let params_loc = root.key("parameters");
        let params = object(required(top, "parameters", root)?, params_loc)?;
        let mut names: Vec<&String> = params.keys().collect();
        names.sort();
        let mut b = Builder::default();
        let mut parameters = Vec::with_capacity(names.len());
        for name in names {
            let p = parameter(name, &params[name], params_loc.key(name))?;
            b.declare(&p.name, p.ty.kind());
            parameters.push(p);
        }
        let rules_loc = root.key("rules");
        let rules = b.rules(array(required(top, "rules", root)?, rules_loc)?, rules_loc)?;
        Ok(RuleSet {
            version,
            parameters,
            rules,
            slot_count: b.slot_count,
        })
    }

    /// The rules engine version the rule set declares (`1.0`, `1.1`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The parameters, sorted by name.
    pub fn parameters(&self) -> &[Parameter] {
        &self.parameters
    }

    /// The parameter called `name`.
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters
            .binary_search_by(|p| p.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.parameters[i])
    }
}

/// An evaluation slot: a parameter's or an assigned variable's value.
pub(super) type Slot = usize;

#[derive(Clone, Debug)]
pub(super) struct Rule {
    pub conditions: Box<[Condition]>,
    pub body: Body,
}

#[derive(Clone, Debug)]
pub(super) enum Body {
    Endpoint(Box<EndpointTemplate>),
    Error(Expr),
    Tree(Box<[Rule]>),
}

#[derive(Clone, Debug)]
pub(super) struct Condition {
    pub expr: Expr,
    pub assign: Option<Slot>,
}

#[derive(Clone, Debug)]
pub(super) struct EndpointTemplate {
    pub url: Expr,
    /// Sorted by name.
    pub headers: Box<[(String, Box<[Expr]>)]>,
    pub properties: Box<[(String, Expr)]>,
}

#[derive(Clone, Debug)]
pub(super) enum Expr {
    /// A string without template parts (already unescaped).
    Str(Box<str>),
    Template(Box<Template>),
    Bool(bool),
    Int(i64),
    /// An array literal.
    Array(Box<[Expr]>),
    /// An object literal (in properties, or inside an array literal).
    Record(Box<[(Box<str>, Expr)]>),
    Ref(Slot),
    Call(Box<Call>),
}

#[derive(Clone, Debug)]
pub(super) struct Template {
    /// As written, for error messages.
    pub raw: Box<str>,
    pub parts: Box<[Part]>,
}

#[derive(Clone, Debug)]
pub(super) enum Part {
    Lit(Box<str>),
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub(super) enum PathPart {
    Key(Box<str>),
    /// Negative counts from the end (`[-1]` is the last item).
    Index(i64),
}

impl fmt::Display for PathPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathPart::Key(k) => write!(f, "`{k}`"),
            PathPart::Index(i) => write!(f, "`[{i}]`"),
        }
    }
}

#[derive(Clone, Debug)]
pub(super) enum Call {
    IsSet(Expr),
    Not(Expr),
    BooleanEquals(Expr, Expr),
    StringEquals(Expr, Expr),
    GetAttr(Expr, Box<[PathPart]>),
    ParseUrl(Expr),
    /// Input, start, stop, reverse.
    Substring(Expr, Expr, Expr, Expr),
    UriEncode(Expr),
    IsValidHostLabel(Expr, Expr),
    /// Input, delimiter, limit.
    Split(Expr, Expr, Expr),
    Coalesce(Box<[Expr]>),
    Ite(Expr, Expr, Expr),
    Partition(Expr),
    ParseArn(Expr),
    IsVirtualHostableS3Bucket(Expr, Expr),
}

impl Call {
    pub fn name(&self) -> &'static str {
        match self {
            Call::IsSet(_) => "isSet",
            Call::Not(_) => "not",
            Call::BooleanEquals(..) => "booleanEquals",
            Call::StringEquals(..) => "stringEquals",
            Call::GetAttr(..) => "getAttr",
            Call::ParseUrl(_) => "parseURL",
            Call::Substring(..) => "substring",
            Call::UriEncode(_) => "uriEncode",
            Call::IsValidHostLabel(..) => "isValidHostLabel",
            Call::Split(..) => "split",
            Call::Coalesce(_) => "coalesce",
            Call::Ite(..) => "ite",
            Call::Partition(_) => "aws.partition",
            Call::ParseArn(_) => "aws.parseArn",
            Call::IsVirtualHostableS3Bucket(..) => "aws.isVirtualHostableS3Bucket",
        }
    }
}

/// What is statically known of a value's type (optionality aside).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    String,
    Bool,
    Int,
    Array,
    Record,
    Any,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::String => "a string",
            Kind::Bool => "a boolean",
            Kind::Int => "an integer",
            Kind::Array => "an array",
            Kind::Record => "an object",
            Kind::Any => "a value",
        }
    }

    fn fits(self, other: Kind) -> bool {
        self == other || self == Kind::Any || other == Kind::Any
    }
}

/// Where in the document something is, for error messages:
/// `rules[3].conditions[0].argv[1]`.
#[derive(Clone, Copy)]
enum Loc<'p> {
    Root,
    Key(&'p Loc<'p>, &'p str),
    Index(&'p Loc<'p>, usize),
}

impl<'p> Loc<'p> {
    fn key(&'p self, key: &'p str) -> Loc<'p> {
        Loc::Key(self, key)
    }

    fn index(&'p self, index: usize) -> Loc<'p> {
        Loc::Index(self, index)
    }
}

impl fmt::Display for Loc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loc::Root => f.write_str("the root"),
            Loc::Key(Loc::Root, key) => f.write_str(key),
            Loc::Key(parent, key) => write!(f, "{parent}.{key}"),
            Loc::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

fn error(loc: Loc<'_>, message: impl fmt::Display) -> EndpointError {
    EndpointError(format!("invalid endpoint rule set: {loc}: {message}"))
}

type Members = HashMap<String, Document>;

fn object<'d>(doc: &'d Document, loc: Loc<'_>) -> Result<&'d Members, EndpointError> {
    doc.as_object()
        .ok_or_else(|| error(loc, format!("expected an object, found {}", describe(doc))))
}

fn array<'d>(doc: &'d Document, loc: Loc<'_>) -> Result<&'d [Document], EndpointError> {
    doc.as_array()
        .ok_or_else(|| error(loc, format!("expected an array, found {}", describe(doc))))
}

fn required<'d>(obj: &'d Members, key: &str, loc: Loc<'_>) -> Result<&'d Document, EndpointError> {
    obj.get(key)
        .ok_or_else(|| error(loc, format!("`{key}` is missing")))
}

fn required_str<'d>(obj: &'d Members, key: &str, loc: Loc<'_>) -> Result<&'d str, EndpointError> {
    let doc = required(obj, key, loc)?;
    doc.as_str().ok_or_else(|| {
        error(
            loc.key(key),
            format!("expected a string, found {}", describe(doc)),
        )
    })
}

fn optional_str<'d>(
    obj: &'d Members,
    key: &str,
    loc: Loc<'_>,
) -> Result<Option<&'d str>, EndpointError> {
    match obj.get(key) {
        None | Some(Document::Null) => Ok(None),
        Some(Document::String(s)) => Ok(Some(s)),
        Some(other) => Err(error(
            loc.key(key),
            format!("expected a string, found {}", describe(other)),
        )),
    }
}

fn describe(doc: &Document) -> &'static str {
    match doc {
        Document::Object(_) => "an object",
        Document::Array(_) => "an array",
        Document::Number(_) => "a number",
        Document::String(_) => "a string",
        Document::Bool(_) => "a boolean",
        Document::Null => "null",
    }
}

fn integer(n: &Number, loc: Loc<'_>) -> Result<i64, EndpointError> {
    match *n {
        Number::PosInt(p) => i64::try_from(p).map_err(|_| error(loc, "integer out of range")),
        Number::NegInt(i) => Ok(i),
        Number::Float(f) => Err(error(loc, format!("expected an integer, found {f}"))),
    }
}

fn parameter(name: &str, doc: &Document, loc: Loc<'_>) -> Result<Parameter, EndpointError> {
    let obj = object(doc, loc)?;
    let ty = match required_str(obj, "type", loc)? {
        t if t.eq_ignore_ascii_case("string") => ParameterType::String,
        t if t.eq_ignore_ascii_case("boolean") => ParameterType::Boolean,
        "stringArray" => ParameterType::StringArray,
        other => {
            return Err(error(
                loc.key("type"),
                format!(
                    "unknown parameter type `{other}` (expected string, boolean or stringArray)"
                ),
            ))
        }
    };
    let required = match obj.get("required") {
        None | Some(Document::Null) => false,
        Some(Document::Bool(b)) => *b,
        Some(other) => {
            return Err(error(
                loc.key("required"),
                format!("expected a boolean, found {}", describe(other)),
            ))
        }
    };
    let default = match obj.get("default") {
        None | Some(Document::Null) => None,
        Some(d) => {
            let value = match (ty, d) {
                (ParameterType::String, Document::String(s)) => Some(Value::String(s.clone())),
                (ParameterType::Boolean, Document::Bool(b)) => Some(Value::Bool(*b)),
                (ParameterType::StringArray, Document::Array(items)) => items
                    .iter()
                    .map(|i| i.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .map(Value::StringArray),
                _ => None,
            };
            Some(value.ok_or_else(|| {
                error(
                    loc.key("default"),
                    format!("the default must be {}", ty.describe()),
                )
            })?)
        }
    };
    let deprecated = match obj.get("deprecated") {
        None | Some(Document::Null) => false,
        Some(Document::Object(_)) => true,
        Some(other) => {
            return Err(error(
                loc.key("deprecated"),
                format!("expected an object, found {}", describe(other)),
            ))
        }
    };
    Ok(Parameter {
        name: name.to_string(),
        ty,
        required,
        default,
        built_in: optional_str(obj, "builtIn", loc)?.map(str::to_string),
        documentation: optional_str(obj, "documentation", loc)?.map(str::to_string),
        deprecated,
    })
}

/// Compiles rules and expressions, keeping track of which names are in
/// scope and which slot each name uses.
#[derive(Default)]
struct Builder {
    /// Every name's slot; a variable name assigned in several rules keeps
    /// one slot (scoping makes stale values unobservable: a name is only
    /// in scope after the condition that assigns it succeeded).
    slots: HashMap<String, Slot>,
    slot_count: usize,
    /// Names in scope, innermost last, with what is known of their type.
    scope: Vec<(String, Slot, Kind)>,
    depth: u32,
}

impl Builder {
    fn declare(&mut self, name: &str, kind: Kind) -> Slot {
        let next = self.slot_count;
        let slot = *self.slots.entry(name.to_string()).or_insert(next);
        if slot == next {
            self.slot_count += 1;
        }
        self.scope.push((name.to_string(), slot, kind));
        slot
    }

    fn lookup(&self, name: &str) -> Option<&(String, Slot, Kind)> {
        self.scope.iter().rev().find(|(n, ..)| n == name)
    }

    fn enter(&mut self, loc: Loc<'_>) -> Result<(), EndpointError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error(loc, format!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn rules(&mut self, docs: &[Document], loc: Loc<'_>) -> Result<Box<[Rule]>, EndpointError> {
        docs.iter()
            .enumerate()
            .map(|(i, d)| self.rule(d, loc.index(i)))
            .collect()
    }

    fn rule(&mut self, doc: &Document, loc: Loc<'_>) -> Result<Rule, EndpointError> {
        self.enter(loc)?;
        let obj = object(doc, loc)?;
        let ty = required_str(obj, "type", loc)?;
        let outer_scope = self.scope.len();
        let conditions_loc = loc.key("conditions");
        let conditions = match obj.get("conditions") {
            None | Some(Document::Null) => Box::default(),
            Some(d) => array(d, conditions_loc)?
                .iter()
                .enumerate()
                .map(|(i, c)| self.condition(c, conditions_loc.index(i)))
                .collect::<Result<_, _>>()?,
        };
        let body = match ty {
            "endpoint" => {
                let endpoint = required(obj, "endpoint", loc)?;
                Body::Endpoint(Box::new(self.endpoint(endpoint, loc.key("endpoint"))?))
            }
            "error" => {
                let at = loc.key("error");
                let message = self.expr(required(obj, "error", loc)?, at)?;
                self.want(&message, Kind::String, at, "the error message")?;
                Body::Error(message)
            }
            "tree" => {
                let at = loc.key("rules");
                Body::Tree(self.rules(array(required(obj, "rules", loc)?, at)?, at)?)
            }
            other => {
                return Err(error(
                    loc.key("type"),
                    format!("unknown rule type `{other}` (expected endpoint, error or tree)"),
                ))
            }
        };
        self.scope.truncate(outer_scope);
        self.depth -= 1;
        Ok(Rule { conditions, body })
    }

    fn condition(&mut self, doc: &Document, loc: Loc<'_>) -> Result<Condition, EndpointError> {
        let obj = object(doc, loc)?;
        let expr = self.call(obj, loc)?;
        let assign = match optional_str(obj, "assign", loc)? {
            None => None,
            Some(name) => {
                if self.lookup(name).is_some() {
                    return Err(error(
                        loc.key("assign"),
                        format!("`{name}` is already a parameter or a variable in scope"),
                    ));
                }
                let kind = self.kind(&expr);
                Some(self.declare(name, kind))
            }
        };
        Ok(Condition { expr, assign })
    }

    fn endpoint(
        &mut self,
        doc: &Document,
        loc: Loc<'_>,
    ) -> Result<EndpointTemplate, EndpointError> {
        let obj = object(doc, loc)?;
        let url_loc = loc.key("url");
        let url = self.expr(required(obj, "url", loc)?, url_loc)?;
        self.want(&url, Kind::String, url_loc, "the url")?;
        let mut headers = Vec::new();
        if let Some(doc) = obj.get("headers").filter(|d| !d.is_null()) {
            let headers_loc = loc.key("headers");
            for (name, values) in object(doc, headers_loc)? {
                let at = headers_loc.key(name);
                let values = array(values, at)?
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let at = at.index(i);
                        let value = self.expr(v, at)?;
                        self.want(&value, Kind::String, at, "a header value")?;
                        Ok(value)
                    })
                    .collect::<Result<_, EndpointError>>()?;
                headers.push((name.clone(), values));
            }
            headers.sort_by(|a, b| a.0.cmp(&b.0));
        }
        let mut properties = Vec::new();
        if let Some(doc) = obj.get("properties").filter(|d| !d.is_null()) {
            let properties_loc = loc.key("properties");
            for (name, value) in object(doc, properties_loc)? {
                properties.push((name.clone(), self.literal(value, properties_loc.key(name))?));
            }
            properties.sort_by(|a, b| a.0.cmp(&b.0));
        }
        Ok(EndpointTemplate {
            url,
            headers: headers.into(),
            properties: properties.into(),
        })
    }

    /// An expression: a literal, `{"ref": …}` or `{"fn": …, "argv": […]}`.
    fn expr(&mut self, doc: &Document, loc: Loc<'_>) -> Result<Expr, EndpointError> {
        self.enter(loc)?;
        let expr = match doc {
            Document::Object(obj) => match (obj.get("ref"), obj.get("fn")) {
                (Some(name), None) => {
                    let at = loc.key("ref");
                    let name = name.as_str().ok_or_else(|| {
                        error(at, format!("expected a string, found {}", describe(name)))
                    })?;
                    Expr::Ref(self.reference(name, at)?)
                }
                (None, Some(_)) => self.call(obj, loc)?,
                _ => {
                    return Err(error(
                        loc,
                        "expected exactly one of `ref` or `fn` in an expression object",
                    ))
                }
            },
            other => self.literal(other, loc)?,
        };
        self.depth -= 1;
        Ok(expr)
    }

    /// A literal: strings are templates, objects are object literals.
    fn literal(&mut self, doc: &Document, loc: Loc<'_>) -> Result<Expr, EndpointError> {
        self.enter(loc)?;
        let expr = match doc {
            Document::String(s) => self.template(s, loc)?,
            Document::Bool(b) => Expr::Bool(*b),
            Document::Number(n) => Expr::Int(integer(n, loc)?),
            Document::Array(items) => Expr::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, d)| self.literal(d, loc.index(i)))
                    .collect::<Result<_, _>>()?,
            ),
            Document::Object(members) => {
                let mut names: Vec<&String> = members.keys().collect();
                names.sort();
                Expr::Record(
                    names
                        .into_iter()
                        .map(|k| Ok((k.as_str().into(), self.literal(&members[k], loc.key(k))?)))
                        .collect::<Result<_, EndpointError>>()?,
                )
            }
            Document::Null => return Err(error(loc, "null is not a valid value here")),
        };
        self.depth -= 1;
        Ok(expr)
    }

    fn reference(&self, name: &str, loc: Loc<'_>) -> Result<Slot, EndpointError> {
        self.lookup(name).map(|(_, slot, _)| *slot).ok_or_else(|| {
            error(
                loc,
                format!("`{name}` is neither a parameter nor a variable assigned earlier in scope"),
            )
        })
    }

    /// A template string: literal text with `{name}` and `{name#path}`
    /// parts; `{{` and `}}` stand for braces.
    fn template(&mut self, text: &str, loc: Loc<'_>) -> Result<Expr, EndpointError> {
        let b = text.as_bytes();
        let mut parts = Vec::new();
        let mut depth = 0u32;
        let mut dynamic_start = 0;
        let mut literal_start = 0;
        let mut i = 0;
        while i < b.len() {
            if b[i..].starts_with(b"{{") || b[i..].starts_with(b"}}") {
                i += 2;
                continue;
            }
            match b[i] {
                b'{' => {
                    if depth == 0 {
                        if literal_start != i {
                            parts.push(Part::Lit(unescape(&text[literal_start..i])));
                        }
                        dynamic_start = i + 1;
                    }
                    depth += 1;
                }
                b'}' => {
                    if depth == 0 {
                        return Err(error(loc, format!("unmatched `}}` in template `{text}`")));
                    }
                    depth -= 1;
                    if depth == 0 {
                        let inner = &text[dynamic_start..i];
                        parts.push(Part::Expr(self.shortform(inner, text, loc)?));
                    }
                    literal_start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        if depth != 0 {
            return Err(error(loc, format!("unmatched `{{` in template `{text}`")));
        }
        if literal_start < text.len() {
            parts.push(Part::Lit(unescape(&text[literal_start..])));
        }
        if parts.iter().all(|p| matches!(p, Part::Lit(_))) {
            let mut s = String::with_capacity(text.len());
            for p in &parts {
                if let Part::Lit(l) = p {
                    s.push_str(l);
                }
            }
            return Ok(Expr::Str(s.into()));
        }
        Ok(Expr::Template(Box::new(Template {
            raw: text.into(),
            parts: parts.into(),
        })))
    }

    /// `name` or `name#path`, inside a template.
    fn shortform(&mut self, inner: &str, text: &str, loc: Loc<'_>) -> Result<Expr, EndpointError> {
        let in_template = |e: EndpointError| EndpointError(format!("{e} (in template `{text}`)"));
        match inner.split_once('#') {
            None => {
                let value = Expr::Ref(self.reference(inner, loc).map_err(in_template)?);
                let kind = self.kind(&value);
                if !kind.fits(Kind::String) {
                    return Err(in_template(error(
                        loc,
                        format!(
                            "`{inner}` is {}; template parts must be strings",
                            kind.describe()
                        ),
                    )));
                }
                Ok(value)
            }
            Some((name, path)) => {
                let target = Expr::Ref(self.reference(name, loc).map_err(in_template)?);
                if !matches!(self.kind(&target), Kind::Record | Kind::Array | Kind::Any) {
                    return Err(in_template(error(
                        loc,
                        format!(
                            "`{name}` is {}, which has no attributes",
                            self.kind(&target).describe()
                        ),
                    )));
                }
                let path = parse_path(path).map_err(|m| in_template(error(loc, m)))?;
                Ok(Expr::Call(Box::new(Call::GetAttr(target, path))))
            }
        }
    }

    /// `{"fn": name, "argv": [...]}`.
    fn call(&mut self, obj: &Members, loc: Loc<'_>) -> Result<Expr, EndpointError> {
        let name = required_str(obj, "fn", loc)?;
        let argv_loc = loc.key("argv");
        let argv = array(required(obj, "argv", loc)?, argv_loc)?;
        let args = argv
            .iter()
            .enumerate()
            .map(|(i, d)| self.expr(d, argv_loc.index(i)))
            .collect::<Result<Vec<_>, _>>()?;
        let arg = |i: usize| argv_loc.index(i);
        let call = match name {
            "isSet" => {
                let [value] = fixed(args, name, argv_loc)?;
                Call::IsSet(value)
            }
            "not" => {
                let [value] = fixed(args, name, argv_loc)?;
                self.want(&value, Kind::Bool, arg(0), name)?;
                Call::Not(value)
            }
            "booleanEquals" => {
                let [a, b] = fixed(args, name, argv_loc)?;
                self.want(&a, Kind::Bool, arg(0), name)?;
                self.want(&b, Kind::Bool, arg(1), name)?;
                Call::BooleanEquals(a, b)
            }
            "stringEquals" => {
                let [a, b] = fixed(args, name, argv_loc)?;
                self.want(&a, Kind::String, arg(0), name)?;
                self.want(&b, Kind::String, arg(1), name)?;
                Call::StringEquals(a, b)
            }
            "getAttr" => {
                let [target, path] = fixed(args, name, argv_loc)?;
                let kind = self.kind(&target);
                if !matches!(kind, Kind::Record | Kind::Array | Kind::Any) {
                    return Err(error(
                        arg(0),
                        format!(
                            "`getAttr` needs an object or an array, found {}",
                            kind.describe()
                        ),
                    ));
                }
                let Expr::Str(path) = path else {
                    return Err(error(
                        arg(1),
                        "the path of `getAttr` must be a literal string",
                    ));
                };
                Call::GetAttr(target, parse_path(&path).map_err(|m| error(arg(1), m))?)
            }
            "parseURL" => {
                let [url] = fixed(args, name, argv_loc)?;
                self.want(&url, Kind::String, arg(0), name)?;
                Call::ParseUrl(url)
            }
            "substring" => {
                let [input, start, stop, reverse] = fixed(args, name, argv_loc)?;
                self.want(&input, Kind::String, arg(0), name)?;
                self.want(&start, Kind::Int, arg(1), name)?;
                self.want(&stop, Kind::Int, arg(2), name)?;
                self.want(&reverse, Kind::Bool, arg(3), name)?;
                Call::Substring(input, start, stop, reverse)
            }
            "uriEncode" => {
                let [value] = fixed(args, name, argv_loc)?;
                self.want(&value, Kind::String, arg(0), name)?;
                Call::UriEncode(value)
            }
            "isValidHostLabel" => {
                let [value, dots] = fixed(args, name, argv_loc)?;
                self.want(&value, Kind::String, arg(0), name)?;
                self.want(&dots, Kind::Bool, arg(1), name)?;
                Call::IsValidHostLabel(value, dots)
            }
            "split" => {
                let [value, delimiter, limit] = fixed(args, name, argv_loc)?;
                self.want(&value, Kind::String, arg(0), name)?;
                self.want(&delimiter, Kind::String, arg(1), name)?;
                self.want(&limit, Kind::Int, arg(2), name)?;
                Call::Split(value, delimiter, limit)
            }
            "coalesce" => {
                if args.len() < 2 {
                    return Err(error(
                        argv_loc,
                        format!(
                            "`coalesce` takes at least 2 arguments, found {}",
                            args.len()
                        ),
                    ));
                }
                let mut kind = Kind::Any;
                for (i, a) in args.iter().enumerate() {
                    let k = self.kind(a);
                    if !k.fits(kind) {
                        return Err(error(
                            arg(i),
                            format!(
                                "the arguments of `coalesce` must have one type: found {} and {}",
                                kind.describe(),
                                k.describe()
                            ),
                        ));
                    }
                    if k != Kind::Any {
                        kind = k;
                    }
                }
                Call::Coalesce(args.into())
            }
            "ite" => {
                let [condition, then, otherwise] = fixed(args, name, argv_loc)?;
                self.want(&condition, Kind::Bool, arg(0), name)?;
                let (a, b) = (self.kind(&then), self.kind(&otherwise));
                if !a.fits(b) {
                    return Err(error(
                        argv_loc,
                        format!(
                            "the branches of `ite` must have one type: found {} and {}",
                            a.describe(),
                            b.describe()
                        ),
                    ));
                }
                Call::Ite(condition, then, otherwise)
            }
            "aws.partition" => {
                let [region] = fixed(args, name, argv_loc)?;
                self.want(&region, Kind::String, arg(0), name)?;
                Call::Partition(region)
            }
            "aws.parseArn" => {
                let [arn] = fixed(args, name, argv_loc)?;
                self.want(&arn, Kind::String, arg(0), name)?;
                Call::ParseArn(arn)
            }
            "aws.isVirtualHostableS3Bucket" => {
                let [bucket, dots] = fixed(args, name, argv_loc)?;
                self.want(&bucket, Kind::String, arg(0), name)?;
                self.want(&dots, Kind::Bool, arg(1), name)?;
                Call::IsVirtualHostableS3Bucket(bucket, dots)
            }
            other => {
                return Err(error(
                    loc.key("fn"),
                    format!("`{other}` is not a known function"),
                ))
            }
        };
        Ok(Expr::Call(Box::new(call)))
    }

    /// What is known of an expression's type.
    fn kind(&self, expr: &Expr) -> Kind {
        match expr {
            Expr::Str(_) | Expr::Template(_) => Kind::String,
            Expr::Bool(_) => Kind::Bool,
            Expr::Int(_) => Kind::Int,
            Expr::Array(_) => Kind::Array,
            Expr::Record(_) => Kind::Record,
            Expr::Ref(slot) => self
                .scope
                .iter()
                .rev()
                .find(|(_, s, _)| s == slot)
                .map_or(Kind::Any, |(.., k)| *k),
            Expr::Call(call) => match &**call {
                Call::IsSet(_)
                | Call::Not(_)
                | Call::BooleanEquals(..)
                | Call::StringEquals(..)
                | Call::IsValidHostLabel(..)
                | Call::IsVirtualHostableS3Bucket(..) => Kind::Bool,
                Call::GetAttr(..) => Kind::Any,
                Call::ParseUrl(_) | Call::Partition(_) | Call::ParseArn(_) => Kind::Record,
                Call::Substring(..) | Call::UriEncode(_) => Kind::String,
                Call::Split(..) => Kind::Array,
                Call::Coalesce(args) => args
                    .iter()
                    .map(|a| self.kind(a))
                    .find(|k| *k != Kind::Any)
                    .unwrap_or(Kind::Any),
                Call::Ite(_, a, b) => match (self.kind(a), self.kind(b)) {
                    (a, b) if a == b => a,
                    _ => Kind::Any,
                },
            },
        }
    }

    /// Checks that `expr` can be of `kind` where `what` needs it.
    fn want(&self, expr: &Expr, kind: Kind, loc: Loc<'_>, what: &str) -> Result<(), EndpointError> {
        let found = self.kind(expr);
        if found.fits(kind) {
            Ok(())
        } else {
            Err(error(
                loc,
                format!(
                    "{what} needs {}, found {}",
                    kind.describe(),
                    found.describe()
                ),
            ))
        }
    }
}

/// Exactly `N` arguments.
fn fixed<const N: usize>(
    args: Vec<Expr>,
    name: &str,
    loc: Loc<'_>,
) -> Result<[Expr; N], EndpointError> {
    let found = args.len();
    args.try_into().map_err(|_| {
        let s = if N == 1 { "" } else { "s" };
        error(
            loc,
            format!("`{name}` takes {N} argument{s}, found {found}"),
        )
    })
}

fn unescape(literal: &str) -> Box<str> {
    literal.replace("{{", "{").replace("}}", "}").into()
}

/// A `getAttr` path: keys separated by dots, each optionally followed by
/// one `[index]` (`resourceId[0]`, `a.b`, `[-1]`).
fn parse_path(path: &str) -> Result<Box<[PathPart]>, String> {
    let mut parts = Vec::new();
    for component in path.split('.') {
        let (key, index) = match component.find('[') {
            None => (component, None),
            Some(open) => {
                let Some(number) = component[open + 1..].strip_suffix(']') else {
                    return Err(format!("invalid `getAttr` path `{path}`: `[` without a closing `]` at the end of `{component}`"));
                };
                let index: i64 = number.parse().map_err(|_| {
                    format!("invalid `getAttr` path `{path}`: `{number}` is not an integer index")
                })?;
                (&component[..open], Some(index))
            }
        };
        if key.is_empty() && index.is_none() {
            return Err(format!("invalid `getAttr` path `{path}`: empty component"));
        }
        if !key.is_empty() {
            parts.push(PathPart::Key(key.into()));
        }
        if let Some(i) = index {
            parts.push(PathPart::Index(i));
        }
    }
    Ok(parts.into())
}
