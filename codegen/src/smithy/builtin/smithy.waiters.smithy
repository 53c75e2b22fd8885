// apigen's built-in copy of the waiter traits (namespace `smithy.waiters`).
//
// Shape ids, members, selectors, constraints and defaults follow Smithy's
// smithy-waiters package; the doc comments are apigen's own.
$version: "2.0"

namespace smithy.waiters

/// Named waiters that poll the operation until a resource reaches a wanted state.
@trait(selector: "operation :not(-[input, output]-> structure > member > union[trait|streaming])")
@length(min: 1)
map waitable {
    key: WaiterName
    value: Waiter
}

/// A waiter's name.
@pattern("^[A-Z]+[A-Za-z0-9]*$")
string WaiterName

/// One waiter: its acceptors and retry delays.
@private
structure Waiter {
    /// Documentation of the waiter (CommonMark).
    documentation: String

    /// Acceptors, checked in order after each call.
    @required
    acceptors: Acceptors

    /// Least delay between attempts, in seconds.
    minDelay: WaiterDelay = 2

    /// Greatest delay between attempts, in seconds.
    maxDelay: WaiterDelay = 120

    /// The waiter is deprecated.
    deprecated: Boolean

    /// Tags grouping waiters.
    tags: NonEmptyStringList
}

/// A delay in seconds.
@range(min: 1)
integer WaiterDelay

/// A non-empty list of acceptors.
@private
@length(min: 1)
list Acceptors {
    member: Acceptor
}

/// A state transition taken when its matcher matches.
@private
structure Acceptor {
    /// The state to move to.
    @required
    state: AcceptorState

    /// What must match.
    @required
    matcher: Matcher

    /// JMESPath expression giving a message for a `failure` transition.
    message: String
}

/// The state an acceptor moves the waiter to.
@private
enum AcceptorState {
    /// Done: the wanted state was reached.
    SUCCESS = "success"

    /// Done: the wanted state cannot be reached.
    FAILURE = "failure"

    /// Call the operation again.
    RETRY = "retry"
}

/// How an acceptor tests a call's outcome.
@private
union Matcher {
    /// JMESPath test of the successful output.
    output: PathMatcher

    /// JMESPath test of `{input, output}` of a successful call.
    inputOutput: PathMatcher

    /// The call failed with this error (absolute shape id or bare name).
    errorType: String

    /// `true`: the call succeeded; `false`: it failed with any error.
    success: Boolean
}

/// A JMESPath expression compared with an expected value.
@private
structure PathMatcher {
    /// The JMESPath expression.
    @required
    path: String

    /// The expected value.
    @required
    expected: String

    /// How the result is compared with `expected`.
    @required
    comparator: PathComparator
}

/// Comparisons a path matcher can make.
@private
enum PathComparator {
    /// The result is a string equal to `expected`.
    STRING_EQUALS = "stringEquals"

    /// The result is a boolean equal to `expected` (`true` or `false`).
    BOOLEAN_EQUALS = "booleanEquals"

    /// Every element of the result list equals `expected`.
    ALL_STRING_EQUALS = "allStringEquals"

    /// Some element of the result list equals `expected`.
    ANY_STRING_EQUALS = "anyStringEquals"
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
