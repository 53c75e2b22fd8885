//! AWS Signature Version 4 verification, as AWS services other than S3 do it.
//!
//! [`SigV4Verifier::verify`] takes a request signed in the `Authorization`
//! header or presigned in its query string and checks, in this order (the
//! first failure is the answer, an [`AuthFailure`]):
//!
//! 1. **Where the signature is**: an `Authorization` header, or the
//!    `X-Amz-Algorithm` / `X-Amz-Credential` / `X-Amz-Signature` query
//!    parameters. Neither is [`MissingAuthentication`]; both, or two
//!    `Authorization` headers, are [`IncompleteSignature`].
//! 2. **Its form** ([`IncompleteSignature`]): algorithm `AWS4-HMAC-SHA256`;
//!    `Credential=`, `SignedHeaders=` and `Signature=` each once, separated
//!    by commas and/or whitespace (SDKs differ); for a presigned URL all of
//!    `X-Amz-Algorithm`, `-Credential`, `-Date`, `-SignedHeaders`,
//!    `-Signature` and `-Expires` once, `X-Amz-Expires` from 1 s to a week;
//!    a credential `AKID/YYYYMMDD/region/service/aws4_request`; `host` among
//!    the signed headers; a request time in `X-Amz-Date` (header or query,
//!    `YYYYMMDDTHHMMSSZ`) or, for header auth only, an HTTP `Date`.
//! 3. **The scope** (all [`InvalidSignatureException`-coded](AuthFailure::code)):
//!    its service is the verifier's signing name ([`WrongService`]), its
//!    region an accepted one ([`WrongRegion`]), its date the request time's
//!    day ([`WrongScopeDate`]).
//! 4. **The time**: within the allowed skew of the clock, both ways
//!    ([`Expired`], [`NotYetCurrent`]; 15 minutes by default, as AWS); a
//!    presigned URL also expires `X-Amz-Expires` seconds after its
//!    `X-Amz-Date`, with no skew added.
//! 5. **The key**: the store knows the access key id ([`UnknownAccessKey`]);
//!    when its credentials carry a session token, the request's
//!    `X-Amz-Security-Token` (header, or query for presigned URLs) equals
//!    it, and a request may not carry one the credentials do not have
//!    ([`InvalidSecurityToken`]).
//! 6. **The payload**: `X-Amz-Content-Sha256`, when sent and not the literal
//!    `UNSIGNED-PAYLOAD`, is the body's SHA-256 ([`PayloadHashMismatch`]).
//!    The canonical request's last line is that header's value when sent
//!    (so `UNSIGNED-PAYLOAD` is signed as such), else the body's hash.
//! 7. **The signature** ([`SignatureMismatch`]): recomputed with the
//!    signer's own pieces ([`crate::sigv4`]) over the canonical request —
//!    the path normalized (`.`, `..`, `//`) and encoded again, as for every
//!    service but S3; the query decoded, strictly re-encoded (RFC 3986
//!    unreserved set) and sorted, without `X-Amz-Signature`; exactly the
//!    signed headers (`host` falls back to the URI's authority, which is
//!    where HTTP/2 carries it) — and compared in constant time
//!    (`ring::hmac::verify`).
//!
//! Error codes by [`ErrorCodeFamily`] (JSON: awsJson1_0/1_1; Query:
//! awsQuery/restXml), HTTP status, and message (AWS's wording):
//!
//! | kind | JSON code, 400 | Query code, status | message |
//! |---|---|---|---|
//! | [`MissingAuthentication`] | `MissingAuthenticationTokenException` | `MissingAuthenticationToken`, 403 | `Missing Authentication Token` |
//! | [`IncompleteSignature`] | `IncompleteSignatureException` | `IncompleteSignature`, 400 | what is missing, e.g. `Authorization header requires 'Signature' parameter. Authorization=…` |
//! | [`UnknownAccessKey`], [`InvalidSecurityToken`] | `UnrecognizedClientException` | `InvalidClientTokenId`, 403 | `The security token included in the request is invalid.` |
//! | [`SignatureMismatch`] | `InvalidSignatureException` | `SignatureDoesNotMatch`, 403 | `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.` |
//! | [`Expired`], [`NotYetCurrent`] | same | same | `Signature expired: 20150830T120000Z is now earlier than 20150830T122100Z (20150830T123600Z - 15 min.)`, `Signature not yet current: … is still later than … (… + 15 min.)` |
//! | [`WrongService`], [`WrongRegion`], [`WrongScopeDate`] | same | same | `Credential should be scoped to correct service: 'ecr'.`, `Credential should be scoped to a valid region, not 'eu-west-1'.`, `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'.` |
//! | [`PayloadHashMismatch`] | same | same | `The provided 'x-amz-content-sha256' header does not match what was computed.` |
//!
//! [`MissingAuthentication`]: AuthFailureKind::MissingAuthentication
//! [`IncompleteSignature`]: AuthFailureKind::IncompleteSignature
//! [`WrongService`]: AuthFailureKind::WrongService
//! [`WrongRegion`]: AuthFailureKind::WrongRegion
//! [`WrongScopeDate`]: AuthFailureKind::WrongScopeDate
//! [`Expired`]: AuthFailureKind::Expired
//! [`NotYetCurrent`]: AuthFailureKind::NotYetCurrent
//! [`UnknownAccessKey`]: AuthFailureKind::UnknownAccessKey
//! [`InvalidSecurityToken`]: AuthFailureKind::InvalidSecurityToken
//! [`PayloadHashMismatch`]: AuthFailureKind::PayloadHashMismatch
//! [`SignatureMismatch`]: AuthFailureKind::SignatureMismatch

