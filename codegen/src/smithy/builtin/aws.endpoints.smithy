// apigen's built-in copy of the AWS endpoint modifier traits (namespace
// `aws.endpoints`).
//
// Shape ids, members, selectors, conflicts and breaking-change rules follow
// Smithy's aws-endpoints package; the doc comments are apigen's own.
$version: "2.0"

namespace aws.endpoints

/// Marks a service trait that modifies how its endpoints resolve.
@trait(
    selector: "structure[trait|trait]"
    breakingChanges: [
        {
            change: "presence"
        }
    ]
)
structure endpointsModifier {}

// ===========================================================================
// Regional endpoints
// ===========================================================================

/// The service's endpoints follow the standard regional patterns.
@trait(
    selector: "service"
    conflicts: [standardPartitionalEndpoints]
    breakingChanges: [
        {
            change: "remove"
        }
    ]
)
@endpointsModifier
structure standardRegionalEndpoints {
    /// Partitions whose endpoints depart from the standard patterns.
    partitionSpecialCases: PartitionSpecialCaseMap

    /// Regions whose endpoints depart from the standard patterns.
    regionSpecialCases: RegionSpecialCaseMap
}

/// Partition special cases by partition.
@private
map PartitionSpecialCaseMap {
    key: String
    value: PartitionSpecialCaseList
}

/// A list of partition special cases.
@private
list PartitionSpecialCaseList {
    member: PartitionSpecialCase
}

/// The endpoint pattern of every regional endpoint in a partition.
@private
structure PartitionSpecialCase {
    /// The endpoint pattern.
    @required
    endpoint: String

    /// Applies to dual-stack variants.
    dualStack: Boolean

    /// Applies to FIPS variants.
    fips: Boolean
}

/// Region special cases by region.
@private
map RegionSpecialCaseMap {
    key: String
    value: RegionSpecialCaseList
}

/// A list of region special cases.
@private
list RegionSpecialCaseList {
    member: RegionSpecialCase
}

/// The endpoint pattern of a region.
@private
structure RegionSpecialCase {
    /// The endpoint pattern.
    @required
    endpoint: String

    /// Applies to dual-stack variants.
    dualStack: Boolean

    /// Applies to FIPS variants.
    fips: Boolean

    /// The signing region to use for the region.
    signingRegion: String
}

// ===========================================================================
// Partitional endpoints
// ===========================================================================

/// The service is not regionalized: one endpoint per partition.
@trait(
    selector: "service"
    conflicts: [standardRegionalEndpoints]
    breakingChanges: [
        {
            change: "any"
        }
    ]
)
@endpointsModifier
structure standardPartitionalEndpoints {
    /// The pattern of the partition endpoints.
    @required
    endpointPatternType: PartitionEndpointPattern

    /// Partitions whose endpoint departs from the pattern or the default global region.
    partitionEndpointSpecialCases: PartitionEndpointSpecialCaseMap
}

/// Patterns of partition endpoints.
@private
enum PartitionEndpointPattern {
    @deprecated(since: "2025-04-01", message: "Use AWS_RECOMMENDED.")
    SERVICE_DNSSUFFIX = "service_dnsSuffix"

    @deprecated(since: "2025-04-01", message: "Use AWS_RECOMMENDED.")
    SERVICE_REGION_DNSSUFFIX = "service_region_dnsSuffix"

    AWS_RECOMMENDED = "aws_recommended"
}

/// Partition endpoint special cases by partition.
@private
map PartitionEndpointSpecialCaseMap {
    key: String
    value: PartitionEndpointSpecialCaseList
}

/// A list of partition endpoint special cases.
@private
list PartitionEndpointSpecialCaseList {
    member: PartitionEndpointSpecialCase
}

/// The endpoint of a partition.
@private
structure PartitionEndpointSpecialCase {
    /// The endpoint pattern.
    endpoint: String

    /// The region used instead of the partition's default global region.
    region: String

    /// Applies to dual-stack variants.
    dualStack: Boolean

    /// Applies to FIPS variants.
    fips: Boolean
}

// ===========================================================================
// Other modifiers
// ===========================================================================

/// The service has dual-stack endpoints only.
@trait(
    selector: "service"
    breakingChanges: [
        {
            change: "any"
        }
    ]
)
@endpointsModifier
structure dualStackOnlyEndpoints {}

/// The service's endpoint rules are written by hand.
@trait(
    selector: "service"
    breakingChanges: [
        {
            change: "any"
        }
    ]
)
@endpointsModifier
@unstable
structure rulesBasedEndpoints {}
