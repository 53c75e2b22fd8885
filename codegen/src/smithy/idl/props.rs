//! Service, resource and operation bodies: their properties become
//! [`RawProps`]; inline operation input/output (`input := {...}`) become
//! structures of their own.

use super::lexer::TokenKind;
use super::parser::{PResult, Parser};
use crate::model::ShapeKind;
use crate::node::{Key, Node, Value};
use crate::smithy::ast::{RawProps, RawRef, RawShape, RawTrait};
use crate::source::Span;

const SERVICE_PROPERTIES: &[&str] = &["version", "operations", "resources", "errors", "rename"];
const RESOURCE_PROPERTIES: &[&str] = &[
    "identifiers",
    "properties",
    "create",
    "put",
    "read",
    "update",
    "delete",
    "list",
    "operations",
    "collectionOperations",
    "resources",
];
const OPERATION_PROPERTIES: &[&str] = &["input", "output", "errors"];

fn known_properties(kind: ShapeKind) -> &'static [&'static str] {
    match kind {
        ShapeKind::Service => SERVICE_PROPERTIES,
        ShapeKind::Resource => RESOURCE_PROPERTIES,
        _ => OPERATION_PROPERTIES,
    }
}

impl Parser<'_> {
    /// A service or resource body: a node object of properties.
    pub fn service_or_resource_body(&mut self, shape: &mut RawShape) -> PResult<()> {
        let context = format!("to open the body of {} '{}'", shape.kind.name(), shape.name);
        let open = self.expect_symbol('{', &context)?.span;
        let what = format!("body of {} '{}'", shape.kind.name(), shape.name);
        for (key, value) in self.object_entries('}', open, &what)? {
            self.property(shape, &key, value);
        }
        Ok(())
    }

    /// An operation body. Returns the inline input/output structures.
    pub fn operation_body(&mut self, shape: &mut RawShape) -> PResult<Vec<RawShape>> {
        let context = format!("to open the body of operation '{}'", shape.name);
        let open = self.expect_symbol('{', &context)?.span;
        let mut inline = Vec::new();
        let mut seen: Vec<Key> = Vec::new();
        while !self.is_symbol('}') {
            if self.at_eof() {
                return Err(self.unexpected(&format!(
                    "'}}' to close the body of operation '{}' opened at {}:{}",
                    shape.name, open.line, open.column
                )));
            }
            // Smithy 1.0 wrote the body as a node object, so keys may be quoted.
            let name = match &self.peek().kind {
                TokenKind::Word(w) if crate::model::is_identifier(w) => w.clone(),
                TokenKind::Str(s) => s.clone(),
                _ => {
                    return Err(
                        self.unexpected("an operation property (input, output, errors) or '}'")
                    )
                }
            };
            let key = Key {
                name,
                span: self.bump().span,
            };
            let span = key.span;
            if let Some(first) = seen.iter().find(|k| k.name == key.name) {
                let first = first.span;
                self.diags.error(
                    "idl-duplicate-key",
                    span,
                    format!(
                        "duplicate property '{}' of operation '{}' (first written at {}:{})",
                        key.name, shape.name, first.line, first.column
                    ),
                );
            }
            let duplicate = seen.iter().any(|k| k.name == key.name);
            seen.push(key.clone());
            if self.peek().kind == TokenKind::Walrus {
                let walrus = self.bump().span;
                let structure = self.inline_structure(shape, &key, walrus)?;
                if !duplicate {
                    let target = RawRef::new(structure.name.clone(), structure.span);
                    if key.name == "input" {
                        shape.props.input = Some(target);
                    } else {
                        shape.props.output = Some(target);
                    }
                    inline.push(structure);
                }
            } else {
                let context = format!("after operation property '{}'", key.name);
                self.expect_symbol(':', &context)?;
                let value = self.node_value()?;
                if !duplicate {
                    self.property(shape, &key, value);
                }
            }
        }
        self.bump();
        Ok(inline)
    }

    /// `input := [traits] [with [...]] { members }` after the `:=`.
    fn inline_structure(
        &mut self,
        operation: &RawShape,
        key: &Key,
        walrus: Span,
    ) -> PResult<RawShape> {
        self.require_v2(walrus, "inline operation input/output (':=')")?;
        let (marker, suffix) = match key.name.as_str() {
            "input" => ("smithy.api#input", self.input_suffix.clone()),
            "output" => ("smithy.api#output", self.output_suffix.clone()),
            other => {
                return Err(self.error(
                    "idl-syntax",
                    walrus,
                    format!("':=' can only define inline 'input' or 'output', not '{other}'"),
                ))
            }
        };
        let mut traits = vec![RawTrait {
            id: RawRef::new(marker, key.span),
            value: Node::empty_object(key.span),
            annotation: true,
            span: key.span,
        }];
        traits.extend(self.docs_and_traits()?);
        let mut structure = RawShape {
            name: format!("{}{suffix}", operation.name),
            kind: ShapeKind::Structure,
            was_set: false,
            traits,
            mixins: Vec::new(),
            for_resource: None,
            members: Vec::new(),
            props: RawProps::default(),
            // No name is written; point at the `input`/`output` key.
            span: key.span,
        };
        self.for_resource(&mut structure, false)?;
        self.mixins(&mut structure, false)?;
        self.members(&mut structure)?;
        Ok(structure)
    }

    /// Stores one property of a service, resource or operation; unknown
    /// properties and values of the wrong kind are reported and skipped.
    fn property(&mut self, shape: &mut RawShape, key: &Key, value: Node) {
        let known = known_properties(shape.kind);
        if !known.contains(&key.name.as_str()) {
            self.diags.error(
                "idl-unknown-property",
                key.span,
                format!(
                    "unknown property '{}' of {} '{}'; expected one of {}",
                    key.name,
                    shape.kind.name(),
                    shape.name,
                    known.join(", ")
                ),
            );
            return;
        }
        let props = &mut shape.props;
        let name = key.name.as_str();
        match name {
            "version" => props.version = Some(value),
            "operations" => props.operations = self.shape_refs(name, &value),
            "resources" => props.resources = self.shape_refs(name, &value),
            "errors" => props.errors = self.shape_refs(name, &value),
            "collectionOperations" => props.collection_operations = self.shape_refs(name, &value),
            "rename" => props.rename = self.renames(&value),
            "identifiers" => props.identifiers = self.named_refs(name, &value),
            "properties" => props.properties = self.named_refs(name, &value),
            "input" => props.input = self.shape_ref(name, &value),
            "output" => props.output = self.shape_ref(name, &value),
            "create" => props.create = self.shape_ref(name, &value),
            "put" => props.put = self.shape_ref(name, &value),
            "read" => props.read = self.shape_ref(name, &value),
            "update" => props.update = self.shape_ref(name, &value),
            "delete" => props.delete = self.shape_ref(name, &value),
            "list" => props.list = self.shape_ref(name, &value),
            _ => {}
        }
    }

    fn wrong_value(&mut self, property: &str, expected: &str, value: &Node) {
        self.diags.error(
            "idl-invalid-property",
            value.span,
            format!(
                "property '{property}' must be {expected}, found {}",
                value.kind_name()
            ),
        );
    }

    fn shape_ref(&mut self, property: &str, value: &Node) -> Option<RawRef> {
        match value.as_str() {
            Some(text) => Some(RawRef::new(text, value.span)),
            None => {
                self.wrong_value(property, "a shape id", value);
                None
            }
        }
    }

    fn shape_refs(&mut self, property: &str, value: &Node) -> Vec<RawRef> {
        let Some(items) = value.as_array() else {
            self.wrong_value(property, "an array of shape ids", value);
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.shape_ref(property, item))
            .collect()
    }

    /// `{ name: Target }` (resource identifiers and properties).
    fn named_refs(&mut self, property: &str, value: &Node) -> Vec<(String, RawRef)> {
        let Some(entries) = value.as_object() else {
            self.wrong_value(property, "an object of name: shape id", value);
            return Vec::new();
        };
        entries
            .iter()
            .filter_map(|(k, v)| Some((k.name.clone(), self.shape_ref(property, v)?)))
            .collect()
    }

    /// `rename: { "ns#Id": "Name" }`.
    fn renames(&mut self, value: &Node) -> Vec<(RawRef, String)> {
        let Some(entries) = value.as_object() else {
            self.wrong_value("rename", "an object of \"shape id\": \"name\"", value);
            return Vec::new();
        };
        let mut renames = Vec::new();
        for (k, v) in entries {
            match &v.value {
                Value::String(name) => {
                    renames.push((RawRef::new(k.name.clone(), k.span), name.clone()))
                }
                _ => self.wrong_value("rename", "an object of \"shape id\": \"name\"", v),
            }
        }
        renames
    }
}
