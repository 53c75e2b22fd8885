//! The member graph of a model, by index: which shapes a set of roots
//! reaches, and which structures and unions contain each other. Built once
//! and walked many times (once per operation group, once per direction), so
//! walks compare integers rather than shape ids; a document of thousands of
//! mutually reachable schemas (Stripe's) is not searched once per member.

use super::{Model, ShapeId, ShapeKind, WordHashMap};
use std::collections::{BTreeMap, BTreeSet};

pub struct MemberGraph<'m> {
    ids: Vec<&'m ShapeId>,
    index: WordHashMap<&'m ShapeId, usize>,
    /// Each shape's member targets that are shapes of the model.
    targets: Vec<Vec<usize>>,
    aggregate: Vec<bool>,
}

impl<'m> MemberGraph<'m> {
    pub fn new(model: &'m Model) -> Self {
        Self::build(model, &BTreeMap::new(), false)
    }

    /// The types as generated when some shapes are aliases of others
    /// (`aliases`: alias → the shape generated for it): a member targeting
    /// an alias targets the shape it names.
    pub fn resolving(model: &'m Model, aliases: &BTreeMap<ShapeId, ShapeId>) -> Self {
        Self::build(model, aliases, true)
    }

    /// The model's members, and an edge from each alias to the shape it
    /// names: what needs an alias needs that shape and all it reaches.
    pub fn with_alias_edges(model: &'m Model, aliases: &BTreeMap<ShapeId, ShapeId>) -> Self {
        Self::build(model, aliases, false)
    }

    fn build(model: &'m Model, aliases: &BTreeMap<ShapeId, ShapeId>, resolve: bool) -> Self {
        let ids: Vec<&ShapeId> = model.shapes.keys().collect();
        let index: WordHashMap<&ShapeId, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let targets = model
            .shapes
            .values()
            .map(|s| {
                let mut targets: Vec<usize> = s
                    .members
                    .iter()
                    .filter_map(|m| {
                        let target = match aliases.get(&m.target) {
                            Some(kept) if resolve => kept,
                            _ => &m.target,
                        };
                        index.get(target).copied()
                    })
                    .collect();
                if !resolve {
                    targets.extend(aliases.get(&s.id).and_then(|kept| index.get(kept)));
                }
                targets
            })
            .collect();
        let aggregate = model
            .shapes
            .values()
            .map(|s| matches!(s.kind, ShapeKind::Structure | ShapeKind::Union))
            .collect();
        MemberGraph {
            ids,
            index,
            targets,
            aggregate,
        }
    }

    /// `roots` and every shape their members reach, transitively. A root
    /// that is not a shape of the model is in the result, and reaches
    /// nothing.
    pub fn reachable_from<'a>(
        &self,
        roots: impl IntoIterator<Item = &'a ShapeId>,
    ) -> BTreeSet<ShapeId> {
        let roots: Vec<&ShapeId> = roots.into_iter().collect();
        let mut out: BTreeSet<ShapeId> = self
            .reached_indexes(roots.iter().copied())
            .into_iter()
            .map(|i| self.ids[i].clone())
            .collect();
        out.extend(
            roots
                .into_iter()
                .filter(|r| !self.index.contains_key(r))
                .cloned(),
        );
        out
    }

    /// The indexes of the model's shapes that `roots` reach (roots not in
    /// the model are ignored), ascending; [`MemberGraph::id`] names them.
    pub fn reached_indexes<'a>(&self, roots: impl IntoIterator<Item = &'a ShapeId>) -> Vec<usize> {
        let mut seen = vec![false; self.ids.len()];
        let mut stack: Vec<usize> = roots
            .into_iter()
            .filter_map(|r| self.index.get(r).copied())
            .collect();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            stack.extend(self.targets[i].iter().copied().filter(|&t| !seen[t]));
        }
        (0..seen.len()).filter(|&i| seen[i]).collect()
    }

    pub fn id(&self, index: usize) -> &'m ShapeId {
        self.ids[index]
    }

    /// Strongly connected components of structures and unions, following
    /// only members that target a structure or union (a list or map in
    /// between is a heap indirection already): each aggregate's component
    /// number, `None` for other shapes. Tarjan's algorithm without
    /// recursion, so a deep model cannot overflow the stack.
    pub fn aggregate_components(&self) -> AggregateComponents<'_, 'm> {
        const UNSEEN: usize = usize::MAX;
        let n = self.ids.len();
        let mut order = vec![UNSEEN; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut component = vec![None; n];
        let mut sizes = Vec::new();
        let mut next = 0;
        for root in (0..n).filter(|&i| self.aggregate[i]) {
            if order[root] != UNSEEN {
                continue;
            }
            // (shape, position of the next member target to visit)
            let mut work = vec![(root, 0)];
            order[root] = next;
            low[root] = next;
            next += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some((v, pos)) = work.pop() {
                if let Some(&t) = self.targets[v].get(pos) {
                    work.push((v, pos + 1));
                    if !self.aggregate[t] {
                        continue;
                    }
                    if order[t] == UNSEEN {
                        order[t] = next;
                        low[t] = next;
                        next += 1;
                        stack.push(t);
                        on_stack[t] = true;
                        work.push((t, 0));
                    } else if on_stack[t] {
                        low[v] = low[v].min(order[t]);
                    }
                    continue;
                }
                // All targets seen: close the component rooted here, if
                // any, and pass the low link up to the parent.
                if order[v] == low[v] {
                    let number = sizes.len();
                    let mut size = 0;
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        component[w] = Some(number);
                        size += 1;
                        if w == v {
                            break;
                        }
                    }
                    sizes.push(size);
                }
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
            }
        }
        AggregateComponents {
            graph: self,
            component,
            sizes,
        }
    }
}

