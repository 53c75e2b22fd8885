//! Schemas → shapes.
//!
//! Named schemas (`components/schemas`) always become shapes of their own.
//! Inline schemas become shapes named `<Parent><Member>` when they need one
//! (objects, arrays, maps, enums, unions); inline primitives target the
//! prelude and hand their constraints (`@length`, `@range`, `@pattern`,
//! `@timestampFormat`) to the member.

use super::names::{enum_member_ident, member_ident, type_ident, Names};
use super::{child, Lowerer, Target};
use crate::model::{traits, Member, Shape, ShapeId, ShapeKind, Traits};
use crate::node::{Key, Node, Number, Value};
use crate::source::Span;
use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};
use std::borrow::Cow;

/// How deep `allOf` parts may nest before the merge gives up (cycles).
const MAX_ALL_OF_DEPTH: usize = 16;

/// A schema or a reference to one, whichever box it came in.
pub(super) enum SchemaRef<'s> {
    Ref(&'s str),
    Item(&'s Schema),
}

impl<'s> From<&'s ReferenceOr<Schema>> for SchemaRef<'s> {
    fn from(r: &'s ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

impl<'s> From<&'s ReferenceOr<Box<Schema>>> for SchemaRef<'s> {
    fn from(r: &'s ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

/// An object property, gathered so that `allOf` can merge them from
/// several schemas. Its schema is borrowed from the document: copying it
/// would copy every schema nested inside, at every level (quadratic in the
/// depth, and most of the lowering's memory on Stripe's request bodies).
/// It is owned only when it came from a schema read again from the node
/// tree (a `$ref` to something other than a component).
struct Property<'s> {
    name: String,
    schema: Cow<'s, ReferenceOr<Box<Schema>>>,
    pointer: String,
}

impl Property<'_> {
    fn into_owned(self) -> Property<'static> {
        Property {
            name: self.name,
            schema: Cow::Owned(self.schema.into_owned()),
            pointer: self.pointer,
        }
    }
}

/// What a schema becomes; the schemas it holds are borrowed as
/// [`Property`]'s are.
enum Form<'s> {
    Simple(ShapeKind, Traits),
    Enum(Vec<String>),
    IntEnum(Vec<i64>),
    Structure(Vec<Property<'s>>, Vec<String>),
    List(Option<Cow<'s, ReferenceOr<Box<Schema>>>>, Traits),
    Map(Option<Cow<'s, Box<ReferenceOr<Schema>>>>, Traits),
    Union(Cow<'s, [ReferenceOr<Schema>]>, &'static str),
    Document,
}

impl Form<'_> {
    /// The same form, owning what it borrowed.
    fn into_owned(self) -> Form<'static> {
        match self {
            Form::Simple(kind, traits) => Form::Simple(kind, traits),
            Form::Enum(values) => Form::Enum(values),
            Form::IntEnum(values) => Form::IntEnum(values),
            Form::Structure(props, required) => Form::Structure(
                props.into_iter().map(Property::into_owned).collect(),
                required,
            ),
            Form::List(items, traits) => {
                Form::List(items.map(|i| Cow::Owned(i.into_owned())), traits)
            }
            Form::Map(values, traits) => {
                Form::Map(values.map(|v| Cow::Owned(v.into_owned())), traits)
            }
            Form::Union(variants, keyword) => {
                Form::Union(Cow::Owned(variants.into_owned()), keyword)
            }
            Form::Document => Form::Document,
        }
    }
}

impl<'a> Lowerer<'a> {
    /// Reserves names for every named schema, before anything else takes
    /// one. Schemas that are only a `$ref` are aliases and get no shape.
    pub(super) fn allocate_components(&mut self) {
        let Some(components) = &self.api.components else {
            return;
        };
        for (name, schema) in &components.schemas {
            if let ReferenceOr::Item(_) = schema {
                let pointer = child("/components/schemas", name);
                let span = self.span(&pointer);
                let id = self.allocate(&type_ident(name), span, &format!("schema \"{name}\""));
                self.components.insert(name.clone(), id);
            }
        }
    }

