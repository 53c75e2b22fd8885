// apigen's built-in copy of the AWS service customization traits (namespace
// `aws.customizations`).
//
// Shape ids and selectors follow Smithy's aws-traits package; the doc comments
// are apigen's own.
$version: "2.0"

namespace aws.customizations

/// The restXml response body is not wrapped in an operation-level element (Amazon S3 only).
@trait(selector: "operation")
structure s3UnwrappedXmlOutput {}
