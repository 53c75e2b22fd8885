// apigen's built-in copy of the Smithy 2.0 prelude (namespace `smithy.api`).
//
// Shape ids, member names and types, selectors, conflicts and breaking-change
// rules follow the Smithy 2.0 specification; the doc comments are apigen's own.
// Shapes that are not `@private` may be referenced by relative id from any
// namespace.
$version: "2.0"

namespace smithy.api

// ===========================================================================
// Simple shapes
// ===========================================================================

/// A UTF-8 string.
string String

/// Uninterpreted binary data.
blob Blob

/// An integer of arbitrary size.
bigInteger BigInteger

/// A decimal number of arbitrary precision.
bigDecimal BigDecimal

/// An instant in time, independent of any time zone.
timestamp Timestamp

/// Protocol-agnostic open content.
document Document

/// A true or false value.
boolean Boolean

/// An 8-bit signed integer.
byte Byte

/// A 16-bit signed integer.
short Short

/// A 32-bit signed integer.
integer Integer

/// A 64-bit signed integer.
long Long

/// A single-precision IEEE 754 float.
float Float

/// A double-precision IEEE 754 float.
double Double

/// A boolean that is false when absent.
@default(false)
boolean PrimitiveBoolean

/// A byte that is zero when absent.
@default(0)
byte PrimitiveByte

/// A short that is zero when absent.
@default(0)
short PrimitiveShort

/// An integer that is zero when absent.
@default(0)
integer PrimitiveInteger

/// A long that is zero when absent.
@default(0)
long PrimitiveLong

/// A float that is zero when absent.
@default(0)
float PrimitiveFloat

/// A double that is zero when absent.
@default(0)
double PrimitiveDouble

/// The "no value" type: operation input/output or union member without content.
@unitType
structure Unit {}

// ===========================================================================
// Trait definition traits and their supporting shapes
// ===========================================================================

/// Marks a shape as a trait definition.
@trait(
    selector: ":is(simpleType, list, map, structure, union)"
    breakingChanges: [
        { change: "presence" }
        { path: "/structurallyExclusive", change: "any" }
        {
            path: "/conflicts"
            change: "update"
            severity: "NOTE"
            message: "New conflicts can make existing models invalid."
        }
    ]
)
structure trait {
    /// Where the trait may be applied (defaults to every shape).
    selector: String

    /// Whether only one member of a shape, or one member targeting a shape, may carry it.
    structurallyExclusive: StructurallyExclusive

    /// Traits that must not appear on the same shape.
    conflicts: NonEmptyStringList

    /// Changes to the trait that diff tools treat as breaking.
    breakingChanges: TraitDiffRules
}

/// Which side of a member the `structurallyExclusive` rule counts.
@private
enum StructurallyExclusive {
    MEMBER = "member"
    TARGET = "target"
}

/// A non-empty list of diff rules.
@private
@length(min: 1)
list TraitDiffRules {
    member: TraitDiffRule
}

/// One rule describing a breaking change to a trait or part of its value.
@private
structure TraitDiffRule {
    /// JSON pointer into the trait value; the whole trait when absent.
    path: String

    @required
    change: TraitChangeType

    severity: Severity = "ERROR"

    message: String
}

/// The kind of change a diff rule matches.
@private
enum TraitChangeType {
    UPDATE = "update"
    ADD = "add"
    REMOVE = "remove"
    PRESENCE = "presence"
    ANY = "any"
}

/// How serious a validation event or breaking change is.
@private
enum Severity {
    NOTE
    WARNING
    DANGER
    ERROR
}

/// Validation rules that run against shapes connected to a shape carrying the trait.
@trait(selector: "[trait|trait]")
map traitValidators {
    @length(min: 1)
    key: String

    value: TraitValidator
}

/// One selector-based validator of a trait.
@private
structure TraitValidator {
    @required
    selector: String

    message: String

    severity: Severity = "ERROR"
}

