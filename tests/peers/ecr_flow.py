"""The whole ECR flow driven by boto3, step by step, against any endpoint.

Used two ways:
  python ecr_flow.py --endpoint URL               exit 1 unless every step passes
  python ecr_flow.py --endpoint URL --report F    record each step's outcome as JSON
                                                  lines in F and exit 0 (the
                                                  faithfulness table: moto against
                                                  local-ecr)

Credentials come from the environment (AWS_ACCESS_KEY_ID/SECRET), the region
from AWS_DEFAULT_REGION (default us-east-1). With --auth-checks, a wrong
secret, an unknown key and an unsigned request must be refused with the
error codes AWS clients expect.
"""

import argparse
import hashlib
import json
import os
import sys
import traceback
import urllib.request

import boto3
import botocore
from botocore.config import Config

STEPS = []


def step(fn):
    STEPS.append(fn)
    return fn


def code_of(call):
    """The error code `call` raises, or None when it succeeds."""
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"]
    return None


def expect_code(call, code):
    got = code_of(call)
    assert got == code, f"expected {code}, got {got}"


class Flow:
    def __init__(self, endpoint, region):
        self.endpoint = endpoint
        self.region = region
        self.ecr = client(endpoint, region)
        self.manifest = None
        self.image_digest = None
        self.layer = os.urandom(3 * 1024 * 1024 + 17)
        self.layer_digest = "sha256:" + hashlib.sha256(self.layer).hexdigest()
        self.config = json.dumps({"architecture": "amd64", "os": "linux"}).encode()
        self.config_digest = "sha256:" + hashlib.sha256(self.config).hexdigest()


def client(endpoint, region, **kwargs):
    return boto3.client(
        "ecr",
        endpoint_url=endpoint,
        region_name=region,
        config=Config(retries={"max_attempts": 1}),
        **kwargs,
    )


def push_blob(f, repo, data):
    up = f.ecr.initiate_layer_upload(repositoryName=repo)
    upload_id, half = up["uploadId"], len(data) // 2
    f.ecr.upload_layer_part(
        repositoryName=repo, uploadId=upload_id, partFirstByte=0,
        partLastByte=half - 1, layerPartBlob=data[:half])
    f.ecr.upload_layer_part(
        repositoryName=repo, uploadId=upload_id, partFirstByte=half,
        partLastByte=len(data) - 1, layerPartBlob=data[half:])
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    done = f.ecr.complete_layer_upload(
        repositoryName=repo, uploadId=upload_id, layerDigests=[digest])
    assert done["layerDigest"] == digest, done
    return digest


def manifest(f, layers):
    """A Docker v2 manifest of the config blob and `layers` (digest, size)."""
    return json.dumps({
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                   "size": len(f.config), "digest": f.config_digest},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                    "size": size, "digest": digest} for digest, size in layers],
    })


@step
def create_repository(f):
    r = f.ecr.create_repository(repositoryName="flow/app")["repository"]
    assert r["repositoryName"] == "flow/app", r
    assert r["repositoryArn"].startswith(f"arn:aws:ecr:{f.region}:"), r
    assert r["repositoryArn"].endswith(":repository/flow/app"), r
    assert r["repositoryUri"].endswith(f".dkr.ecr.{f.region}.amazonaws.com/flow/app"), r
    assert r["registryId"] and r["registryId"] in r["repositoryArn"], r


@step
def create_existing_repository(f):
    expect_code(lambda: f.ecr.create_repository(repositoryName="flow/app"),
                "RepositoryAlreadyExistsException")


@step
def create_invalid_name(f):
    # Long enough for boto3's own checks; no lowercase letter, so the
    # model's (unanchored) pattern finds no match.
    expect_code(lambda: f.ecr.create_repository(repositoryName="UPPER-CASE"),
                "InvalidParameterException")


@step
def describe_repository(f):
    repos = f.ecr.describe_repositories(repositoryNames=["flow/app"])["repositories"]
    assert [r["repositoryName"] for r in repos] == ["flow/app"], repos


@step
def describe_missing_repository(f):
    expect_code(lambda: f.ecr.describe_repositories(repositoryNames=["flow/none"]),
                "RepositoryNotFoundException")


