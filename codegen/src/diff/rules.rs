//! The model rules: the two merged models compared service, operation,
//! shape and member at a time. Each difference becomes a [`Change`] with a
//! stable rule id (smithy-diff's event ids where it has one), the subject
//! it is about and where it is written on each side; [`super::wire`] gives
//! its wire verdict. Shapes are matched by id (with the service namespace
//! mapped when it changed); a removed and an added shape that say the same
//! thing are a rename, as is a removed and an added member with the same
//! wire name, and an enum value whose name changed.

use super::wire::{self, Dir, Facts};
use super::{Change, Pair, Semver, Side, Subject};
use crate::model::{traits, Member, Model, Protocol, Shape, ShapeId, ShapeKind, Traits};
use crate::node::Node;
use crate::source::Span;
use std::collections::{BTreeMap, BTreeSet};

/// Every rule id with what it reports, for `--help`, the README and the tests.
pub const RULES: &[(&str, &str)] = &[
    ("ServiceRename", "the service shape was renamed"),
    ("ChangedProtocol", "the service's protocol changed"),
    (
        "RemovedAuthenticationScheme",
        "an auth scheme was removed from the service",
    ),
    (
        "AddedAuthenticationScheme",
        "an auth scheme was added to the service",
    ),
    ("ChangedEndpointPrefix", "the endpoint prefix changed"),
    ("ChangedSigningName", "the SigV4 signing name changed"),
    ("ChangedSdkId", "the SDK id changed"),
    (
        "ChangedEndpointRules",
        "the endpoint rules (smithy.rules#endpointRuleSet) changed",
    ),
    ("ChangedServiceVersion", "the service version changed"),
    (
        "AddedServiceError",
        "an error was added to every operation of the service",
    ),
    ("RemovedServiceError", "a service-wide error was removed"),
    ("AddedOperation", "an operation was added"),
    ("RemovedOperation", "an operation was removed"),
    (
        "RenamedOperation",
        "an operation was renamed (same HTTP binding or same input and output)",
    ),
    (
        "ChangedOperationInput",
        "an operation's input is another structure",
    ),
    (
        "ChangedOperationOutput",
        "an operation's output is another structure",
    ),
    ("AddedOperationError", "an error was added to an operation"),
    (
        "RemovedOperationError",
        "an error was removed from an operation",
    ),
    ("ChangedHttpMethod", "an operation's HTTP method changed"),
    ("ChangedHttpPath", "an operation's HTTP path changed"),
    (
        "ChangedHttpStatusCode",
        "an operation's success status code changed",
    ),
    ("AddedPaginatedTrait", "an operation became paginated"),
    (
        "RemovedPaginatedTrait",
        "an operation is no longer paginated",
    ),
    (
        "ChangedPaginatedTrait",
        "an operation's pagination tokens, items or page size changed",
    ),
    (
        "AddedIdempotency",
        "an operation became @idempotent or @readonly",
    ),
    (
        "RemovedIdempotency",
        "an operation is no longer @idempotent or @readonly",
    ),
    ("AddedShape", "a shape was added"),
    ("RemovedShape", "a shape was removed"),
    (
        "RenamedShape",
        "a shape was renamed; what it says is unchanged",
    ),
    (
        "RenamedErrorShape",
        "an error shape was renamed; its name is on the wire",
    ),
    ("ChangedShapeType", "a shape's type changed"),
    (
        "ChangedErrorTrait",
        "an error changed between client and server fault",
    ),
    (
        "ChangedErrorStatusCode",
        "an error's HTTP status code changed",
    ),
    ("ChangedLengthTrait", "a @length constraint changed"),
    ("ChangedRangeTrait", "a @range constraint changed"),
    ("ChangedPatternTrait", "a @pattern constraint changed"),
    ("ChangedSparse", "a list or map became sparse or dense"),
    (
        "ChangedStreaming",
        "a member became or stopped being a stream",
    ),
    ("ChangedMediaType", "a @mediaType changed"),
    ("AddedEnumValue", "an enum value was added"),
    ("RemovedEnumValue", "an enum value was removed"),
    (
        "RenamedEnumValue",
        "an enum value kept its wire value under a new name",
    ),
    ("ChangedEnumValue", "an enum member's wire value changed"),
    ("ReorderedEnumValues", "an enum's values were reordered"),
    ("AddedMember", "an optional member was added"),
    ("AddedRequiredMember", "a required member was added"),
    ("RemovedMember", "a member was removed"),
    (
        "RenamedMember",
        "a member was renamed; its wire name is unchanged",
    ),
    ("ChangedMemberTarget", "a member targets another shape"),
    ("ChangedMemberOrder", "members were reordered"),
    (
        "ChangedNullability.AddedRequiredTrait",
        "a member became @required",
    ),
    (
        "ChangedNullability.RemovedRequiredTrait",
        "a member is no longer @required",
    ),
    (
        "ChangedNullability.AddedClientOptionalTrait",
        "a member became @clientOptional",
    ),
    (
        "ChangedNullability.RemovedClientOptionalTrait",
        "a member is no longer @clientOptional",
    ),
    ("AddedDefault", "a member got a @default"),
    ("RemovedDefault", "a member lost its @default"),
    ("ChangedDefault", "a member's @default value changed"),
    (
        "ChangedParameterLocation",
        "a member moved between body, header, query and path",
    ),
    (
        "ChangedParameterName",
        "a header, query or label name changed",
    ),
    ("ChangedJsonName", "a @jsonName changed"),
    ("ChangedTimestampFormat", "a @timestampFormat changed"),
    (
        "ChangedIdempotencyToken",
        "a member became or stopped being an idempotency token",
    ),
    ("AddedDeprecation", "something was deprecated"),
    ("RemovedDeprecation", "something is no longer deprecated"),
    ("ChangedDocumentation", "only documentation changed"),
    (
        "ModifiedTrait",
        "another trait was added, removed or changed",
    ),
    (
        "TraitBreakingChange",
        "a trait changed in a way its definition's breakingChanges declares breaking",
    ),
    ("AddedMetadata", "a metadata key was added"),
    ("RemovedMetadata", "a metadata key was removed"),
    ("ChangedMetadata", "a metadata value changed"),
    ("AddedTraitDefinition", "a trait definition was added"),
    ("RemovedTraitDefinition", "a trait definition was removed"),
    (
        "AddedEntityBinding",
        "a resource binds another operation or resource",
    ),
    (
        "RemovedEntityBinding",
        "a resource no longer binds an operation or resource",
    ),
    (
        "ChangedResourceIdentifiers",
        "a resource's identifiers changed",
    ),
    (
        "AddedRequestMediaType",
        "an operation accepts another request media type",
    ),
    (
        "RemovedRequestMediaType",
        "an operation no longer accepts a request media type",
    ),
    (
        "AddedResponseMediaType",
        "a response can come in another media type",
    ),
    (
        "RemovedResponseMediaType",
        "a response no longer comes in a media type",
    ),
    (
        "AddedResponseStatus",
        "an operation can answer with another status code",
    ),
    (
        "RemovedResponseStatus",
        "an operation no longer answers with a status code",
    ),
    (
        "ChangedParameterStyle",
        "a parameter's style or explode changed",
    ),
    ("AddedSecurityScheme", "a security scheme was added"),
    ("RemovedSecurityScheme", "a security scheme was removed"),
    (
        "ChangedSecurityScheme",
        "a security scheme's type, location or name changed",
    ),
    (
        "ChangedSecurityRequirement",
        "an operation's security requirements changed",
    ),
    (
        "ChangedRustApi",
        "the generated Rust API differs where no model rule explains it",
    ),
];

/// What a change claims in the generated API: (shape id, member), on either side.
pub type Claim = (String, Option<String>);

/// A change under construction, with what it claims.
pub struct Found {
    pub change: Change,
    pub claims: Vec<Claim>,
}

pub(super) struct Ctx<'a> {
    pub old: &'a Side<'a>,
    pub new: &'a Side<'a>,
    pub om: &'a Model,
    pub nm: &'a Model,
    /// Old namespace -> new namespace, when the service's namespace changed.
    ns: Option<(String, String)>,
    /// Old shape id -> new shape id, for matched and renamed shapes.
    pub map: BTreeMap<ShapeId, ShapeId>,
    og: Graph,
    ng: Graph,
    http_bound: bool,
    /// Whether member wire names are their `@jsonName`.
    json_names: bool,
    unmatched_old: Vec<ShapeId>,
    unmatched_new: Vec<ShapeId>,
    /// Pairs compared as shapes although their ids differ (an operation's
    /// input replaced by another structure).
    extra_pairs: Vec<(ShapeId, ShapeId)>,
    /// Operation inputs and outputs of either side: their changes are the
    /// operation's, so they are not reported as shapes added, removed or renamed.
    io: BTreeSet<ShapeId>,
    /// [`handled_traits`], once.
    handled: BTreeSet<ShapeId>,
    pub out: Vec<Found>,
}