/// Marks a trait as a protocol definition and lists the traits it honours.
@trait(
    selector: "structure[trait|trait]"
    breakingChanges: [{ change: "presence" }]
)
structure protocolDefinition {
    /// Traits the protocol supports.
    traits: TraitShapeIdList

    @deprecated(message: "Superseded by @traitValidators.")
    noInlineDocumentSupport: Boolean
}

/// Marks a trait as an authentication scheme definition.
@trait(
    selector: "structure[trait|trait]"
    breakingChanges: [{ change: "presence" }]
)
structure authDefinition {
    /// Traits the auth scheme supports.
    traits: TraitShapeIdList
}

/// Shape ids of traits.
@private
list TraitShapeIdList {
    member: TraitShapeId
}

/// The shape id of a trait definition.
@private
@idRef(failWhenMissing: true, selector: "[trait|trait]")
string TraitShapeId

// ===========================================================================
// Metadata-defined shapes
// ===========================================================================

/// Defines the shape of a metadata key.
@trait(selector: "dataType :not([trait|input]) :not([trait|output])")
structure metadata {
    @required
    @length(min: 1)
    key: String
}

/// The `shapeClosures` metadata: named closures of shapes.
@private
@metadata(key: "shapeClosures")
list ShapeClosures {
    member: ShapeClosure
}

/// A named closure of shapes.
@private
structure ShapeClosure {
    @required
    id: ClosureId

    includeNamespaces: Namespaces = []

    @length(min: 1)
    includeBySelector: String

    rename: Renames = {}

    documentation: CommonMark
}

/// A shape id (only its syntax is checked).
@private
@idRef(failWhenMissing: false)
string ClosureId

/// A set of namespaces.
@private
@uniqueItems
list Namespaces {
    member: String
}

/// Shape renames within a closure.
@private
map Renames {
    @idRef(
        failWhenMissing: true
        selector: ":not(:is(member, service, resource, operation))"
        errorMessage: "A rename must name a shape in the model other than a service, resource, operation or member."
    )
    key: String

    value: Identifier
}

/// CommonMark text.
@private
@externalDocumentation("CommonMark Specification": "https://commonmark.org/")
@mediaType("text/markdown; charset=UTF-8; variant=CommonMark")
string CommonMark

/// A Smithy identifier.
@private
@pattern("^(_+[a-zA-Z0-9]|[a-zA-Z])\\w*$")
string Identifier

// ===========================================================================
// Type refinement traits
// ===========================================================================

/// The value a member or shape takes when none is provided.
@trait(selector: ":is(simpleType, list, map, structure > member :test(> :is(simpleType, list, map)))")
document default

/// The default was added after the member was first published.
@trait(
    selector: "structure > member [trait|default]"
    breakingChanges: [{ change: "remove" }]
)
structure addedDefault {}

/// Generated clients treat the member as optional even if required or defaulted.
@trait(selector: "structure > member")
structure clientOptional {}

/// Structure member that must be set.
@trait(selector: "structure > member")
structure required {}

/// Structure member that should be set (a warning, not an error, when absent).
@trait(
    selector: "structure > member"
    conflicts: [required]
)
structure recommended {
    /// Why the member is recommended.
    reason: String
}

/// Smithy 1.0 compatibility: the shape or member may be null.
@trait(
    selector: ":test(boolean, byte, short, integer, long, float, double, member > :test(boolean, byte, short, integer, long, float, double))"
)
structure box {}

/// The structure is an error; the value says whose fault it is.
@trait(
    selector: "structure"
    conflicts: [trait]
    breakingChanges: [{ change: "any" }]
)
enum error {
    CLIENT = "client"
    SERVER = "server"
}

/// The structure is only used as an operation's input.
@trait(
    selector: "structure"
    conflicts: [output, error]
    breakingChanges: [{ change: "presence" }]
)
structure input {}

/// The structure is only used as an operation's output.
@trait(
    selector: "structure"
    conflicts: [input, error]
    breakingChanges: [{ change: "presence" }]
)
structure output {}

