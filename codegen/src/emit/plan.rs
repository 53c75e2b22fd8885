//! Decides what the generated crate contains and what everything is called:
//! which service, which operations, which shapes become Rust types, where
//! they live, and which members must be boxed. Emitters only read the plan.

use super::protocol::{self, ProtocolEmitter};
use super::EmitOptions;
use crate::diag::Diagnostics;
use crate::model::{
    traits, MemberGraph, Model, OperationInfo, ServiceInfo, Shape, ShapeId, ShapeIndex, ShapeKind,
    WordHashMap, WordHashSet,
};
use crate::names;
use proc_macro2::TokenStream;
use std::collections::{BTreeMap, BTreeSet};

/// Which parts of a crate to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Features {
    pub types: bool,
    pub client: bool,
    pub server: bool,
}

impl Features {
    /// Types, client and server (the server behind the crate's `server`
    /// feature): what the bundled ECR crate is generated with.
    pub const ALL: Features = Features {
        types: true,
        client: true,
        server: true,
    };
}

impl Default for Features {
    fn default() -> Self {
        Features {
            types: true,
            client: true,
            server: false,
        }
    }
}

impl Features {
    /// Parses `types,client,server`.
    pub fn parse(list: &str) -> Result<Features, String> {
        let mut f = Features {
            types: false,
            client: false,
            server: false,
        };
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match item {
                "types" => f.types = true,
                "client" => f.client = true,
                "server" => f.server = true,
                other => {
                    return Err(format!(
                        "unknown feature \"{other}\" (use types, client, server)"
                    ))
                }
            }
        }
        // A client without its types cannot exist.
        f.types |= f.client || f.server;
        Ok(f)
    }
}

/// Where a shape's Rust type lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeHome {
    /// `crate::types::<Name>`, file `types/<module>.rs`.
    Types,
    /// `crate::types::error::<Name>`, file `types/error/<module>.rs`.
    Error,
}

#[derive(Clone, Debug)]
pub struct TypePlan {
    pub id: ShapeId,
    pub rust_name: String,
    pub module: String,
    pub home: TypeHome,
}

/// The named types in id order (the order files and modules list them in),
/// with a hashed index: emitters look a type up for nearly every member, and
/// a `BTreeMap` compared ids string by string down the tree.
pub struct TypePlans {
    ordered: Vec<TypePlan>,
    index: WordHashMap<ShapeId, usize>,
}

impl TypePlans {
    fn new(types: BTreeMap<ShapeId, TypePlan>) -> Self {
        let ordered: Vec<TypePlan> = types.into_values().collect();
        let index = ordered
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        TypePlans { ordered, index }
    }

    pub fn get(&self, id: &ShapeId) -> Option<&TypePlan> {
        self.index.get(id).map(|&i| &self.ordered[i])
    }

    pub fn contains_key(&self, id: &ShapeId) -> bool {
        self.index.contains_key(id)
    }

    /// In id order.
    pub fn values(&self) -> std::slice::Iter<'_, TypePlan> {
        self.ordered.iter()
    }
}

pub struct OperationPlan<'m> {
    pub shape: &'m Shape,
    pub info: OperationInfo,
    /// `describe_repositories`: module and client method name.
    pub module: String,
    /// `DescribeRepositories`.
    pub rust_name: String,
}

impl OperationPlan<'_> {
    pub fn wire_name(&self) -> &str {
        &self.shape.id.name
    }
}

