#!/usr/bin/env bash
# Generates the DynamoDB client from the official model, starts moto's
# server (from the project's .venv, tests/peers/setup.sh), and runs
# tests/dynamodb against it. A missing peer or model is a failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash tests/peers/setup.sh
# Generates target/aws-crates/dynamodb and checks it with clippy.
RECORD=0 bash scripts/aws-crates.sh dynamodb
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$root/.venv/bin/moto_server" -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.1
done
APIGEN_MOTO_ENDPOINT="http://127.0.0.1:$port" CARGO_TARGET_DIR="$root/target/aws-check" \
  cargo test -q --manifest-path tests/dynamodb/Cargo.toml