/// The shape is a mixin whose members and traits are copied into shapes that use it.
@trait(selector: ":not(member)")
structure mixin {
    /// Traits of the mixin that are not copied.
    localTraits: LocalMixinTraitList
}

/// Trait ids kept local to a mixin.
@private
list LocalMixinTraitList {
    member: LocalMixinTrait
}

/// The id of a trait kept local to a mixin.
@idRef(
    selector: "[trait|trait]"
    failWhenMissing: true
    errorMessage: "Each entry of a mixin's localTraits must be a trait."
)
@private
string LocalMixinTrait

/// List or map whose values may be null.
@trait(
    selector: ":is(list, map)"
    breakingChanges: [{ change: "presence" }]
)
structure sparse {}

/// Marks `smithy.api#Unit`; no other shape may carry it.
@trait(selector: "[id=smithy.api#Unit]")
structure unitType {}

// ===========================================================================
// Constraint traits
// ===========================================================================

/// Smithy 1.0 enum trait: the allowed values of a string.
@trait(
    selector: "string :not(enum)"
    breakingChanges: [{ change: "presence" }]
)
@length(min: 1)
@deprecated(message: "Use an enum shape (Smithy 2.0) instead.", since: "2.0")
list enum {
    member: EnumDefinition
}

/// One allowed value of the 1.0 enum trait.
@private
structure EnumDefinition {
    @required
    value: NonEmptyString

    name: EnumConstantBodyName

    documentation: String

    tags: NonEmptyStringList

    deprecated: Boolean
}

/// A constant name for an enum value.
@private
@pattern("^[a-zA-Z_]+[a-zA-Z_0-9]*$")
string EnumConstantBodyName

/// The wire value of an enum or intEnum member.
@trait(selector: ":is(enum, intEnum) > member")
@tags(["diff.error.const"])
document enumValue

/// The string value must be a valid shape id (optionally of a shape matching a selector).
@trait(selector: ":test(string, member > string)")
structure idRef {
    selector: String = "*"

    failWhenMissing: Boolean

    errorMessage: String
}

/// Bounds on the length of a string, blob, list or map.
@trait(selector: ":test(list, map, string, blob, member > :is(list, map, string, blob))")
structure length {
    min: Long

    max: Long
}

/// A regular expression (ECMA 262) that string values must match.
@trait(
    selector: ":test(string, member > string)"
    breakingChanges: [
        {
            change: "add"
            severity: "WARNING"
            message: "Values that do not already match the pattern would be rejected."
        }
        {
            change: "update"
            severity: "NOTE"
            message: "A changed pattern should accept more values, not fewer."
        }
    ]
)
string pattern

/// Bounds on a numeric value.
@trait(selector: ":test(number, member > number)")
structure range {
    min: BigDecimal

    max: BigDecimal
}

/// The list must not hold duplicate values.
@trait(
    selector: "list :not(> member ~> :is(float, double, document))"
    conflicts: [sparse]
    breakingChanges: [{ change: "presence", severity: "WARNING" }]
)
structure uniqueItems {}

// ===========================================================================
// Documentation traits
// ===========================================================================

/// CommonMark documentation of a shape.
@trait
string documentation

/// Named links to external documentation.
@trait
@length(min: 1)
map externalDocumentation {
    key: NonEmptyString
    value: NonEmptyString
}

/// The shape should no longer be used.
@trait
structure deprecated {
    /// What to use instead, or why.
    message: String

    /// When it was deprecated (a date or version).
    since: String
}

/// Example inputs and outputs of an operation.
@trait(selector: "operation")
list examples {
    member: Example
}

/// One operation example.
@private
structure Example {
    @required
    title: String

    documentation: String

    input: Document

    output: Document

    error: ExampleError

    allowConstraintErrors: Boolean
}