pub struct CratePlan<'m> {
    pub model: &'m Model,
    pub service: &'m Shape,
    pub info: ServiceInfo,
    pub protocol: Option<Box<dyn ProtocolEmitter>>,
    pub features: Features,
    pub operations: Vec<OperationPlan<'m>>,
    /// Structures, unions and enums that become named Rust types.
    pub types: TypePlans,
    /// Inline shapes generated as aliases of an identical one, to that one
    /// ([`super::shared_types`]).
    pub aliases: BTreeMap<ShapeId, ShapeId>,
    /// The same, from each type generated for others to those others.
    aliased: BTreeMap<ShapeId, Vec<ShapeId>>,
    /// `(shape, member)` pairs whose field is boxed to break a cycle.
    pub boxed: WordHashSet<(&'m ShapeId, &'m str)>,
    /// Shapes whose values this crate writes to the wire (`wire::Encode`).
    pub encoded: BTreeSet<ShapeId>,
    /// Shapes whose values this crate reads from the wire (`wire::Decode`).
    pub decoded: BTreeSet<ShapeId>,
    /// What only the server side encodes / decodes, in a crate that is also
    /// a client: emitted under `#[cfg(feature = "server")]`.
    pub gated_encoded: BTreeSet<ShapeId>,
    pub gated_decoded: BTreeSet<ShapeId>,
    /// Shapes that get `validate()`: what a client sends, what a server receives.
    pub validated: BTreeSet<ShapeId>,
    /// Operation inputs, whose members all stay optional (a required input
    /// member may be set later than the builder is made, as in aws-sdk-rust).
    pub inputs: BTreeSet<ShapeId>,
    /// Prelude names (`Option`, `String`, ...) that a generated type
    /// shadows; std paths to those stay spelled out in full.
    pub shadowed: Vec<&'static str>,
    /// std paths the setters name, spelled as [`Self::shadowed`] allows.
    pub std_paths: super::setters::StdPaths,
    pub crate_name: String,
    /// Waiters that compile (`smithy.waiters#waitable`), in operation order;
    /// the plan warns about every one it leaves out.
    pub waiters: Vec<super::waiters::WaiterPlan>,
    /// Cargo features by operation group (empty: nothing gated).
    pub groups: super::feature_groups::FeatureGroups,
    /// The model's shapes by id, for [`Self::shape`].
    index: ShapeIndex<'m>,
    /// Operation outputs and errors ([`Self::is_response_shape`]).
    response_shapes: BTreeSet<ShapeId>,
}

