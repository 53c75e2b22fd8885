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
