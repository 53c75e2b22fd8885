//! Checks on an assembled model that no single file could make: trait values
//! against their definitions, regular expressions, what each shape may
//! target, and whether the names survive conversion to Rust.

use crate::diag::Diagnostics;
use crate::model::{traits, Model, Shape, ShapeId, ShapeIndex, ShapeKind};
use crate::names;
use crate::node::{Node, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Deepest trait value checked; deeper values are reported, not recursed into.
const MAX_NODE_DEPTH: usize = 64;

/// Validates every shape. Shapes defined in `trusted` files (the built-in
/// prelude and libraries, checked by apigen's own tests) are not re-checked
/// on every load.
pub fn validate(model: &Model, diags: &mut Diagnostics, trusted: &[crate::source::FileId]) {
    // The checks of each shape and those of the whole model (closures,
    // recursion) are independent and take about as long each on a large
    // model: they run side by side. Their findings are added in the same
    // order as when they ran one after the other.
    let model = &ShapeIndex::new(model);
    let (each, whole) = std::thread::scope(|scope| {
        let whole = crate::parallel::spawn(scope, || {
            let mut diags = Diagnostics::new();
            check_service_closures(model, &mut diags);
            check_recursion(model, &mut diags);
            diags
        });
        let mut diags = Diagnostics::new();
        check_each_shape(model, &mut diags, trusted);
        let whole = whole
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (diags, whole)
    });
    diags.extend(each);
    diags.extend(whole);
}

fn check_each_shape(
    model: &ShapeIndex,
    diags: &mut Diagnostics,
    trusted: &[crate::source::FileId],
) {
    let mut patterns_seen = std::collections::HashSet::new();
    for shape in model.shapes.values() {
        if trusted.contains(&shape.span.file) {
            continue;
        }
        check_traits(model, &shape.traits, diags, &mut patterns_seen);
        for member in &shape.members {
            check_traits(model, &member.traits, diags, &mut patterns_seen);
            check_member_target(model, shape, member, diags);
            if let Some(default) = member.traits.get(&traits::default()) {
                if !default.is_null() {
                    check_value(
                        model,
                        default,
                        &member.target,
                        &format!("@default of {}", shape.id.with_member(&member.name)),
                        diags,
                        0,
                    );
                }
            }
        }
        check_structure_of(model, shape, diags);
    }
    // Shapes from the prelude and built-in libraries are trusted; name checks
    // only concern shapes that become Rust items.
    for shape in model.user_shapes() {
        check_rust_names(shape, diags);
    }
}

/// Trait values must fit the trait's definition; `@pattern` must compile.
fn check_traits<'m>(
    model: &ShapeIndex,
    applied: &'m crate::model::Traits,
    diags: &mut Diagnostics,
    patterns_seen: &mut std::collections::HashSet<&'m str>,
) {
    for (id, value) in applied {
        if model.shape(id).is_some() {
            check_value(model, value, id, &format!("trait @{}", id.name), diags, 0);
        }
        if *id == traits::pattern() {
            // Each distinct pattern is checked once; models repeat them a lot.
            if let Some(pattern) = value.as_str().filter(|p| patterns_seen.insert(p)) {
                match crate::pattern::to_ecma(pattern) {
                    Ok(ecma) if ecma.rewrites.is_empty() => {}
                    Ok(ecma) => diags.note(
                        "pattern-rewritten",
                        value.span,
                        format!(
                            "@pattern is not ECMA-262 as written but Java syntax, which Smithy accepts; it is checked as `{}` ({})",
                            ecma.source,
                            ecma.rewrites.join("; ")
                        ),
                    ),
                    Err(e) => diags.error(
                        "invalid-pattern",
                        value.span,
                        format!("@pattern is not a valid ECMA-262 regular expression: {e}"),
                    ),
                }
            }
        }
    }
}

