//! Server-side SigV4 verification (`apigen_runtime::server::auth`) against
//! three signers:
//!
//! - the runtime's own `sigv4::sign`: its requests verify, and every single
//!   change to one (a header, the path, the query, the body, the secret, the
//!   time, the scope, a dropped signed header) is rejected with the right
//!   kind, while headers added after signing are ignored;
//! - the AWS SigV4 test suite (`data/aws-sig-v4-test-suite`, see its
//!   README): every header- and query-signed request verifies with the
//!   suite's credentials and time, except those signed for a service that
//!   neither normalizes nor double-encodes paths (S3) and one that adds the
//!   session token after signing (AWS IoT), whose rejections are checked to
//!   come from exactly that one line of the canonical request;
//! - botocore (`data/sigv4-botocore.json`, written by
//!   `tests/peers/sigv4_signed_requests.py`): its requests verify as sent.
#![cfg(feature = "server")]

use apigen_runtime::server::auth::{
    AcceptedRegions, AuthFailure, AuthFailureKind as Kind, SigV4Verifier, VerifiedCaller,
};
use apigen_runtime::server::credential_store::InMemoryCredentialStore;
use apigen_runtime::sigv4::{self, SigningParams, SigningSettings};
use apigen_runtime::{Credentials, DateTime};
use bytes::Bytes;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const AKID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TEMP_AKID: &str = "ASIATEMPEXAMPLE";
const TEMP_SECRET: &str = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
const TOKEN: &str = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+token==";
const HOST: &str = "api.ecr.us-east-1.amazonaws.com";

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

fn at(rfc3339: &str) -> DateTime {
    DateTime::from_rfc3339(rfc3339).unwrap()
}

fn t0() -> DateTime {
    at("2026-03-15T09:30:00Z")
}

fn minutes(t: DateTime, m: i64) -> DateTime {
    DateTime::from_secs(t.secs() + m * 60)
}

fn verifier_at(now: DateTime) -> SigV4Verifier {
    let store: InMemoryCredentialStore = [
        Credentials::new(AKID, SECRET, None),
        Credentials::new(TEMP_AKID, TEMP_SECRET, Some(TOKEN.into())),
    ]
    .into_iter()
    .collect();
    SigV4Verifier::new(store, "ecr", AcceptedRegions::one("us-east-1"))
        .with_clock(Arc::new(move || now))
}

fn kind(result: Result<VerifiedCaller, AuthFailure>) -> Result<VerifiedCaller, Kind> {
    result.map_err(|f| f.kind())
}

/// A request with a path to normalize, a query to sort, a repeated header and a body.
fn unsigned_request() -> http::Request<Bytes> {
    http::Request::builder()
        .method("POST")
        .uri("/v2/team%20a/./repo//tags?prefix=a%2Fb&list-type=2&empty=&k=%E1%88%B4")
        .header("host", HOST)
        .header("content-type", "application/x-amz-json-1.1")
        .header(
            "x-amz-target",
            "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories",
        )
        .header("x-multi", "a")
        .header("x-multi", "b")
        .body(Bytes::from_static(br#"{"repositoryNames":["team/app"]}"#))
        .unwrap()
}

struct Signing<'a> {
    credentials: Credentials,
    region: &'a str,
    service: &'a str,
    time: DateTime,
    settings: SigningSettings,
}

impl Default for Signing<'_> {
    fn default() -> Self {
        Signing {
            credentials: Credentials::new(AKID, SECRET, None),
            region: "us-east-1",
            service: "ecr",
            time: t0(),
            settings: SigningSettings::default(),
        }
    }
}

fn sign_with(mut request: http::Request<Bytes>, s: Signing<'_>) -> http::Request<Bytes> {
    sigv4::sign(
        &mut request,
        &SigningParams {
            credentials: &s.credentials,
            region: s.region,
            service: s.service,
            time: s.time,
            settings: s.settings,
        },
    );
    request
}

fn signed() -> http::Request<Bytes> {
    sign_with(unsigned_request(), Signing::default())
}

