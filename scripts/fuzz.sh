#!/usr/bin/env bash
# Long fuzzing runs of the runtime's JSON reader and timestamp parsers:
# each cargo-fuzz target in fuzz/ for SECONDS (default 60), one at a time,
# on the nightly toolchain (CI has none; it runs the bounded
# runtime/tests/fuzz_*.rs instead). Prints each target's executions; a
# crash leaves its input in fuzz/artifacts/<target>/ and fails the script.
#
#   scripts/fuzz.sh [SECONDS]
#
# Targets start from the CI tests' seeds (fuzz/corpus/<target>/, written
# by fuzz/examples/write_seeds.rs) and keep what they find there. Builds
# go to $CARGO_TARGET_DIR/fuzz when it is set, else fuzz/target.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/fuzz"
seconds=${1:-60}
targets=(json_reader json_document_roundtrip datetime_parse)

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "error: cargo fuzz needs the nightly toolchain (rustup toolchain install nightly)" >&2
  exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
target_dir=${CARGO_TARGET_DIR:+$CARGO_TARGET_DIR/fuzz}
target_dir=${target_dir:-$root/fuzz/target}
export CARGO_TARGET_DIR=$target_dir

cargo +nightly run -q --example write_seeds
mkdir -p logs
failed=0
for target in "${targets[@]}"; do
  dict=json.dict
  [ "$target" = datetime_parse ] && dict=datetime.dict
  log=logs/$target.log
  # -timeout: an input that takes 10 s is a finding (a quadratic path), not patience.
  if cargo +nightly fuzz run --target-dir "$target_dir" "$target" -- \
      -max_total_time="$seconds" -timeout=10 -dict="$dict" -print_final_stats=1 >"$log" 2>&1; then
    status=ok
  else
    status="FAILED (see fuzz/$log and fuzz/artifacts/$target/)"
    failed=1
  fi
  runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  corpus=$(grep -oE '#[0-9]+.*corp: [0-9]+' "$log" | tail -1 | grep -oE 'corp: [0-9]+' | grep -oE '[0-9]+' || echo "?")
  echo "$target: $runs executions in ${seconds} s, corpus $corpus inputs: $status"
done
exit "$failed"
