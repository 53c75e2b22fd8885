// apigen's built-in copy of the endpoint rules traits (namespace `smithy.rules`).
//
// Shape ids, members, selectors and constraints follow Smithy's
// smithy-rules-engine package; the doc comments are apigen's own.
$version: "2.0"

namespace smithy.rules

// ===========================================================================
// Rule sets
// ===========================================================================

/// The service's endpoint rule set (a decision tree of conditions and results).
@unstable
@trait(selector: "service")
document endpointRuleSet

/// The service's endpoint rules compiled to a binary decision diagram.
@unstable
@trait(selector: "service")
structure endpointBdd {
    /// Rules engine version (1.1 or later).
    @required
    version: String

    /// The rule set's parameters by name.
    @required
    parameters: Parameters

    /// The distinct conditions the diagram tests.
    @required
    conditions: Conditions

    /// The results the diagram's terminals refer to; the first is the terminal node.
    @required
    results: Results

    /// Reference of the node evaluation starts from.
    @required
    @range(min: -1)
    root: Integer

    /// How many nodes `nodes` holds, the terminal node included.
    @required
    @range(min: 0)
    nodeCount: Integer

    /// The nodes as base64 of big-endian integer triples (condition, high, low).
    @required
    nodes: String
}

/// Rule-set parameters by name.
@private
map Parameters {
    key: String
    value: Parameter
}

/// A rule-set input parameter.
@private
structure Parameter {
    /// The parameter's type.
    @required
    type: ParameterType

    /// The parameter is deprecated.
    deprecated: Boolean

    /// Documentation of the parameter.
    documentation: String

    /// Value used when the parameter is not set (the parameter must then be required).
    default: Document

    /// Name of the built-in value that the caller supplies for the parameter.
    builtIn: String

    /// The endpoint provider must be given the parameter.
    required: Boolean
}

/// The type of a rule-set parameter.
enum ParameterType {
    STRING = "string"
    BOOLEAN = "boolean"
    STRING_ARRAY = "stringArray"
}

/// A list of conditions.
@private
list Conditions {
    member: Condition
}

/// A function call whose result decides a branch.
@private
structure Condition {
    /// The function's name.
    @required
    fn: String

    /// The function's arguments (literals, references or nested calls).
    @required
    argv: DocumentList

    /// Variable the function's result is bound to.
    assign: String
}

/// A list of documents.
@private
list DocumentList {
    member: Document
}

/// A list of results.
@private
list Results {
    member: Result
}

/// An endpoint or an error the rules can resolve to.
@private
structure Result {
    /// Whether the result is an endpoint or an error.
    @required
    type: ResultType

    /// Description of the result.
    documentation: String

    /// The error, when `type` is `error`.
    error: Document

    /// The endpoint, when `type` is `endpoint`.
    endpoint: EndpointObject

    /// Conditions guarding the result (decision-tree rules only).
    conditions: Conditions
}

/// The kind of a result.
@private
enum ResultType {
    ENDPOINT = "endpoint"
    ERROR = "error"
}

/// A resolved endpoint: URL, properties and headers.
@private
structure EndpointObject {
    /// The endpoint URL (may be a template); must resolve to a string.
    @required
    url: Document

    /// Endpoint properties, possibly nested.
    properties: EndpointProperties

    /// Transport headers to send, by name (values may be templates).
    headers: EndpointObjectHeaders
}

/// Endpoint properties by name.
@private
map EndpointProperties {
    key: String
    value: Document
}

/// Endpoint header values by header name.
@private
map EndpointObjectHeaders {
    key: String
    value: DocumentList
}

// ===========================================================================
// Test cases
// ===========================================================================

/// Test cases an implementation of the service's endpoint rules must pass.
@unstable
@trait(selector: "service :is([trait|smithy.rules#endpointRuleSet], [trait|smithy.rules#endpointBdd])")
structure endpointTests {
    /// Version of the test-case schema.
    @required
    version: String

    /// The test cases.
    testCases: EndpointTestList
}

/// A list of endpoint test cases.
@unstable
@private
list EndpointTestList {
    member: EndpointTest
}

/// One endpoint test case: parameters in, expected endpoint or error out.
@unstable
@private
structure EndpointTest {
    /// Description of the case.
    documentation: String

    /// Rule-set parameter values.
    params: Document

    /// Operation calls that should resolve to the expectation.
    operationInputs: OperationInputs

    /// The expected endpoint or error.
    @required
    expect: EndpointTestExpectation
}

/// A list of operation inputs.
@unstable
@private
list OperationInputs {
    /// One operation call.
    member: OperationInput
}

/// An operation call used by an endpoint test case.
@unstable
@private
structure OperationInput {
    /// Name of the operation called.
    @required
    operationName: String

    /// The operation's input (must fit the operation's input shape).
    operationParams: Document

    /// Built-in parameter values.
    builtInParams: Document

    /// Client context parameter values.
    clientParams: Document
}

/// What an endpoint test case expects: an error or an endpoint.
@unstable
@private
union EndpointTestExpectation {
    /// The expected error message.
    error: String

    /// The expected endpoint.
    endpoint: EndpointExpectation
}

/// The endpoint an endpoint test case expects.
@unstable
@private
structure EndpointExpectation {
    /// The expected URL.
    url: String

    /// The expected transport headers.
    headers: EndpointHeaders

    /// The expected endpoint properties.
    properties: Properties
}

/// Header values by header name.
@unstable
@private
map EndpointHeaders {
    /// Header name.
    key: String

    /// Header values.
    value: EndpointHeaderValue
}

/// A list of header values.
@unstable
@private
list EndpointHeaderValue {
    /// A header value.
    member: String
}

/// Documents by property name.
@unstable
@private
map Properties {
    /// Property name.
    key: String

    /// Property value.
    value: Document
}

// ===========================================================================
// Parameter bindings
// ===========================================================================

/// Binds an input member to the named rule-set parameter (the types must match).
@unstable
@trait(selector: "operation -[input]-> structure > member")
structure contextParam {
    /// Name of the rule-set parameter.
    @required
    name: String
}

/// Fixed rule-set parameter values for the operation.
@unstable
@trait(selector: "operation")
map staticContextParams {
    /// Name of the rule-set parameter.
    key: String

    /// The value bound to it.
    value: StaticContextParamDefinition
}

/// Rule-set parameters bound to parts of the operation's input.
@unstable
@trait(selector: "operation")
map operationContextParams {
    /// Name of the rule-set parameter.
    key: String

    /// Where in the input its value comes from.
    value: OperationContextParamDefinition
}

/// Rule-set parameters exposed as client configuration.
@unstable
@trait(selector: "service")
map clientContextParams {
    /// Name of the rule-set parameter.
    key: String

    /// The client setting's type and documentation.
    value: ClientContextParamDefinition
}

/// A fixed parameter value.
@unstable
@private
structure StaticContextParamDefinition {
    /// The value.
    @required
    value: Document
}

/// A parameter value selected from the operation input.
@unstable
@private
structure OperationContextParamDefinition {
    /// JMESPath expression over the operation input.
    @required
    path: String
}

/// A client setting bound to a rule-set parameter.
@unstable
@private
structure ClientContextParamDefinition {
    /// The setting's shape type.
    @required
    type: ShapeType

    /// Documentation of the setting.
    documentation: String
}

/// Shape types a client context parameter may have.
@unstable
@private
enum ShapeType {
    /// A string.
    STRING = "string"

    /// A boolean.
    BOOLEAN = "boolean"
}
