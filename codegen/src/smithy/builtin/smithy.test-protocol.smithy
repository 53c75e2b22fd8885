// apigen's built-in copy of the protocol-test traits (namespace `smithy.test`,
// shared with the smoke-test traits in smithy.test-smoke.smithy).
//
// Shape ids, members, selectors, mixins and constraints follow Smithy's
// smithy-protocol-test-traits package; the doc comments are apigen's own.
$version: "2.0"

namespace smithy.test

// ===========================================================================
// HTTP requests and responses
// ===========================================================================

/// The HTTP requests a protocol must send for given operation inputs.
@trait(selector: "operation")
@length(min: 1)
list httpRequestTests {
    member: HttpRequestTestCase
}

/// One request test: input parameters and the HTTP request they serialize to.
@private
structure HttpRequestTestCase with [HttpRequestMixin] {
    /// Identifier of the case, unique among the request tests.
    @required
    @pattern("^[A-Za-z_][A-Za-z0-9_]+$")
    id: String

    /// The protocol under test.
    @required
    @idRef(selector: "[trait|protocolDefinition]", failWhenMissing: true)
    protocol: String

    /// The authentication scheme assumed, if it affects serialization.
    @idRef(selector: "[trait|authDefinition]", failWhenMissing: true)
    authScheme: String

    /// The operation's input (must fit the operation's input shape).
    params: Document

    /// Vendor-specific settings for the test.
    vendorParams: Document

    /// Shape `vendorParams` must fit.
    @idRef(failWhenMissing: true)
    vendorParamsShape: String

    /// What the case checks.
    documentation: String

    /// Tags grouping cases.
    tags: NonEmptyStringList

    /// Only clients or only servers implement the case.
    appliesTo: AppliesTo
}

/// Strings by string.
@private
map StringMap {
    key: String
    value: String
}

/// A list of strings.
@private
list StringList {
    member: String
}

/// The HTTP responses a protocol must parse into given outputs or errors.
@trait(selector: ":test(operation, structure[trait|error])")
@length(min: 1)
list httpResponseTests {
    member: HttpResponseTestCase
}

/// One response test: an HTTP response and the parameters it deserializes to.
@private
structure HttpResponseTestCase with [HttpResponseMixin] {
    /// Identifier of the case, unique among the response tests.
    @required
    @pattern("^[A-Za-z_][A-Za-z0-9_]+$")
    id: String

    /// The protocol under test.
    @required
    @idRef(selector: "[trait|protocolDefinition]", failWhenMissing: true)
    protocol: String

    /// The authentication scheme assumed, if it affects deserialization.
    @idRef(selector: "[trait|authDefinition]", failWhenMissing: true)
    authScheme: String

    /// The output or error (must fit its shape).
    params: Document

    /// Vendor-specific settings for the test.
    vendorParams: Document

    /// Shape `vendorParams` must fit.
    @idRef(failWhenMissing: true)
    vendorParamsShape: String

    /// What the case checks.
    documentation: String

    /// Tags grouping cases.
    tags: NonEmptyStringList

    /// Only clients or only servers implement the case.
    appliesTo: AppliesTo
}

/// A list of non-empty strings.
@private
list NonEmptyStringList {
    member: NonEmptyString
}

/// A non-empty string.
@private
@length(min: 1)
string NonEmptyString

/// The side of a connection a test case is meant for.
@private
enum AppliesTo {
    /// Client implementations only.
    @enumValue("client")
    CLIENT

    /// Server implementations only.
    @enumValue("server")
    SERVER
}

// ===========================================================================
// Malformed requests
// ===========================================================================

/// Malformed requests a server must reject, and how.
@trait(selector: "operation")
@length(min: 1)
@unstable
list httpMalformedRequestTests {
    member: HttpMalformedRequestTestCase
}

/// One malformed-request test: the request and the expected rejection.
@private
structure HttpMalformedRequestTestCase {
    /// Identifier of the case, unique among the malformed-request tests.
    @required
    @pattern("^[A-Za-z_][A-Za-z0-9_]+$")
    id: String

    /// The protocol under test.
    @required
    @idRef(selector: "[trait|protocolDefinition]", failWhenMissing: true)
    protocol: String

    /// The request sent.
    @required
    request: HttpMalformedRequestDefinition

    /// The response expected.
    @required
    response: HttpMalformedResponseDefinition

    /// What the case checks.
    documentation: String

    /// Tags grouping cases.
    tags: NonEmptyStringList

    /// Values substituted into the case, one expansion per value.
    testParameters: HttpMalformedRequestTestParametersDefinition
}

/// A malformed HTTP request.
@private
structure HttpMalformedRequestDefinition {
    /// The HTTP method.
    @required
    @length(min: 1)
    method: String

    /// The request target without the query string (e.g. `/foo/bar`).
    @required
    @length(min: 1)
    uri: String

    /// The host given to the client, without scheme or path.
    host: String

    /// Query string pairs as sent (`key`, `key=` or `key=value`, percent-encoded).
    queryParams: StringList

    /// Headers to send.
    headers: StringMap

    /// The body to send.
    body: String

    /// Media type of `body`.
    bodyMediaType: String
}

/// The response expected for a malformed request.
@private
structure HttpMalformedResponseDefinition {
    /// Headers the response must have (others are ignored).
    headers: StringMap

    /// The status code.
    @required
    @range(min: 100, max: 599)
    code: Integer

    /// What the body must satisfy.
    body: HttpMalformedResponseBodyDefinition
}

/// A check on a malformed-request response body.
@private
structure HttpMalformedResponseBodyDefinition {
    /// The check.
    @required
    assertion: HttpMalformedResponseBodyAssertion

    /// Media type of the body.
    @required
    mediaType: String
}

