//! Rule set parsing and resolution (the functions have their own tests;
//! `tests/endpoint_rules.rs` runs the official models' cases).

use super::*;
use crate::Document;

/// A rule set with these parameters and rules (JSON fragments).
fn rule_set(parameters: &str, rules: &str) -> Result<RuleSet, EndpointError> {
    RuleSet::parse(&format!(
        r#"{{"version": "1.1", "parameters": {{{parameters}}}, "rules": [{rules}]}}"#
    ))
}

fn parsed(parameters: &str, rules: &str) -> RuleSet {
    rule_set(parameters, rules).unwrap_or_else(|e| panic!("{e}"))
}

fn url(rules: &RuleSet, params: &Params) -> String {
    match rules.resolve(params) {
        Ok(e) => e.url,
        Err(e) => panic!("{:?}: {}", e.kind(), e.message()),
    }
}

fn error(rules: &RuleSet, params: &Params) -> (ResolveErrorKind, String) {
    match rules.resolve(params) {
        Ok(e) => panic!("expected an error, got {}", e.url),
        Err(e) => (e.kind(), e.message().to_string()),
    }
}

const REGION: &str =
    r#""Region": {"type": "String", "builtIn": "AWS::Region", "documentation": "The region."}"#;
const FIPS: &str = r#""UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false, "documentation": "FIPS."}"#;