impl<'m> CratePlan<'m> {
    pub fn new(model: &'m Model, options: &EmitOptions, diags: &mut Diagnostics) -> Option<Self> {
        let service = pick_service(model, options, diags)?;
        let info = model.service_info(service)?;
        // Planning looks shapes up by the hundred thousand on a large
        // document: through the hash index, not the model's `BTreeMap`.
        let index = ShapeIndex::new(model);
        let protocol = protocol::for_service(&info);
        if protocol.is_none() && (options.features.client || options.features.server) {
            let name = info
                .protocol()
                .map(|p| p.name())
                .unwrap_or_else(|| "none".into());
            diags.error(
                "unsupported-protocol",
                service.span,
                format!(
                    "service {} speaks protocol {name}, which apigen's client emitter does not support yet (supported: awsJson1_0, awsJson1_1, restJson1); generate with --features types for the types alone",
                    service.id
                ),
            );
            return None;
        }
        let mut features = options.features;
        if features.server && protocol.as_deref().is_some_and(|p| !p.has_server()) {
            let name = protocol.as_deref().map(|p| p.name()).unwrap_or_default();
            diags.note(
                "server-not-generated",
                service.span,
                format!(
                    "service {} speaks {name}, for which apigen generates clients but no server yet; the crate has no server module",
                    service.id
                ),
            );
            features.server = false;
        }
        let mut operations = Vec::new();
        let wanted = options.operations.as_ref();
        if let Some(wanted) = wanted {
            for name in wanted {
                if !info.operations.iter().any(|o| o.name == *name) {
                    diags.error(
                        "unknown-operation",
                        None,
                        format!(
                            "--operations names {name}, which service {} does not have",
                            service.id
                        ),
                    );
                }
            }
        }
        for op_id in &info.operations {
            if wanted.is_some_and(|w| !w.contains(&op_id.name)) {
                continue;
            }
            let Some(shape) = index.shape(op_id) else {
                continue;
            };
            let Some(op_info) = model.operation_info(Some(service), shape) else {
                continue;
            };
            if let Some(stream) = event_stream_of(&index, &op_info) {
                diags.note(
                    "event-stream-skipped",
                    shape.span,
                    format!(
                        "operation {op_id} is left out: its {stream} is an event stream, which apigen does not generate yet; the rest of the crate is generated"
                    ),
                );
                continue;
            }
            let rust_name = names::type_name(&rename(service, op_id));
            operations.push(OperationPlan {
                shape,
                info: op_info,
                module: names::field_name(&rust_name),
                rust_name,
            });
        }
        if diags.has_errors() {
            return None;
        }
        for op in &operations {
            if let Err(why) = check_pagination(model, &op.info) {
                diags.warning(
                    "paginator-skipped",
                    op.shape.span,
                    format!(
                        "operation {} is @paginated but gets no paginator: {why}; the operation itself is generated",
                        op.shape.id
                    ),
                );
            }
        }
        let graph = MemberGraph::new(model);
        let reachable = reachable_shapes(&graph, &operations);
        let io: BTreeSet<ShapeId> = operations
            .iter()
            .flat_map(|o| [o.info.input.clone(), o.info.output.clone()])
            .collect();
        // Shapes some reachable member targets (an input or output used as
        // a member gets a named type too); one pass, not one per shape.
        let member_targets: BTreeSet<&ShapeId> = reachable
            .iter()
            .filter_map(|r| index.shape(r))
            .flat_map(|s| s.members.iter().map(|m| &m.target))
            .collect();
        let mut types = BTreeMap::new();
        for id in &reachable {
            let Some(shape) = index.shape(id) else {
                continue;
            };
            let is_error = shape.has_trait(&traits::error());
            let named = match shape.kind {
                ShapeKind::Structure => {
                    !id.is_prelude() && (!io.contains(id) || member_targets.contains(id))
                }
                ShapeKind::Union | ShapeKind::Enum => true,
                _ => false,
            };
            if !named {
                continue;
            }
            let rust_name = names::type_name(&rename(service, id));
            types.insert(
                id.clone(),
                TypePlan {
                    id: id.clone(),
                    module: type_module(&rust_name),
                    rust_name,
                    home: if is_error {
                        TypeHome::Error
                    } else {
                        TypeHome::Types
                    },
                },
            );
        }
        let aliases = super::shared_types::aliases(&index, &types);
        // Boxing follows the types as generated: an alias's uses are uses
        // of the type it names.
        // (Without aliases, the model's own graph is both of these.)
        let boxed = if aliases.is_empty() {
            boxed_members(&index, &graph, &reachable)
        } else {
            boxed_members(&index, &MemberGraph::resolving(model, &aliases), &reachable)
        };
        // What needs an alias needs the type it names, and what that reaches.
        let graph = if aliases.is_empty() {
            graph
        } else {
            MemberGraph::with_alias_edges(model, &aliases)
        };
        // A client writes inputs and reads outputs and errors; a server the
        // reverse. Generating only the directions used keeps the crate (and
        // its compile) smaller; a types-only crate gets both.
        let requests = graph.reachable_from(operations.iter().map(|o| &o.info.input));
        let responses = graph.reachable_from(
            operations
                .iter()
                .flat_map(|o| std::iter::once(&o.info.output).chain(&o.info.errors)),
        );
        let both = features.client == features.server;
        let mut encoded = BTreeSet::new();
        let mut decoded = BTreeSet::new();
        if features.client || both {
            encoded.extend(requests.iter().cloned());
            decoded.extend(responses.iter().cloned());
        }
        // A client crate with a server keeps the server's directions behind
        // its `server` cargo feature, so client users compile none of them.
        let mut gated_encoded = BTreeSet::new();
        let mut gated_decoded = BTreeSet::new();
        if features.server {
            let (enc, dec) = if features.client {
                (&mut gated_encoded, &mut gated_decoded)
            } else {
                (&mut encoded, &mut decoded)
            };
            dec.extend(requests.iter().cloned());
            enc.extend(responses.iter().cloned());
        } else if both {
            decoded.extend(requests.iter().cloned());
            encoded.extend(responses.iter().cloned());
        }
        gated_encoded.retain(|id| !encoded.contains(id));
        gated_decoded.retain(|id| !decoded.contains(id));
        let types_only = !features.client && !features.server;
        let validated = if types_only {
            reachable.clone()
        } else {
            requests
        };
        let inputs = operations.iter().map(|o| o.info.input.clone()).collect();
        let response_shapes = operations
            .iter()
            .flat_map(|o| std::iter::once(&o.info.output).chain(&o.info.errors))
            .cloned()
            .collect();
        let shadowed =
            super::format::shadowed_prelude(types.values().map(|t| t.rust_name.as_str()));
        let mut plan = CratePlan {
            model,
            service,
            info,
            protocol,
            features,
            operations,
            types: TypePlans::new(types),
            aliased: aliases
                .iter()
                .fold(BTreeMap::new(), |mut m, (alias, kept)| {
                    m.entry(kept.clone())
                        .or_insert_with(Vec::new)
                        .push(alias.clone());
                    m
                }),
            aliases,
            boxed,
            encoded,
            decoded,
            gated_encoded,
            gated_decoded,
            validated,
            inputs,
            std_paths: super::setters::StdPaths::new(&shadowed),
            shadowed,
            crate_name: options.crate_name.clone(),
            waiters: Vec::new(),
            groups: Default::default(),
            index,
            response_shapes,
        };
        // Only services lowered from OpenAPI for now: they have tags or
        // paths to group by, and no server, waiters or paginators to gate.
        let openapi = service.traits.contains_key(&traits::openapi_rest_json());
        if options.feature_groups && openapi && !plan.features.server {
            let ops: Vec<&OperationInfo> = plan.operations.iter().map(|o| &o.info).collect();
            plan.groups = super::feature_groups::FeatureGroups::new(model, &graph, &ops);
        }
        if plan.features.client || options.check_waiters {
            plan.waiters = plan_waiters(&plan, diags);
        }
        Some(plan)
    }

