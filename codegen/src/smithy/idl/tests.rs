use super::parse;
use super::strings::strip_incidental_whitespace;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::ShapeKind;
use crate::node::{Node, Number};
use crate::smithy::ast::{RawFile, RawShape, RawTrait, SmithyVersion};
use crate::source::FileId;
use std::path::{Path, PathBuf};

fn parse_with_diags(text: &str) -> (Option<RawFile>, Vec<Diagnostic>) {
    let mut diags = Diagnostics::new();
    let file = parse(FileId(0), text, &mut diags);
    (file, diags.into_vec())
}

fn parse_ok(text: &str) -> RawFile {
    let (file, diags) = parse_with_diags(text);
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    file.expect("a file without errors parses")
}

/// A 2.0 file in namespace `test` with `body` after the header (line 3 on).
fn v2(body: &str) -> String {
    format!("$version: \"2.0\"\nnamespace test\n{body}")
}

/// The first error: (line, column, code, message).
fn first_error(text: &str) -> (u32, u32, &'static str, String) {
    let (_, diags) = parse_with_diags(text);
    let error = diags
        .into_iter()
        .find(|d| d.severity == Severity::Error)
        .unwrap_or_else(|| panic!("expected an error for:\n{text}"));
    let span = error.span.expect("syntax errors have a position");
    (span.line, span.column, error.code, error.message)
}

fn shape<'a>(file: &'a RawFile, name: &str) -> &'a RawShape {
    file.shapes
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no shape {name}"))
}

fn find_trait<'a>(traits: &'a [RawTrait], id: &str) -> Option<&'a RawTrait> {
    traits.iter().find(|t| t.id.text == id)
}

/// The value of `metadata m = <value>`.
fn value(text: &str) -> Node {
    let file = parse_ok(&format!("metadata m = {text}\n"));
    file.metadata.into_iter().next().expect("one entry").1
}

fn string_value(text: &str) -> String {
    value(text).as_str().expect("a string").to_string()
}

// ---------------------------------------------------------------- conformance

fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance")
}

fn smithy_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            smithy_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "smithy") {
            out.push(path);
        }
    }
}

fn parse_path(path: &Path) -> RawFile {
    let text = std::fs::read_to_string(path).expect("readable");
    let (file, diags) = parse_with_diags(&text);
    let problems: Vec<_> = diags
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .collect();
    assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
    file.expect("parsed")
}

#[test]
fn conformance_files_parse_without_problems() {
    let mut files = Vec::new();
    for suite in ["smithy", "smithy-restjson1"] {
        smithy_files(&shared_dir().join(suite), &mut files);
    }
    assert!(
        files.len() >= 80,
        "found only {} .smithy files",
        files.len()
    );
    for path in &files {
        let file = parse_path(path);
        assert!(file.namespace.is_some(), "{}", path.display());
    }
}

#[test]
fn conformance_json_protocol_service() {
    let file = parse_path(&shared_dir().join("smithy/awsJson1_1/main.smithy"));
    assert_eq!(file.version, SmithyVersion::V2);
    assert_eq!(file.namespace.as_deref(), Some("aws.protocoltests.json"));
    assert_eq!(file.uses.len(), 3);
    let service = shape(&file, "JsonProtocol");
    assert_eq!(service.kind, ShapeKind::Service);
    assert_eq!(service.props.operations.len(), 18);
    assert_eq!(service.props.operations[0].text, "EmptyOperation");
    assert_eq!(
        service.props.version.as_ref().and_then(Node::as_str),
        Some("2018-01-01")
    );
    let service_trait = find_trait(&service.traits, "service").expect("@service");
    assert_eq!(
        service_trait.value.get("sdkId").and_then(Node::as_str),
        Some("Json Protocol")
    );
    let sigv4 = find_trait(&service.traits, "sigv4").expect("@sigv4");
    assert_eq!(
        sigv4.value.get("name").and_then(Node::as_str),
        Some("jsonprotocol")
    );
    let json = find_trait(&service.traits, "awsJson1_1").expect("@awsJson1_1");
    assert!(json.annotation);
    // The span of a shape is its name.
    assert_eq!((service.span.line, service.span.column), (18, 9));
}

