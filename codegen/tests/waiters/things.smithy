// A small service whose waiters exercise every matcher kind and the JMESPath
// constructs the official AWS models use. The codegen unit tests compile its
// paths; codegen/tests/waiters.rs generates, builds and runs its crate.
$version: "2"

namespace example.waiters

use aws.api#service
use aws.auth#sigv4
use aws.protocols#awsJson1_0
use smithy.waiters#waitable

@service(sdkId: "Things")
@sigv4(name: "things")
@awsJson1_0
service Things {
    version: "2024-01-01"
    operations: [GetThing, ListThings]
}

@waitable(
    ThingReady: {
        documentation: "Waits until the thing is ACTIVE; fails fast when it FAILED."
        minDelay: 1
        maxDelay: 8
        acceptors: [
            {
                state: "success"
                matcher: { output: { path: "thing.status", expected: "ACTIVE", comparator: "stringEquals" } }
            }
            {
                state: "failure"
                matcher: { output: { path: "thing.status", expected: "FAILED", comparator: "stringEquals" } }
            }
            { state: "retry", matcher: { errorType: "ThingNotFound" } }
            { state: "retry", matcher: { errorType: "ThrottlingException" } }
        ]
    }
    ThingGone: {
        acceptors: [
            { state: "success", matcher: { errorType: "example.waiters#ThingNotFound" } }
            { state: "retry", matcher: { success: true } }
        ]
    }
    ThingNamedAsAsked: {
        acceptors: [
            {
                state: "success"
                matcher: {
                    inputOutput: { path: "input.name == output.thing.name", expected: "true", comparator: "booleanEquals" }
                }
            }
        ]
    }
    ThingAnswers: {
        acceptors: [
            { state: "success", matcher: { success: true } }
            { state: "failure", matcher: { success: false } }
        ]
    }
    Broken: {
        documentation: "Names a member the output does not have: skipped with a warning."
        acceptors: [
            { state: "success", matcher: { output: { path: "thing.colour", expected: "red", comparator: "stringEquals" } } }
        ]
    }
)
@readonly
operation GetThing {
    input := {
        @required
        name: String
    }
    output := {
        thing: Thing
    }
    errors: [ThingNotFound]
}

@waitable(
    AllActive: {
        acceptors: [
            { state: "success", matcher: { output: { path: "things[].status", expected: "ACTIVE", comparator: "allStringEquals" } } }
            { state: "failure", matcher: { output: { path: "things[*].status", expected: "FAILED", comparator: "anyStringEquals" } } }
        ]
    }
    TwoActive: {
        acceptors: [
            { state: "success", matcher: { output: { path: "length(things[?status == 'ACTIVE']) >= `2`", expected: "true", comparator: "booleanEquals" } } }
        ]
    }
    FirstAndLast: {
        acceptors: [
            { state: "success", matcher: { output: { path: "things[0].status", expected: "ACTIVE", comparator: "stringEquals" } } }
            { state: "failure", matcher: { output: { path: "things[-1].size > `2` && things[0].enabled", expected: "true", comparator: "booleanEquals" } } }
        ]
    }
    NoneFailed: {
        acceptors: [
            { state: "success", matcher: { output: { path: "!contains(things[].status, 'FAILED')", expected: "true", comparator: "booleanEquals" } } }
        ]
    }
    TagValues: {
        acceptors: [
            { state: "success", matcher: { output: { path: "tags.*.value", expected: "ready", comparator: "anyStringEquals" } } }
            { state: "retry", matcher: { output: { path: "tags.owner.value", expected: "nobody", comparator: "stringEquals" } } }
        ]
    }
    GroupMembers: {
        acceptors: [
            { state: "success", matcher: { output: { path: "groups[].members[]", expected: "alice", comparator: "anyStringEquals" } } }
            { state: "success", matcher: { output: { path: "matrix[]", expected: "x", comparator: "anyStringEquals" } } }
        ]
    }
    Filtered: {
        acceptors: [
            { state: "success", matcher: { output: { path: "things[?size >= `2` || enabled == `true`].name", expected: "big", comparator: "anyStringEquals" } } }
            { state: "success", matcher: { output: { path: "things[?status != 'DELETED'] | [0].name", expected: "first", comparator: "stringEquals" } } }
        ]
    }
    Empty: {
        acceptors: [
            { state: "success", matcher: { output: { path: "length(things) == `0`", expected: "true", comparator: "booleanEquals" } } }
        ]
    }
    Counted: {
        acceptors: [
            { state: "success", matcher: { output: { path: "count != `0` && updated > `0`", expected: "true", comparator: "booleanEquals" } } }
            { state: "success", matcher: { output: { path: "kind", expected: "BIG", comparator: "stringEquals" } } }
            { state: "success", matcher: { output: { path: "nested.inner.flag", expected: "true", comparator: "booleanEquals" } } }
        ]
    }
    Pairs: {
        acceptors: [
            { state: "success", matcher: { output: { path: "things[].[status, name][]", expected: "ACTIVE", comparator: "allStringEquals" } } }
            { state: "success", matcher: { output: { path: "things[?!(length(name) <= `3` && size == `1`)].name", expected: "long", comparator: "anyStringEquals" } } }
        ]
    }
)
@readonly
operation ListThings {
    input := {}
    output := {
        things: ThingList
        tags: TagMap
        groups: GroupList
        matrix: Matrix
        count: Long
        kind: Kind
        updated: Timestamp
        nested: Outer
    }
}

structure Thing {
    name: String
    status: Status
    size: Integer
    enabled: Boolean
}

list ThingList {
    member: Thing
}

structure Tag {
    value: String
}

map TagMap {
    key: String
    value: Tag
}

structure Group {
    members: Names
}

list GroupList {
    member: Group
}

list Names {
    member: String
}

list Matrix {
    member: Names
}

structure Outer {
    @required
    inner: Inner
}

structure Inner {
    @required
    flag: Boolean = false
}

enum Status {
    CREATING
    ACTIVE
    FAILED
    DELETED
}

enum Kind {
    BIG
    SMALL
}

@error("client")
structure ThingNotFound {
    message: String
}