pub fn compare(old: &Side, new: &Side) -> Vec<Found> {
    let om = &old.loaded.model;
    let nm = &new.loaded.model;
    let osvc = user_service(om);
    let nsvc = user_service(nm);
    let protocol = nsvc
        .or(osvc)
        .and_then(|s| nm.service_info(s).or_else(|| om.service_info(s)))
        .and_then(|i| i.protocol().cloned());
    let http_bound = !matches!(
        protocol,
        Some(Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::AwsQuery | Protocol::Ec2Query)
    );
    let ns = match (osvc, nsvc) {
        (Some(o), Some(n)) if o.id.namespace != n.id.namespace => {
            Some((o.id.namespace.clone(), n.id.namespace.clone()))
        }
        _ => None,
    };
    let (og, ng) = (Graph::new(om, osvc), Graph::new(nm, nsvc));
    let mut cx = Ctx {
        old,
        new,
        om,
        nm,
        ns,
        map: BTreeMap::new(),
        og,
        ng,
        http_bound,
        json_names: !matches!(protocol, Some(Protocol::AwsJson1_0 | Protocol::AwsJson1_1)),
        unmatched_old: Vec::new(),
        unmatched_new: Vec::new(),
        extra_pairs: Vec::new(),
        io: BTreeSet::new(),
        handled: handled_traits(),
        out: Vec::new(),
    };
    cx.match_shapes(osvc, nsvc);
    if let (Some(o), Some(n)) = (osvc, nsvc) {
        cx.services(o, n);
    }
    cx.operations(osvc, nsvc);
    cx.shapes();
    cx.metadata();
    cx.out
}

/// The model's one user service (the first by id when there are several).
pub(super) fn user_service(model: &Model) -> Option<&Shape> {
    model
        .services()
        .find(|s| !crate::smithy::builtin::is_builtin_namespace(&s.id.namespace))
}

/// How each side's shapes hang together: where each shape the service
/// reaches travels, and (to name the operations a change shows in) which
/// shapes contain each shape and which operations use each root.
#[derive(Default)]
struct Graph {
    dirs: BTreeMap<ShapeId, Dir>,
    /// Shape -> the shapes with a member targeting it.
    parents: BTreeMap<ShapeId, Vec<ShapeId>>,
    /// Input, output or error shape -> the operations using it.
    roots: BTreeMap<ShapeId, BTreeSet<ShapeId>>,
}

impl Graph {
    fn new(model: &Model, service: Option<&Shape>) -> Graph {
        let mut g = Graph::default();
        let Some(service) = service else {
            return g;
        };
        let (mut inputs, mut outputs) = (Vec::new(), Vec::new());
        for op_id in model.service_operations(service) {
            let Some(info) = model
                .shape(&op_id)
                .and_then(|op| model.operation_info(Some(service), op))
            else {
                continue;
            };
            inputs.push(info.input.clone());
            outputs.push(info.output.clone());
            outputs.extend(info.errors.iter().cloned());
            for r in [&info.input, &info.output].into_iter().chain(&info.errors) {
                g.roots.entry(r.clone()).or_default().insert(op_id.clone());
            }
        }
        // One traversal per direction from all its roots at once.
        for (roots, input) in [(inputs, true), (outputs, false)] {
            let mut stack = roots;
            while let Some(id) = stack.pop() {
                let d = g.dirs.entry(id.clone()).or_default();
                if (input && d.input) || (!input && d.output) {
                    continue;
                }
                if input {
                    d.input = true;
                } else {
                    d.output = true;
                }
                if let Some(s) = model.shape(&id) {
                    stack.extend(s.members.iter().map(|m| m.target.clone()));
                }
            }
        }
        for s in model.shapes.values() {
            if g.dirs.contains_key(&s.id) {
                for m in &s.members {
                    g.parents
                        .entry(m.target.clone())
                        .or_default()
                        .push(s.id.clone());
                }
            }
        }
        g
    }

    /// The operations whose input, output or errors contain `id`.
    fn owners(&self, id: &ShapeId) -> BTreeSet<ShapeId> {
        let mut out = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut stack = vec![id.clone()];
        while let Some(s) = stack.pop() {
            if !seen.insert(s.clone()) {
                continue;
            }
            if let Some(ops) = self.roots.get(&s) {
                out.extend(ops.iter().cloned());
            }
            if let Some(p) = self.parents.get(&s) {
                stack.extend(p.iter().cloned());
            }
        }
        out
    }
}

fn is_user(id: &ShapeId) -> bool {
    !crate::smithy::builtin::is_builtin_namespace(&id.namespace)
}

fn json(node: &Node) -> serde_json::Value {
    node.to_json()
}

/// Whether two optional trait values say the same, positions aside: equal
/// nodes, or (for objects written in another key order) equal JSON.
fn same(a: Option<&Node>, b: Option<&Node>) -> bool {
    a == b || a.map(json) == b.map(json)
}

/// Traits compared by rules of their own (everything else is `ModifiedTrait`).
fn handled_traits() -> BTreeSet<ShapeId> {
    [
        traits::documentation(),
        traits::required(),
        traits::client_optional(),
        traits::default(),
        traits::add_ed(),
        traits::length(),
        traits::range(),
        traits::pattern(),
        traits::enum_value(),
        traits::enum_trait(),
        traits::json_name(),
        traits::timestamp_format(),
        traits::http(),
        traits::http_error(),
        traits::http_label(),
        traits::http_query(),
        traits::http_query_params(),
        traits::http_header(),
        traits::http_cookie(),
        traits::http_prefix_headers(),
        traits::http_payload(),
        traits::http_response_code(),
        traits::error(),
        traits::paginated(),
        traits::readonly(),
        traits::idempotent(),
        traits::idempotency_token(),
        traits::deprecated(),
        traits::sparse(),
        traits::streaming(),
        traits::media_type(),
        traits::summary(),
        traits::auth(),
        // Present on one side only through the way a format lowers (`@input`
        // and `@output` structures of OpenAPI documents and IDL `:=`); the
        // members are compared either way.
        traits::input(),
        traits::output(),
        traits::waitable(),
        ShapeId::new("aws.api", "service"),
        ShapeId::new("aws.auth", "sigv4"),
        // How an OpenAPI document's array parameters and request bodies are
        // written: its own rules (ChangedParameterStyle, the media-type
        // rules in `openapi.rs`) report those changes from the documents.
        traits::http_query_delimiter(),
        traits::http_label_delimiter(),
        traits::http_object_style(),
        traits::payload_media_type(),
        // Marks how a shape was written, not what it means.
        traits::inline_schema(),
        traits::form_deep_object(),
        traits::payload_status(),
        traits::http_query_object(),
    ]
    .into_iter()
    .collect()
}

/// Where a member is bound in an HTTP message, and under what name.
fn binding(m: &Member) -> (&'static str, String) {
    let t = &m.traits;
    let s = |id: &ShapeId| t.get(id).and_then(Node::as_str).unwrap_or("").to_string();
    if t.contains_key(&traits::http_label()) {
        ("path", m.name.clone())
    } else if t.contains_key(&traits::http_query()) {
        ("query", s(&traits::http_query()))
    } else if t.contains_key(&traits::http_header()) {
        ("header", s(&traits::http_header()))
    } else if t.contains_key(&traits::http_cookie()) {
        ("cookie", s(&traits::http_cookie()))
    } else if t.contains_key(&traits::http_prefix_headers()) {
        ("header prefix", s(&traits::http_prefix_headers()))
    } else if t.contains_key(&traits::http_query_params()) {
        ("query map", String::new())
    } else if t.contains_key(&traits::http_payload()) {
        ("payload", String::new())
    } else if t.contains_key(&traits::http_response_code()) {
        ("status code", String::new())
    } else {
        ("body", String::new())
    }
}

impl<'a> Ctx<'a> {
    /// Maps an old id into the new model's namespace where the service moved.
    fn mapped(&self, id: &ShapeId) -> ShapeId {
        if let Some(m) = self.map.get(&id.root()) {
            return match &id.member {
                Some(mem) => m.with_member(mem.clone()),
                None => m.clone(),
            };
        }
        match &self.ns {
            Some((from, to)) if &id.namespace == from => ShapeId {
                namespace: to.clone(),
                ..id.clone()
            },
            _ => id.clone(),
        }
    }

    fn dir(&self, old: &ShapeId, new: &ShapeId) -> Dir {
        let o = self.og.dirs.get(old).copied().unwrap_or_default();
        let n = self.ng.dirs.get(new).copied().unwrap_or_default();
        o.union(n)
    }

    /// The operations a shape shows in, on either side.
    fn owners(&self, old: Option<&ShapeId>, new: Option<&ShapeId>) -> Vec<ShapeId> {
        let mut all: BTreeSet<ShapeId> = new.map(|n| self.ng.owners(n)).unwrap_or_default();
        if let Some(o) = old {
            all.extend(self.og.owners(o).iter().map(|id| self.mapped(id)));
        }
        all.into_iter().collect()
    }

    /// ` (in CreateRepository)`, ` (in A and 3 more operations)`: where a
    /// shape's change shows, for messages.
    fn used_in(&self, subject: &Subject) -> (String, Option<String>) {
        let Some(shape) = subject.shape.as_deref().and_then(ShapeId::parse) else {
            return (String::new(), None);
        };
        let old = self
            .map
            .iter()
            .find(|(_, n)| **n == shape)
            .map(|(o, _)| o.clone());
        // A removed shape is named by its old id.
        let ops = if self.ng.dirs.contains_key(&shape) {
            self.owners(old.as_ref(), Some(&shape))
        } else {
            self.owners(Some(&shape), None)
        };
        let text = match ops.as_slice() {
            [] => String::new(),
            [one] => format!(" (in {})", one.name),
            [first, rest @ ..] => {
                format!(" (in {} and {} more operation(s))", first.name, rest.len())
            }
        };
        (text, ops.first().map(ToString::to_string))
    }