/// The error an example operation call fails with.
@private
structure ExampleError {
    @idRef(selector: "structure[trait|error]")
    shapeId: String

    content: Document
}

/// The shape is for internal use and may be hidden from public clients.
@trait(
    breakingChanges: [
        {
            change: "remove"
            severity: "WARNING"
            message: "The shape becomes visible outside the service team."
        }
    ]
)
structure internal {}

/// The shape may only be referenced from its own namespace.
@trait
structure private {}

/// The data is sensitive and must not be logged or exposed.
@trait(selector: ":not(:test(service, operation, resource, member))")
structure sensitive {}

/// The version or date the shape was added.
@trait
string since

/// Validation events to suppress on the shape.
@trait
list suppress {
    @length(min: 1)
    member: String
}

/// Free-form tags for filtering and grouping shapes.
@trait
list tags {
    member: String
}

/// A human-readable title for a service or other shape.
@trait
string title

/// The shape is unstable and may change.
@trait
structure unstable {}

// ===========================================================================
// Behavior traits
// ===========================================================================

/// The operation may be retried with the same request without further side effects.
@trait(
    selector: "operation"
    conflicts: [readonly]
    breakingChanges: [{ change: "remove" }]
)
structure idempotent {
    /// Errors meaning the resource already exists.
    exists: IdempotentErrors

    /// Errors meaning the resource does not exist.
    notFound: IdempotentErrors
}

/// Ids of error structures.
@private
list IdempotentErrors {
    @idRef(selector: "[trait|error]")
    member: String
}

/// Member the client fills with a unique token to make the request idempotent.
@trait(
    selector: "structure > :test(member > string)"
    structurallyExclusive: "member"
    breakingChanges: [{ change: "remove" }]
)
@notProperty
structure idempotencyToken {}

/// The operation has no side effects.
@trait(
    selector: "operation"
    conflicts: [idempotent]
    breakingChanges: [{ change: "remove" }]
)
structure readonly {}

/// The error may be retried; `throttling` says it was caused by rate limiting.
@trait(
    selector: "structure[trait|error]"
    breakingChanges: [{ change: "remove" }]
)
structure retryable {
    throttling: Boolean
}

/// The operation's results are split into pages.
@trait(
    selector: ":is(service, operation)"
    breakingChanges: [
        { change: "remove" }
        { path: "/inputToken", change: "update" }
        { path: "/outputToken", change: "update" }
        { path: "/items", change: "remove" }
        { path: "/items", change: "add", severity: "NOTE" }
        { path: "/items", change: "update", severity: "NOTE" }
        { path: "/pageSize", change: "update" }
        { path: "/pageSize", change: "remove" }
    ]
)
structure paginated {
    /// Input member carrying the continuation token.
    inputToken: NonEmptyString

    /// Output member (path) carrying the next continuation token.
    outputToken: NonEmptyString

    /// Output member (path) holding the page's items.
    items: NonEmptyString

    /// Input member limiting the page size.
    pageSize: NonEmptyString
}

/// The operation is a long poll: clients should wait at least this long for a response.
@trait(selector: "operation")
@unstable
structure longPoll {
    @required
    @range(min: 1)
    timeoutMillis: Integer
}

/// Compression encodings the client may apply to the request body.
@trait(
    selector: "operation"
    breakingChanges: [
        {
            change: "remove"
            severity: "DANGER"
            message: "Clients stop compressing, but the service must keep accepting compressed requests."
        }
        {
            change: "remove"
            path: "/encodings"
            message: "The trait requires `encodings`."
        }
        {
            change: "add"
            severity: "NOTE"
            path: "/encodings/member"
            message: "The service must support every encoding it lists."
        }
        {
            change: "remove"
            severity: "DANGER"
            path: "/encodings/member"
            message: "The service must keep accepting encodings older clients may still use."
        }
        {
            change: "update"
            severity: "DANGER"
            path: "/encodings/member"
            message: "The service must keep accepting encodings older clients may still use."
        }
    ]
)
structure requestCompression {
    @required
    encodings: RequestCompressionEncodingsList
}