fn set_header(r: &mut http::Request<Bytes>, name: &'static str, value: &str) {
    r.headers_mut()
        .insert(name, http::HeaderValue::from_str(value).unwrap());
}

fn set_uri(r: &mut http::Request<Bytes>, uri: &str) {
    *r.uri_mut() = uri.parse().unwrap();
}

#[test]
fn requests_signed_by_the_runtime_verify() {
    let v = verifier_at(t0());
    let caller = v.verify(&signed()).unwrap();
    assert_eq!(
        (
            caller.access_key_id.as_str(),
            caller.region.as_str(),
            caller.signing_name.as_str(),
            caller.signed_at,
            caller.presigned
        ),
        (AKID, "us-east-1", "ecr", t0(), false)
    );

    // Temporary credentials, X-Amz-Content-Sha256, an empty GET.
    let temp = Credentials::new(TEMP_AKID, TEMP_SECRET, Some(TOKEN.into()));
    let r = sign_with(
        unsigned_request(),
        Signing {
            credentials: temp,
            ..Signing::default()
        },
    );
    assert_eq!(v.verify(&r).unwrap().access_key_id, TEMP_AKID);
    let r = sign_with(
        unsigned_request(),
        Signing {
            settings: SigningSettings {
                content_sha256_header: true,
                ..Default::default()
            },
            ..Signing::default()
        },
    );
    assert!(r.headers().contains_key("x-amz-content-sha256"));
    v.verify(&r).unwrap();
    let get = http::Request::builder()
        .uri("/")
        .header("host", HOST)
        .body(Bytes::new())
        .unwrap();
    v.verify(&sign_with(get, Signing::default())).unwrap();

    // HTTP/2 carries the host as :authority, in the URI, not as a header.
    let mut h2 = signed();
    h2.headers_mut().remove("host");
    let pq = h2.uri().path_and_query().unwrap().to_string();
    set_uri(&mut h2, &format!("https://{HOST}{pq}"));
    v.verify(&h2).unwrap();

    // Headers added after signing (by a proxy, the HTTP stack) are not signed.
    let mut r = signed();
    for (name, value) in [
        ("user-agent", "proxy/1"),
        ("x-forwarded-for", "10.0.0.1"),
        ("content-length", "33"),
        ("x-amzn-trace-id", "Root=1-abc"),
    ] {
        set_header(&mut r, name, value);
    }
    v.verify(&r).unwrap();
}

