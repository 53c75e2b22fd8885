// apigen's built-in copy of the AWS service traits (namespace `aws.api`).
//
// Shape ids, members, selectors and patterns follow Smithy's aws-traits
// package; the doc comments are apigen's own.
$version: "2.0"

namespace aws.api

// ===========================================================================
// Service identity
// ===========================================================================

/// Identifies an AWS service: its SDK id and the names other AWS systems use for it.
@trait(selector: "service")
structure service {
    /// Name SDKs derive client names from (e.g. `ECR`).
    @required
    sdkId: String

    /// The service's ARN namespace (e.g. `ecr`).
    arnNamespace: ArnNamespace

    /// The service's AWS CloudFormation name.
    cloudFormationName: CloudFormationName

    /// Event source recorded for the service in AWS CloudTrail.
    cloudTrailEventSource: String

    /// Id of the service's documentation.
    docId: String

    /// The endpoint prefix (e.g. `api.ecr`).
    endpointPrefix: String

    /// Namespace of the service's Amazon CloudWatch metrics.
    cloudWatchNamespace: CloudWatchMetricNamespace
}

/// An ARN namespace.
@pattern("^[a-z0-9.\\-]{1,63}$")
@private
string ArnNamespace

/// An AWS CloudFormation service name.
@pattern("^[A-Z][A-Za-z0-9]+$")
@private
string CloudFormationName

/// A CloudWatch metric namespace.
@pattern("^[^:].*$")
@length(min: 1, max: 255)
@private
string CloudWatchMetricNamespace

// ===========================================================================
// ARNs
// ===========================================================================

/// The ARN template of a resource.
@externalDocumentation(Reference: "https://docs.aws.amazon.com/general/latest/gr/aws-arns-and-namespaces.html")
@trait(selector: "resource")
structure arn {
    /// Resource part of the ARN, with `{identifier}` labels.
    @required
    template: String

    /// The template is a complete ARN.
    absolute: Boolean

    /// The ARN has no region.
    noRegion: Boolean

    /// The ARN has no account id.
    noAccount: Boolean

    /// Delimiter between the resource type and its identifiers.
    resourceDelimiter: ResourceDelimiter

    /// The ARN may be reused for a new resource after deletion.
    reusable: Boolean
}

/// ARN resource delimiter.
@private
enum ResourceDelimiter {
    FORWARD_SLASH = "/"
    COLON = ":"
}

/// The string holds an ARN, optionally of a known resource type.
@trait(selector: "string")
structure arnReference {
    /// CloudFormation resource type.
    type: String

    /// Smithy resource id.
    resource: String

    /// Smithy service id.
    service: String
}

// ===========================================================================
// Endpoint discovery
// ===========================================================================

/// The service supports endpoint discovery through the given operation.
@trait(selector: "service")
structure clientEndpointDiscovery {
    /// The discovery operation.
    @idRef(failWhenMissing: true, selector: "operation")
    @required
    operation: String

    /// The error returned when a discovered endpoint is no longer valid.
    @idRef(failWhenMissing: true, selector: "structure[trait|error]")
    @recommended
    error: String
}

/// The operation is called on a discovered endpoint.
@trait(selector: "operation")
structure clientDiscoveredEndpoint {
    /// Discovery is mandatory.
    @required
    required: Boolean
}

/// Input member whose value is part of the endpoint-discovery cache key.
@trait(
    selector: """
        operation[trait|aws.api#clientDiscoveredEndpoint] -[input]->
        structure > :test(member[trait|required] > string)"""
)
structure clientEndpointDiscoveryId {}

// ===========================================================================
// Planes and data classification
// ===========================================================================

/// Control-plane (management) API.
@trait(
    selector: ":test(service, resource, operation)"
    conflicts: ["aws.api#dataPlane"]
)
structure controlPlane {}

/// Data-plane API.
@trait(
    selector: ":test(service, resource, operation)"
    conflicts: ["aws.api#controlPlane"]
)
structure dataPlane {}

/// The kind of data a shape holds.
@trait(selector: ":test(simpleType, list, structure, union, member)")
enum data {
    CUSTOMER_CONTENT = "content"
    CUSTOMER_ACCOUNT_INFORMATION = "account"
    SERVICE_ATTRIBUTES = "usage"
    TAG_DATA = "tagging"
    PERMISSIONS_DATA = "permissions"
}

// ===========================================================================
// Streaming
// ===========================================================================

/// The streaming blob is sent with `aws-chunked` content encoding.
@trait(
    selector: "blob[trait|streaming]"
    breakingChanges: [{ change: "remove" }]
)
structure awsChunked {}

// ===========================================================================
// Tagging
// ===========================================================================

/// The service supports tagging of its resources.
@trait(selector: "service")
@unstable
structure tagEnabled {
    /// The service has no service-wide tagging operations.
    disableDefaultOperations: Boolean

    /// Service-wide tagging operations.
    apiConfig: TaggableServiceApiConfig
}

/// A service's tagging operations.
structure TaggableServiceApiConfig {
    tagApi: ServiceTagOperationReference

    untagApi: ServiceTagOperationReference

    listTagsApi: ServiceTagOperationReference
}

/// An operation bound to a service.
@idRef(failWhenMissing: true, selector: "service > operation")
string ServiceTagOperationReference

/// The resource can be tagged.
@trait(selector: "resource")
@unstable
structure taggable {
    /// The resource property holding its tags.
    property: String

    /// The resource's tagging operations.
    apiConfig: TaggableApiConfig

    /// The resource does not support system tags.
    disableSystemTags: Boolean
}

/// A resource's tagging operations.
structure TaggableApiConfig {
    @required
    tagApi: TagOperationReference

    @required
    untagApi: TagOperationReference

    @required
    listTagsApi: TagOperationReference
}

/// An operation bound to a resource.
@idRef(failWhenMissing: true, selector: "resource > operation")
string TagOperationReference