#[test]
fn conformance_inline_input_output() {
    let file = parse_path(&shared_dir().join("smithy-restjson1/restJson1/defaults.smithy"));
    let op = shape(&file, "OperationWithDefaults");
    assert_eq!(
        op.props.input.as_ref().map(|r| r.text.as_str()),
        Some("OperationWithDefaultsInput")
    );
    let input = shape(&file, "OperationWithDefaultsInput");
    assert_eq!(input.kind, ShapeKind::Structure);
    assert!(find_trait(&input.traits, "smithy.api#input").is_some());
    let top = input
        .members
        .iter()
        .find(|m| m.name == "topLevelDefault")
        .expect("member");
    assert_eq!(top.default.as_ref().and_then(Node::as_str), Some("hi"));
    let output = shape(&file, "OperationWithDefaultsOutput");
    assert_eq!(output.mixins[0].text, "DefaultsMixin");
    assert!(find_trait(&output.traits, "smithy.api#output").is_some());
}

#[test]
fn conformance_text_block_and_enum_values() {
    let file = parse_path(&shared_dir().join("smithy/awsJson1_1/empty-operation.smithy"));
    let op = shape(&file, "EmptyOperation");
    let tests = find_trait(&op.traits, "httpRequestTests").expect("@httpRequestTests");
    let case = tests
        .value
        .as_array()
        .expect("array")
        .iter()
        .find(|t| {
            t.get("id").and_then(Node::as_str)
                == Some("json_1_1_client_sends_empty_payload_for_no_input_shape")
        })
        .expect("test case");
    assert_eq!(
        case.get("documentation").and_then(Node::as_str),
        Some(
            "Clients must always send an empty JSON object payload for\n\
             operations with no input (that is, `{}`). While AWS service\n\
             implementations support requests with no payload or requests\n\
             that send `{}`, always sending `{}` from the client is\n\
             preferred for forward compatibility in case input is ever\n\
             added to an operation."
        )
    );

    let shared = parse_path(&shared_dir().join("smithy/shared-types.smithy"));
    let foo = shape(&shared, "FooEnum");
    assert_eq!(foo.kind, ShapeKind::Enum);
    let one = foo.members.iter().find(|m| m.name == "ONE").expect("ONE");
    let value = find_trait(&one.traits, "smithy.api#enumValue").expect("enumValue");
    assert_eq!(value.value.as_str(), Some("1"));
    assert_eq!(
        one.target.as_ref().map(|t| t.text.as_str()),
        Some("smithy.api#Unit")
    );
    let ints = shape(&shared, "IntegerEnum");
    assert_eq!(ints.kind, ShapeKind::IntEnum);
    let c = &ints.members[2];
    let value = find_trait(&c.traits, "smithy.api#enumValue").expect("enumValue");
    assert_eq!(value.value.as_i64(), Some(3));
}

#[test]
fn conformance_smithy_1_0_file() {
    let file = parse_path(&shared_dir().join("smithy-restjson1/restJson1/http-accept.smithy"));
    assert_eq!(file.version, SmithyVersion::V1);
}

// ---------------------------------------------------------------- node values

#[test]
fn keywords_numbers_and_shape_ids() {
    assert!(value("null").is_null());
    assert_eq!(value("true").as_bool(), Some(true));
    assert_eq!(value("false").as_bool(), Some(false));
    assert_eq!(value("0").as_number(), Some(Number::Int(0)));
    assert_eq!(value("-42").as_number(), Some(Number::Int(-42)));
    assert_eq!(value("1.5").as_number(), Some(Number::Float(1.5)));
    assert_eq!(value("-0.25").as_number(), Some(Number::Float(-0.25)));
    assert_eq!(value("1e+2").as_number(), Some(Number::Float(100.0)));
    assert_eq!(value("1.0E-2").as_number(), Some(Number::Float(0.01)));
    assert_eq!(value("2e3").as_number(), Some(Number::Float(2000.0)));
    // Too big for i64: kept as a float.
    assert_eq!(
        value("9223372036854775808").as_number(),
        Some(Number::Float(9223372036854775808.0))
    );
    assert_eq!(
        value("9223372036854775807").as_number(),
        Some(Number::Int(i64::MAX))
    );
    assert_eq!(string_value("awsJson1_1"), "awsJson1_1");
    assert_eq!(string_value("smithy.api#String"), "smithy.api#String");
    assert_eq!(string_value("a.b#C$d"), "a.b#C$d");
}

