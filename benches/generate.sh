#!/usr/bin/env bash
# Speed of apigen itself: `inspect` and `generate` per process run on the
# bundled ECR specs and on the Smithy conformance model (JsonProtocol), cold
# (fresh output directory each run) and warm (output already current), plus
# the in-process load time of the bundled specs (codegen example `timing`).
#
# Usage: bash benches/generate.sh   (needs hyperfine: apt-get install -y hyperfine;
#                                    falls back to a timed loop without it)
# Nothing in the repository is written: outputs go to a temporary directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${RUNS:-30}
conformance=${CONFORMANCE:-$root/../shared/conformance/smithy}
# The binary as distributed: the `dist` profile (release + fat LTO, one
# codegen unit). PROFILE=release measures the development build instead.
profile=${PROFILE:-dist}
cargo build --profile "$profile" -q -p apigen --bin apigen
cargo build --release -q -p apigen --example timing
apigen=$root/target/$profile/apigen
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "load: $(uptime)"
echo "apigen: $($apigen --version) (profile $profile)"

# Each case: name, the command run before each timed run, the timed command.
json_args="--model $conformance --service aws.protocoltests.json#JsonProtocol"
# The largest model in ../shared/conformance: the restJson1 suite (67 files).
# apigen generates its types (restJson1 clients are not generated yet).
restjson=${RESTJSON:-$root/../shared/conformance/smithy-restjson1}
rest_args="--model $restjson --service aws.protocoltests.restjson#RestJson --features types"
cases=(
  "inspect (bundled ECR)"        "true"                 "$apigen inspect"
  "generate cold (bundled ECR)"  "rm -rf $tmp/ecr"      "$apigen generate --out $tmp/ecr"
  "generate warm (bundled ECR)"  "true"                 "$apigen generate --out $tmp/ecr-warm"
  "inspect (conformance)"        "true"                 "$apigen inspect --model $conformance"
  "generate cold (conformance)"  "rm -rf $tmp/json"     "$apigen generate $json_args --out $tmp/json"
  "generate warm (conformance)"  "true"                 "$apigen generate $json_args --out $tmp/json-warm"
  "generate cold (restJson1 types)" "rm -rf $tmp/rest"  "$apigen generate $rest_args --out $tmp/rest"
)
# The warm cases start from an output that is already current.
$apigen generate --out "$tmp/ecr-warm" >/dev/null
$apigen generate $json_args --out "$tmp/json-warm" >/dev/null

if command -v hyperfine >/dev/null; then
  args=()
  for ((i = 0; i < ${#cases[@]}; i += 3)); do
    args+=(-n "${cases[i]}" --prepare "${cases[i+1]}" "${cases[i+2]}")
  done
  # No shell between hyperfine and apigen (-N): each figure is one process run.
  hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$tmp/generate.md" "${args[@]}" >&2
  cat "$tmp/generate.md"
else
  for ((i = 0; i < ${#cases[@]}; i += 3)); do
    total=0
    for ((r = 0; r < runs; r++)); do
      ${cases[i+1]}
      start=$(date +%s%N)
      ${cases[i+2]} >/dev/null
      end=$(date +%s%N)
      total=$((total + end - start))
    done
    echo "${cases[i]}: $((total / runs / 1000)) us per run (mean of $runs)"
  done
fi
echo
echo "in-process load of the bundled specs (mean of 50), then one emit:"
"$root/target/release/examples/timing" 50