    pub fn shape(&self, id: &ShapeId) -> Option<&'m Shape> {
        self.index.get(id)
    }

    /// The type generated in place of `id`, when `id` is an alias of it.
    pub fn alias_of(&self, id: &ShapeId) -> Option<&TypePlan> {
        self.types.get(self.aliases.get(id)?)
    }

    /// The aliases of the type generated for `id` (and for them).
    pub fn aliases_of(&self, id: &ShapeId) -> impl Iterator<Item = &TypePlan> {
        self.aliased
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|a| self.types.get(a))
    }

    /// Whether `id` is an operation's output or error: a structure whose
    /// members HTTP-binding protocols may bind to a response's headers,
    /// status or payload.
    pub fn is_response_shape(&self, id: &ShapeId) -> bool {
        self.response_shapes.contains(id)
    }

    /// Error structures of the crate.
    /// `item` (an `Encode` impl for `id`) as this crate needs it: as is,
    /// behind the `server` feature, or not at all.
    pub fn encode_impl(
        &self,
        id: &ShapeId,
        item: impl FnOnce() -> TokenStream,
    ) -> Option<TokenStream> {
        gate(
            self.encoded.contains(id),
            self.gated_encoded.contains(id),
            item,
        )
    }

    /// The same for a `Decode` impl.
    pub fn decode_impl(
        &self,
        id: &ShapeId,
        item: impl FnOnce() -> TokenStream,
    ) -> Option<TokenStream> {
        gate(
            self.decoded.contains(id),
            self.gated_decoded.contains(id),
            item,
        )
    }

    /// [`Self::encode_impl`] for an impl written as text: the attribute
    /// line before it (empty when always compiled), or `None`.
    pub fn encode_gate(&self, id: &ShapeId) -> Option<&'static str> {
        gate_text(self.encoded.contains(id), self.gated_encoded.contains(id))
    }

    /// The same for a `Decode` impl.
    pub fn decode_gate(&self, id: &ShapeId) -> Option<&'static str> {
        gate_text(self.decoded.contains(id), self.gated_decoded.contains(id))
    }

    pub fn errors(&self) -> impl Iterator<Item = &TypePlan> {
        self.types.values().filter(|t| t.home == TypeHome::Error)
    }

    pub fn is_boxed(&self, owner: &ShapeId, member: &str) -> bool {
        self.boxed.contains(&(owner, member))
    }
}

