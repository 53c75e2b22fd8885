#!/usr/bin/env bash
# Generation speed on the official models: `apigen generate` once per
# awsJson model (143 processes, cold output directory each), as a user's
# build would run it. Prints the total and the per-crate distribution.
#
# Usage: bash benches/aws-generate.sh   (PROFILE=release for the dev build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
shared=${SHARED:-$root/../shared}
profile=${PROFILE:-dist}
models=$root/target/aws-models
if [ ! -d "$models" ]; then
  mkdir -p "$models"
  tar -xJf "$shared/aws-models/api-models-aws-56c8953e.tar.xz" -C "$models"
fi
cargo build --profile "$profile" -q -p apigen --bin apigen
apigen=$root/target/$profile/apigen
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "load before: $(uptime)"
mapfile -t files < <(awk -F'\t' '$3=="awsJson1_0"||$3=="awsJson1_1"{print $1}' "$shared/aws-models/index.tsv")
: >"$tmp/times"
for f in "${files[@]}"; do
  name=${f%%/*}
  start=$(date +%s%N)
  "$apigen" generate --model "$models/$f" --out "$tmp/$name" >/dev/null 2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000 )) $name" >>"$tmp/times"
done
echo "load after: $(uptime)"
sort -n "$tmp/times" | awk '
  { t[NR] = $1; n[NR] = $2; total += $1 }
  END {
    printf "%d crates generated in %.2f s (one process each); per crate: median %.0f ms, p90 %.0f ms, max %.0f ms (%s)\n",
      NR, total / 1e6, t[int((NR + 1) / 2)] / 1e3, t[int(NR * 0.9)] / 1e3, t[NR] / 1e3, n[NR]
  }'
