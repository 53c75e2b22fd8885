#!/usr/bin/env bash
# Generation time of a large OpenAPI document, this build of apigen beside
# another (the anchor, e.g. an earlier commit's release build), in the same
# run: load and validate (`inspect`), the types alone, and the whole crate.
# RUNS runs each (default 5), the two builds interleaved run by run (the
# machine's speed drifts by tens of percent within minutes), each into a
# new directory; prints the median wall-clock and user CPU times and the
# peak RSS.
#
# Usage: [RUNS=N] bash benches/openapi-generate.sh DOCUMENT [ANCHOR_APIGEN]
#   e.g. DOCUMENT = Stripe's spec3.yaml of 2023-09 (4 MB, 460 operations),
#   from github.com/stripe/openapi; not in ../shared, so not run by CI.
# The output goes under $TMPDIR: TMPDIR=/dev/shm measures the generator
# without ext4's cost of creating files where many were just deleted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
doc=${1:?usage: openapi-generate.sh DOCUMENT [ANCHOR_APIGEN]}
anchor=${2:-}
runs=${RUNS:-5}
(cd "$root" && cargo build -q --release -p apigen)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load before: $(uptime)"
builds=("this build:$root/target/release/apigen")
[ -n "$anchor" ] && builds+=("anchor:$anchor")
n=0
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
echo "| run | median wall clock ($runs runs) | median user CPU | peak RSS |"
echo "|---|---:|---:|---:|"
for what in inspect types crate; do
  declare -A wall=() user=() rss=()
  for _ in $(seq "$runs"); do
    for pair in "${builds[@]}"; do
      name=${pair%%:*}; bin=${pair#*:}
      # A new directory each run: creating files where thousands were just
      # deleted makes ext4 search for free inodes, a cost of the benchmark.
      n=$((n + 1)); out=$work/out$n
      case $what in
        inspect) args=(inspect --openapi "$doc") ;;
        types) args=(generate --openapi "$doc" --out "$out" --crate-name big --features types --force) ;;
        crate) args=(generate --openapi "$doc" --out "$out" --crate-name big --force) ;;
      esac
      /usr/bin/time -f "%e %U %M" -o "$work/t" "$bin" "${args[@]}" >/dev/null 2>&1 || true
      read -r t u m <"$work/t"
      wall[$name]+="$t "; user[$name]+="$u "
      [ "$m" -gt "${rss[$name]:-0}" ] && rss[$name]=$m
    done
  done
  for pair in "${builds[@]}"; do
    name=${pair%%:*}
    label=$name; case $what in
      inspect) label="$name: inspect (load, validate)" ;;
      types) label="$name: generate --features types" ;;
      crate) label="$name: generate (types and client)" ;;
    esac
    w=$(tr ' ' '\n' <<<"${wall[$name]}" | grep . | median)
    u=$(tr ' ' '\n' <<<"${user[$name]}" | grep . | median)
    echo "| $label | ${w} s | ${u} s | $(( ${rss[$name]} / 1024 )) MB |"
  done
  unset wall user rss
done
echo "load after: $(uptime)"
