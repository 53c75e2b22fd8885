// apigen's built-in copy of the AWS authentication traits (namespace `aws.auth`).
//
// Shape ids, members and selectors follow Smithy's aws-traits package; the doc
// comments are apigen's own.
$version: "2.0"

namespace aws.auth

/// AWS Signature Version 4 request signing.
@authDefinition(
    traits: [unsignedPayload]
)
@externalDocumentation(Reference: "https://docs.aws.amazon.com/general/latest/gr/signature-version-4.html")
@trait(
    selector: "service"
    breakingChanges: [
        {
            change: "remove"
            message: "Existing clients would no longer be able to authenticate."
        }
    ]
)
structure sigv4 {
    /// The signing name (service name in the credential scope), e.g. `ecr`.
    @externalDocumentation(Reference: "https://docs.aws.amazon.com/general/latest/gr/sigv4-create-string-to-sign.html")
    @length(min: 1)
    @required
    name: String
}

/// AWS Signature Version 4a (asymmetric, multi-region) request signing.
@authDefinition(
    traits: [unsignedPayload]
)
@externalDocumentation(
    Reference: "https://docs.aws.amazon.com/general/latest/gr/signature-version-4.html"
    Examples: "https://github.com/aws-samples/sigv4a-signing-examples"
)
@trait(
    selector: "service[trait|aws.auth#sigv4]"
    breakingChanges: [
        {
            change: "remove"
            message: "Existing clients would no longer be able to authenticate."
        }
    ]
)
structure sigv4a {
    /// The signing name, e.g. `ecr`.
    @externalDocumentation(Reference: "https://docs.aws.amazon.com/general/latest/gr/sigv4-create-string-to-sign.html")
    @length(min: 1)
    @required
    name: String
}

/// The operation's payload is not included in the signature.
@trait(selector: "operation")
structure unsignedPayload {}

/// Amazon Cognito user pool authentication.
@authDefinition
@internal
@tags(["internal"])
@trait(selector: "service")
structure cognitoUserPools {
    /// ARNs of the user pools.
    @required
    providerArns: StringList
}

/// OAuth scopes an operation requires under Cognito user pools.
@internal
@tags(["internal"])
@length(min: 1)
@trait(selector: "service[trait|aws.auth#cognitoUserPools] ~> operation")
list cognitoUserPoolsScopes {
    member: String
}

/// A list of strings.
@private
list StringList {
    member: String
}
