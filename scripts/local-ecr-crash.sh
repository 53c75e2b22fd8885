#!/usr/bin/env bash
# Crash durability: boto3 writes repositories and layers to local-ecr, each
# acknowledged write logged; local-ecr is killed with SIGKILL mid-load
# (after SECONDS, default 5), restarted on the same data directory, and
# every acknowledged write must be there. Outside CI; record the result in
# BENCHMARKS.md. Usage: bash scripts/local-ecr-crash.sh [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash tests/peers/setup.sh
py=$root/.venv/bin/python
cargo build -q --release -p local-ecr
bin=${CARGO_TARGET_DIR:-$root/target}/release/local-ecr
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start() {
  "$bin" --listen "127.0.0.1:$port" --data-dir "$work/data" --no-auth >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    grep -q "listening on" "$work/server.log" && return 0
    sleep 0.1
  done
  cat "$work/server.log"; exit 1
}
export AWS_ACCESS_KEY_ID=AK AWS_SECRET_ACCESS_KEY=SK AWS_DEFAULT_REGION=us-east-1
start
"$py" tests/peers/ecr_write_load.py --endpoint "http://127.0.0.1:$port" --acked "$work/acked" &
load=$!
sleep "${1:-5}"
kill -9 "$pid"; pid=""
wait "$load"
: > "$work/server.log"
start
"$py" tests/peers/ecr_write_load.py --endpoint "http://127.0.0.1:$port" --verify "$work/acked"
