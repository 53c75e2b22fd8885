// apigen's built-in copy of the AWS smoke-test vendor parameters (namespace
// `aws.test`), the shapes AWS models name as `vendorParamsShape` in
// `smithy.test#smokeTests`.
//
// Shape ids, members and defaults follow Smithy's aws-smoke-test-model
// package; the doc comments are apigen's own.
$version: "2.0"

namespace aws.test

/// Vendor parameters every AWS service's smoke tests accept.
@mixin
@suppress(["UnreferencedShape"])
structure BaseAwsVendorParams {
    /// Region to sign for and resolve the default endpoint in.
    region: String = "us-west-2"

    /// Regions a SigV4a request is signed for.
    sigv4aRegionSet: NonEmptyStringList

    /// A fixed endpoint to send the request to.
    uri: String

    /// Resolve a FIPS endpoint.
    useFips: Boolean = false

    /// Resolve a dual-stack endpoint.
    useDualstack: Boolean = false

    /// Use account-id based endpoint routing where the service has it.
    useAccountIdRouting: Boolean = true
}

/// A non-empty list of strings.
@private
@length(min: 1)
@suppress(["UnreferencedShape"])
list NonEmptyStringList {
    member: String
}

/// The default vendor parameters of AWS smoke tests.
@suppress(["UnreferencedShape"])
structure AwsVendorParams with [BaseAwsVendorParams] {}

/// Vendor parameters of Amazon S3 smoke tests.
@suppress(["UnreferencedShape"])
structure S3VendorParams with [BaseAwsVendorParams] {
    /// Resolve an S3 Transfer Acceleration endpoint.
    useAccelerate: Boolean = false

    /// Use the global endpoint for us-east-1.
    useGlobalEndpoint: Boolean = false

    /// Use path-style bucket addressing.
    forcePathStyle: Boolean = false

    /// Let the region in a bucket ARN override the configured region.
    useArnRegion: Boolean = true

    /// Use S3 Multi-Region Access Points.
    useMultiRegionAccessPoints: Boolean = true
}
