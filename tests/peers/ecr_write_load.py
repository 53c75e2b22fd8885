"""Write load for the crash test: creates repositories and pushes a layer
into each, appending every acknowledged write to a log (flushed and fsynced
before the next write starts) until the server goes away.

  python ecr_write_load.py --endpoint URL --acked FILE     (load; ends when the server dies)
  python ecr_write_load.py --endpoint URL --verify FILE    (every logged write is present)
"""
import argparse
import hashlib
import os
import sys

import boto3
import botocore
from botocore.config import Config


def client(endpoint):
    return boto3.client("ecr", endpoint_url=endpoint,
                        region_name=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
                        config=Config(retries={"max_attempts": 1}, connect_timeout=2,
                                      read_timeout=5))


def load(endpoint, acked_path):
    ecr = client(endpoint)
    n = 0
    with open(acked_path, "a") as acked:
        def ack(line):
            acked.write(line + "\n")
            acked.flush()
            os.fsync(acked.fileno())
        while True:
            name = f"crash/r{n:05}"
            blob = os.urandom(4096) + n.to_bytes(4, "big")
            digest = "sha256:" + hashlib.sha256(blob).hexdigest()
            try:
                ecr.create_repository(repositoryName=name)
                ack(f"repo {name}")
                up = ecr.initiate_layer_upload(repositoryName=name)
                ecr.upload_layer_part(repositoryName=name, uploadId=up["uploadId"],
                                      partFirstByte=0, partLastByte=len(blob) - 1,
                                      layerPartBlob=blob)
                ecr.complete_layer_upload(repositoryName=name, uploadId=up["uploadId"],
                                          layerDigests=[digest])
                ack(f"layer {name} {digest}")
            except (botocore.exceptions.EndpointConnectionError,
                    botocore.exceptions.ConnectionClosedError,
                    botocore.exceptions.ReadTimeoutError) as e:
                print(f"server gone after {n} iterations: {type(e).__name__}")
                return 0
            n += 1


def verify(endpoint, acked_path):
    ecr = client(endpoint)
    repos = layers = 0
    missing = []
    for line in open(acked_path):
        kind, name, *rest = line.split()
        if kind == "repo":
            repos += 1
            try:
                ecr.describe_repositories(repositoryNames=[name])
            except botocore.exceptions.ClientError as e:
                missing.append(f"{name}: {e.response['Error']['Code']}")
        else:
            layers += 1
            out = ecr.batch_check_layer_availability(repositoryName=name, layerDigests=rest)
            if not out["layers"] or out["layers"][0]["layerAvailability"] != "AVAILABLE":
                missing.append(f"{name} layer {rest[0]}")
    print(f"acknowledged writes: {repos} repositories, {layers} layers; missing after restart: {len(missing)}")
    for m in missing[:20]:
        print("  missing", m)
    return 1 if missing or repos == 0 else 0


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--endpoint", required=True)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--acked")
    g.add_argument("--verify")
    a = p.parse_args()
    sys.exit(load(a.endpoint, a.acked) if a.acked else verify(a.endpoint, a.verify))
