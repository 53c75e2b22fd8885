// apigen's own traits (namespace `apigen.api`).
$version: "2.0"

namespace apigen.api

/// The one-line summary an OpenAPI document gave the operation.
@trait(selector: "operation")
string summary

/// A shape lowered from an inline (anonymous) OpenAPI schema and named
/// from where the document writes it. Inline schemas that are identical
/// (members, targets and constraints; documentation aside) are generated
/// as one Rust type, the others as aliases of it, so every name stays.
@trait
structure inlineSchema {}

/// Plain REST with JSON bodies, as an OpenAPI document describes an API:
/// the HTTP binding traits place members, bodies are JSON, and errors are
/// told apart by their status code (`@httpError`), an error without one
/// (the document's `default` response) catching the other failures.
@trait(selector: "service")
@protocolDefinition
structure restJson {}

/// An API key sent as a cookie of this name (OpenAPI's `apiKey` scheme
/// `in: cookie`; Smithy's `@httpApiKeyAuth` has a header or the query).
@trait(selector: "service")
@authDefinition
structure cookieApiKeyAuth {
    @required
    name: String
}

/// On an output's payload member: the body is read only when the response
/// has this status. An OpenAPI operation whose success statuses declare
/// different bodies gets it (with a `status` member to tell them apart).
@trait(selector: "structure > member")
integer payloadStatus

/// The endpoint a client uses when none is configured: the first server
/// of an OpenAPI document, its variables at their defaults.
@trait(selector: "service")
string defaultEndpoint

/// The delimiter an array query parameter's items are joined with into one
/// value (OpenAPI `explode: false` `,`, `spaceDelimited` ` `,
/// `pipeDelimited` `|`), instead of one query key per item.
@trait(selector: "structure > member")
string httpQueryDelimiter

/// The text between the items of an array path parameter, as RFC 6570
/// expands OpenAPI's styles: `,` for `simple` and for `label` and `matrix`
/// unexploded, `.` for `label` exploded (`.a.b`), `;name=` for `matrix`
/// exploded (`;id=1;id=2`). Each item is percent-encoded on its own.
@trait(selector: "structure > member")
string httpLabelDelimiter

/// An OpenAPI cookie parameter (`in: cookie`): the member is sent as
/// `name=value` in the request's `Cookie` header.
@trait(selector: "structure > member")
string httpCookie

/// A flat object parameter (scalar properties only) outside the query's
/// `deepObject` and exploded `form` styles: `pairs` writes `k1,v1,k2,v2`
/// (unexploded `simple`, `label`, `matrix`, `form`), a separator writes
/// `k1=v1` assignments joined by it (exploded: `,` `simple`, `.` `label`,
/// `;` `matrix`), `cookies` makes each property a cookie of its own
/// (exploded `form` in a cookie).
@trait(selector: "structure > member")
string httpObjectStyle

/// An object-valued OpenAPI query parameter (or a oneOf/anyOf that may be
/// an object), spread into keys from its JSON: `deepObject` as
/// `name[key]=value` to any depth, `form` (exploded) one key per property.
@trait(selector: "structure > member")
string httpQueryObject

/// The media type an OpenAPI request body is sent as (the JSON one when
/// the document offers several): forms and multipart bodies are written
/// from the payload structure's members.
@trait(selector: "structure > member")
string payloadMediaType

/// The properties of an `application/x-www-form-urlencoded` body written
/// as deep objects, OpenAPI's `style: deepObject`: an object as
/// `key[sub]=value`, a list as `key[0]=value`, nested to any depth; other
/// properties are one field (a list one field per item, an object its JSON).
@trait(selector: "structure > member")
list formDeepObject {
    member: String
}

/// A union written as its member's own JSON, not as Smithy's object keyed
/// by the member name: an OpenAPI `oneOf` or `anyOf`. With `discriminator`,
/// the member is the one `mapping` names for that property's value (an
/// unmapped value reads as the Unknown member); without, it is the first
/// member, in declared order, the value fits: its JSON kind and, for a
/// structure, its required properties and single-valued enum properties.
@trait(selector: "union")
structure untagged {
    /// The property of the member's object that names the member.
    discriminator: String

    /// Discriminator value to member name.
    mapping: UntaggedMapping
}

@private
map UntaggedMapping {
    key: String
    value: String
}
