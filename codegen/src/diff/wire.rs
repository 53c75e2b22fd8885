//! The wire verdict of every rule: what a change does to old clients talking
//! to a new service (`client`) and to old servers receiving requests from new
//! clients (`server`). Data in requests flows client to server, data in
//! responses and errors server to client, so most member rules depend on the
//! direction of the shape they are in.

use super::{Pair, Wire};
use Wire::{Breaking as B, Compatible as C, Dangerous as D};

/// Where a shape travels: in requests, in responses (outputs and errors), or both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dir {
    pub input: bool,
    pub output: bool,
}

impl Dir {
    pub const BOTH: Dir = Dir {
        input: true,
        output: true,
    };

    pub fn union(self, other: Dir) -> Dir {
        Dir {
            input: self.input || other.input,
            output: self.output || other.output,
        }
    }

    /// A shape no operation reaches is judged as if it went both ways.
    fn effective(self) -> Dir {
        if self.input || self.output {
            self
        } else {
            Dir::BOTH
        }
    }
}

/// What the rule needs to know beyond its id.
#[derive(Clone, Copy, Debug, Default)]
pub struct Facts {
    pub dir: Dir,
    /// The member was required (or non-nullable) on the old side.
    pub was_required: bool,
    /// The protocol binds operations and members to HTTP (`@http`,
    /// `@httpHeader`, `@jsonName` count; an operation or service name is not
    /// on the wire).
    pub http_bound: bool,
    /// A constraint now rejects values it accepted (a shorter length, a
    /// pattern added, a list no longer sparse, a security requirement added).
    pub narrowed: bool,
    /// A constraint now accepts values it rejected.
    pub widened: bool,
    /// Two targets that serialize alike (same kind, same constraints).
    pub compatible_target: bool,
}

/// `(client, server)` for data sent in a request and in a response.
fn directed(f: &Facts, input: (Wire, Wire), output: (Wire, Wire)) -> Pair<Wire> {
    let dir = f.dir.effective();
    let mut v = Pair::both(C);
    if dir.input {
        v = v.join(Pair::new(input.0, input.1));
    }
    if dir.output {
        v = v.join(Pair::new(output.0, output.1));
    }
    v
}

fn pick(cond: bool, yes: Wire) -> Wire {
    if cond {
        yes
    } else {
        C
    }
}

/// The verdict of `rule` given the facts of one change. Unknown rules are
/// judged dangerous both ways, so that a rule added without a verdict fails
/// a test rather than passing silently.
pub fn verdict(rule: &str, f: &Facts) -> Pair<Wire> {
    table(rule, f).unwrap_or(Pair::both(D))
}

