//! The generated Rust API of each side, and the semver level each change
//! forces on it.
//!
//! Each side is planned with the emitters' own [`CratePlan`] (types, client
//! and server where the protocol has a client emitter, types alone where it
//! has none, as `apigen generate` would), and its public API is listed item
//! by item with the types the emitters would write ([`field_type`],
//! [`type_path`], the plan's names, boxing and optionality). Every item
//! notes the model element it comes from; the differences between the two
//! lists are attributed to the changes that claim those elements, and each
//! change's semver is the most a difference it caused requires: a removed
//! or changed item is major, an added one minor (every generated struct and
//! enum is `#[non_exhaustive]`, and every server trait method has a default
//! body), a deprecation or a reordering of enum variants (their derived
//! `Ord`) minor.

use super::rules::{Claim, Found};
use super::{Change, Pair, Semver, Subject};
use crate::diag::Diagnostics;
use crate::emit::plan::{pagination_paths, CratePlan, TypeHome};
use crate::emit::rust_types::{default_value, field_type, type_path, value_type};
use crate::emit::{EmitOptions, Features};
use crate::model::{traits, Model, Shape, ShapeId, ShapeKind};
use std::collections::BTreeMap;

/// Who sees an item: code calling the client, code implementing the server
/// trait, or both (the shared types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Both,
    Client,
    Server,
}

/// One public item of a generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Its type or signature, compared between the sides.
    pub sig: String,
    pub audience: Audience,
    /// The model element it comes from.
    pub origin: Claim,
    /// Another element it depends on (a server method on the trait's name).
    pub also: Option<Claim>,
}

/// Items by a key naming them (`field types::Repository.repository_name`).
pub type Surface = BTreeMap<String, Item>;

/// The public API the emitters would generate for `model`.
pub fn surface(model: &Model) -> Surface {
    let mut diags = Diagnostics::new();
    let mut options = EmitOptions {
        features: Features::ALL,
        ..EmitOptions::default()
    };
    let plan = match CratePlan::new(model, &options, &mut diags) {
        Some(p) => Some(p),
        None => {
            // No client emitter for this protocol: a types crate, as
            // `apigen generate --features types` makes.
            options.features = Features {
                types: true,
                client: false,
                server: false,
            };
            CratePlan::new(model, &options, &mut Diagnostics::new())
        }
    };
    let mut out = Surface::new();
    if let Some(plan) = plan {
        Lister {
            plan: &plan,
            out: &mut out,
        }
        .list();
    }
    out
}

/// A Rust type as written in generated code, with the std and runtime
/// paths shortened for reading.
fn ty(tokens: proc_macro2::TokenStream) -> String {
    let s: String = tokens.to_string().chars().filter(|c| *c != ' ').collect();
    let mut s = s;
    for prefix in [
        "::std::option::",
        "::std::string::",
        "::std::vec::",
        "::std::collections::",
        "::std::boxed::",
        "::std::result::",
        "::apigen_runtime::",
        "crate::",
    ] {
        s = s.replace(prefix, "");
    }
    s
}

fn origin(id: &ShapeId, member: Option<&str>) -> Claim {
    (id.root().to_string(), member.map(str::to_string))
}

struct Lister<'p, 'm> {
    plan: &'p CratePlan<'m>,
    out: &'p mut Surface,
}

impl Lister<'_, '_> {
    fn add(&mut self, key: String, sig: String, audience: Audience, origin: Claim) {
        self.insert(key, sig, audience, origin, None);
    }

    fn insert(
        &mut self,
        key: String,
        sig: String,
        audience: Audience,
        origin: Claim,
        also: Option<Claim>,
    ) {
        self.out.insert(
            key,
            Item {
                sig,
                audience,
                origin,
                also,
            },
        );
    }

