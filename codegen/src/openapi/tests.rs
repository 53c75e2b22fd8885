//! Loader tests: the real documents in shared/openapi and the ECR seed load
//! cleanly with the expected facts; malformed inputs fail at exact positions.

use super::*;
use crate::diag::{Diagnostics, Severity};
use crate::model::{traits, Shape, ShapeKind};
use crate::node::Node;
use crate::source::SourceMap;

const PETSTORE3: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/openapi/petstore3-openapi-3.0.yaml"
));
const PETSTORE31: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/openapi/petstore-openapi-3.1.yaml"
));
const MUSEUM: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/openapi/museum-openapi-3.1.yaml"
));
const EXPANDED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/openapi/petstore-expanded-swagger-2.0.yaml"
));
const ECR: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../specs/ecr/ecr-swagger.yaml"
));

struct Loaded {
    doc: Option<LoadedDocument>,
    diags: Diagnostics,
    sources: SourceMap,
}

impl Loaded {
    /// First lines of the rendered diagnostics: `file:line:col: sev[code]: msg`.
    fn lines(&self) -> Vec<String> {
        self.diags
            .iter()
            .map(|d| {
                d.render(&self.sources)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    }

    fn errors(&self) -> Vec<String> {
        self.diags
            .iter()
            .zip(self.lines())
            .filter(|(d, _)| d.severity == Severity::Error)
            .map(|(_, l)| l)
            .collect()
    }

    fn doc(&self) -> &LoadedDocument {
        self.doc.as_ref().expect("the document loads")
    }

    fn shape(&self, name: &str) -> &Shape {
        let doc = self.doc();
        let id = ShapeId::new(doc.service.namespace.clone(), name);
        doc.model
            .shape(&id)
            .unwrap_or_else(|| panic!("no shape {id}"))
    }

    fn op(&self, name: &str) -> &DocOperation {
        self.doc()
            .operations
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("no operation {name}"))
    }
}

fn load_text(name: &str, text: &str) -> Loaded {
    let mut sources = SourceMap::new();
    let file = sources.add(name, text.to_string());
    let mut diags = Diagnostics::new();
    let doc = load(file, text, &mut diags);
    Loaded {
        doc,
        diags,
        sources,
    }
}

/// Loads a real document and checks that neither the loader nor model
/// validation finds an error.
fn load_clean(name: &str, text: &str) -> Loaded {
    let mut loaded = load_text(name, text);
    assert!(loaded.errors().is_empty(), "{:#?}", loaded.errors());
    let model = loaded.doc().model.clone();
    crate::validate::validate(&model, &mut loaded.diags, &[]);
    assert!(loaded.errors().is_empty(), "{:#?}", loaded.errors());
    loaded
}

/// The single error a malformed input yields, rendered.
fn only_error(name: &str, text: &str) -> String {
    let loaded = load_text(name, text);
    let errors = loaded.errors();
    assert_eq!(errors.len(), 1, "{:#?}", loaded.lines());
    errors[0].clone()
}

fn enum_values(shape: &Shape) -> Vec<String> {
    shape
        .members
        .iter()
        .filter_map(|m| m.traits.get(&traits::enum_value()).and_then(Node::as_str))
        .map(str::to_string)
        .collect()
}

/// The string value of trait `id` on member `member` of `shape`.
fn member_trait<'s>(shape: &'s Shape, member: &str, id: &ShapeId) -> Option<&'s str> {
    shape
        .member(member)
        .unwrap_or_else(|| panic!("no member {member}"))
        .traits
        .get(id)
        .and_then(Node::as_str)
}

fn member_names(shape: &Shape) -> Vec<&str> {
    shape.members.iter().map(|m| m.name.as_str()).collect()
}

// ---- real documents -------------------------------------------------------

