//! Cargo features by operation group, so an application compiles only the
//! operations it calls: a standalone crate of a service lowered from
//! OpenAPI with two groups or more gets one feature per group, all of them
//! on by default. An operation's group is its first tag, else the first
//! path segment that is not a version (`/v1/customers/{id}` → `customers`). Operations in no group are always
//! compiled. A type is gated by the groups whose operations reach it, and
//! not at all when an ungrouped operation, every group or no operation
//! reaches it.

use crate::model::{traits, MemberGraph, Model, OperationInfo, ShapeId};
use crate::node::Node;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The groups of one crate.
#[derive(Debug, Default)]
pub struct FeatureGroups {
    /// Feature names, sorted.
    pub names: Vec<String>,
    /// The feature of each grouped operation.
    ops: BTreeMap<ShapeId, String>,
    /// The features of each gated type.
    types: BTreeMap<ShapeId, Vec<String>>,
}

impl FeatureGroups {
    /// The groups of `operations`; empty (nothing gated) when there are
    /// fewer than two.
    /// `graph` has an edge from each alias to the type it names, so that
    /// type is compiled wherever the alias is used.
    pub fn new(model: &Model, graph: &MemberGraph, operations: &[&OperationInfo]) -> Self {
        let mut ops = BTreeMap::new();
        for op in operations {
            if let Some(group) = group_of(model, op) {
                ops.insert(op.id.clone(), group);
            }
        }
        let names: BTreeSet<String> = ops.values().cloned().collect();
        if names.len() < 2 {
            return FeatureGroups::default();
        }
        // Which groups reach each shape; `None` in the set: an ungrouped
        // operation. One walk per group, from all of its operations.
        let mut roots: BTreeMap<Option<&String>, Vec<&ShapeId>> = BTreeMap::new();
        for op in operations {
            let entry = roots.entry(ops.get(&op.id)).or_default();
            entry.extend([&op.input, &op.output].into_iter().chain(&op.errors));
        }
        // Groups are walked in order, `None` first, so each list is sorted.
        let mut reached: std::collections::HashMap<usize, Vec<Option<&String>>> =
            Default::default();
        for (group, roots) in roots {
            for i in graph.reached_indexes(roots) {
                reached.entry(i).or_default().push(group);
            }
        }
        let types = reached
            .into_iter()
            .filter(|(_, groups)| groups[0].is_some() && groups.len() < names.len())
            .map(|(i, groups)| {
                let features = groups.into_iter().flatten().cloned().collect();
                (graph.id(i).clone(), features)
            })
            .collect();
        FeatureGroups {
            names: names.into_iter().collect(),
            ops,
            types,
        }
    }

    /// `#[cfg(feature = "…")]` for an operation's items, if it is grouped.
    pub fn op_cfg(&self, op: &ShapeId) -> Option<TokenStream> {
        let feature = self.ops.get(op)?;
        Some(quote!(#[cfg(feature = #feature)]))
    }

    /// `#[cfg(any(feature = "…", …))]` for a type's items, if it is gated
    /// (`#[cfg(feature = "…")]` for one group).
    pub fn type_cfg(&self, id: &ShapeId) -> Option<TokenStream> {
        match self.types.get(id)?.as_slice() {
            [only] => Some(quote!(#[cfg(feature = #only)])),
            features => Some(quote!(#[cfg(any(#(feature = #features),*))])),
        }
    }
}

fn group_of(model: &Model, op: &OperationInfo) -> Option<String> {
    let shape = model.shape(&op.id)?;
    let tag = shape
        .traits
        .get(&traits::tags())
        .and_then(Node::as_array)
        .and_then(|tags| tags.first())
        .and_then(Node::as_str);
    let raw = match tag {
        Some(tag) => tag.to_string(),
        None => {
            let uri = &op.http.as_ref()?.uri;
            uri.split(['/', '?'])
                .find(|s| !s.is_empty() && !s.starts_with('{') && !is_version(s))?
                .to_string()
        }
    };
    feature_name(&raw)
}

/// `v1`, `v2beta`, `2015-03-31`: a path segment naming an API version.
fn is_version(segment: &str) -> bool {
    let s = segment.strip_prefix(['v', 'V']).unwrap_or(segment);
    s.starts_with(|c: char| c.is_ascii_digit())
}

/// A Cargo feature name from a tag: lowercase ASCII words joined by `-`,
/// never one of the crate's own features.
fn feature_name(raw: &str) -> Option<String> {
    let words: Vec<String> = raw
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let name = words.join("-");
    match name.as_str() {
        "" => None,
        "default" | "server" => Some(format!("{name}-operations")),
        _ if name.starts_with(|c: char| c.is_ascii_digit()) => Some(format!("group-{name}")),
        _ => Some(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_names_are_cargo_names() {
        assert_eq!(feature_name("Pet Store").as_deref(), Some("pet-store"));
        assert_eq!(
            feature_name("payment_intents").as_deref(),
            Some("payment-intents")
        );
        assert_eq!(feature_name("server").as_deref(), Some("server-operations"));
        assert_eq!(feature_name("3ds").as_deref(), Some("group-3ds"));
        assert_eq!(feature_name("—"), None);
        assert!(is_version("v1") && is_version("2015-03-31") && !is_version("vaults"));
    }
}
