//! [`Traits`]: the traits applied to one shape or member.
//!
//! A shape or member carries a handful of traits, so they are a vector kept
//! sorted by trait id, with the part of `BTreeMap`'s interface the code
//! uses. A `BTreeMap` allocates a whole node (room for eleven entries,
//! about 1.3 KB here) for its first entry: with one map per member, that was
//! 45 MB of Stripe's 88 MB model, and fresh memory is slow to touch.

use super::ShapeId;
use crate::node::Node;
use std::fmt;

/// Traits applied to a shape or member, keyed by absolute trait id and
/// iterated in id order. Values of annotation traits are empty objects.
#[derive(Clone, Default, PartialEq)]
pub struct Traits {
    entries: Vec<(ShapeId, Node)>,
}

impl Traits {
    pub const fn new() -> Self {
        Traits {
            entries: Vec::new(),
        }
    }

    fn find(&self, key: &ShapeId) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.cmp(key))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, key: &ShapeId) -> Option<&Node> {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    pub fn get_mut(&mut self, key: &ShapeId) -> Option<&mut Node> {
        self.find(key).ok().map(|i| &mut self.entries[i].1)
    }

    pub fn contains_key(&self, key: &ShapeId) -> bool {
        self.find(key).is_ok()
    }

    /// Sets a trait, returning the value it replaces.
    pub fn insert(&mut self, key: ShapeId, value: Node) -> Option<Node> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// The trait's value, set to `make()` first if the trait is absent
    /// (`BTreeMap`'s `entry(key).or_insert_with(make)`).
    pub fn get_or_insert_with(&mut self, key: ShapeId, make: impl FnOnce() -> Node) -> &mut Node {
        let i = match self.find(&key) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (key, make()));
                i
            }
        };
        &mut self.entries[i].1
    }

    pub fn remove(&mut self, key: &ShapeId) -> Option<Node> {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&ShapeId, &mut Node) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter(self.entries.iter())
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&ShapeId, &mut Node)> {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &ShapeId> + Clone {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Node> + Clone {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Node> {
        self.entries.iter_mut().map(|(_, v)| v)
    }
}

/// The traits in id order, as `(&id, &value)`.
#[derive(Clone)]
pub struct Iter<'a>(std::slice::Iter<'a, (ShapeId, Node)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a ShapeId, &'a Node);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k, v))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Traits {
    type Item = (&'a ShapeId, &'a Node);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Traits {
    type Item = (ShapeId, Node);
    type IntoIter = std::vec::IntoIter<(ShapeId, Node)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl Extend<(ShapeId, Node)> for Traits {
    fn extend<I: IntoIterator<Item = (ShapeId, Node)>>(&mut self, items: I) {
        for (k, v) in items {
            self.insert(k, v);
        }
    }
}

impl FromIterator<(ShapeId, Node)> for Traits {
    fn from_iter<I: IntoIterator<Item = (ShapeId, Node)>>(items: I) -> Self {
        let mut traits = Traits::new();
        traits.extend(items);
        traits
    }
}

impl<const N: usize> From<[(ShapeId, Node); N]> for Traits {
    fn from(items: [(ShapeId, Node); N]) -> Self {
        items.into_iter().collect()
    }
}

impl fmt::Debug for Traits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn id(name: &str) -> ShapeId {
        ShapeId::new("smithy.api", name)
    }

    fn string(s: &str) -> Node {
        Node::string(s, Span::default())
    }

    #[test]
    fn keeps_id_order_and_replaces_like_a_map() {
        let mut t = Traits::new();
        assert_eq!(t.insert(id("required"), string("a")), None);
        assert_eq!(t.insert(id("documentation"), string("b")), None);
        assert_eq!(t.insert(id("length"), string("c")), None);
        let old = t.insert(id("documentation"), string("d"));
        assert_eq!(old.as_ref().and_then(Node::as_str), Some("b"));
        let names: Vec<&str> = t.keys().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["documentation", "length", "required"]);
        assert_eq!(
            t.get(&id("documentation")).and_then(Node::as_str),
            Some("d")
        );
        assert!(t.contains_key(&id("length")));
        assert_eq!(
            t.remove(&id("length"))
                .and_then(|n| n.as_str().map(str::to_string)),
            Some("c".into())
        );
        assert!(!t.contains_key(&id("length")));
        assert_eq!(t.len(), 2);
        t.retain(|k, _| k.name != "required");
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn collects_like_a_map_the_last_value_winning() {
        let t: Traits = [
            (id("b"), string("1")),
            (id("a"), string("2")),
            (id("b"), string("3")),
        ]
        .into_iter()
        .collect();
        let pairs: Vec<(&str, &str)> = t
            .iter()
            .map(|(k, v)| (k.name.as_str(), v.as_str().unwrap_or("")))
            .collect();
        assert_eq!(pairs, [("a", "2"), ("b", "3")]);
    }
}