#[test]
fn petstore3_loads() {
    let l = load_clean("petstore3.yaml", PETSTORE3);
    let doc = l.doc();
    assert_eq!(doc.version, SpecVersion::OpenApi30);
    assert_eq!(doc.operations.len(), 19);
    assert_eq!(doc.service.namespace, "swagger.petstore.openapi30");

    let pet = l.shape("Pet");
    assert_eq!(pet.kind, ShapeKind::Structure);
    let required: Vec<&str> = pet
        .members
        .iter()
        .filter(|m| traits::is_required(&m.traits))
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(required, ["name", "photoUrls"]);
    let status = pet.member("status").unwrap();
    let status_enum = l.doc().model.shape(&status.target).unwrap();
    assert_eq!(status_enum.kind, ShapeKind::Enum);
    assert_eq!(enum_values(status_enum), ["available", "pending", "sold"]);
    // Spans point at the property key in the YAML.
    assert_eq!((status.span.line, status.span.column), (788, 9));
    assert_eq!(
        l.doc()
            .model
            .shape(&pet.member("photoUrls").unwrap().target)
            .unwrap()
            .kind,
        ShapeKind::List
    );

    // GET /pet/{petId}: label, readonly, output body, errors.
    let op = l.shape("GetPetById");
    let info = l.doc().model.operation_info(None, op).unwrap();
    let http = info.http.unwrap();
    assert_eq!(
        (http.method.as_str(), http.uri.as_str(), http.code),
        ("GET", "/pet/{petId}", 200)
    );
    assert!(info.readonly);
    assert_eq!(info.summary.as_deref(), Some("Find pet by ID."));
    let input = l.shape("GetPetByIdInput");
    let pet_id = input.member("petId").unwrap();
    assert!(pet_id.traits.contains_key(&traits::http_label()));
    assert!(traits::is_required(&pet_id.traits));
    assert_eq!(pet_id.target, ShapeId::prelude("Long"));
    let output = l.shape("GetPetByIdOutput");
    assert!(output
        .member("body")
        .unwrap()
        .traits
        .contains_key(&traits::http_payload()));
    let not_found = l.shape("GetPetByIdNotFoundError");
    assert_eq!(traits::error_kind(&not_found.traits), Some("client"));
    assert_eq!(traits::http_error_code(&not_found.traits), Some(404));
    assert!(info.errors.contains(&not_found.id));

    // A query parameter, a header parameter, idempotent DELETE.
    let delete = l.shape("DeletePet");
    assert!(delete.has_trait(&traits::idempotent()));
    let api_key = l.shape("DeletePetInput").member("api_key").unwrap();
    assert_eq!(
        api_key
            .traits
            .get(&traits::http_header())
            .and_then(Node::as_str),
        Some("api_key")
    );
    let status_q = l.shape("FindPetsByStatusInput").member("status").unwrap();
    assert_eq!(
        status_q
            .traits
            .get(&traits::http_query())
            .and_then(Node::as_str),
        Some("status")
    );

    // date-time → timestamp with its format on the member.
    let ship = l.shape("Order").member("shipDate").unwrap();
    assert_eq!(ship.target, ShapeId::prelude("Timestamp"));
    assert_eq!(
        ship.traits
            .get(&traits::timestamp_format())
            .and_then(Node::as_str),
        Some("date-time")
    );
    // additionalProperties → map.
    assert_eq!(l.shape("GetInventoryOutputBody").kind, ShapeKind::Map);
}

#[test]
fn security_schemes_servers_and_the_protocol_become_service_traits() {
    let l = load_clean("petstore3.yaml", PETSTORE3);
    let doc = l.doc();
    let service = doc.model.shape(&doc.service).unwrap();
    // (The trait's definition, with `@protocolDefinition`, is a built-in
    // that the loader adds beside the document.)
    assert!(service
        .traits
        .contains_key(&ShapeId::new("apigen.api", "restJson")));
    let api_key = service
        .traits
        .get(&ShapeId::new("smithy.api", "httpApiKeyAuth"))
        .expect("the api_key scheme");
    assert_eq!(api_key.get("name").and_then(Node::as_str), Some("api_key"));
    assert_eq!(api_key.get("in").and_then(Node::as_str), Some("header"));
    // OAuth2 sends a bearer token.
    assert!(service
        .traits
        .contains_key(&ShapeId::new("smithy.api", "httpBearerAuth")));
    assert_eq!(
        service
            .traits
            .get(&ShapeId::new("apigen.api", "defaultEndpoint"))
            .and_then(Node::as_str),
        Some("https://petstore3.swagger.io/api/v3")
    );
    // getPetById accepts the API key first, then OAuth2: its own `@auth`.
    let auth: Vec<&str> = l
        .shape("GetPetById")
        .traits
        .get(&traits::auth())
        .and_then(Node::as_array)
        .unwrap()
        .iter()
        .filter_map(Node::as_str)
        .collect();
    assert_eq!(
        auth,
        ["smithy.api#httpApiKeyAuth", "smithy.api#httpBearerAuth"]
    );
    // A relative server URL gives no default endpoint, with a note.
    let l = load_text("petstore31.yaml", PETSTORE31);
    let doc = l.doc();
    let service = doc.model.shape(&doc.service).unwrap();
    assert!(!service
        .traits
        .contains_key(&ShapeId::new("apigen.api", "defaultEndpoint")));
    assert!(
        l.lines()
            .iter()
            .any(|d| d.contains("openapi-relative-server")),
        "{:?}",
        l.lines()
    );
}