#[test]
fn every_single_change_is_rejected() {
    let v = verifier_at(t0());
    type Change = fn(&mut http::Request<Bytes>);
    let changes: [(&str, Change, Kind); 14] = [
        (
            "a signed header's value",
            |r| {
                set_header(
                    r,
                    "x-amz-target",
                    "AmazonEC2ContainerRegistry_V20150921.DeleteRepository",
                )
            },
            Kind::SignatureMismatch,
        ),
        (
            "a repeated header's order",
            |r| {
                r.headers_mut().remove("x-multi");
                r.headers_mut().append("x-multi", "b".parse().unwrap());
                r.headers_mut().append("x-multi", "a".parse().unwrap());
            },
            Kind::SignatureMismatch,
        ),
        (
            "the method",
            |r| *r.method_mut() = http::Method::PUT,
            Kind::SignatureMismatch,
        ),
        (
            "the path",
            |r| {
                set_uri(
                    r,
                    "/v2/team%20b/repo/tags?prefix=a%2Fb&list-type=2&empty=&k=%E1%88%B4",
                )
            },
            Kind::SignatureMismatch,
        ),
        (
            "a query value",
            |r| {
                set_uri(
                    r,
                    "/v2/team%20a/repo/tags?prefix=a%2Fc&list-type=2&empty=&k=%E1%88%B4",
                )
            },
            Kind::SignatureMismatch,
        ),
        (
            "an added query parameter",
            |r| {
                set_uri(
                    r,
                    "/v2/team%20a/repo/tags?prefix=a%2Fb&list-type=2&empty=&k=%E1%88%B4&x=1",
                )
            },
            Kind::SignatureMismatch,
        ),
        (
            "a dropped query parameter",
            |r| {
                set_uri(
                    r,
                    "/v2/team%20a/repo/tags?prefix=a%2Fb&list-type=2&k=%E1%88%B4",
                )
            },
            Kind::SignatureMismatch,
        ),
        (
            "one body byte",
            |r| {
                let mut body = r.body().to_vec();
                body[5] ^= 1;
                *r.body_mut() = body.into();
            },
            Kind::SignatureMismatch,
        ),
        (
            "a dropped signed header",
            |r| {
                r.headers_mut().remove("x-amz-target");
            },
            Kind::SignatureMismatch,
        ),
        (
            "X-Amz-Date by one second",
            |r| set_header(r, "x-amz-date", "20260315T093001Z"),
            Kind::SignatureMismatch,
        ),
        (
            "the signature's case",
            |r| {
                let a = r.headers()["authorization"].to_str().unwrap().to_string();
                let (head, sig) = a.split_once("Signature=").unwrap();
                let upper = format!("{head}Signature={}", sig.to_ascii_uppercase());
                set_header(r, "authorization", &upper);
            },
            Kind::SignatureMismatch,
        ),
        (
            "the access key id",
            |r| {
                let a = r.headers()["authorization"].to_str().unwrap();
                let other = a.replace(AKID, "AKIDOTHER");
                set_header(r, "authorization", &other);
            },
            Kind::UnknownAccessKey,
        ),
        (
            "the Authorization header, gone",
            |r| {
                r.headers_mut().remove("authorization");
            },
            Kind::MissingAuthentication,
        ),
        (
            "a session token the key does not have",
            |r| set_header(r, "x-amz-security-token", TOKEN),
            Kind::InvalidSecurityToken,
        ),
    ];
    for (what, change, want) in changes {
        let mut r = signed();
        change(&mut r);
        assert_eq!(kind(v.verify(&r)), Err(want), "changed {what}");
    }

    // Changes made at signing time.
    let cases: [(&str, Signing<'_>, Kind); 4] = [
        (
            "the secret",
            Signing {
                credentials: Credentials::new(AKID, "not-the-secret", None),
                ..Signing::default()
            },
            Kind::SignatureMismatch,
        ),
        (
            "the scope's region",
            Signing {
                region: "eu-west-1",
                ..Signing::default()
            },
            Kind::WrongRegion,
        ),
        (
            "the scope's service",
            Signing {
                service: "ecs",
                ..Signing::default()
            },
            Kind::WrongService,
        ),
        (
            "the time, 16 minutes back",
            Signing {
                time: minutes(t0(), -16),
                ..Signing::default()
            },
            Kind::Expired,
        ),
    ];
    for (what, signing, want) in cases {
        let r = sign_with(unsigned_request(), signing);
        assert_eq!(kind(v.verify(&r)), Err(want), "changed {what}");
    }
    let ahead = sign_with(
        unsigned_request(),
        Signing {
            time: minutes(t0(), 16),
            ..Signing::default()
        },
    );
    assert_eq!(kind(v.verify(&ahead)), Err(Kind::NotYetCurrent));

    // The body covered by X-Amz-Content-Sha256 is checked against it.
    let mut r = sign_with(
        unsigned_request(),
        Signing {
            settings: SigningSettings {
                content_sha256_header: true,
                ..Default::default()
            },
            ..Signing::default()
        },
    );
    *r.body_mut() = Bytes::from_static(b"{}");
    assert_eq!(kind(v.verify(&r)), Err(Kind::PayloadHashMismatch));

    // A scope dated another day than X-Amz-Date.
    let mut r = signed();
    set_header(&mut r, "x-amz-date", "20260316T093000Z");
    let e = verifier_at(at("2026-03-16T09:30:00Z"))
        .verify(&r)
        .unwrap_err();
    assert_eq!(e.kind(), Kind::WrongScopeDate);
    assert_eq!(e.message(), "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260315' != '20260316', from '20260316T093000Z'.");
}

#[test]
fn the_clock_window_is_fifteen_minutes_both_ways() {
    let r = signed();
    for m in [-15, 0, 15] {
        assert!(verifier_at(minutes(t0(), m)).verify(&r).is_ok(), "{m} min");
    }
    let late = DateTime::from_secs(minutes(t0(), 15).secs() + 1);
    let e = verifier_at(late).verify(&r).unwrap_err();
    assert_eq!(e.kind(), Kind::Expired);
    assert_eq!(
        e.message(),
        "Signature expired: 20260315T093000Z is now earlier than 20260315T093001Z (20260315T094501Z - 15 min.)"
    );
    let early = DateTime::from_secs(minutes(t0(), -15).secs() - 1);
    let e = verifier_at(early).verify(&r).unwrap_err();
    assert_eq!(e.kind(), Kind::NotYetCurrent);
    assert_eq!(
        e.message(),
        "Signature not yet current: 20260315T093000Z is still later than 20260315T092959Z (20260315T091459Z + 15 min.)"
    );
    // A narrower window, as some services use.
    let five = verifier_at(minutes(t0(), 6)).with_clock_skew(Duration::from_secs(300));
    let e = five.verify(&r).unwrap_err();
    assert_eq!(
        e.message(),
        "Signature expired: 20260315T093000Z is now earlier than 20260315T093100Z (20260315T093600Z - 5 min.)"
    );
}

#[test]
fn session_tokens_must_match_the_credentials() {
    let v = verifier_at(t0());
    let temp = || Signing {
        credentials: Credentials::new(TEMP_AKID, TEMP_SECRET, Some(TOKEN.into())),
        ..Signing::default()
    };
    let good = sign_with(unsigned_request(), temp());
    v.verify(&good).unwrap();
    let mut r = good.clone();
    r.headers_mut().remove("x-amz-security-token");
    assert_eq!(kind(v.verify(&r)), Err(Kind::InvalidSecurityToken));
    let mut r = good.clone();
    set_header(&mut r, "x-amz-security-token", &TOKEN.replace('+', "-"));
    assert_eq!(kind(v.verify(&r)), Err(Kind::InvalidSecurityToken));
    // The right token with credentials that never had one.
    let r = sign_with(
        unsigned_request(),
        Signing {
            credentials: Credentials::new(TEMP_AKID, TEMP_SECRET, None),
            ..Signing::default()
        },
    );
    let e = v.verify(&r).unwrap_err();
    assert_eq!(e.kind(), Kind::InvalidSecurityToken);
    assert_eq!(
        e.message(),
        "The security token included in the request is invalid."
    );
}

/// A request of the test suite's `.txt` form: request line, headers (with
/// obs-fold continuation lines), blank line, body.
struct RawRequest {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: String,
}

fn parse_raw(text: &str) -> RawRequest {
    let mut lines = text.split('\n');
    let first = lines.next().unwrap();
    let (method, rest) = first.split_once(' ').unwrap();
    // double-url-encode's request line has no HTTP version.
    let target = match rest.rsplit_once(' ') {
        Some((target, version)) if version.starts_with("HTTP/") => target,
        _ => rest,
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines.by_ref() {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            // obs-fold: a server replaces it with one space (RFC 9112 §5.2).
            let last = headers.last_mut().unwrap();
            last.1.push(' ');
            last.1.push_str(line.trim());
            continue;
        }
        let (name, value) = line.split_once(':').unwrap();
        headers.push((name.to_string(), value.trim().to_string()));
    }
    RawRequest {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        body: lines.collect::<Vec<_>>().join("\n"),
    }
}

/// The target as an HTTP client puts it on the wire: spaces and non-ASCII
/// bytes percent-encoded, everything else as written.
fn wire_target(target: &str) -> String {
    let mut out = String::new();
    for b in target.bytes() {
        if b == b' ' || !b.is_ascii() {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

fn http_request(raw: &RawRequest) -> http::Request<Bytes> {
    let mut b = http::Request::builder()
        .method(raw.method.as_str())
        .uri(wire_target(&raw.target));
    for (name, value) in &raw.headers {
        b = b.header(name.as_str(), value.as_str());
    }
    b.body(Bytes::from(raw.body.clone())).unwrap()
}

/// The suite's cases signed the way S3 signs: the path neither normalized
/// nor encoded a second time (`normalize: false`, or the unencoded path
/// encoded once). Every service but S3 rejects them; the test checks that
/// the path line is the only difference.
const SINGLE_ENCODED_PATH: [&str; 9] = [
    "get-relative-relative-unnormalized",
    "get-relative-unnormalized",
    "get-slash-dot-slash-unnormalized",
    "get-slash-pointless-dot-unnormalized",
    "get-slash-unnormalized",
    "get-slashes-unnormalized",
    "get-space-normalized",
    "get-space-unnormalized",
    "get-utf8",
];

/// post-sts-header-after's presigned form appends X-Amz-Security-Token to
/// the query after signing (as AWS IoT's WebSocket URLs do); the canonical
/// query of every other service includes it.
const TOKEN_ADDED_AFTER_SIGNING: &str = "post-sts-header-after";

#[test]
fn aws_sigv4_test_suite_vectors() {
    let root = data("aws-sig-v4-test-suite");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            e.file_type()
                .unwrap()
                .is_dir()
                .then(|| e.file_name().into_string().unwrap())
        })
        .collect();
    names.sort();
    assert_eq!(names.len(), 40, "{names:?}");
    let (mut verified, mut rejected) = (0, 0);
    for name in &names {
        let dir = root.join(name);
        let context: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("context.json")).unwrap())
                .unwrap();
        let creds = &context["credentials"];
        let token = creds["token"].as_str().map(String::from);
        let store: InMemoryCredentialStore = [Credentials::new(
            creds["access_key_id"].as_str().unwrap(),
            creds["secret_access_key"].as_str().unwrap(),
            token,
        )]
        .into_iter()
        .collect();
        let now = at(context["timestamp"].as_str().unwrap());
        let verifier = SigV4Verifier::new(
            store,
            context["service"].as_str().unwrap(),
            AcceptedRegions::one(context["region"].as_str().unwrap()),
        )
        .with_clock(Arc::new(move || now));
        for location in ["header", "query"] {
            let file = dir.join(format!("{location}-signed-request.txt"));
            let Ok(text) = std::fs::read_to_string(&file) else {
                assert!(name.starts_with("double-"), "{name} has no {location} form");
                continue;
            };
            let raw = parse_raw(&text);
            let request = http_request(&raw);
            let result = verifier.verify(&request);
            let single_encoded = SINGLE_ENCODED_PATH.contains(&name.as_str());
            let late_token = name == TOKEN_ADDED_AFTER_SIGNING && location == "query";
            if !single_encoded && !late_token {
                match result {
                    Ok(caller) => assert_eq!(caller.presigned, location == "query", "{name}"),
                    Err(e) => panic!(
                        "{name} ({location}): {e}\nours:\n{}\nsuite:\n{}",
                        e.canonical_request().unwrap_or("-"),
                        std::fs::read_to_string(
                            dir.join(format!("{location}-canonical-request.txt"))
                        )
                        .unwrap_or_default()
                    ),
                }
                verified += 1;
                continue;
            }
            let e = result.expect_err(name);
            assert_eq!(e.kind(), Kind::SignatureMismatch, "{name} ({location})");
            let ours = e.canonical_request().unwrap();
            let suite =
                std::fs::read_to_string(dir.join(format!("{location}-canonical-request.txt")))
                    .unwrap();
            let ours_lines: Vec<&str> = ours.lines().collect();
            let suite_lines: Vec<&str> = suite.lines().collect();
            let differing: Vec<usize> = (0..ours_lines.len().max(suite_lines.len()))
                .filter(|&i| ours_lines.get(i) != suite_lines.get(i))
                .collect();
            let path = request.uri().path();
            if single_encoded {
                // Only the path line differs, and by exactly the encoding mode.
                assert_eq!(differing, [1], "{name} ({location})\n{ours}\n--\n{suite}");
                assert_eq!(ours_lines[1], sigv4::canonical_uri(path, false));
                assert_eq!(suite_lines[1], sigv4::canonical_uri(path, true));
            } else {
                // Only the query line differs, by the token.
                assert_eq!(differing, [2], "{name} ({location})");
                assert!(ours_lines[2].contains("X-Amz-Security-Token="));
                assert!(!suite_lines[2].contains("X-Amz-Security-Token="));
            }
            rejected += 1;
        }
    }
    // 38 cases with both forms and two header-only ones.
    assert_eq!((verified, rejected), (59, 19));
}

