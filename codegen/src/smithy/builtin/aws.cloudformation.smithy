// apigen's built-in copy of the AWS CloudFormation traits (namespace
// `aws.cloudformation`).
//
// Shape ids, members, selectors, conflicts and breaking-change rules follow
// Smithy's aws-cloudformation-traits package; the doc comments are apigen's own.
$version: "2.0"

namespace aws.cloudformation

/// The resource is a CloudFormation resource.
@unstable
@trait(
    selector: "resource"
    breakingChanges: [
        {
            change: "presence"
        }
    ]
)
structure cfnResource {
    /// The CloudFormation resource name, when it differs.
    name: String

    /// Structures whose members are added to the resource's properties.
    additionalSchemas: StructureIdList

    /// The property used as the resource's primary identifier instead of its identifiers.
    @deprecated(message: "Use the resource's identifiers.")
    primaryIdentifier: String
}

/// A list of structure shape ids.
@private
list StructureIdList {
    @idRef(failWhenMissing: true, selector: "structure")
    member: String
}

/// The member's property is an additional identifier of the resource.
@unstable
@trait(
    selector: "structure > :test(member > string)"
    conflicts: [cfnExcludeProperty]
    breakingChanges: [
        {
            change: "remove"
        }
    ]
)
structure cfnAdditionalIdentifier {}

/// The CloudFormation property name of the member, when it differs.
@unstable
@trait(
    selector: "structure > member"
    breakingChanges: [
        {
            change: "any"
        }
    ]
)
string cfnName

/// The member is left out of the CloudFormation resource.
@unstable
@trait(
    selector: "structure > member"
    conflicts: [cfnAdditionalIdentifier, cfnMutability, cfnDefaultValue]
    breakingChanges: [
        {
            change: "add"
        }
    ]
)
structure cfnExcludeProperty {}

/// The member's property has a default value.
@unstable
@trait(
    selector: "resource > operation -[input, output]-> structure > member"
    conflicts: [cfnExcludeProperty]
)
structure cfnDefaultValue {}

/// When the member's property may be set and whether it is returned.
@unstable
@trait(
    selector: "structure > member"
    conflicts: [cfnExcludeProperty]
)
enum cfnMutability {
    /// Set by the user and returned.
    FULL = "full"

    /// Set only on creation, and returned.
    CREATE_AND_READ = "create-and-read"

    /// Set only on creation, never returned.
    CREATE = "create"

    /// Returned, never set by the user.
    READ = "read"

    /// Set by the user, never returned.
    WRITE = "write"
}
