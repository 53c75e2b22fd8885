"""Signs a few requests with botocore's own SigV4 signers and prints them,
as they go on the wire, as JSON: the fixture runtime/tests/sigv4_verify.rs
verifies with a fixed clock.

Regenerate with the project's peers venv:

    bash tests/peers/setup.sh
    .venv/bin/python tests/peers/sigv4_signed_requests.py > runtime/tests/data/sigv4-botocore.json

(a venv with only `pip install botocore` works as well). The clock is
frozen, so the output changes only with botocore's signing itself.
"""
import datetime
import json
import sys

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.utils import percent_encode_sequence

TIME = "20260315T093000Z"
when = datetime.datetime.strptime(TIME, "%Y%m%dT%H%M%SZ")
# botocore reads the clock inside add_auth: freeze it.
botocore.auth.get_current_datetime = lambda *a, **k: when

LONG_TERM = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
# A token with the characters base64 tokens carry (+ / =) to exercise encoding.
TEMPORARY = Credentials(
    "ASIAEXAMPLETEMPKEY",
    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+EXAMPLE/token==",
)
UA = "aws-cli/2.17.0 md/Botocore#" + botocore.__version__


def case(name, about, method, url, *, service, region="us-east-1", credentials=LONG_TERM,
         headers=None, query=None, body=b"", presign_expires=None, unsigned_payload=False):
    if query:
        # As botocore's prepare_request_dict puts an operation's query in the URL.
        url += "?" + percent_encode_sequence(query)
    request = AWSRequest(method=method, url=url, headers=headers or {}, data=body)
    if unsigned_payload:
        request.context["payload_signing_enabled"] = False
    if presign_expires is None:
        signer = botocore.auth.SigV4Auth(credentials, service, region)
    else:
        signer = botocore.auth.SigV4QueryAuth(credentials, service, region, expires=presign_expires)
    # Keep the canonical request add_auth computes, to show when a case fails.
    computed = {}
    canonical_request = signer.canonical_request

    def capture(req):
        computed["canonical"] = canonical_request(req)
        return computed["canonical"]

    signer.canonical_request = capture
    signer.add_auth(request)
    canonical = computed["canonical"]
    prepared = request.prepare()  # adds Content-Length, as on the wire (unsigned)
    wire = [["Host", botocore.auth._host_from_url(prepared.url)]]
    wire += [[k, v] for k, v in prepared.headers.items()]
    return {
        "name": name,
        "about": about,
        "method": prepared.method,
        "url": prepared.url,
        "headers": wire,
        "body": (prepared.body or b"").decode("utf-8"),
        "access_key_id": credentials.access_key,
        "secret_access_key": credentials.secret_key,
        "session_token": credentials.token,
        "region": region,
        "service": service,
        "time": TIME,
        "botocore_canonical_request": canonical,
    }


cases = [
    case(
        "awsjson-post-with-target",
        "ECR DescribeRepositories as awsJson1.1: POST / with X-Amz-Target and a JSON body",
        "POST", "https://api.ecr.us-east-1.amazonaws.com/",
        service="ecr",
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories",
            "User-Agent": UA,
        },
        body=b'{"repositoryNames":["team/app"],"maxResults":5}',
    ),
    case(
        "restjson-path-with-spaces-and-unicode",
        "a path botocore's serializer percent-encoded once (space, UTF-8, ':' '@'); non-S3 signing encodes it again",
        "GET", "https://example.execute-api.eu-west-1.amazonaws.com/v2/team%20a/%C3%BCn%C3%AFc%C3%B8de/arn%3Aaws%3Aecr%3A1/%40x",
        service="execute-api", region="eu-west-1",
    ),
    case(
        "path-with-dot-segments",
        "'.' and '//' stay on the wire; the canonical path is normalized",
        "GET", "https://example.execute-api.eu-west-1.amazonaws.com/v2/./a//b/../c/",
        service="execute-api", region="eu-west-1",
    ),
    case(
        "query-with-reserved-characters",
        "query parameters with reserved and non-ASCII characters, an empty value and a repeated-looking name",
        "GET", "https://example.execute-api.eu-west-1.amazonaws.com/items",
        service="execute-api", region="eu-west-1",
        query={
            "prefix": "a b/c",
            "marker": "x=y&z",
            "tilde": "~t",
            "plus": "1+1",
            "empty": "",
            "\u00fcn\u00ef": "\u00e7",
            "star": "*!'()",
            "Prefix": "upper",
        },
    ),
    case(
        "session-token",
        "temporary credentials: X-Amz-Security-Token is sent and signed",
        "POST", "https://api.ecr.us-east-1.amazonaws.com/",
        service="ecr", credentials=TEMPORARY,
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken",
        },
        body=b"{}",
    ),
    case(
        "unsigned-payload",
        "payload signing off: X-Amz-Content-SHA256: UNSIGNED-PAYLOAD stands for the body",
        "PUT", "https://example.execute-api.eu-west-1.amazonaws.com/blobs/1",
        service="execute-api", region="eu-west-1",
        headers={"Content-Type": "application/octet-stream"},
        body=b"layer bytes, not hashed",
        unsigned_payload=True,
    ),
    case(
        "query-protocol-form-body",
        "STS GetCallerIdentity as awsQuery: a form-encoded POST body",
        "POST", "https://sts.amazonaws.com/",
        service="sts",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        body=b"Action=GetCallerIdentity&Version=2011-06-15",
    ),
    case(
        "date-header",
        "a request with a Date header: botocore signs with it instead of X-Amz-Date",
        "POST", "https://api.ecr.us-east-1.amazonaws.com/",
        service="ecr",
        headers={
            "Date": "Thu, 01 Jan 1970 00:00:00 GMT",
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AmazonEC2ContainerRegistry_V20150921.DescribeRegistry",
        },
        body=b"{}",
    ),
    case(
        "presigned-with-session-token",
        "a presigned GET (as EKS tokens are): X-Amz-* in the query, the token too",
        "GET", "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
        service="sts", credentials=TEMPORARY, presign_expires=60,
        headers={"x-k8s-aws-id": "my-cluster"},
    ),
]

json.dump({"botocore": botocore.__version__, "time": TIME, "cases": cases}, sys.stdout, indent=2, ensure_ascii=False)
sys.stdout.write("\n")