#[test]
fn array_query_styles_become_delimiters_and_object_parameters_are_spread() {
    // Swagger 2.0 `collectionFormat: csv` is `form` without explode: one
    // value, the items joined with commas.
    let l = load_clean("expanded.yaml", EXPANDED);
    let input = l.shape("FindPetsInput");
    let tags = input.member("tags").unwrap();
    assert_eq!(
        tags.traits
            .get(&ShapeId::new("apigen.api", "httpQueryDelimiter"))
            .and_then(Node::as_str),
        Some(",")
    );
    assert!(!input
        .member("limit")
        .unwrap()
        .traits
        .contains_key(&ShapeId::new("apigen.api", "httpQueryDelimiter")));
    let doc = r#"openapi: 3.0.3
info: {title: Styles, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, style: matrix, schema: {type: string}}
        - {name: piped, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
        - {name: filter, in: query, style: deepObject, schema: {type: object, properties: {a: {type: string}}}}
      responses:
        "200": {description: ok}
"#;
    let l = load_text("styles.yaml", doc);
    let input = l.shape("GetThingInput");
    assert_eq!(
        input
            .member("piped")
            .unwrap()
            .traits
            .get(&ShapeId::new("apigen.api", "httpQueryDelimiter"))
            .and_then(Node::as_str),
        Some("|")
    );
    // A deepObject query parameter is spread into `filter[a]` keys.
    assert!(input.member("filter").is_some());
    let lines = l.lines().join("\n");
    assert!(!lines.contains("styles.yaml:10:11:"), "{lines}");
    // A scalar in matrix style is written behind its `;id=` prefix.
    assert!(!lines.contains("styles.yaml:8:11:"), "{lines}");
    assert!(!lines.contains("matrix"), "{lines}");
}

#[test]
fn petstore31_loads() {
    let l = load_clean("petstore31.yaml", PETSTORE31);
    assert_eq!(l.doc().version, SpecVersion::OpenApi31);
    assert_eq!(l.doc().operations.len(), 6);
    let lines = l.lines();
    assert!(
        lines
            .iter()
            .any(|d| d.contains("note[openapi-webhooks]") && d.contains("newPet")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|d| d.contains("mutualTLS")), "{lines:#?}");
}

#[test]
fn museum31_loads_and_notes_the_webhook() {
    let l = load_clean("museum.yaml", MUSEUM);
    let doc = l.doc();
    assert_eq!(doc.version, SpecVersion::OpenApi31);
    assert_eq!(doc.operations.len(), 8);
    let note = l
        .diags
        .iter()
        .zip(l.lines())
        .find(|(d, _)| d.code == "openapi-webhooks")
        .map(|(d, line)| (d.severity, line))
        .unwrap();
    assert_eq!(note.0, Severity::Note);
    assert!(
        note.1
            .starts_with("museum.yaml:221:1: note[openapi-webhooks]"),
        "{}",
        note.1
    );
    assert!(note.1.contains("publishNewEvent"));
    // The operation keeps its name; the schema of the same name yields.
    l.shape("BuyMuseumTickets");
    assert_eq!(l.shape("BuyMuseumTickets").kind, ShapeKind::Operation);
    assert_eq!(l.shape("BuyMuseumTickets2").kind, ShapeKind::Structure);
    // A shared component response is one error shape.
    let not_found = l.shape("NotFound");
    assert_eq!(traits::http_error_code(&not_found.traits), Some(404));
    // `format: float`, `format: binary`.
    assert_eq!(l.shape("EventPrice").kind, ShapeKind::Float);
    assert_eq!(l.shape("TicketCodeImage").kind, ShapeKind::Blob);
}

#[test]
fn swagger2_petstore_expanded_loads() {
    let l = load_clean("expanded.yaml", EXPANDED);
    let doc = l.doc();
    assert_eq!(doc.version, SpecVersion::Swagger2);
    assert_eq!(doc.operations.len(), 4);
    assert_eq!(
        doc.service,
        ShapeId::new("swagger.petstore", "SwaggerPetstore")
    );
    let find = l.op("FindPets");
    let params: Vec<(&str, &str)> = find
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location.as_str()))
        .collect();
    assert_eq!(params, [("tags", "query"), ("limit", "query")]);
    assert_eq!(find.parameters[1].schema_type.as_deref(), Some("integer"));
    assert_eq!((find.span.line, find.span.column), (24, 5));
    let input = l.shape("FindPetsInput");
    assert_eq!(member_names(input), ["tags", "limit"]);
    assert_eq!(
        input.member("limit").unwrap().target,
        ShapeId::prelude("Integer")
    );
    assert_eq!(
        l.doc()
            .model
            .shape(&input.member("tags").unwrap().target)
            .unwrap()
            .kind,
        ShapeKind::List
    );
    // The body parameter keeps its name in the document view.
    let add = l.op("AddPet");
    assert_eq!(add.parameters[0].name, "pet");
    assert_eq!(add.parameters[0].location, "body");
    // allOf merges NewPet's properties with the inline part's.
    let pet = l.shape("Pet");
    assert_eq!(member_names(pet), ["name", "tag", "id"]);
    assert!(traits::is_required(&pet.member("name").unwrap().traits));
    assert!(traits::is_required(&pet.member("id").unwrap().traits));
    // The `default` response is an error whose body is the Error schema.
    let err = l.shape("FindPetsDefaultError");
    assert_eq!(err.member("body").unwrap().target.name, "Error");
    // Operation id with spaces.
    l.shape("FindPetById");
}

#[test]
fn ecr_seed_loads() {
    let l = load_clean("ecr-swagger.yaml", ECR);
    let names: Vec<&str> = l.doc().operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "BatchCheckLayerAvailability",
            "BatchDeleteImage",
            "BatchGetImage",
            "CompleteLayerUpload",
            "CreateRepository",
            "DeleteRepository",
            "DeleteRepositoryPolicy",
            "DescribeImages",
            "DescribeRepositories"
        ]
    );
    let describe = l.op("DescribeImages");
    let params: Vec<&str> = describe
        .parameters
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        params,
        [
            "filter",
            "imageIds",
            "maxResults",
            "nextToken",
            "registryId",
            "repositoryName"
        ]
    );
    assert!(describe
        .parameters
        .iter()
        .all(|p| p.schema_type.as_deref() == Some("string") && p.location == "query"));
    assert_eq!(describe.operation_id.as_deref(), Some("describeImages"));
    assert_eq!(describe.tags, ["Images"]);
    let op = l.shape("DescribeImages");
    let http = l
        .doc()
        .model
        .operation_info(None, op)
        .unwrap()
        .http
        .unwrap();
    assert_eq!((http.method.as_str(), http.uri.as_str()), ("GET", "/"));
}

