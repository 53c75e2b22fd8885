//! Typed views over services and operations: what a service speaks, how an
//! operation is bound to HTTP, how it pages.

use super::traits;
use super::{Model, Shape, ShapeId, ShapeKind};
use crate::node::Node;
use std::collections::BTreeSet;

/// A wire protocol. Each one is implemented by one emitter module.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Protocol {
    AwsJson1_0,
    AwsJson1_1,
    RestJson1,
    RestXml,
    AwsQuery,
    Ec2Query,
    /// Another protocol trait (one with `@protocolDefinition`).
    Other(ShapeId),
}

impl Protocol {
    pub fn from_trait(id: &ShapeId) -> Option<Protocol> {
        if id.namespace != "aws.protocols" {
            return None;
        }
        Some(match id.name.as_str() {
            "awsJson1_0" => Protocol::AwsJson1_0,
            "awsJson1_1" => Protocol::AwsJson1_1,
            "restJson1" => Protocol::RestJson1,
            "restXml" => Protocol::RestXml,
            "awsQuery" => Protocol::AwsQuery,
            "ec2Query" => Protocol::Ec2Query,
            _ => return None,
        })
    }

    /// The protocol's name as inspect and diffs print it (the trait's name).
    pub fn name(&self) -> String {
        match self {
            Protocol::AwsJson1_0 => "awsJson1_0".into(),
            Protocol::AwsJson1_1 => "awsJson1_1".into(),
            Protocol::RestJson1 => "restJson1".into(),
            Protocol::RestXml => "restXml".into(),
            Protocol::AwsQuery => "awsQuery".into(),
            Protocol::Ec2Query => "ec2Query".into(),
            Protocol::Other(id) => id.to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServiceInfo {
    pub id: ShapeId,
    pub version: Option<String>,
    /// Protocols in trait-id order; the first is the one clients use.
    pub protocols: Vec<Protocol>,
    /// Auth scheme trait ids (e.g. `aws.auth#sigv4`), in `@auth` order when given.
    pub auth: Vec<ShapeId>,
    /// SigV4 signing name, when the service is signed.
    pub signing_name: Option<String>,
    pub sdk_id: Option<String>,
    pub endpoint_prefix: Option<String>,
    /// Every operation the service reaches, directly or through resources, sorted.
    pub operations: Vec<ShapeId>,
    pub docs: Option<String>,
}

impl ServiceInfo {
    pub fn protocol(&self) -> Option<&Protocol> {
        self.protocols.first()
    }
}

/// An HTTP binding from `@http`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpBinding {
    pub method: String,
    pub uri: String,
    pub code: u16,
}

/// Pagination from `@paginated`, merged with the service's defaults.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Pagination {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OperationInfo {
    pub id: ShapeId,
    pub input: ShapeId,
    pub output: ShapeId,
    /// The operation's own errors followed by the service-wide ones.
    pub errors: Vec<ShapeId>,
    pub http: Option<HttpBinding>,
    pub pagination: Option<Pagination>,
    pub docs: Option<String>,
    pub summary: Option<String>,
    pub deprecated: Option<traits::Deprecation>,
    pub readonly: bool,
    pub idempotent: bool,
}

impl Model {
    /// The typed view of a service shape.
    pub fn service_info(&self, service: &Shape) -> Option<ServiceInfo> {
        let props = service.service()?;
        let mut protocols: Vec<Protocol> = Vec::new();
        let mut auth = Vec::new();
        for trait_id in service.traits.keys() {
            let Some(def) = self.shape(trait_id) else {
                continue;
            };
            if def.has_trait(&traits::protocol_definition()) {
                protocols.push(
                    Protocol::from_trait(trait_id).unwrap_or(Protocol::Other(trait_id.clone())),
                );
            }
            if def.has_trait(&traits::auth_definition()) {
                auth.push(trait_id.clone());
            }
        }
        // `@auth([...])` fixes the order of the schemes.
        if let Some(order) = service.traits.get(&traits::auth()).and_then(Node::as_array) {
            let ordered: Vec<ShapeId> = order
                .iter()
                .filter_map(Node::as_str)
                .filter_map(ShapeId::parse)
                .collect();
            // An empty list means no auth at all (Smithy's `@auth([])`).
            auth = ordered;
        }
        let aws_service = service.traits.get(&ShapeId::new("aws.api", "service"));
        let signing_name = service
            .traits
            .get(&ShapeId::new("aws.auth", "sigv4"))
            .and_then(|n| n.get("name"))
            .and_then(Node::as_str)
            .map(str::to_string);
        Some(ServiceInfo {
            id: service.id.clone(),
            version: props.version.clone(),
            protocols,
            auth,
            signing_name,
            sdk_id: aws_service
                .and_then(|n| n.get("sdkId"))
                .and_then(Node::as_str)
                .map(str::to_string),
            endpoint_prefix: aws_service
                .and_then(|n| n.get("endpointPrefix"))
                .and_then(Node::as_str)
                .map(str::to_string),
            operations: self.service_operations(service).into_iter().collect(),
            docs: traits::docs(&service.traits).map(str::to_string),
        })
    }