use super::credential_store::CredentialStore;
use crate::sigv4;
use crate::{Clock, DateTime};
use http::StatusCode;
use ring::hmac;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// How far a request's time may be from the server's clock, either way: 15
/// minutes, as AWS allows.
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(15 * 60);

/// The longest `X-Amz-Expires` a presigned URL may ask for: a week.
pub const MAX_PRESIGNED_EXPIRES: u64 = 7 * 24 * 60 * 60;

const ALGORITHM: &str = "AWS4-HMAC-SHA256";
const TERMINATOR: &str = "aws4_request";
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
const SIGNATURE_PARAM: &str = "X-Amz-Signature";
/// The presigned-URL parameters, in the order AWS's message lists them.
const QUERY_PARAMS: [&str; 6] = [
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Signature",
    "X-Amz-Date",
    "X-Amz-SignedHeaders",
    "X-Amz-Expires",
];

/// The regions a credential scope may name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AcceptedRegions {
    /// Any region (a global endpoint, or a test server).
    Any,
    /// Only these.
    Only(Vec<String>),
}

impl AcceptedRegions {
    /// Just `region`.
    pub fn one(region: impl Into<String>) -> Self {
        AcceptedRegions::Only(vec![region.into()])
    }

    fn accepts(&self, region: &str) -> bool {
        match self {
            AcceptedRegions::Any => true,
            AcceptedRegions::Only(regions) => regions.iter().any(|r| r == region),
        }
    }
}

/// Verifies SigV4-signed requests for one service (see the [module
/// documentation](self) for what is checked).
pub struct SigV4Verifier {
    store: Arc<dyn CredentialStore>,
    signing_name: String,
    regions: AcceptedRegions,
    clock_skew: Duration,
    clock: Clock,
}

impl fmt::Debug for SigV4Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigV4Verifier")
            .field("signing_name", &self.signing_name)
            .field("regions", &self.regions)
            .field("clock_skew", &self.clock_skew)
            .finish_non_exhaustive()
    }
}

impl SigV4Verifier {
    /// A verifier of requests signed for `signing_name` (e.g. `ecr`) in one
    /// of `regions`, with keys from `store`, the system clock and
    /// [`DEFAULT_CLOCK_SKEW`].
    pub fn new(
        store: impl CredentialStore + 'static,
        signing_name: impl Into<String>,
        regions: AcceptedRegions,
    ) -> Self {
        SigV4Verifier {
            store: Arc::new(store),
            signing_name: signing_name.into(),
            regions,
            clock_skew: DEFAULT_CLOCK_SKEW,
            clock: Arc::new(DateTime::now),
        }
    }

    /// Allows request times this far from the clock, either way.
    pub fn with_clock_skew(mut self, skew: Duration) -> Self {
        self.clock_skew = skew;
        self
    }

    /// Reads "now" from `clock` instead of the system clock (for tests).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The signing name credential scopes must name.
    pub fn signing_name(&self) -> &str {
        &self.signing_name
    }

    /// Checks `request`'s signature; on success, who signed it.
    pub fn verify(
        &self,
        request: &http::Request<bytes::Bytes>,
    ) -> Result<VerifiedCaller, AuthFailure> {
        let signed = Signed::parse(request)?;
        self.check_scope(&signed)?;
        self.check_time(&signed)?;
        let credentials = self
            .store
            .credentials(&signed.access_key_id)
            .ok_or_else(|| AuthFailure::invalid_token(AuthFailureKind::UnknownAccessKey))?;
        let token_ok = match (
            credentials.session_token(),
            signed.security_token.as_deref(),
        ) {
            (None, None) => true,
            (Some(want), Some(got)) => constant_time_eq(want.as_bytes(), got.as_bytes()),
            _ => false,
        };
        if !token_ok {
            return Err(AuthFailure::invalid_token(
                AuthFailureKind::InvalidSecurityToken,
            ));
        }
        let payload_hash = payload_hash(request)?;
        let canonical = canonical_request(request, &signed, &payload_hash);
        let scope = format!(
            "{}/{}/{}/{TERMINATOR}",
            signed.scope_date, signed.region, signed.service
        );
        let to_sign = sigv4::string_to_sign(&signed.amz_date, &scope, &canonical.text);
        let key = sigv4::signing_key(
            credentials.secret_access_key(),
            &signed.scope_date,
            &signed.region,
            &signed.service,
        );
        let matches = decode_hex(&signed.signature)
            .is_some_and(|sig| hmac::verify(&key, to_sign.as_bytes(), &sig).is_ok());
        if !matches {
            return Err(AuthFailure {
                canonical_request: Some(canonical.text),
                string_to_sign: Some(to_sign),
                ..AuthFailure::new(
                    AuthFailureKind::SignatureMismatch,
                    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
                )
            });
        }
        Ok(VerifiedCaller {
            access_key_id: signed.access_key_id,
            region: signed.region,
            signing_name: signed.service,
            signed_at: signed.time,
            presigned: signed.expires.is_some(),
        })
    }