/// Compression encoding names (case-insensitive, hence not an enum).
@private
list RequestCompressionEncodingsList {
    member: String
}

// ===========================================================================
// Resource traits
// ===========================================================================

/// Structure or string that refers to resources.
@trait(selector: ":is(structure, string)")
list references {
    member: Reference
}

/// One resource reference.
@private
structure Reference {
    @required
    resource: NonEmptyString

    ids: NonEmptyStringMap

    service: NonEmptyString

    rel: NonEmptyString
}

/// Member that binds to the named resource identifier.
@trait(
    selector: "structure > :test(member[trait|required] > string)"
    breakingChanges: [{ change: "remove" }]
)
@length(min: 1)
@notProperty
string resourceIdentifier

/// Member that binds to a resource property (named by `name`, else by the member name).
@trait(
    selector: "structure > member"
    conflicts: [resourceIdentifier]
    breakingChanges: [
        { change: "remove" }
        { change: "update" }
    ]
)
structure property {
    name: String
}

/// Input/output member that is not a resource property.
@trait(
    selector: ":is(operation -[input, output]-> structure > member, [trait|trait])"
    breakingChanges: [{ change: "add" }]
)
@notProperty
structure notProperty {}

/// Input/output member whose target structure holds the resource properties.
@trait(
    selector: "operation -[input, output]-> structure > member :test(> structure)"
    structurallyExclusive: "member"
    breakingChanges: [{ change: "any" }]
)
@notProperty
structure nestedProperties {}

/// The resource's put lifecycle operation cannot replace an existing resource.
@trait(selector: "resource:test(-[put]->)")
structure noReplace {}

// ===========================================================================
// Authentication traits
// ===========================================================================

/// Auth schemes of a service or operation, in order of preference.
@trait(selector: ":is(service, operation)")
@uniqueItems
list auth {
    member: AuthTraitReference
}

/// The id of an auth scheme trait.
@idRef(selector: "[trait|authDefinition]")
@private
string AuthTraitReference

/// The operation may also be called without authentication.
@trait(
    selector: "operation"
    breakingChanges: [{ change: "remove" }]
)
structure optionalAuth {}

/// HTTP Basic authentication.
@trait(
    selector: "service"
    breakingChanges: [{ change: "remove" }]
)
@authDefinition
@externalDocumentation("RFC 2617": "https://tools.ietf.org/html/rfc2617.html")
structure httpBasicAuth {}

/// HTTP Digest authentication.
@trait(
    selector: "service"
    breakingChanges: [{ change: "remove" }]
)
@authDefinition
@externalDocumentation("RFC 2617": "https://tools.ietf.org/html/rfc2617.html")
structure httpDigestAuth {}

/// HTTP Bearer token authentication.
@trait(
    selector: "service"
    breakingChanges: [{ change: "remove" }]
)
@authDefinition
@externalDocumentation("RFC 6750": "https://tools.ietf.org/html/rfc6750.html")
structure httpBearerAuth {}

/// An API key sent in a header or query parameter.
@trait(
    selector: "service"
    breakingChanges: [{ change: "remove" }]
)
@authDefinition
structure httpApiKeyAuth {
    /// Header or query parameter name.
    @required
    name: NonEmptyString

    /// Where the key is sent.
    @required
    in: HttpApiKeyLocations

    /// Scheme prefix of the `Authorization` header value.
    scheme: NonEmptyString
}

/// Where an API key is sent.
@private
enum HttpApiKeyLocations {
    HEADER = "header"
    QUERY = "query"
}

// ===========================================================================
// HTTP binding traits
// ===========================================================================

