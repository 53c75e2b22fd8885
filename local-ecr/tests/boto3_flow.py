"""boto3 (botocore's own signer and parsers) against a running local-ecr.

Usage: python boto3_flow.py ENDPOINT CREDENTIALS_FILE
Run by boto3_flow.sh, which starts the server. Prints 'N passed, 0 failed'.
"""

import base64
import hashlib
import json
import sys
import urllib.error
import urllib.request

import boto3
import botocore.exceptions
from botocore.config import Config

ENDPOINT, CREDENTIALS = sys.argv[1], sys.argv[2]
REGION = "us-east-1"


def client(profile=None, key=None, secret=None):
    session = (
        boto3.session.Session(profile_name=profile, region_name=REGION)
        if profile
        else boto3.session.Session(
            aws_access_key_id=key, aws_secret_access_key=secret, region_name=REGION
        )
    )
    return session.client(
        "ecr", endpoint_url=ENDPOINT, config=Config(retries={"max_attempts": 1})
    )


def code_of(call, **kwargs):
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError(f"{call.__name__} succeeded")


def digest(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def push_layer(ecr, repo, data, part=100_000):
    upload = ecr.initiate_layer_upload(repositoryName=repo)
    uid = upload["uploadId"]
    for first in range(0, len(data), part):
        chunk = data[first : first + part]
        out = ecr.upload_layer_part(
            repositoryName=repo,
            uploadId=uid,
            partFirstByte=first,
            partLastByte=first + len(chunk) - 1,
            layerPartBlob=chunk,
        )
        assert out["lastByteReceived"] == first + len(chunk) - 1, out
    done = ecr.complete_layer_upload(
        repositoryName=repo, uploadId=uid, layerDigests=[digest(data)]
    )
    assert done["layerDigest"] == digest(data)
    return digest(data)


TESTS = []


def test(f):
    TESTS.append(f)
    return f


ecr = client(profile="default")


@test
def repositories_and_errors():
    repo = ecr.create_repository(repositoryName="boto/app")["repository"]
    assert repo["repositoryUri"] == "000000000000.dkr.ecr.us-east-1.amazonaws.com/boto/app"
    assert repo["imageTagMutability"] == "MUTABLE"
    assert code_of(ecr.create_repository, repositoryName="boto/app") == "RepositoryAlreadyExistsException"
    assert code_of(ecr.describe_repositories, repositoryNames=["boto/none"]) == "RepositoryNotFoundException"
    assert code_of(ecr.describe_repositories, repositoryNames=["boto/app"], maxResults=5) == "InvalidParameterException"
    names = [f"boto/page-{i:02}" for i in range(25)]
    for n in names:
        ecr.create_repository(repositoryName=n)
    seen = []
    for page in ecr.get_paginator("describe_repositories").paginate(
        PaginationConfig={"PageSize": 10}
    ):
        seen += [r["repositoryName"] for r in page["repositories"]]
    assert sorted(names + ["boto/app"]) == seen, seen


@test
def push_and_pull():
    layer = bytes(range(256)) * 1000
    layer_digest = push_layer(ecr, "boto/app", layer)
    config = json.dumps({"architecture": "amd64", "os": "linux"}).encode()
    config_digest = push_layer(ecr, "boto/app", config)
    manifest = json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": len(config), "digest": config_digest},
            "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": len(layer), "digest": layer_digest}],
        }
    )
    put = ecr.put_image(repositoryName="boto/app", imageTag="v1", imageManifest=manifest)
    assert put["image"]["imageId"]["imageDigest"] == digest(manifest.encode())
    assert code_of(ecr.put_image, repositoryName="boto/app", imageTag="v1", imageManifest=manifest) == "ImageAlreadyExistsException"
    got = ecr.batch_get_image(repositoryName="boto/app", imageIds=[{"imageTag": "v1"}])
    assert got["images"][0]["imageManifest"] == manifest
    details = ecr.describe_images(repositoryName="boto/app")["imageDetails"]
    assert details[0]["imageSizeInBytes"] == len(layer) and details[0]["imageTags"] == ["v1"]
    url = ecr.get_download_url_for_layer(repositoryName="boto/app", layerDigest=layer_digest)["downloadUrl"]
    with urllib.request.urlopen(url) as r:
        assert r.read() == layer
    try:
        urllib.request.urlopen(url.replace("signature=", "signature=00"))
        raise AssertionError("a tampered URL was served")
    except urllib.error.HTTPError as e:
        assert e.code == 403
    # A part out of order.
    uid = ecr.initiate_layer_upload(repositoryName="boto/app")["uploadId"]
    assert code_of(
        ecr.upload_layer_part, repositoryName="boto/app", uploadId=uid,
        partFirstByte=5, partLastByte=9, layerPartBlob=b"12345",
    ) == "InvalidLayerPartException"
    listed = ecr.list_images(repositoryName="boto/app", filter={"tagStatus": "TAGGED"})["imageIds"]
    assert listed == [{"imageDigest": digest(manifest.encode()), "imageTag": "v1"}], listed
    deleted = ecr.batch_delete_image(repositoryName="boto/app", imageIds=[{"imageTag": "v1"}])
    assert deleted["imageIds"] == listed and deleted["failures"] == []
    assert ecr.list_images(repositoryName="boto/app")["imageIds"] == []


@test
def policies_and_tokens():
    policy = json.dumps({"Version": "2012-10-17", "Statement": []})
    ecr.set_repository_policy(repositoryName="boto/app", policyText=policy)
    assert ecr.get_repository_policy(repositoryName="boto/app")["policyText"] == policy
    ecr.delete_repository_policy(repositoryName="boto/app")
    assert code_of(ecr.get_repository_policy, repositoryName="boto/app") == "RepositoryPolicyNotFoundException"
    auth = ecr.get_authorization_token()["authorizationData"][0]
    assert base64.b64decode(auth["authorizationToken"]).startswith(b"AWS:")
    assert auth["proxyEndpoint"] == ENDPOINT


@test
def wrong_credentials():
    other = client(profile="other")
    other.describe_repositories()
    bad = client(key="AKIDLOCALTEST", secret="wrong")
    assert code_of(bad.describe_repositories) == "InvalidSignatureException"
    nobody = client(key="AKIDNOBODY", secret="x")
    assert code_of(nobody.describe_repositories) == "UnrecognizedClientException"


passed = failed = 0
for t in TESTS:
    try:
        t()
        passed += 1
        print(f"ok   {t.__name__}")
    except Exception as e:  # noqa: BLE001 - report every failure
        failed += 1
        print(f"FAIL {t.__name__}: {type(e).__name__}: {e}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