fn table(rule: &str, f: &Facts) -> Option<Pair<Wire>> {
    let p = |c, s| Some(Pair::new(c, s));
    match rule {
        // Service.
        "ServiceRename" | "RenamedOperation" if f.http_bound => p(C, C),
        "ServiceRename" | "RenamedOperation" => p(B, B),
        "ChangedProtocol" | "ChangedEndpointPrefix" | "ChangedSigningName" => p(B, B),
        "RemovedAuthenticationScheme" => p(B, C),
        "AddedAuthenticationScheme" => p(C, D),
        "ChangedSdkId" | "ChangedServiceVersion" => p(C, C),
        // Old clients keep resolving endpoints with the old rules.
        "ChangedEndpointRules" => p(D, C),
        "AddedServiceError" | "AddedOperationError" => p(D, C),
        "RemovedServiceError" | "RemovedOperationError" => p(C, D),
        // Operations.
        "AddedOperation" => p(C, D),
        "RemovedOperation" => p(B, C),
        "ChangedOperationInput" | "ChangedOperationOutput" => p(C, C),
        "ChangedHttpMethod" | "ChangedHttpPath" => p(B, B),
        "ChangedHttpStatusCode" => p(D, D),
        "AddedPaginatedTrait" | "RemovedPaginatedTrait" => p(C, C),
        "ChangedPaginatedTrait" => p(D, C),
        "AddedIdempotency" => p(C, D),
        "RemovedIdempotency" => p(D, C),
        // Shapes.
        "AddedShape" | "RemovedShape" => p(C, C),
        "RenamedShape" => p(C, C),
        // An error's name identifies it on the wire (`__type`, `X-Amzn-ErrorType`).
        "RenamedErrorShape" => p(D, D),
        "ChangedShapeType"
        | "ChangedStreaming"
        | "ChangedResourceIdentifiers"
        | "TraitBreakingChange" => p(B, B),
        "ChangedErrorTrait" | "ChangedMediaType" => p(D, D),
        "ChangedErrorStatusCode" if f.http_bound => p(B, B),
        "ChangedErrorStatusCode" => p(D, D),
        "ChangedLengthTrait" | "ChangedRangeTrait" | "ChangedPatternTrait" | "ChangedSparse" => {
            Some(directed(
                f,
                (pick(f.narrowed, B), pick(f.widened, D)),
                (pick(f.widened, D), C),
            ))
        }
        // Enums.
        "AddedEnumValue" => Some(directed(f, (C, D), (D, C))),
        "RemovedEnumValue" => Some(directed(f, (B, C), (C, D))),
        "RenamedEnumValue" | "ReorderedEnumValues" => p(C, C),
        "ChangedEnumValue" => p(B, B),
        // Members.
        "AddedMember" | "RenamedMember" | "ChangedMemberOrder" => p(C, C),
        "AddedRequiredMember" => Some(directed(f, (B, C), (C, D))),
        "RemovedMember" => Some(directed(
            f,
            (D, if f.was_required { B } else { D }),
            (if f.was_required { B } else { D }, C),
        )),
        "ChangedMemberTarget" if f.compatible_target => p(C, C),
        "ChangedMemberTarget" => p(B, B),
        "ChangedNullability.AddedRequiredTrait" => Some(directed(f, (B, C), (C, D))),
        "ChangedNullability.RemovedRequiredTrait" => Some(directed(f, (C, B), (B, C))),
        "ChangedNullability.AddedClientOptionalTrait"
        | "ChangedNullability.RemovedClientOptionalTrait" => p(C, C),
        "AddedDefault" => p(C, C),
        "RemovedDefault" => Some(directed(f, (C, D), (D, C))),
        "ChangedDefault" => p(D, D),
        "ChangedParameterLocation" | "ChangedParameterName" | "ChangedTimestampFormat" => p(B, B),
        "ChangedJsonName" if f.http_bound => p(B, B),
        "ChangedJsonName" => p(C, C),
        "ChangedIdempotencyToken" => p(D, C),
        // Notes.
        "AddedDeprecation" | "RemovedDeprecation" | "ChangedDocumentation" | "ModifiedTrait" => {
            p(C, C)
        }
        "AddedMetadata" | "RemovedMetadata" | "ChangedMetadata" => p(C, C),
        "AddedTraitDefinition" | "RemovedTraitDefinition" => p(C, C),
        "AddedEntityBinding" | "RemovedEntityBinding" => p(C, C),
        // OpenAPI documents.
        "AddedRequestMediaType" => p(C, D),
        "RemovedRequestMediaType" => p(B, C),
        "AddedResponseMediaType" | "AddedResponseStatus" => p(D, C),
        "RemovedResponseMediaType" | "RemovedResponseStatus" => p(C, D),
        "ChangedParameterStyle" | "ChangedSecurityScheme" => p(B, B),
        "AddedSecurityScheme" => p(C, C),
        "RemovedSecurityScheme" => p(B, C),
        "ChangedSecurityRequirement" => p(pick(f.narrowed, B), pick(f.widened, D)),
        // A difference in the generated API no model rule explains.
        "ChangedRustApi" => p(C, C),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_verdict_and_direction_matters_where_it_should() {
        for (rule, _) in super::super::rules::RULES {
            assert!(
                table(rule, &Facts::default()).is_some(),
                "{rule} has no verdict"
            );
        }
        let input = Facts {
            dir: Dir {
                input: true,
                output: false,
            },
            ..Facts::default()
        };
        let output = Facts {
            dir: Dir {
                input: false,
                output: true,
            },
            ..Facts::default()
        };
        // A new enum value: dangerous for old servers when sent, for old clients when received.
        assert_eq!(verdict("AddedEnumValue", &input), Pair::new(C, D));
        assert_eq!(verdict("AddedEnumValue", &output), Pair::new(D, C));
        // Required in a request breaks old clients; in a response, old servers may omit it.
        assert_eq!(
            verdict("ChangedNullability.AddedRequiredTrait", &input),
            Pair::new(B, C)
        );
        assert_eq!(
            verdict("ChangedNullability.AddedRequiredTrait", &output),
            Pair::new(C, D)
        );
        // A shape no operation reaches is judged both ways.
        assert_eq!(
            verdict("AddedEnumValue", &Facts::default()),
            Pair::new(D, D)
        );
        // Names are on the wire only without HTTP bindings.
        let http = Facts {
            http_bound: true,
            ..Facts::default()
        };
        assert_eq!(verdict("RenamedOperation", &http), Pair::new(C, C));
        assert_eq!(
            verdict("RenamedOperation", &Facts::default()),
            Pair::new(B, B)
        );
        assert_eq!(verdict("NoSuchRule", &Facts::default()), Pair::new(D, D));
    }
}
