#!/usr/bin/env bash
# Runtime benchmarks, ours against aws-sdk-ecr in the same run: decode,
# fixed cost of one call (in memory), sequential calls over loopback; and
# one restJson1 call of a Lambda client generated from the official model
# against aws-sdk-lambda (rest_call). Prints
# criterion's output, then a table of the estimates and ratios.
#
# Usage: bash benches/run.sh [decode|call|loopback|endpoint|rest_call ...]   (default: all)
#
# Each run's tables are also appended to target/tables.md with the date, so
# a later run of one benchmark does not overwrite the tables of the others.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
benches=("$@")
[ ${#benches[@]} -eq 0 ] && benches=(decode call loopback endpoint rest_call)
# The Lambda client every bench target links (rest_call calls it), generated
# from the official model with a release build of apigen.
root=$(cd "$here/.." && pwd)
models=$root/target/aws-models
if [ ! -d "$models/lambda" ]; then
  mkdir -p "$models"
  tar -xJf "${SHARED:-$root/../shared}/aws-models/api-models-aws-56c8953e.tar.xz" -C "$models" ./lambda
fi
(cd "$root" && cargo run -q --release -p apigen -- generate \
  --model target/aws-models/lambda/service/2015-03-31/lambda-2015-03-31.json \
  --out target/bench-crates/lambda --crate-name lambda --runtime-path "$root/runtime" --force >/dev/null)
echo "load before: $(uptime)"
log=$here/target/run.log
mkdir -p "$here/target"
: >"$log"
for b in "${benches[@]}"; do
  cargo bench --locked --bench "$b" | tee -a "$log"
  echo "load after $b: $(uptime)"
done

# criterion's headline figure: the slope estimate (linear sampling) when
# present, else the mean; in nanoseconds.
estimate() {
  local f=$here/target/criterion/$1/$2/new/estimates.json
  [ -f "$f" ] || { echo ""; return; }
  jq -r 'if .slope then .slope.point_estimate else .mean.point_estimate end' "$f"
}
fmt() { awk -v ns="$1" 'BEGIN { if (ns >= 1e6) printf "%.3f ms", ns/1e6; else printf "%.2f us", ns/1e3 }'; }
{
echo
echo "## $(date -u '+%Y-%m-%d %H:%M UTC'): bash benches/run.sh ${benches[*]}"
echo
echo "criterion estimates (each case measured on its own, one after the other):"
echo
echo "| benchmark | apigen (ecr) | aws-sdk-ecr | ratio | target |"
echo "|---|---:|---:|---:|---:|"
row() {
  local group=$1 target=$2 peer=${3:-aws-sdk-ecr} ours theirs
  ours=$(estimate "$group" apigen)
  theirs=$(estimate "$group" "$peer")
  [ -n "$ours" ] && [ -n "$theirs" ] || return 0
  echo "| $group | $(fmt "$ours") | $(fmt "$theirs") | $(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.1f %%", 100*a/b }') | $target |"
}
row decode_describe_images_1000 "<= 40 %"
row call_empty_response "<= 30 %"
row call_describe_repositories_small "<= 30 %"
row loopback_describe_repositories "<= 50 %"
row endpoint_us_east_1 "(per resolution)"
row endpoint_fips "(per resolution)"
row rest_call_get_function_configuration "(restJson1, against aws-sdk-lambda)" aws-sdk-lambda
parse=$(estimate endpoint_rule_set_parse apigen)
[ -n "$parse" ] && echo "reference: parsing ECR's rule set once per client: $(fmt "$parse")"
extra=$(estimate decode_describe_images_1000 apigen_serde_json_only)
[ -n "$extra" ] && echo "reference: apigen serde_json::from_slice::<DescribeImagesOutput> alone: $(fmt "$extra")"
whatif=$(estimate decode_describe_images_1000 apigen_from_str_what_if)
[ -n "$whatif" ] && echo "what-if: UTF-8 validated once, then serde_json::from_str: $(fmt "$whatif")"
floor=$(estimate loopback_describe_repositories raw-tcp-floor)
[ -n "$floor" ] && echo "reference: raw TCP round trip of the same bytes (loopback floor): $(fmt "$floor")"
# On 2 vCPUs the raw loopback ratio is mostly that floor: the overhead each
# client adds above it is the figure that compares the clients.
lo_ours=$(estimate loopback_describe_repositories apigen)
lo_theirs=$(estimate loopback_describe_repositories aws-sdk-ecr)
if [ -n "$floor" ] && [ -n "$lo_ours" ] && [ -n "$lo_theirs" ]; then
  awk -v o="$lo_ours" -v t="$lo_theirs" -v f="$floor" 'BEGIN {
    printf "loopback above the TCP floor: apigen %.2f us, aws-sdk-ecr %.2f us, ratio %.1f %%\n", (o-f)/1e3, (t-f)/1e3, 100*(o-f)/(t-f) }'
fi
echo
echo "paired, interleaved runs (median per call over the rounds; ratio = median of"
echo "the per-round ratios to the aws-sdk crate; q1-q3 = interquartile range per call):"
echo
echo "| benchmark | case | median | q1 - q3 | ratio to the aws-sdk crate |"
echo "|---|---|---:|---:|---:|"
{ grep '^paired|' "$log" || true; } | awk -F'|' '{ printf "| %s | %s | %.2f us | %.2f - %.2f us | %.1f %% |\n", $2, $3, $4, $6, $7, 100*$5 }'
} | tee -a "$here/target/tables.md"
exit 0