#[test]
fn parse_errors_say_what_and_where() {
    let cases: &[(&str, &str, &str)] = &[
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "nope", "argv": []}], "endpoint": {"url": "https://x"}}"#,
            "rules[0].conditions[0].fn: `nope` is not a known function"),
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}, true]}], "endpoint": {"url": "https://x"}}"#,
            "rules[0].conditions[0].argv: `isSet` takes 1 argument, found 2"),
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Nope"}]}], "endpoint": {"url": "https://x"}}"#,
            "rules[0].conditions[0].argv[0].ref: `Nope` is neither a parameter nor a variable"),
        (REGION, r#"{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Nope}.x"}}"#,
            "rules[0].endpoint.url: `Nope` is neither"),
        (REGION, r#"{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Region.x"}}"#,
            "rules[0].endpoint.url: unmatched `{` in template"),
        (REGION, r#"{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://Region}.x"}}"#,
            "rules[0].endpoint.url: unmatched `}` in template"),
        (FIPS, r#"{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{UseFIPS}.x"}}"#,
            "rules[0].endpoint.url: `UseFIPS` is a boolean; template parts must be strings (in template `https://{UseFIPS}.x`)"),
        (REGION, r#"{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Region#a}.x"}}"#,
            "`Region` is a string, which has no attributes"),
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "Region"}, true]}], "endpoint": {"url": "https://x"}}"#,
            "rules[0].conditions[0].argv[0]: booleanEquals needs a boolean, found a string"),
        (FIPS, r#"{"type": "endpoint", "conditions": [{"fn": "stringEquals", "argv": ["a", {"ref": "UseFIPS"}]}], "endpoint": {"url": "https://x"}}"#,
            "rules[0].conditions[0].argv[1]: stringEquals needs a string, found a boolean"),
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "Region"}], "endpoint": {"url": "https://x"}}"#,
            "rules[0].conditions[0].assign: `Region` is already a parameter or a variable in scope"),
        (REGION, r#"{"type": "tree", "conditions": [{"fn": "aws.partition", "argv": ["us-east-1"], "assign": "p"}], "rules": [{"type": "error", "conditions": [], "error": "x"}]},
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{p#dnsSuffix}"}}"#,
            "rules[1].endpoint.url: `p` is neither"),
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"},
            {"fn": "getAttr", "argv": [{"ref": "p"}, {"ref": "Region"}]}], "endpoint": {"url": "https://x"}}"#,
            "rules[0].conditions[1].argv[1]: the path of `getAttr` must be a literal string"),
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "aws.parseArn", "argv": [{"ref": "Region"}], "assign": "a"},
            {"fn": "getAttr", "argv": [{"ref": "a"}, "resourceId[x]"]}], "endpoint": {"url": "https://x"}}"#,
            "`x` is not an integer index"),
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "getAttr", "argv": [{"ref": "Region"}, "a"]}], "endpoint": {"url": "https://x"}}"#,
            "rules[0].conditions[0].argv[0]: `getAttr` needs an object or an array, found a string"),
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region", "fn": "not"}]}], "endpoint": {"url": "https://x"}}"#,
            "rules[0].conditions[0].argv[0]: expected exactly one of `ref` or `fn`"),
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [null]}], "endpoint": {"url": "https://x"}}"#,
            "rules[0].conditions[0].argv[0]: null is not a valid value here"),
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "substring", "argv": [{"ref": "Region"}, 0.5, 2, false]}], "endpoint": {"url": "https://x"}}"#,
            "rules[0].conditions[0].argv[1]: expected an integer, found 0.5"),
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "coalesce", "argv": [{"ref": "Region"}]}], "endpoint": {"url": "https://x"}}"#,
            "`coalesce` takes at least 2 arguments, found 1"),
        (REGION, r#"{"type": "endpoint", "conditions": [{"fn": "coalesce", "argv": [{"ref": "Region"}, true]}], "endpoint": {"url": "https://x"}}"#,
            "rules[0].conditions[0].argv[1]: the arguments of `coalesce` must have one type"),
        (REGION, r#"{"type": "endpoint", "conditions": [], "endpoint": {"url": true}}"#,
            "rules[0].endpoint.url: the url needs a string, found a boolean"),
        (REGION, r#"{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://x", "headers": {"h": "v"}}}"#,
            "rules[0].endpoint.headers.h: expected an array, found a string"),
        (REGION, r#"{"type": "endpoint", "conditions": [], "endpoint": {}}"#,
            "rules[0].endpoint: `url` is missing"),
        (REGION, r#"{"type": "tree", "conditions": [], "rules": [{"type": "nope"}]}"#,
            "rules[0].rules[0].type: unknown rule type `nope`"),
        (REGION, r#"{"conditions": []}"#, "rules[0]: `type` is missing"),
        (REGION, r#""x""#, "rules[0]: expected an object, found a string"),
        (r#""R": {"type": "integer", "documentation": "x"}"#, "", "parameters.R.type: unknown parameter type `integer`"),
        (r#""R": {"type": "boolean", "required": true, "default": "yes", "documentation": "x"}"#, "",
            "parameters.R.default: the default must be a boolean"),
        (r#""R": {"type": "stringArray", "default": ["a", 1], "documentation": "x"}"#, "",
            "parameters.R.default: the default must be an array of strings"),
        (r#""R": {"type": "string", "required": "no", "documentation": "x"}"#, "",
            "parameters.R.required: expected a boolean, found a string"),
    ];
    for (parameters, rules, want) in cases {
        let e = rule_set(parameters, rules).expect_err(want).to_string();
        assert!(e.starts_with("invalid endpoint rule set: "), "{e}");
        assert!(e.contains(want), "wanted {want:?} in {e:?}");
    }
    for (json, want) in [
        ("", "the root: `version` is missing"),
        ("not json", "not valid JSON"),
        ("[]", "the root: expected an object, found an array"),
        (
            r#"{"version": "1.0", "rules": []}"#,
            "`parameters` is missing",
        ),
        (
            r#"{"version": "1.0", "parameters": {}}"#,
            "`rules` is missing",
        ),
        (
            r#"{"version": 1, "parameters": {}, "rules": []}"#,
            "version: expected a string",
        ),
    ] {
        let e = RuleSet::parse(json).expect_err(want).to_string();
        assert!(e.contains(want), "wanted {want:?} in {e:?}");
    }
}

#[test]
fn deep_nesting_is_an_error() {
    let mut expr = Document::Bool(true);
    for _ in 0..200 {
        let call = [
            ("fn".to_string(), Document::from("not")),
            ("argv".to_string(), Document::Array(vec![expr])),
        ];
        expr = Document::Object(call.into_iter().collect());
    }
    let condition = expr;
    let rule: Document = crate::wire::from_json_str::<Document>(
        r#"{"type": "endpoint", "endpoint": {"url": "https://x"}}"#,
    )
    .unwrap();
    let Document::Object(mut rule) = rule else {
        unreachable!()
    };
    rule.insert("conditions".into(), Document::Array(vec![condition]));
    let doc = Document::Object(
        [
            ("version".to_string(), Document::from("1.0")),
            (
                "parameters".to_string(),
                Document::Object(Default::default()),
            ),
            (
                "rules".to_string(),
                Document::Array(vec![Document::Object(rule)]),
            ),
        ]
        .into_iter()
        .collect(),
    );
    let e = RuleSet::from_document(&doc).unwrap_err().to_string();
    assert!(e.contains("nested deeper than 128 levels"), "{e}");
}

#[test]
fn parameters_defaults_and_types() {
    let rules = parsed(
        &format!(
            r#"{REGION}, {FIPS},
            "Names": {{"type": "stringArray", "required": true, "default": ["a", "b"], "documentation": "n"}},
            "Id": {{"type": "string", "required": true, "documentation": "i", "deprecated": {{"message": "old"}}}}"#
        ),
        r#"{"type": "endpoint", "conditions": [
              {"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
            "endpoint": {"url": "https://fips.{Id}.{Names#[1]}"}},
           {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Id}.{Names#[-1]}.{Names#[0]}"}}"#,
    );
    assert_eq!(rules.version(), "1.1");
    let names: Vec<_> = rules.parameters().iter().map(Parameter::name).collect();
    assert_eq!(names, ["Id", "Names", "Region", "UseFIPS"]);
    let fips = rules.parameter("UseFIPS").unwrap();
    assert_eq!(fips.ty(), ParameterType::Boolean);
    assert_eq!(fips.built_in(), Some("AWS::UseFIPS"));
    assert_eq!(fips.default(), Some(&Value::Bool(false)));
    assert!(fips.is_required() && !fips.is_deprecated());
    assert!(rules.parameter("Id").unwrap().is_deprecated());
    assert_eq!(
        rules.parameter("Region").unwrap().documentation(),
        Some("The region.")
    );
    assert!(rules.parameter("Nope").is_none());

    let base = Params::new().with("Id", "i");
    assert_eq!(url(&rules, &base), "https://i.b.a");
    assert_eq!(
        url(&rules, &base.clone().with("UseFIPS", true)),
        "https://fips.i.b"
    );
    assert_eq!(
        url(
            &rules,
            &base
                .clone()
                .with("Names", vec!["x"])
                .with("Unknown", 1 == 1)
        ),
        "https://i.x.x"
    );
    let (kind, message) = error(&rules, &Params::new());
    assert_eq!(kind, ResolveErrorKind::MissingParameter);
    assert_eq!(message, "endpoint parameter `Id` is required but not set");
    let (kind, message) = error(&rules, &base.clone().with("UseFIPS", "yes"));
    assert_eq!(kind, ResolveErrorKind::InvalidParameter);
    assert_eq!(
        message,
        "endpoint parameter `UseFIPS` must be a boolean, found a string"
    );
    let (kind, _) = error(&rules, &base.clone().with("Region", vec!["a"]));
    assert_eq!(kind, ResolveErrorKind::InvalidParameter);

    let mut p = Params::new();
    p.set("A", "1").set("A", "2").set("B", false);
    assert_eq!(p.get("A"), Some(&Value::from("2")));
    assert_eq!(p.len(), 2);
    assert_eq!(p.remove("A"), Some(Value::String("2".into())));
    assert_eq!(p.iter().collect::<Vec<_>>(), [("B", &Value::Bool(false))]);
    let q: Params = [("X", "y")].into_iter().collect();
    assert_eq!(q.get("X").and_then(Value::as_str), Some("y"));
}

#[test]
fn rules_in_order_errors_and_exhaustion() {
    let rules = parsed(
        &format!("{REGION}, {FIPS}"),
        r#"{"type": "error", "conditions": [{"fn": "not", "argv": [{"fn": "isSet", "argv": [{"ref": "Region"}]}]}],
            "error": "Invalid Configuration: Missing Region"},
           {"type": "tree", "conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "tree"]}],
            "rules": [{"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
                       "endpoint": {"url": "https://tree-fips"}}]},
           {"type": "error", "conditions": [{"fn": "booleanEquals", "argv": [true, {"ref": "UseFIPS"}]}],
            "error": "FIPS is not supported in {Region}, {{sorry}}"},
           {"type": "endpoint", "conditions": [{"fn": "stringEquals", "argv": ["{Region}", "us-east-1"]}],
            "endpoint": {"url": "https://{Region}.example.com"}}"#,
    );
    let p = |region: &str, fips: bool| {
        Params::new()
            .with("Region", region.to_string())
            .with("UseFIPS", fips)
    };
    assert_eq!(
        error(&rules, &Params::new()),
        (
            ResolveErrorKind::Rule,
            "Invalid Configuration: Missing Region".into()
        )
    );
    assert_eq!(
        error(&rules, &p("eu-west-1", true)),
        (
            ResolveErrorKind::Rule,
            "FIPS is not supported in eu-west-1, {sorry}".into()
        )
    );
    assert_eq!(
        url(&rules, &p("us-east-1", false)),
        "https://us-east-1.example.com"
    );
    assert_eq!(url(&rules, &p("tree", true)), "https://tree-fips");
    // A tree whose conditions hold is terminal.
    let (kind, message) = error(&rules, &p("tree", false));
    assert_eq!(kind, ResolveErrorKind::NoMatch);
    assert!(message.contains("tree rule"), "{message}");
    let (kind, _) = error(&rules, &p("eu-west-1", false));
    assert_eq!(kind, ResolveErrorKind::NoMatch);
    // Display is the message.
    let e = rules.resolve(&Params::new()).unwrap_err();
    assert_eq!(e.to_string(), "Invalid Configuration: Missing Region");
}

#[test]
fn assignments_partitions_and_properties() {
    let rules = parsed(
        &format!("{REGION}, {FIPS}"),
        r#"{"type": "tree", "conditions": [
              {"fn": "isSet", "argv": [{"ref": "Region"}]},
              {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "PartitionResult"}],
            "rules": [
              {"type": "endpoint", "conditions": [
                 {"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]},
                 {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "PartitionResult"}, "supportsFIPS"]}, true]}],
               "endpoint": {
                 "url": "https://svc-fips.{Region}.{PartitionResult#dnsSuffix}",
                 "headers": {"x-b": ["{PartitionResult#name}", "two"], "x-a": ["1"]},
                 "properties": {
                   "authSchemes": [{"name": "sigv4", "signingName": "svc", "signingRegion": "{Region}", "disableDoubleEncoding": true}],
                   "nested": {"list": [1, "{PartitionResult#implicitGlobalRegion}", false], "inferred": "{Region}"}
                 }}},
              {"type": "endpoint", "conditions": [],
               "endpoint": {"url": "https://svc.{Region}.{PartitionResult#dualStackDnsSuffix}", "properties": {}, "headers": {}}}
            ]}"#,
    );
    let endpoint = rules
        .resolve(
            &Params::new()
                .with("Region", "cn-north-1")
                .with("UseFIPS", true),
        )
        .unwrap();
    assert_eq!(
        endpoint.url(),
        "https://svc-fips.cn-north-1.amazonaws.com.cn"
    );
    assert_eq!(
        endpoint.headers,
        [
            ("x-a".to_string(), vec!["1".to_string()]),
            (
                "x-b".to_string(),
                vec!["aws-cn".to_string(), "two".to_string()]
            ),
        ]
    );
    let v4 = endpoint.auth_scheme("sigv4").unwrap();
    assert_eq!(v4.signing_name(), Some("svc"));
    assert_eq!(v4.signing_region(), Some("cn-north-1"));
    assert_eq!(v4.disable_double_encoding(), Some(true));
    let nested: Document = crate::wire::from_json_str(
        r#"{"list": [1, "cn-northwest-1", false], "inferred": "cn-north-1"}"#,
    )
    .unwrap();
    assert_eq!(endpoint.property("nested"), Some(&nested));
    let plain = rules
        .resolve(&Params::new().with("Region", "mars-east-1"))
        .unwrap();
    assert_eq!(plain.url, "https://svc.mars-east-1.api.aws");
    assert!(plain.headers.is_empty() && plain.properties.is_empty());
}