/// The result of [`MemberGraph::aggregate_components`].
pub struct AggregateComponents<'g, 'm> {
    graph: &'g MemberGraph<'m>,
    component: Vec<Option<usize>>,
    sizes: Vec<usize>,
}

impl AggregateComponents<'_, '_> {
    fn of(&self, id: &ShapeId) -> Option<(usize, usize)> {
        let i = *self.graph.index.get(id)?;
        Some((i, self.component[i]?))
    }

    /// Whether a member of `owner` targeting `target` closes a cycle of
    /// structures and unions: `target` contains `owner` again without a
    /// list or map in between, so the Rust field needs a `Box`.
    pub fn closes_cycle(&self, owner: &ShapeId, target: &ShapeId) -> bool {
        match (self.of(owner), self.of(target)) {
            (Some((_, a)), Some((_, b))) => a == b,
            _ => false,
        }
    }

    /// Whether `id` lies on such a cycle: in a component of two shapes or
    /// more, or with a member targeting itself.
    pub fn is_cyclic(&self, id: &ShapeId) -> bool {
        self.of(id)
            .is_some_and(|(i, c)| self.sizes[c] > 1 || self.graph.targets[i].contains(&i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Member, Shape};
    use crate::source::Span;

    fn model(shapes: &[(&str, ShapeKind, &[&str])]) -> Model {
        let mut model = Model::default();
        for (name, kind, targets) in shapes {
            let id = ShapeId::new("t", *name);
            let mut shape = Shape::new(id.clone(), *kind, Span::default());
            for (n, target) in targets.iter().enumerate() {
                shape.members.push(Member {
                    name: format!("m{n}"),
                    target: ShapeId::new("t", *target),
                    traits: Default::default(),
                    span: Span::default(),
                });
            }
            model.shapes.insert(id, shape);
        }
        model
    }

    fn id(name: &str) -> ShapeId {
        ShapeId::new("t", name)
    }

    #[test]
    fn cycles_through_lists_need_no_box() {
        // A -> B -> A directly; C -> list L -> C; D -> D; E -> A (not on the cycle).
        let m = model(&[
            ("A", ShapeKind::Structure, &["B"]),
            ("B", ShapeKind::Union, &["A", "S"]),
            ("C", ShapeKind::Structure, &["L"]),
            ("L", ShapeKind::List, &["C"]),
            ("D", ShapeKind::Structure, &["D"]),
            ("E", ShapeKind::Structure, &["A"]),
            ("S", ShapeKind::String, &[]),
        ]);
        let graph = MemberGraph::new(&m);
        let sccs = graph.aggregate_components();
        assert!(sccs.closes_cycle(&id("A"), &id("B")));
        assert!(sccs.closes_cycle(&id("B"), &id("A")));
        assert!(sccs.closes_cycle(&id("D"), &id("D")));
        assert!(!sccs.closes_cycle(&id("L"), &id("C")));
        assert!(!sccs.closes_cycle(&id("E"), &id("A")));
        assert!(!sccs.closes_cycle(&id("B"), &id("S")));
        let cyclic: Vec<&str> = ["A", "B", "C", "D", "E", "L", "S"]
            .into_iter()
            .filter(|n| sccs.is_cyclic(&id(n)))
            .collect();
        assert_eq!(cyclic, ["A", "B", "D"]);
    }

    #[test]
    fn reachable_keeps_unknown_roots() {
        let m = model(&[
            ("A", ShapeKind::Structure, &["L"]),
            ("L", ShapeKind::List, &["S"]),
            ("S", ShapeKind::String, &[]),
            ("X", ShapeKind::String, &[]),
        ]);
        let graph = MemberGraph::new(&m);
        let got = graph.reachable_from([&id("A"), &id("Missing")]);
        let want: BTreeSet<ShapeId> = ["A", "L", "Missing", "S"].into_iter().map(id).collect();
        assert_eq!(got, want);
    }
}
