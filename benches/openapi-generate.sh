#!/usr/bin/env bash
# Generation time of a large OpenAPI document, this build of apigen beside
# another (the anchor, e.g. an earlier commit's release build), in the same
# run: load and validate (`inspect`), the types alone, and the whole crate.
# Three runs each, each into a new directory; prints the median wall-clock
# and user CPU times and the peak RSS.
#
# Usage: bash benches/openapi-generate.sh DOCUMENT [ANCHOR_APIGEN]
#   e.g. DOCUMENT = Stripe's spec3.yaml of 2023-09 (4 MB, 460 operations),
#   from github.com/stripe/openapi; not in ../shared, so not run by CI.
# The output goes under $TMPDIR: TMPDIR=/dev/shm measures the generator
# without ext4's cost of creating files where many were just deleted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
doc=${1:?usage: openapi-generate.sh DOCUMENT [ANCHOR_APIGEN]}
anchor=${2:-}
(cd "$root" && cargo build -q --release -p apigen)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load before: $(uptime)"
measure() {
  local label=$1 bin=$2; shift 2
  local times=() cpu=() rss=0 i
  for i in 1 2 3; do
    # A new directory each run: creating files where thousands were just
    # deleted makes ext4 search for free inodes, a cost of the benchmark.
    n=$((n + 1))
    /usr/bin/time -f "%e %U %M" -o "$work/t" "$bin" "${@//OUT/$work/out$n}" >/dev/null 2>&1 || true
    read -r t u m <"$work/t"
    times+=("$t"); cpu+=("$u"); [ "$m" -gt "$rss" ] && rss=$m
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  user=$(printf '%s\n' "${cpu[@]}" | sort -n | sed -n 2p)
  echo "| $label | ${median} s | ${user} s | $((rss / 1024)) MB |"
}
n=0
echo "| run | median wall clock (3 runs) | median user CPU | peak RSS |"
echo "|---|---:|---:|---:|"
for pair in "this build:$root/target/release/apigen" ${anchor:+"anchor:$anchor"}; do
  name=${pair%%:*}; bin=${pair#*:}
  measure "$name: inspect (load, validate)" "$bin" inspect --openapi "$doc"
  measure "$name: generate --features types" "$bin" generate --openapi "$doc" --out OUT --crate-name big --features types --force
  measure "$name: generate (types and client)" "$bin" generate --openapi "$doc" --out OUT --crate-name big --force
done
echo "load after: $(uptime)"
