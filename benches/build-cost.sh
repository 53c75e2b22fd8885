#!/usr/bin/env bash
# Build cost of an app calling three ECR operations (create_repository,
# describe_repositories, put_image): once with the generated `ecr` crate
# (build-cost/apigen-app), once with aws-sdk-ecr + aws-config
# (build-cost/aws-sdk-app). Each is its own workspace with its own target
# directory; both are cleaned and built back to back with the same
# CARGO_BUILD_JOBS (2 unless set) and `[profile.release] strip = true`.
#
# Measured per app:
#   time     wall clock of `cargo build --release --locked` from clean
#            (sources are fetched beforehand, so downloads are not counted)
#   crates   `Compiling` lines cargo printed (packages compiled, the app included)
#   size     the stripped release binary
#   rss      peak resident memory of the largest single process (rustc,
#            cargo, a build script, or the C compiler under one) as
#            GNU time -v reports it ("Maximum resident set size")
#
# Usage: bash benches/build-cost.sh          the ECR apps (~4 minutes on 2 cores)
#        bash benches/build-cost.sh dynamodb the DynamoDB apps: the client
#             generated from the official model (run scripts/aws-crates.sh
#             dynamodb first) against aws-sdk-dynamodb; also each crate's own
#             compile (peak RSS and seconds of its rustc, through
#             build-cost/rustc-rss.sh), generated crate against the SDK crate
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
unset RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER || true
TIME=/usr/bin/time
if ! "$TIME" -v true >/dev/null 2>&1; then
  echo "GNU time is needed: apt-get install -y time" >&2
  exit 1
fi
results=$here/build-cost/results
mkdir -p "$results"

declare -A secs crates size rss
service=${1:-ecr}
case $service in
  ecr) apps=(apigen-app aws-sdk-app); ours_crate=ecr; theirs_crate=aws_sdk_ecr
       label_a="apigen (ecr)"; label_b="aws-sdk-ecr + aws-config" ;;
  dynamodb) apps=(dynamodb-apigen-app dynamodb-aws-sdk-app); ours_crate=dynamodb; theirs_crate=aws_sdk_dynamodb
       label_a="apigen (dynamodb)"; label_b="aws-sdk-dynamodb + aws-config" ;;
  *) echo "usage: build-cost.sh [ecr|dynamodb]" >&2; exit 2 ;;
esac
echo "load before: $(uptime)"
for app in "${apps[@]}"; do
  dir=$here/build-cost/$app
  (cd "$dir" && cargo fetch --locked -q)
  rm -rf "$dir/target"
  log=$results/$app.log
  echo "building $app (CARGO_BUILD_JOBS=$CARGO_BUILD_JOBS) ..." >&2
  start=$(date +%s.%N)
  export RSS_LOG=$results/$app.rss
  : >"$RSS_LOG"
  (cd "$dir" && RUSTC_WRAPPER=$here/build-cost/rustc-rss.sh "$TIME" -v cargo build --release --locked) >"$log" 2>&1
  end=$(date +%s.%N)
  secs[$app]=$(echo "$end - $start" | bc -l | xargs printf '%.1f')
  crates[$app]=$(grep -c '^ *Compiling ' "$log")
  bin=$dir/target/release/$app
  size[$app]=$(stat -c %s "$bin")
  rss[$app]=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  echo "load after $app: $(uptime)"
done

ratio() { echo "scale=3; 100 * $1 / $2" | bc -l | xargs printf '%.1f %%'; }
a=${apps[0]}; b=${apps[1]}
printf '\n| measure | %s | %s | ratio | target |\n' "$label_a" "$label_b"
printf '|---|---:|---:|---:|---:|\n'
printf '| clean release build, wall clock | %s s | %s s | %s | <= 20 %% |\n' "${secs[$a]}" "${secs[$b]}" "$(ratio "${secs[$a]}" "${secs[$b]}")"
printf '| crates compiled | %s | %s | %s | <= 60 crates |\n' "${crates[$a]}" "${crates[$b]}" "$(ratio "${crates[$a]}" "${crates[$b]}")"
printf '| stripped binary | %s B (%.2f MB) | %s B (%.2f MB) | %s | <= 30 %% |\n' \
  "${size[$a]}" "$(echo "${size[$a]} / 1000000" | bc -l)" "${size[$b]}" "$(echo "${size[$b]} / 1000000" | bc -l)" "$(ratio "${size[$a]}" "${size[$b]}")"
printf '| peak compiler RSS | %s MB | %s MB | %s | <= 35 %% |\n' \
  "$((rss[$a] / 1024))" "$((rss[$b] / 1024))" "$(ratio "${rss[$a]}" "${rss[$b]}")"
# The service crate's own rustc: peak RSS (KB) and seconds.
own() { awk -v c="$1" '$1 == c { print $2, $3 }' "$2" | sort -n | tail -1; }
read -r rss_a secs_a <<<"$(own "$ours_crate" "$results/$a.rss")"
read -r rss_b secs_b <<<"$(own "$theirs_crate" "$results/$b.rss")"
if [ -n "${rss_a:-}" ] && [ -n "${rss_b:-}" ]; then
  printf '| the service crate alone: rustc peak RSS | %s MB (%s) | %s MB (%s) | %s | |\n' \
    "$((rss_a / 1024))" "$ours_crate" "$((rss_b / 1024))" "$theirs_crate" "$(ratio "$rss_a" "$rss_b")"
  printf '| the service crate alone: rustc seconds | %s s | %s s | %s | |\n' "$secs_a" "$secs_b" "$(ratio "$secs_a" "$secs_b")"
fi
echo
echo "logs: $results/{$a,$b}.{log,rss}"
