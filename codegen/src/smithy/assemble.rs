//! Assembles raw files (IDL and JSON AST alike) into one semantic model:
//! resolves relative names, copies mixins in, fills elided member targets,
//! coerces annotation traits, applies `apply` statements and upgrades
//! Smithy 1.0 semantics. Every problem is reported where it was written.

use super::ast::*;
use crate::diag::Diagnostics;
use crate::model::{
    traits, Member, Model, OperationProps, Props, Shape, ShapeId, ShapeKind, Traits,
};
use crate::node::{Node, Value};
use crate::source::{SourceMap, Span};
use std::collections::{BTreeMap, HashMap};

/// Builds a model from parsed files. Problems go to `diags`; the model holds
/// everything that could be resolved.
pub fn assemble(files: &[RawFile], sources: &SourceMap, diags: &mut Diagnostics) -> Model {
    assemble_with(files, sources, diags, Options::default())
}

/// How lenient assembly is.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// A trait without a definition is a warning and keeps its value
    /// (Smithy's `--allow-unknown-traits`); by default it is an error.
    pub allow_unknown_traits: bool,
}

/// [`assemble`] with options.
pub fn assemble_with(
    files: &[RawFile],
    sources: &SourceMap,
    diags: &mut Diagnostics,
    options: Options,
) -> Model {
    let mut asm = Assembler {
        files,
        sources,
        diags,
        options,
        defs: BTreeMap::new(),
        built: BTreeMap::new(),
        state: HashMap::new(),
    };
    asm.index();
    asm.check_uses();
    let ids: Vec<ShapeId> = asm.defs.keys().cloned().collect();
    for id in &ids {
        asm.build(id);
    }
    asm.apply_statements();
    let metadata = asm.merge_metadata();
    Model {
        shapes: std::mem::take(&mut asm.built),
        metadata,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BuildState {
    Building,
    Done,
}

/// Where a definition lives: file index, shape index.
type DefRef = (usize, usize);

struct Assembler<'a> {
    files: &'a [RawFile],
    sources: &'a SourceMap,
    diags: &'a mut Diagnostics,
    options: Options,
    defs: BTreeMap<ShapeId, DefRef>,
    built: BTreeMap<ShapeId, Shape>,
    state: HashMap<ShapeId, BuildState>,
}

impl<'a> Assembler<'a> {
    fn raw(&self, def: DefRef) -> &'a RawShape {
        &self.files[def.0].shapes[def.1]
    }

    fn file(&self, def: DefRef) -> &'a RawFile {
        &self.files[def.0]
    }

    fn location(&self, span: Span) -> String {
        format!(
            "{}:{}:{}",
            self.sources.path(span.file).display(),
            span.line,
            span.column
        )
    }

    /// Records every definition's absolute id and reports duplicates.
    fn index(&mut self) {
        for (fi, file) in self.files.iter().enumerate() {
            for (si, shape) in file.shapes.iter().enumerate() {
                let id = match &file.namespace {
                    Some(ns) => ShapeId::new(ns.clone(), shape.name.clone()),
                    None => match ShapeId::parse(&shape.name) {
                        Some(id) => id,
                        None => {
                            self.diags.error(
                                "invalid-shape-id",
                                shape.span,
                                format!("\"{}\" is not an absolute shape id", shape.name),
                            );
                            continue;
                        }
                    },
                };
                if let Some(&first) = self.defs.get(&id) {
                    let first_span = self.raw(first).span;
                    let message = format!(
                        "duplicate shape id {id}: already defined at {}",
                        self.location(first_span)
                    );
                    self.diags.error("duplicate-shape", shape.span, message);
                    continue;
                }
                self.defs.insert(id, (fi, si));
            }
        }
    }

    /// Every `use` statement must import a shape that some file defines,
    /// whether or not the file refers to it.
    fn check_uses(&mut self) {
        for file in self.files {
            for used in &file.uses {
                let defined =
                    ShapeId::parse(&used.text).is_some_and(|id| self.defs.contains_key(&id));
                if !defined {
                    self.diags.error(
                        "unresolved-target",
                        used.span,
                        format!(
                            "use statement imports {}, which no loaded model defines",
                            used.text
                        ),
                    );
                }
            }
        }
    }

    /// Resolves a reference written in `file` to an absolute id: `use`d names
    /// first, then the file's namespace, then the prelude (Smithy's order).
    fn resolve(&mut self, file: &RawFile, r: &RawRef) -> Option<ShapeId> {
        let id = self.resolve_quiet(file, &r.text);
        match id {
            Some(id) if self.defs.contains_key(&id.root()) => Some(id),
            Some(id) => {
                self.diags.error(
                    "unresolved-target",
                    r.span,
                    format!(
                        "unresolved shape reference \"{}\" (looked for {id})",
                        r.text
                    ),
                );
                None
            }
            None => {
                self.diags.error(
                    "invalid-shape-id",
                    r.span,
                    format!("\"{}\" is not a valid shape id", r.text),
                );
                None
            }
        }
    }

    fn resolve_quiet(&self, file: &RawFile, text: &str) -> Option<ShapeId> {
        if text.contains('#') {
            return ShapeId::parse(text);
        }
        let (name, member) = match text.split_once('$') {
            Some((n, m)) => (n, Some(m)),
            None => (text, None),
        };
        let with_member = |id: ShapeId| match member {
            Some(m) => id.with_member(m),
            None => id,
        };
        if !crate::model::is_identifier(name) || !member.is_none_or(crate::model::is_identifier) {
            return None;
        }
        if let Some(used) = file
            .uses
            .iter()
            .find(|u| u.text.rsplit('#').next() == Some(name))
        {
            return ShapeId::parse(&used.text).map(with_member);
        }
        if let Some(ns) = &file.namespace {
            let local = ShapeId::new(ns.clone(), name);
            if self.defs.contains_key(&local) {
                return Some(with_member(local));
            }
        }
        let prelude = ShapeId::prelude(name);
        if self.defs.contains_key(&prelude) {
            return Some(with_member(prelude));
        }
        Some(with_member(ShapeId::new(
            file.namespace.clone().unwrap_or_default(),
            name,
        )))
    }

    /// Builds one shape (and, first, the mixins it uses).
    fn build(&mut self, id: &ShapeId) {
        match self.state.get(id) {
            Some(BuildState::Done) => return,
            Some(BuildState::Building) => return, // reported by the caller that found the cycle
            None => {}
        }
        let Some(&def) = self.defs.get(id) else {
            return;
        };
        self.state.insert(id.clone(), BuildState::Building);
        let raw = self.raw(def);
        let file = self.file(def);
        let mut shape = Shape::new(id.clone(), raw.kind, raw.span);

        // Mixins: built first, their members and non-local traits copied in.
        for mixin_ref in &raw.mixins {
            let Some(mixin_id) = self.resolve(file, mixin_ref) else {
                continue;
            };
            if self.state.get(&mixin_id) == Some(&BuildState::Building) {
                self.diags.error(
                    "mixin-cycle",
                    mixin_ref.span,
                    format!(
                        "mixin cycle: {id} uses {mixin_id}, which uses {id} through its mixins"
                    ),
                );
                continue;
            }
            self.build(&mixin_id);
            let Some(mixin) = self.built.get(&mixin_id) else {
                continue;
            };
            let Some(mixin_trait) = mixin.traits.get(&traits::mixin()) else {
                self.diags.error(
                    "not-a-mixin",
                    mixin_ref.span,
                    format!("{mixin_id} is used as a mixin but has no @mixin trait"),
                );
                continue;
            };
            if mixin.kind != shape.kind {
                self.diags.error(
                    "mixin-kind",
                    mixin_ref.span,
                    format!(
                        "{} {id} cannot use {} {mixin_id} as a mixin",
                        shape.kind.name(),
                        mixin.kind.name()
                    ),
                );
                continue;
            }
            let local: Vec<String> = mixin_trait
                .get("localTraits")
                .and_then(Node::as_array)
                .unwrap_or_default()
                .iter()
                .filter_map(Node::as_str)
                .map(str::to_string)
                .collect();
            for (tid, value) in &mixin.traits {
                if *tid == traits::mixin() || local.iter().any(|l| *l == tid.to_string()) {
                    continue;
                }
                shape.traits.insert(tid.clone(), value.clone());
            }
            for m in &mixin.members {
                if shape.member(&m.name).is_none() {
                    shape.members.push(Member {
                        name: m.name.clone(),
                        target: m.target.clone(),
                        traits: m.traits.clone(),
                        span: m.span,
                    });
                }
            }
            if let Props::None = shape.props {
                shape.props = mixin.props.clone();
            }
            shape.mixins.push(mixin_id);
        }

        // Own traits override inherited ones.
        let own = self.traits(file, &raw.traits);
        shape.traits.extend(own);
        if raw.was_set {
            shape
                .traits
                .insert(traits::unique_items(), Node::empty_object(raw.span));
        }

        // Own members, in declaration order after mixin members.
        for m in &raw.members {
            self.add_member(file, raw, &mut shape, m);
        }

        // An enum member without a value is its own name (Smithy writes it out).
        if shape.kind == ShapeKind::Enum {
            for m in &mut shape.members {
                m.traits.get_or_insert_with(traits::enum_value(), || {
                    Node::string(m.name.clone(), m.span)
                });
            }
        }
        self.upgrade_v1(file, &mut shape);
        shape.props = self.props(file, raw, shape.props.clone());
        self.built.insert(id.clone(), shape);
        self.state.insert(id.clone(), BuildState::Done);
    }

    fn add_member(&mut self, file: &RawFile, raw: &RawShape, shape: &mut Shape, m: &RawMember) {
        let mut member_traits = self.traits(file, &m.traits);
        if let Some(default) = &m.default {
            member_traits.insert(traits::default(), default.clone());
        }
        let explicit_target = match &m.target {
            Some(r) => match self.resolve(file, r) {
                Some(t) => Some(t),
                None => return,
            },
            None => None,
        };
        if let Some(existing) = shape.members.iter_mut().find(|x| x.name == m.name) {
            // Redeclaring a mixin member: same target only; local traits win.
            if let Some(t) = &explicit_target {
                if *t != existing.target {
                    self.diags.error(
                        "mixin-member-conflict",
                        m.span,
                        format!(
                            "member {} redefines the mixin member with target {t}, but the mixin gives {}",
                            m.name, existing.target
                        ),
                    );
                    return;
                }
            }
            existing.traits.extend(member_traits);
            existing.span = m.span;
            return;
        }
        let target = match explicit_target {
            Some(t) => t,
            None => match self.elided_target(file, raw, &m.name) {
                Some(t) => t,
                None => {
                    self.diags.error(
                        "elided-target",
                        m.span,
                        format!(
                            "member ${} has an elided target, but no mixin or `for` resource of {} defines \"{}\"",
                            m.name, raw.name, m.name
                        ),
                    );
                    return;
                }
            },
        };
        shape.members.push(Member {
            name: m.name.clone(),
            target,
            traits: member_traits,
            span: m.span,
        });
    }

    /// The target of `$name` from the shape's `for` resource.
    fn elided_target(&mut self, file: &RawFile, raw: &RawShape, name: &str) -> Option<ShapeId> {
        let resource_ref = raw.for_resource.as_ref()?;
        let resource_id = self.resolve(file, resource_ref)?;
        let &def = self.defs.get(&resource_id)?;
        let resource = self.raw(def);
        let resource_file = self.file(def);
        let found = resource
            .props
            .identifiers
            .iter()
            .chain(&resource.props.properties)
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.clone())?;
        self.resolve(resource_file, &found)
    }

    /// Resolves trait ids and gives annotation traits the value their
    /// definition calls for (`[]` for list traits, `{}` otherwise).
    fn traits(&mut self, file: &RawFile, raw: &[RawTrait]) -> Traits {
        let mut out = Traits::new();
        for t in raw {
            let Some(id) = self.resolve_trait(file, &t.id) else {
                continue;
            };
            let mut value = t.value.clone();
            if t.annotation {
                if let Some(kind) = self.defs.get(&id).map(|&d| self.raw(d).kind) {
                    value = match kind {
                        ShapeKind::List => Node::new(Value::Array(Vec::new()), t.span),
                        ShapeKind::Structure | ShapeKind::Map | ShapeKind::Document => {
                            Node::empty_object(t.span)
                        }
                        _ => {
                            self.diags.error(
                                "trait-value",
                                t.span,
                                format!(
                                    "trait @{} needs a value: it is a {} trait",
                                    t.id.text,
                                    kind.name()
                                ),
                            );
                            continue;
                        }
                    };
                }
            }
            if !file.syntactic_ids.is_empty() {
                self.resolve_syntactic_ids(file, &mut value, 0);
            }
            if let Some(previous) = out.get(&id) {
                if *previous != value {
                    self.diags.error(
                        "trait-conflict",
                        t.span,
                        format!("trait {id} is applied twice with different values"),
                    );
                }
                continue;
            }
            out.insert(id, value);
        }
        out
    }

    /// Unquoted strings in an IDL node value are shape ids (Smithy's
    /// "syntactic shape ids"): each that names a shape becomes its absolute
    /// id (`awsJson1_1` under `use aws.protocols#awsJson1_1` becomes
    /// `aws.protocols#awsJson1_1`); one that names none stays as written,
    /// with Smithy's warning.
    fn resolve_syntactic_ids(&mut self, file: &RawFile, node: &mut Node, depth: usize) {
        if depth > 64 {
            return;
        }
        match &mut node.value {
            Value::Array(items) => {
                for item in items {
                    self.resolve_syntactic_ids(file, item, depth + 1);
                }
            }
            Value::Object(entries) => {
                for (_, v) in entries {
                    self.resolve_syntactic_ids(file, v, depth + 1);
                }
            }
            Value::String(text)
                if node.span.file == file.file
                    && file.syntactic_ids.contains(&node.span.offset) =>
            {
                let resolved = self
                    .resolve_quiet(file, text)
                    .filter(|id| self.defs.contains_key(&id.root()));
                match resolved {
                    Some(id) => *text = id.to_string(),
                    None => self.diags.warning(
                        "syntactic-shape-id",
                        node.span,
                        format!("syntactic shape id `{text}` does not resolve to a shape; it stays the string \"{text}\" (quote it to say so)"),
                    ),
                }
            }
            _ => {}
        }
    }

    /// Resolves a trait id and checks that it names a trait definition.
    fn resolve_trait(&mut self, file: &RawFile, r: &RawRef) -> Option<ShapeId> {
        let Some(id) = self.resolve_quiet(file, &r.text) else {
            self.diags.error(
                "invalid-shape-id",
                r.span,
                format!("\"{}\" is not a valid trait id", r.text),
            );
            return None;
        };
        let Some(&def) = self.defs.get(&id) else {
            if self.options.allow_unknown_traits {
                self.diags.warning(
                    "unknown-trait",
                    r.span,
                    format!(
                        "unknown trait @{} (looked for {id}); kept unchecked (--allow-unknown-traits)",
                        r.text
                    ),
                );
                return Some(id);
            }
            self.diags.error(
                "unknown-trait",
                r.span,
                format!(
                    "unknown trait @{} (looked for {id}); --allow-unknown-traits accepts it with a warning",
                    r.text
                ),
            );
            return None;
        };
        let raw = self.raw(def);
        let def_file = self.file(def);
        let is_trait = raw
            .traits
            .iter()
            .any(|t| self.resolve_quiet(def_file, &t.id.text) == Some(traits::trait_def()));
        if !is_trait {
            self.diags.error(
                "not-a-trait",
                r.span,
                format!("{id} is applied as a trait but is not a trait definition (no @trait)"),
            );
            return None;
        }
        Some(id)
    }

    /// Smithy 1.0 semantics: unboxed numbers and booleans were non-null with
    /// a zero default. Smithy's upgrade makes that explicit with `@default`.
    fn upgrade_v1(&mut self, file: &RawFile, shape: &mut Shape) {
        if file.version != SmithyVersion::V1 {
            return;
        }
        if is_v1_primitive_kind(shape.kind)
            && !shape.id.is_prelude()
            && !shape.has_trait(&traits::box_trait())
            && !shape.has_trait(&traits::default())
        {
            shape
                .traits
                .insert(traits::default(), zero_value(shape.kind, shape.span));
        }
        if shape.kind != ShapeKind::Structure {
            return;
        }
        for member in &mut shape.members {
            if member.traits.contains_key(&traits::box_trait())
                || member.traits.contains_key(&traits::default())
            {
                continue;
            }
            let target = &member.target;
            let primitive = target.is_prelude() && target.name.starts_with("Primitive");
            let unboxed_user = !target.is_prelude()
                && self.defs.get(target).is_some_and(|&d| {
                    let raw = self.raw(d);
                    self.file(d).version == SmithyVersion::V1
                        && is_v1_primitive_kind(raw.kind)
                        && !raw.traits.iter().any(|t| t.id.text.ends_with("box"))
                });
            if primitive || unboxed_user {
                let kind = self.defs.get(target).map(|&d| self.raw(d).kind);
                if let Some(kind) = kind {
                    member
                        .traits
                        .insert(traits::default(), zero_value(kind, member.span));
                }
            }
        }
    }

    fn props(&mut self, file: &RawFile, raw: &RawShape, inherited: Props) -> Props {
        let p = &raw.props;
        let one =
            |asm: &mut Self, r: &Option<RawRef>| r.as_ref().and_then(|r| asm.resolve(file, r));
        let many = |asm: &mut Self, rs: &[RawRef]| -> Vec<ShapeId> {
            rs.iter().filter_map(|r| asm.resolve(file, r)).collect()
        };
        match raw.kind {
            ShapeKind::Service => {
                let mut s = match inherited {
                    Props::Service(s) => s,
                    _ => Box::default(),
                };
                if let Some(v) = &p.version {
                    match v.as_str() {
                        Some(text) => s.version = Some(text.to_string()),
                        None => self.diags.error(
                            "service-version",
                            v.span,
                            format!("service version must be a string, found {}", v.kind_name()),
                        ),
                    }
                }
                s.operations.extend(many(self, &p.operations));
                s.resources.extend(many(self, &p.resources));
                s.errors.extend(many(self, &p.errors));
                for (r, name) in &p.rename {
                    if let Some(id) = self.resolve(file, r) {
                        s.rename.insert(id, name.clone());
                    }
                }
                Props::Service(s)
            }
            ShapeKind::Operation => {
                let mut o = match inherited {
                    Props::Operation(o) => o,
                    _ => OperationProps::default(),
                };
                if let Some(i) = one(self, &p.input) {
                    o.input = i;
                }
                if let Some(out) = one(self, &p.output) {
                    o.output = out;
                }
                o.errors.extend(many(self, &p.errors));
                Props::Operation(o)
            }
            ShapeKind::Resource => {
                let mut r = match inherited {
                    Props::Resource(r) => r,
                    _ => Box::default(),
                };
                for (name, target) in &p.identifiers {
                    if let Some(t) = self.resolve(file, target) {
                        r.identifiers.push((name.clone(), t));
                    }
                }
                for (name, target) in &p.properties {
                    if let Some(t) = self.resolve(file, target) {
                        r.properties.push((name.clone(), t));
                    }
                }
                r.create = one(self, &p.create).or(r.create);
                r.put = one(self, &p.put).or(r.put);
                r.read = one(self, &p.read).or(r.read);
                r.update = one(self, &p.update).or(r.update);
                r.delete = one(self, &p.delete).or(r.delete);
                r.list = one(self, &p.list).or(r.list);
                r.operations.extend(many(self, &p.operations));
                r.collection_operations
                    .extend(many(self, &p.collection_operations));
                r.resources.extend(many(self, &p.resources));
                Props::Resource(r)
            }
            _ => Props::None,
        }
    }

    /// `apply` statements add traits to shapes or members defined anywhere.
    /// Every built shape that uses `mixin`, directly or through other mixins.
    fn users_of_mixin(&self, mixin: &ShapeId) -> Vec<ShapeId> {
        let mut found: Vec<ShapeId> = Vec::new();
        let mut frontier = vec![mixin.clone()];
        while let Some(m) = frontier.pop() {
            for (id, shape) in &self.built {
                if shape.mixins.contains(&m) && !found.contains(id) {
                    found.push(id.clone());
                    frontier.push(id.clone());
                }
            }
        }
        found
    }

    fn apply_statements(&mut self) {
        for file in self.files {
            for apply in &file.applies {
                let Some(target) = self.resolve(file, &apply.target) else {
                    continue;
                };
                let new_traits = self.traits(file, &apply.traits);
                // Applied to a mixin (or a mixin's member), the traits reach
                // every shape that uses it, as their copies of its members do
                // (a trait the user shape sets itself wins).
                let root = target.root();
                if self
                    .built
                    .get(&root)
                    .is_some_and(|s| s.has_trait(&traits::mixin()))
                {
                    for user in self.users_of_mixin(&root) {
                        let Some(shape) = self.built.get_mut(&user) else {
                            continue;
                        };
                        let slot = match &target.member {
                            Some(m) => match shape.members.iter_mut().find(|x| x.name == *m) {
                                Some(member) => &mut member.traits,
                                None => continue,
                            },
                            None => &mut shape.traits,
                        };
                        for (id, value) in &new_traits {
                            if !slot.contains_key(id) {
                                slot.insert(id.clone(), value.clone());
                            }
                        }
                    }
                }
                let Some(shape) = self.built.get_mut(&root) else {
                    continue;
                };
                let slot = match &target.member {
                    Some(m) => match shape.members.iter_mut().find(|x| x.name == *m) {
                        Some(member) => &mut member.traits,
                        None => {
                            self.diags.error(
                                "unresolved-target",
                                apply.target.span,
                                format!(
                                    "apply target {target}: {} has no member \"{m}\"",
                                    target.root()
                                ),
                            );
                            continue;
                        }
                    },
                    None => &mut shape.traits,
                };
                for (id, value) in new_traits {
                    match slot.get_mut(&id) {
                        None => {
                            slot.insert(id, value);
                        }
                        Some(existing) if *existing == value => {}
                        Some(existing) => {
                            // List traits concatenate, as Smithy merges them.
                            if let (Value::Array(a), Value::Array(b)) =
                                (&mut existing.value, value.value)
                            {
                                a.extend(b);
                            } else {
                                self.diags.error(
                                    "trait-conflict",
                                    apply.span,
                                    format!("apply sets {id} on {target}, which already has a different value"),
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    /// Metadata from all files: arrays concatenate, equal values merge, other
    /// conflicts are errors.
    fn merge_metadata(&mut self) -> BTreeMap<String, Node> {
        let mut out: BTreeMap<String, Node> = BTreeMap::new();
        for file in self.files {
            for (key, value, span) in &file.metadata {
                match out.get_mut(key) {
                    None => {
                        out.insert(key.clone(), value.clone());
                    }
                    Some(existing) if existing == value => {}
                    Some(existing) => {
                        if let (Value::Array(a), Value::Array(b)) =
                            (&mut existing.value, &value.value)
                        {
                            a.extend(b.iter().cloned());
                        } else {
                            self.diags.error(
                                "metadata-conflict",
                                *span,
                                format!("metadata \"{key}\" conflicts with a different value in another file"),
                            );
                        }
                    }
                }
            }
        }
        out
    }
}

fn is_v1_primitive_kind(kind: ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Boolean
            | ShapeKind::Byte
            | ShapeKind::Short
            | ShapeKind::Integer
            | ShapeKind::Long
            | ShapeKind::Float
            | ShapeKind::Double
    )
}

fn zero_value(kind: ShapeKind, span: Span) -> Node {
    match kind {
        ShapeKind::Boolean => Node::new(Value::Bool(false), span),
        _ => Node::new(Value::Number(crate::node::Number::Int(0)), span),
    }
}