    /// Records a change. `facts.dir` should be set by the caller where it matters.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: &'static str,
        message: String,
        subject: Subject,
        old_span: Option<Span>,
        new_span: Option<Span>,
        facts: Facts,
        claims: Vec<Claim>,
    ) {
        let facts = Facts {
            http_bound: self.http_bound,
            ..facts
        };
        let (used_in, first) = self.used_in(&subject);
        let message = format!("{message}{used_in}");
        let mut subject = subject;
        if subject.operation.is_none() {
            subject.operation = first;
        }
        self.out.push(Found {
            change: Change {
                rule,
                message,
                subject,
                old: old_span.and_then(|s| self.old.location(s)),
                new: new_span.and_then(|s| self.new.location(s)),
                wire: wire::verdict(rule, &facts),
                semver: Pair::both(Semver::Patch),
                rust: Vec::new(),
            },
            claims,
        });
    }

    /// The shapes each side's service reaches (or every user shape without a service).
    fn reached(model: &Model, dirs: &BTreeMap<ShapeId, Dir>, svc: Option<&Shape>) -> Vec<ShapeId> {
        let mut ids: BTreeSet<ShapeId> = dirs.keys().filter(|id| is_user(id)).cloned().collect();
        match svc {
            Some(s) => {
                ids.insert(s.id.clone());
                ids.extend(model.service_operations(s));
                if let Some(p) = s.service() {
                    ids.extend(p.errors.iter().cloned());
                    ids.extend(p.resources.iter().cloned());
                }
            }
            None => ids.extend(model.user_shapes().map(|s| s.id.clone())),
        }
        ids.into_iter()
            .filter(|id| model.shape(id).is_some() && is_user(id))
            .collect()
    }

    /// Pairs old and new shapes: same id (namespace mapped), then renames.
    fn match_shapes(&mut self, osvc: Option<&Shape>, nsvc: Option<&Shape>) {
        let old_ids = Self::reached(self.om, &self.og.dirs, osvc);
        let new_ids: BTreeSet<ShapeId> = Self::reached(self.nm, &self.ng.dirs, nsvc)
            .into_iter()
            .collect();
        let mut unmatched_old = Vec::new();
        for id in old_ids {
            let m = self.mapped(&id);
            if new_ids.contains(&m) {
                self.map.insert(id, m);
            } else {
                unmatched_old.push(id);
            }
        }
        if let (Some(o), Some(n)) = (osvc, nsvc) {
            if o.id != n.id {
                self.map.insert(o.id.clone(), n.id.clone());
                unmatched_old.retain(|id| *id != o.id);
            }
        }
        let matched_new: BTreeSet<ShapeId> = self.map.values().cloned().collect();
        let unmatched_new: Vec<ShapeId> = new_ids
            .into_iter()
            .filter(|id| !matched_new.contains(id))
            .collect();
        // Renames: until nothing more pairs up, since a renamed structure
        // can target a renamed enum.
        let mut remaining_old = unmatched_old;
        let mut remaining_new = unmatched_new;
        loop {
            let mut paired = Vec::new();
            for o in &remaining_old {
                let candidates: Vec<&ShapeId> = remaining_new
                    .iter()
                    .filter(|n| self.same_content(o, n))
                    .collect();
                if let [one] = candidates.as_slice() {
                    let reverse = remaining_old
                        .iter()
                        .filter(|x| self.same_content(x, one))
                        .count();
                    if reverse == 1 {
                        paired.push((o.clone(), (*one).clone()));
                    }
                }
            }
            if paired.is_empty() {
                break;
            }
            for (o, n) in paired {
                remaining_old.retain(|x| *x != o);
                remaining_new.retain(|x| *x != n);
                self.map.insert(o, n);
            }
        }
        self.unmatched_old = remaining_old;
        self.io = [self.om, self.nm]
            .iter()
            .flat_map(|m| m.shapes.values())
            .filter_map(Shape::operation)
            .flat_map(|p| [p.input.clone(), p.output.clone()])
            .collect();
        self.unmatched_new = remaining_new;
    }

    /// Whether an old and a new shape say the same thing under different
    /// names: a rename. Only named things (structures, unions, enums,
    /// operations) are paired; an operation by its HTTP binding, or by input
    /// and output when it has none.
    fn same_content(&self, o: &ShapeId, n: &ShapeId) -> bool {
        let (Some(os), Some(ns)) = (self.om.shape(o), self.nm.shape(n)) else {
            return false;
        };
        if os.kind != ns.kind {
            return false;
        }
        match os.kind {
            ShapeKind::Operation => {
                let (Some(oo), Some(no)) = (os.operation(), ns.operation()) else {
                    return false;
                };
                match (
                    os.traits.get(&traits::http()),
                    ns.traits.get(&traits::http()),
                ) {
                    (Some(a), Some(b)) => {
                        same(a.get("method"), b.get("method")) && same(a.get("uri"), b.get("uri"))
                    }
                    _ => {
                        !oo.input.is_prelude()
                            && self.mapped(&oo.input) == no.input
                            && self.mapped(&oo.output) == no.output
                    }
                }
            }
            ShapeKind::Structure | ShapeKind::Union | ShapeKind::Enum | ShapeKind::IntEnum => {
                !os.members.is_empty()
                    && os.members.len() == ns.members.len()
                    && os.members.iter().zip(&ns.members).all(|(a, b)| {
                        a.name == b.name
                            && self.mapped(&a.target) == b.target
                            && strip_docs(&a.traits) == strip_docs(&b.traits)
                    })
                    && strip_docs(&os.traits) == strip_docs(&ns.traits)
            }
            _ => false,
        }
    }
}

fn strip_docs(t: &Traits) -> BTreeMap<&ShapeId, serde_json::Value> {
    t.iter()
        .filter(|(k, _)| **k != traits::documentation())
        .map(|(k, v)| (k, json(v)))
        .collect()
}

/// What a shape's Rust type shows in: the members that target it, or a
/// list or map of it (whose Rust types spell it out), and the paginators
/// whose items may be it.
fn referencing(model: &Model, id: &ShapeId) -> Vec<Claim> {
    let mut within: BTreeSet<ShapeId> = [id.clone()].into();
    loop {
        let more: Vec<ShapeId> = model
            .shapes
            .values()
            .filter(|s| matches!(s.kind, ShapeKind::List | ShapeKind::Map))
            .filter(|s| {
                !within.contains(&s.id) && s.members.iter().any(|m| within.contains(&m.target))
            })
            .map(|s| s.id.clone())
            .collect();
        if more.is_empty() {
            break;
        }
        within.extend(more);
    }
    let mut out = Vec::new();
    for s in model.shapes.values() {
        for m in &s.members {
            if within.contains(&m.target) {
                out.push(claim(&s.id, Some(&m.name)));
            }
        }
        if s.kind == ShapeKind::Operation && s.has_trait(&traits::paginated()) {
            out.push(claim(&s.id, Some("!paginator")));
        }
    }
    out
}

/// An enum member's value as JSON text (its name when it has no `@enumValue`).
fn enum_wire_value(m: &Member) -> String {
    m.traits
        .get(&traits::enum_value())
        .map(|v| json(v).to_string())
        .unwrap_or_else(|| format!("{:?}", m.name))
}

fn claim(id: &ShapeId, member: Option<&str>) -> Claim {
    (id.root().to_string(), member.map(str::to_string))
}

fn member_claims(o: &ShapeId, om: &str, n: &ShapeId, nm: &str) -> Vec<Claim> {
    vec![claim(o, Some(om)), claim(n, Some(nm))]
}

fn shape_claims(o: &ShapeId, n: &ShapeId) -> Vec<Claim> {
    vec![claim(o, None), claim(n, None)]
}

fn trait_span(t: &Traits, id: &ShapeId, fallback: Span) -> Span {
    t.get(id)
        .map(|n| n.span)
        .filter(|s| s.line > 0)
        .unwrap_or(fallback)
}

fn short(id: &ShapeId) -> String {
    match &id.member {
        Some(m) => format!("{}${m}", id.name),
        None => id.name.clone(),
    }
}

fn is_required(m: &Member) -> bool {
    traits::is_required(&m.traits) && !m.traits.contains_key(&traits::default())
}

/// A trait value for a message: its JSON, cut short when long.
fn text(n: Option<&Node>) -> String {
    const MAX: usize = 80;
    let Some(n) = n else {
        return "none".into();
    };
    let s = json(n).to_string();
    if s.chars().count() <= MAX {
        return s;
    }
    let cut: String = s.chars().take(MAX).collect();
    format!("{cut}…")
}