    pub(super) fn lower_components(&mut self) {
        let Some(components) = &self.api.components else {
            return;
        };
        for (name, schema) in &components.schemas {
            let (ReferenceOr::Item(schema), Some(id)) =
                (schema, self.components.get(name).cloned())
            else {
                continue;
            };
            let pointer = child("/components/schemas", name);
            if !self.model.shapes.contains_key(&id) {
                self.define(id, schema, &pointer);
            }
        }
    }

    /// The target of a member whose schema is `schema` (written at `pointer`);
    /// `hint` names the shape an inline schema gets.
    pub(super) fn target(&mut self, schema: SchemaRef<'_>, pointer: &str, hint: &str) -> Target {
        match schema {
            SchemaRef::Ref(reference) => Target::plain(self.reference(reference, pointer)),
            SchemaRef::Item(s) => self.inline(s, pointer, hint),
        }
    }

    /// The shape a `$ref` names. `at` is the pointer of the object holding it.
    pub(super) fn reference(&mut self, reference: &str, at: &str) -> ShapeId {
        let mut reference = reference.to_string();
        for _ in 0..super::MAX_REF_CHAIN {
            if let Some(name) = reference.strip_prefix("#/components/schemas/") {
                let name = name.replace("~1", "/").replace("~0", "~");
                if let Some(id) = self.components.get(&name) {
                    if !self.model.shapes.contains_key(id) {
                        let id = id.clone();
                        let pointer = child("/components/schemas", &name);
                        if let Some(ReferenceOr::Item(s)) = self
                            .api
                            .components
                            .as_ref()
                            .and_then(|c| c.schemas.get(&name))
                        {
                            self.define(id.clone(), s, &pointer);
                        }
                        return id;
                    }
                    return id.clone();
                }
                // An alias: follow it.
                let alias = self
                    .api
                    .components
                    .as_ref()
                    .and_then(|c| c.schemas.get(&name));
                if let Some(ReferenceOr::Reference { reference: next }) = alias {
                    reference = next.clone();
                    continue;
                }
            }
            // Any other local pointer: lower what is there as an inline schema.
            let Some((schema, pointer)) = self.resolve::<Schema>(&reference, at) else {
                return ShapeId::prelude("Document");
            };
            let hint = pointer
                .rsplit('/')
                .next()
                .map(type_ident)
                .unwrap_or_default();
            let target = self.inline(&schema, &pointer, &hint);
            return target.id;
        }
        self.diags.error(
            "openapi-ref",
            self.value_span(&format!("{at}/$ref")),
            format!("$ref \"{reference}\" starts a chain of $refs that does not end"),
        );
        ShapeId::prelude("Document")
    }

    /// An inline schema: a prelude target with member traits, or a new shape.
    fn inline(&mut self, schema: &Schema, pointer: &str, hint: &str) -> Target {
        if let Some(t) = self.cache.get(pointer) {
            return t.clone();
        }
        let form = self.form(schema, pointer);
        let target = match form {
            Form::Simple(kind, traits) => {
                let mut traits = traits;
                if schema.schema_data.deprecated {
                    traits.insert(traits::deprecated(), Node::empty_object(self.span(pointer)));
                }
                Target {
                    id: ShapeId::prelude(prelude_name(kind)),
                    traits,
                }
            }
            Form::Document => Target::plain(ShapeId::prelude("Document")),
            form => {
                let span = self.span(pointer);
                let id = self.allocate(hint, span, &format!("the inline schema at {pointer}"));
                // Cached before building, so a schema that reaches itself
                // through a pointer `$ref` ends instead of recursing.
                self.cache
                    .insert(pointer.to_string(), Target::plain(id.clone()));
                self.build(id.clone(), form, schema, pointer);
                if let Some(shape) = self.model.shapes.get_mut(&id) {
                    shape
                        .traits
                        .insert(traits::inline_schema(), Node::empty_object(span));
                }
                Target::plain(id)
            }
        };
        self.cache.insert(pointer.to_string(), target.clone());
        target
    }