/// The waiters of the planned operations that compile; a located
/// `waiter-skipped` warning for each that does not (its path cannot be
/// compiled or type-checked, its trait value is malformed, or its name
/// collides with another's), naming the waiter and the reason.
fn plan_waiters(plan: &CratePlan, diags: &mut Diagnostics) -> Vec<super::waiters::WaiterPlan> {
    let mut out: Vec<super::waiters::WaiterPlan> = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (index, op) in plan.operations.iter().enumerate() {
        for waiter in traits::waiters(&op.shape.traits) {
            let waiter = match waiter {
                Ok(w) => w,
                Err(problem) => {
                    diags.warning(
                        "waiter-skipped",
                        problem.span,
                        format!(
                            "waiter {} of operation {} is not generated: {}",
                            problem.name, op.shape.id, problem.message
                        ),
                    );
                    continue;
                }
            };
            let module = names::field_name(&waiter.name);
            if let Some(other) = seen.get(&module) {
                diags.warning(
                    "waiter-skipped",
                    waiter.span,
                    format!(
                        "waiter {} of operation {} is not generated: its Rust name wait_until_{module} is taken by the waiter of {other}",
                        waiter.name, op.shape.id
                    ),
                );
                continue;
            }
            if let Err((span, why)) = super::waiters::check(plan, op, &waiter) {
                diags.warning(
                    "waiter-skipped",
                    span,
                    format!(
                        "waiter {} of operation {} is not generated: {why}; the rest of the crate is",
                        waiter.name, op.shape.id
                    ),
                );
                continue;
            }
            seen.insert(module.clone(), op.shape.id.to_string());
            out.push(super::waiters::WaiterPlan {
                operation: index,
                waiter,
                module,
            });
        }
    }
    out
}

fn rename(service: &Shape, id: &ShapeId) -> String {
    service
        .service()
        .and_then(|s| s.rename.get(id).cloned())
        .unwrap_or_else(|| id.name.clone())
}

fn pick_service<'m>(
    model: &'m Model,
    options: &EmitOptions,
    diags: &mut Diagnostics,
) -> Option<&'m Shape> {
    if let Some(id) = &options.service {
        let found = model.shape(id).filter(|s| s.kind == ShapeKind::Service);
        if found.is_none() {
            diags.error("no-service", None, format!("the model has no service {id}"));
        }
        return found;
    }
    let services: Vec<&Shape> = model
        .services()
        .filter(|s| !crate::smithy::builtin::is_builtin_namespace(&s.id.namespace))
        .collect();
    match services.as_slice() {
        [one] => Some(one),
        [] => {
            diags.error(
                "no-service",
                None,
                "the model defines no service to generate",
            );
            None
        }
        many => {
            let ids: Vec<String> = many.iter().map(|s| s.id.to_string()).collect();
            diags.error(
                "ambiguous-service",
                None,
                format!(
                    "the model defines several services ({}); name one with --service",
                    ids.join(", ")
                ),
            );
            None
        }
    }
}

/// Shapes reached from the operations: inputs, outputs, errors and their members.
fn reachable_shapes(graph: &MemberGraph, operations: &[OperationPlan]) -> BTreeSet<ShapeId> {
    let mut reachable = graph.reachable_from(operations.iter().flat_map(|o| {
        [&o.info.input, &o.info.output]
            .into_iter()
            .chain(&o.info.errors)
    }));
    reachable.remove(&ShapeId::prelude("Unit"));
    reachable
}

/// Members whose target contains their owner without a list or map in
/// between: the Rust type would be infinitely large without a `Box`.
fn boxed_members<'m>(
    model: &ShapeIndex<'m>,
    graph: &MemberGraph,
    reachable: &BTreeSet<ShapeId>,
) -> WordHashSet<(&'m ShapeId, &'m str)> {
    let components = graph.aggregate_components();
    let mut out = WordHashSet::default();
    for id in reachable {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        for m in &shape.members {
            if components.closes_cycle(id, &m.target) {
                out.insert((&shape.id, m.name.as_str()));
            }
        }
    }
    out
}

/// `input`/`output` when that structure has a member targeting an event
/// stream (a `@streaming` union).
fn event_stream_of(model: &ShapeIndex, op: &OperationInfo) -> Option<&'static str> {
    let streams = |id: &ShapeId| {
        model.shape(id).is_some_and(|s| {
            s.members.iter().any(|m| {
                model.shape(&m.target).is_some_and(|t| {
                    t.kind == ShapeKind::Union && t.has_trait(&traits::streaming())
                })
            })
        })
    };
    if streams(&op.input) {
        Some("input")
    } else if streams(&op.output) {
        Some("output")
    } else {
        None
    }
}