/// Narrowed / widened between two optional bounds; `None` is unbounded.
fn bounds(old: (Option<f64>, Option<f64>), new: (Option<f64>, Option<f64>)) -> (bool, bool) {
    let lo = |v: Option<f64>| v.unwrap_or(f64::NEG_INFINITY);
    let hi = |v: Option<f64>| v.unwrap_or(f64::INFINITY);
    let narrowed = lo(new.0) > lo(old.0) || hi(new.1) < hi(old.1);
    let widened = lo(new.0) < lo(old.0) || hi(new.1) > hi(old.1);
    (narrowed, widened)
}

/// The common and one-sided names of two ordered name lists.
fn split<'x>(
    old: &'x [String],
    new: &'x [String],
) -> (Vec<&'x String>, Vec<&'x String>, Vec<&'x String>) {
    let (os, ns): (BTreeSet<&String>, BTreeSet<&String>) =
        (old.iter().collect(), new.iter().collect());
    let common = old.iter().filter(|n| ns.contains(n)).collect();
    let removed = old.iter().filter(|n| !ns.contains(n)).collect();
    let added = new.iter().filter(|n| !os.contains(n)).collect();
    (common, removed, added)
}

impl<'a> Ctx<'a> {
    fn services(&mut self, o: &Shape, n: &Shape) {
        let (Some(oi), Some(ni)) = (self.om.service_info(o), self.nm.service_info(n)) else {
            return;
        };
        let subject = Subject {
            service: Some(n.id.to_string()),
            ..Subject::default()
        };
        let mut all = shape_claims(&o.id, &n.id);
        // The server trait is named after the sdkId or the service.
        all.push(claim(&o.id, Some("!trait")));
        all.push(claim(&n.id, Some("!trait")));
        let facts = Facts::default();
        if o.id.name != n.id.name {
            self.push(
                "ServiceRename",
                format!("service {} was renamed to {}", o.id, n.id),
                subject.clone(),
                Some(o.span),
                Some(n.span),
                facts,
                all.clone(),
            );
        }
        if oi.protocol() != ni.protocol() {
            let name =
                |p: Option<&Protocol>| p.map(Protocol::name).unwrap_or_else(|| "none".into());
            self.push(
                "ChangedProtocol",
                format!(
                    "service {}: protocol changed from {} to {}",
                    n.id.name,
                    name(oi.protocol()),
                    name(ni.protocol())
                ),
                subject.clone(),
                Some(o.span),
                Some(n.span),
                facts,
                // Which parts the crate has: a client emitter for the protocol or not.
                [
                    claim(&o.id, Some("!features")),
                    claim(&n.id, Some("!features")),
                ]
                .into_iter()
                .chain(all.iter().cloned())
                .collect(),
            );
        }
        for a in &oi.auth {
            if !ni.auth.contains(a) {
                self.push(
                    "RemovedAuthenticationScheme",
                    format!("service {}: auth scheme {a} was removed", n.id.name),
                    subject.clone(),
                    Some(trait_span(&o.traits, a, o.span)),
                    Some(n.span),
                    facts,
                    Vec::new(),
                );
            }
        }
        for a in &ni.auth {
            if !oi.auth.contains(a) {
                self.push(
                    "AddedAuthenticationScheme",
                    format!("service {}: auth scheme {a} was added", n.id.name),
                    subject.clone(),
                    Some(o.span),
                    Some(trait_span(&n.traits, a, n.span)),
                    facts,
                    Vec::new(),
                );
            }
        }
        let aws = ShapeId::new("aws.api", "service");
        let sigv4 = ShapeId::new("aws.auth", "sigv4");
        for (rule, what, a, b, tid) in [
            (
                "ChangedEndpointPrefix",
                "endpoint prefix",
                &oi.endpoint_prefix,
                &ni.endpoint_prefix,
                &aws,
            ),
            (
                "ChangedSigningName",
                "signing name",
                &oi.signing_name,
                &ni.signing_name,
                &sigv4,
            ),
            ("ChangedSdkId", "sdkId", &oi.sdk_id, &ni.sdk_id, &aws),
            (
                "ChangedServiceVersion",
                "version",
                &oi.version,
                &ni.version,
                &aws,
            ),
        ] {
            if a != b {
                let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
                self.push(
                    rule,
                    format!(
                        "service {}: {what} changed from {} to {}",
                        n.id.name,
                        show(a),
                        show(b)
                    ),
                    subject.clone(),
                    Some(trait_span(&o.traits, tid, o.span)),
                    Some(trait_span(&n.traits, tid, n.span)),
                    facts,
                    all.clone(),
                );
            }
        }
        let errs = |s: &Shape| s.service().map(|p| p.errors.clone()).unwrap_or_default();
        let (oe, ne) = (errs(o), errs(n));
        let new_ops: Vec<ShapeId> = ni.operations.clone();
        let old_ops: Vec<ShapeId> = oi.operations.clone();
        for e in &oe {
            if !ne.contains(&self.mapped(e)) {
                let claims = old_ops
                    .iter()
                    .map(|op| claim(op, Some(&format!("!error:{}", e.name))))
                    .collect();
                self.push(
                    "RemovedServiceError",
                    format!(
                        "service {}: error {} is no longer returned by every operation",
                        n.id.name, e.name
                    ),
                    subject.clone(),
                    Some(o.span),
                    Some(n.span),
                    facts,
                    claims,
                );
            }
        }
        for e in &ne {
            if !oe.iter().any(|x| self.mapped(x) == *e) {
                let claims = new_ops
                    .iter()
                    .map(|op| claim(op, Some(&format!("!error:{}", e.name))))
                    .collect();
                self.push(
                    "AddedServiceError",
                    format!(
                        "service {}: every operation can now return error {}",
                        n.id.name, e.name
                    ),
                    subject.clone(),
                    Some(o.span),
                    Some(n.span),
                    facts,
                    claims,
                );
            }
        }
        self.trait_rules(
            &o.traits,
            &n.traits,
            &format!("service {}", n.id.name),
            &subject,
            all,
            Facts::default(),
            o.span,
            n.span,
            None,
        );
    }

    fn operations(&mut self, osvc: Option<&Shape>, nsvc: Option<&Shape>) {
        let old_ops: BTreeSet<ShapeId> = osvc
            .map(|s| self.om.service_operations(s))
            .unwrap_or_default();
        let new_ops: BTreeSet<ShapeId> = nsvc
            .map(|s| self.nm.service_operations(s))
            .unwrap_or_default();
        let mut seen_new = BTreeSet::new();
        for o_id in &old_ops {
            let Some(o) = self.om.shape(o_id) else {
                continue;
            };
            let n_id = self.map.get(o_id).cloned().filter(|n| new_ops.contains(n));
            match n_id.and_then(|n| self.nm.shape(&n)) {
                Some(n) => {
                    seen_new.insert(n.id.clone());
                    self.operation(osvc, nsvc, o, n);
                }
                None => {
                    let mut claims = vec![claim(o_id, None)];
                    if let Some(p) = o.operation() {
                        claims.push(claim(&p.input, None));
                        claims.push(claim(&p.output, None));
                    }
                    self.push(
                        "RemovedOperation",
                        format!("operation {} was removed", o_id.name),
                        Subject {
                            operation: Some(o_id.to_string()),
                            ..Subject::default()
                        },
                        Some(o.span),
                        None,
                        Facts::default(),
                        claims,
                    );
                }
            }
        }
        for n_id in &new_ops {
            if seen_new.contains(n_id) {
                continue;
            }
            let Some(n) = self.nm.shape(n_id) else {
                continue;
            };
            let mut claims = vec![claim(n_id, None)];
            if let Some(p) = n.operation() {
                claims.push(claim(&p.input, None));
                claims.push(claim(&p.output, None));
            }
            self.push(
                "AddedOperation",
                format!("operation {} was added", n_id.name),
                Subject {
                    operation: Some(n_id.to_string()),
                    ..Subject::default()
                },
                None,
                Some(n.span),
                Facts::default(),
                claims,
            );
        }
    }

