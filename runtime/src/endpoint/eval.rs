//! Resolving: [`Params`] in, an [`Endpoint`] or a [`ResolveError`] out.
//!
//! Values borrow from the rule set and the parameters wherever they can
//! (strings are `Cow`s, attribute lookups and `substring` slice their
//! input), so a typical resolution allocates the slot vector, the result's
//! strings and little else.

use super::aws;
use super::functions as lib;
use super::partition::{Partition, Partitions};
use super::result::{Endpoint, ResolveError, ResolveErrorKind};
use super::ruleset::{
    Body, Call, Condition, EndpointTemplate, Expr, Part, PathPart, Rule, RuleSet,
};
use crate::Document;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::rc::Rc;

/// A parameter value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// For `string` parameters.
    String(String),
    /// For `boolean` parameters.
    Bool(bool),
    /// For `stringArray` parameters.
    StringArray(Vec<String>),
}

impl Value {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The strings, if this is an array.
    pub fn as_string_array(&self) -> Option<&[String]> {
        match self {
            Value::StringArray(a) => Some(a),
            _ => None,
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Bool(_) => "a boolean",
            Value::StringArray(_) => "an array of strings",
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Vec<String>> for Value {
    fn from(items: Vec<String>) -> Self {
        Value::StringArray(items)
    }
}

impl From<Vec<&str>> for Value {
    fn from(items: Vec<&str>) -> Self {
        Value::StringArray(items.into_iter().map(str::to_string).collect())
    }
}

/// The values of a resolution's parameters, by name. Parameters the rule
/// set does not declare are ignored; absent ones take their default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    entries: Vec<(Cow<'static, str>, Value)>,
}

impl Params {
    /// No values.
    pub fn new() -> Self {
        Params::default()
    }

    /// Sets `name` (replacing an earlier value).
    pub fn set(
        &mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<Value>,
    ) -> &mut Self {
        let name = name.into();
        let value = value.into();
        match self.entries.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((name, value)),
        }
        self
    }

    /// [`set`](Self::set), by value.
    pub fn with(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<Value>) -> Self {
        self.set(name, value);
        self
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.entries.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Unsets `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let i = self.entries.iter().position(|(n, _)| n == name)?;
        Some(self.entries.remove(i).1)
    }

    /// The values, in the order they were first set.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(n, v)| (&**n, v))
    }

    /// How many values are set.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no value is set.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<K: Into<Cow<'static, str>>, V: Into<Value>> FromIterator<(K, V)> for Params {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut params = Params::new();
        for (k, v) in iter {
            params.set(k, v);
        }
        params
    }
}

impl RuleSet {
    /// Resolves `params` to an endpoint, or to the error the rules give
    /// for them (see [`ResolveError`]). `aws.partition` reads the
    /// partitions data shipped with this crate.
    pub fn resolve(&self, params: &Params) -> Result<Endpoint, ResolveError> {
        self.evaluate(params, None)
    }

    /// [`resolve`](Self::resolve) with other partitions data.
    pub fn resolve_with(
        &self,
        params: &Params,
        partitions: &Partitions,
    ) -> Result<Endpoint, ResolveError> {
        self.evaluate(params, Some(partitions))
    }

    fn evaluate<'a>(
        &'a self,
        params: &'a Params,
        partitions: Option<&'a Partitions>,
    ) -> Result<Endpoint, ResolveError> {
        let mut slots: Vec<Option<Val<'_>>> = vec![None; self.slot_count];
        for (slot, p) in slots.iter_mut().zip(self.parameters()) {
            let value = match params.get(p.name()) {
                Some(v) if !p.ty().accepts(v) => {
                    return Err(ResolveError::new(
                        ResolveErrorKind::InvalidParameter,
                        format!(
                            "endpoint parameter `{}` must be {}, found {}",
                            p.name(),
                            describe_type(p.ty()),
                            v.describe()
                        ),
                    ))
                }
                Some(v) => Some(v),
                None => p.default(),
            };
            match value {
                Some(v) => *slot = Some(Val::of(v)),
                None if p.is_required() => {
                    return Err(ResolveError::new(
                        ResolveErrorKind::MissingParameter,
                        format!("endpoint parameter `{}` is required but not set", p.name()),
                    ))
                }
                None => {}
            }
        }
        let mut eval = Eval { slots, partitions };
        match eval.rules(&self.rules)? {
            Some(endpoint) => Ok(endpoint),
            None => Err(ResolveError::new(
                ResolveErrorKind::NoMatch,
                "no endpoint rule matched the parameters",
            )),
        }
    }
}

fn describe_type(ty: super::ParameterType) -> &'static str {
    match ty {
        super::ParameterType::String => "a string",
        super::ParameterType::Boolean => "a boolean",
        super::ParameterType::StringArray => "an array of strings",
    }
}

/// A value during evaluation; an unset value is `None` around it.
#[derive(Clone, Debug)]
enum Val<'a> {
    Str(Cow<'a, str>),
    Bool(bool),
    Int(i64),
    Array(Rc<[Val<'a>]>),
    Record(Rc<[(&'a str, Val<'a>)]>),
    /// What `aws.partition` returns, and whether the match was inferred.
    Partition(&'a Partition, bool),
}

impl<'a> Val<'a> {
    fn of(value: &'a Value) -> Self {
        match value {
            Value::String(s) => Val::Str(Cow::Borrowed(s)),
            Value::Bool(b) => Val::Bool(*b),
            Value::StringArray(items) => Val::Array(
                items
                    .iter()
                    .map(|s| Val::Str(Cow::Borrowed(s.as_str())))
                    .collect(),
            ),
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Val::Str(_) => "a string",
            Val::Bool(_) => "a boolean",
            Val::Int(_) => "an integer",
            Val::Array(_) => "an array",
            Val::Record(_) | Val::Partition(..) => "an object",
        }
    }

    fn to_document(&self) -> Document {
        match self {
            Val::Str(s) => Document::String(s.to_string()),
            Val::Bool(b) => Document::Bool(*b),
            Val::Int(i) => Document::from(*i),
            Val::Array(items) => Document::Array(items.iter().map(Val::to_document).collect()),
            Val::Record(members) => Document::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_document()))
                    .collect(),
            ),
            Val::Partition(p, inferred) => Document::Object(
                PARTITION_ATTRIBUTES
                    .iter()
                    .filter_map(|k| {
                        Some((
                            k.to_string(),
                            partition_attribute(p, *inferred, k)?.to_document(),
                        ))
                    })
                    .collect(),
            ),
        }
    }
}

const PARTITION_ATTRIBUTES: [&str; 7] = [
    "name",
    "dnsSuffix",
    "dualStackDnsSuffix",
    "supportsFIPS",
    "supportsDualStack",
    "implicitGlobalRegion",
    "inferred",
];

fn partition_attribute<'a>(p: &'a Partition, inferred: bool, key: &str) -> Option<Val<'a>> {
    let s = |s: &'a String| Val::Str(Cow::Borrowed(s.as_str()));
    Some(match key {
        "name" => s(&p.name),
        "dnsSuffix" => s(&p.dns_suffix),
        "dualStackDnsSuffix" => s(&p.dual_stack_dns_suffix),
        "supportsFIPS" => Val::Bool(p.supports_fips),
        "supportsDualStack" => Val::Bool(p.supports_dual_stack),
        "implicitGlobalRegion" => s(&p.implicit_global_region),
        "inferred" => Val::Bool(inferred),
        _ => return None,
    })
}

/// What needs a value, for evaluation errors.
#[derive(Clone, Copy)]
enum Need<'a> {
    Arg(&'static str, usize),
    Template(&'a str),
    Url,
    Header(&'a str),
    ErrorMessage,
}

impl fmt::Display for Need<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Need::Arg(name, i) => write!(f, "argument {} of `{name}`", i + 1),
            Need::Template(raw) => write!(f, "a part of template `{raw}`"),
            Need::Url => f.write_str("the endpoint url"),
            Need::Header(name) => write!(f, "a value of header `{name}`"),
            Need::ErrorMessage => f.write_str("the error message"),
        }
    }
}

fn evaluation_error(message: impl Into<String>) -> ResolveError {
    ResolveError::new(ResolveErrorKind::Evaluation, message)
}

type Result<T, E = ResolveError> = std::result::Result<T, E>;

/// Evaluation state: one slot per parameter and assigned variable.
struct Eval<'a> {
    slots: Vec<Option<Val<'a>>>,
    /// `None`: the shipped data.
    partitions: Option<&'a Partitions>,
}

impl<'a> Eval<'a> {
    /// The first rule that applies, or `None` when none does.
    fn rules(&mut self, rules: &'a [Rule]) -> Result<Option<Endpoint>> {
        for rule in rules {
            if let Some(endpoint) = self.rule(rule)? {
                return Ok(Some(endpoint));
            }
        }
        Ok(None)
    }

    fn rule(&mut self, rule: &'a Rule) -> Result<Option<Endpoint>> {
        for condition in rule.conditions.iter() {
            if !self.condition(condition)? {
                return Ok(None);
            }
        }
        match &rule.body {
            Body::Endpoint(template) => self.endpoint(template).map(Some),
            Body::Error(message) => {
                let message = self.string(message, Need::ErrorMessage)?;
                Err(ResolveError::new(ResolveErrorKind::Rule, message.into_owned()))
            }
            // A tree rule whose conditions hold is terminal.
            Body::Tree(rules) => match self.rules(rules)? {
                Some(endpoint) => Ok(Some(endpoint)),
                None => Err(ResolveError::new(
                    ResolveErrorKind::NoMatch,
                    "no endpoint rule matched the parameters (a tree rule matched, but none of its rules did)",
                )),
            },
        }
    }

    /// Whether the condition holds: its value is set and is not `false`.
    fn condition(&mut self, condition: &'a Condition) -> Result<bool> {
        let value = self.expr(&condition.expr)?;
        let holds = match &value {
            None => false,
            Some(Val::Bool(b)) => *b,
            Some(_) => true,
        };
        if let (Some(slot), Some(value)) = (condition.assign, value) {
            if let Some(slot) = self.slots.get_mut(slot) {
                *slot = Some(value);
            }
        }
        Ok(holds)
    }

    fn endpoint(&mut self, template: &'a EndpointTemplate) -> Result<Endpoint> {
        let url = self.string(&template.url, Need::Url)?.into_owned();
        let mut headers = Vec::with_capacity(template.headers.len());
        for (name, values) in template.headers.iter() {
            let mut out = Vec::with_capacity(values.len());
            for value in values.iter() {
                out.push(self.string(value, Need::Header(name))?.into_owned());
            }
            headers.push((name.clone(), out));
        }
        let mut properties = HashMap::with_capacity(template.properties.len());
        for (name, value) in template.properties.iter() {
            properties.insert(name.clone(), self.document(value)?);
        }
        Ok(Endpoint {
            url,
            headers,
            properties,
        })
    }

    /// A property value.
    fn document(&mut self, expr: &'a Expr) -> Result<Document> {
        Ok(match expr {
            Expr::Str(s) => Document::String(s.to_string()),
            Expr::Bool(b) => Document::Bool(*b),
            Expr::Int(i) => Document::from(*i),
            Expr::Array(items) => Document::Array(
                items
                    .iter()
                    .map(|item| self.document(item))
                    .collect::<Result<_>>()?,
            ),
            Expr::Record(members) => Document::Object(
                members
                    .iter()
                    .map(|(k, v)| Ok((k.to_string(), self.document(v)?)))
                    .collect::<Result<_>>()?,
            ),
            other => match self.expr(other)? {
                Some(value) => value.to_document(),
                None => Document::Null,
            },
        })
    }

    fn expr(&mut self, expr: &'a Expr) -> Result<Option<Val<'a>>> {
        Ok(Some(match expr {
            Expr::Str(s) => Val::Str(Cow::Borrowed(s)),
            Expr::Template(t) => {
                if let [Part::Expr(only)] = &*t.parts {
                    return self
                        .string(only, Need::Template(&t.raw))
                        .map(|s| Some(Val::Str(s)));
                }
                let mut out = String::with_capacity(t.raw.len() + 32);
                for part in t.parts.iter() {
                    match part {
                        Part::Lit(s) => out.push_str(s),
                        Part::Expr(e) => out.push_str(&self.string(e, Need::Template(&t.raw))?),
                    }
                }
                Val::Str(Cow::Owned(out))
            }
            Expr::Bool(b) => Val::Bool(*b),
            Expr::Int(i) => Val::Int(*i),
            Expr::Array(items) => Val::Array(
                items
                    .iter()
                    .map(|item| {
                        self.expr(item)?
                            .ok_or_else(|| evaluation_error("an array literal has an unset item"))
                    })
                    .collect::<Result<_>>()?,
            ),
            Expr::Record(members) => Val::Record(
                members
                    .iter()
                    .map(|(k, v)| {
                        let value = self.expr(v)?.ok_or_else(|| {
                            evaluation_error(format!("member `{k}` of an object literal is unset"))
                        })?;
                        Ok((&**k, value))
                    })
                    .collect::<Result<_>>()?,
            ),
            Expr::Ref(slot) => return Ok(self.slots.get(*slot).cloned().flatten()),
            Expr::Call(call) => return self.call(call),
        }))
    }

    fn string(&mut self, expr: &'a Expr, need: Need<'_>) -> Result<Cow<'a, str>> {
        match self.expr(expr)? {
            Some(Val::Str(s)) => Ok(s),
            Some(other) => Err(mismatch(need, "a string", &other)),
            None => Err(unset(need)),
        }
    }

    fn boolean(&mut self, expr: &'a Expr, need: Need<'_>) -> Result<bool> {
        match self.expr(expr)? {
            Some(Val::Bool(b)) => Ok(b),
            Some(other) => Err(mismatch(need, "a boolean", &other)),
            None => Err(unset(need)),
        }
    }

    fn integer(&mut self, expr: &'a Expr, need: Need<'_>) -> Result<i64> {
        match self.expr(expr)? {
            Some(Val::Int(i)) => Ok(i),
            Some(other) => Err(mismatch(need, "an integer", &other)),
            None => Err(unset(need)),
        }
    }

    fn call(&mut self, call: &'a Call) -> Result<Option<Val<'a>>> {
        let name = call.name();
        let arg = |i| Need::Arg(name, i);
        Ok(match call {
            Call::IsSet(value) => Some(Val::Bool(self.expr(value)?.is_some())),
            Call::Not(value) => Some(Val::Bool(!self.boolean(value, arg(0))?)),
            Call::BooleanEquals(a, b) => {
                let a = self.boolean(a, arg(0))?;
                Some(Val::Bool(a == self.boolean(b, arg(1))?))
            }
            Call::StringEquals(a, b) => {
                let a = self.string(a, arg(0))?;
                Some(Val::Bool(a == self.string(b, arg(1))?))
            }
            Call::GetAttr(target, path) => match self.expr(target)? {
                Some(value) => get_attr(value, path)?,
                None => None,
            },
            Call::ParseUrl(url) => {
                let url = self.string(url, arg(0))?;
                lib::parse_url(&url).map(|parts| url_record(&url, parts))
            }
            Call::Substring(input, start, stop, reverse) => {
                let input = self.string(input, arg(0))?;
                let start = self.integer(start, arg(1))?;
                let stop = self.integer(stop, arg(2))?;
                let reverse = self.boolean(reverse, arg(3))?;
                lib::substring(&input, start, stop, reverse).map(|r| Val::Str(slice(&input, r)))
            }
            Call::UriEncode(value) => {
                let value = self.string(value, arg(0))?;
                Some(Val::Str(match lib::uri_encode(&value) {
                    Some(encoded) => Cow::Owned(encoded),
                    None => value,
                }))
            }
            Call::IsValidHostLabel(value, dots) => {
                let value = self.string(value, arg(0))?;
                let dots = self.boolean(dots, arg(1))?;
                Some(Val::Bool(lib::is_valid_host_label(&value, dots)))
            }
            Call::Split(value, delimiter, limit) => {
                let value = self.string(value, arg(0))?;
                let delimiter = self.string(delimiter, arg(1))?;
                let limit = self.integer(limit, arg(2))?;
                let parts = lib::split(&value, &delimiter, limit).map_err(evaluation_error)?;
                Some(Val::Array(
                    parts
                        .into_iter()
                        .map(|r| Val::Str(slice(&value, r)))
                        .collect(),
                ))
            }
            Call::Coalesce(values) => {
                for value in values.iter() {
                    if let Some(v) = self.expr(value)? {
                        return Ok(Some(v));
                    }
                }
                None
            }
            Call::Ite(condition, then, otherwise) => {
                if self.boolean(condition, arg(0))? {
                    self.expr(then)?
                } else {
                    self.expr(otherwise)?
                }
            }
            Call::Partition(region) => {
                let region = self.string(region, arg(0))?;
                let partitions = match self.partitions {
                    Some(p) => p,
                    None => Partitions::shipped().map_err(|e| evaluation_error(e.to_string()))?,
                };
                partitions
                    .lookup(&region)
                    .map(|(p, inferred)| Val::Partition(p, inferred))
            }
            Call::ParseArn(arn) => {
                let arn = self.string(arn, arg(0))?;
                aws::parse_arn(&arn).map(|parts| arn_record(&arn, parts))
            }
            Call::IsVirtualHostableS3Bucket(bucket, dots) => {
                let bucket = self.string(bucket, arg(0))?;
                let dots = self.boolean(dots, arg(1))?;
                Some(Val::Bool(aws::is_virtual_hostable_s3_bucket(&bucket, dots)))
            }
        })
    }
}

fn mismatch(need: Need<'_>, wanted: &str, found: &Val<'_>) -> ResolveError {
    evaluation_error(format!(
        "{need} must be {wanted}, found {}",
        found.describe()
    ))
}

fn unset(need: Need<'_>) -> ResolveError {
    evaluation_error(format!("{need} is not set"))
}

/// Part of a string, borrowed if the string is.
fn slice<'a>(s: &Cow<'a, str>, range: Range<usize>) -> Cow<'a, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(b.get(range).unwrap_or_default()),
        Cow::Owned(o) => Cow::Owned(o.get(range).unwrap_or_default().to_string()),
    }
}

/// `getAttr`: an unknown key or an index out of range is unset.
fn get_attr<'a>(mut value: Val<'a>, path: &[PathPart]) -> Result<Option<Val<'a>>> {
    for part in path {
        let next = match (part, &value) {
            (PathPart::Key(k), Val::Record(members)) => members
                .iter()
                .find(|(name, _)| *name == &**k)
                .map(|(_, v)| v.clone()),
            (PathPart::Key(k), Val::Partition(p, inferred)) => partition_attribute(p, *inferred, k),
            (PathPart::Index(i), Val::Array(items)) => {
                let index = if *i >= 0 {
                    usize::try_from(*i).ok()
                } else {
                    usize::try_from(i.unsigned_abs())
                        .ok()
                        .and_then(|back| items.len().checked_sub(back))
                };
                index.and_then(|i| items.get(i)).cloned()
            }
            (part, other) => {
                return Err(evaluation_error(format!(
                    "`getAttr` cannot take {part} of {}",
                    other.describe()
                )))
            }
        };
        match next {
            Some(v) => value = v,
            None => return Ok(None),
        }
    }
    Ok(Some(value))
}

fn url_record<'a>(url: &Cow<'a, str>, parts: lib::UrlParts) -> Val<'a> {
    let scheme = slice(url, parts.scheme);
    let scheme = if scheme.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(scheme.to_ascii_lowercase())
    } else {
        scheme
    };
    let path = slice(url, parts.path);
    let normalized = match lib::normalize_path(&path) {
        Cow::Borrowed(n) if n == &*path => path.clone(),
        Cow::Borrowed(_) => Cow::Borrowed("/"),
        Cow::Owned(n) => Cow::Owned(n),
    };
    Val::Record(Rc::from([
        ("scheme", Val::Str(scheme)),
        ("authority", Val::Str(slice(url, parts.authority))),
        ("path", Val::Str(path)),
        ("normalizedPath", Val::Str(normalized)),
        ("isIp", Val::Bool(parts.is_ip)),
    ]))
}

fn arn_record<'a>(arn: &Cow<'a, str>, parts: aws::ArnParts) -> Val<'a> {
    let resource_id = parts
        .resource_id
        .into_iter()
        .map(|r| Val::Str(slice(arn, r)))
        .collect();
    Val::Record(Rc::from([
        ("partition", Val::Str(slice(arn, parts.partition))),
        ("service", Val::Str(slice(arn, parts.service))),
        ("region", Val::Str(slice(arn, parts.region))),
        ("accountId", Val::Str(slice(arn, parts.account_id))),
        ("resourceId", Val::Array(resource_id)),
    ]))
}
