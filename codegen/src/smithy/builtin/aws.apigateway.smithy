// apigen's built-in copy of the Amazon API Gateway traits (namespace
// `aws.apigateway`).
//
// Shape ids, members, selectors, conflicts and defaults follow Smithy's
// aws-apigateway-traits package; the doc comments are apigen's own.
$version: "2.0"

namespace aws.apigateway

use aws.api#arnReference

// ===========================================================================
// API keys and authorizers
// ===========================================================================

/// Where API Gateway reads the API key that usage plans throttle by.
@externalDocumentation(
    "Developer Guide": "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-api-key-source.html"
)
@internal
@tags(["internal"])
@trait(selector: "service")
string apiKeySource

/// The operation requires an API key.
@internal
@tags(["internal"])
@trait(selector: "operation")
structure apiKeyRequired {}

/// Name of the authorizer (from `authorizers`) that protects the shape.
@internal
@tags(["internal"])
@trait(selector: ":test(service, resource, operation)")
string authorizer

/// The service's API Gateway authorizers by name.
@internal
@tags(["internal"])
@trait(selector: "service")
map authorizers {
    key: String
    value: AuthorizerDefinition
}

/// An API Gateway authorizer tied to an authentication scheme.
@private
structure AuthorizerDefinition {
    /// The authentication scheme (an auth trait's shape id).
    @idRef(
        selector: "[trait|authDefinition]"
        failWhenMissing: true
        errorMessage: "An authorizer's scheme must name an auth trait."
    )
    @required
    scheme: String

    /// `token` or `request`: where the caller identity is found.
    type: String

    /// Authorizer type written to OpenAPI exports.
    customAuthType: String

    /// URI of the authorizer's Lambda function.
    uri: String

    /// Credentials for invoking the authorizer.
    credentials: String

    /// Request parameters that make up the identity (`request` authorizers).
    identitySource: String

    /// Regular expression the token must match.
    identityValidationExpression: String

    /// Seconds the authorizer's result is cached.
    resultTtlInSeconds: Integer

    /// Payload format sent to the authorizer (HTTP APIs).
    authorizerPayloadFormatVersion: PayloadFormatVersion

    /// The authorizer answers with a boolean instead of a policy (HTTP APIs, format 2.0).
    enableSimpleResponses: Boolean
}

/// Authorizer payload format versions.
@private
enum PayloadFormatVersion {
    /// Format 1.0.
    V1_0 = "1.0"

    /// Format 2.0.
    V2_0 = "2.0"
}

// ===========================================================================
// Integrations
// ===========================================================================

/// The backend API Gateway forwards requests to.
@internal
@tags(["internal"])
@trait(
    selector: ":test(service, resource, operation)"
    conflicts: ["aws.apigateway#mockIntegration"]
)
structure integration {
    /// The kind of backend.
    @required
    type: IntegrationType

    /// The backend's URI (an ARN for `aws` integrations, a URL for HTTP ones).
    @required
    uri: Arn

    /// IAM role assumed to call the backend.
    credentials: IamRoleArn

    /// HTTP method used to call the backend (`POST` for Lambda).
    @required
    httpMethod: String

    /// What happens to payloads with no mapping template.
    passThroughBehavior: PassThroughBehavior

    /// Payload conversion.
    contentHandling: ContentHandling

    /// Timeout in milliseconds (50 to 29,000).
    timeoutInMillis: Integer

    /// Id of the VPC link of a private integration.
    connectionId: String

    /// The network connection to the backend.
    connectionType: ConnectionType = "INTERNET"

    /// Tag group of related cached parameters.
    cacheNamespace: String

    /// Payload format sent to the backend (HTTP APIs).
    payloadFormatVersion: String

    /// Request parameters whose values are cached.
    cacheKeyParameters: StringList

    /// Mappings of method request parameters to integration request parameters.
    requestParameters: RequestParameters

    /// Mapping templates by media type.
    requestTemplates: Templates

    /// Mappings of backend responses to method responses.
    responses: IntegrationResponses

    /// TLS settings for the backend.
    tlsConfig: TlsConfig

    /// How the response payload is transferred (`BUFFERED` or `STREAM`).
    responseTransferMode: String

    /// ARN of the load balancer listener of a VPC Link V2 private integration.
    @suppress(["RepeatedShapeName"])
    integrationTarget: String
}

/// An API Gateway mock integration.
@internal
@tags(["internal"])
@trait(
    selector: ":test(service, resource, operation)"
    conflicts: ["aws.apigateway#integration"]
)
structure mockIntegration {
    /// What happens to payloads with no mapping template.
    passThroughBehavior: PassThroughBehavior

    /// Mappings of method request parameters to integration request parameters.
    requestParameters: RequestParameters

    /// Mapping templates by media type.
    requestTemplates: Templates

    /// Mappings of integration responses to method responses.
    responses: IntegrationResponses
}

/// A mapping of an integration response to a method response.
@private
structure IntegrationResponse {
    /// The method response's status code (e.g. `200`).
    statusCode: String

    /// Payload conversion.
    contentHandling: ContentHandling

    /// Mapping templates by media type.
    responseTemplates: Templates

    /// Mappings of integration response headers and body to method response headers.
    responseParameters: ResponseParameters
}

