//! A hash index over a borrowed model's shapes, for the phases that only
//! read the model and look shapes up by the hundred thousand (validation,
//! planning, emitting). A `BTreeMap` lookup compares ids string by string
//! down the tree, about 1,300 instructions per lookup among Stripe's 30,000
//! shapes; hashing the id once is a fraction of that. The borrow keeps the
//! index true: the model cannot change while it exists.

use super::{Model, Shape, ShapeId};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub struct ShapeIndex<'m> {
    /// By namespace and name, so a member id finds its shape with no copy.
    shapes: HashMap<(&'m str, &'m str), &'m Shape, BuildHasherDefault<WordHasher>>,
}

impl<'m> ShapeIndex<'m> {
    pub fn new(model: &'m Model) -> Self {
        let mut shapes =
            HashMap::with_capacity_and_hasher(model.shapes.len(), BuildHasherDefault::default());
        for (id, shape) in &model.shapes {
            shapes.insert((id.namespace.as_str(), id.name.as_str()), shape);
        }
        ShapeIndex { shapes }
    }

    /// The shape `id` names, or the shape holding the member it names, as
    /// [`Model::shape`] finds it.
    pub fn get(&self, id: &ShapeId) -> Option<&'m Shape> {
        self.shapes
            .get(&(id.namespace.as_str(), id.name.as_str()))
            .copied()
    }
}

/// A multiply-rotate hash over 8-byte words (the scheme of rustc's FxHash):
/// ids are short, trusted strings, so SipHash's resistance to chosen keys
/// buys nothing here and costs most of a lookup.
#[derive(Default)]
struct WordHasher {
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
        assert_eq!(
            index.get(&probes[2]).map(|s| s.id.name.as_str()),
            Some("Forecast")
        );
    }
}
