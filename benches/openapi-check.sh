#!/usr/bin/env bash
# `cargo check` of the crate generated from an OpenAPI document, with all
# its operation-group features and with one group alone, each in a fresh
# target directory whose dependencies (apigen-runtime) are checked first,
# so the figure is the generated crate's own. Prints wall time and peak RSS.
#
# Usage: bash benches/openapi-check.sh DOCUMENT GROUP
#   e.g. Stripe's spec3.yaml of 2023-09 and `customers` (BENCHMARKS.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
doc=${1:?usage: openapi-check.sh DOCUMENT GROUP}
group=${2:?usage: openapi-check.sh DOCUMENT GROUP}
(cd "$root" && cargo build -q --release -p apigen)
work=$root/target/openapi-check
rm -rf "$work"
mkdir -p "$work"
"$root/target/release/apigen" generate --openapi "$doc" --out "$work/crate" --crate-name big \
  --runtime-path "$root/runtime" --force >/dev/null
grep -q "^$group = \[\]" "$work/crate/Cargo.toml" || { echo "no feature $group" >&2; exit 1; }
echo "load before: $(uptime)"
echo "| features | cargo check wall | peak RSS |"
echo "|---|---:|---:|"
for flags in "" "--no-default-features --features $group"; do
  target=$work/target-${flags:+one}${flags:-all}
  target=${target// /_}
  # The group features are the generated crate's, not the runtime's.
  (cd "$work/crate" && CARGO_TARGET_DIR=$target cargo check -q -p apigen-runtime)
  # shellcheck disable=SC2086 # flags are words
  (cd "$work/crate" && CARGO_TARGET_DIR=$target /usr/bin/time -f "%e %M" -o "$work/t" cargo check -q $flags)
  read -r t m <"$work/t"
  echo "| ${flags:-default (all groups)} | $t s | $((m / 1024)) MB |"
done
echo "load after: $(uptime)"
