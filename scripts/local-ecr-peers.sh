#!/usr/bin/env bash
# local-ecr driven by AWS's own clients: boto3 through the whole flow
# (tests/peers/ecr_flow.py, every step must pass, signatures checked), then
# the AWS CLI as a new user would run it, with matching and with wrong
# credentials, then a restart on the same data directory that must find
# everything. A missing peer is a failure (tests/peers/setup.sh installs them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash tests/peers/setup.sh
py=$root/.venv/bin/python
aws=$root/.venv/bin/aws

cargo build -q --release -p local-ecr
bin=${CARGO_TARGET_DIR:-$root/target}/release/local-ecr

work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/credentials" <<'EOF'
[default]
aws_access_key_id = AKIDLOCALECR
aws_secret_access_key = local-ecr-secret

[other]
aws_access_key_id = AKIDSECOND
aws_secret_access_key = second-secret
EOF
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
endpoint=http://127.0.0.1:$port

start() {
  "$bin" --listen "127.0.0.1:$port" --data-dir "$work/data" --credentials "$work/credentials" \
    >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    grep -q "listening on" "$work/server.log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$work/server.log"; echo "local-ecr exited"; exit 1; }
    sleep 0.1
  done
  cat "$work/server.log"; echo "local-ecr did not start"; exit 1
}

start
export AWS_ACCESS_KEY_ID=AKIDLOCALECR AWS_SECRET_ACCESS_KEY=local-ecr-secret AWS_DEFAULT_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_PROFILE
echo "== boto3: the whole flow, with signature checks"
"$py" tests/peers/ecr_flow.py --endpoint "$endpoint" --auth-checks

echo "== AWS CLI: create-repository a/b, then the same with wrong credentials"
"$aws" --endpoint-url "$endpoint" ecr create-repository --repository-name a/b --output json \
  | "$py" -c 'import json,sys; r=json.load(sys.stdin)["repository"]; assert r["repositoryName"]=="a/b", r; print("created", r["repositoryUri"])'
# The second profile's key pair is accepted too.
AWS_ACCESS_KEY_ID=AKIDSECOND AWS_SECRET_ACCESS_KEY=second-secret \
  "$aws" --endpoint-url "$endpoint" ecr describe-repositories --repository-names a/b --output text >/dev/null
if AWS_SECRET_ACCESS_KEY=wrong "$aws" --endpoint-url "$endpoint" ecr describe-repositories \
    >"$work/wrong.out" 2>&1; then
  echo "FAIL: a wrong secret was accepted"; exit 1
fi
grep -q "InvalidSignatureException" "$work/wrong.out" || { cat "$work/wrong.out"; echo "FAIL: wrong error"; exit 1; }
echo "wrong credentials refused: $(grep -o 'InvalidSignatureException' "$work/wrong.out" | head -1)"

echo "== restart on the same data directory"
kill "$pid"; wait "$pid" 2>/dev/null || true
start
"$aws" --endpoint-url "$endpoint" ecr describe-repositories --repository-names a/b flow/app --output json \
  | "$py" -c 'import json,sys; n=sorted(r["repositoryName"] for r in json.load(sys.stdin)["repositories"]); assert n==["a/b","flow/app"], n; print("after restart:", n)'
"$aws" --endpoint-url "$endpoint" ecr describe-images --repository-name flow/fixed >/dev/null 2>&1 \
  && { echo "FAIL: a deleted repository came back"; exit 1; }
echo "local-ecr peers: all passed"