#[test]
fn string_functions_in_rules() {
    let rules = parsed(
        r#""Endpoint": {"type": "String", "documentation": "e"}, "Bucket": {"type": "String", "documentation": "b"}"#,
        r#"{"type": "endpoint", "conditions": [
              {"fn": "isSet", "argv": [{"ref": "Endpoint"}]},
              {"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "url"},
              {"fn": "isSet", "argv": [{"ref": "Bucket"}]},
              {"fn": "aws.parseArn", "argv": [{"ref": "Bucket"}], "assign": "arn"},
              {"fn": "getAttr", "argv": [{"ref": "arn"}, "resourceId[1]"], "assign": "name"}],
            "endpoint": {"url": "{url#scheme}://{name}.{arn#region}.{url#authority}{url#normalizedPath}{arn#resourceId[-1]}"}},
           {"type": "endpoint", "conditions": [
              {"fn": "isSet", "argv": [{"ref": "Endpoint"}]},
              {"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "url"},
              {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "url"}, "isIp"]}, true]}],
            "endpoint": {"url": "{url#scheme}://{url#authority}{url#path}", "properties": {"ip": "yes"}}},
           {"type": "endpoint", "conditions": [
              {"fn": "isSet", "argv": [{"ref": "Bucket"}]},
              {"fn": "substring", "argv": [{"ref": "Bucket"}, 0, 3, true], "assign": "tail"},
              {"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "Bucket"}, false]},
              {"fn": "isValidHostLabel", "argv": [{"ref": "tail"}, false]}],
            "endpoint": {"url": "https://{Bucket}.s3.amazonaws.com/{tail}"}},
           {"type": "endpoint", "conditions": [
              {"fn": "isSet", "argv": [{"ref": "Bucket"}]},
              {"fn": "uriEncode", "argv": [{"ref": "Bucket"}], "assign": "encoded"},
              {"fn": "split", "argv": [{"ref": "Bucket"}, "--", 0], "assign": "parts"},
              {"fn": "coalesce", "argv": [{"fn": "getAttr", "argv": [{"ref": "parts"}, "[5]"]}, {"fn": "getAttr", "argv": [{"ref": "parts"}, "[1]"]}, "none"], "assign": "second"},
              {"fn": "ite", "argv": [{"fn": "stringEquals", "argv": [{"ref": "second"}, "none"]}, "-single", ""], "assign": "suffix"}],
            "endpoint": {"url": "https://s3.amazonaws.com/{encoded}/{second}{suffix}"}},
           {"type": "error", "conditions": [], "error": "nothing matched"}"#,
    );
    let p = |endpoint: Option<&str>, bucket: Option<&str>| {
        let mut p = Params::new();
        if let Some(e) = endpoint {
            p.set("Endpoint", e.to_string());
        }
        if let Some(b) = bucket {
            p.set("Bucket", b.to_string());
        }
        p
    };
    assert_eq!(
        url(
            &rules,
            &p(
                Some("HTTPS://Example.com:8443/base"),
                Some("arn:aws:s3:us-west-2:123:accesspoint/my-ap")
            )
        ),
        "https://my-ap.us-west-2.Example.com:8443/base/my-ap"
    );
    let ip = rules
        .resolve(&p(Some("http://10.0.0.1:81"), Some("not-an-arn")))
        .unwrap();
    assert_eq!(ip.url, "http://10.0.0.1:81");
    assert_eq!(ip.property("ip"), Some(&Document::from("yes")));
    assert_eq!(
        url(&rules, &p(None, Some("my-bucket"))),
        "https://my-bucket.s3.amazonaws.com/ket"
    );
    assert_eq!(
        url(
            &rules,
            &p(Some("http://host/?query"), Some("My Bucket--x--y"))
        ),
        "https://s3.amazonaws.com/My%20Bucket--x--y/x"
    );
    assert_eq!(
        url(&rules, &p(None, Some("ab"))),
        "https://s3.amazonaws.com/ab/none-single"
    );
    assert_eq!(error(&rules, &p(None, None)).1, "nothing matched");
}