    fn check_scope(&self, signed: &Signed) -> Result<(), AuthFailure> {
        if signed.service != self.signing_name {
            return Err(AuthFailure::new(
                AuthFailureKind::WrongService,
                format!(
                    "Credential should be scoped to correct service: '{}'.",
                    self.signing_name
                ),
            ));
        }
        if !self.regions.accepts(&signed.region) {
            return Err(AuthFailure::new(
                AuthFailureKind::WrongRegion,
                format!(
                    "Credential should be scoped to a valid region, not '{}'.",
                    signed.region
                ),
            ));
        }
        let day = &signed.amz_date[..8];
        if signed.scope_date != day {
            return Err(AuthFailure::new(
                AuthFailureKind::WrongScopeDate,
                format!(
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{day}', from '{}'.",
                    signed.scope_date, signed.amz_date
                ),
            ));
        }
        Ok(())
    }

    fn check_time(&self, signed: &Signed) -> Result<(), AuthFailure> {
        let now = (self.clock)();
        let skew = secs_i64(self.clock_skew.as_secs());
        let latest = shift(now, skew);
        if signed.time > latest {
            return Err(AuthFailure::new(
                AuthFailureKind::NotYetCurrent,
                format!(
                    "Signature not yet current: {} is still later than {} ({} + {}.)",
                    signed.amz_date,
                    latest.to_amz_date(),
                    now.to_amz_date(),
                    describe(self.clock_skew.as_secs())
                ),
            ));
        }
        let (earliest, window) = match signed.expires {
            None => (shift(now, -skew), self.clock_skew.as_secs()),
            Some(expires) => (shift(now, -secs_i64(expires)), expires),
        };
        if signed.time < earliest {
            return Err(AuthFailure::new(
                AuthFailureKind::Expired,
                format!(
                    "Signature expired: {} is now earlier than {} ({} - {}.)",
                    signed.amz_date,
                    earliest.to_amz_date(),
                    now.to_amz_date(),
                    describe(window)
                ),
            ));
        }
        Ok(())
    }
}

/// Who signed a verified request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedCaller {
    /// The access key id the request was signed with.
    pub access_key_id: String,
    /// The region of the credential scope.
    pub region: String,
    /// The signing name of the credential scope (the verifier's).
    pub signing_name: String,
    /// The request time the signature covers (`X-Amz-Date` or `Date`).
    pub signed_at: DateTime,
    /// Whether the signature came in the query string (a presigned URL)
    /// rather than the `Authorization` header.
    pub presigned: bool,
}

/// What was wrong with a request's authentication (see the [module
/// documentation](self) for which check gives which).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthFailureKind {
    /// No `Authorization` header and no presigned query parameters.
    MissingAuthentication,
    /// The `Authorization` header or presigned parameters are malformed or
    /// incomplete, or there is no usable request time.
    IncompleteSignature,
    /// The store does not know the access key id.
    UnknownAccessKey,
    /// The session token is missing, wrong, or not expected.
    InvalidSecurityToken,
    /// The signature does not match the one computed.
    SignatureMismatch,
    /// `X-Amz-Content-Sha256` is not the body's hash.
    PayloadHashMismatch,
    /// The request time is older than the allowed skew, or a presigned URL
    /// is past its `X-Amz-Expires`.
    Expired,
    /// The request time is further in the future than the allowed skew.
    NotYetCurrent,
    /// The credential scope names another service.
    WrongService,
    /// The credential scope names a region the verifier does not accept.
    WrongRegion,
    /// The credential scope's date is not the request time's day.
    WrongScopeDate,
}

/// How a protocol names its errors: the same failure has a different code
/// in JSON and in query/XML protocols.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCodeFamily {
    /// awsJson1_0 and awsJson1_1 services (DynamoDB, ECR…): `…Exception`
    /// codes, all with status 400.
    Json,
    /// awsQuery and restXml services (STS, IAM, SQS…): `SignatureDoesNotMatch`,
    /// `InvalidClientTokenId`… with status 403 (400 for `IncompleteSignature`).
    Query,
}

/// A request that failed verification: a [kind](Self::kind) and a
/// [message](Self::message) worded as AWS words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthFailure {
    kind: AuthFailureKind,
    message: String,
    canonical_request: Option<String>,
    string_to_sign: Option<String>,
}

impl AuthFailure {
    fn new(kind: AuthFailureKind, message: impl Into<String>) -> Self {
        AuthFailure {
            kind,
            message: message.into(),
            canonical_request: None,
            string_to_sign: None,
        }
    }

    fn incomplete(message: impl Into<String>) -> Self {
        Self::new(AuthFailureKind::IncompleteSignature, message)
    }

    fn invalid_token(kind: AuthFailureKind) -> Self {
        Self::new(
            kind,
            "The security token included in the request is invalid.",
        )
    }

    /// What went wrong.
    pub fn kind(&self) -> AuthFailureKind {
        self.kind
    }