// ---- malformed inputs: exact positions ------------------------------------

#[test]
fn yaml_syntax_error_is_located() {
    let text = "openapi: 3.0.3\ninfo:\n  title: T\n   version: '1'\npaths: {}\n";
    assert_eq!(
        only_error("bad.yaml", text),
        "bad.yaml:4:11: error[yaml-syntax]: invalid YAML: mapping values are not allowed in this context"
    );
}

#[test]
fn yaml_unclosed_flow_mapping_is_located() {
    let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'\npaths: {}\n";
    let e = only_error("flow.yaml", text);
    assert_eq!(
        e,
        "flow.yaml:2:7: error[yaml-syntax]: invalid YAML: the flow mapping '{' is not closed with '}' (the scanner stopped at line 3, column 1: invalid indentation in flow construct)"
    );
}

#[test]
fn duplicate_yaml_key_is_located() {
    let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n  title: U\npaths: {}\n";
    assert_eq!(
        only_error("dup.yaml", text),
        "dup.yaml:5:3: error[yaml-syntax]: duplicate key \"title\" (first defined at line 3, column 3)"
    );
}

#[test]
fn bad_swagger_version_is_located() {
    let text = "swagger: \"1.2\"\ninfo: {title: T, version: '1'}\npaths: {}\n";
    assert_eq!(
        only_error("old.yaml", text),
        "old.yaml:1:10: error[openapi-version]: unsupported `swagger` version \"1.2\": apigen reads swagger \"2.0\""
    );
    let text = "openapi: 4.0.0\ninfo: {title: T, version: '1'}\npaths: {}\n";
    assert_eq!(
        only_error("new.yaml", text),
        "new.yaml:1:10: error[openapi-version]: unsupported `openapi` version \"4.0.0\": apigen reads openapi 3.0.x or 3.1.x"
    );
}

#[test]
fn missing_version_field_is_an_error() {
    let e = only_error("none.yaml", "info: {title: T, version: '1'}\n");
    assert!(
        e.starts_with("none.yaml:1:1: error[openapi-version]"),
        "{e}"
    );
}

#[test]
fn dangling_ref_is_located() {
    let text = "\
swagger: '2.0'
info: {title: T, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          schema:
            $ref: '#/definitions/Nope'
";
    assert_eq!(
        only_error("ref.yaml", text),
        "ref.yaml:10:19: error[openapi-ref]: $ref \"#/components/schemas/Nope\" does not resolve: nothing is defined there"
    );
}

#[test]
fn wrong_type_is_located_at_the_node() {
    let text = "openapi: 3.0.3\ninfo: hello\npaths: {}\n";
    assert_eq!(
        only_error("type.yaml", text),
        "type.yaml:2:7: error[openapi-invalid]: info: invalid type: string \"hello\", expected struct Info"
    );
    let text = "\
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /pets:
    get:
      responses: 42
";
    assert_eq!(
        only_error("deep.yaml", text),
        "deep.yaml:6:18: error[openapi-invalid]: paths./pets.get.responses: invalid type: integer `42`, expected struct Responses"
    );
}

#[test]
fn truncated_json_is_located() {
    let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"T\"";
    assert_eq!(
        only_error("cut.json", text),
        "cut.json:3:24: error[json-syntax]: unterminated object: the '{' at 3:11 is not closed; expected ',' or '}'"
    );
}

#[test]
fn second_yaml_document_is_an_error() {
    let text = "---\nopenapi: 3.0.3\n---\nopenapi: 3.1.0\n";
    let e = only_error("two.yaml", text);
    assert!(
        e.starts_with("two.yaml:4:1: error[yaml-syntax]: a second YAML document"),
        "{e}"
    );
}

#[test]
fn alias_bombs_are_refused() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..8 {
        let prev = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
        ));
    }
    let e = only_error("bomb.yaml", &text);
    assert!(
        e.contains("error[yaml-syntax]: aliases expand to more than"),
        "{e}"
    );
}

#[test]
fn empty_input_is_an_error() {
    let e = only_error("empty.yaml", "  \n");
    assert_eq!(
        e,
        "empty.yaml:1:1: error[openapi-empty]: the document is empty"
    );
}

// ---- conversions and lowering ---------------------------------------------

#[test]
fn yaml_scalars_follow_the_core_schema() {
    let mut diags = Diagnostics::new();
    let text = "a: true\nb: 'true'\nc: ~\nd: 0x1F\ne: 1.5e3\nf: 012\n200: x\ng: &x {k: 1}\nh: *x\ni: !!str 5\n";
    let node = yaml::parse(crate::source::FileId(0), text, &mut diags).unwrap();
    assert!(diags.is_empty());
    let json = node.to_json();
    assert_eq!(json["a"], serde_json::json!(true));
    assert_eq!(json["b"], serde_json::json!("true"));
    assert_eq!(json["c"], serde_json::Value::Null);
    assert_eq!(json["d"], serde_json::json!(31));
    assert_eq!(json["e"], serde_json::json!(1500.0));
    assert_eq!(json["f"], serde_json::json!(12));
    assert_eq!(json["200"], serde_json::json!("x"));
    assert_eq!(json["h"], serde_json::json!({"k": 1}));
    assert_eq!(json["i"], serde_json::json!("5"));
    // Positions are 1-based and count characters.
    let b = node.get("b").unwrap();
    assert_eq!((b.span.line, b.span.column, b.span.offset), (2, 4, 11));
}