    fn operation(&mut self, osvc: Option<&Shape>, nsvc: Option<&Shape>, o: &Shape, n: &Shape) {
        let (Some(oi), Some(ni)) = (
            self.om.operation_info(osvc, o),
            self.nm.operation_info(nsvc, n),
        ) else {
            return;
        };
        let subject = Subject {
            operation: Some(n.id.to_string()),
            ..Subject::default()
        };
        let name = &n.id.name;
        let all = shape_claims(&o.id, &n.id);
        let f = Facts::default();
        if o.id.name != n.id.name {
            let mut claims = all.clone();
            claims.push(claim(&oi.input, None));
            claims.push(claim(&ni.input, None));
            claims.push(claim(&oi.output, None));
            claims.push(claim(&ni.output, None));
            self.push(
                "RenamedOperation",
                format!("operation {} was renamed to {name}", o.id.name),
                subject.clone(),
                Some(o.span),
                Some(n.span),
                f,
                claims,
            );
        }
        for (rule, a, b) in [
            ("ChangedOperationInput", &oi.input, &ni.input),
            ("ChangedOperationOutput", &oi.output, &ni.output),
        ] {
            if self.mapped(a) != *b {
                self.push(
                    rule,
                    format!("operation {name}: {} is now {}", short(a), short(b)),
                    subject.clone(),
                    Some(o.span),
                    Some(n.span),
                    f,
                    vec![claim(a, None), claim(b, None)],
                );
                self.extra_pairs.push((a.clone(), b.clone()));
            }
        }
        let own = |s: &Shape| s.operation().map(|p| p.errors.clone()).unwrap_or_default();
        let (oe, ne) = (own(o), own(n));
        for e in &oe {
            if !ne.contains(&self.mapped(e)) {
                self.push(
                    "RemovedOperationError",
                    format!("operation {name}: error {} was removed", e.name),
                    subject.clone(),
                    Some(o.span),
                    Some(n.span),
                    f,
                    vec![
                        claim(&o.id, Some(&format!("!error:{}", e.name))),
                        claim(&n.id, Some(&format!("!error:{}", e.name))),
                    ],
                );
            }
        }
        for e in &ne {
            if !oe.iter().any(|x| self.mapped(x) == *e) {
                self.push(
                    "AddedOperationError",
                    format!("operation {name}: error {} was added", e.name),
                    subject.clone(),
                    Some(o.span),
                    Some(n.span),
                    f,
                    vec![
                        claim(&o.id, Some(&format!("!error:{}", e.name))),
                        claim(&n.id, Some(&format!("!error:{}", e.name))),
                    ],
                );
            }
        }
        let http = traits::http();
        let (os, ns) = (
            trait_span(&o.traits, &http, o.span),
            trait_span(&n.traits, &http, n.span),
        );
        match (&oi.http, &ni.http) {
            (Some(a), Some(b)) => {
                if !a.method.eq_ignore_ascii_case(&b.method) {
                    self.push(
                        "ChangedHttpMethod",
                        format!(
                            "operation {name}: HTTP method changed from {} to {}",
                            a.method, b.method
                        ),
                        subject.clone(),
                        Some(os),
                        Some(ns),
                        f,
                        all.clone(),
                    );
                }
                if a.uri != b.uri {
                    self.push(
                        "ChangedHttpPath",
                        format!(
                            "operation {name}: HTTP path changed from {} to {}",
                            a.uri, b.uri
                        ),
                        subject.clone(),
                        Some(os),
                        Some(ns),
                        f,
                        all.clone(),
                    );
                }
                if a.code != b.code {
                    self.push(
                        "ChangedHttpStatusCode",
                        format!(
                            "operation {name}: success status code changed from {} to {}",
                            a.code, b.code
                        ),
                        subject.clone(),
                        Some(os),
                        Some(ns),
                        f,
                        all.clone(),
                    );
                }
            }
            (None, None) => {}
            (a, b) => {
                let show = |h: &Option<crate::model::HttpBinding>| {
                    h.as_ref()
                        .map(|h| format!("{} {}", h.method, h.uri))
                        .unwrap_or_else(|| "none".into())
                };
                self.push(
                    "ChangedHttpPath",
                    format!(
                        "operation {name}: HTTP binding changed from {} to {}",
                        show(a),
                        show(b)
                    ),
                    subject.clone(),
                    Some(os),
                    Some(ns),
                    f,
                    all.clone(),
                );
            }
        }
        let pag = traits::paginated();
        let pclaims = vec![
            claim(&o.id, Some("!paginator")),
            claim(&n.id, Some("!paginator")),
        ];
        let (ps, pn) = (
            trait_span(&o.traits, &pag, o.span),
            trait_span(&n.traits, &pag, n.span),
        );
        match (&oi.pagination, &ni.pagination) {
            (None, Some(_)) => self.push(
                "AddedPaginatedTrait",
                format!("operation {name} became paginated"),
                subject.clone(),
                Some(ps),
                Some(pn),
                f,
                pclaims,
            ),
            (Some(_), None) => self.push(
                "RemovedPaginatedTrait",
                format!("operation {name} is no longer paginated"),
                subject.clone(),
                Some(ps),
                Some(pn),
                f,
                pclaims,
            ),
            (Some(a), Some(b)) if a != b => {
                let show = |p: &crate::model::Pagination| {
                    format!(
                        "inputToken {:?}, outputToken {:?}, items {:?}, pageSize {:?}",
                        p.input_token, p.output_token, p.items, p.page_size
                    )
                };
                self.push(
                    "ChangedPaginatedTrait",
                    format!(
                        "operation {name}: pagination changed from {} to {}",
                        show(a),
                        show(b)
                    ),
                    subject.clone(),
                    Some(ps),
                    Some(pn),
                    f,
                    pclaims,
                )
            }
            _ => {}
        }
        let level = |i: &crate::model::OperationInfo| (i.readonly as u8) * 2 + (i.idempotent as u8);
        let what = |i: &crate::model::OperationInfo| {
            if i.readonly {
                "@readonly"
            } else if i.idempotent {
                "@idempotent"
            } else {
                "neither @readonly nor @idempotent"
            }
        };
        if level(&oi) != level(&ni) {
            let safer = |i: &crate::model::OperationInfo| i.readonly || i.idempotent;
            let rule = if safer(&ni) && (!safer(&oi) || ni.readonly) {
                "AddedIdempotency"
            } else {
                "RemovedIdempotency"
            };
            self.push(
                rule,
                format!("operation {name}: was {}, is now {}", what(&oi), what(&ni)),
                subject.clone(),
                Some(o.span),
                Some(n.span),
                f,
                all.clone(),
            );
        }
        let w = traits::waitable();
        if !same(o.traits.get(&w), n.traits.get(&w)) {
            self.push(
                "ModifiedTrait",
                format!("operation {name}: its waiters (smithy.waiters#waitable) changed"),
                subject.clone(),
                Some(trait_span(&o.traits, &w, o.span)),
                Some(trait_span(&n.traits, &w, n.span)),
                f,
                vec![claim(&o.id, Some("!waiter")), claim(&n.id, Some("!waiter"))],
            );
        }
        self.trait_rules(
            &o.traits,
            &n.traits,
            &format!("operation {name}"),
            &subject,
            all,
            f,
            o.span,
            n.span,
            None,
        );
    }

    /// Compares every matched shape pair, and reports removed and added shapes.
    fn shapes(&mut self) {
        let mut pairs: Vec<(ShapeId, ShapeId)> = self
            .map
            .iter()
            .map(|(a, b)| (a.clone(), b.clone()))
            .collect();
        pairs.extend(self.extra_pairs.clone());
        for (o_id, n_id) in pairs {
            let (Some(o), Some(n)) = (self.om.shape(&o_id), self.nm.shape(&n_id)) else {
                continue;
            };
            if matches!(o.kind, ShapeKind::Operation | ShapeKind::Service) {
                continue;
            }
            self.shape(o, n);
        }
        // Shapes only one side has; operations and services have their own
        // rules, and operation inputs and outputs are reported as the
        // operation's changes.
        let sides = [
            (
                self.unmatched_old.clone(),
                self.om,
                "RemovedShape",
                "removed",
            ),
            (self.unmatched_new.clone(), self.nm, "AddedShape", "added"),
        ];
        for (ids, model, rule, verb) in sides {
            for id in ids {
                let Some(s) = model.shape(&id) else {
                    continue;
                };
                if matches!(s.kind, ShapeKind::Operation | ShapeKind::Service)
                    || self.io.contains(&id)
                {
                    continue;
                }
                let subject = Subject {
                    shape: Some(id.to_string()),
                    operation: None,
                    ..Subject::default()
                };
                let (old_span, new_span) = if verb == "removed" {
                    (Some(s.span), None)
                } else {
                    (None, Some(s.span))
                };
                self.push(
                    rule,
                    format!("{} {} was {verb}", s.kind.name(), id.name),
                    subject,
                    old_span,
                    new_span,
                    Facts::default(),
                    vec![claim(&id, None)],
                );
            }
        }
    }

    fn shape(&mut self, o: &Shape, n: &Shape) {
        let dir = self.dir(&o.id, &n.id);
        let subject = Subject {
            shape: Some(n.id.to_string()),
            operation: None,
            ..Subject::default()
        };
        let mut claims = shape_claims(&o.id, &n.id);
        let f = Facts {
            dir,
            ..Facts::default()
        };
        let label = format!("{} {}", n.kind.name(), n.id.name);
        // Members elsewhere that target the shape change type in Rust when
        // it is renamed, changes type or becomes sparse.
        let sparse = traits::sparse();
        if o.id.name != n.id.name
            || o.kind != n.kind
            || o.has_trait(&sparse) != n.has_trait(&sparse)
        {
            for (model, id) in [(self.om, &o.id), (self.nm, &n.id)] {
                claims.extend(referencing(model, id));
            }
        }
        if o.id.name != n.id.name && !self.io.contains(&o.id) && !self.io.contains(&n.id) {
            let rule = if n.has_trait(&traits::error()) {
                "RenamedErrorShape"
            } else {
                "RenamedShape"
            };
            let mut rc = claims.clone();
            // Every operation error enum variant of a renamed error.
            for op in self
                .nm
                .shapes
                .values()
                .filter(|s| s.kind == ShapeKind::Operation)
            {
                rc.push(claim(&op.id, Some(&format!("!error:{}", n.id.name))));
                rc.push(claim(&op.id, Some(&format!("!error:{}", o.id.name))));
            }
            self.push(
                rule,
                format!(
                    "{} {} was renamed to {}",
                    o.kind.name(),
                    o.id.name,
                    n.id.name
                ),
                subject.clone(),
                Some(o.span),
                Some(n.span),
                f,
                rc,
            );
        }
        if o.kind != n.kind {
            self.push(
                "ChangedShapeType",
                format!(
                    "{}: type changed from {} to {}",
                    n.id.name,
                    o.kind.name(),
                    n.kind.name()
                ),
                subject,
                Some(o.span),
                Some(n.span),
                f,
                claims,
            );
            return;
        }
        self.trait_rules(
            &o.traits,
            &n.traits,
            &label,
            &subject,
            claims,
            f,
            o.span,
            n.span,
            Some(n.kind),
        );
        match n.kind {
            ShapeKind::Enum | ShapeKind::IntEnum => self.enum_members(o, n, f, &subject),
            _ => self.members(o, n, f, &subject),
        }
    }

