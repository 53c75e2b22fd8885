// apigen's built-in copy of the AWS protocol traits (namespace `aws.protocols`).
//
// Shape ids, members, selectors and protocol trait lists follow Smithy's
// aws-traits package; the doc comments are apigen's own.
$version: "2.0"

namespace aws.protocols

// ===========================================================================
// JSON protocols
// ===========================================================================

/// AWS JSON 1.0: `POST /`, operation named by `X-Amz-Target`, `application/x-amz-json-1.0` bodies.
@protocolDefinition(
    traits: [timestampFormat, cors, endpoint, hostLabel]
)
@trait(selector: "service")
structure awsJson1_0 with [HttpConfiguration] {}

/// AWS JSON 1.1: like 1.0 with `application/x-amz-json-1.1` bodies.
@protocolDefinition(
    traits: [timestampFormat, cors, endpoint, hostLabel]
)
@trait(selector: "service")
structure awsJson1_1 with [HttpConfiguration] {}

/// AWS restJson1: HTTP bindings with JSON bodies.
@protocolDefinition(
    traits: [
        timestampFormat
        cors
        endpoint
        hostLabel
        http
        httpError
        httpHeader
        httpLabel
        httpPayload
        httpPrefixHeaders
        httpQuery
        httpQueryParams
        httpResponseCode
        httpChecksum
        httpChecksumRequired
        jsonName
    ]
)
@trait(selector: "service")
structure restJson1 with [HttpConfiguration] {}

/// HTTP versions a protocol trait may negotiate, shared by the HTTP-based protocols.
@private
@mixin(localTraits: [private])
structure HttpConfiguration {
    /// HTTP versions for ordinary requests, in order of preference (ALPN ids such as `h2`).
    http: StringList

    /// HTTP versions for event-stream operations, in order of preference.
    eventStreamHttp: StringList
}

// ===========================================================================
// XML and query protocols
// ===========================================================================

/// AWS restXml: HTTP bindings with XML bodies.
@deprecated
@protocolDefinition(
    traits: [
        timestampFormat
        cors
        endpoint
        hostLabel
        http
        httpError
        httpHeader
        httpLabel
        httpPayload
        httpPrefixHeaders
        httpQuery
        httpQueryParams
        httpResponseCode
        httpChecksum
        httpChecksumRequired
        xmlAttribute
        xmlFlattened
        xmlName
        xmlNamespace
    ]
)
@traitValidators(
    UnsupportedProtocolDocument: {
        selector: "~> member :test(> document)"
        message: "restXml cannot serialize document types"
    }
)
@trait(selector: "service")
structure restXml with [HttpConfiguration] {
    /// Error responses are not wrapped in an `ErrorResponse` element.
    @deprecated
    noErrorWrapping: Boolean
}

/// AWS Query: form-encoded requests, XML responses.
@deprecated
@protocolDefinition(
    traits: [
        timestampFormat
        cors
        endpoint
        hostLabel
        awsQueryError
        xmlAttribute
        xmlFlattened
        xmlName
        xmlNamespace
    ]
)
@trait(selector: "service [trait|xmlNamespace]")
@traitValidators(
    UnsupportedProtocolDocument: {
        selector: "~> member :test(> document)"
        message: "awsQuery cannot serialize document types"
    }
)
structure awsQuery {}

/// The error code and HTTP status an error is reported with under awsQuery.
@trait(
    selector: "structure [trait|error]"
    breakingChanges: [{ change: "any" }]
)
structure awsQueryError {
    @required
    code: String

    @required
    httpResponseCode: Integer
}

/// A service migrated from awsQuery that still honours awsQuery error codes.
@trait(
    selector: """
        service :test([trait|aws.protocols#awsJson1_0],
                      [trait|smithy.protocols#rpcv2Cbor],
                      [trait|smithy.protocols#rpcv2Json])"""
)
structure awsQueryCompatible {}

/// Amazon EC2 Query: awsQuery variant used by EC2.
@deprecated
@protocolDefinition(
    traits: [
        timestampFormat
        cors
        endpoint
        hostLabel
        ec2QueryName
        xmlAttribute
        xmlFlattened
        xmlName
        xmlNamespace
    ]
)
@trait(selector: "service [trait|xmlNamespace]")
@traitValidators(
    UnsupportedProtocolDocument: {
        selector: "~> member :test(> document)"
        message: "ec2Query cannot serialize document types"
    }
)
structure ec2Query {}

/// The query key of a member under ec2Query.
@pattern("^[a-zA-Z_][a-zA-Z_0-9-]*$")
@trait(selector: "structure > member")
string ec2QueryName

// ===========================================================================
// Checksums
// ===========================================================================

/// Request and response checksum behaviour of an operation.
@trait(
    selector: "operation"
    breakingChanges: [
        {
            change: "remove"
            severity: "DANGER"
            message: "Clients lose checksum support, but the service must keep honouring it."
        }
        {
            change: "remove"
            path: "/requestAlgorithmMember"
            severity: "DANGER"
            message: "Clients can no longer pick a request checksum algorithm; the service must keep accepting it."
        }
        {
            change: "remove"
            path: "/requestValidationModeMember"
            severity: "DANGER"
            message: "Clients stop validating response checksums; the service must keep supporting the member."
        }
        {
            change: "remove"
            path: "/responseAlgorithms/member"
            severity: "DANGER"
            message: "Clients stop validating the removed algorithms; the service must keep supporting them."
        }
    ]
)
@unstable
structure httpChecksum {
    /// Input member (an enum of algorithms) selecting the request checksum algorithm.
    requestAlgorithmMember: String

    /// A request checksum is required.
    requestChecksumRequired: Boolean

    /// Input member that opts in to response checksum validation.
    requestValidationModeMember: String

    /// Algorithms the service may use for response checksums.
    responseAlgorithms: ChecksumAlgorithmSet
}

/// A list of strings.
@private
list StringList {
    member: String
}

/// A non-empty set of checksum algorithms.
@length(min: 1)
@private
@uniqueItems
list ChecksumAlgorithmSet {
    member: ChecksumAlgorithm
}

/// A checksum algorithm.
@private
enum ChecksumAlgorithm {
    CRC32
    CRC32C
    CRC64NVME
    MD5
    SHA1
    SHA256
    SHA512
    XXHASH64
    XXHASH3
    XXHASH128
}
