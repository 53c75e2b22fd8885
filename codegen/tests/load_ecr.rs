//! The bundled ECR specs: one service, AWS JSON 1.1, 17 operations, clean.

mod common;

use apigen::diag::Severity;
use apigen::model::Protocol;

const OPERATIONS: [&str; 17] = [
    "BatchCheckLayerAvailability",
    "BatchDeleteImage",
    "BatchGetImage",
    "CompleteLayerUpload",
    "CreateRepository",
    "DeleteRepository",
    "DeleteRepositoryPolicy",
    "DescribeImages",
    "DescribeRepositories",
    "GetAuthorizationToken",
    "GetDownloadUrlForLayer",
    "GetRepositoryPolicy",
    "InitiateLayerUpload",
    "ListImages",
    "PutImage",
    "SetRepositoryPolicy",
    "UploadLayerPart",
];

#[test]
fn bundled_specs_merge_to_seventeen_operations_without_problems() {
    let loaded = apigen::load(&common::ecr_specs());
    let problems: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| d.render(&loaded.sources))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let services: Vec<_> = loaded
        .model
        .services()
        .filter(|s| s.id.namespace == "com.amazonaws.ecr")
        .collect();
    assert_eq!(services.len(), 1);
    let info = loaded.model.service_info(services[0]).unwrap();
    assert_eq!(info.id.name, "AmazonEC2ContainerRegistry_V20150921");
    assert_eq!(info.version.as_deref(), Some("2015-09-21"));
    assert_eq!(info.protocol(), Some(&Protocol::AwsJson1_1));
    assert_eq!(info.signing_name.as_deref(), Some("ecr"));
    assert_eq!(info.endpoint_prefix.as_deref(), Some("api.ecr"));
    assert_eq!(info.sdk_id.as_deref(), Some("ECR"));
    let names: Vec<&str> = info.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, OPERATIONS);
}

#[test]
fn swagger_enriches_the_shared_operations() {
    let loaded = apigen::load(&common::ecr_specs());
    let model = &loaded.model;
    let op = model
        .shapes
        .values()
        .find(|s| s.id.name == "DescribeImages")
        .expect("DescribeImages");
    let summary = op
        .traits
        .get(&apigen::model::traits::summary())
        .and_then(|n| n.as_str());
    assert_eq!(summary, Some("Describe Images"));
    let tags = op
        .traits
        .get(&apigen::model::traits::tags())
        .and_then(|n| n.as_array())
        .unwrap();
    assert!(tags.iter().any(|t| t.as_str() == Some("Images")));
    let info = model
        .operation_info(
            model
                .services()
                .find(|s| s.id.namespace == "com.amazonaws.ecr"),
            op,
        )
        .unwrap();
    let pagination = info.pagination.expect("DescribeImages is paginated");
    assert_eq!(pagination.items.as_deref(), Some("imageDetails"));
    assert_eq!(pagination.input_token.as_deref(), Some("nextToken"));
}

#[test]
fn a_swagger_operation_the_model_lacks_is_a_located_warning() {
    let mut input = apigen::load::Input::new();
    input.add_model_path(&common::repo().join("specs/ecr"));
    let swagger =
        std::fs::read_to_string(common::repo().join("specs/ecr/ecr-swagger.yaml")).unwrap();
    let extra = swagger.replace(
        "  /?Action=DeleteRepository:",
        "  /?Action=TagResource:\n    get:\n      operationId: tagResource\n      responses:\n        200:\n          description: OK\n  /?Action=DeleteRepository:",
    );
    input.add_openapi(
        "extra.yaml".into(),
        extra.replace("name: force", "name: forced"),
    );
    let loaded = input.finish(false);
    let warnings: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 2, "{}", loaded.render_diagnostics());
    let missing = warnings
        .iter()
        .find(|d| d.code == "merge-missing-operation")
        .unwrap();
    assert!(missing.message.contains("TagResource"));
    let span = missing.span.unwrap();
    assert_eq!(loaded.sources.path(span.file).to_str(), Some("extra.yaml"));
    assert!(span.line > 1);
    let param = warnings
        .iter()
        .find(|d| d.code == "merge-parameter")
        .unwrap();
    assert!(param.message.contains("\"forced\""), "{}", param.message);

    // --strict turns the same findings into errors.
    let mut strict = apigen::load::Input::new();
    strict.add_model_path(&common::repo().join("specs/ecr"));
    strict.add_openapi("extra.yaml".into(), extra);
    let loaded = strict.finish(true);
    assert!(loaded.has_errors());
}