    fn enum_members(&mut self, o: &Shape, n: &Shape, f: Facts, subject: &Subject) {
        let value = enum_wire_value;
        let ov: Vec<String> = o.members.iter().map(value).collect();
        let nv: Vec<String> = n.members.iter().map(value).collect();
        let (common, removed, added) = split(&ov, &nv);
        // Value -> member, each side.
        let oby: BTreeMap<&str, &Member> = ov.iter().map(String::as_str).zip(&o.members).collect();
        let nby: BTreeMap<&str, &Member> = nv.iter().map(String::as_str).zip(&n.members).collect();
        let added_set: BTreeSet<&String> = added.iter().copied().collect();
        let mut changed_names = BTreeSet::new();
        for v in &removed {
            let om = oby[v.as_str()];
            if let Some(nm) = n
                .member(&om.name)
                .filter(|nm| added_set.contains(&value(nm)))
            {
                changed_names.insert(om.name.clone());
                self.push(
                    "ChangedEnumValue",
                    format!(
                        "enum {}: member {} changed its value from {} to {}",
                        n.id.name,
                        om.name,
                        v,
                        value(nm)
                    ),
                    Subject {
                        member: Some(nm.name.clone()),
                        ..subject.clone()
                    },
                    Some(om.span),
                    Some(nm.span),
                    f,
                    member_claims(&o.id, &om.name, &n.id, &nm.name),
                );
                continue;
            }
            self.push(
                "RemovedEnumValue",
                format!("enum {}: value {v} ({}) was removed", n.id.name, om.name),
                Subject {
                    member: Some(om.name.clone()),
                    ..subject.clone()
                },
                Some(om.span),
                Some(n.span),
                f,
                member_claims(&o.id, &om.name, &n.id, &om.name),
            );
        }
        for v in &added {
            let nm = nby[v.as_str()];
            if changed_names.contains(&nm.name) {
                continue;
            }
            self.push(
                "AddedEnumValue",
                format!("enum {}: value {v} ({}) was added", n.id.name, nm.name),
                Subject {
                    member: Some(nm.name.clone()),
                    ..subject.clone()
                },
                Some(o.span),
                Some(nm.span),
                f,
                member_claims(&o.id, &nm.name, &n.id, &nm.name),
            );
        }
        for v in &common {
            let (om, nm) = (oby[v.as_str()], nby[v.as_str()]);
            if om.name != nm.name {
                self.push(
                    "RenamedEnumValue",
                    format!(
                        "enum {}: value {v} was renamed from {} to {}",
                        n.id.name, om.name, nm.name
                    ),
                    Subject {
                        member: Some(nm.name.clone()),
                        ..subject.clone()
                    },
                    Some(om.span),
                    Some(nm.span),
                    f,
                    member_claims(&o.id, &om.name, &n.id, &nm.name),
                );
            }
            self.trait_rules(
                &om.traits,
                &nm.traits,
                &format!("enum {} value {}", n.id.name, nm.name),
                &Subject {
                    member: Some(nm.name.clone()),
                    ..subject.clone()
                },
                member_claims(&o.id, &om.name, &n.id, &nm.name),
                f,
                om.span,
                nm.span,
                None,
            );
        }
        let order_new: Vec<&String> = nv.iter().filter(|v| ov.contains(v)).collect();
        if common != order_new {
            self.push(
                "ReorderedEnumValues",
                format!("enum {}: values were reordered", n.id.name),
                subject.clone(),
                Some(o.span),
                Some(n.span),
                f,
                vec![claim(&o.id, Some("!order")), claim(&n.id, Some("!order"))],
            );
        }
    }

    /// The key a member is known by on the wire.
    fn wire_key(&self, m: &Member) -> (String, String) {
        let (loc, name) = binding(m);
        if loc != "body" {
            return (loc.to_string(), name);
        }
        let json_name = m.traits.get(&traits::json_name()).and_then(Node::as_str);
        match json_name {
            Some(j) if self.json_names => ("body".into(), j.to_string()),
            _ => ("body".into(), m.name.clone()),
        }
    }

    fn members(&mut self, o: &Shape, n: &Shape, f: Facts, subject: &Subject) {
        let on: Vec<String> = o.members.iter().map(|m| m.name.clone()).collect();
        let nn: Vec<String> = n.members.iter().map(|m| m.name.clone()).collect();
        let (common, removed, added) = split(&on, &nn);
        let mut renamed: Vec<(String, String)> = Vec::new();
        for r in &removed {
            let om = o.member(r).expect("listed");
            let key = self.wire_key(om);
            let hits: Vec<&&String> = added
                .iter()
                .filter(|a| self.wire_key(n.member(a).expect("listed")) == key)
                .collect();
            if let [one] = hits.as_slice() {
                renamed.push(((*r).clone(), (**one).clone()));
            }
        }
        for (a, b) in &renamed {
            let (om, nm) = (o.member(a).expect("listed"), n.member(b).expect("listed"));
            self.push(
                "RenamedMember",
                format!(
                    "{}: member {a} was renamed to {b}; its wire name {} is unchanged",
                    n.id.name,
                    self.wire_key(nm).1
                ),
                Subject {
                    member: Some(b.clone()),
                    ..subject.clone()
                },
                Some(om.span),
                Some(nm.span),
                f,
                member_claims(&o.id, a, &n.id, b),
            );
            self.member(o, n, om, nm, f, subject);
        }
        for r in removed
            .iter()
            .filter(|r| !renamed.iter().any(|(a, _)| a == **r))
        {
            let om = o.member(r).expect("listed");
            let facts = Facts {
                was_required: is_required(om),
                ..f
            };
            self.push(
                "RemovedMember",
                format!("{}: member {r} was removed", n.id.name),
                Subject {
                    member: Some((*r).clone()),
                    ..subject.clone()
                },
                Some(om.span),
                Some(n.span),
                facts,
                member_claims(&o.id, r, &n.id, r),
            );
        }
        for a in added
            .iter()
            .filter(|a| !renamed.iter().any(|(_, b)| b == **a))
        {
            let nm = n.member(a).expect("listed");
            let required = n.kind == ShapeKind::Structure && is_required(nm);
            let (rule, what) = if required {
                ("AddedRequiredMember", "required member")
            } else {
                ("AddedMember", "member")
            };
            self.push(
                rule,
                format!("{}: {what} {a} was added", n.id.name),
                Subject {
                    member: Some((*a).clone()),
                    ..subject.clone()
                },
                Some(o.span),
                Some(nm.span),
                f,
                member_claims(&o.id, a, &n.id, a),
            );
        }
        for c in &common {
            self.member(
                o,
                n,
                o.member(c).expect("listed"),
                n.member(c).expect("listed"),
                f,
                subject,
            );
        }
        let order_new: Vec<&String> = nn.iter().filter(|x| on.contains(x)).collect();
        if common != order_new && matches!(n.kind, ShapeKind::Structure | ShapeKind::Union) {
            self.push(
                "ChangedMemberOrder",
                format!("{}: members were reordered", n.id.name),
                subject.clone(),
                Some(o.span),
                Some(n.span),
                f,
                vec![claim(&o.id, Some("!order")), claim(&n.id, Some("!order"))],
            );
        }
    }

    /// Whether two targets serialize alike: the same simple kind and the same constraints.
    fn compatible_target(&self, a: &ShapeId, b: &ShapeId) -> bool {
        match (self.om.shape(a), self.nm.shape(b)) {
            (Some(x), Some(y)) => {
                x.kind == y.kind
                    && x.kind.is_simple()
                    && !matches!(x.kind, ShapeKind::Enum | ShapeKind::IntEnum)
                    && [
                        traits::length(),
                        traits::range(),
                        traits::pattern(),
                        traits::timestamp_format(),
                        traits::media_type(),
                    ]
                    .iter()
                    .all(|t| same(x.traits.get(t), y.traits.get(t)))
            }
            _ => false,
        }
    }

