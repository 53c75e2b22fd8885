#!/usr/bin/env bash
# Generates a crate from each official AWS model whose protocol apigen
# generates (awsJson1_0 and awsJson1_1, 143 of them; restJson1, 239) and
# runs `cargo clippy -D warnings` on each,
# sharing one target directory. Outside CI: compiling all of them takes long.
# Records the outcome in AWS_CRATES.md (RECORD=0 to skip).
#
# Usage: bash scripts/aws-crates.sh [SERVICE_DIR...]   (default: all 382;
#        names are the archive's folders, e.g. dynamodb kms)
#        RUN_TESTS=1 also runs each crate's tests (its model's endpoint test
#        cases among them). SERVER=1 generates and checks the server side too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
shared=${SHARED:-$root/../shared}
models=$root/target/aws-models
out=$root/target/aws-crates
if [ ! -d "$models" ]; then
  mkdir -p "$models"
  tar -xJf "$shared/aws-models/api-models-aws-56c8953e.tar.xz" -C "$models"
fi
# The generator builds in the workspace's target; the generated crates share
# their own, so the runtime compiles once for all of them.
CARGO_TARGET_DIR=$root/target cargo build --release -q -p apigen --bin apigen
apigen=$root/target/release/apigen
export CARGO_TARGET_DIR=$root/target/aws-check
# The protocols apigen generates clients for; PROTOCOLS narrows the default
# run (e.g. PROTOCOLS="awsJson1_0 awsJson1_1" for the 143 AWS JSON models).
protocols=${PROTOCOLS:-awsJson1_0 awsJson1_1 restJson1}
mapfile -t all < <(awk -F'\t' -v list=" $protocols " 'NR > 1 && index(list, " " $3 " ") {print $1}' "$shared/aws-models/index.tsv")
selected=()
if [ $# -gt 0 ]; then
  for name in "$@"; do
    for f in "${all[@]}"; do [[ $f == "$name/"* ]] && selected+=("$f"); done
  done
else
  selected=("${all[@]}")
fi
mkdir -p "$out"
# The commit the generator was built from (recorded with the results).
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- codegen runtime || echo "+changes")
# SERVER=1: the crates carry the server side too, and are checked with it.
gen_features=""; crate_features=""
if [ "${SERVER:-0}" = 1 ]; then
  gen_features="--features types,client,server"; crate_features="--features server"
fi
pass=0; fail=0; failures=()
started=$(date +%s)
for f in "${selected[@]}"; do
  name=${f%%/*}
  dir=$out/$name
  log=$out/$name.log
  if ! "$apigen" generate --model "$models/$f" --out "$dir" --force \
      --runtime-path "$root/runtime" $gen_features >"$log" 2>&1; then
    fail=$((fail + 1)); failures+=("$name: generate failed: $(grep -m1 -E 'error' "$log" || tail -1 "$log")")
    echo "FAIL generate $name"; continue
  fi
  t0=$(date +%s)
  if cargo clippy -q --manifest-path "$dir/Cargo.toml" --all-targets $crate_features -- -D warnings >>"$log" 2>&1 \
      && { [ "${RUN_TESTS:-0}" != 1 ] || cargo test -q --manifest-path "$dir/Cargo.toml" $crate_features >>"$log" 2>&1; }; then
    pass=$((pass + 1)); echo "ok   $name ($(( $(date +%s) - t0 )) s)"
  else
    fail=$((fail + 1)); failures+=("$name: $(grep -m1 -E '^error|panicked' "$log")")
    echo "FAIL $name (see $log)"
  fi
done
elapsed=$(( $(date +%s) - started ))
echo "aws-crates: $pass passed, $fail failed in $elapsed s"
if [ "${RECORD:-1}" = 1 ] && [ $# -eq 0 ]; then
  {
    echo "# Official AWS models: generate + clippy"
    echo
    echo "Last run of \`PROTOCOLS=\"$protocols\" bash scripts/aws-crates.sh\` ($(date -u +%Y-%m-%d), apigen $commit):"
    echo "$pass of ${#selected[@]} crates generate and pass \`cargo clippy --all-targets -- -D warnings\` ($elapsed s)."
    echo
    for line in "${failures[@]}"; do echo "- $line"; done
  } > AWS_CRATES.md
fi
[ "$fail" = 0 ]