    /// A named schema: always a shape of its own.
    fn define(&mut self, id: ShapeId, schema: &Schema, pointer: &str) {
        let span = self.span(pointer);
        // Placeholder first, so recursive references see the shape exists.
        self.insert(Shape::new(id.clone(), ShapeKind::Document, span));
        let form = self.form(schema, pointer);
        self.build(id, form, schema, pointer);
    }

    fn build(&mut self, id: ShapeId, form: Form<'_>, schema: &Schema, pointer: &str) {
        let span = self.span(pointer);
        let mut shape = match form {
            Form::Simple(kind, traits) => {
                let mut s = Shape::new(id.clone(), kind, span);
                s.traits = traits;
                s
            }
            Form::Document => Shape::new(id.clone(), ShapeKind::Document, span),
            Form::Enum(values) => self.enum_shape(&id, values, pointer),
            Form::IntEnum(values) => self.int_enum_shape(&id, values, pointer),
            Form::Structure(props, required) => self.structure(&id, props, &required, pointer),
            Form::List(items, traits) => {
                let mut s = Shape::new(id.clone(), ShapeKind::List, span);
                let items_pointer = child(pointer, "items");
                let target = match &items {
                    Some(r) => {
                        self.target((&**r).into(), &items_pointer, &format!("{}Item", id.name))
                    }
                    None => Target::plain(ShapeId::prelude("Document")),
                };
                s.members
                    .push(member("member", target, self.span(&items_pointer)));
                s.traits = traits;
                s
            }
            Form::Map(values, traits) => {
                let mut s = Shape::new(id.clone(), ShapeKind::Map, span);
                let value_pointer = child(pointer, "additionalProperties");
                let target = match &values {
                    Some(r) => {
                        self.target((&***r).into(), &value_pointer, &format!("{}Value", id.name))
                    }
                    None => Target::plain(ShapeId::prelude("Document")),
                };
                s.members.push(member(
                    "key",
                    Target::plain(ShapeId::prelude("String")),
                    span,
                ));
                s.members
                    .push(member("value", target, self.span(&value_pointer)));
                s.traits = traits;
                s
            }
            Form::Union(variants, keyword) => {
                let discriminator = schema.schema_data.discriminator.as_ref();
                self.union(&id, &variants, keyword, discriminator, pointer)
            }
        };
        if let Some(d) = &schema.schema_data.description {
            shape
                .traits
                .insert(traits::documentation(), Node::string(d.clone(), span));
        }
        if schema.schema_data.deprecated {
            shape
                .traits
                .insert(traits::deprecated(), Node::empty_object(span));
        }
        self.insert(shape);
    }

