//! Writing generated crates: determinism, regeneration of exactly the
//! affected files, the staleness check, and refusal to clobber edits.

mod common;

use apigen::generate::{Config, Error, Layout, Outcome};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apigen-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_specs(to: &Path) -> PathBuf {
    let specs = to.join("specs");
    std::fs::create_dir_all(&specs).unwrap();
    for name in ["ecr.smithy", "ecr-swagger.yaml"] {
        std::fs::copy(
            common::repo().join("specs/ecr").join(name),
            specs.join(name),
        )
        .unwrap();
    }
    // The seed copy is read-only in the repository; the test edits its copy.
    let mut perms = std::fs::metadata(specs.join("ecr-swagger.yaml"))
        .unwrap()
        .permissions();
    #[allow(clippy::permissions_set_readonly_false)] // a private temporary copy
    perms.set_readonly(false);
    std::fs::set_permissions(specs.join("ecr-swagger.yaml"), perms).unwrap();
    specs
}

fn config(specs: &Path, out: &Path) -> Config {
    let mut c = Config::new();
    c.model(specs.join("ecr.smithy"))
        .swagger(specs.join("ecr-swagger.yaml"))
        .out_dir(out);
    c
}

fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    common::files_under(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).unwrap();
            (rel.to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

fn written(report: &apigen::generate::Report) -> BTreeSet<String> {
    report
        .files
        .iter()
        .filter(|f| f.outcome == Outcome::Written)
        .map(|f| f.path.clone())
        .collect()
}

#[test]
fn output_is_byte_identical_whatever_the_input_order() {
    let dir = temp_dir("determinism");
    let specs = copy_specs(&dir);
    let (a, b) = (dir.join("a"), dir.join("b"));
    config(&specs, &a).generate().unwrap();
    // Same inputs, other order, other run.
    let mut reversed = Config::new();
    reversed
        .swagger(specs.join("ecr-swagger.yaml"))
        .model(specs.join("ecr.smithy"))
        .out_dir(&b);
    reversed.generate().unwrap();
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.len() > 40, "only {} files", ta.len());
    assert_eq!(ta, tb);
    // The checked-in crate is what the bundled specs produce.
    let checked_in = common::repo().join("generated");
    let mut check = Config::new();
    check
        .model(common::repo().join("specs/ecr"))
        .swagger(common::repo().join("specs/ecr/ecr-swagger.yaml"))
        .features(apigen::emit::Features::ALL)
        .out_dir(&checked_in);
    check
        .check()
        .unwrap_or_else(|e| panic!("generated/ is stale: {e}"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn regeneration_touches_exactly_the_affected_files_and_check_catches_staleness() {
    let dir = temp_dir("regen");
    let specs = copy_specs(&dir);
    let out = dir.join("generated");
    let first = config(&specs, &out).generate().unwrap();
    assert!(first.count(Outcome::Written) > 40);

    // Nothing changed: nothing written.
    let again = config(&specs, &out).generate().unwrap();
    assert_eq!(again.count(Outcome::Written), 0, "{:?}", written(&again));

    // Change one member's documentation and add an operation.
    let model_path = specs.join("ecr.smithy");
    let model = std::fs::read_to_string(&model_path).unwrap();
    let edited = model
        .replacen(
            "        GetRepositoryPolicy\n    ]",
            "        GetRepositoryPolicy\n        PingRegistry\n    ]",
            1,
        )
        .replacen(
            "structure Tag {",
            "structure Tag {\n    /// When the tag was attached.\n    attachedAt: Timestamp\n",
            1,
        )
        + "\n/// Checks that the registry answers.\n@readonly\noperation PingRegistry {\n    input := {}\n    output := {\n        ok: Boolean\n    }\n}\n";
    assert_ne!(edited, model, "the edit must apply");
    std::fs::write(&model_path, edited).unwrap();

    let stale = config(&specs, &out).check();
    match stale {
        Err(Error::Stale(files)) => {
            assert!(files.iter().any(|f| f.contains("tag.rs")), "{files:?}");
            assert!(
                files.iter().any(|f| f.contains("ping_registry.rs")),
                "{files:?}"
            );
        }
        other => panic!("check must report stale files, got {other:?}"),
    }

    let second = config(&specs, &out).generate().unwrap();
    let expected: BTreeSet<String> = [
        "client.rs",
        "error.rs",
        "lib.rs",
        "operation/mod.rs",
        "operation/ping_registry.rs",
        "types/tag.rs",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    // Operations that mention Tag in their inputs/outputs embed no Tag code, so they stay untouched.
    assert_eq!(written(&second), expected);
    config(&specs, &out).check().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hand_edits_and_foreign_files_are_not_clobbered() {
    let dir = temp_dir("clobber");
    let specs = copy_specs(&dir);
    let out = dir.join("generated");
    config(&specs, &out).generate().unwrap();

    let edited = out.join("types/tag.rs");
    let text = std::fs::read_to_string(&edited).unwrap() + "\n// my note\n";
    std::fs::write(&edited, &text).unwrap();
    let foreign = out.join("client.rs");
    std::fs::write(&foreign, "// mine\n").unwrap();

    match config(&specs, &out).generate() {
        Err(Error::Refused(files)) => {
            assert_eq!(files.len(), 2, "{files:?}");
            assert!(files
                .iter()
                .any(|f| f.contains("tag.rs") && f.contains("edited")));
            assert!(files
                .iter()
                .any(|f| f.contains("client.rs") && f.contains("not written by apigen")));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // Nothing was touched by the refused run.
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), text);
    assert_eq!(std::fs::read_to_string(&foreign).unwrap(), "// mine\n");

    let forced = config(&specs, &out).force(true).generate().unwrap();
    assert!(written(&forced).contains("types/tag.rs"));
    config(&specs, &out).check().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn operation_filter_keeps_only_reachable_shapes() {
    let dir = temp_dir("filter");
    let specs = copy_specs(&dir);
    let out = dir.join("crate");
    let mut c = config(&specs, &out);
    c.layout(Layout::Crate)
        .operations(["InitiateLayerUpload", "UploadLayerPart"]);
    let report = c.generate().unwrap();
    assert_eq!(report.operations, 2);
    let files: Vec<String> = tree(&out).into_iter().map(|(p, _)| p).collect();
    assert!(files.contains(&"Cargo.toml".to_string()));
    assert!(files.contains(&"src/operation/upload_layer_part.rs".to_string()));
    assert!(
        !files.iter().any(|f| f.contains("describe_images")),
        "{files:?}"
    );
    assert!(
        !files.iter().any(|f| f.contains("types/repository.rs")),
        "{files:?}"
    );
    // An unknown operation is an error, not an empty crate.
    let mut bad = config(&specs, &dir.join("bad"));
    bad.operations(["NoSuchOperation"]);
    assert!(matches!(bad.generate(), Err(Error::Invalid(msg)) if msg.contains("NoSuchOperation")));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Builds a generated standalone crate with cargo (shared target dir, so the
/// runtime compiles once) and fails with cargo's output if it does not build.
fn cargo_build(crate_dir: &Path) {
    cargo_clippy_with(crate_dir, &[]);
}

#[test]
fn generated_standalone_crates_build() {
    let dir = temp_dir("standalone");
    // The AWS JSON 1.1 conformance service: unions, documents, sparse
    // collections, recursive and error shapes written by others.
    let json = dir.join("json-protocol");
    let mut c = Config::new();
    c.model(common::shared().join("conformance/smithy"))
        .service("aws.protocoltests.json#JsonProtocol")
        .out_dir(&json)
        .layout(Layout::Crate);
    let report = c.generate().unwrap();
    assert_eq!(report.operations, 18);
    cargo_build(&json);

    // A small ECR crate with two operations.
    let specs = copy_specs(&dir);
    let small = dir.join("ecr-push");
    let mut c = config(&specs, &small);
    c.layout(Layout::Crate)
        .crate_name("ecr-push")
        .operations(["InitiateLayerUpload", "UploadLayerPart"]);
    c.generate().unwrap();
    cargo_build(&small);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unchanged_tree_is_recognised_without_generating() {
    let dir = temp_dir("fresh");
    let specs = copy_specs(&dir);
    let out = dir.join("generated");
    let first = config(&specs, &out).generate().unwrap();
    assert!(!first.up_to_date);
    let second = config(&specs, &out).generate().unwrap();
    assert!(second.up_to_date);
    assert_eq!(second.count(Outcome::Unchanged), first.files.len());
    // A deleted file, or different options, mean real work again.
    std::fs::remove_file(out.join("types/tag.rs")).unwrap();
    let third = config(&specs, &out).generate().unwrap();
    assert!(!third.up_to_date);
    assert_eq!(
        written(&third),
        BTreeSet::from(["types/tag.rs".to_string()])
    );
    let mut filtered = config(&specs, &out);
    filtered.operations(["ListImages"]);
    let fourth = filtered.generate().unwrap();
    assert!(!fourth.up_to_date);
    assert!(fourth.count(Outcome::Removed) > 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A client writes inputs and reads outputs and errors, so it gets only
/// those wire impls and validates only what it sends; a crate with both
/// client and server, or types only, gets every direction.
#[test]
fn wire_impls_follow_the_direction_of_each_shape() {
    let dir = temp_dir("directions");
    let specs = copy_specs(&dir);
    let impls = |features: &str| {
        let mut c = config(&specs, &dir.join("unused"));
        c.features(apigen::emit::Features::parse(features).unwrap());
        let files = c.render().unwrap();
        let text = |path: &str| {
            files
                .iter()
                .find(|f| f.path == path)
                .unwrap_or_else(|| panic!("{path} not generated"))
                .contents
                .clone()
        };
        let has = |path: &str, item: &str| text(path).contains(item);
        (
            // Sent only: an input.
            has(
                "operation/create_repository.rs",
                "impl wire::Encode for CreateRepositoryInput",
            ),
            has(
                "operation/create_repository.rs",
                "impl wire::Decode for CreateRepositoryInput",
            ),
            has(
                "operation/create_repository.rs",
                "impl validation::Validate for CreateRepositoryInput",
            ),
            // Received only: an output and an error.
            has(
                "operation/describe_images.rs",
                "impl wire::Decode for DescribeImagesOutput",
            ),
            has(
                "operation/describe_images.rs",
                "impl wire::Encode for DescribeImagesOutput",
            ),
            has(
                "types/error/repository_not_found_exception.rs",
                "impl wire::Encode for",
            ),
            // Both ways: image ids are sent (BatchGetImage) and received.
            has(
                "types/image_identifier.rs",
                "impl wire::Encode for ImageIdentifier",
            ),
            has(
                "types/image_identifier.rs",
                "impl wire::Decode for ImageIdentifier",
            ),
        )
    };
    assert_eq!(
        impls("client"),
        (true, false, true, true, false, false, true, true)
    );
    assert_eq!(
        impls("client,server"),
        (true, true, true, true, true, true, true, true)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs clippy on a generated crate with the given feature flags.
fn cargo_clippy_with(crate_dir: &Path, flags: &[&str]) {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["clippy", "--quiet", "--all-targets", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .args(flags)
        .args(["--", "-D", "warnings"])
        .env("CARGO_TARGET_DIR", common::repo().join("target"))
        .output()
        .expect("running cargo");
    assert!(
        out.status.success(),
        "{} {flags:?} does not build cleanly:\n{}",
        crate_dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes the OpenAPI document `text` as `dir/NAME.yaml` and generates a
/// standalone crate named NAME from it into `dir/NAME`.
fn openapi_crate(
    dir: &Path,
    name: &str,
    text: &str,
) -> (PathBuf, PathBuf, apigen::generate::Report) {
    let doc = dir.join(format!("{name}.yaml"));
    std::fs::write(&doc, text).unwrap();
    let out = dir.join(name);
    let mut c = Config::new();
    c.swagger(&doc)
        .out_dir(&out)
        .layout(Layout::Crate)
        .crate_name(name);
    let report = c.generate().unwrap();
    (doc, out, report)
}

#[test]
fn operation_groups_become_cargo_features() {
    let dir = temp_dir("groups");
    let (doc, out, _) = openapi_crate(
        &dir,
        "shop",
        "\
openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /v1/orders/{id}:
    get:
      operationId: getOrder
      tags: [Order Book]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
  /v1/customers/{id}:
    get:
      operationId: getCustomer
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Customer'}}}}
        default: {description: failed, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  /v1/customers/{id}/orders:
    get:
      operationId: listCustomerOrders
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Order'}}}}}
  /health:
    get:
      operationId: health
      tags: []
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
components:
  schemas:
    Order: {type: object, properties: {id: {type: string}, customer: {$ref: '#/components/schemas/Customer'}}}
    Customer: {type: object, properties: {id: {type: string}}}
    Problem: {type: object, properties: {title: {type: string}}}
",
    );
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let manifest = read("Cargo.toml");
    // Tags name groups; untagged operations are grouped by their first
    // path segment after the version; `/health` is its own group.
    assert!(
        manifest.contains("default = [\"customers\", \"health\", \"order-book\"]"),
        "{manifest}"
    );
    let types = read("src/types/mod.rs");
    // A type is gated by the groups that reach it: Order and Customer (in
    // an order) by customers and order-book, Problem by customers (its
    // error) and health; none by all three, so every one is gated.
    assert!(
        types.contains(
            "#[cfg(any(feature = \"customers\", feature = \"order-book\"))]\npub use order::Order;"
        ),
        "{types}"
    );
    assert!(
        types.contains("#[cfg(any(feature = \"customers\", feature = \"order-book\"))]\npub use customer::Customer;"),
        "{types}"
    );
    assert!(
        types.contains(
            "#[cfg(any(feature = \"customers\", feature = \"health\"))]\npub use problem::Problem;"
        ),
        "{types}"
    );
    let ops = read("src/operation/mod.rs");
    assert!(
        ops.contains("#[cfg(feature = \"order-book\")]\npub mod get_order;"),
        "{ops}"
    );
    for flags in [
        &[][..],
        &["--no-default-features"],
        &["--no-default-features", "--features", "order-book"],
        &["--no-default-features", "--features", "health"],
    ] {
        cargo_clippy_with(&out, flags);
    }
    // Modules embedded in another crate have no features of their own.
    let embedded = dir.join("embedded");
    let mut c = Config::new();
    c.swagger(&doc).out_dir(&embedded);
    c.generate().unwrap();
    let ops = std::fs::read_to_string(embedded.join("operation/mod.rs")).unwrap();
    assert!(!ops.contains("cfg(feature"), "{ops}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_json_media_type_the_document_names_is_the_content_type() {
    let dir = temp_dir("media");
    let (_, out, report) = openapi_crate(
        &dir,
        "patch",
        "\
openapi: 3.0.3
info: {title: Patch, version: '1'}
paths:
  /profile:
    patch:
      operationId: patchProfile
      requestBody:
        content:
          application/merge-patch+json:
            schema: {type: object, properties: {nickname: {type: string}}}
      responses:
        '204': {description: patched}
    put:
      operationId: putProfile
      requestBody:
        content:
          '*/*':
            schema: {type: object, properties: {nickname: {type: string}}}
      responses:
        '204': {description: stored}
",
    );
    // `*/*` takes JSON without a warning.
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let patch = std::fs::read_to_string(out.join("src/operation/patch_profile.rs")).unwrap();
    assert!(
        patch.contains("Option::Some(\"application/merge-patch+json\")"),
        "{patch}"
    );
    let put = std::fs::read_to_string(out.join("src/operation/put_profile.rs")).unwrap();
    assert!(put.contains("Option::Some(\"application/json\")"), "{put}");
    assert!(!put.contains("*/*"), "{put}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn array_path_parameters_and_cookie_parameters_are_written_in_their_style() {
    let dir = temp_dir("path-arrays");
    let (_, out, report) = openapi_crate(
        &dir,
        "batches",
        "\
openapi: 3.0.3
info: {title: Batches, version: '1'}
paths:
  /b/{ids}/{tags}/{names}:
    get:
      operationId: getBatch
      parameters:
        - {name: ids, in: path, required: true, schema: {type: array, items: {type: integer}}}
        - {name: tags, in: path, required: true, style: label, explode: true, schema: {type: array, items: {type: string}}}
        - {name: names, in: path, required: true, style: matrix, explode: true, schema: {type: array, items: {type: string}}}
        - {name: theme, in: cookie, schema: {type: string}}
        - {name: X-Color, in: header, explode: true, schema: {type: object, properties: {R: {type: integer}, G: {type: integer}}}}
      responses:
        '204': {description: ok}
",
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let op = std::fs::read_to_string(out.join("src/operation/get_batch.rs")).unwrap();
    // The style's prefix is literal text of the template; each item is a
    // label of its own (percent-encoded alone), the delimiter literal.
    for literal in [
        "\"/b/\"",
        "\"/.\"",
        "\"/;names=\"",
        "\",\"",
        "\".\"",
        "\";names=\"",
    ] {
        assert!(
            op.contains(&format!("uri.literal({literal});")),
            "{literal} in {op}"
        );
    }
    assert_eq!(op.matches("uri.label(&text, false);").count(), 3, "{op}");
    assert!(!op.contains("has no HTTP text form"), "{op}");
    // An object of single values in a header: its properties as `k=v`
    // assignments joined by commas (exploded `simple`).
    assert!(
        op.contains("object_pairs(\n            \"x-color\","),
        "{op}"
    );
    assert!(
        op.contains("Option::Some(\",\"),\n                false,"),
        "{op}"
    );
    // A cookie parameter goes into the `Cookie` header (a cookie API key
    // joins it when the request is signed).
    assert!(
        op.contains("add_cookie(\n            &mut request.headers,\n            \"theme\","),
        "{op}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