@step
def paginate_250_repositories(f):
    for i in range(250):
        f.ecr.create_repository(repositoryName=f"page/r{i:03}")
    names, pages, token = [], 0, None
    while True:
        kwargs = {"maxResults": 100}
        if token:
            kwargs["nextToken"] = token
        out = f.ecr.describe_repositories(**kwargs)
        pages += 1
        names += [r["repositoryName"] for r in out["repositories"]]
        assert len(out["repositories"]) <= 100, len(out["repositories"])
        token = out.get("nextToken")
        if not token:
            break
    paged = [n for n in names if n.startswith("page/")]
    assert len(paged) == 250 and len(set(paged)) == 250, (len(paged), len(set(paged)))
    assert pages >= 3, pages


@step
def push_layer(f):
    assert push_blob(f, "flow/app", f.layer) == f.layer_digest
    push_blob(f, "flow/app", f.config)


@step
def complete_with_wrong_digest(f):
    up = f.ecr.initiate_layer_upload(repositoryName="flow/app")
    f.ecr.upload_layer_part(repositoryName="flow/app", uploadId=up["uploadId"],
                            partFirstByte=0, partLastByte=3, layerPartBlob=b"abcd")
    wrong = "sha256:" + "0" * 64
    expect_code(lambda: f.ecr.complete_layer_upload(
        repositoryName="flow/app", uploadId=up["uploadId"], layerDigests=[wrong]),
        "InvalidLayerException")


@step
def upload_part_out_of_order(f):
    up = f.ecr.initiate_layer_upload(repositoryName="flow/app")
    expect_code(lambda: f.ecr.upload_layer_part(
        repositoryName="flow/app", uploadId=up["uploadId"], partFirstByte=10,
        partLastByte=13, layerPartBlob=b"abcd"), "InvalidLayerPartException")


@step
def upload_to_unknown_upload(f):
    expect_code(lambda: f.ecr.upload_layer_part(
        repositoryName="flow/app", uploadId="0f0e0d0c-0b0a-4090-8070-605040302010", partFirstByte=0,
        partLastByte=3, layerPartBlob=b"abcd"), "UploadNotFoundException")


@step
def check_layer_availability(f):
    missing = "sha256:" + "1" * 64
    out = f.ecr.batch_check_layer_availability(
        repositoryName="flow/app", layerDigests=[f.layer_digest, missing])
    available = {l["layerDigest"]: l["layerAvailability"] for l in out["layers"]}
    assert available.get(f.layer_digest) == "AVAILABLE", out
    assert [x["layerDigest"] for x in out["failures"]] == [missing], out


@step
def put_image(f):
    m = manifest(f, [(f.layer_digest, len(f.layer))])
    f.manifest = m
    out = f.ecr.put_image(repositoryName="flow/app", imageManifest=m, imageTag="v1")
    f.image_digest = out["image"]["imageId"]["imageDigest"]
    want = "sha256:" + hashlib.sha256(m.encode()).hexdigest()
    assert f.image_digest == want, f"digest {f.image_digest}, sha256 of the manifest {want}"


@step
def put_image_with_missing_layer(f):
    m = manifest(f, [("sha256:" + "2" * 64, 10)])
    expect_code(lambda: f.ecr.put_image(repositoryName="flow/app", imageManifest=m,
                                        imageTag="broken"), "LayersNotFoundException")


@step
def put_image_with_wrong_digest(f):
    expect_code(lambda: f.ecr.put_image(
        repositoryName="flow/app", imageManifest=f.manifest, imageTag="v1b",
        imageDigest="sha256:" + "3" * 64), "ImageDigestDoesNotMatchException")


@step
def batch_get_image(f):
    out = f.ecr.batch_get_image(repositoryName="flow/app", imageIds=[{"imageTag": "v1"}])
    assert len(out["images"]) == 1, out
    assert out["images"][0]["imageManifest"] == f.manifest
    assert out["images"][0]["imageId"]["imageDigest"] == f.image_digest


@step
def download_layer(f):
    out = f.ecr.get_download_url_for_layer(repositoryName="flow/app",
                                           layerDigest=f.layer_digest)
    assert out["layerDigest"] == f.layer_digest, out
    data = urllib.request.urlopen(out["downloadUrl"], timeout=10).read()
    assert hashlib.sha256(data).hexdigest() == f.layer_digest.split(":")[1]


@step
def list_images_by_tag_status(f):
    tagged = f.ecr.list_images(repositoryName="flow/app", filter={"tagStatus": "TAGGED"})
    assert [i.get("imageTag") for i in tagged["imageIds"]] == ["v1"], tagged
    untagged = f.ecr.list_images(repositoryName="flow/app",
                                 filter={"tagStatus": "UNTAGGED"})
    assert untagged["imageIds"] == [], untagged