/// TLS settings of an integration.
@private
structure TlsConfig {
    /// Do not verify the backend certificate's authority (HTTP integrations).
    insecureSkipVerification: Boolean
}

/// A list of strings.
@private
list StringList {
    member: String
}

/// Integration responses by response id.
@private
map IntegrationResponses {
    key: String
    value: IntegrationResponse
}

/// Mapping expressions by integration request parameter.
@private
map RequestParameters {
    key: String
    value: String
}

/// Mapping expressions by method response parameter.
@private
map ResponseParameters {
    key: String
    value: String
}

/// Velocity templates by media type.
@private
map Templates {
    key: String
    value: String
}

/// The ARN of an integration target (may hold `{serviceName}` and `{operationName}`).
@arnReference
@private
string Arn

/// The ARN of an IAM role (may hold `{serviceName}` and `{operationName}`).
@arnReference(type: "AWS::IAM::Role")
@private
string IamRoleArn

/// The network connection to an integration backend.
@private
enum ConnectionType {
    /// The public internet.
    INTERNET

    /// A VPC link to a network load balancer.
    VPC_LINK
}

/// Payload conversion of an integration.
@private
enum ContentHandling {
    /// Binary payloads become base64 text; text passes through.
    CONVERT_TO_TEXT

    /// Base64 text becomes binary; binary passes through.
    CONVERT_TO_BINARY
}

/// The kind of integration backend.
@private
enum IntegrationType {
    /// An AWS service (including Lambda).
    AWS = "aws"

    /// A Lambda proxy integration.
    AWS_PROXY = "aws_proxy"

    /// An HTTP backend.
    HTTP = "http"

    /// An HTTP proxy integration.
    HTTP_PROXY = "http_proxy"
}

/// What happens to request payloads with no matching mapping template.
@private
enum PassThroughBehavior {
    /// Pass through when no templates are defined; otherwise reject unmapped types (415).
    WHEN_NO_TEMPLATES = "when_no_templates"

    /// Pass through when the content type matches no template.
    WHEN_NO_MATCH = "when_no_match"

    /// Reject unmapped content types (415).
    NEVER = "never"
}

// ===========================================================================
// REST API settings
// ===========================================================================

/// Which request validator to use: `full`, `params-only` or `body-only`.
@internal
@tags(["internal"])
@trait(selector: ":test(service, operation)")
string requestValidator

/// Customized responses for errors API Gateway itself produces.
@internal
@tags(["internal"])
@trait(selector: "service")
map gatewayResponses {
    key: String
    value: GatewayResponse
}

/// A customized gateway response.
@private
structure GatewayResponse {
    /// The status code.
    statusCode: String

    /// Response parameters.
    responseParameters: GatewayResponseParameterMap

    /// Response templates.
    responseTemplates: GatewayResponseTemplateMap
}

/// Gateway response parameter values by name.
@private
map GatewayResponseParameterMap {
    key: String
    value: String
}

/// Gateway response templates by media type.
@private
map GatewayResponseTemplateMap {
    key: String
    value: String
}

/// Endpoint types, VPC endpoints and default-endpoint setting of the REST API.
@internal
@tags(["internal"])
@trait(selector: "service")
structure endpointConfiguration {
    /// The API's endpoint types.
    @required
    types: EndpointTypes

    /// VPC endpoint ids (PRIVATE APIs).
    vpcEndpointIds: VpcEndpointIds

    /// Clients may not use the default execute-api endpoint.
    disableExecuteApiEndpoint: Boolean

    /// The IP address types that may call the API.
    ipAddressType: IpAddressType
}

/// A REST API endpoint type.
@private
enum EndpointType {
    /// Edge-optimized.
    EDGE

    /// Regional.
    REGIONAL

    /// Private.
    PRIVATE
}

/// A list of endpoint types.
@private
list EndpointTypes {
    member: EndpointType
}

/// A list of VPC endpoint ids.
@private
list VpcEndpointIds {
    member: String
}

/// The IP address types that may call a REST API.
@private
enum IpAddressType {
    /// IPv4 only.
    IPV4 = "ipv4"

    /// IPv4 and IPv6 (required for PRIVATE APIs).
    DUAL_STACK = "dualstack"
}

/// Smallest payload, in bytes, that the REST API compresses.
@internal
@tags(["internal"])
@trait(selector: "service")
@range(min: 0, max: 10485760)
integer minimumCompressionSize

/// The REST API's resource policy (a JSON policy document).
@internal
@tags(["internal"])
@trait(selector: "service")
document resourcePolicy

/// TLS security policy and endpoint access mode of the REST API.
@internal
@tags(["internal"])
@trait(selector: "service")
structure apiTlsPolicy {
    /// TLS version and cipher suite.
    @required
    securityPolicy: String

    /// The endpoint access mode.
    endpointAccessMode: EndpointAccessMode
}

/// A REST API endpoint access mode.
@private
enum EndpointAccessMode {
    /// Basic access.
    BASIC

    /// Strict access, with extra governance checks.
    STRICT
}
