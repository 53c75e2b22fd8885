//! Findings get the severity Smithy's reference implementation gives them,
//! and `@pattern` is ECMA-262 (with the Java syntax Smithy also accepts).

use apigen::diag::Severity;
use apigen::load::Input;

fn load(text: &str, allow_unknown_traits: bool) -> apigen::Loaded {
    let mut input = Input::new();
    input.allow_unknown_traits(allow_unknown_traits);
    input.add_model("model.smithy".into(), text.to_string());
    input.finish(false)
}

/// `(severity, code, line:column)` of every finding at warning level or above.
fn findings(loaded: &apigen::Loaded) -> Vec<(Severity, String, String)> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| {
            let at = d
                .span
                .map(|s| format!("{}:{}", s.line, s.column))
                .unwrap_or_default();
            (d.severity, d.code.to_string(), at)
        })
        .collect()
}

const HEADER: &str = "$version: \"2.0\"\nnamespace example.sev\n";

#[test]
fn unknown_member_of_a_structure_trait_value_is_a_warning() {
    let loaded = load(
        &format!("{HEADER}structure Reading {{\n    @range(minimum: -90, max: 60)\n    celsius: Integer\n}}\n"),
        false,
    );
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    assert_eq!(
        findings(&loaded),
        [(
            Severity::Warning,
            "trait-value".to_string(),
            "4:12".to_string()
        )]
    );
    assert!(loaded
        .render_diagnostics()
        .contains("unknown member \"minimum\""));
}

#[test]
fn unknown_traits_are_errors_unless_allowed() {
    let text = format!("{HEADER}@example.other#notDefined(level: 3)\nstring Name\n");
    let strict = load(&text, false);
    assert_eq!(
        findings(&strict),
        [(
            Severity::Error,
            "unknown-trait".to_string(),
            "3:2".to_string()
        )]
    );
    assert!(strict
        .render_diagnostics()
        .contains("--allow-unknown-traits"));
    let lenient = load(&text, true);
    assert!(!lenient.has_errors(), "{}", lenient.render_diagnostics());
    assert_eq!(
        findings(&lenient),
        [(
            Severity::Warning,
            "unknown-trait".to_string(),
            "3:2".to_string()
        )]
    );
    // The value is kept, so a conversion back to Smithy keeps it too.
    let name = lenient
        .model
        .shapes
        .values()
        .find(|s| s.id.name == "Name")
        .expect("the shape is in the model");
    assert!(name
        .traits
        .keys()
        .any(|k| k.to_string() == "example.other#notDefined"));
}

#[test]
fn ecma_patterns_are_accepted_and_java_ones_rewritten_with_a_note() {
    let text = format!(
        "{HEADER}structure Names {{\n    @pattern(\"^(?!-)[A-Za-z0-9-]{{1,63}}(?<!-)$\")\n    host: String\n    @pattern(\"^(?i)(true|false)$\")\n    flag: String\n    @pattern(\"^[\\\\p{{L}}\\\\p{{Z}}]+$\")\n    label: String\n}}\n"
    );
    let loaded = load(&text, false);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    let notes: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "pattern-rewritten")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("^(?i:(true|false)$)"), "{}", notes[0]);
}

#[test]
fn a_pattern_neither_ecma_nor_java_accepts_is_an_error() {
    let loaded = load(
        &format!("{HEADER}structure Q {{\n    @pattern(\"[z-a]\")\n    code: String\n}}\n"),
        false,
    );
    assert_eq!(
        findings(&loaded),
        [(
            Severity::Error,
            "invalid-pattern".to_string(),
            "4:14".to_string()
        )]
    );
}

/// Unquoted strings in trait values are shape ids, resolved like any other
/// reference (`use`, the file's namespace, the prelude); one that names no
/// shape keeps its text, with Smithy's warning.
#[test]
fn syntactic_shape_ids_in_trait_values_resolve() {
    let text = format!(
        "{HEADER}use aws.protocols#awsJson1_1\n\n@trait\nstructure ref {{\n    @idRef\n    target: String\n}}\n\n@ref(target: awsJson1_1)\nstring A\n\n@ref(target: Local)\nstring B\n\nstring Local\n\n@ref(target: Nowhere)\nstring C\n"
    );
    let loaded = load(&text, false);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    let target_of = |name: &str| {
        let shape = loaded
            .model
            .shapes
            .values()
            .find(|s| s.id.name == name)
            .unwrap();
        let (_, value) = shape
            .traits
            .iter()
            .find(|(k, _)| k.name == "ref")
            .expect("the trait is applied");
        value
            .get("target")
            .and_then(|t| t.as_str())
            .unwrap()
            .to_string()
    };
    assert_eq!(target_of("A"), "aws.protocols#awsJson1_1");
    assert_eq!(target_of("B"), "example.sev#Local");
    assert_eq!(target_of("C"), "Nowhere");
    let warnings: Vec<_> = findings(&loaded)
        .into_iter()
        .filter(|(_, code, _)| code == "syntactic-shape-id")
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}

/// An `apply` aimed at a mixin's member reaches the shapes using the mixin.
#[test]
fn apply_to_a_mixin_member_reaches_its_users() {
    let text = format!(
        "{HEADER}@mixin\nstructure Tagged {{\n    tag: String\n}}\n\nstructure Thing with [Tagged] {{\n    name: String\n}}\n\n@mixin\nstructure MoreTagged with [Tagged] {{}}\n\nstructure Other with [MoreTagged] {{}}\n\napply Tagged$tag @documentation(\"The tag.\")\n"
    );
    let loaded = load(&text, false);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    for name in ["Tagged", "Thing", "MoreTagged", "Other"] {
        let shape = loaded
            .model
            .shapes
            .values()
            .find(|s| s.id.name == name)
            .unwrap();
        let tag = shape.member("tag").expect("the mixin member");
        assert!(
            tag.traits.keys().any(|k| k.name == "documentation"),
            "{name}$tag lacks the applied documentation"
        );
    }
}