/// Checks a node value against the shape it must conform to.
fn check_value(
    model: &ShapeIndex,
    node: &Node,
    target: &ShapeId,
    what: &str,
    diags: &mut Diagnostics,
    depth: usize,
) {
    if depth > MAX_NODE_DEPTH {
        diags.error(
            "trait-value",
            node.span,
            format!("{what}: value nested too deeply"),
        );
        return;
    }
    let Some(shape) = model.shape(target) else {
        return;
    };
    let mismatch = |diags: &mut Diagnostics, expected: &str| {
        diags.error(
            "trait-value",
            node.span,
            format!(
                "{what}: expected {expected} for {}, found {}",
                shape.id,
                node.kind_name()
            ),
        );
    };
    use ShapeKind::*;
    match shape.kind {
        Document => {}
        String => match node.as_str() {
            None => mismatch(diags, "a string"),
            Some(s) => {
                if let Some(allowed) = shape
                    .traits
                    .get(&traits::enum_trait())
                    .and_then(Node::as_array)
                {
                    let values: Vec<&str> = allowed
                        .iter()
                        .filter_map(|d| d.get("value").and_then(Node::as_str))
                        .collect();
                    if !values.contains(&s) {
                        diags.error(
                            "trait-value",
                            node.span,
                            format!("{what}: \"{s}\" is not one of {}", values.join(", ")),
                        );
                    }
                }
            }
        },
        Enum => match node.as_str() {
            None => mismatch(diags, "an enum string"),
            Some(s) => {
                let values: Vec<std::string::String> =
                    shape.members.iter().map(enum_value).collect();
                if !values.iter().any(|v| v == s) {
                    diags.error(
                        "trait-value",
                        node.span,
                        format!(
                            "{what}: \"{s}\" is not a value of enum {} ({})",
                            shape.id,
                            values.join(", ")
                        ),
                    );
                }
            }
        },
        Blob => {
            if node.as_str().is_none() {
                mismatch(diags, "a string")
            }
        }
        Timestamp => {
            if node.as_str().is_none() && node.as_number().is_none() {
                mismatch(diags, "a timestamp string or number")
            }
        }
        Boolean => {
            if node.as_bool().is_none() {
                mismatch(diags, "a boolean")
            }
        }
        Byte | Short | Integer | Long | IntEnum | BigInteger => match node.as_number() {
            Some(n) if n.as_i64().is_some() => {}
            Some(_) => mismatch(diags, "an integer"),
            None => mismatch(diags, "a number"),
        },
        Float | Double | BigDecimal => {
            if node.as_number().is_none() {
                mismatch(diags, "a number")
            }
        }
        List => match node.as_array() {
            None => mismatch(diags, "an array"),
            Some(items) => {
                if let Some(m) = shape.member("member") {
                    for item in items {
                        if item.is_null() && shape.has_trait(&traits::sparse()) {
                            continue;
                        }
                        check_value(model, item, &m.target, what, diags, depth + 1);
                    }
                }
            }
        },
        Map => match node.as_object() {
            None => mismatch(diags, "an object"),
            Some(entries) => {
                if let Some(v) = shape.member("value") {
                    for (_, value) in entries {
                        if value.is_null() && shape.has_trait(&traits::sparse()) {
                            continue;
                        }
                        check_value(model, value, &v.target, what, diags, depth + 1);
                    }
                }
            }
        },
        Structure | Union => match node.as_object() {
            None => mismatch(diags, "an object"),
            Some(entries) => {
                for (key, value) in entries {
                    match shape.member(&key.name) {
                        Some(m) => {
                            if !value.is_null() {
                                check_value(
                                    model,
                                    value,
                                    &m.target,
                                    &format!("{what}.{}", key.name),
                                    diags,
                                    depth + 1,
                                )
                            }
                        }
                        // As in Smithy: an unknown member of a structure value
                        // is a warning (models carry members newer or older than
                        // a definition); of a union value, an error.
                        None if shape.kind == Structure => diags.warning(
                            "trait-value",
                            key.span,
                            format!(
                                "{what}: unknown member \"{}\" is ignored (valid: {})",
                                key.name,
                                member_names(shape)
                            ),
                        ),
                        None => diags.error(
                            "trait-value",
                            key.span,
                            format!(
                                "{what}: unknown member \"{}\" (valid: {})",
                                key.name,
                                member_names(shape)
                            ),
                        ),
                    }
                }
                if shape.kind == Union && entries.len() != 1 {
                    diags.error(
                        "trait-value",
                        node.span,
                        format!(
                            "{what}: a union value must set exactly one member, found {}",
                            entries.len()
                        ),
                    );
                }
                if shape.kind == Structure {
                    for m in &shape.members {
                        if traits::is_required(&m.traits)
                            && !entries.iter().any(|(k, _)| k.name == m.name)
                        {
                            diags.error(
                                "trait-value",
                                node.span,
                                format!("{what}: missing required member \"{}\"", m.name),
                            );
                        }
                    }
                }
            }
        },
        Service | Resource | Operation => {}
    }
}

fn member_names(shape: &Shape) -> String {
    let names: Vec<&str> = shape.members.iter().map(|m| m.name.as_str()).collect();
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

/// The wire value of an enum member: `@enumValue`, or the member name.
pub fn enum_value(member: &crate::model::Member) -> String {
    match member.traits.get(&traits::enum_value()).map(|n| &n.value) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => member.name.clone(),
    }
}

