// apigen's built-in copy of the smoke-test traits (namespace `smithy.test`,
// shared with the protocol-test traits in smithy.test-protocol.smithy).
//
// Shape ids, members, selectors and constraints follow Smithy's
// smithy-smoke-test-traits package; the doc comments are apigen's own.
$version: "2.0"

namespace smithy.test

/// Calls to make against the live service to check that a client can reach it.
@trait(selector: "operation")
list smokeTests {
    /// One smoke test.
    member: SmokeTestCase
}

/// A smoke test: the call to make and the kind of answer expected.
@private
structure SmokeTestCase {
    /// Identifier of the case, unique across the service's smoke tests.
    @required
    @pattern("^[A-Za-z_][A-Za-z0-9_]+$")
    id: String

    /// The operation's input (binary values written as plain text).
    params: Document

    /// Vendor-specific settings for the call (region, endpoint, ...).
    vendorParams: Document

    /// Shape `vendorParams` must fit.
    @idRef(failWhenMissing: true)
    vendorParamsShape: String

    /// The expected outcome.
    @required
    expect: Expectation

    /// Tags grouping cases.
    tags: TagList
}

/// The outcome a smoke test expects.
@private
union Expectation {
    /// The call succeeds; nothing else is checked.
    success: Unit

    /// The call fails.
    failure: FailureExpectation
}

/// A failed call, optionally with a given error.
@private
structure FailureExpectation {
    /// The error expected; any error when absent.
    @idRef(failWhenMissing: true, selector: "[trait|error]")
    errorId: String
}

/// A list of smoke-test tags.
@private
list TagList {
    member: Tag
}

/// A smoke-test tag.
@private
@pattern("^[A-Za-z][A-Za-z0-9_\\-]+$")
string Tag