@step
def describe_images(f):
    out = f.ecr.describe_images(repositoryName="flow/app")["imageDetails"]
    assert len(out) == 1, out
    d = out[0]
    assert d["imageDigest"] == f.image_digest and d["imageTags"] == ["v1"], d
    assert d["imageSizeInBytes"] >= len(f.layer), d
    assert "imagePushedAt" in d, d


@step
def immutable_tags(f):
    f.ecr.create_repository(repositoryName="flow/fixed", imageTagMutability="IMMUTABLE")
    push_blob(f, "flow/fixed", f.layer)
    push_blob(f, "flow/fixed", f.config)
    f.ecr.put_image(repositoryName="flow/fixed", imageManifest=f.manifest, imageTag="v1")
    other = manifest(f, [(f.layer_digest, len(f.layer)), (f.layer_digest, len(f.layer))])
    expect_code(lambda: f.ecr.put_image(repositoryName="flow/fixed", imageManifest=other,
                                        imageTag="v1"), "ImageTagAlreadyExistsException")


@step
def repository_policy(f):
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "pull", "Effect": "Allow", "Principal": "*",
        "Action": ["ecr:BatchGetImage"]}]})
    f.ecr.set_repository_policy(repositoryName="flow/app", policyText=policy)
    got = f.ecr.get_repository_policy(repositoryName="flow/app")
    assert json.loads(got["policyText"]) == json.loads(policy), got
    f.ecr.delete_repository_policy(repositoryName="flow/app")
    expect_code(lambda: f.ecr.get_repository_policy(repositoryName="flow/app"),
                "RepositoryPolicyNotFoundException")


@step
def authorization_token(f):
    data = f.ecr.get_authorization_token()["authorizationData"][0]
    import base64
    user, _, password = base64.b64decode(data["authorizationToken"]).decode().partition(":")
    assert user == "AWS" and password, data
    assert data["proxyEndpoint"].startswith("http"), data


@step
def delete_images(f):
    out = f.ecr.batch_delete_image(repositoryName="flow/app", imageIds=[{"imageTag": "v1"}])
    assert [i.get("imageTag") for i in out["imageIds"]] == ["v1"], out
    again = f.ecr.batch_delete_image(repositoryName="flow/app", imageIds=[{"imageTag": "v1"}])
    assert [x["failureCode"] for x in again["failures"]] == ["ImageNotFound"], again


@step
def delete_repositories(f):
    expect_code(lambda: f.ecr.delete_repository(repositoryName="flow/fixed"),
                "RepositoryNotEmptyException")
    f.ecr.delete_repository(repositoryName="flow/fixed", force=True)
    expect_code(lambda: f.ecr.describe_repositories(repositoryNames=["flow/fixed"]),
                "RepositoryNotFoundException")


def auth_steps(endpoint, region):
    def wrong_secret(_):
        c = client(endpoint, region, aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
                   aws_secret_access_key="wrong-secret")
        expect_code(lambda: c.describe_repositories(), "InvalidSignatureException")

    def unknown_key(_):
        c = client(endpoint, region, aws_access_key_id="AKIDNOBODYKNOWS",
                   aws_secret_access_key="x")
        expect_code(lambda: c.describe_repositories(), "UnrecognizedClientException")

    def unsigned(_):
        c = boto3.client("ecr", endpoint_url=endpoint, region_name=region,
                         config=Config(signature_version=botocore.UNSIGNED,
                                       retries={"max_attempts": 1}))
        expect_code(lambda: c.describe_repositories(), "MissingAuthenticationTokenException")

    return [wrong_secret, unknown_key, unsigned]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoint", required=True)
    p.add_argument("--report")
    p.add_argument("--auth-checks", action="store_true")
    args = p.parse_args()
    region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
    flow = Flow(args.endpoint, region)
    steps = list(STEPS) + (auth_steps(args.endpoint, region) if args.auth_checks else [])
    results = []
    for fn in steps:
        try:
            fn(flow)
            results.append({"step": fn.__name__, "ok": True, "detail": ""})
            print(f"ok   {fn.__name__}")
        except Exception as e:  # every failure is recorded, then the next step runs
            detail = f"{type(e).__name__}: {e}"
            results.append({"step": fn.__name__, "ok": False, "detail": detail})
            print(f"FAIL {fn.__name__}: {detail}")
            if os.environ.get("FLOW_TRACEBACK"):
                traceback.print_exc()
    passed = sum(r["ok"] for r in results)
    print(f"ecr_flow: {passed} of {len(results)} steps passed")
    if args.report:
        with open(args.report, "w") as out:
            for r in results:
                out.write(json.dumps(r) + "\n")
        return 0
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