/// Members may target data shapes only; lists and maps need their members.
fn check_member_target(
    model: &ShapeIndex,
    shape: &Shape,
    member: &crate::model::Member,
    diags: &mut Diagnostics,
) {
    let Some(target) = model.shape(&member.target) else {
        return;
    };
    if target.kind.is_service_kind() {
        diags.error(
            "member-target",
            member.span,
            format!(
                "member {} targets {} {}, which is not a data shape",
                member.name,
                target.kind.name(),
                target.id
            ),
        );
    }
    if target.has_trait(&traits::trait_def())
        && !member.target.is_prelude()
        && shape.kind != ShapeKind::Enum
    {
        // Targeting a trait definition is legal Smithy; nothing to report.
    }
    if shape.kind == ShapeKind::Map
        && member.name == "key"
        && !matches!(target.kind, ShapeKind::String | ShapeKind::Enum)
    {
        diags.error(
            "member-target",
            member.span,
            format!(
                "map key of {} must target a string or enum, not {}",
                shape.id,
                target.kind.name()
            ),
        );
    }
}

fn check_structure_of(model: &ShapeIndex, shape: &Shape, diags: &mut Diagnostics) {
    match shape.kind {
        ShapeKind::List
            if shape.member("member").is_none() && !shape.has_trait(&traits::mixin()) =>
        {
            diags.error(
                "list-member",
                shape.span,
                format!("list {} has no member", shape.id),
            );
        }
        ShapeKind::Map
            if (shape.member("key").is_none() || shape.member("value").is_none())
                && !shape.has_trait(&traits::mixin()) =>
        {
            diags.error(
                "map-members",
                shape.span,
                format!("map {} needs both a key and a value member", shape.id),
            );
        }
        ShapeKind::Operation => {
            let Some(op) = shape.operation() else { return };
            for (role, id) in [("input", &op.input), ("output", &op.output)] {
                if let Some(target) = model.shape(id) {
                    if target.kind != ShapeKind::Structure {
                        diags.error(
                            "operation-io",
                            shape.span,
                            format!(
                                "{role} of {} must be a structure, {} is a {}",
                                shape.id,
                                id,
                                target.kind.name()
                            ),
                        );
                    }
                }
            }
            for e in &op.errors {
                check_error_shape(model, shape, e, diags);
            }
        }
        ShapeKind::Service => {
            let Some(svc) = shape.service() else { return };
            for op in &svc.operations {
                if model
                    .shape(op)
                    .is_some_and(|s| s.kind != ShapeKind::Operation)
                {
                    diags.error(
                        "service-binding",
                        shape.span,
                        format!(
                            "service {} lists {op} as an operation, but it is not one",
                            shape.id
                        ),
                    );
                }
            }
            for e in &svc.errors {
                check_error_shape(model, shape, e, diags);
            }
        }
        _ => {}
    }
    // Event streams: the crate plan leaves their operations out, each with a
    // located note. Streaming blobs are generated as whole blobs.
    if shape.has_trait(&traits::streaming())
        && !shape.id.is_prelude()
        && shape.kind != ShapeKind::Union
    {
        diags.warning(
            "unsupported",
            shape.span,
            format!(
                "{} uses @streaming: streaming blobs are read and sent whole by apigen's emitters",
                shape.id
            ),
        );
    }
}

fn check_error_shape(model: &ShapeIndex, owner: &Shape, id: &ShapeId, diags: &mut Diagnostics) {
    if let Some(e) = model.shape(id) {
        if e.kind != ShapeKind::Structure || !e.has_trait(&traits::error()) {
            diags.error(
                "operation-errors",
                owner.span,
                format!(
                    "{} lists {id} as an error, but it is not a structure with @error",
                    owner.id
                ),
            );
        }
    }
}

/// Members of one shape must stay distinct as Rust field / variant names.
fn check_rust_names(shape: &Shape, diags: &mut Diagnostics) {
    let (convert, what): (fn(&str) -> String, &str) = match shape.kind {
        ShapeKind::Structure => (names::member_field_name, "field"),
        ShapeKind::Union | ShapeKind::Enum | ShapeKind::IntEnum => {
            (names::member_variant_name, "variant")
        }
        _ => return,
    };
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for m in &shape.members {
        let rust = convert(&m.name);
        if let Some(first) = seen.insert(rust.clone(), &m.name) {
            diags.error(
                "rust-name-collision",
                m.span,
                format!(
                    "members \"{first}\" and \"{}\" of {} both become the Rust {what} `{rust}`",
                    m.name, shape.id
                ),
            );
        }
        if names::is_rust_keyword(&rust) {
            diags.note(
                "rust-keyword",
                m.span,
                format!(
                    "member \"{}\" of {} is the Rust keyword `{rust}`; it is generated as `{}`",
                    m.name,
                    shape.id,
                    names::escape_keyword(&rust)
                ),
            );
        }
    }
}