    /// The message for the client.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The error code clients of a `family` protocol expect.
    pub fn code(&self, family: ErrorCodeFamily) -> &'static str {
        use AuthFailureKind as K;
        match (self.kind, family) {
            (K::MissingAuthentication, ErrorCodeFamily::Json) => {
                "MissingAuthenticationTokenException"
            }
            (K::MissingAuthentication, ErrorCodeFamily::Query) => "MissingAuthenticationToken",
            (K::IncompleteSignature, ErrorCodeFamily::Json) => "IncompleteSignatureException",
            (K::IncompleteSignature, ErrorCodeFamily::Query) => "IncompleteSignature",
            (K::UnknownAccessKey | K::InvalidSecurityToken, ErrorCodeFamily::Json) => {
                "UnrecognizedClientException"
            }
            (K::UnknownAccessKey | K::InvalidSecurityToken, ErrorCodeFamily::Query) => {
                "InvalidClientTokenId"
            }
            (_, ErrorCodeFamily::Json) => "InvalidSignatureException",
            (_, ErrorCodeFamily::Query) => "SignatureDoesNotMatch",
        }
    }

    /// The HTTP status of the error response in a `family` protocol.
    pub fn http_status(&self, family: ErrorCodeFamily) -> StatusCode {
        match family {
            ErrorCodeFamily::Json => StatusCode::BAD_REQUEST,
            ErrorCodeFamily::Query if self.kind == AuthFailureKind::IncompleteSignature => {
                StatusCode::BAD_REQUEST
            }
            ErrorCodeFamily::Query => StatusCode::FORBIDDEN,
        }
    }

    /// For a [`SignatureMismatch`](AuthFailureKind::SignatureMismatch): the
    /// canonical request the server computed, to compare with the client's
    /// when debugging it. It holds the signed header values, session token
    /// included: log it with care.
    pub fn canonical_request(&self) -> Option<&str> {
        self.canonical_request.as_deref()
    }

    /// For a [`SignatureMismatch`](AuthFailureKind::SignatureMismatch): the
    /// string to sign the server computed.
    pub fn string_to_sign(&self) -> Option<&str> {
        self.string_to_sign.as_deref()
    }
}

impl fmt::Display for AuthFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AuthFailure {}

/// The signature's claims, parsed from the header or the query.
#[derive(Debug)]
struct Signed {
    access_key_id: String,
    scope_date: String,
    region: String,
    service: String,
    /// Lower case, sorted, without duplicates.
    signed_headers: Vec<String>,
    signature: String,
    time: DateTime,
    /// `time` as the string to sign has it.
    amz_date: String,
    /// `X-Amz-Expires` of a presigned URL; `None` for header auth.
    expires: Option<u64>,
    security_token: Option<String>,
}

impl Signed {
    fn parse(request: &http::Request<bytes::Bytes>) -> Result<Signed, AuthFailure> {
        let params = query_params(request.uri().query().unwrap_or(""));
        let presigned = params.iter().any(|(k, _)| {
            matches!(
                k.as_str(),
                "X-Amz-Algorithm" | "X-Amz-Credential" | SIGNATURE_PARAM
            )
        });
        let mut authorization = request
            .headers()
            .get_all(http::header::AUTHORIZATION)
            .iter();
        match (authorization.next(), presigned) {
            (None, false) => Err(AuthFailure::new(
                AuthFailureKind::MissingAuthentication,
                "Missing Authentication Token",
            )),
            (Some(_), true) => Err(AuthFailure::incomplete(
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
            )),
            (Some(_), false) if authorization.next().is_some() => Err(AuthFailure::incomplete(
                "Only one Authorization header is allowed.",
            )),
            (Some(value), false) => Self::from_header(request, value),
            (None, true) => Self::from_query(request, &params),
        }
    }