#[test]
fn swagger2_forms_security_and_servers() {
    let text = "\
swagger: '2.0'
info: {title: Files API, version: '1'}
host: api.example.com
basePath: /v1
schemes: [https]
securityDefinitions:
  oauth:
    type: oauth2
    flow: accessCode
    authorizationUrl: https://example.com/auth
    tokenUrl: https://example.com/token
    scopes: {read: read things}
  basic:
    type: basic
paths:
  /upload/{id}:
    parameters:
      - {name: id, in: path, required: true, type: string}
    post:
      operationId: upload_file
      consumes: [multipart/form-data]
      parameters:
        - {name: file, in: formData, type: file, required: true}
        - {name: note, in: formData, type: string}
        - {name: X-Trace, in: header, type: string}
      responses:
        201: {description: created}
";
    let mut diags = Diagnostics::new();
    let root = yaml::parse(crate::source::FileId(0), text, &mut diags).unwrap();
    let up = swagger2::upgrade(root, &mut diags).to_json();
    assert!(diags.is_empty());
    assert_eq!(up["servers"][0]["url"], "https://api.example.com/v1");
    assert_eq!(
        up["components"]["securitySchemes"]["basic"]["scheme"],
        "basic"
    );
    assert_eq!(
        up["components"]["securitySchemes"]["oauth"]["flows"]["authorizationCode"]["tokenUrl"],
        "https://example.com/token"
    );
    let schema = &up["paths"]["/upload/{id}"]["post"]["requestBody"]["content"]
        ["multipart/form-data"]["schema"];
    assert_eq!(schema["properties"]["file"]["format"], "binary");
    assert_eq!(schema["required"], serde_json::json!(["file"]));

    let l = load_clean("files.yaml", text);
    let op = l.op("UploadFile");
    let params: Vec<(&str, &str)> = op
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location.as_str()))
        .collect();
    assert_eq!(
        params,
        [
            ("id", "path"),
            ("X-Trace", "header"),
            ("file", "formData"),
            ("note", "formData")
        ]
    );
    let input = l.shape("UploadFileInput");
    assert_eq!(member_names(input), ["id", "xTrace", "body"]);
    let info = l
        .doc()
        .model
        .operation_info(None, l.shape("UploadFile"))
        .unwrap();
    assert_eq!(info.http.unwrap().code, 201);
    let body = l.shape("UploadFileInputBody");
    assert_eq!(
        body.member("file").unwrap().target,
        ShapeId::prelude("Blob")
    );
}

#[test]
fn openapi31_schemas_are_downleveled() {
    let text = "\
openapi: 3.1.0
info: {title: Types, version: '1'}
paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        name: {type: [string, 'null'], examples: [a, b]}
        kind: {const: fixed}
        size: {type: integer, format: int32, exclusiveMinimum: 0, maximum: 10}
        data: {type: string, contentEncoding: base64}
";
    let l = load_clean("types.yaml", text);
    let thing = l.shape("Thing");
    assert_eq!(
        thing.member("name").unwrap().target,
        ShapeId::prelude("String")
    );
    let kind = l
        .doc()
        .model
        .shape(&thing.member("kind").unwrap().target)
        .unwrap();
    assert_eq!(enum_values(kind), ["fixed"]);
    let size = thing.member("size").unwrap();
    assert_eq!(size.target, ShapeId::prelude("Integer"));
    assert_eq!(
        traits::range_of(&size.traits),
        Some((Some(1.0), Some(10.0)))
    );
    assert_eq!(
        thing.member("data").unwrap().target,
        ShapeId::prelude("Blob")
    );
}