#[test]
fn evaluation_errors_do_not_panic() {
    // Shapes a validating compiler rejects but this one can only catch
    // while evaluating: an unset value reaching a function or template, an
    // attribute of the wrong type in a template.
    let rules = parsed(
        r#""B": {"type": "Boolean", "documentation": "b"}, "S": {"type": "String", "documentation": "s"}"#,
        r#"{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "S"}]},
              {"fn": "aws.partition", "argv": [{"ref": "S"}], "assign": "p"}],
            "endpoint": {"url": "https://{S}", "headers": {"h": ["{p#supportsFIPS}"]}}},
           {"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "B"}, true]}],
            "endpoint": {"url": "https://{S}"}}"#,
    );
    let (kind, message) = error(&rules, &Params::new());
    assert_eq!(kind, ResolveErrorKind::Evaluation);
    assert_eq!(message, "argument 1 of `booleanEquals` is not set");
    let (kind, message) = error(&rules, &Params::new().with("B", true));
    assert_eq!(kind, ResolveErrorKind::Evaluation);
    assert_eq!(message, "a part of template `https://{S}` is not set");
    let (_, message) = error(&rules, &Params::new().with("S", "us-east-1"));
    assert_eq!(
        message,
        "a part of template `{p#supportsFIPS}` must be a string, found a boolean"
    );
}