    fn from_header(
        request: &http::Request<bytes::Bytes>,
        value: &http::HeaderValue,
    ) -> Result<Signed, AuthFailure> {
        let headers = request.headers();
        let text = String::from_utf8_lossy(value.as_bytes());
        let text = text.trim();
        let amz_date = headers.get("x-amz-date");
        let date = headers.get(http::header::DATE);
        let no_date = amz_date.is_none() && date.is_none();
        let rest = match text.split_once(|c: char| c.is_ascii_whitespace()) {
            Some((ALGORITHM, rest)) => rest,
            _ if text == ALGORITHM => "",
            Some((algorithm, _)) if algorithm.starts_with("AWS4-") => {
                return Err(AuthFailure::incomplete(format!(
                    "Unsupported signing algorithm '{algorithm}': only '{ALGORITHM}' is accepted. Authorization={text}"
                )))
            }
            // Not SigV4 at all (a bearer token, SigV2…): AWS lists what is missing.
            _ => return Err(requires(&["Credential", "Signature", "SignedHeaders"], no_date, text)),
        };
        let (mut credential, mut signed_headers, mut signature) = (None, None, None);
        for token in rest
            .split(|c: char| c == ',' || c.is_ascii_whitespace())
            .filter(|t| !t.is_empty())
        {
            let Some((key, value)) = token.split_once('=') else {
                return Err(AuthFailure::incomplete(format!(
                    "'{token}' not a valid key=value pair (missing equal-sign) in Authorization header: '{text}'."
                )));
            };
            let slot = match key {
                "Credential" => &mut credential,
                "SignedHeaders" => &mut signed_headers,
                "Signature" => &mut signature,
                _ => continue,
            };
            if slot.replace(value).is_some() {
                return Err(AuthFailure::incomplete(format!(
                    "Authorization header has more than one '{key}' parameter: '{text}'."
                )));
            }
        }
        let missing: Vec<&str> = [
            ("Credential", credential),
            ("Signature", signature),
            ("SignedHeaders", signed_headers),
        ]
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(k, _)| *k)
        .collect();
        let (Some(credential), Some(signed_headers), Some(signature)) =
            (credential, signed_headers, signature)
        else {
            return Err(requires(&missing, no_date, text));
        };
        let time = match (amz_date, date) {
            (Some(v), _) => {
                let v = String::from_utf8_lossy(v.as_bytes());
                DateTime::from_amz_date(v.trim()).map_err(|_| {
                    AuthFailure::incomplete(format!(
                        "X-Amz-Date must be in ISO-8601 basic format (YYYYMMDD'T'HHMMSS'Z'), got '{v}'."
                    ))
                })?
            }
            (None, Some(v)) => {
                let v = String::from_utf8_lossy(v.as_bytes());
                parse_date_header(v.trim()).ok_or_else(|| {
                    AuthFailure::incomplete(format!(
                        "Date must be an HTTP date such as 'Sun, 30 Aug 2015 12:36:00 GMT', got '{v}'."
                    ))
                })?
            }
            (None, None) => return Err(requires(&[], true, text)),
        };
        let token = headers
            .get("x-amz-security-token")
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        Signed::new(credential, signed_headers, signature, time, None, token)
    }

    fn from_query(
        request: &http::Request<bytes::Bytes>,
        params: &[(String, String)],
    ) -> Result<Signed, AuthFailure> {
        let get = |name: &str| -> Result<Option<&str>, AuthFailure> {
            let mut values = params
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.as_str());
            let first = values.next();
            if values.next().is_some() {
                return Err(AuthFailure::incomplete(format!(
                    "The query string has more than one '{name}' parameter."
                )));
            }
            Ok(first)
        };
        let mut values = [None; 6];
        for (slot, name) in values.iter_mut().zip(QUERY_PARAMS) {
            *slot = get(name)?;
        }
        let [Some(algorithm), Some(credential), Some(signature), Some(date), Some(signed_headers), Some(expires)] =
            values
        else {
            return Err(AuthFailure::incomplete(
                "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'. Re-examine the query-string parameters.",
            ));
        };
        if algorithm != ALGORITHM {
            return Err(AuthFailure::incomplete(format!(
                "X-Amz-Algorithm only supports '{ALGORITHM}', got '{algorithm}'."
            )));
        }
        let expires = expires
            .parse::<u64>()
            .ok()
            .filter(|e| (1..=MAX_PRESIGNED_EXPIRES).contains(e))
            .ok_or_else(|| {
                AuthFailure::incomplete(format!(
                    "X-Amz-Expires must be a whole number of seconds from 1 to {MAX_PRESIGNED_EXPIRES} (a week), got '{expires}'."
                ))
            })?;
        let time = DateTime::from_amz_date(date).map_err(|_| {
            AuthFailure::incomplete(format!(
                "X-Amz-Date must be in ISO-8601 basic format (YYYYMMDD'T'HHMMSS'Z'), got '{date}'."
            ))
        })?;
        let token = match get("X-Amz-Security-Token")? {
            Some(t) => Some(t.to_string()),
            None => request
                .headers()
                .get("x-amz-security-token")
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()),
        };
        Signed::new(
            credential,
            signed_headers,
            signature,
            time,
            Some(expires),
            token,
        )
    }

    fn new(
        credential: &str,
        signed_headers: &str,
        signature: &str,
        time: DateTime,
        expires: Option<u64>,
        security_token: Option<String>,
    ) -> Result<Signed, AuthFailure> {
        let parts: Vec<&str> = credential.split('/').collect();
        let [access_key_id, scope_date, region, service, terminator] = parts[..] else {
            return Err(AuthFailure::incomplete(format!(
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'"
            )));
        };
        if terminator != TERMINATOR {
            return Err(AuthFailure::incomplete(format!(
                "Credential should be scoped with a valid terminator: '{TERMINATOR}', not '{terminator}'."
            )));
        }
        let mut names: Vec<String> = signed_headers
            .split(';')
            .map(|n| n.trim().to_ascii_lowercase())
            .filter(|n| !n.is_empty())
            .collect();
        names.sort();
        names.dedup();
        if names.binary_search_by(|n| n.as_str().cmp("host")).is_err() {
            return Err(AuthFailure::incomplete(
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
            ));
        }
        Ok(Signed {
            access_key_id: access_key_id.to_string(),
            scope_date: scope_date.to_string(),
            region: region.to_string(),
            service: service.to_string(),
            signed_headers: names,
            signature: signature.to_string(),
            time,
            amz_date: time.to_amz_date(),
            expires,
            security_token,
        })
    }
}

/// AWS's message for missing `Authorization` parts (and request time).
fn requires(missing: &[&str], no_date: bool, authorization: &str) -> AuthFailure {
    let mut message = String::new();
    for name in missing {
        message.push_str(&format!(
            "Authorization header requires '{name}' parameter. "
        ));
    }
    if no_date {
        message.push_str(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ",
        );
    }
    message.push_str("Authorization=");
    message.push_str(authorization);
    AuthFailure::incomplete(message)
}

