//! The built-in Smithy prelude and the trait libraries apigen ships, so that a
//! user model can `use aws.protocols#awsJson1_1`, `use aws.auth#sigv4` or
//! `use aws.api#service` without providing their definitions, and so that the
//! official AWS models (which ship none) load: they also apply the
//! `smithy.rules`, `smithy.waiters`, `smithy.test`, `aws.iam`,
//! `aws.cloudformation`, `aws.endpoints` and `aws.customizations` traits.
//!
//! The definitions are ordinary Smithy IDL 2.0 files under `builtin/`, parsed
//! like user files under a virtual `<builtin>/…` path. A namespace may span
//! several files (`smithy.test`: protocol tests and smoke tests, as in Smithy).

/// A built-in model file: its virtual path (e.g. "<builtin>/prelude.smithy") and IDL text.
pub struct BuiltinFile {
    pub path: &'static str,
    /// The single namespace the file declares.
    pub namespace: &'static str,
    pub text: &'static str,
}

/// The Smithy prelude, namespace `smithy.api`: simple shapes and every prelude trait.
pub const PRELUDE: BuiltinFile = BuiltinFile {
    path: "<builtin>/prelude.smithy",
    namespace: "smithy.api",
    text: include_str!("builtin/prelude.smithy"),
};

/// The trait libraries loaded next to the prelude. Each of their shapes
/// yields to a user shape with the same id (see `load`).
pub const LIBRARIES: &[BuiltinFile] = &[
    BuiltinFile {
        path: "<builtin>/aws.protocols.smithy",
        namespace: "aws.protocols",
        text: include_str!("builtin/aws.protocols.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/aws.auth.smithy",
        namespace: "aws.auth",
        text: include_str!("builtin/aws.auth.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/aws.api.smithy",
        namespace: "aws.api",
        text: include_str!("builtin/aws.api.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/apigen.smithy",
        namespace: "apigen.api",
        text: include_str!("builtin/apigen.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/aws.iam.smithy",
        namespace: "aws.iam",
        text: include_str!("builtin/aws.iam.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/aws.cloudformation.smithy",
        namespace: "aws.cloudformation",
        text: include_str!("builtin/aws.cloudformation.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/aws.endpoints.smithy",
        namespace: "aws.endpoints",
        text: include_str!("builtin/aws.endpoints.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/aws.customizations.smithy",
        namespace: "aws.customizations",
        text: include_str!("builtin/aws.customizations.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/aws.apigateway.smithy",
        namespace: "aws.apigateway",
        text: include_str!("builtin/aws.apigateway.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/aws.test.smithy",
        namespace: "aws.test",
        text: include_str!("builtin/aws.test.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/smithy.rules.smithy",
        namespace: "smithy.rules",
        text: include_str!("builtin/smithy.rules.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/smithy.waiters.smithy",
        namespace: "smithy.waiters",
        text: include_str!("builtin/smithy.waiters.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/smithy.test-protocol.smithy",
        namespace: "smithy.test",
        text: include_str!("builtin/smithy.test-protocol.smithy"),
    },
    BuiltinFile {
        path: "<builtin>/smithy.test-smoke.smithy",
        namespace: "smithy.test",
        text: include_str!("builtin/smithy.test-smoke.smithy"),
    },
];

/// Namespaces apigen ships definitions for. Other `aws.*` namespaces (such as
/// `aws.protocoltests.json`) belong to user models.
pub fn is_builtin_namespace(ns: &str) -> bool {
    ns == PRELUDE.namespace || LIBRARIES.iter().any(|lib| lib.namespace == ns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostics, Severity};
    use crate::node::{Node, Value};
    use crate::smithy::ast::{RawFile, RawMember, RawShape, RawTrait};
    use crate::smithy::{assemble, idl};
    use crate::source::SourceMap;
    use std::collections::BTreeSet;

    /// Smithy's own definitions, used as the reference for ids, shapes and selectors.
    const REFERENCE_DIR: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/conformance/smithy/traits"
    );

    fn reference(name: &str) -> String {
        let path = format!("{REFERENCE_DIR}/{name}");
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read the reference {path}: {e}"))
    }

    const SHAPE_KEYWORDS: &[&str] = &[
        "structure",
        "union",
        "list",
        "set",
        "map",
        "string",
        "blob",
        "boolean",
        "byte",
        "short",
        "integer",
        "long",
        "float",
        "double",
        "bigInteger",
        "bigDecimal",
        "timestamp",
        "document",
        "enum",
        "intEnum",
        "service",
        "resource",
        "operation",
    ];

    /// `<type> <Name>` when the line is a shape statement.
    fn shape_statement(line: &str) -> Option<(String, String)> {
        let mut words = line.split_whitespace();
        let kind = words.next()?;
        let name = words.next()?;
        let is_identifier = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let rest_ok = matches!(words.next(), None | Some("{") | Some("{}") | Some("with"));
        (SHAPE_KEYWORDS.contains(&kind) && is_identifier && rest_ok)
            .then(|| (kind.to_string(), name.to_string()))
    }

    /// Every `(type, name)` of a shape carrying `@trait`, found textually: a
    /// line starting with `@trait` (not `@traitValidators`) and the first shape
    /// statement after it.
    fn trait_shapes_textually(text: &str) -> BTreeSet<(String, String)> {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let mut found = BTreeSet::new();
        for (i, line) in lines.iter().enumerate() {
            let is_trait_line = line.strip_prefix("@trait").is_some_and(|rest| {
                rest.is_empty() || rest.starts_with('(') || rest.starts_with(' ')
            });
            if !is_trait_line {
                continue;
            }
            if let Some(shape) = lines[i + 1..].iter().find_map(|l| shape_statement(l)) {
                found.insert(shape);
            }
        }
        found
    }

    #[test]
    fn builtin_prelude_defines_every_reference_trait() {
        let expected = trait_shapes_textually(&reference("prelude.smithy"));
        assert!(
            expected.len() > 60,
            "the textual scan found only {} traits in the reference",
            expected.len()
        );
        let ours = trait_shapes_textually(PRELUDE.text);
        let missing: Vec<_> = expected.difference(&ours).collect();
        assert!(
            missing.is_empty(),
            "prelude traits missing or of another type: {missing:?}"
        );
        for (_, name) in [
            ("structure", "Unit"),
            ("boolean", "PrimitiveBoolean"),
            ("string", "String"),
        ] {
            assert!(PRELUDE
                .text
                .lines()
                .any(|l| shape_statement(l).is_some_and(|(_, n)| n == name)));
        }
    }

    #[test]
    fn builtin_namespaces() {
        for ns in [
            "smithy.api",
            "apigen.api",
            "aws.protocols",
            "aws.auth",
            "aws.api",
            "aws.iam",
            "aws.cloudformation",
            "aws.endpoints",
            "aws.customizations",
            "aws.apigateway",
            "aws.test",
            "smithy.rules",
            "smithy.waiters",
            "smithy.test",
        ] {
            assert!(is_builtin_namespace(ns), "{ns}");
        }
        for ns in [
            "aws.protocoltests.json",
            "aws.protocols.extra",
            "aws",
            "smithy",
            "smithy.framework",
            "smithy.testing",
            "com.amazonaws.ecr",
        ] {
            assert!(!is_builtin_namespace(ns), "{ns}");
        }
        for file in std::iter::once(&PRELUDE).chain(LIBRARIES) {
            let declared = format!("\nnamespace {}\n", file.namespace);
            assert!(
                file.text.contains(&declared),
                "{} declares {}",
                file.path,
                file.namespace
            );
            assert!(file.text.contains("$version: \"2.0\""), "{}", file.path);
            assert!(file.path.starts_with("<builtin>/"), "{}", file.path);
        }
    }

    fn parse_clean(sources: &mut SourceMap, path: &str, text: &str) -> RawFile {
        let id = sources.add(path, text.to_string());
        let mut diags = Diagnostics::new();
        let parsed = idl::parse(id, text, &mut diags);
        let problems: Vec<_> = diags
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .collect();
        assert!(problems.is_empty(), "{path}: {problems:#?}");
        parsed.unwrap_or_else(|| panic!("{path} did not parse"))
    }

    #[test]
    fn builtin_files_parse_and_assemble_cleanly() {
        let mut sources = SourceMap::default();
        let files: Vec<RawFile> = std::iter::once(&PRELUDE)
            .chain(LIBRARIES)
            .map(|f| parse_clean(&mut sources, f.path, f.text))
            .collect();
        let mut diags = Diagnostics::new();
        let model = assemble::assemble(&files, &sources, &mut diags);
        crate::validate::validate(&model, &mut diags, &[]);
        let problems: Vec<_> = diags
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .collect();
        assert!(problems.is_empty(), "{problems:#?}");
        for id in [
            "smithy.api#String",
            "smithy.api#Unit",
            "smithy.api#httpHeader",
            "aws.protocols#awsJson1_1",
            "aws.auth#sigv4",
            "aws.api#service",
            "apigen.api#summary",
            "smithy.rules#endpointRuleSet",
            "smithy.rules#endpointTests",
            "smithy.rules#contextParam",
            "smithy.rules#staticContextParams",
            "smithy.rules#operationContextParams",
            "smithy.rules#clientContextParams",
            "smithy.waiters#waitable",
            "smithy.test#smokeTests",
            "smithy.test#httpRequestTests",
            "smithy.test#httpMalformedRequestTests",
            "aws.iam#iamAction",
            "aws.cloudformation#cfnResource",
            "aws.endpoints#standardRegionalEndpoints",
            "aws.customizations#s3UnwrappedXmlOutput",
            "aws.apigateway#integration",
            "aws.test#AwsVendorParams",
        ] {
            assert!(
                model.shapes.keys().any(|k| k.to_string() == id),
                "{id} missing from the assembled model"
            );
        }
    }

    // --- Structural comparison with Smithy's definitions ---------------------

    /// A trait value with prose dropped: `message`/`errorMessage` keys (apigen
    /// words them itself) and whitespace differences in strings.
    fn normalized(node: &Node) -> String {
        match &node.value {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            Value::String(s) => format!("{:?}", s.split_whitespace().collect::<Vec<_>>().join(" ")),
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(normalized).collect();
                format!("[{}]", items.join(","))
            }
            Value::Object(entries) => {
                let mut entries: Vec<String> = entries
                    .iter()
                    .filter(|(k, _)| k.name != "message" && k.name != "errorMessage")
                    .map(|(k, v)| format!("{}:{}", k.name, normalized(v)))
                    .collect();
                entries.sort();
                format!("{{{}}}", entries.join(","))
            }
        }
    }

    fn traits_of(traits: &[RawTrait]) -> BTreeSet<String> {
        traits
            .iter()
            .filter(|t| t.id.text != "documentation" && t.id.text != "smithy.api#documentation")
            .map(|t| {
                let value =
                    if t.annotation && matches!(&t.value.value, Value::Object(e) if e.is_empty()) {
                        String::new()
                    } else {
                        normalized(&t.value)
                    };
                format!("@{}({value})", t.id.text)
            })
            .collect()
    }

    fn member_summary(m: &RawMember) -> String {
        format!(
            "{}: {} = {} {:?}",
            m.name,
            m.target
                .as_ref()
                .map(|t| t.text.as_str())
                .unwrap_or("<elided>"),
            m.default.as_ref().map(normalized).unwrap_or_default(),
            traits_of(&m.traits)
        )
    }

    fn shape_summary(s: &RawShape) -> Vec<String> {
        let mut out = vec![
            format!("kind {:?} (set: {})", s.kind, s.was_set),
            format!("traits {:?}", traits_of(&s.traits)),
            format!(
                "mixins {:?}",
                s.mixins.iter().map(|m| m.text.as_str()).collect::<Vec<_>>()
            ),
        ];
        let mut members: Vec<String> = s.members.iter().map(member_summary).collect();
        members.sort();
        out.extend(members.into_iter().map(|m| format!("member {m}")));
        out
    }

    /// Every shape of the reference file (in `REFERENCE_DIR`) exists in ours
    /// with the same kind, traits (values compared without prose), mixins and
    /// members.
    fn assert_matches_reference(ours: &BuiltinFile, reference_name: &str) {
        assert_matches_text(ours, reference_name, &reference(reference_name));
    }

    fn assert_matches_text(ours: &BuiltinFile, reference_name: &str, reference_text: &str) {
        let mut sources = SourceMap::default();
        let theirs = parse_clean(&mut sources, reference_name, reference_text);
        let mine = parse_clean(&mut sources, ours.path, ours.text);
        assert_eq!(theirs.namespace, mine.namespace);
        let mut failures = Vec::new();
        for shape in &theirs.shapes {
            let Some(own) = mine.shapes.iter().find(|s| s.name == shape.name) else {
                failures.push(format!("{}: missing", shape.name));
                continue;
            };
            let (expected, actual) = (shape_summary(shape), shape_summary(own));
            if expected != actual {
                let mut diff = format!("{}:", shape.name);
                for line in expected.iter().filter(|l| !actual.contains(l)) {
                    diff.push_str(&format!("\n  - reference: {line}"));
                }
                for line in actual.iter().filter(|l| !expected.contains(l)) {
                    diff.push_str(&format!("\n  + builtin:   {line}"));
                }
                failures.push(diff);
            }
        }
        for shape in &mine.shapes {
            if !theirs.shapes.iter().any(|s| s.name == shape.name) {
                failures.push(format!("{}: not in the reference", shape.name));
            }
        }
        assert!(
            failures.is_empty(),
            "{}:\n{}",
            ours.path,
            failures.join("\n")
        );
    }

    fn library(ns: &str) -> &'static BuiltinFile {
        LIBRARIES.iter().find(|l| l.namespace == ns).unwrap()
    }

    #[test]
    fn builtin_prelude_matches_smithy() {
        assert_matches_reference(&PRELUDE, "prelude.smithy");
    }

    #[test]
    fn builtin_aws_protocols_matches_smithy() {
        assert_matches_reference(library("aws.protocols"), "aws.protocols.smithy");
    }

    #[test]
    fn builtin_aws_auth_matches_smithy() {
        assert_matches_reference(library("aws.auth"), "aws.auth.smithy");
    }

    #[test]
    fn builtin_aws_api_matches_smithy() {
        assert_matches_reference(library("aws.api"), "aws.api.smithy");
    }

    /// The libraries whose Smithy definitions are not in `REFERENCE_DIR`,
    /// compared on demand with a checkout (work tree) of smithy-lang/smithy:
    /// `APIGEN_SMITHY_CHECKOUT=<dir> cargo test -p apigen --lib -- --ignored upstream`.
    #[test]
    #[ignore = "needs APIGEN_SMITHY_CHECKOUT, a checkout of smithy-lang/smithy"]
    fn builtin_libraries_match_upstream_checkout() {
        let checkout = std::env::var("APIGEN_SMITHY_CHECKOUT")
            .expect("set APIGEN_SMITHY_CHECKOUT to a checkout of smithy-lang/smithy");
        for (ours, package, name) in [
            (
                "smithy.rules.smithy",
                "smithy-rules-engine",
                "smithy.rules.smithy",
            ),
            ("smithy.waiters.smithy", "smithy-waiters", "waiters.smithy"),
            (
                "smithy.test-smoke.smithy",
                "smithy-smoke-test-traits",
                "smithy.test.smithy",
            ),
            (
                "smithy.test-protocol.smithy",
                "smithy-protocol-test-traits",
                "smithy.test.smithy",
            ),
            ("aws.iam.smithy", "smithy-aws-iam-traits", "aws.iam.smithy"),
            (
                "aws.cloudformation.smithy",
                "smithy-aws-cloudformation-traits",
                "aws.cloudformation.smithy",
            ),
            (
                "aws.endpoints.smithy",
                "smithy-aws-endpoints",
                "aws.endpoints.smithy",
            ),
            (
                "aws.customizations.smithy",
                "smithy-aws-traits",
                "aws.customizations.smithy",
            ),
            (
                "aws.apigateway.smithy",
                "smithy-aws-apigateway-traits",
                "aws.apigateway.smithy",
            ),
            (
                "aws.test.smithy",
                "smithy-aws-smoke-test-model",
                "aws.test.smithy",
            ),
            ("aws.api.smithy", "smithy-aws-traits", "aws.api.smithy"),
            ("aws.auth.smithy", "smithy-aws-traits", "aws.auth.smithy"),
            (
                "aws.protocols.smithy",
                "smithy-aws-traits",
                "aws.protocols.smithy",
            ),
        ] {
            let path = format!("{checkout}/{package}/src/main/resources/META-INF/smithy/{name}");
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
            let file = LIBRARIES
                .iter()
                .find(|l| l.path.strip_prefix("<builtin>/") == Some(ours))
                .unwrap_or_else(|| panic!("no built-in {ours}"));
            assert_matches_text(file, &path, &text);
        }
    }

    #[test]
    fn builtin_protocol_tests_match_smithy() {
        let file = LIBRARIES
            .iter()
            .find(|l| l.path == "<builtin>/smithy.test-protocol.smithy")
            .unwrap();
        assert_matches_reference(file, "smithy.test.smithy");
    }
}