    fn member(
        &mut self,
        o: &Shape,
        n: &Shape,
        om: &Member,
        nm: &Member,
        f: Facts,
        subject: &Subject,
    ) {
        let subject = Subject {
            member: Some(nm.name.clone()),
            ..subject.clone()
        };
        let claims = member_claims(&o.id, &om.name, &n.id, &nm.name);
        let at = format!("{}${}", n.id.name, nm.name);
        let (os, ns) = (Some(om.span), Some(nm.span));
        let old_target = self.mapped(&om.target);
        if old_target != nm.target {
            let facts = Facts {
                compatible_target: self.compatible_target(&om.target, &nm.target),
                ..f
            };
            self.push(
                "ChangedMemberTarget",
                format!(
                    "{at}: target changed from {} to {}",
                    short(&om.target),
                    short(&nm.target)
                ),
                subject.clone(),
                os,
                ns,
                facts,
                claims.clone(),
            );
        }
        let (ot, nt) = (&om.traits, &nm.traits);
        let has = |t: &Traits, id: &ShapeId| t.contains_key(id);
        for (id, added, removed) in [
            (
                traits::required(),
                "ChangedNullability.AddedRequiredTrait",
                "ChangedNullability.RemovedRequiredTrait",
            ),
            (
                traits::client_optional(),
                "ChangedNullability.AddedClientOptionalTrait",
                "ChangedNullability.RemovedClientOptionalTrait",
            ),
        ] {
            match (has(ot, &id), has(nt, &id)) {
                (false, true) => self.push(
                    added,
                    format!("{at} became @{}", id.name),
                    subject.clone(),
                    os,
                    Some(trait_span(nt, &id, nm.span)),
                    f,
                    claims.clone(),
                ),
                (true, false) => self.push(
                    removed,
                    format!("{at} is no longer @{}", id.name),
                    subject.clone(),
                    Some(trait_span(ot, &id, om.span)),
                    ns,
                    f,
                    claims.clone(),
                ),
                _ => {}
            }
        }
        let d = traits::default();
        match (ot.get(&d), nt.get(&d)) {
            (None, Some(v)) => self.push(
                "AddedDefault",
                format!("{at} got @default({})", text(Some(v))),
                subject.clone(),
                os,
                Some(trait_span(nt, &d, nm.span)),
                f,
                claims.clone(),
            ),
            (Some(v), None) => self.push(
                "RemovedDefault",
                format!("{at} lost @default({})", text(Some(v))),
                subject.clone(),
                Some(trait_span(ot, &d, om.span)),
                ns,
                f,
                claims.clone(),
            ),
            (Some(a), Some(b)) if json(a) != json(b) => self.push(
                "ChangedDefault",
                format!(
                    "{at}: @default changed from {} to {}",
                    text(Some(a)),
                    text(Some(b))
                ),
                subject.clone(),
                Some(trait_span(ot, &d, om.span)),
                Some(trait_span(nt, &d, nm.span)),
                f,
                claims.clone(),
            ),
            _ => {}
        }
        let (ob, nb) = (binding(om), binding(nm));
        if ob.0 != nb.0 {
            self.push(
                "ChangedParameterLocation",
                format!("{at} moved from the {} to the {}", ob.0, nb.0),
                subject.clone(),
                os,
                ns,
                f,
                claims.clone(),
            );
        } else if ob.1 != nb.1 {
            self.push(
                "ChangedParameterName",
                format!("{at}: {} name changed from {:?} to {:?}", ob.0, ob.1, nb.1),
                subject.clone(),
                os,
                ns,
                f,
                claims.clone(),
            );
        }
        let (ok, nk) = (self.wire_key(om), self.wire_key(nm));
        if ok.0 == "body" && nk.0 == "body" && ok.1 != nk.1 && om.name == nm.name {
            let id = traits::json_name();
            self.push(
                "ChangedJsonName",
                format!("{at}: its wire name changed from {:?} to {:?}", ok.1, nk.1),
                subject.clone(),
                Some(trait_span(ot, &id, om.span)),
                Some(trait_span(nt, &id, nm.span)),
                f,
                claims.clone(),
            );
        }
        for (id, rule) in [
            (traits::timestamp_format(), "ChangedTimestampFormat"),
            (traits::idempotency_token(), "ChangedIdempotencyToken"),
        ] {
            if !same(ot.get(&id), nt.get(&id)) {
                self.push(
                    rule,
                    format!(
                        "{at}: @{} changed from {} to {}",
                        id.name,
                        text(ot.get(&id)),
                        text(nt.get(&id))
                    ),
                    subject.clone(),
                    Some(trait_span(ot, &id, om.span)),
                    Some(trait_span(nt, &id, nm.span)),
                    f,
                    claims.clone(),
                );
            }
        }
        let target_kind = self.nm.shape(&nm.target).map(|s| s.kind);
        self.trait_rules(
            ot,
            nt,
            &at,
            &subject,
            claims,
            f,
            om.span,
            nm.span,
            target_kind,
        );
    }

    /// Constraint, documentation, deprecation, error and other trait rules,
    /// shared by shapes and members.
    #[allow(clippy::too_many_arguments)]
    fn trait_rules(
        &mut self,
        ot: &Traits,
        nt: &Traits,
        at: &str,
        subject: &Subject,
        claims: Vec<Claim>,
        f: Facts,
        ospan: Span,
        nspan: Span,
        _kind: Option<ShapeKind>,
    ) {
        let spans = |id: &ShapeId| {
            (
                Some(trait_span(ot, id, ospan)),
                Some(trait_span(nt, id, nspan)),
            )
        };
        if !same(ot.get(&traits::enum_trait()), nt.get(&traits::enum_trait())) {
            self.enum_trait(ot, nt, at, subject, &claims, f, ospan, nspan);
        }
        type Bounds = fn(&Traits) -> (Option<f64>, Option<f64>);
        let length: Bounds = |t| {
            traits::length_of(t)
                .map(|(a, b)| (a.map(|v| v as f64), b.map(|v| v as f64)))
                .unwrap_or((None, None))
        };
        let range: Bounds = |t| traits::range_of(t).unwrap_or((None, None));
        for (rule, id, get) in [
            ("ChangedLengthTrait", traits::length(), length),
            ("ChangedRangeTrait", traits::range(), range),
        ] {
            if same(ot.get(&id), nt.get(&id)) {
                continue;
            }
            let (narrowed, widened) = bounds(get(ot), get(nt));
            let (a, b) = spans(&id);
            self.push(
                rule,
                format!(
                    "{at}: @{} changed from {} to {}",
                    id.name,
                    text(ot.get(&id)),
                    text(nt.get(&id))
                ),
                subject.clone(),
                a,
                b,
                Facts {
                    narrowed,
                    widened,
                    ..f
                },
                claims.clone(),
            );
        }
        let p = traits::pattern();
        if !same(ot.get(&p), nt.get(&p)) {
            let (narrowed, widened) = match (ot.contains_key(&p), nt.contains_key(&p)) {
                (false, true) => (true, false),
                (true, false) => (false, true),
                _ => (true, true),
            };
            let (a, b) = spans(&p);
            self.push(
                "ChangedPatternTrait",
                format!(
                    "{at}: @pattern changed from {} to {}",
                    text(ot.get(&p)),
                    text(nt.get(&p))
                ),
                subject.clone(),
                a,
                b,
                Facts {
                    narrowed,
                    widened,
                    ..f
                },
                claims.clone(),
            );
        }
        let s = traits::sparse();
        if ot.contains_key(&s) != nt.contains_key(&s) {
            let now = nt.contains_key(&s);
            let (a, b) = spans(&s);
            self.push(
                "ChangedSparse",
                format!("{at} is {} sparse", if now { "now" } else { "no longer" }),
                subject.clone(),
                a,
                b,
                Facts {
                    narrowed: !now,
                    widened: now,
                    ..f
                },
                claims.clone(),
            );
        }
        for (id, rule) in [
            (traits::streaming(), "ChangedStreaming"),
            (traits::media_type(), "ChangedMediaType"),
            (traits::error(), "ChangedErrorTrait"),
            (traits::http_error(), "ChangedErrorStatusCode"),
        ] {
            if !same(ot.get(&id), nt.get(&id)) {
                let (a, b) = spans(&id);
                self.push(
                    rule,
                    format!(
                        "{at}: @{} changed from {} to {}",
                        id.name,
                        text(ot.get(&id)),
                        text(nt.get(&id))
                    ),
                    subject.clone(),
                    a,
                    b,
                    f,
                    claims.clone(),
                );
            }
        }
        let d = traits::deprecated();
        let deprecation = match (ot.contains_key(&d), nt.contains_key(&d)) {
            (false, true) => Some(("AddedDeprecation", "was deprecated")),
            (true, false) => Some(("RemovedDeprecation", "is no longer deprecated")),
            _ => None,
        };
        if let Some((rule, what)) = deprecation {
            let (a, b) = spans(&d);
            // What a deprecation changes in Rust is a `#[deprecated]`.
            let marks = claims
                .iter()
                .map(|(s, m)| {
                    let m = m.as_deref().unwrap_or_default();
                    (s.clone(), Some(format!("!deprecated:{m}")))
                })
                .collect();
            self.push(
                rule,
                format!("{at} {what}"),
                subject.clone(),
                a,
                b,
                f,
                marks,
            );
        }
        let docs = [traits::documentation(), traits::summary()];
        if docs.iter().any(|id| !same(ot.get(id), nt.get(id))) {
            let id = if !same(ot.get(&docs[0]), nt.get(&docs[0])) {
                &docs[0]
            } else {
                &docs[1]
            };
            let (a, b) = spans(id);
            self.push(
                "ChangedDocumentation",
                format!("{at}: documentation changed"),
                subject.clone(),
                a,
                b,
                f,
                Vec::new(),
            );
        }
        let handled = &self.handled;
        // Protocol and auth traits are the service rules' business.
        let definition = |k: &ShapeId| {
            [self.om, self.nm].iter().any(|m| {
                m.shape(k).is_some_and(|d| {
                    d.has_trait(&traits::protocol_definition())
                        || d.has_trait(&traits::auth_definition())
                })
            })
        };
        let keys: BTreeSet<&ShapeId> = ot
            .keys()
            .chain(nt.keys())
            .filter(|k| !handled.contains(*k) && !definition(k))
            .collect();
        for k in keys {
            let (a, b) = (ot.get(k), nt.get(k));
            if same(a, b) {
                continue;
            }
            let what = match (a, b) {
                (None, Some(v)) => format!("trait {k} was added with value {}", text(Some(v))),
                (Some(_), None) => format!("trait {k} was removed"),
                _ => format!("trait {k} changed from {} to {}", text(a), text(b)),
            };
            let (sa, sb) = spans(k);
            // Where clients send requests.
            let rule = if *k == ShapeId::new("smithy.rules", "endpointRuleSet") {
                "ChangedEndpointRules"
            } else if self.declared_breaking(k, a, b) {
                "TraitBreakingChange"
            } else {
                "ModifiedTrait"
            };
            self.push(
                rule,
                format!("{at}: {what}"),
                subject.clone(),
                sa,
                sb,
                f,
                Vec::new(),
            );
        }
    }

