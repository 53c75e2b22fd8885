//! One Rust type for identical inline schemas. An OpenAPI document repeats
//! the same anonymous schema at many places (Stripe's: `enum: [""]` 306
//! times, `{object: list, …}` 116 times; 41 % of its types' text), and each
//! place gets a shape named from it. Where two such shapes are identical —
//! kind, constraints, members with their names, traits and (identical)
//! targets; the shape's own documentation aside — one is generated and the
//! others become `pub type` aliases of it, so every name a user may have
//! written stays, and the crate has one definition, one codec and one
//! builder to compile instead of hundreds.
//!
//! Only shapes marked `apigen.api#inlineSchema` are merged: a named
//! component is a type its author chose to keep apart. The one generated is
//! the shortest name of the group (then the first by id), so the choice
//! does not depend on the order in which the document is read.

use super::plan::TypePlan;
use crate::model::{
    traits, Shape, ShapeId, ShapeIndex, ShapeKind, Traits, WordHashMap, WordHashSet,
};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

/// Each merged shape → the shape generated in its place (never itself).
pub fn aliases(
    model: &ShapeIndex,
    types: &BTreeMap<ShapeId, TypePlan>,
) -> BTreeMap<ShapeId, ShapeId> {
    let mut keys = Keys {
        model,
        documentation: traits::documentation(),
        inline_schema: traits::inline_schema(),
        numbers: WordHashMap::default(),
        memo: WordHashMap::default(),
        in_progress: WordHashSet::default(),
    };
    let mut groups: BTreeMap<usize, Vec<&TypePlan>> = BTreeMap::new();
    for t in types.values() {
        if let Some(shape) = model.shape(&t.id).filter(|s| mergeable(s)) {
            if let Some(number) = keys.of(shape) {
                groups.entry(number).or_default().push(t);
            }
        }
    }
    let mut out = BTreeMap::new();
    for members in groups.values_mut() {
        // The group's items share one file: a structure `XBuilder` beside
        // `X` would be defined twice there (as an alias, and as `X`'s
        // builder alias), so it stays a type of its own.
        let names: HashSet<String> = members.iter().map(|t| t.rust_name.clone()).collect();
        members.retain(|t| {
            !t.rust_name
                .strip_suffix("Builder")
                .is_some_and(|base| names.contains(base))
        });
    }
    for members in groups.values().filter(|g| g.len() > 1) {
        let Some(kept) = members
            .iter()
            .min_by(|a, b| (a.rust_name.len(), &a.id).cmp(&(b.rust_name.len(), &b.id)))
        else {
            continue;
        };
        for t in members.iter().filter(|t| t.id != kept.id) {
            out.insert(t.id.clone(), kept.id.clone());
        }
    }
    out
}

fn mergeable(shape: &Shape) -> bool {
    shape.has_trait(&traits::inline_schema())
        && !shape.has_trait(&traits::error())
        && matches!(
            shape.kind,
            ShapeKind::Structure | ShapeKind::Union | ShapeKind::Enum
        )
}

/// Structural keys of inline shapes, numbered: equal numbers, identical
/// shapes. Members targeting inline shapes (lists and maps included) are
/// compared by their targets' keys, so identical nested schemas match too.
struct Keys<'i, 'm> {
    model: &'i ShapeIndex<'m>,
    /// The two trait ids the keys test for, made once rather than per
    /// member (a trait id is two strings).
    documentation: ShapeId,
    inline_schema: ShapeId,
    numbers: WordHashMap<String, usize>,
    memo: WordHashMap<&'m ShapeId, Option<usize>>,
    in_progress: WordHashSet<&'m ShapeId>,
}