/// The HTTP method, URI pattern and success status code of an operation.
@trait(
    selector: "operation"
    breakingChanges: [
        { change: "remove" }
        { path: "/method", change: "update" }
        { path: "/uri", change: "update" }
        { path: "/code", change: "update" }
        {
            path: "/code"
            change: "presence"
            severity: "DANGER"
            message: "Only compatible when the code is the default, 200."
        }
    ]
)
structure http {
    @required
    method: NonEmptyString

    @required
    uri: NonEmptyString

    /// Status code of a successful response.
    @range(min: 100, max: 999)
    code: Integer = 200
}

/// The HTTP status code of an error.
@trait(
    selector: "structure[trait|error]"
    breakingChanges: [{ change: "any" }]
)
integer httpError

/// Member bound to a URI label of the same name.
@trait(
    selector: "structure > member[trait|required] :test(> :test(string, number, boolean, timestamp))"
    conflicts: [httpHeader, httpQuery, httpPrefixHeaders, httpPayload, httpResponseCode, httpQueryParams]
    breakingChanges: [{ change: "presence" }]
)
structure httpLabel {}

/// Member bound to the named query string parameter.
@trait(
    selector: """
        structure > member
        :test(> :test(string, number, boolean, timestamp),
        > list > member > :test(string, number, boolean, timestamp))"""
    conflicts: [httpLabel, httpHeader, httpPrefixHeaders, httpPayload, httpResponseCode, httpQueryParams]
    breakingChanges: [{ change: "any" }]
)
@length(min: 1)
string httpQuery

/// Map member bound to all query string parameters not bound otherwise.
@trait(
    selector: """
        structure > member
        :test(> map > member[id|member=value] > :test(string, list > member > string))"""
    structurallyExclusive: "member"
    conflicts: [httpLabel, httpQuery, httpHeader, httpPayload, httpResponseCode, httpPrefixHeaders]
    breakingChanges: [{ change: "any" }]
)
structure httpQueryParams {}

/// Member bound to the named HTTP header.
@trait(
    selector: """
        structure > :test(member > :test(boolean, number, string, timestamp,
        list > member > :test(boolean, number, string, timestamp)))"""
    conflicts: [httpLabel, httpQuery, httpPrefixHeaders, httpPayload, httpResponseCode, httpQueryParams]
    breakingChanges: [{ change: "any" }]
)
@length(min: 1)
string httpHeader

/// Map member bound to every header starting with the prefix.
@trait(
    selector: """
        structure > member
        :test(> map :not([trait|sparse]) > member[id|member=value] > string)"""
    structurallyExclusive: "member"
    conflicts: [httpLabel, httpQuery, httpHeader, httpPayload, httpResponseCode, httpQueryParams]
    breakingChanges: [{ change: "any" }]
)
string httpPrefixHeaders

/// Member bound to the whole HTTP message body.
@trait(
    selector: "structure > member"
    conflicts: [httpLabel, httpQuery, httpHeader, httpPrefixHeaders, httpResponseCode, httpQueryParams]
    structurallyExclusive: "member"
    breakingChanges: [{ change: "presence" }]
)
structure httpPayload {}

/// Output member bound to the HTTP response status code.
@trait(
    selector: "structure :not([trait|input]) > member :test(> integer)"
    structurallyExclusive: "member"
    conflicts: [httpLabel, httpQuery, httpHeader, httpPrefixHeaders, httpPayload, httpQueryParams]
    breakingChanges: [{ change: "any" }]
)
structure httpResponseCode {}

/// The operation requires a checksum of the request payload.
@unstable
@trait(selector: "operation")
structure httpChecksumRequired {}

/// Cross-origin resource sharing settings of a service.
@trait(
    selector: "service"
    breakingChanges: [{ change: "remove" }]
)
structure cors {
    /// Allowed origin.
    origin: NonEmptyString = "*"

    origins: NonEmptyStringMap

    /// Seconds a preflight response may be cached.
    maxAge: Integer = 600

    /// Request headers allowed besides the ones the model binds.
    additionalAllowedHeaders: NonEmptyStringList

    /// Response headers exposed besides the ones the model binds.
    additionalExposedHeaders: NonEmptyStringList
}