    /// Operations bound to a service directly or through its resources.
    pub fn service_operations(&self, service: &Shape) -> BTreeSet<ShapeId> {
        let mut out = BTreeSet::new();
        let Some(props) = service.service() else {
            return out;
        };
        out.extend(props.operations.iter().cloned());
        let mut stack: Vec<ShapeId> = props.resources.clone();
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            if let Some(resource) = self.shape(&id).and_then(Shape::resource) {
                out.extend(resource.all_operations().cloned());
                stack.extend(resource.resources.iter().cloned());
            }
        }
        out
    }

    /// The typed view of an operation, in the context of its service.
    pub fn operation_info(
        &self,
        service: Option<&Shape>,
        operation: &Shape,
    ) -> Option<OperationInfo> {
        let props = operation.operation()?;
        let mut errors = props.errors.clone();
        if let Some(service_errors) = service.and_then(Shape::service) {
            for e in &service_errors.errors {
                if !errors.contains(e) {
                    errors.push(e.clone());
                }
            }
        }
        let http = operation.traits.get(&traits::http()).map(|n| HttpBinding {
            method: n
                .get("method")
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string(),
            uri: n
                .get("uri")
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string(),
            code: n
                .get("code")
                .and_then(Node::as_i64)
                .and_then(|c| u16::try_from(c).ok())
                .unwrap_or(200),
        });
        let pagination = operation.traits.get(&traits::paginated()).map(|op_node| {
            let svc_node = service.and_then(|s| s.traits.get(&traits::paginated()));
            let field = |name: &str| {
                op_node
                    .get(name)
                    .or_else(|| svc_node.and_then(|s| s.get(name)))
                    .and_then(Node::as_str)
                    .map(str::to_string)
            };
            Pagination {
                input_token: field("inputToken"),
                output_token: field("outputToken"),
                items: field("items"),
                page_size: field("pageSize"),
            }
        });
        Some(OperationInfo {
            id: operation.id.clone(),
            input: props.input.clone(),
            output: props.output.clone(),
            errors,
            http,
            pagination,
            docs: traits::docs(&operation.traits).map(str::to_string),
            summary: operation
                .traits
                .get(&traits::summary())
                .and_then(Node::as_str)
                .map(str::to_string),
            deprecated: traits::deprecation(&operation.traits),
            readonly: operation.has_trait(&traits::readonly()),
            idempotent: operation.has_trait(&traits::idempotent()),
        })
    }

    /// Counts user shapes by kind, for summaries.
    pub fn shape_counts(&self) -> std::collections::BTreeMap<ShapeKind, usize> {
        let mut counts = std::collections::BTreeMap::new();
        for shape in self.user_shapes() {
            *counts.entry(shape.kind).or_insert(0) += 1;
        }
        counts
    }
}