impl<'m> Keys<'_, 'm> {
    /// `None`: the shape reaches itself through inline shapes, and stays
    /// a type of its own (its key would have to contain itself).
    fn of(&mut self, shape: &'m Shape) -> Option<usize> {
        if let Some(known) = self.memo.get(&shape.id) {
            return *known;
        }
        if !self.in_progress.insert(&shape.id) {
            return None;
        }
        let key = self.key(shape);
        self.in_progress.remove(&shape.id);
        let next = self.numbers.len();
        let number = key.map(|k| *self.numbers.entry(k).or_insert(next));
        self.memo.insert(&shape.id, number);
        number
    }

    /// The key is written into one `String`: formatting each part into its
    /// own was most of the planning time of Stripe's document.
    fn key(&mut self, shape: &'m Shape) -> Option<String> {
        let mut key = String::from(shape.kind.name());
        self.push_traits(&mut key, &shape.traits, true);
        for m in &shape.members {
            key.push('|');
            key.push_str(&m.name);
            key.push(':');
            match self.model.shape(&m.target) {
                Some(t) if t.has_trait(&self.inline_schema) => {
                    let number = self.of(t)?;
                    let _ = write!(key, "#{number}");
                }
                _ => {
                    let _ = write!(key, "{}", m.target);
                }
            }
            self.push_traits(&mut key, &m.traits, false);
        }
        Some(key)
    }

    /// The traits as text, positions aside; at the shape level without
    /// its documentation (each alias keeps its own) and the inline marker.
    fn push_traits(&self, key: &mut String, traits: &Traits, shape_level: bool) {
        for (id, value) in traits {
            if shape_level && (*id == self.documentation || *id == self.inline_schema) {
                continue;
            }
            let _ = write!(key, "@{id}={}", value.to_json());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::emit::{emit, EmitOptions};

    const DOC: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  status: {type: string, enum: [on, off]}
                  nested:
                    description: first place
                    type: object
                    properties:
                      items: {type: array, items: {type: object, properties: {n: {type: integer}}}}
  /b:
    get:
      operationId: getB
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  state: {type: string, enum: [on, off]}
                  other: {type: string, enum: [on, off, unknown]}
                  nested:
                    description: second place
                    type: object
                    properties:
                      items: {type: array, items: {type: object, properties: {n: {type: integer}}}}
"#;

    /// The `types/` files of the crate generated from `doc`, by module name.
    fn type_files(doc: &str) -> std::collections::BTreeMap<String, String> {
        let mut input = crate::load::Input::default();
        input.add_openapi("t.yaml".into(), doc.to_string());
        let mut loaded = input.finish(false);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let emitted = emit(
            &loaded.model,
            &EmitOptions::default(),
            &mut loaded.diagnostics,
        )
        .expect("emits");
        emitted
            .files
            .into_iter()
            .filter_map(|f| {
                let name = f
                    .path
                    .strip_prefix("types/")?
                    .strip_suffix(".rs")?
                    .to_string();
                Some((name, f.contents))
            })
            .collect()
    }

    /// `x` and `x_builder` with the same inline object: `GetCOutputBodyXBuilder`
    /// would be defined twice in `GetCOutputBodyX`'s file.
    #[test]
    fn a_name_like_another_ones_builder_stays_its_own_type() {
        let doc = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /c:
    get:
      operationId: getC
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  x: {type: object, properties: {n: {type: integer}}}
                  x_builder: {type: object, properties: {n: {type: integer}}}
                  y: {type: object, properties: {n: {type: integer}}}
"#;
        let files = type_files(doc);
        let file = |name: &str| files.get(name).cloned();
        let kept = file("get_c_output_body_x").expect("kept");
        assert!(
            kept.contains("pub type GetCOutputBodyY = GetCOutputBodyX;"),
            "{kept}"
        );
        assert!(!kept.contains("pub type GetCOutputBodyXBuilder = GetCOutputBodyX;"));
        let own = file("get_c_output_body_x_builder").expect("a type of its own");
        assert!(own.contains("pub struct GetCOutputBodyXBuilder"), "{own}");
    }

    #[test]
    fn identical_inline_schemas_become_aliases_of_one_type() {
        let files = type_files(DOC);
        let file = |name: &str| {
            files
                .get(name)
                .cloned()
                .unwrap_or_else(|| panic!("no types/{name}.rs"))
        };
        // The enum at /b's `state` equals /a's `status`: the shorter name
        // is generated, the other is an alias; `other` has another value.
        let kept = file("get_b_output_body_state");
        assert!(kept.contains("pub enum GetBOutputBodyState"), "{kept}");
        assert!(
            kept.contains("pub type GetAOutputBodyStatus = GetBOutputBodyState;"),
            "{kept}"
        );
        let modules = file("mod");
        assert!(modules.contains("pub use get_b_output_body_state::GetAOutputBodyStatus;"));
        assert!(!modules.contains("mod get_a_output_body_status;"));
        assert!(file("get_b_output_body_other").contains("pub enum GetBOutputBodyOther"));
        // Nested objects match through their (also identical) list items,
        // and each keeps its own documentation.
        let nested = file("get_a_output_body_nested");
        assert!(
            nested.contains("pub struct GetAOutputBodyNested"),
            "{nested}"
        );
        assert!(nested.contains("/// second place"), "{nested}");
        assert!(nested.contains("pub type GetBOutputBodyNested = GetAOutputBodyNested;"));
        assert!(
            nested.contains("pub type GetBOutputBodyNestedBuilder = GetAOutputBodyNestedBuilder;")
        );
        assert!(modules
            .contains("pub use super::get_a_output_body_nested::GetBOutputBodyNestedBuilder;"));
    }
}