/// An HTTP `Date`: IMF-fixdate, or the RFC 2822 form with a numeric zone
/// that Python's `email.utils.formatdate` (botocore) writes, `-0000`.
fn parse_date_header(value: &str) -> Option<DateTime> {
    if let Ok(t) = DateTime::from_http_date(value) {
        return Some(t);
    }
    let (rest, zone) = value.rsplit_once(' ')?;
    let (sign, digits) = match zone.as_bytes().first()? {
        b'+' => (1, &zone[1..]),
        b'-' => (-1, &zone[1..]),
        _ => return None,
    };
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i64 = digits[..2].parse().ok()?;
    let minutes: i64 = digits[2..].parse().ok()?;
    let local = DateTime::from_http_date(&format!("{rest} GMT")).ok()?;
    Some(shift(local, -sign * (hours * 3600 + minutes * 60)))
}

/// Query parameters, names and values percent-decoded, in order.
fn query_params(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (sigv4::percent_decode(k), sigv4::percent_decode(v))
        })
        .collect()
}

/// The canonical request's last line: `X-Amz-Content-Sha256` as sent (once
/// checked against the body), else the body's hash.
fn payload_hash(request: &http::Request<bytes::Bytes>) -> Result<String, AuthFailure> {
    let Some(claimed) = request.headers().get("x-amz-content-sha256") else {
        return Ok(sigv4::payload_sha256(request.body()));
    };
    if claimed == UNSIGNED_PAYLOAD {
        return Ok(UNSIGNED_PAYLOAD.to_string());
    }
    let claimed = String::from_utf8_lossy(claimed.as_bytes());
    if claimed.eq_ignore_ascii_case(&sigv4::payload_sha256(request.body())) {
        Ok(claimed.into_owned())
    } else {
        Err(AuthFailure::new(
            AuthFailureKind::PayloadHashMismatch,
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
        ))
    }
}

fn canonical_request(
    request: &http::Request<bytes::Bytes>,
    signed: &Signed,
    payload_hash: &str,
) -> sigv4::CanonicalRequest {
    let uri = request.uri();
    let is_signed = |name: &str| {
        signed
            .signed_headers
            .binary_search_by(|n| n.as_str().cmp(name))
            .is_ok()
    };
    let mut headers = sigv4::canonical_headers(request.headers(), is_signed);
    // HTTP/2 sends the host as `:authority`, which lands in the URI.
    if !headers.iter().any(|(n, _)| *n == "host") {
        if let Some(authority) = uri.authority() {
            headers.push(("host", authority.as_str().to_string()));
            headers.sort_by(|a, b| a.0.cmp(b.0));
        }
    }
    let excluded = signed.expires.map(|_| SIGNATURE_PARAM);
    sigv4::canonical_request_from_parts(
        request.method().as_str(),
        &sigv4::canonical_uri(uri.path(), false),
        &sigv4::canonical_query_excluding(uri.query().unwrap_or(""), excluded),
        &headers,
        payload_hash,
    )
}

/// Lower-case hex only: a signature is written that way.
fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.as_bytes()
        .chunks(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

/// Equality whose time depends only on the lengths, for session tokens.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn secs_i64(secs: u64) -> i64 {
    i64::try_from(secs).unwrap_or(i64::MAX)
}

fn shift(t: DateTime, secs: i64) -> DateTime {
    DateTime::from_secs_and_nanos(t.secs().saturating_add(secs), t.subsec_nanos())
}

