//! A model read from Smithy IDL and the same model read from its JSON AST
//! are equal.

mod common;

use apigen::load::Input;

fn load_text(files: &[(&str, &str)]) -> apigen::Loaded {
    let mut input = Input::new();
    for (path, text) in files {
        input.add_model(path.into(), text.to_string());
    }
    input.finish(false)
}

fn assert_clean(loaded: &apigen::Loaded) {
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
}

#[test]
fn hand_written_idl_and_json_ast_are_equal() {
    let dir = common::repo().join("tests/fixtures/round-trip");
    let idl = std::fs::read_to_string(dir.join("model.smithy")).unwrap();
    let json = std::fs::read_to_string(dir.join("model.json")).unwrap();
    let a = load_text(&[("model.smithy", &idl)]);
    let b = load_text(&[("model.json", &json)]);
    assert_clean(&a);
    assert_clean(&b);
    assert!(
        a.model.same_as(&b.model),
        "IDL and JSON AST differ:\nIDL:  {}\nJSON: {}",
        apigen::smithy::to_json::to_json_ast_string(&a.model),
        apigen::smithy::to_json::to_json_ast_string(&b.model)
    );
    // And a change is noticed: the comparison is not vacuous.
    let c = load_text(&[("model.json", &json.replacen("\"min\": 1", "\"min\": 2", 1))]);
    assert_clean(&c);
    assert!(!a.model.same_as(&c.model));
}

#[test]
fn converted_ecr_model_loads_back_equal() {
    let original = apigen::load(&apigen::LoadOptions {
        models: vec![common::repo().join("specs/ecr")],
        ..Default::default()
    });
    assert_clean(&original);
    let json = apigen::smithy::to_json::to_json_ast_string(&original.model);
    let back = load_text(&[("ecr.json", &json)]);
    assert_clean(&back);
    assert!(original.model.same_as(&back.model));
}

#[test]
fn converted_conformance_model_loads_back_equal() {
    let original = apigen::load(&apigen::LoadOptions {
        models: vec![common::shared().join("conformance/smithy")],
        ..Default::default()
    });
    assert!(!original.has_errors());
    let json = apigen::smithy::to_json::to_json_ast_string(&original.model);
    // The suite brings its own aws.* and smithy.test trait definitions,
    // which JSON output leaves out like every built-in namespace: load them
    // beside it again.
    let traits = common::shared().join("conformance/smithy/traits");
    let mut input = Input::new();
    input.add_model("suite.json".into(), json);
    for name in [
        "aws.api.smithy",
        "aws.auth.smithy",
        "aws.protocols.smithy",
        "smithy.test.smithy",
    ] {
        input.add_model_path(&traits.join(name));
    }
    let back = input.finish(false);
    assert_clean(&back);
    assert!(original.model.same_as(&back.model));
}

#[test]
fn smithy_1_0_is_upgraded_like_smithy_does() {
    let v1 = r#"$version: "1.0"
namespace example.legacy

set Names {
    member: String
}

integer Count

@box
integer MaybeCount

structure Counters {
    a: PrimitiveInteger,
    b: Count,
    c: MaybeCount,
    @box
    d: PrimitiveBoolean,
    e: Integer
}
"#;
    let loaded = load_text(&[("legacy.smithy", v1)]);
    assert_clean(&loaded);
    let model = &loaded.model;
    let id = |n: &str| apigen::model::ShapeId::new("example.legacy", n);
    let names = model.shape(&id("Names")).unwrap();
    assert_eq!(names.kind, apigen::model::ShapeKind::List);
    assert!(names.has_trait(&apigen::model::traits::unique_items()));
    let counters = model.shape(&id("Counters")).unwrap();
    let default_of = |m: &str| {
        counters
            .member(m)
            .unwrap()
            .traits
            .get(&apigen::model::traits::default())
            .map(|n| n.to_json())
    };
    assert_eq!(default_of("a"), Some(serde_json::json!(0)));
    assert_eq!(
        default_of("b"),
        Some(serde_json::json!(0)),
        "unboxed 1.0 integers were non-null"
    );
    assert_eq!(default_of("c"), None, "@box kept it nullable");
    assert_eq!(default_of("d"), None, "@box on the member kept it nullable");
    assert_eq!(default_of("e"), None, "prelude Integer is boxed");
    let count = model.shape(&id("Count")).unwrap();
    assert!(count.has_trait(&apigen::model::traits::default()));
}
