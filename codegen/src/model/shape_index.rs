//! A hash index over a borrowed model's shapes, for the phases that only
//! read the model and look shapes up by the hundred thousand (validation,
//! planning, emitting). A `BTreeMap` lookup compares ids string by string
//! down the tree, about 1,300 instructions per lookup among Stripe's 30,000
//! shapes; hashing the id once is a fraction of that. The borrow keeps the
//! index true: the model cannot change while it exists. It derefs to the
//! model, so a phase that only reads can take it where it took `&Model`
//! and its `shape()` and `member()` calls become hashed ones.

use super::{Member, Model, Shape, ShapeId};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub struct ShapeIndex<'m> {
    model: &'m Model,
    /// By namespace and name, so a member id finds its shape with no copy.
    by_name: HashMap<(&'m str, &'m str), &'m Shape, BuildHasherDefault<WordHasher>>,
}

impl<'m> ShapeIndex<'m> {
    pub fn new(model: &'m Model) -> Self {
        let mut by_name =
            HashMap::with_capacity_and_hasher(model.shapes.len(), BuildHasherDefault::default());
        for (id, shape) in &model.shapes {
            by_name.insert((id.namespace.as_str(), id.name.as_str()), shape);
        }
        ShapeIndex { model, by_name }
    }

    /// The shape `id` names, or the shape holding the member it names, as
    /// [`Model::shape`] finds it.
    pub fn get(&self, id: &ShapeId) -> Option<&'m Shape> {
        self.by_name
            .get(&(id.namespace.as_str(), id.name.as_str()))
            .copied()
    }

    /// The member a member id names, as [`Model::member`] finds it.
    pub fn member(&self, id: &ShapeId) -> Option<&'m Member> {
        self.get(id)?.member(id.member.as_deref()?)
    }

    /// The same as [`Self::get`], under the name [`Model`] gives it.
    pub fn shape(&self, id: &ShapeId) -> Option<&'m Shape> {
        self.get(id)
    }
}

impl std::ops::Deref for ShapeIndex<'_> {
    type Target = Model;

    fn deref(&self) -> &Model {
        self.model
    }
}

/// A `HashMap` hashed with [`WordHasher`], for maps keyed by ids or names
/// that are looked up far more often than iterated (never in an order that
/// reaches the output).
pub type WordHashMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A `HashSet` hashed with [`WordHasher`].
pub type WordHashSet<T> = std::collections::HashSet<T, BuildHasherDefault<WordHasher>>;

/// A multiply-rotate hash over 8-byte words (the scheme of rustc's FxHash):
/// ids are short, trusted strings, so SipHash's resistance to chosen keys
/// buys nothing here and costs most of a lookup.
#[derive(Default)]
pub struct WordHasher {
    hash: u64,
}

impl WordHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ShapeKind;
    use crate::source::Span;

    #[test]
    fn finds_what_the_model_finds() {
        let mut model = Model::default();
        for ns in ["a", "a.b", "example.weather"] {
            for name in ["A", "Ab", "B", "Forecast", "ForecastInput"] {
                let id = ShapeId::new(ns, name);
                model.shapes.insert(
                    id.clone(),
                    Shape::new(id, ShapeKind::Structure, Span::default()),
                );
            }
        }
        let index = ShapeIndex::new(&model);
        let probes = [
            ShapeId::new("a", "Ab"),
            ShapeId::new("a.b", "A"),
            ShapeId::new("example.weather", "Forecast").with_member("city"),
            ShapeId::new("a", "Missing"),
            ShapeId::new("b", "A"),
        ];
        for id in &probes {
            assert_eq!(
                index.get(id).map(|s| &s.id),
                model.shape(id).map(|s| &s.id),
                "{id}"
            );
        }
        assert!(index.get(&probes[3]).is_none());
        assert!(
            index.member(&probes[2]).is_none(),
            "the shape has no member `city`"
        );
        assert_eq!(index.by_name.len(), model.shapes.len());
        assert_eq!(
            index.get(&probes[2]).map(|s| s.id.name.as_str()),
            Some("Forecast")
        );
    }
}