#[test]
fn requests_signed_by_botocore_verify() {
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string(data("sigv4-botocore.json")).unwrap())
            .unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 9);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let str_of = |k: &str| case[k].as_str().unwrap();
        let store: InMemoryCredentialStore = [Credentials::new(
            str_of("access_key_id"),
            str_of("secret_access_key"),
            case["session_token"].as_str().map(String::from),
        )]
        .into_iter()
        .collect();
        let now = DateTime::from_amz_date(str_of("time")).unwrap();
        let verifier = |now: DateTime| {
            let store = store.clone();
            SigV4Verifier::new(
                store,
                str_of("service"),
                AcceptedRegions::one(str_of("region")),
            )
            .with_clock(Arc::new(move || now))
        };
        let url: http::Uri = str_of("url").parse().unwrap();
        let mut b = http::Request::builder()
            .method(str_of("method"))
            .uri(url.path_and_query().unwrap().as_str());
        for h in case["headers"].as_array().unwrap() {
            b = b.header(h[0].as_str().unwrap(), h[1].as_str().unwrap());
        }
        let request = b.body(Bytes::from(str_of("body").to_string())).unwrap();
        let caller = match verifier(now).verify(&request) {
            Ok(c) => c,
            Err(e) => panic!(
                "{name}: {e}\nours:\n{}\nbotocore:\n{}",
                e.canonical_request().unwrap_or("-"),
                str_of("botocore_canonical_request")
            ),
        };
        let presigned = url.query().unwrap_or("").contains("X-Amz-Signature=");
        assert_eq!(
            (
                caller.access_key_id.as_str(),
                caller.region.as_str(),
                caller.presigned
            ),
            (str_of("access_key_id"), str_of("region"), presigned),
            "{name}"
        );

        // One body byte changed: only UNSIGNED-PAYLOAD does not cover it.
        if !request.body().is_empty() {
            let mut r = request.clone();
            let mut body = r.body().to_vec();
            body[0] ^= 1;
            *r.body_mut() = body.into();
            let unsigned = request.headers().get("x-amz-content-sha256")
                == Some(&http::HeaderValue::from_static("UNSIGNED-PAYLOAD"));
            assert_eq!(
                kind(verifier(now).verify(&r)).is_ok(),
                unsigned,
                "{name}: body changed"
            );
        }
        // One query value or path byte changed.
        let pq = url.path_and_query().unwrap().as_str();
        let changed = match pq.find("Version=2011-06-15") {
            Some(_) => pq.replace("Version=2011-06-15", "Version=2011-06-16"),
            None => format!("{pq}x"),
        };
        let mut r = request.clone();
        set_uri(&mut r, &changed);
        assert_eq!(
            kind(verifier(now).verify(&r)),
            Err(Kind::SignatureMismatch),
            "{name}: {changed}"
        );
        if presigned {
            // Good for X-Amz-Expires (60 s) and not one second more.
            verifier(DateTime::from_secs(now.secs() + 60))
                .verify(&request)
                .unwrap();
            let e = verifier(DateTime::from_secs(now.secs() + 61))
                .verify(&request)
                .unwrap_err();
            assert_eq!(
                e.message(),
                "Signature expired: 20260315T093000Z is now earlier than 20260315T093001Z (20260315T093101Z - 1 min.)"
            );
        }
    }
}