#[test]
fn unions_constraints_and_unsupported_features() {
    let text = "\
openapi: 3.0.3
info: {title: Shapes, version: '1'}
paths:
  /x:
    get:
      operationId: getX
      parameters:
        - {name: session, in: cookie, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                oneOf:
                  - $ref: '#/components/schemas/Cat'
                  - {type: object, properties: {bark: {type: boolean}}}
components:
  schemas:
    Cat:
      type: object
      properties:
        name: {type: string, minLength: 1, maxLength: 20, pattern: '^[a-z]+$'}
        lives: {type: integer, minimum: 0, maximum: 9}
        nope: {not: {type: string}}
        bag: {type: object, additionalProperties: {type: string}}
    cat:
      type: string
";
    let l = load_text("shapes.yaml", text);
    assert!(l.errors().is_empty(), "{:#?}", l.lines());
    let lines = l.lines();
    // A cookie parameter is a member sent in the `Cookie` header.
    assert!(!lines.iter().any(|l| l.contains("cookie")), "{lines:#?}");
    let session = l.shape("GetXInput").member("session").expect("session");
    assert_eq!(
        session
            .traits
            .get(&traits::http_cookie())
            .and_then(Node::as_str),
        Some("session")
    );
    assert!(lines.contains(&"shapes.yaml:25:16: warning[openapi-unsupported]: `not` schemas are not supported; ignored".to_string()), "{lines:#?}");
    assert!(lines.contains(&"shapes.yaml:27:5: warning[openapi-name-collision]: schema \"cat\" would be named \"Cat\", which is taken; it is named \"Cat2\"".to_string()), "{lines:#?}");

    let union = l.shape("GetXOutputBody");
    assert_eq!(union.kind, ShapeKind::Union);
    assert_eq!(member_names(union), ["Cat", "Object"]);
    assert_eq!(l.shape("GetXOutputBodyObject").kind, ShapeKind::Structure);
    let untagged = union.traits.get(&traits::untagged()).expect("untagged");
    assert!(untagged.get("discriminator").is_none());

    let cat = l.shape("Cat");
    let name = cat.member("name").unwrap();
    assert_eq!(traits::length_of(&name.traits), Some((Some(1), Some(20))));
    assert_eq!(traits::pattern_of(&name.traits), Some("^[a-z]+$"));
    let lives = cat.member("lives").unwrap();
    assert_eq!(lives.target, ShapeId::prelude("Long"));
    assert_eq!(
        traits::range_of(&lives.traits),
        Some((Some(0.0), Some(9.0)))
    );
    assert_eq!(
        cat.member("nope").unwrap().target,
        ShapeId::prelude("Document")
    );
    assert_eq!(l.shape("CatBag").kind, ShapeKind::Map);
    assert!(l.doc().operations[0]
        .parameters
        .iter()
        .any(|p| p.location == "cookie"));
}

#[test]
fn discriminators_map_values_to_members() {
    let text = "\
openapi: 3.0.3
info: {title: Pets, version: '1'}
paths: {}
components:
  schemas:
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
        - {type: string}
        - {type: string, enum: [none]}
      discriminator:
        propertyName: kind
        mapping:
          kitty: '#/components/schemas/Cat'
          fish: Fish
    Cat: {type: object, properties: {kind: {type: string}}}
    Dog: {type: object, properties: {kind: {type: string}}}
    Fish: {type: object}
";
    let l = load_text("pets.yaml", text);
    assert!(l.errors().is_empty(), "{:#?}", l.lines());
    let pet = l.shape("Pet");
    // Two inline members of one JSON type are named by position.
    assert_eq!(member_names(pet), ["Cat", "Dog", "Variant3", "Variant4"]);
    let how = pet.traits.get(&traits::untagged()).expect("untagged");
    assert_eq!(
        how.get("discriminator").and_then(Node::as_str),
        Some("kind")
    );
    let mapping: Vec<(&str, &str)> = how
        .get("mapping")
        .and_then(Node::as_object)
        .unwrap()
        .iter()
        .map(|(k, v)| (k.name.as_str(), v.as_str().unwrap()))
        .collect();
    // The written mapping first; Dog by its component name (Cat is mapped).
    assert_eq!(mapping, [("kitty", "Cat"), ("Dog", "Dog")]);
    assert!(l.lines().contains(&"pets.yaml:16:17: warning[openapi-discriminator]: discriminator value \"fish\" maps to #/components/schemas/Fish, which is not one of the oneOf schemas; the value reads as the Unknown member".to_string()), "{:#?}", l.lines());
}

#[test]
fn object_query_parameters_are_spread_or_written_in_pairs() {
    let text = "\
openapi: 3.0.3
info: {title: Params, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - name: created
          in: query
          style: deepObject
          schema:
            anyOf: [{type: object, properties: {gt: {type: integer}}}, {type: integer}]
        - name: version
          in: query
          schema:
            anyOf: [{type: integer}, {type: string}]
        - {name: filter, in: query, schema: {$ref: '#/components/schemas/Filter'}}
        - {name: packed, in: query, explode: false, schema: {$ref: '#/components/schemas/Filter'}}
        - {name: X-Filter, in: header, schema: {$ref: '#/components/schemas/Filter'}}
      responses:
        '204': {description: none}
components:
  schemas:
    Filter: {type: object, properties: {q: {type: string}}}
";
    let l = load_text("params.yaml", text);
    let input = l.shape("ListThingsInput");
    assert_eq!(
        member_names(input),
        ["created", "version", "filter", "packed", "xFilter"]
    );
    assert_eq!(l.shape("ListThingsInputVersion").kind, ShapeKind::Union);
    let style = |name: &str| member_trait(input, name, &traits::http_query_object());
    assert_eq!(style("created"), Some("deepObject"));
    assert_eq!(
        style("filter"),
        Some("form"),
        "exploded form is the default"
    );
    assert_eq!(style("version"), None);
    // An unexploded form object and a header object: `k1,v1,k2,v2`.
    for name in ["packed", "xFilter"] {
        let written = input
            .member(name)
            .unwrap()
            .traits
            .get(&traits::http_object_style());
        assert_eq!(written.and_then(Node::as_str), Some("pairs"), "{name}");
    }
    assert!(
        !l.lines()
            .iter()
            .any(|line| line.contains("is left out of the input")),
        "{:#?}",
        l.lines()
    );
}

#[test]
fn deep_object_form_properties_are_recorded() {
    let text = "\
openapi: 3.0.3
info: {title: Pay, version: '1'}
paths:
  /charges:
    post:
      operationId: createCharge
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                metadata: {type: object, additionalProperties: {type: string}}
                tags: {type: array, items: {type: string}}
            encoding:
              metadata: {style: deepObject, explode: true}
              tags: {style: form, explode: true}
      responses:
        '204': {description: made}
";
    let l = load_clean("pay.yaml", text);
    let body = l.shape("CreateChargeInput").member("body").unwrap();
    let deep: Vec<&str> = body
        .traits
        .get(&ShapeId::new("apigen.api", "formDeepObject"))
        .and_then(Node::as_array)
        .expect("formDeepObject")
        .iter()
        .filter_map(Node::as_str)
        .collect();
    assert_eq!(deep, ["metadata"]);
}

#[test]
fn label_and_matrix_paths_prefix_the_template() {
    let text = "\
openapi: 3.0.3
info: {title: Styles, version: '1'}
paths:
  /users/{id}/roles/{role}/{tags}/{ids}/{names}/{codes}/{marks}:
    get:
      operationId: getRole
      parameters:
        - {name: id, in: path, required: true, style: label, schema: {type: integer}}
        - {name: role, in: path, required: true, style: matrix, schema: {type: string}}
        - {name: tags, in: path, required: true, style: label, explode: true, schema: {type: array, items: {type: string}}}
        - {name: ids, in: path, required: true, schema: {type: array, items: {type: integer}}}
        - {name: names, in: path, required: true, style: matrix, explode: true, schema: {type: array, items: {type: string}}}
        - {name: codes, in: path, required: true, style: matrix, schema: {type: array, items: {type: string}}}
        - {name: marks, in: path, required: true, style: label, schema: {type: array, items: {type: string}}}
      responses:
        '204': {description: ok}
";
    let l = load_clean("styles.yaml", text);
    let op = l
        .doc()
        .model
        .shape(&ShapeId::new("styles", "GetRole"))
        .unwrap();
    let http = op.traits.get(&traits::http()).unwrap();
    assert_eq!(
        http.get("uri").and_then(Node::as_str),
        Some(
            "/users/.{id}/roles/;role={role}/.{tags}/{ids}/;names={names}/;codes={codes}/.{marks}"
        )
    );
    // Arrays: the items separated as RFC 6570 expands each style; scalars
    // need no delimiter.
    let input = l.shape("GetRoleInput");
    let delimiter = |name: &str| member_trait(input, name, &traits::http_label_delimiter());
    assert_eq!(delimiter("tags"), Some("."));
    assert_eq!(delimiter("ids"), Some(","));
    assert_eq!(delimiter("names"), Some(";names="));
    assert_eq!(delimiter("codes"), Some(","));
    assert_eq!(delimiter("marks"), Some(","));
    assert_eq!(delimiter("id"), None);
}

#[test]
fn several_success_statuses_add_a_status_and_guard_the_body() {
    let text = "\
openapi: 3.0.3
info: {title: Jobs, version: '1'}
paths:
  /jobs:
    post:
      operationId: startJob
      responses:
        '200': {description: done, content: {application/json: {schema: {$ref: '#/components/schemas/Result'}}}}
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Result'}}}}
        '202': {description: queued, content: {application/json: {schema: {type: object}}}}
        '204': {description: nothing}
components:
  schemas:
    Result: {type: object, properties: {value: {type: integer}}}
";
    let l = load_text("jobs.yaml", text);
    let output = l.shape("StartJobOutput");
    assert_eq!(member_names(output), ["body", "status"]);
    let status = output.member("status").unwrap();
    assert!(status.traits.contains_key(&traits::http_response_code()));
    assert_eq!(
        traits::docs(&status.traits),
        Some("The HTTP status the service answered with: 200, 201, 202, 204.")
    );
    let body = output.member("body").unwrap();
    assert_eq!(
        body.traits
            .get(&ShapeId::new("apigen.api", "payloadStatus"))
            .and_then(Node::as_i64),
        Some(200)
    );
    // 201 has the same body as 200; only 202's differs.
    let warnings: Vec<String> = l
        .lines()
        .into_iter()
        .filter(|x| x.contains("warning["))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(warnings[0].starts_with("jobs.yaml:10:9: warning[openapi-unsupported]: a body for each of several success statuses"), "{warnings:#?}");
}

#[test]
fn openapi_31_operations_need_no_responses() {
    let text = "\
openapi: 3.1.0
info: {title: Quiet, version: '1'}
paths:
  /ping:
    post:
      operationId: ping
";
    let l = load_clean("quiet.yaml", text);
    assert_eq!(l.op("Ping").method, "post");
    let v30 = text.replace("3.1.0", "3.0.3");
    let l = load_text("quiet30.yaml", &v30);
    assert!(
        l.lines()
            .iter()
            .any(|line| line.contains("missing field `responses`")),
        "{:#?}",
        l.lines()
    );
}

#[test]
fn json_documents_load_too() {
    let text = r#"{"openapi": "3.0.3", "info": {"title": "Tiny", "version": "2"},
 "paths": {"/ping": {"head": {"responses": {"204": {"description": "up"}}}}}}"#;
    let l = load_clean("tiny.json", text);
    let op = l.op("HeadPing");
    assert_eq!(op.method, "head");
    assert_eq!((op.span.line, op.span.column), (2, 22));
    let service = l.doc().model.shape(&l.doc().service).unwrap();
    assert_eq!(service.service().unwrap().version.as_deref(), Some("2"));
}

#[test]
fn caller_namespace_is_used() {
    let mut diags = Diagnostics::new();
    let doc = load_with_namespace(
        crate::source::FileId(0),
        EXPANDED,
        Some("example.pets"),
        &mut diags,
    )
    .unwrap();
    assert_eq!(doc.service, ShapeId::new("example.pets", "SwaggerPetstore"));
    assert!(doc
        .model
        .shapes
        .keys()
        .all(|id| id.namespace == "example.pets"));
}

#[test]
fn garbage_never_panics() {
    for text in [
        "[]",
        "- a\n- b\n",
        "openapi: 3.0.3\n",
        "openapi: 3.0.3\ninfo: {title: '', version: '1'}\npaths: {'/a': {get: {responses: {}}}}\n",
        "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {'/a': {get: {parameters: [{in: body}], responses: {default: {$ref: '#/responses/x'}}}}}\n",
        "openapi: 3.1.0\ninfo: {title: x, version: '1'}\ncomponents: {schemas: {A: {$ref: '#/components/schemas/B'}, B: {$ref: '#/components/schemas/A'}}}\n",
        "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\ncomponents: {schemas: {A: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}}}\n",
        "{\"a\": ",
        "\t- x",
        "&a [*a]",
    ] {
        let _ = load_text("g.yaml", text);
    }
}

#[test]
fn wrong_type_in_a_nested_schema_is_located() {
    let text = "\
openapi: 3.0.3
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        b: {type: array, items: 7}
";
    assert_eq!(
        only_error("deep2.yaml", text),
        "deep2.yaml:9:33: error[openapi-invalid]: components.schemas.A.properties.b.items: invalid type: integer `7`, expected struct Schema"
    );
}

#[test]
fn flat_object_parameters_are_written_in_their_style_and_nested_ones_left_out() {
    let text = "\
openapi: 3.0.3
info: {title: Obj, version: '1'}
paths:
  /a/{color}/{shade}/{tint}:
    get:
      operationId: getColors
      parameters:
        - {name: color, in: path, required: true, schema: {$ref: '#/components/schemas/Rgb'}}
        - {name: shade, in: path, required: true, style: label, explode: true, schema: {$ref: '#/components/schemas/Rgb'}}
        - {name: tint, in: path, required: true, style: matrix, explode: true, schema: {$ref: '#/components/schemas/Rgb'}}
        - {name: X-Color, in: header, explode: true, schema: {$ref: '#/components/schemas/Rgb'}}
        - {name: q, in: query, explode: false, schema: {$ref: '#/components/schemas/Rgb'}}
        - {name: prefs, in: cookie, schema: {$ref: '#/components/schemas/Rgb'}}
        - {name: nested, in: header, schema: {type: object, properties: {a: {type: object, properties: {b: {type: string}}}}}}
        - {name: tags, in: cookie, schema: {type: array, items: {type: string}}}
      responses:
        '204': {description: ok}
components:
  schemas:
    Rgb:
      type: object
      properties: {R: {type: integer}, G: {type: integer}, B: {type: integer}}
";
    let l = load_text("objects.yaml", text);
    let input = l.shape("GetColorsInput");
    let style = |name: &str| member_trait(input, name, &traits::http_object_style());
    assert_eq!(style("color"), Some("pairs"));
    assert_eq!(style("shade"), Some("."));
    assert_eq!(style("tint"), Some(";"));
    assert_eq!(style("xColor"), Some(","));
    assert_eq!(style("q"), Some("pairs"));
    assert_eq!(style("prefs"), Some("cookies"));
    // An exploded matrix object names its properties, not itself.
    let op = l
        .doc()
        .model
        .shape(&ShapeId::new("obj", "GetColors"))
        .unwrap();
    let uri = op
        .traits
        .get(&traits::http())
        .and_then(|h| h.get("uri"))
        .and_then(Node::as_str);
    assert_eq!(uri, Some("/a/{color}/.{shade}/;{tint}"));
    // An object holding an object has no simple-style form, an array no
    // cookie form: both left out, each with a located warning.
    assert!(input.member("nested").is_none());
    assert!(input.member("tags").is_none());
    let lines = l.lines();
    let warnings: Vec<&String> = lines
        .iter()
        .filter(|line| line.contains("warning["))
        .collect();
    assert_eq!(warnings.len(), 2, "{lines:#?}");
    assert!(warnings[0].starts_with("objects.yaml:14:11: warning[openapi-unsupported]: header parameters whose value can be an object"), "{warnings:#?}");
    assert!(
        warnings[0].contains("\"nested\" is left out"),
        "{warnings:#?}"
    );
    assert!(warnings[1].starts_with("objects.yaml:15:11: warning[openapi-unsupported]: cookie parameters that are arrays are not supported: \"tags\""), "{warnings:#?}");
}

#[test]
fn repeated_enum_values_become_one_member_each_in_first_order() {
    let loaded = load_clean(
        "enums.yaml",
        r#"
openapi: 3.0.3
info: {title: Enums, version: "1"}
paths: {}
components:
  schemas:
    Letter: {type: string, enum: [b, a, b, c, a, ""]}
    Level: {type: integer, enum: [2, 1, 2, -1, 1]}
"#,
    );
    assert_eq!(enum_values(loaded.shape("Letter")), ["b", "a", "c", ""]);
    let level: Vec<i64> = loaded
        .shape("Level")
        .members
        .iter()
        .filter_map(|m| match m.traits.get(&traits::enum_value())?.value {
            crate::node::Value::Number(crate::node::Number::Int(n)) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(level, [2, 1, -1]);
}