/// `15 min` or `90 sec`, as the expiry messages put it.
fn describe(secs: u64) -> String {
    if secs.is_multiple_of(60) {
        format!("{} min", secs / 60)
    } else {
        format!("{secs} sec")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::credential_store::InMemoryCredentialStore;
    use crate::sigv4::{SigningParams, SigningSettings};
    use crate::Credentials;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    fn now() -> DateTime {
        DateTime::from_amz_date("20150830T123600Z").unwrap()
    }

    fn verifier() -> SigV4Verifier {
        SigV4Verifier::new(
            InMemoryCredentialStore::from_pairs([("AKIDEXAMPLE", SECRET)]),
            "service",
            AcceptedRegions::Any,
        )
        .with_clock(Arc::new(now))
    }

    fn request(uri: &str) -> http::Request<bytes::Bytes> {
        http::Request::builder()
            .uri(uri)
            .header("host", "example.amazonaws.com")
            .body(bytes::Bytes::new())
            .unwrap()
    }

    fn signed() -> http::Request<bytes::Bytes> {
        let mut r = request("/?a=1");
        let creds = Credentials::new("AKIDEXAMPLE", SECRET, None);
        sigv4::sign(
            &mut r,
            &SigningParams {
                credentials: &creds,
                region: "us-east-1",
                service: "service",
                time: now(),
                settings: SigningSettings::default(),
            },
        );
        r
    }

    fn with_authorization(value: &str) -> http::Request<bytes::Bytes> {
        let mut r = signed();
        r.headers_mut().insert(
            http::header::AUTHORIZATION,
            http::HeaderValue::from_str(value).unwrap(),
        );
        r
    }

    fn failure(r: &http::Request<bytes::Bytes>) -> AuthFailure {
        verifier().verify(r).unwrap_err()
    }

    #[test]
    fn authorization_spacing_variants_sdks_send() {
        let r = signed();
        let header = r.headers()["authorization"].to_str().unwrap().to_string();
        let rest = header.strip_prefix("AWS4-HMAC-SHA256 ").unwrap();
        let parts: Vec<&str> = rest.split(", ").collect();
        let variants = [
            header.clone(),
            format!("AWS4-HMAC-SHA256 {}", parts.join(",")),
            format!("AWS4-HMAC-SHA256   {}", parts.join(",  \t")),
            format!("AWS4-HMAC-SHA256 {}", parts.join(" ")),
            format!("AWS4-HMAC-SHA256 {}, {}, {},", parts[2], parts[0], parts[1]),
            format!("  {header}  "),
        ];
        for v in variants {
            assert!(verifier().verify(&with_authorization(&v)).is_ok(), "{v:?}");
        }
    }

    #[test]
    fn malformed_authorization_says_what_is_wrong() {
        let sig = "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
        let cred = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
        let cases = [
            (
                format!("AWS4-HMAC-SHA256 {cred}, SignedHeaders=host;x-amz-date"),
                format!("Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 {cred}, SignedHeaders=host;x-amz-date"),
            ),
            (
                "Bearer eyJhbGciOi".to_string(),
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=Bearer eyJhbGciOi".to_string(),
            ),
            (
                format!("AWS4-HMAC-SHA256 Credential= AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host, {sig}"),
                format!("'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential= AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host, {sig}'."),
            ),
            (
                format!("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service, SignedHeaders=host, {sig}"),
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/20150830/us-east-1/service'".to_string(),
            ),
            (
                format!("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws5_request, SignedHeaders=host, {sig}"),
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.".to_string(),
            ),
            (
                format!("AWS4-HMAC-SHA256 {cred}, SignedHeaders=x-amz-date, {sig}"),
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.".to_string(),
            ),
            (
                format!("AWS4-HMAC-SHA256 {cred}, SignedHeaders=host, {sig}, {sig}"),
                format!("Authorization header has more than one 'Signature' parameter: 'AWS4-HMAC-SHA256 {cred}, SignedHeaders=host, {sig}, {sig}'."),
            ),
            (
                format!("AWS4-ECDSA-P256-SHA256 {cred}, SignedHeaders=host, {sig}"),
                format!("Unsupported signing algorithm 'AWS4-ECDSA-P256-SHA256': only 'AWS4-HMAC-SHA256' is accepted. Authorization=AWS4-ECDSA-P256-SHA256 {cred}, SignedHeaders=host, {sig}"),
            ),
        ];
        for (header, message) in cases {
            let e = failure(&with_authorization(&header));
            assert_eq!(
                (e.kind(), e.message()),
                (AuthFailureKind::IncompleteSignature, message.as_str()),
                "{header}"
            );
        }
        // No request time at all.
        let mut r = with_authorization("AWS4-HMAC-SHA256 Credential=A/B");
        r.headers_mut().remove("x-amz-date");
        assert_eq!(failure(&r).message(), "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=A/B");
        let mut r = signed();
        r.headers_mut().remove("x-amz-date");
        assert!(failure(&r)
            .message()
            .starts_with("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential="));
        let mut r = signed();
        r.headers_mut()
            .insert("x-amz-date", "2015-08-30T12:36:00Z".parse().unwrap());
        assert_eq!(failure(&r).message(), "X-Amz-Date must be in ISO-8601 basic format (YYYYMMDD'T'HHMMSS'Z'), got '2015-08-30T12:36:00Z'.");
        // Two Authorization headers, or a header and a presigned query.
        let mut r = signed();
        let a = r.headers()["authorization"].clone();
        r.headers_mut().append(http::header::AUTHORIZATION, a);
        assert_eq!(failure(&r).kind(), AuthFailureKind::IncompleteSignature);
        let mut r = signed();
        *r.uri_mut() = "/?a=1&X-Amz-Signature=00".parse().unwrap();
        assert!(failure(&r)
            .message()
            .starts_with("Only one auth mechanism allowed"));
    }

    #[test]
    fn presigned_parameters_are_all_required_and_checked() {
        let full = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=00";
        let message = |query: &str| {
            failure(&request(&format!("/?{query}")))
                .message()
                .to_string()
        };
        // The full set gets as far as the signature.
        assert_eq!(
            failure(&request(&format!("/?{full}"))).kind(),
            AuthFailureKind::SignatureMismatch
        );
        let without_expires = full.replace("&X-Amz-Expires=3600", "");
        assert_eq!(message(&without_expires), "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'. Re-examine the query-string parameters.");
        for bad in ["0", "604801", "1h", "-5"] {
            assert_eq!(
                message(&full.replace("X-Amz-Expires=3600", &format!("X-Amz-Expires={bad}"))),
                format!("X-Amz-Expires must be a whole number of seconds from 1 to 604800 (a week), got '{bad}'.")
            );
        }
        assert_eq!(
            message(&full.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1")),
            "X-Amz-Algorithm only supports 'AWS4-HMAC-SHA256', got 'AWS4-HMAC-SHA1'."
        );
        assert_eq!(
            message(&format!("{full}&X-Amz-Date=20150830T123600Z")),
            "The query string has more than one 'X-Amz-Date' parameter."
        );
    }

    #[test]
    fn codes_and_statuses_per_protocol_family() {
        use AuthFailureKind as K;
        use ErrorCodeFamily::{Json, Query};
        let table = [
            (
                K::MissingAuthentication,
                "MissingAuthenticationTokenException",
                "MissingAuthenticationToken",
                403,
            ),
            (
                K::IncompleteSignature,
                "IncompleteSignatureException",
                "IncompleteSignature",
                400,
            ),
            (
                K::UnknownAccessKey,
                "UnrecognizedClientException",
                "InvalidClientTokenId",
                403,
            ),
            (
                K::InvalidSecurityToken,
                "UnrecognizedClientException",
                "InvalidClientTokenId",
                403,
            ),
            (
                K::SignatureMismatch,
                "InvalidSignatureException",
                "SignatureDoesNotMatch",
                403,
            ),
            (
                K::PayloadHashMismatch,
                "InvalidSignatureException",
                "SignatureDoesNotMatch",
                403,
            ),
            (
                K::Expired,
                "InvalidSignatureException",
                "SignatureDoesNotMatch",
                403,
            ),
            (
                K::NotYetCurrent,
                "InvalidSignatureException",
                "SignatureDoesNotMatch",
                403,
            ),
            (
                K::WrongService,
                "InvalidSignatureException",
                "SignatureDoesNotMatch",
                403,
            ),
            (
                K::WrongRegion,
                "InvalidSignatureException",
                "SignatureDoesNotMatch",
                403,
            ),
            (
                K::WrongScopeDate,
                "InvalidSignatureException",
                "SignatureDoesNotMatch",
                403,
            ),
        ];
        for (kind, json, query, query_status) in table {
            let f = AuthFailure::new(kind, "m");
            assert_eq!(
                (
                    f.code(Json),
                    f.http_status(Json).as_u16(),
                    f.code(Query),
                    f.http_status(Query).as_u16()
                ),
                (json, 400, query, query_status),
                "{kind:?}"
            );
        }
        let e = failure(&request("/"));
        assert_eq!(
            (e.kind(), e.message(), e.to_string()),
            (
                K::MissingAuthentication,
                "Missing Authentication Token",
                "Missing Authentication Token".to_string()
            )
        );
        // Wrong scope, with AWS's wording.
        let v = SigV4Verifier::new(
            InMemoryCredentialStore::new(),
            "ecr",
            AcceptedRegions::Only(vec!["us-west-2".into(), "eu-west-1".into()]),
        )
        .with_clock(Arc::new(now));
        assert_eq!(
            v.verify(&signed()).unwrap_err().message(),
            "Credential should be scoped to correct service: 'ecr'."
        );
        let v = SigV4Verifier {
            signing_name: "service".into(),
            ..v
        };
        let e = v.verify(&signed()).unwrap_err();
        assert_eq!(
            (e.kind(), e.message()),
            (
                K::WrongRegion,
                "Credential should be scoped to a valid region, not 'us-east-1'."
            )
        );
        let e = SigV4Verifier {
            regions: AcceptedRegions::one("us-east-1"),
            ..v
        }
        .verify(&signed())
        .unwrap_err();
        assert_eq!(
            (e.kind(), e.code(Json), e.message()),
            (
                K::UnknownAccessKey,
                "UnrecognizedClientException",
                "The security token included in the request is invalid."
            )
        );
        let mut header = signed().headers()["authorization"]
            .to_str()
            .unwrap()
            .to_string();
        let last = if header.ends_with('0') { "1" } else { "0" };
        header.replace_range(header.len() - 1.., last);
        let e = failure(&with_authorization(&header));
        assert_eq!(e.message(), "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        assert!(e
            .canonical_request()
            .unwrap()
            .starts_with("GET\n/\na=1\nhost:example.amazonaws.com\n"));
        assert!(e.string_to_sign().unwrap().starts_with(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        ));
    }

    #[test]
    fn date_headers_in_imf_and_numeric_zone_forms() {
        let t = DateTime::from_amz_date("20150830T123600Z").unwrap();
        assert_eq!(parse_date_header("Sun, 30 Aug 2015 12:36:00 GMT"), Some(t));
        assert_eq!(
            parse_date_header("Sun, 30 Aug 2015 12:36:00 -0000"),
            Some(t)
        );
        assert_eq!(
            parse_date_header("Sun, 30 Aug 2015 14:36:00 +0200"),
            Some(t)
        );
        assert_eq!(
            parse_date_header("Sun, 30 Aug 2015 07:06:00 -0530"),
            Some(t)
        );
        for bad in [
            "Sun, 30 Aug 2015 12:36:00 +02",
            "Sun, 30 Aug 2015 12:36:00 CEST",
            "20150830T123600Z",
            "",
        ] {
            assert_eq!(parse_date_header(bad), None, "{bad}");
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(decode_hex("00ff1a"), Some(vec![0, 255, 26]));
        assert_eq!(decode_hex("00FF"), None);
        assert_eq!(decode_hex("0"), None);
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
        assert_eq!(
            (describe(900), describe(90)),
            ("15 min".to_string(), "90 sec".to_string())
        );
    }
}
