#!/usr/bin/env bash
# Server throughput: DescribeRepositories against local-ecr (in memory, no
# auth, 10 repositories) and a hello-world server on the same hyper stack
# (runtime/examples/hello_server.rs), the same load generator (wrk) in the
# same run. Prints requests per second, latency percentiles at 64
# connections, server CPU per request (from /proc) and local-ecr's memory at
# rest and under load. Usage: bash benches/server.sh [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
secs=${1:-15}
if ! command -v wrk >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
cargo build -q --release -p local-ecr
cargo build -q --release -p apigen-runtime --features server --example hello_server
target=${CARGO_TARGET_DIR:-$root/target}/release
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 100); do grep -q "listening on" "$1" && return 0; sleep 0.1; done; cat "$1"; exit 1; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
tick=$(getconf CLK_TCK)

hello_port=$(free_port)
"$target/examples/hello_server" "127.0.0.1:$hello_port" >"$work/hello.log" 2>&1 &
hello=$!; pids+=($hello)
wait_for "$work/hello.log"
ecr_port=$(free_port)
"$target/local-ecr" --listen "127.0.0.1:$ecr_port" --in-memory --no-auth >"$work/ecr.log" 2>&1 &
ecr=$!; pids+=($ecr)
wait_for "$work/ecr.log"
target_header="X-Amz-Target: AmazonEC2ContainerRegistry_V20150921"
for i in $(seq 0 9); do
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$ecr_port/" -H "Content-Type: application/x-amz-json-1.1" \
    -H "$target_header.CreateRepository" -d "{\"repositoryName\":\"bench/repo$i\"}"
done
cat > "$work/describe.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"maxResults":10}'
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories"
LUA
sed 's/"maxResults":10/"maxResults":1/' "$work/describe.lua" > "$work/describe1.lua"
curl -sf -X POST "http://127.0.0.1:$ecr_port/" -H "Content-Type: application/x-amz-json-1.1" \
  -H "$target_header.DescribeRepositories" -d '{"maxResults":10}' | grep -q bench/repo9
rest_kb=$(rss_kb "$ecr")

run() { # name pid url [script]
  local before after out
  before=$(cpu_ticks "$2")
  if [ -n "${4:-}" ]; then
    out=$(wrk -t2 -c64 -d"${secs}s" --latency -s "$4" "$3")
  else
    out=$(wrk -t2 -c64 -d"${secs}s" --latency "$3")
  fi
  after=$(cpu_ticks "$2")
  local reqs rps p50 p99
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  local cpu_us
  cpu_us=$(python3 -c "print(round(($after-$before)/$tick*1e6/$reqs, 2))")
  echo "| $1 | $rps | $p50 | $p99 | $cpu_us |"
  echo "$out" | grep -E "Non-2xx|Socket errors" >&2 || true
}

echo "wrk -t2 -c64 -d${secs}s, $(date -u +%H:%M) UTC, $(nproc) cores shared by server and load generator"
echo "| server | requests/s | p50 | p99 | server CPU per request (µs) |"
echo "|---|---:|---:|---:|---:|"
run "hello world (runtime's serve)" "$hello" "http://127.0.0.1:$hello_port/"
run "local-ecr DescribeRepositories, maxResults 1 (one repository and a token, 439 B)" "$ecr" "http://127.0.0.1:$ecr_port/" "$work/describe1.lua"
run "local-ecr DescribeRepositories, maxResults 10 (10 repositories, 3,757 B)" "$ecr" "http://127.0.0.1:$ecr_port/" "$work/describe.lua"
echo
echo "local-ecr memory: at rest $((rest_kb / 1024)) MiB RSS; under load peak $(( $(hwm_kb "$ecr") / 1024 )) MiB (VmHWM)"
