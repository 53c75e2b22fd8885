// apigen's built-in copy of the AWS IAM traits (namespace `aws.iam`).
//
// Shape ids, members, selectors and patterns follow Smithy's aws-iam-traits
// package; the doc comments are apigen's own.
$version: "2.0"

namespace aws.iam

// ===========================================================================
// Actions
// ===========================================================================

/// The operation's IAM action, when it differs from the operation name.
@deprecated(since: "2023-11-10", message: "Use the `name` member of `aws.iam#iamAction`.")
@trait(selector: "operation")
string actionName

/// What granting permission for the operation allows.
@deprecated(since: "2023-11-10", message: "Use the `documentation` member of `aws.iam#iamAction`.")
@trait(selector: "operation")
string actionPermissionDescription

/// The operation as an IAM action: name, documentation and resources.
@trait(selector: "operation")
structure iamAction {
    /// The action's IAM name.
    name: String

    /// What granting permission for the action allows.
    documentation: String

    /// Relative URL of the action's IAM documentation.
    relativeDocumentation: String

    /// Other actions the caller must also be allowed.
    requiredActions: RequiredActionsList

    /// Resources the action is authorized against.
    resources: ActionResources

    /// Resources the action creates.
    createsResources: ResourceNameList
}

/// Other actions the caller must also be allowed.
@deprecated(since: "2023-11-10", message: "Use the `requiredActions` member of `aws.iam#iamAction`.")
@trait(selector: "operation")
list requiredActions {
    member: IamIdentifier
}

/// Resources an IAM action is authorized against.
@private
structure ActionResources {
    /// Resources always authorized against.
    required: ActionResourceMap

    /// Resources authorized against depending on the request.
    optional: ActionResourceMap
}

/// A resource an IAM action is authorized against.
@private
structure ActionResource {
    /// Condition keys used when authorizing against the resource.
    conditionKeys: ConditionKeysList
}

/// Action resources by resource name.
@private
map ActionResourceMap {
    key: ResourceName
    value: ActionResource
}

/// Unique condition key names.
@private
@uniqueItems
list ConditionKeysList {
    member: String
}

/// Unique IAM action identifiers.
@private
@uniqueItems
list RequiredActionsList {
    member: IamIdentifier
}

/// Unique IAM resource names.
@private
@uniqueItems
list ResourceNameList {
    member: ResourceName
}

/// An IAM action identifier (`service:Action`).
@pattern("^([A-Za-z0-9][A-Za-z0-9-\\.]{0,62}:[^:]+)$")
@private
string IamIdentifier

/// An IAM resource name.
@private
string ResourceName

// ===========================================================================
// Resources
// ===========================================================================

/// The resource as an IAM resource.
@trait(selector: "resource")
structure iamResource {
    /// The resource's IAM name.
    name: String

    /// Relative URL of the resource's IAM documentation.
    relativeDocumentation: String

    /// Do not inherit the parent resources' condition keys.
    disableConditionKeyInheritance: Boolean
}

// ===========================================================================
// Condition keys
// ===========================================================================

/// Condition keys, by name, that apply to the resource or operation.
@trait(selector: ":test(resource, operation)")
list conditionKeys {
    member: ConditionKeyName
}

/// The condition key the member's value supplies (when names differ).
@trait(selector: "member")
@pattern("^(([A-Za-z0-9][A-Za-z0-9-\\.]{0,62}:)?[^:\\s]+)$")
string conditionKeyValue

/// Condition keys the service defines beyond inferred and global ones.
@trait(selector: "service")
map defineConditionKeys {
    key: ConditionKeyName
    value: ConditionKeyDefinition
}

/// Do not infer condition keys for the service's resources or this resource.
@trait(selector: ":test(service, resource)")
structure disableConditionKeyInference {}

/// Condition keys the service resolves itself rather than from the request.
@trait(selector: "service")
list serviceResolvedConditionKeys {
    member: ConditionKeyName
}

/// A condition key's definition.
@private
structure ConditionKeyDefinition {
    @required
    type: ConditionKeyType

    /// Documentation of the key.
    documentation: String

    /// URL of more documentation.
    externalDocumentation: String

    /// Relative URL of the key's IAM documentation.
    relativeDocumentation: String

    /// A service-resolved key must be present.
    required: Boolean
}

/// A condition key name (optionally prefixed `service:`).
@private
@pattern("^(([A-Za-z0-9][A-Za-z0-9-\\.]{0,62}:)?[^:\\s]+)$")
string ConditionKeyName

/// The IAM policy type of a condition key's value.
@private
enum ConditionKeyType {
    /// An ARN.
    ARN

    /// A list of ARNs.
    ARRAY_OF_ARN = "ArrayOfARN"

    /// Base64-encoded binary data.
    BINARY = "Binary"

    /// A list of binary values.
    ARRAY_OF_BINARY = "ArrayOfBinary"

    /// A string.
    STRING = "String"

    /// A list of strings.
    ARRAY_OF_STRING = "ArrayOfString"

    /// An integer or float.
    NUMERIC = "Numeric"

    /// A list of numbers.
    ARRAY_OF_NUMERIC = "ArrayOfNumeric"

    /// An ISO 8601 date-time.
    DATE = "Date"

    /// A list of dates.
    ARRAY_OF_DATE = "ArrayOfDate"

    /// A boolean.
    BOOL = "Bool"

    /// A list of booleans.
    ARRAY_OF_BOOL = "ArrayOfBool"

    /// An IP address or CIDR block (RFC 4632).
    IP_ADDRESS = "IPAddress"

    /// A list of IP addresses.
    ARRAY_OF_IP_ADDRESS = "ArrayOfIPAddress"
}

// ===========================================================================
// Principals
// ===========================================================================

/// Principal types that may use the service or operation.
@trait(selector: ":test(service, operation)")
list supportedPrincipalTypes {
    member: PrincipalType
}

/// An IAM principal type.
@private
enum PrincipalType {
    /// An AWS account.
    ROOT = "Root"

    /// An IAM user.
    IAM_USER = "IAMUser"

    /// An IAM role.
    IAM_ROLE = "IAMRole"

    /// A federated user session.
    FEDERATED_USER = "FederatedUser"
}
