"""Signs a request with botocore's own SigV4 signer, as the reference.

Reads JSON on stdin: {method, url, headers: {name: value}, body (text),
access_key, secret_key, session_token?, region, service, amz_date
(YYYYMMDDTHHMMSSZ)} and prints the Authorization header botocore computes
for the same request, time and credentials.
"""
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

spec = json.load(sys.stdin)
when = datetime.datetime.strptime(spec["amz_date"], "%Y%m%dT%H%M%SZ")


class FrozenDatetime(datetime.datetime):
    """botocore reads the clock inside add_auth; freeze it at the request's time."""

    @classmethod
    def utcnow(cls):
        return when

    @classmethod
    def now(cls, tz=None):
        return when.replace(tzinfo=tz) if tz else when


botocore.auth.datetime.datetime = FrozenDatetime
if hasattr(botocore.auth, "get_current_datetime"):
    botocore.auth.get_current_datetime = lambda *a, **k: when

headers = {k: v for k, v in spec["headers"].items() if k.lower() not in ("authorization", "x-amz-date", "x-amz-security-token")}
request = AWSRequest(method=spec["method"], url=spec["url"], headers=headers, data=spec["body"].encode())
credentials = Credentials(spec["access_key"], spec["secret_key"], spec.get("session_token"))
botocore.auth.SigV4Auth(credentials, spec["service"], spec["region"]).add_auth(request)
if request.headers["X-Amz-Date"] != spec["amz_date"]:
    sys.exit(f"clock not frozen: {request.headers['X-Amz-Date']} != {spec['amz_date']}")
print(request.headers["Authorization"])