/// Where a paginator finds its tokens and items: members with their owners.
pub struct PagePaths {
    pub input_token: crate::model::Member,
    pub output_token: Vec<(ShapeId, crate::model::Member)>,
    pub items: Option<Vec<(ShapeId, crate::model::Member)>>,
}

/// The paginator of an operation, when it has one that can be generated.
pub fn pagination_paths(model: &Model, op: &OperationInfo) -> Option<PagePaths> {
    check_pagination(model, op).ok().flatten()
}

/// `Ok(None)` for an operation without pagination, `Err` saying why a
/// `@paginated` one cannot get a paginator.
fn check_pagination(model: &Model, op: &OperationInfo) -> Result<Option<PagePaths>, String> {
    let Some(p) = &op.pagination else {
        return Ok(None);
    };
    let (Some(in_tok), Some(out_tok)) = (&p.input_token, &p.output_token) else {
        // Only `items`/`pageSize` (a service-wide default without tokens):
        // nothing to follow from page to page.
        return Ok(None);
    };
    let input_token = model
        .shape(&op.input)
        .and_then(|s| s.member(in_tok))
        .cloned()
        .ok_or_else(|| format!("its input has no member {in_tok:?} (inputToken)"))?;
    let output_token = member_path(model, &op.output, out_tok)
        .map_err(|e| format!("outputToken {out_tok:?}: {e}"))?;
    let last = &output_token.last().expect("a path has a member").1;
    let same_kind = |a: &ShapeId, b: &ShapeId| {
        a == b
            || model
                .shape(a)
                .zip(model.shape(b))
                .is_some_and(|(x, y)| x.kind == ShapeKind::String && y.kind == ShapeKind::String)
    };
    if !same_kind(&input_token.target, &last.target) {
        return Err(format!(
            "the input token targets {} but the output token {}",
            input_token.target, last.target
        ));
    }
    let token_kind = model.shape(&last.target).map(|s| s.kind);
    if !matches!(token_kind, Some(ShapeKind::String | ShapeKind::Map)) {
        return Err(format!(
            "its token targets {}, which is neither a string nor a map",
            last.target
        ));
    }
    let items = match &p.items {
        Some(items) => Some(
            member_path(model, &op.output, items).map_err(|e| format!("items {items:?}: {e}"))?,
        ),
        None => None,
    };
    Ok(Some(PagePaths {
        input_token,
        output_token,
        items,
    }))
}

/// The members along a dotted path (`a.b`) from structure `root`.
fn member_path(
    model: &Model,
    root: &ShapeId,
    path: &str,
) -> Result<Vec<(ShapeId, crate::model::Member)>, String> {
    let mut owner = root.clone();
    let mut out = Vec::new();
    for name in path.split('.') {
        let shape = model
            .shape(&owner)
            .filter(|s| s.kind == ShapeKind::Structure)
            .ok_or_else(|| format!("{owner} is not a structure"))?;
        let member = shape
            .member(name)
            .ok_or_else(|| format!("{owner} has no member {name:?}"))?;
        out.push((owner.clone(), member.clone()));
        owner = member.target.clone();
    }
    Ok(out)
}

/// The private module a type's file is: its snake-case name, unless that is
/// a module `types` has of its own (`error`, `builders`), when it gets a
/// `_type` suffix; the type is re-exported, so the module name is not API.
fn type_module(rust_name: &str) -> String {
    let module = names::field_name(rust_name);
    if matches!(module.as_str(), "error" | "builders") {
        format!("{module}_type")
    } else {
        module
    }
}

/// [`gate`] as text.
fn gate_text(always: bool, gated: bool) -> Option<&'static str> {
    if always {
        Some("")
    } else if gated {
        Some("#[cfg(feature = \"server\")]\n")
    } else {
        None
    }
}

fn gate(always: bool, gated: bool, item: impl FnOnce() -> TokenStream) -> Option<TokenStream> {
    if always {
        Some(item())
    } else if gated {
        let item = item();
        Some(quote::quote!(#[cfg(feature = "server")] #item))
    } else {
        None
    }
}