/// Shapes a service reaches must keep distinct Rust type names.
fn check_service_closures(model: &ShapeIndex, diags: &mut Diagnostics) {
    for service in model.services() {
        let mut seen: BTreeMap<String, &ShapeId> = BTreeMap::new();
        let renames = service
            .service()
            .map(|s| s.rename.clone())
            .unwrap_or_default();
        for id in closure(model, service) {
            let Some(shape) = model.shape(&id) else {
                continue;
            };
            if id.is_prelude()
                || shape.kind.is_simple()
                    && shape.kind != ShapeKind::Enum
                    && shape.kind != ShapeKind::IntEnum
            {
                continue;
            }
            let name = renames.get(&id).cloned().unwrap_or_else(|| id.name.clone());
            let rust = names::type_name(&name);
            if let Some(first) = seen.get(&rust) {
                diags.error(
                    "rust-name-collision",
                    shape.span,
                    format!("{id} and {first} are both in service {} and both become the Rust type `{rust}` (use `rename` on the service)", service.id),
                );
            } else {
                seen.insert(
                    rust,
                    model
                        .shapes
                        .get_key_value(&id)
                        .map(|(k, _)| k)
                        .unwrap_or(&service.id),
                );
            }
        }
    }
}

/// Every shape a service reaches: operations, their inputs, outputs and errors, and what those contain.
pub fn closure(model: &Model, service: &Shape) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ShapeId> = model.service_operations(service).into_iter().collect();
    if let Some(s) = service.service() {
        stack.extend(s.errors.iter().cloned());
        stack.extend(s.resources.iter().cloned());
    }
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(shape) = model.shape(&id) else {
            continue;
        };
        stack.extend(shape.members.iter().map(|m| m.target.clone()));
        match &shape.props {
            crate::model::Props::Operation(o) => {
                stack.push(o.input.clone());
                stack.push(o.output.clone());
                stack.extend(o.errors.iter().cloned());
            }
            crate::model::Props::Resource(r) => {
                stack.extend(r.all_operations().cloned());
                stack.extend(r.resources.iter().cloned());
                stack.extend(r.identifiers.iter().map(|(_, t)| t.clone()));
            }
            _ => {}
        }
    }
    seen
}

/// Structures and unions that contain themselves without a list or map in
/// between need a `Box`; say so, since it shapes the generated API.
fn check_recursion(model: &ShapeIndex, diags: &mut Diagnostics) {
    // Only shapes on a cycle are searched for one, so a model with
    // thousands of structures is not walked once per structure.
    let graph = crate::model::MemberGraph::new(model);
    let components = graph.aggregate_components();
    for shape in model.user_shapes() {
        if !components.is_cyclic(&shape.id) {
            continue;
        }
        if let Some(path) = direct_cycle(model, &shape.id, &components) {
            diags.note(
                "recursive-shape",
                shape.span,
                format!(
                    "{} is recursive ({}); the generated type boxes the recursive member",
                    shape.id,
                    path.join(" -> ")
                ),
            );
        }
    }
}

/// A path from `start` back to itself through members of its own
/// component, as shape names.
fn direct_cycle(
    model: &ShapeIndex,
    start: &ShapeId,
    components: &crate::model::AggregateComponents,
) -> Option<Vec<String>> {
    let mut stack: Vec<(ShapeId, Vec<String>)> = vec![(start.clone(), vec![start.name.clone()])];
    let mut seen = BTreeSet::new();
    while let Some((id, path)) = stack.pop() {
        let Some(shape) = model.shape(&id) else {
            continue;
        };
        for m in &shape.members {
            let Some(t) = model.shape(&m.target) else {
                continue;
            };
            if !components.closes_cycle(start, &t.id) {
                continue;
            }
            let mut next = path.clone();
            next.push(t.id.name.clone());
            if t.id == *start {
                return Some(next);
            }
            if seen.insert(t.id.clone()) {
                stack.push((t.id.clone(), next));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::load::Input;

    fn recursion_notes(idl: &str) -> Vec<String> {
        let mut input = Input::default();
        input.add_model("r.smithy".into(), idl.to_string());
        let loaded = input.finish(false);
        let mut notes: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.code == "recursive-shape")
            .map(|d| d.message.clone())
            .collect();
        notes.sort();
        notes
    }

    #[test]
    fn only_shapes_on_a_cycle_are_recursive() {
        let notes = recursion_notes(
            r#"$version: "2.0"
namespace r
structure A { b: B }
structure B { a: A, leaf: Leaf }
structure Self { next: Self }
structure Outside { a: A }
structure Leaf { s: String }
union U { list: UList, a: A }
list UList { member: U }
"#,
        );
        // A and B through each other, Self through itself; Outside reaches a
        // cycle without lying on one, and U recurses only through a list.
        assert_eq!(
            notes,
            [
                "r#A is recursive (A -> B -> A); the generated type boxes the recursive member",
                "r#B is recursive (B -> A -> B); the generated type boxes the recursive member",
                "r#Self is recursive (Self -> Self); the generated type boxes the recursive member",
            ]
        );
    }
}