    fn form<'s>(&mut self, schema: &'s Schema, pointer: &str) -> Form<'s>
    where
        'a: 's,
    {
        match &schema.schema_kind {
            SchemaKind::Type(t) => self.type_form(t, pointer),
            SchemaKind::OneOf { one_of } => self.union_form(one_of, "oneOf", pointer),
            SchemaKind::AnyOf { any_of } => self.union_form(any_of, "anyOf", pointer),
            SchemaKind::AllOf { all_of } => {
                if let [only] = all_of.as_slice() {
                    if !is_object_item(only) {
                        // `allOf: [X]` is how 3.0 writes "X, with siblings".
                        return self.single_form(only, &child(&child(pointer, "allOf"), "0"));
                    }
                }
                let mut props = Vec::new();
                let mut required = Vec::new();
                self.gather_all_of(all_of, pointer, &mut props, &mut required, 0);
                Form::Structure(props, required)
            }
            SchemaKind::Not { .. } => {
                self.unsupported(&child(pointer, "not"), "`not` schemas");
                Form::Document
            }
            SchemaKind::Any(any) => self.any_form(any, pointer),
        }
    }

    /// A one-entry `oneOf`/`allOf`: the entry itself. A `$ref` becomes a
    /// structure-free alias only through a member, so a named schema that is
    /// `allOf: [$ref]` is lowered as a copy of the referenced structure.
    fn single_form<'s>(&mut self, only: &'s ReferenceOr<Schema>, pointer: &str) -> Form<'s>
    where
        'a: 's,
    {
        match only {
            ReferenceOr::Item(s) => self.form(s, pointer),
            ReferenceOr::Reference { reference } => {
                match self.resolve::<Schema>(reference, pointer) {
                    Some((Cow::Borrowed(s), p)) => self.form(s, &p),
                    Some((Cow::Owned(s), p)) => self.form(&s, &p).into_owned(),
                    None => Form::Document,
                }
            }
        }
    }

    fn type_form<'s>(&mut self, t: &'s Type, pointer: &str) -> Form<'s>
    where
        'a: 's,
    {
        match t {
            Type::String(s) => {
                let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                if !values.is_empty() {
                    return Form::Enum(values);
                }
                let span = self.span(pointer);
                let mut traits = Traits::new();
                length(&mut traits, s.min_length, s.max_length, span);
                if let Some(p) = &s.pattern {
                    traits.insert(traits::pattern(), Node::string(p.clone(), span));
                }
                let kind = match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => {
                        traits.insert(traits::timestamp_format(), Node::string("date-time", span));
                        ShapeKind::Timestamp
                    }
                    VariantOrUnknownOrEmpty::Item(StringFormat::Byte | StringFormat::Binary) => {
                        traits.clear();
                        ShapeKind::Blob
                    }
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => {
                        self.diags.note(
                            "openapi-date",
                            self.value_span(&child(pointer, "format")),
                            "`format: date` has no Smithy type; the value is read as a string",
                        );
                        ShapeKind::String
                    }
                    _ => ShapeKind::String,
                };
                Form::Simple(kind, traits)
            }
            Type::Integer(i) => {
                let values: Vec<i64> = i.enumeration.iter().flatten().copied().collect();
                if !values.is_empty() {
                    return Form::IntEnum(values);
                }
                let span = self.span(pointer);
                let mut traits = Traits::new();
                let min = i.minimum.map(|m| m + i64::from(i.exclusive_minimum));
                let max = i.maximum.map(|m| m - i64::from(i.exclusive_maximum));
                range(
                    &mut traits,
                    min.map(Number::Int),
                    max.map(Number::Int),
                    span,
                );
                let kind = match &i.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => ShapeKind::Integer,
                    VariantOrUnknownOrEmpty::Unknown(f) if f == "int8" => ShapeKind::Byte,
                    VariantOrUnknownOrEmpty::Unknown(f) if f == "int16" => ShapeKind::Short,
                    _ => ShapeKind::Long,
                };
                Form::Simple(kind, traits)
            }
            Type::Number(n) => {
                let span = self.span(pointer);
                let mut traits = Traits::new();
                range(
                    &mut traits,
                    n.minimum.map(Number::Float),
                    n.maximum.map(Number::Float),
                    span,
                );
                let kind = match &n.format {
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => ShapeKind::Float,
                    _ => ShapeKind::Double,
                };
                Form::Simple(kind, traits)
            }
            Type::Boolean(_) => Form::Simple(ShapeKind::Boolean, Traits::new()),
            Type::Array(a) => {
                let span = self.span(pointer);
                let mut traits = Traits::new();
                length(&mut traits, a.min_items, a.max_items, span);
                if a.unique_items {
                    traits.insert(traits::unique_items(), Node::empty_object(span));
                }
                Form::List(a.items.as_ref().map(Cow::Borrowed), traits)
            }
            Type::Object(o) => {
                let span = self.span(pointer);
                if o.properties.is_empty() {
                    let mut traits = Traits::new();
                    length(&mut traits, o.min_properties, o.max_properties, span);
                    return match &o.additional_properties {
                        Some(AdditionalProperties::Schema(s)) => {
                            Form::Map(Some(Cow::Borrowed(s)), traits)
                        }
                        Some(AdditionalProperties::Any(true)) => Form::Map(None, traits),
                        // A free-form object: nothing to type it by.
                        _ => Form::Document,
                    };
                }
                let props = o
                    .properties
                    .iter()
                    .map(|(name, s)| Property {
                        name: name.clone(),
                        schema: Cow::Borrowed(s),
                        pointer: child(&child(pointer, "properties"), name),
                    })
                    .collect();
                Form::Structure(props, o.required.clone())
            }
        }
    }

    fn union_form<'s>(
        &mut self,
        variants: &'s [ReferenceOr<Schema>],
        keyword: &'static str,
        pointer: &str,
    ) -> Form<'s>
    where
        'a: 's,
    {
        match variants {
            [] => Form::Document,
            [only] => self.single_form(only, &child(&child(pointer, keyword), "0")),
            _ => Form::Union(Cow::Borrowed(variants), keyword),
        }
    }

    /// A schema openapiv3 could not put in one category (mixed keywords):
    /// the strongest structural hint wins.
    fn any_form<'s>(&mut self, any: &'s AnySchema, pointer: &str) -> Form<'s>
    where
        'a: 's,
    {
        if !any.all_of.is_empty() || !any.properties.is_empty() {
            let mut props = Vec::new();
            let mut required = any.required.clone();
            for (name, s) in &any.properties {
                props.push(Property {
                    name: name.clone(),
                    schema: Cow::Borrowed(s),
                    pointer: child(&child(pointer, "properties"), name),
                });
            }
            self.gather_all_of(&any.all_of, pointer, &mut props, &mut required, 0);
            return Form::Structure(props, required);
        }
        if !any.one_of.is_empty() {
            return self.union_form(&any.one_of, "oneOf", pointer);
        }
        if !any.any_of.is_empty() {
            return self.union_form(&any.any_of, "anyOf", pointer);
        }
        if any.items.is_some() {
            return Form::List(any.items.as_ref().map(Cow::Borrowed), Traits::new());
        }
        if let Some(AdditionalProperties::Schema(s)) = &any.additional_properties {
            return Form::Map(Some(Cow::Borrowed(s)), Traits::new());
        }
        let strings: Vec<String> = any
            .enumeration
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        if !strings.is_empty() && strings.len() == any.enumeration.len() {
            return Form::Enum(strings);
        }
        if any.not.is_some() {
            self.unsupported(&child(pointer, "not"), "`not` schemas");
        }
        let kind = match (any.typ.as_deref(), any.format.as_deref()) {
            (Some("string"), Some("date-time")) => ShapeKind::Timestamp,
            (Some("string"), Some("byte" | "binary")) => ShapeKind::Blob,
            (Some("string"), _) => ShapeKind::String,
            (Some("integer"), Some("int32")) => ShapeKind::Integer,
            (Some("integer"), _) => ShapeKind::Long,
            (Some("number"), Some("float")) => ShapeKind::Float,
            (Some("number"), _) => ShapeKind::Double,
            (Some("boolean"), _) => ShapeKind::Boolean,
            _ => return Form::Document,
        };
        let mut traits = Traits::new();
        if kind == ShapeKind::Timestamp {
            traits.insert(
                traits::timestamp_format(),
                Node::string("date-time", self.span(pointer)),
            );
        }
        Form::Simple(kind, traits)
    }

    /// Properties and `required` of every `allOf` part, in order; a later
    /// part's property replaces an earlier one of the same name.
    fn gather_all_of<'s>(
        &mut self,
        parts: &'s [ReferenceOr<Schema>],
        pointer: &str,
        props: &mut Vec<Property<'s>>,
        required: &mut Vec<String>,
        depth: usize,
    ) where
        'a: 's,
    {
        if depth > MAX_ALL_OF_DEPTH {
            self.diags.warning(
                "openapi-unsupported",
                self.span(pointer),
                "allOf nests too deeply (a cycle?); the remaining parts are ignored",
            );
            return;
        }
        for (i, part) in parts.iter().enumerate() {
            let part_pointer = child(&child(pointer, "allOf"), &i.to_string());
            let (schema, schema_pointer) = match part {
                ReferenceOr::Item(s) => (Cow::Borrowed(s), part_pointer.clone()),
                ReferenceOr::Reference { reference } => {
                    match self.resolve::<Schema>(reference, &part_pointer) {
                        Some(found) => found,
                        None => continue,
                    }
                }
            };
            match schema {
                Cow::Borrowed(schema) => self.gather_part(
                    schema,
                    &part_pointer,
                    &schema_pointer,
                    props,
                    required,
                    depth,
                ),
                Cow::Owned(schema) => {
                    let mut own = Vec::new();
                    self.gather_part(
                        &schema,
                        &part_pointer,
                        &schema_pointer,
                        &mut own,
                        required,
                        depth,
                    );
                    for p in own {
                        add_property(props, p.into_owned());
                    }
                }
            }
        }
    }

    /// One `allOf` part's properties and `required`, its own `allOf` parts
    /// included.
    fn gather_part<'s>(
        &mut self,
        schema: &'s Schema,
        part_pointer: &str,
        schema_pointer: &str,
        props: &mut Vec<Property<'s>>,
        required: &mut Vec<String>,
        depth: usize,
    ) where
        'a: 's,
    {
        fn properties<'s>(
            props: &mut Vec<Property<'s>>,
            of: impl Iterator<Item = (&'s String, &'s ReferenceOr<Box<Schema>>)>,
            schema_pointer: &str,
        ) {
            for (name, s) in of {
                let pointer = child(&child(schema_pointer, "properties"), name);
                add_property(
                    props,
                    Property {
                        name: name.clone(),
                        schema: Cow::Borrowed(s),
                        pointer,
                    },
                );
            }
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => {
                properties(props, o.properties.iter(), schema_pointer);
                required.extend(o.required.iter().cloned());
            }
            SchemaKind::AllOf { all_of } => {
                self.gather_all_of(all_of, schema_pointer, props, required, depth + 1)
            }
            SchemaKind::Any(any) => {
                properties(props, any.properties.iter(), schema_pointer);
                required.extend(any.required.iter().cloned());
                self.gather_all_of(&any.all_of, schema_pointer, props, required, depth + 1);
            }
            _ => self.diags.warning(
                "openapi-unsupported",
                self.span(part_pointer),
                "an allOf part that is not an object schema is ignored",
            ),
        }
    }

    fn structure(
        &mut self,
        id: &ShapeId,
        props: Vec<Property<'_>>,
        required: &[String],
        pointer: &str,
    ) -> Shape {
        let mut shape = Shape::new(id.clone(), ShapeKind::Structure, self.span(pointer));
        let mut names = Names::default();
        for p in props {
            let span = self.span(&p.pointer);
            let name = names.allocate_member(
                &member_ident(&p.name),
                span,
                &format!("property \"{}\" of {}", p.name, id.name),
                self.diags,
            );
            let hint = format!("{}{}", id.name, type_ident(&p.name));
            let target = self.target((&*p.schema).into(), &p.pointer, &hint);
            let mut m = member(&name, target, span);
            if name != p.name {
                m.traits
                    .insert(traits::json_name(), Node::string(p.name.clone(), span));
            }
            if required.contains(&p.name) {
                m.traits
                    .insert(traits::required(), Node::empty_object(span));
            }
            if let Some(d) = self.description((&*p.schema).into(), &p.pointer) {
                m.traits
                    .insert(traits::documentation(), Node::string(d, span));
            }
            shape.members.push(m);
        }
        shape
    }

    /// A member's docs: its inline schema's description (when the schema got
    /// no shape to carry it), or a description written beside a `$ref`.
    pub(super) fn description(&self, schema: SchemaRef<'_>, pointer: &str) -> Option<String> {
        match schema {
            SchemaRef::Item(s) => {
                let own_shape = self.cache.get(pointer).is_some_and(|t| !t.id.is_prelude());
                if own_shape {
                    None
                } else {
                    s.schema_data.description.clone()
                }
            }
            SchemaRef::Ref(_) => self
                .node_at(pointer)
                .and_then(|n| n.get("description"))
                .and_then(Node::as_str)
                .map(str::to_string),
        }
    }

    fn enum_shape(&mut self, id: &ShapeId, values: Vec<String>, pointer: &str) -> Shape {
        let span = self.span(pointer);
        let mut shape = Shape::new(id.clone(), ShapeKind::Enum, span);
        let mut names = Names::default();
        // A set, not a scan of the members so far: Stripe's enums reach
        // hundreds of values, and the scan was a tenth of its lowering.
        let mut seen = std::collections::HashSet::new();
        for (i, value) in values.iter().enumerate() {
            if !seen.insert(value.as_str()) {
                continue;
            }
            let value_span = self.value_span(&child(&child(pointer, "enum"), &i.to_string()));
            let name = names.allocate_member(
                &enum_member_ident(value),
                value_span,
                &format!("enum value \"{value}\" of {}", id.name),
                self.diags,
            );
            let mut m = member(&name, Target::plain(ShapeId::prelude("Unit")), value_span);
            m.traits.insert(
                traits::enum_value(),
                Node::string(value.clone(), value_span),
            );
            shape.members.push(m);
        }
        shape
    }

    fn int_enum_shape(&mut self, id: &ShapeId, values: Vec<i64>, pointer: &str) -> Shape {
        let span = self.span(pointer);
        let mut shape = Shape::new(id.clone(), ShapeKind::IntEnum, span);
        let mut seen = Vec::new();
        for (i, value) in values.into_iter().enumerate() {
            if seen.contains(&value) {
                continue;
            }
            seen.push(value);
            let value_span = self.value_span(&child(&child(pointer, "enum"), &i.to_string()));
            let name = if value < 0 {
                format!("MINUS_{}", value.unsigned_abs())
            } else {
                format!("V{value}")
            };
            let mut m = member(&name, Target::plain(ShapeId::prelude("Unit")), value_span);
            m.traits.insert(
                traits::enum_value(),
                Node::new(Value::Number(Number::Int(value)), value_span),
            );
            shape.members.push(m);
        }
        shape
    }

    /// A `oneOf`/`anyOf` of several schemas: a union marked
    /// `apigen.api#untagged`, so it is written as the member's own JSON and
    /// read by the discriminator or, without one, by trying the members in
    /// declared order.
    fn union(
        &mut self,
        id: &ShapeId,
        variants: &[ReferenceOr<Schema>],
        keyword: &str,
        discriminator: Option<&openapiv3::Discriminator>,
        pointer: &str,
    ) -> Shape {
        let span = self.span(pointer);
        let mut shape = Shape::new(id.clone(), ShapeKind::Union, span);
        let mut names = Names::default();
        // The component name each `$ref` member was written with: the
        // discriminator value that picks it when `mapping` does not say.
        let mut implicit = Vec::new();
        for (i, v) in variants.iter().enumerate() {
            let v_pointer = child(&child(pointer, keyword), &i.to_string());
            let span = self.span(&v_pointer);
            let (wanted, target) = match v {
                ReferenceOr::Reference { reference } => {
                    let target = self.reference(reference, &v_pointer);
                    if let Some(name) = reference.strip_prefix("#/components/schemas/") {
                        implicit.push((name.replace("~1", "/").replace("~0", "~"), target.clone()));
                    }
                    (target.name.clone(), Target::plain(target))
                }
                ReferenceOr::Item(s) => {
                    // Named by its JSON type when no other inline member
                    // has that type (`String`, `Object`), else by position.
                    let kind = json_type_name(s);
                    let alone = variants
                        .iter()
                        .filter(|o| matches!(o, ReferenceOr::Item(o) if json_type_name(o) == kind))
                        .count()
                        == 1;
                    let wanted = match kind {
                        Some(kind) if alone => kind.to_string(),
                        _ => format!("Variant{}", i + 1),
                    };
                    let hint = format!("{}{wanted}", id.name);
                    (wanted, self.inline(s, &v_pointer, &hint))
                }
            };
            let name = names.allocate_member(
                &wanted,
                span,
                &format!("variant {} of {}", i + 1, id.name),
                self.diags,
            );
            shape.members.push(member(&name, target, span));
        }
        let mut value = Vec::new();
        if let Some(d) = discriminator {
            let d_pointer = child(pointer, "discriminator");
            let mut mapping = Vec::new();
            let member_for = |shape: &Shape, target: &ShapeId| {
                shape
                    .members
                    .iter()
                    .find(|m| m.target == *target)
                    .map(|m| m.name.clone())
            };
            for (tag, reference) in &d.mapping {
                let at = child(&child(&d_pointer, "mapping"), tag);
                let reference = if reference.starts_with('#') || reference.contains('/') {
                    reference.clone()
                } else {
                    format!("#/components/schemas/{reference}")
                };
                let target = self.reference(&reference, &at);
                match member_for(&shape, &target) {
                    Some(m) => mapping.push((tag.clone(), m)),
                    None => self.diags.warning(
                        "openapi-discriminator",
                        self.value_span(&at),
                        format!(
                            "discriminator value \"{tag}\" maps to {reference}, which is not one of the {keyword} schemas; the value reads as the Unknown member"
                        ),
                    ),
                }
            }
            for (name, target) in implicit {
                let mapped = mapping.iter().any(|(tag, m)| {
                    *tag == name || member_for(&shape, &target).as_ref() == Some(m)
                });
                if !mapped {
                    if let Some(m) = member_for(&shape, &target) {
                        mapping.push((name, m));
                    }
                }
            }
            let entries = mapping
                .into_iter()
                .map(|(tag, m)| (tag, Node::string(m, span)))
                .collect();
            value.push((
                "discriminator".to_string(),
                Node::string(d.property_name.clone(), span),
            ));
            value.push(("mapping".to_string(), Node::object(entries, span)));
        }
        shape
            .traits
            .insert(traits::untagged(), Node::object(value, span));
        shape
    }
}