    fn list(&mut self) {
        let plan = self.plan;
        for t in plan.types.values() {
            let Some(shape) = plan.shape(&t.id) else {
                continue;
            };
            let path = match t.home {
                TypeHome::Types => format!("types::{}", t.rust_name),
                TypeHome::Error => format!("types::error::{}", t.rust_name),
            };
            match shape.kind {
                ShapeKind::Structure => self.structure(&path, shape, Audience::Both),
                ShapeKind::Enum => self.enumeration(&path, shape),
                ShapeKind::Union => self.union(&path, shape),
                _ => {}
            }
        }
        let f = plan.features;
        let parts: Vec<&str> = [
            (f.types, "types"),
            (f.client, "client"),
            (f.server, "server"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        self.add(
            "crate features".into(),
            parts.join(","),
            Audience::Both,
            origin(&plan.service.id, Some("!features")),
        );
        if !plan.features.client {
            return;
        }
        let server = plan.features.server && plan.protocol.is_some();
        let trait_name = crate::emit::server::trait_name(plan);
        if server {
            self.add(
                format!("trait {trait_name}"),
                "service trait".into(),
                Audience::Server,
                origin(&plan.service.id, Some("!trait")),
            );
        }
        for t in plan.errors() {
            self.add(
                format!("variant Error::{}", t.rust_name),
                ty(type_path(plan, &t.id)),
                Audience::Both,
                origin(&t.id, None),
            );
        }
        for op in &plan.operations {
            let id = &op.shape.id;
            let m = &op.module;
            let r = &op.rust_name;
            self.add(
                format!("fn Client::{m}"),
                format!("-> operation::{m}::{r}FluentBuilder"),
                Audience::Client,
                origin(id, None),
            );
            if op.info.deprecated.is_some() {
                self.add(
                    format!("deprecated Client::{m}"),
                    String::new(),
                    Audience::Client,
                    origin(id, Some("!deprecated:")),
                );
            }
            for (io, suffix) in [(&op.info.input, "Input"), (&op.info.output, "Output")] {
                let path = format!("operation::{m}::{r}{suffix}");
                match plan.shape(io) {
                    Some(s) if s.kind == ShapeKind::Structure && !io.is_prelude() => {
                        self.structure(&path, s, Audience::Both)
                    }
                    _ => self.add(
                        format!("type {path}"),
                        "struct".into(),
                        Audience::Both,
                        origin(id, None),
                    ),
                }
            }
            for e in &op.info.errors {
                if let Some(t) = plan.types.get(e) {
                    self.add(
                        format!("variant operation::{m}::{r}Error::{}", t.rust_name),
                        ty(type_path(plan, e)),
                        Audience::Both,
                        origin(id, Some(&format!("!error:{}", e.name))),
                    );
                }
            }
            self.add(
                format!("type operation::{m}::{r}Error"),
                "enum".into(),
                Audience::Both,
                origin(id, None),
            );
            if let Some(pages) = pagination_paths(plan.model, &op.info) {
                let token = ty(value_type(plan, &pages.input_token.target));
                let items = pages
                    .items
                    .as_ref()
                    .and_then(|p| p.last())
                    .map(|(_, m)| ty(value_type(plan, &m.target)))
                    .unwrap_or_default();
                self.add(
                    format!("fn operation::{m}::{r}FluentBuilder::into_paginator"),
                    format!("token {token}, items {items}"),
                    Audience::Client,
                    origin(id, Some("!paginator")),
                );
            }
            if server {
                self.insert(
                    format!("fn {trait_name}::{m}"),
                    format!("(operation::{m}::{r}Input, RequestContext) -> Result<operation::{m}::{r}Output, operation::{m}::{r}Error> (default body)"),
                    Audience::Server,
                    origin(id, None),
                    Some(origin(&plan.service.id, Some("!trait"))),
                );
            }
        }
        for w in &plan.waiters {
            let op = &plan.operations[w.operation];
            self.add(
                format!("fn Client::wait_until_{}", w.module),
                format!("-> waiters::{}", w.module),
                Audience::Client,
                origin(&op.shape.id, Some("!waiter")),
            );
        }
    }

    fn structure(&mut self, path: &str, shape: &Shape, audience: Audience) {
        let plan = self.plan;
        self.add(
            format!("type {path}"),
            "struct".into(),
            audience,
            origin(&shape.id, None),
        );
        let mut required = Vec::new();
        for m in &shape.members {
            let ft = field_type(plan, &shape.id, m);
            let field = crate::names::member_field_name(&m.name);
            self.add(
                format!("field {path}.{field}"),
                ty(ft.stored),
                audience,
                origin(&shape.id, Some(&m.name)),
            );
            if traits::is_required(&m.traits) && default_value(plan, m).is_none() {
                required.push(m.name.clone());
            }
        }
        // `build()` returns a `Result` once a member is required.
        let sig = if required.is_empty() {
            format!("-> {path}")
        } else {
            format!(
                "-> Result<{path}, BuildError> (requires {})",
                required.join(", ")
            )
        };
        self.add(
            format!("fn {path}Builder::build"),
            sig,
            audience,
            origin(&shape.id, Some("!build")),
        );
    }

    fn enumeration(&mut self, path: &str, shape: &Shape) {
        self.add(
            format!("type {path}"),
            "enum".into(),
            Audience::Both,
            origin(&shape.id, None),
        );
        let mut order = Vec::new();
        for m in &shape.members {
            let v = crate::names::member_variant_name(&m.name);
            self.add(
                format!("variant {path}::{v}"),
                String::new(),
                Audience::Both,
                origin(&shape.id, Some(&m.name)),
            );
            if m.traits.contains_key(&traits::deprecated()) {
                self.add(
                    format!("deprecated {path}::{v}"),
                    String::new(),
                    Audience::Both,
                    origin(&shape.id, Some(&format!("!deprecated:{}", m.name))),
                );
            }
            order.push(v);
        }
        self.add(
            format!("order {path}"),
            order.join(", "),
            Audience::Both,
            origin(&shape.id, Some("!order")),
        );
    }

    fn union(&mut self, path: &str, shape: &Shape) {
        let plan = self.plan;
        self.add(
            format!("type {path}"),
            "enum (union)".into(),
            Audience::Both,
            origin(&shape.id, None),
        );
        for m in &shape.members {
            let v = crate::names::member_variant_name(&m.name);
            let value = ty(value_type(plan, &m.target));
            let sig = if plan.is_boxed(&shape.id, &m.name) {
                format!("Box<{value}>")
            } else {
                value
            };
            self.add(
                format!("variant {path}::{v}"),
                sig,
                Audience::Both,
                origin(&shape.id, Some(&m.name)),
            );
        }
    }
}

/// One difference between the two surfaces.
#[derive(Clone, Debug)]
pub struct ApiDiff {
    pub key: String,
    pub old: Option<Item>,
    pub new: Option<Item>,
}

impl ApiDiff {
    /// The semver level this difference needs.
    pub fn level(&self) -> Semver {
        let presence_only = self.key.starts_with("deprecated ") || self.key.starts_with("order ");
        match (&self.old, &self.new) {
            (Some(_), None) if presence_only => Semver::Minor,
            (Some(_), None) => Semver::Major,
            (None, Some(_)) => Semver::Minor,
            (Some(_), Some(_)) if presence_only => Semver::Minor,
            (Some(_), Some(_)) => Semver::Major,
            (None, None) => Semver::Patch,
        }
    }

    fn audience(&self) -> Audience {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .map(|i| i.audience)
            .unwrap_or(Audience::Both)
    }

    /// Its effect per party.
    pub fn levels(&self) -> Pair<Semver> {
        let l = self.level();
        match self.audience() {
            Audience::Both => Pair::both(l),
            Audience::Client => Pair::new(l, Semver::Patch),
            Audience::Server => Pair::new(Semver::Patch, l),
        }
    }

    pub fn describe(&self) -> String {
        match (&self.old, &self.new) {
            (Some(_), None) => format!("removed {}", self.key),
            (None, Some(n)) if n.sig.is_empty() => format!("added {}", self.key),
            (None, Some(n)) => format!("added {}: {}", self.key, n.sig),
            (Some(o), Some(n)) => format!("changed {}: {} -> {}", self.key, o.sig, n.sig),
            (None, None) => self.key.clone(),
        }
    }

    /// The model elements it may be claimed through, most specific first.
    fn origins(&self) -> Vec<Claim> {
        let mut out = Vec::new();
        for item in [&self.old, &self.new].into_iter().flatten() {
            if item.origin.1.as_deref() == Some("!build") {
                // The members whose being required changed.
                let req = |i: &Option<Item>| -> Vec<String> {
                    i.as_ref()
                        .and_then(|i| i.sig.split_once("(requires "))
                        .map(|(_, r)| {
                            r.trim_end_matches(')')
                                .split(", ")
                                .map(str::to_string)
                                .collect()
                        })
                        .unwrap_or_default()
                };
                let (a, b) = (req(&self.old), req(&self.new));
                for m in a
                    .iter()
                    .filter(|m| !b.contains(m))
                    .chain(b.iter().filter(|m| !a.contains(m)))
                {
                    out.push((item.origin.0.clone(), Some(m.clone())));
                }
            }
            for o in std::iter::once(&item.origin).chain(&item.also) {
                if !out.contains(o) {
                    out.push(o.clone());
                }
            }
        }
        out
    }
}

fn same_relative_order(a: &str, b: &str) -> bool {
    let a: Vec<&str> = a.split(", ").collect();
    let b: Vec<&str> = b.split(", ").collect();
    let common_a: Vec<&&str> = a.iter().filter(|v| b.contains(v)).collect();
    let common_b: Vec<&&str> = b.iter().filter(|v| a.contains(v)).collect();
    common_a == common_b
}

/// The differences between two surfaces.
pub fn compare(old: &Surface, new: &Surface) -> Vec<ApiDiff> {
    let mut out = Vec::new();
    for (k, o) in old {
        match new.get(k) {
            None => out.push(ApiDiff {
                key: k.clone(),
                old: Some(o.clone()),
                new: None,
            }),
            // Variants added or removed are items of their own; the order
            // item is about the variants both sides have.
            Some(n) if k.starts_with("order ") && same_relative_order(&o.sig, &n.sig) => {}
            Some(n) if n.sig != o.sig => out.push(ApiDiff {
                key: k.clone(),
                old: Some(o.clone()),
                new: Some(n.clone()),
            }),
            _ => {}
        }
    }
    for (k, n) in new {
        if !old.contains_key(k) {
            out.push(ApiDiff {
                key: k.clone(),
                old: None,
                new: Some(n.clone()),
            });
        }
    }
    out
}

/// Gives every change its semver verdict from the API differences it
/// claims; differences no change claims become `ChangedRustApi` changes.
pub fn attribute(os: &Surface, ns: &Surface, found: &mut Vec<Found>) {
    let diffs = compare(os, ns);
    let mut index: BTreeMap<&Claim, Vec<usize>> = BTreeMap::new();
    for (i, f) in found.iter().enumerate() {
        for c in &f.claims {
            index.entry(c).or_default().push(i);
        }
    }
    let mut hits: Vec<Vec<usize>> = Vec::new();
    for d in &diffs {
        let origins = d.origins();
        let mut claimed: Vec<usize> = origins
            .iter()
            .filter_map(|o| index.get(o))
            .flatten()
            .copied()
            .collect();
        if claimed.is_empty() {
            // A member-level item whose member has no change of its own is
            // claimed by a change of its shape.
            claimed = origins
                .iter()
                .filter_map(|(s, _)| index.get(&(s.clone(), None)))
                .flatten()
                .copied()
                .collect();
        }
        claimed.sort_unstable();
        claimed.dedup();
        hits.push(claimed);
    }
    // When one crate has a client (or server) and the other does not, what
    // no change claims comes and goes with it.
    let features = diffs
        .iter()
        .zip(&hits)
        .find(|(d, _)| d.key == "crate features")
        .map(|(_, h)| h.clone())
        .unwrap_or_default();
    for h in &mut hits {
        if h.is_empty() {
            h.clone_from(&features);
        }
    }
    let mut unclaimed: BTreeMap<String, Vec<&ApiDiff>> = BTreeMap::new();
    for (d, claimed) in diffs.iter().zip(&hits) {
        if claimed.is_empty() {
            let shape = d.origins().first().map(|o| o.0.clone()).unwrap_or_default();
            unclaimed.entry(shape).or_default().push(d);
        }
        for &i in claimed {
            let c = &mut found[i].change;
            c.semver = c.semver.join(d.levels());
            c.rust.push(d.describe());
        }
    }
    for (shape, ds) in unclaimed {
        let semver = ds
            .iter()
            .fold(Pair::both(Semver::Patch), |acc, d| acc.join(d.levels()));
        let id = ShapeId::parse(&shape);
        found.push(Found {
            change: Change {
                rule: "ChangedRustApi",
                message: format!(
                    "the generated API for {} changes ({} item(s)) although no model rule names the cause",
                    id.as_ref().map(|i| i.name.clone()).unwrap_or(shape.clone()),
                    ds.len()
                ),
                subject: Subject {
                    shape: Some(shape),
                    ..Subject::default()
                },
                old: None,
                new: None,
                wire: Pair::both(super::Wire::Compatible),
                semver,
                rust: ds.iter().map(|d| d.describe()).collect(),
            },
            claims: Vec::new(),
        });
    }
}