    /// Whether the trait's definition declares this change breaking: its
    /// `@trait(breakingChanges: [...])` lists a change of this kind
    /// (`add`, `remove`, `update`, `presence`, `any`) at the top level.
    fn declared_breaking(&self, id: &ShapeId, old: Option<&Node>, new: Option<&Node>) -> bool {
        let kind = match (old, new) {
            (None, Some(_)) => "add",
            (Some(_), None) => "remove",
            _ => "update",
        };
        [self.nm, self.om].iter().any(|m| {
            m.shape(id)
                .and_then(|d| d.traits.get(&traits::trait_def()))
                .and_then(|t| t.get("breakingChanges"))
                .and_then(Node::as_array)
                .is_some_and(|rules| {
                    rules.iter().any(|r| {
                        let change = r.get("change").and_then(Node::as_str).unwrap_or("");
                        let top = r
                            .get("path")
                            .and_then(Node::as_str)
                            .is_none_or(str::is_empty);
                        top && (change == kind
                            || change == "any"
                            || (change == "presence" && kind != "update"))
                    })
                })
        })
    }

    /// Smithy 1.0's `@enum` trait on a string: its values compared like an
    /// enum's members (the Rust type stays `String`).
    #[allow(clippy::too_many_arguments)]
    fn enum_trait(
        &mut self,
        ot: &Traits,
        nt: &Traits,
        at: &str,
        subject: &Subject,
        claims: &[Claim],
        f: Facts,
        ospan: Span,
        nspan: Span,
    ) {
        let id = traits::enum_trait();
        let values = |t: &Traits| -> Vec<(String, Option<String>)> {
            t.get(&id)
                .and_then(Node::as_array)
                .map(|a| {
                    a.iter()
                        .map(|v| {
                            let s = |k: &str| v.get(k).and_then(Node::as_str).map(str::to_string);
                            (s("value").unwrap_or_default(), s("name"))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let (ov, nv) = (values(ot), values(nt));
        let (os, ns) = (trait_span(ot, &id, ospan), trait_span(nt, &id, nspan));
        let ovals: Vec<String> = ov.iter().map(|v| v.0.clone()).collect();
        let nvals: Vec<String> = nv.iter().map(|v| v.0.clone()).collect();
        let (common, removed, added) = split(&ovals, &nvals);
        for v in removed {
            self.push(
                "RemovedEnumValue",
                format!("{at}: enum value {v:?} was removed"),
                subject.clone(),
                Some(os),
                Some(ns),
                f,
                claims.to_vec(),
            );
        }
        for v in added {
            self.push(
                "AddedEnumValue",
                format!("{at}: enum value {v:?} was added"),
                subject.clone(),
                Some(os),
                Some(ns),
                f,
                claims.to_vec(),
            );
        }
        for v in &common {
            let name = |list: &[(String, Option<String>)]| {
                list.iter().find(|x| &x.0 == *v).and_then(|x| x.1.clone())
            };
            let (a, b) = (name(&ov), name(&nv));
            if a != b {
                self.push(
                    "RenamedEnumValue",
                    format!("{at}: enum value {v:?} was renamed from {a:?} to {b:?}"),
                    subject.clone(),
                    Some(os),
                    Some(ns),
                    f,
                    claims.to_vec(),
                );
            }
        }
        let order_new: Vec<&String> = nvals.iter().filter(|v| ovals.contains(v)).collect();
        if common != order_new {
            self.push(
                "ReorderedEnumValues",
                format!("{at}: enum values were reordered"),
                subject.clone(),
                Some(os),
                Some(ns),
                f,
                claims.to_vec(),
            );
        }
    }

    fn metadata(&mut self) {
        let keys: BTreeSet<&String> = self
            .om
            .metadata
            .keys()
            .chain(self.nm.metadata.keys())
            .collect();
        for k in keys {
            let (a, b) = (self.om.metadata.get(k), self.nm.metadata.get(k));
            let (rule, msg) = match (a, b) {
                (None, Some(_)) => ("AddedMetadata", format!("metadata {k} was added")),
                (Some(_), None) => ("RemovedMetadata", format!("metadata {k} was removed")),
                (Some(x), Some(y)) if json(x) != json(y) => {
                    ("ChangedMetadata", format!("metadata {k} changed"))
                }
                _ => continue,
            };
            self.push(
                rule,
                msg,
                Subject::default(),
                a.map(|n| n.span),
                b.map(|n| n.span),
                Facts::default(),
                Vec::new(),
            );
        }
        // Trait definitions and resources, wherever they are.
        let defs = |m: &'a Model| -> BTreeMap<ShapeId, &'a Shape> {
            m.user_shapes()
                .filter(|s| s.has_trait(&traits::trait_def()))
                .map(|s| (s.id.clone(), s))
                .collect()
        };
        let (od, nd) = (defs(self.om), defs(self.nm));
        for (id, s) in &od {
            if !nd.contains_key(&self.mapped(id)) {
                self.push(
                    "RemovedTraitDefinition",
                    format!("trait definition {id} was removed"),
                    Subject {
                        shape: Some(id.to_string()),
                        ..Subject::default()
                    },
                    Some(s.span),
                    None,
                    Facts::default(),
                    Vec::new(),
                );
            }
        }
        for (id, s) in &nd {
            if !od.keys().any(|o| self.mapped(o) == *id) {
                self.push(
                    "AddedTraitDefinition",
                    format!("trait definition {id} was added"),
                    Subject {
                        shape: Some(id.to_string()),
                        ..Subject::default()
                    },
                    None,
                    Some(s.span),
                    Facts::default(),
                    Vec::new(),
                );
            }
        }
        let resources: Vec<(ShapeId, ShapeId)> = self
            .map
            .iter()
            .filter(|(o, _)| {
                self.om
                    .shape(o)
                    .is_some_and(|s| s.kind == ShapeKind::Resource)
            })
            .map(|(a, b)| (a.clone(), b.clone()))
            .collect();
        for (o_id, n_id) in resources {
            let (Some(o), Some(n)) = (self.om.shape(&o_id), self.nm.shape(&n_id)) else {
                continue;
            };
            let (Some(or), Some(nr)) = (o.resource(), n.resource()) else {
                continue;
            };
            let subject = Subject {
                shape: Some(n_id.to_string()),
                ..Subject::default()
            };
            let ids = |v: &[(String, ShapeId)], mapped: bool| -> Vec<(String, ShapeId)> {
                v.iter()
                    .map(|(k, t)| (k.clone(), if mapped { self.mapped(t) } else { t.clone() }))
                    .collect()
            };
            if ids(&or.identifiers, true) != ids(&nr.identifiers, false) {
                self.push(
                    "ChangedResourceIdentifiers",
                    format!("resource {}: identifiers changed", n_id.name),
                    subject.clone(),
                    Some(o.span),
                    Some(n.span),
                    Facts::default(),
                    Vec::new(),
                );
            }
            let bound = |r: &crate::model::ResourceProps| -> Vec<ShapeId> {
                r.all_operations()
                    .cloned()
                    .chain(r.resources.iter().cloned())
                    .collect()
            };
            let (ob, nb) = (bound(or), bound(nr));
            for b in &ob {
                if !nb.contains(&self.mapped(b)) {
                    self.push(
                        "RemovedEntityBinding",
                        format!("resource {} no longer binds {}", n_id.name, b.name),
                        subject.clone(),
                        Some(o.span),
                        Some(n.span),
                        Facts::default(),
                        Vec::new(),
                    );
                }
            }
            for b in &nb {
                if !ob.iter().any(|x| self.mapped(x) == *b) {
                    self.push(
                        "AddedEntityBinding",
                        format!("resource {} now binds {}", n_id.name, b.name),
                        subject.clone(),
                        Some(o.span),
                        Some(n.span),
                        Facts::default(),
                        Vec::new(),
                    );
                }
            }
        }
    }
}