/// Adds an `allOf` property: a later part's property of the same name
/// replaces an earlier one.
fn add_property<'s>(props: &mut Vec<Property<'s>>, p: Property<'s>) {
    props.retain(|q| q.name != p.name);
    props.push(p);
}

pub(super) fn member(name: &str, target: Target, span: Span) -> Member {
    Member {
        name: name.to_string(),
        target: target.id,
        traits: target.traits,
        span,
    }
}

/// The JSON type an inline union member is written as, as a member name.
fn json_type_name(s: &Schema) -> Option<&'static str> {
    match &s.schema_kind {
        SchemaKind::Type(Type::String(_)) => Some("String"),
        SchemaKind::Type(Type::Integer(_)) => Some("Integer"),
        SchemaKind::Type(Type::Number(_)) => Some("Number"),
        SchemaKind::Type(Type::Boolean(_)) => Some("Boolean"),
        SchemaKind::Type(Type::Array(_)) => Some("Array"),
        SchemaKind::Type(Type::Object(_)) => Some("Object"),
        _ => None,
    }
}

fn is_object_item(r: &ReferenceOr<Schema>) -> bool {
    matches!(r, ReferenceOr::Item(s) if matches!(s.schema_kind, SchemaKind::Type(Type::Object(_))))
}

fn prelude_name(kind: ShapeKind) -> &'static str {
    match kind {
        ShapeKind::Blob => "Blob",
        ShapeKind::Boolean => "Boolean",
        ShapeKind::String => "String",
        ShapeKind::Byte => "Byte",
        ShapeKind::Short => "Short",
        ShapeKind::Integer => "Integer",
        ShapeKind::Long => "Long",
        ShapeKind::Float => "Float",
        ShapeKind::Double => "Double",
        ShapeKind::Timestamp => "Timestamp",
        _ => "Document",
    }
}

fn length(traits: &mut Traits, min: Option<usize>, max: Option<usize>, span: Span) {
    let int = |n: usize| Number::Int(i64::try_from(n).unwrap_or(i64::MAX));
    bounds(traits, traits::length(), min.map(int), max.map(int), span);
}

fn range(traits: &mut Traits, min: Option<Number>, max: Option<Number>, span: Span) {
    bounds(traits, traits::range(), min, max, span);
}

fn bounds(traits: &mut Traits, id: ShapeId, min: Option<Number>, max: Option<Number>, span: Span) {
    let mut entries = Vec::new();
    for (name, n) in [("min", min), ("max", max)] {
        if let Some(n) = n {
            entries.push((
                Key {
                    name: name.to_string(),
                    span,
                },
                Node::new(Value::Number(n), span),
            ));
        }
    }
    if !entries.is_empty() {
        traits.insert(id, Node::new(Value::Object(entries), span));
    }
}