/// How a malformed-request response body is checked.
@private
union HttpMalformedResponseBodyAssertion {
    /// The exact body.
    contents: String

    /// A regular expression the body's `message` field must match.
    messageRegex: String
}

/// Test parameter values by name.
@private
map HttpMalformedRequestTestParametersDefinition {
    key: String
    value: StringList
}

// ===========================================================================
// Event streams
// ===========================================================================

/// How a protocol serializes and deserializes the operation's event stream.
@trait(selector: "operation :test(-[input, output]-> structure > member > union[trait|streaming])")
@length(min: 1)
list eventStreamTests {
    member: EventStreamTestCase
}

/// One event-stream test: initial messages, events and the expected outcome.
@private
structure EventStreamTestCase {
    /// Identifier of the case, unique among the event-stream tests.
    @required
    @pattern("^[A-Za-z_][A-Za-z0-9_]+$")
    id: String

    /// The protocol under test.
    @required
    @idRef(selector: "[trait|protocolDefinition]", failWhenMissing: true)
    protocol: String

    /// Input parameters of the initial request (must fit the input shape).
    initialRequestParams: Document

    /// The protocol-specific initial request.
    initialRequest: Document

    /// Shape `initialRequest` must fit (for HTTP, `smithy.test#InitialHttpRequest`).
    @idRef(selector: "structure", failWhenMissing: true)
    initialRequestShape: String

    /// Output parameters of the initial response (must fit the output shape).
    initialResponseParams: Document

    /// The protocol-specific initial response.
    initialResponse: Document

    /// Shape `initialResponse` must fit (for HTTP, `smithy.test#InitialHttpResponse`).
    @idRef(selector: "structure", failWhenMissing: true)
    initialResponseShape: String

    /// Events sent over the stream: input, output and error events.
    events: Events

    /// The expected outcome (success when absent).
    expectation: TestExpectation

    /// Vendor-specific settings for the test.
    vendorParams: Document

    /// Shape `vendorParams` must fit.
    @idRef(selector: "structure", failWhenMissing: true)
    vendorParamsShape: String

    /// What the case checks.
    documentation: String

    /// Only clients or only servers implement the case.
    appliesTo: AppliesTo

    /// Tags grouping cases.
    tags: NonEmptyStringList
}

/// The initial HTTP request of an event stream.
structure InitialHttpRequest with [HttpRequestMixin] {}

/// The initial HTTP response of an event stream.
structure InitialHttpResponse with [HttpResponseMixin] {}

/// A list of events.
@private
list Events {
    member: Event
}

/// One event of a stream.
@private
structure Event {
    /// Whether the event is a request or a response message.
    @required
    type: EventType

    /// The event's parameters (an unmodeled event when absent).
    params: Document

    /// Headers the event must have (others are ignored unless forbidden).
    headers: EventHeaders

    /// Headers the event must not have.
    forbidHeaders: StringList

    /// Headers the event must have, whatever their values.
    requireHeaders: StringList

    /// The expected body (unchecked when absent).
    body: Blob

    /// Media type of `body`.
    bodyMediaType: String

    /// The whole encoded event, for deserialization tests.
    bytes: Blob

    /// Vendor-specific settings for the event.
    vendorParams: Document = {}

    /// Shape `vendorParams` must fit.
    @idRef(selector: "structure", failWhenMissing: true)
    vendorParamsShape: String
}

/// The direction of an event.
@private
enum EventType {
    /// A request message.
    REQUEST = "request"

    /// A response message.
    RESPONSE = "response"
}

/// Typed event header values by header name.
@private
map EventHeaders {
    key: String
    value: EventHeaderValue
}

/// An event header value with its type (serialized without the union wrapper).
@private
union EventHeaderValue {
    boolean: Boolean

    /// Written in the model as base64.
    byte: Byte

    short: Short

    integer: Integer

    long: Long

    blob: Blob

    string: String

    timestamp: Timestamp
}

/// The outcome a test case expects.
@private
union TestExpectation {
    /// The test succeeds.
    success: Unit

    /// The test fails with an error.
    failure: TestFailureExpectation
}

/// A failure, optionally with a given error.
@private
structure TestFailureExpectation {
    /// The error expected; any error when absent.
    @idRef(failWhenMissing: true, selector: "[trait|error]")
    errorId: String
}

// ===========================================================================
// Shared HTTP message members
// ===========================================================================

/// Members shared by HTTP request and response tests.
@private
@mixin
structure HttpMessageMixin {
    /// Headers the message must have (others are ignored unless forbidden).
    headers: StringMap

    /// Headers the message must not have.
    forbidHeaders: StringList

    /// Headers the message must have, whatever their values.
    requireHeaders: StringList

    /// The expected body (unchecked when absent).
    body: String

    /// Media type of `body`.
    bodyMediaType: String
}

/// Members of HTTP request tests.
@private
@mixin
structure HttpRequestMixin with [HttpMessageMixin] {
    /// The HTTP method.
    @required
    @length(min: 1)
    method: String

    /// The request target without the query string (e.g. `/foo/bar`).
    @required
    @length(min: 1)
    uri: String

    /// The host given to the client, without scheme or path.
    host: String

    /// The host the client must send to (may differ through `hostPrefix`).
    resolvedHost: String

    /// Query string pairs the request must have, as sent (percent-encoded).
    queryParams: StringList

    /// Query parameter names the request must not have.
    forbidQueryParams: StringList

    /// Query parameter names the request must have, whatever their values.
    requireQueryParams: StringList
}

/// Members of HTTP response tests.
@private
@mixin
structure HttpResponseMixin with [HttpMessageMixin] {
    /// The status code.
    @required
    @range(min: 100, max: 599)
    code: Integer
}
