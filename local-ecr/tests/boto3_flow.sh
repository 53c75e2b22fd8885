#!/usr/bin/env bash
# Runs boto3_flow.py (boto3's signer and parsers) against a freshly built
# local-ecr on a free port, with a temporary data directory and credentials
# file. Python: $APIGEN_VENV, else the project's .venv (made by
# tests/peers/setup.sh when missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${APIGEN_VENV:-$root/.venv}"
if [ ! -x "$venv/bin/python" ]; then
  bash "$root/tests/peers/setup.sh"
fi
target="${CARGO_TARGET_DIR:-$root/target}"
(cd "$root" && cargo build -p local-ecr)
bin="$target/debug/local-ecr"

tmp="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
cat > "$tmp/credentials" <<CREDS
[default]
aws_access_key_id = AKIDLOCALTEST
aws_secret_access_key = local-test-secret

[other]
aws_access_key_id = AKIDSECONDPROFILE
aws_secret_access_key = second-secret
CREDS
mkfifo "$tmp/out"
"$bin" --listen 127.0.0.1:0 --data-dir "$tmp/data" --credentials "$tmp/credentials" > "$tmp/out" &
pid=$!
exec 3< "$tmp/out"
read -r -t 30 line <&3 || { echo "local-ecr did not start" >&2; exit 1; }
endpoint="${line#local-ecr listening on }"
# Keep draining the server's stdout so it never blocks on a full pipe.
cat <&3 > /dev/null &
export AWS_SHARED_CREDENTIALS_FILE="$tmp/credentials" AWS_CONFIG_FILE=/dev/null AWS_DEFAULT_REGION=us-east-1
"$venv/bin/python" "$here/boto3_flow.py" "$endpoint" "$tmp/credentials"

# The AWS CLI, as the README shows it.
aws() { "$venv/bin/aws" --endpoint-url "$endpoint" "$@"; }
name="$(aws ecr create-repository --repository-name cli/app --query repository.repositoryName --output text)"
[ "$name" = cli/app ] || { echo "FAIL cli create-repository: $name"; exit 1; }
if aws ecr create-repository --repository-name cli/app > "$tmp/err" 2>&1; then
  echo "FAIL cli: a second create-repository succeeded"; exit 1
fi
grep -q RepositoryAlreadyExistsException "$tmp/err" || { cat "$tmp/err"; exit 1; }
password="$(aws ecr get-login-password)"
[ -n "$password" ] || { echo "FAIL cli get-login-password"; exit 1; }
echo "aws cli: ok"