// ===========================================================================
// Endpoint traits
// ===========================================================================

/// Host prefix (which may contain `{labels}`) prepended to the endpoint host.
@trait(
    selector: "operation"
    breakingChanges: [{ change: "any" }]
)
structure endpoint {
    @required
    hostPrefix: NonEmptyString
}

/// Input member bound to a label of the endpoint host prefix.
@trait(
    selector: "structure > :test(member[trait|required] > string)"
    breakingChanges: [{ change: "any" }]
)
structure hostLabel {}

// ===========================================================================
// Serialization traits
// ===========================================================================

/// The key used for the member in JSON documents.
@trait(
    selector: ":is(structure, union) > member"
    breakingChanges: [{ change: "any" }]
)
string jsonName

/// The media type of a blob or string's content.
@trait(
    selector: ":is(blob, string)"
    breakingChanges: [{ change: "remove" }]
)
string mediaType

/// How a timestamp is serialized.
@trait(
    selector: ":test(timestamp, member > timestamp)"
    breakingChanges: [{ change: "any" }]
)
enum timestampFormat {
    DATE_TIME = "date-time"
    EPOCH_SECONDS = "epoch-seconds"
    HTTP_DATE = "http-date"
}

/// Member serialized as an XML attribute rather than an element.
@trait(
    selector: "structure > :test(member > :test(boolean, number, string, timestamp))"
    conflicts: [xmlNamespace]
    breakingChanges: [{ change: "any" }]
)
structure xmlAttribute {}

/// List or map member serialized without a wrapping element.
@trait(
    selector: ":is(structure, union) > :test(member > :test(list, map))"
    breakingChanges: [{ change: "any" }]
)
structure xmlFlattened {}

/// The XML element or attribute name (optionally `prefix:name`).
@trait(
    selector: ":is(structure, union, member)"
    breakingChanges: [{ change: "any" }]
)
@pattern("^[a-zA-Z_][a-zA-Z_0-9-]*(:[a-zA-Z_][a-zA-Z_0-9-]*)?$")
string xmlName

/// The XML namespace (and optional prefix) of an element.
@trait(
    selector: ":is(service, member, simpleType, list, map, structure, union)"
    conflicts: [xmlAttribute]
    breakingChanges: [{ change: "any" }]
)
structure xmlNamespace {
    @required
    uri: NonEmptyString

    @pattern("^[a-zA-Z_][a-zA-Z_0-9-]*$")
    prefix: NonEmptyString
}

// ===========================================================================
// Streaming traits
// ===========================================================================

/// A blob of unknown size streamed, or a union sent as an event stream.
@trait(
    selector: ":is(blob, union)"
    structurallyExclusive: "target"
    breakingChanges: [{ change: "any" }]
)
structure streaming {}

/// The streaming blob's length must be known before it is sent.
@trait(
    selector: "blob[trait|streaming]"
    breakingChanges: [{ change: "presence" }]
)
structure requiresLength {}

/// Event member bound to the event's payload.
@trait(
    selector: "structure > :test(member > :test(blob, string, structure, union))"
    conflicts: [eventHeader]
    structurallyExclusive: "member"
    breakingChanges: [{ change: "any" }]
)
structure eventPayload {}

/// Event member bound to an event header.
@trait(
    selector: "structure > :test(member > :test(boolean, byte, short, integer, long, blob, string, timestamp))"
    conflicts: [eventPayload]
    breakingChanges: [{ change: "any" }]
)
structure eventHeader {}

// ===========================================================================
// Shared private shapes
// ===========================================================================

/// A string of at least one character.
@private
@length(min: 1)
string NonEmptyString

/// A list of non-empty strings.
@private
list NonEmptyStringList {
    member: NonEmptyString
}

/// A map from non-empty strings to non-empty strings.
@private
map NonEmptyStringMap {
    key: NonEmptyString
    value: NonEmptyString
}