/// A small xorshift generator: deterministic, dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn mangled_rule_sets_never_panic() {
    let source = format!(
        r#"{{"version": "1.0", "parameters": {{{REGION}, {FIPS}, "E": {{"type": "string", "documentation": "e"}}}},
        "rules": [
          {{"type": "tree", "conditions": [{{"fn": "aws.partition", "argv": [{{"ref": "Region"}}], "assign": "p"}}],
            "rules": [
              {{"type": "endpoint", "conditions": [{{"fn": "parseURL", "argv": [{{"ref": "E"}}], "assign": "u"}},
                  {{"fn": "substring", "argv": ["{{Region}}", 1, 3, false], "assign": "s"}}],
                "endpoint": {{"url": "{{u#scheme}}://{{s}}.{{p#dnsSuffix}}{{u#path}}", "headers": {{"a": ["{{p#name}}"]}},
                  "properties": {{"authSchemes": [{{"name": "sigv4", "signingRegion": "{{Region}}"}}]}}}}}},
              {{"type": "error", "conditions": [{{"fn": "booleanEquals", "argv": [{{"ref": "UseFIPS"}}, true]}}], "error": "no {{Region}}"}},
              {{"type": "endpoint", "conditions": [], "endpoint": {{"url": "https://{{Region}}.{{p#dualStackDnsSuffix}}"}}}}
            ]}},
          {{"type": "error", "conditions": [], "error": "Missing Region"}}
        ]}}"#
    );
    let params = [
        Params::new(),
        Params::new()
            .with("Region", "us-east-1")
            .with("E", "https://h/p"),
        Params::new().with("Region", "").with("UseFIPS", true),
        Params::new().with("Region", true).with("E", vec!["x"]),
        Params::new()
            .with("Region", "é日本")
            .with("E", "http://[::1]:1/?"),
    ];
    let resolve_all = |rules: &RuleSet| {
        for p in &params {
            let _ = rules.resolve(p);
        }
    };
    resolve_all(&RuleSet::parse(&source).expect("the source parses"));
    // Every truncation.
    let cuts: Vec<usize> = (0..=source.len())
        .filter(|&i| source.is_char_boundary(i))
        .collect();
    for &cut in &cuts {
        if let Ok(rules) = RuleSet::parse(&source[..cut]) {
            resolve_all(&rules);
        }
    }
    // Random byte edits: replace, delete or duplicate a stretch.
    let bytes = source.as_bytes();
    let alphabet = br#"{}[]":,#-. 0123456789truefalsnl\"#;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut parsed_ok = 0;
    for _ in 0..3000 {
        let mut m = bytes.to_vec();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(m.len());
            match rng.below(3) {
                0 => m[at] = alphabet[rng.below(alphabet.len())],
                1 => {
                    let end = (at + 1 + rng.below(8)).min(m.len());
                    m.drain(at..end);
                }
                _ => {
                    let end = (at + 1 + rng.below(16)).min(m.len());
                    let copy = m[at..end].to_vec();
                    m.splice(at..at, copy);
                }
            }
            if m.is_empty() {
                break;
            }
        }
        let Ok(text) = std::str::from_utf8(&m) else {
            continue;
        };
        if let Ok(rules) = RuleSet::parse(text) {
            parsed_ok += 1;
            resolve_all(&rules);
        }
    }
    assert!(parsed_ok > 0, "some mutations should still parse");
}

