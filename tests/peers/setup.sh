#!/usr/bin/env bash
# Installs the real peers the tests run against into .venv/ under the
# project: moto's server (a local ECR), boto3/botocore (the reference SigV4
# signer) and the AWS CLI. Idempotent: a venv with the pinned versions is reused.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv"
stamp="$venv/.apigen-peers"
want="moto[server]==5.2.5 boto3==1.44.5 awscli"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check $want
echo "$want" > "$stamp"
echo "peers installed in $venv: $("$venv/bin/python" -c 'import moto, boto3; print("moto", moto.__version__, "boto3", boto3.__version__)')"