#[test]
fn arrays_and_objects_with_optional_commas() {
    let v = value("[1, \"two\", three, [], {},]");
    let items = v.as_array().expect("array");
    assert_eq!(items.len(), 5);
    assert_eq!(items[1].as_str(), Some("two"));
    assert_eq!(items[2].as_str(), Some("three"));
    let v = value("{ a: 1, \"b c\": [true false] d: { e: null } }");
    assert_eq!(v.get("a").and_then(Node::as_i64), Some(1));
    assert_eq!(
        v.get("b c").and_then(Node::as_array).map(<[Node]>::len),
        Some(2)
    );
    assert!(v.pointer("/d/e").is_some_and(Node::is_null));
    let v = value("{\n  a: 1\n  // comment\n  b: 2\n}");
    assert_eq!(v.as_object().map(<[_]>::len), Some(2));
    let v = value("{ a: 1 }");
    assert_eq!(v.key_span("a").map(|s| (s.line, s.column)), Some((1, 16)));
}

#[test]
fn string_escapes() {
    assert_eq!(
        string_value(r#""q\" b\\ s\/ \b\f\n\r\t a\'""#),
        "q\" b\\ s/ \u{8}\u{c}\n\r\t a'"
    );
    assert_eq!(string_value(r#""\u0041\u00e9\u20AC""#), "Aé€");
    // A surrogate pair written as two escapes is one character.
    assert_eq!(string_value(r#""\uD83D\uDE00""#), "😀");
    assert_eq!(string_value("\"multi\nline\""), "multi\nline");
    assert_eq!(string_value("\"crlf\r\nline\""), "crlf\nline");
    // An escaped line break expands to nothing.
    assert_eq!(string_value("\"foo \\\nbar\""), "foo bar");
    assert_eq!(string_value("\"ünï\u{1F600}\""), "ünï😀");
}

#[test]
fn text_blocks_strip_incidental_whitespace() {
    let text = "\"\"\"\n    <div>\n        <p>Hello!</p>\n    </div>\n    \"\"\"";
    assert_eq!(string_value(text), "<div>\n    <p>Hello!</p>\n</div>\n");
    let text = "\"\"\"\n    <div>\n        <p>Hello!</p>\n    </div>\"\"\"";
    assert_eq!(string_value(text), "<div>\n    <p>Hello!</p>\n</div>");
    // The closing delimiter at the margin keeps all indentation.
    let text = "\"\"\"\n    Foo\n        Baz\n    Bar\n\"\"\"";
    assert_eq!(string_value(text), "    Foo\n        Baz\n    Bar\n");
    // A closing delimiter right of the content does not count.
    let text = "\"\"\"\n    Foo\n        Baz\n    Bar\n            \"\"\"";
    assert_eq!(string_value(text), "Foo\n    Baz\nBar\n");
    // Quotes, escaped triple quotes, escapes expanded after stripping,
    // escaped line breaks.
    assert_eq!(string_value("\"\"\"\n\"hello!\"\n\"\"\""), "\"hello!\"\n");
    assert_eq!(
        string_value("\"\"\"\nfoo \\\"\"\"\nbaz\"\"\""),
        "foo \"\"\"\nbaz"
    );
    let text = "\"\"\"\n  <div>\n    <p>Hi\\n    bar</p>\n  </div>\n  \"\"\"";
    assert_eq!(string_value(text), "<div>\n  <p>Hi\n    bar</p>\n</div>\n");
    assert_eq!(
        string_value("\"\"\"\n    Foo \\\n    Baz \\\n    Bam\"\"\""),
        "Foo Baz Bam"
    );
    assert_eq!(string_value("\"\"\"  \r\n  a\r\n  b\"\"\""), "a\nb");
    assert_eq!(string_value("\"\"\"\n\"\"\""), "");
}

#[test]
fn incidental_whitespace_algorithm_matches_the_spec_example() {
    let content = "    Foo\n        Baz\n\n  \n    Bar\n    ";
    assert_eq!(
        strip_incidental_whitespace(content),
        "Foo\n    Baz\n\n\nBar\n"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = format!(
        "metadata m = {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let (line, column, code, _) = first_error(&text);
    assert_eq!((line, column, code), (1, 78, "idl-too-deep"));
}

// ---------------------------------------------------------------- statements

#[test]
fn control_and_metadata_sections() {
    let file = parse_ok(
        "$version: \"2\"\n$operationInputSuffix: \"Request\"\n$operationOutputSuffix: \"Response\"\n\
         metadata greeting = \"hello\"\nmetadata \"list\" = [\"a\", \"b\"]\n\
         namespace test\nuse other.ns#Thing\n\
         operation Op {\n  input := {}\n  output := {}\n}\n",
    );
    assert_eq!(file.metadata.len(), 2);
    assert_eq!(file.metadata[1].0, "list");
    assert_eq!(file.uses[0].text, "other.ns#Thing");
    assert_eq!(file.shapes[1].name, "OpRequest");
    assert_eq!(file.shapes[2].name, "OpResponse");
    assert_eq!(
        shape(&file, "Op")
            .props
            .output
            .as_ref()
            .map(|r| r.text.as_str()),
        Some("OpResponse")
    );

    let (_, diags) = parse_with_diags("$version: \"2.0\"\n$colour: \"blue\"\nnamespace test\n");
    let warning = diags
        .iter()
        .find(|d| d.code == "idl-unknown-control")
        .expect("warning");
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.span.map(|s| (s.line, s.column)), Some((2, 2)));
}

#[test]
fn every_simple_shape_type() {
    let types = [
        ("blob", ShapeKind::Blob),
        ("boolean", ShapeKind::Boolean),
        ("string", ShapeKind::String),
        ("byte", ShapeKind::Byte),
        ("short", ShapeKind::Short),
        ("integer", ShapeKind::Integer),
        ("long", ShapeKind::Long),
        ("float", ShapeKind::Float),
        ("double", ShapeKind::Double),
        ("bigInteger", ShapeKind::BigInteger),
        ("bigDecimal", ShapeKind::BigDecimal),
        ("timestamp", ShapeKind::Timestamp),
        ("document", ShapeKind::Document),
    ];
    let body: String = types
        .iter()
        .enumerate()
        .map(|(i, (keyword, _))| format!("{keyword} S{i}\n"))
        .collect();
    let file = parse_ok(&v2(&body));
    for (i, (_, kind)) in types.iter().enumerate() {
        assert_eq!(file.shapes[i].kind, *kind);
        assert_eq!(file.shapes[i].name, format!("S{i}"));
    }
}

#[test]
fn aggregate_shapes_members_traits_and_defaults() {
    let file = parse_ok(&v2(
        "list L { member: String }\n\
         map M {\n  key: String\n  @sensitive\n  value: smithy.api#Integer\n}\n\
         union U { a: String, b: Integer }\n\
         structure S {\n  @required @length(min: 1, max: 10)\n  name: String = \"x\"\n  count: Integer = 0\n  tags: L = []\n}\n",
    ));
    assert_eq!(shape(&file, "L").members[0].name, "member");
    let map = shape(&file, "M");
    assert_eq!(map.kind, ShapeKind::Map);
    assert_eq!(
        map.members[1].target.as_ref().map(|t| t.text.as_str()),
        Some("smithy.api#Integer")
    );
    assert!(find_trait(&map.members[1].traits, "sensitive").is_some_and(|t| t.annotation));
    assert_eq!(shape(&file, "U").members.len(), 2);
    let s = shape(&file, "S");
    let name = &s.members[0];
    assert_eq!((name.span.line, name.span.column), (12, 3));
    assert_eq!(name.traits.len(), 2);
    assert_eq!(
        (name.traits[1].span.line, name.traits[1].span.column),
        (11, 13)
    );
    let length = find_trait(&name.traits, "length").expect("@length");
    assert!(!length.annotation);
    assert_eq!(length.value.get("max").and_then(Node::as_i64), Some(10));
    assert_eq!(name.default.as_ref().and_then(Node::as_str), Some("x"));
    assert_eq!(
        s.members[1].default.as_ref().and_then(Node::as_i64),
        Some(0)
    );
    assert_eq!(
        s.members[2]
            .default
            .as_ref()
            .and_then(Node::as_array)
            .map(<[Node]>::len),
        Some(0)
    );
}

#[test]
fn trait_value_forms() {
    let file = parse_ok(&v2(
        "@a\n@b()\n@c(\"text\")\n@d([1, 2])\n@e(k: 1, \"q\": two)\n@f({ x: 1 })\n@g(Foo)\n@ns.x#h(true)\nstring S\n",
    ));
    let traits = &file.shapes[0].traits;
    assert!(traits[0].annotation && traits[0].value.as_object().is_some_and(<[_]>::is_empty));
    assert!(!traits[1].annotation && traits[1].value.as_object().is_some_and(<[_]>::is_empty));
    assert_eq!(traits[2].value.as_str(), Some("text"));
    assert_eq!(traits[3].value.as_array().map(<[Node]>::len), Some(2));
    assert_eq!(traits[4].value.get("q").and_then(Node::as_str), Some("two"));
    assert_eq!(traits[5].value.get("x").and_then(Node::as_i64), Some(1));
    assert_eq!(traits[6].value.as_str(), Some("Foo"));
    assert_eq!(traits[7].id.text, "ns.x#h");
    assert_eq!((traits[7].span.line, traits[7].id.span.column), (10, 2));
}

#[test]
fn documentation_comments() {
    let file = parse_ok(&v2(
        "/// Line one.\n///\n///   Indented.\n@deprecated\nstructure S {\n    /// Member docs.\n    @required\n    a: String\n}\n",
    ));
    let s = &file.shapes[0];
    let docs = find_trait(&s.traits, "smithy.api#documentation").expect("docs");
    assert_eq!(docs.value.as_str(), Some("Line one.\n\n  Indented."));
    assert_eq!((docs.span.line, docs.span.column), (3, 1));
    let member_docs = find_trait(&s.members[0].traits, "smithy.api#documentation").expect("docs");
    assert_eq!(member_docs.value.as_str(), Some("Member docs."));

    // Docs after traits, before apply, at the end, or after tokens on the
    // same line do not attach; the misplaced ones are reported as warnings.
    let (file, diags) = parse_with_diags(&v2(
        "@deprecated\n/// Too late.\nstring A // /// not a doc comment\n/// Nothing.\napply A @sensitive\n/// Dangling.\n",
    ));
    let file = file.expect("warnings only");
    assert!(find_trait(&file.shapes[0].traits, "smithy.api#documentation").is_none());
    let warnings: Vec<_> = diags
        .iter()
        .map(|d| (d.severity, d.code, d.span.map(|s| s.line)))
        .collect();
    assert_eq!(
        warnings,
        vec![
            (Severity::Warning, "idl-dangling-doc-comment", Some(4)),
            (Severity::Warning, "idl-dangling-doc-comment", Some(6)),
            (Severity::Warning, "idl-dangling-doc-comment", Some(8)),
        ]
    );
}

#[test]
fn apply_statements() {
    let file = parse_ok(&v2(
        "apply Foo @documentation(\"d\")\napply Foo$bar {\n  @required\n  @length(min: 1)\n}\napply Foo {}\n",
    ));
    assert_eq!(file.applies.len(), 3);
    assert_eq!(file.applies[0].target.text, "Foo");
    assert_eq!(file.applies[0].traits[0].value.as_str(), Some("d"));
    assert_eq!(file.applies[1].target.text, "Foo$bar");
    assert_eq!(file.applies[1].traits.len(), 2);
    assert_eq!(
        (
            file.applies[1].span.line,
            file.applies[1].target.span.column
        ),
        (4, 7)
    );
    assert!(file.applies[2].traits.is_empty());
}

#[test]
fn mixins_elision_and_for_resource() {
    let file = parse_ok(&v2("@mixin\nstructure Base { id: String }\n\
         structure Child with [Base, other#Mixin] {\n  @required\n  $id\n}\n\
         resource User { identifiers: { name: String } }\n\
         structure Summary for User with [Base] { $name }\n\
         @mixin\nstring Sensitive\nstring Text with [Sensitive]\n\
         enum E with [Base] { A }\n"));
    let child = shape(&file, "Child");
    assert_eq!(child.mixins.len(), 2);
    assert_eq!(child.mixins[1].text, "other#Mixin");
    assert_eq!(child.members[0].name, "id");
    assert!(child.members[0].target.is_none());
    assert_eq!(child.members[0].traits.len(), 1);
    let summary = shape(&file, "Summary");
    assert_eq!(
        summary.for_resource.as_ref().map(|r| r.text.as_str()),
        Some("User")
    );
    assert_eq!(summary.mixins[0].text, "Base");
    assert_eq!(shape(&file, "Text").mixins[0].text, "Sensitive");
    assert_eq!(shape(&file, "E").mixins.len(), 1);
}

#[test]
fn service_resource_and_operation_properties() {
    let file = parse_ok(&v2(
        "service Svc {\n  version: \"1.0\"\n  operations: [A, B]\n  resources: [R]\n  errors: [Oops]\n  rename: { \"other#Foo\": \"OtherFoo\" }\n}\n\
         resource R {\n  identifiers: { id: String }\n  properties: { size: Integer }\n  create: A\n  put: B\n  read: C\n  update: D\n  delete: E\n  list: F\n  operations: [G]\n  collectionOperations: [H]\n  resources: [Sub]\n}\n\
         operation A {\n  input: AIn\n  output: AOut\n  errors: [Oops, Bad]\n}\n\
         operation B with [OpMixin] {}\n",
    ));
    let svc = shape(&file, "Svc");
    assert_eq!(svc.props.operations.len(), 2);
    assert_eq!(svc.props.rename[0].0.text, "other#Foo");
    assert_eq!(svc.props.rename[0].1, "OtherFoo");
    let r = shape(&file, "R");
    assert_eq!(r.props.identifiers[0].0, "id");
    assert_eq!(r.props.properties[0].1.text, "Integer");
    assert_eq!(r.props.list.as_ref().map(|x| x.text.as_str()), Some("F"));
    assert_eq!(r.props.collection_operations[0].text, "H");
    let a = shape(&file, "A");
    assert_eq!(a.props.input.as_ref().map(|x| x.text.as_str()), Some("AIn"));
    assert_eq!(a.props.errors.len(), 2);
    assert_eq!(
        (a.props.errors[1].span.line, a.props.errors[1].span.column),
        (26, 18)
    );
    assert_eq!(shape(&file, "B").mixins[0].text, "OpMixin");
}

#[test]
fn inline_structures_carry_traits_docs_and_mixins() {
    let file = parse_ok(&v2(
        "operation Op {\n  input :=\n    /// In docs.\n    @references([])\n    for Res with [M] {\n      a: String\n    }\n  output := @sensitive {}\n  errors: []\n}\n",
    ));
    let input = shape(&file, "OpInput");
    assert_eq!(input.traits[0].id.text, "smithy.api#input");
    assert!(find_trait(&input.traits, "smithy.api#documentation").is_some());
    assert!(find_trait(&input.traits, "references").is_some());
    assert_eq!(
        input.for_resource.as_ref().map(|r| r.text.as_str()),
        Some("Res")
    );
    assert_eq!(input.mixins[0].text, "M");
    let output = shape(&file, "OpOutput");
    assert!(find_trait(&output.traits, "sensitive").is_some());
}

#[test]
fn smithy_1_0_set_and_grammar() {
    let file = parse_ok(
        "$version: \"1.0\"\nnamespace test\nset Names {\n  member: String\n}\n\
         operation Op { input: In, output: Out }\nstructure In { @box a: Integer }\n",
    );
    assert_eq!(file.version, SmithyVersion::V1);
    let names = shape(&file, "Names");
    assert_eq!(names.kind, ShapeKind::List);
    assert!(names.was_set);

    let rejected = [
        ("enum E { A }", "idl-version-feature", (3, 1)),
        ("structure S with [M] {}", "idl-version-feature", (3, 13)),
        ("structure S { $id }", "idl-version-feature", (3, 15)),
        (
            "structure S { a: String = \"\" }",
            "idl-version-feature",
            (3, 25),
        ),
        (
            "operation O { input := {} }",
            "idl-version-feature",
            (3, 21),
        ),
    ];
    for (body, code, at) in rejected {
        let text = format!("$version: \"1\"\nnamespace test\n{body}\n");
        let (line, column, got, _) = first_error(&text);
        assert_eq!((got, (line, column)), (code, at), "{body}");
    }
}

#[test]
fn duplicates_and_unknown_properties_are_reported_and_parsing_continues() {
    let (file, diags) = parse_with_diags(&v2(
        "structure S {\n  a: String\n  a: Integer\n}\nservice Svc { version: \"1\", colour: \"blue\" }\nstring After\n",
    ));
    let file = file.expect("recoverable errors keep the file");
    assert_eq!(shape(&file, "S").members.len(), 1);
    assert!(file.shapes.iter().any(|s| s.name == "After"));
    let found: Vec<_> = diags
        .iter()
        .map(|d| (d.code, d.span.map(|s| (s.line, s.column))))
        .collect();
    assert_eq!(
        found,
        vec![
            ("idl-duplicate-member", Some((5, 3))),
            ("idl-unknown-property", Some((7, 29))),
        ]
    );
    let (line, column, code, _) = first_error("metadata m = { a: 1, a: 2 }\n");
    assert_eq!((line, column, code), (1, 22, "idl-duplicate-key"));
}

// ---------------------------------------------------------------- errors

#[test]
fn syntax_errors_have_exact_positions_and_messages() {
    let cases: &[(&str, (u32, u32), &str, &str)] = &[
        (
            "structure S {\n  foo }\n",
            (4, 7),
            "idl-syntax",
            "expected ':' after member name 'foo', found '}'",
        ),
        (
            "strukture S {}\n",
            (3, 1),
            "idl-unknown-shape-type",
            "unknown shape type 'strukture'",
        ),
        (
            "string S @foo\n",
            (3, 10),
            "idl-syntax",
            "expected a line break after the definition of string 'S', found '@'",
        ),
        (
            "@documentation(\"abc)\nstring S\n",
            (3, 16),
            "idl-unterminated-string",
            "unterminated string",
        ),
        (
            "@documentation(\"a\\qb\")\nstring S\n",
            (3, 18),
            "idl-bad-escape",
            "invalid escape sequence '\\q'",
        ),
        (
            "@documentation(\"\\uD800x\")\nstring S\n",
            (3, 17),
            "idl-bad-escape",
            "unpaired surrogate",
        ),
        (
            "@documentation(\"\"\"abc\"\"\")\nstring S\n",
            (3, 19),
            "idl-syntax",
            "expected a line break after the opening '\"\"\"'",
        ),
        (
            "structure S {\n  a: String\n",
            (5, 1),
            "idl-syntax",
            "expected '}' to close the members of structure 'S' opened at 3:13, found end of file",
        ),
        (
            "structure S {\n  a:\n    String\n}\n",
            (4, 5),
            "idl-syntax",
            "expected a target shape id after 'a:', found a line break",
        ),
        (
            "@tags([\"a\" \"b\"]\nstring S\n",
            (4, 1),
            "idl-syntax",
            "expected ')' to close the value of trait 'tags', found 'string'",
        ),
        (
            "@tags([\"a\" \"b\"\nstring S\n",
            (5, 1),
            "idl-syntax",
            "expected ']' to close the array opened at 3:7, found end of file",
        ),
        (
            "structure S { a: String }\n structure T {}\n%",
            (5, 1),
            "idl-syntax",
            "unexpected character '%'",
        ),
        ("@t(01)\nstring S\n", (3, 4), "idl-syntax", "leading zeros"),
        (
            "service S { version: 1, operations: [1] }\n",
            (3, 38),
            "idl-invalid-property",
            "property 'operations' must be a shape id, found number",
        ),
        (
            "operation O {\n  input := {}\n  errors := {}\n}\n",
            (5, 10),
            "idl-syntax",
            "':=' can only define inline 'input' or 'output'",
        ),
        (
            "list L { item: String }\n",
            (3, 10),
            "idl-syntax",
            "list 'L' cannot have a member named 'item'; expected 'member'",
        ),
        (
            "structure S { @required }\n",
            (3, 25),
            "idl-syntax",
            "expected a member name after its traits, found '}'",
        ),
        (
            "structure S { a: String }\nnamespace again\n",
            (4, 1),
            "idl-syntax",
            "only one namespace statement is allowed per file",
        ),
        (
            "@foo\napply S @bar\n",
            (4, 1),
            "idl-syntax",
            "traits cannot be written before an apply statement",
        ),
    ];
    for (body, at, code, message) in cases {
        let (line, column, got_code, got_message) = first_error(&v2(body));
        assert_eq!(
            (line, column, got_code),
            (at.0, at.1, *code),
            "{body:?}: {got_message}"
        );
        assert!(
            got_message.contains(message),
            "{body:?}: {got_message:?} does not contain {message:?}"
        );
    }
}

#[test]
fn header_errors() {
    let (line, column, code, message) = first_error("$version: \"3.0\"\nnamespace test\n");
    assert_eq!((line, column, code), (1, 11, "idl-unsupported-version"));
    assert!(message.contains("\"3.0\""), "{message}");
    let (line, column, code, _) = first_error("$version: \"two\"\n");
    assert_eq!((line, column, code), (1, 11, "idl-invalid-version"));
    let (line, column, _, message) = first_error("string S\n");
    assert_eq!((line, column), (1, 1));
    assert!(
        message.contains("expected a namespace statement"),
        "{message}"
    );
    let (line, column, _, message) = first_error("namespace\ntest\n");
    assert_eq!((line, column), (1, 10));
    assert!(message.contains("found a line break"), "{message}");
    let (line, column, _, _) = first_error("namespace a#b\n");
    assert_eq!((line, column), (1, 11));
    let (line, column, _, _) = first_error("namespace a\nuse b.C\n");
    assert_eq!((line, column), (2, 5));
    let (line, column, _, _) = first_error("namespace a\nstring S\n$version: \"2\"\n");
    assert_eq!((line, column), (3, 1));
    let (line, column, _, _) = first_error("namespace a\nstring S\nmetadata x = 1\n");
    assert_eq!((line, column), (3, 1));
}

#[test]
fn never_panics_on_truncated_or_odd_input() {
    let sample = v2(
        "/// Doc\n@t(a: [1, {b: \"\"\"\n  x\n  \"\"\"}])\nstructure S for R with [M] {\n  $id = \"\\u00e9\"\n  a: String = -1.5e3\n}\noperation O { input := @x {} errors: [E] }\nenum E {\n  A = \"a\"\n}\napply S$a { @y }\n",
    );
    parse_ok(&sample);
    let mut end = 0;
    while end <= sample.len() {
        if sample.is_char_boundary(end) {
            let _ = parse_with_diags(&sample[..end]);
        }
        end += 1;
    }
    for odd in [
        "",
        "\u{feff}",
        "$",
        "@",
        "\"",
        "\"\"\"",
        "\\",
        "namespace a\n@",
        "é",
        "\0",
        "-",
        "1e",
        "[[[",
        "{{",
    ] {
        let _ = parse_with_diags(odd);
    }
}

/// Random small edits of every conformance file: any diagnostics are fine,
/// a panic or a hang is not.
#[test]
fn mutated_conformance_files_never_panic() {
    let mut files = Vec::new();
    for suite in ["smithy", "smithy-restjson1"] {
        smithy_files(&shared_dir().join(suite), &mut files);
    }
    // A fixed-seed LCG keeps the test deterministic without a dependency.
    let mut seed: u64 = 12345;
    let mut random = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let alphabet = [
        '"', '\\', '{', '}', '[', ']', '(', ')', ':', '=', '@', '$', '\n', ' ', '/', 'a', '1', '-',
        '#', '.', 'é', ',',
    ];
    for path in &files {
        let original: Vec<char> = std::fs::read_to_string(path)
            .expect("readable")
            .chars()
            .collect();
        for _ in 0..12 {
            let mut chars = original.clone();
            for _ in 0..1 + random(3) {
                let pos = random(chars.len());
                let replacement = alphabet[random(alphabet.len())];
                match random(3) {
                    0 if pos < chars.len() => {
                        chars.remove(pos);
                    }
                    1 => chars.insert(pos, replacement),
                    _ if pos < chars.len() => chars[pos] = replacement,
                    _ => {}
                }
            }
            let text: String = chars.into_iter().collect();
            let _ = parse_with_diags(&text);
        }
    }
}