#[test]
fn other_partitions_data() {
    let partitions = Partitions::parse(
        r#"{"partitions": [{"id": "moon", "regionRegex": "^moon-\\w+-\\d+$", "regions": {"moon-base-1": {}},
            "outputs": {"name": "moon", "dnsSuffix": "moon.example", "dualStackDnsSuffix": "ds.moon.example",
                        "supportsFIPS": false, "supportsDualStack": true, "implicitGlobalRegion": "moon-base-1"}}]}"#,
    )
    .unwrap();
    let rules = parsed(
        REGION,
        r#"{"type": "endpoint", "conditions": [
              {"fn": "isSet", "argv": [{"ref": "Region"}]},
              {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"},
              {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "p"}, "inferred"]}, false]}],
            "endpoint": {"url": "https://{Region}.{p#dnsSuffix}", "properties": {"global": "{p#implicitGlobalRegion}"}}},
           {"type": "error", "conditions": [], "error": "unknown region"}"#,
    );
    let p = Params::new().with("Region", "moon-base-1");
    let endpoint = rules.resolve_with(&p, &partitions).unwrap();
    assert_eq!(endpoint.url, "https://moon-base-1.moon.example");
    assert_eq!(
        endpoint.property("global"),
        Some(&Document::from("moon-base-1"))
    );
    // Inferred from the regex: the rule above does not apply.
    let (_, message) =
        match rules.resolve_with(&Params::new().with("Region", "moon-far-2"), &partitions) {
            Err(e) => (e.kind(), e.message().to_string()),
            Ok(e) => panic!("{}", e.url),
        };
    assert_eq!(message, "unknown region");
    // The shipped data does not know the region: `aws`, inferred.
    assert_eq!(error(&rules, &p).1, "unknown region");
    assert_eq!(
        url(&rules, &Params::new().with("Region", "us-west-2")),
        "https://us-west-2.amazonaws.com"
    );
}

#[test]
fn shareable_types() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<RuleSet>();
    send_sync::<Partitions>();
    send_sync::<Params>();
    send_sync::<Endpoint>();
    send_sync::<ResolveError>();
    send_sync::<EndpointError>();
}
