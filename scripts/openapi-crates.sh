#!/usr/bin/env bash
# Generates a crate (types and REST client) from each
# OpenAPI document in ../shared/openapi and of tests/openapi-prism (forms,
# unions) and runs `cargo clippy -D warnings`
# on it, in the target directory scripts/aws-crates.sh uses.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
shared=${SHARED:-$root/../shared}
out=$root/target/openapi-crates
mkdir -p "$out"
cargo build -q -p apigen --bin apigen
apigen=$root/target/debug/apigen
export CARGO_TARGET_DIR=$root/target/aws-check
# A crate with operation-group features builds with none of them and with
# each one alone, not only with all.
groups_build_alone() {
  local dir=$1 group
  grep -q '^default = \[' "$dir/Cargo.toml" || return 0
  cargo clippy -q --manifest-path "$dir/Cargo.toml" --all-targets --no-default-features -- -D warnings || return 1
  for group in $(sed -n 's/^\([a-z0-9-]*\) = \[\]$/\1/p' "$dir/Cargo.toml"); do
    cargo clippy -q --manifest-path "$dir/Cargo.toml" --all-targets --no-default-features --features "$group" -- -D warnings || return 1
  done
}
pass=0; fail=0
ls "$shared"/openapi/*.yaml >/dev/null || { echo "no OpenAPI documents in $shared/openapi" >&2; exit 1; }
for doc in "$shared"/openapi/*.yaml tests/openapi-prism/*.yaml; do
  name=$(basename "$doc" .yaml)
  dir=$out/$name
  if "$apigen" generate --swagger "$doc" --out "$dir" --crate-name "${name//[-.]/_}" --force \
      --runtime-path "$root/runtime" >"$out.$name.log" 2>&1 \
    && cargo clippy -q --manifest-path "$dir/Cargo.toml" --all-targets -- -D warnings >>"$out.$name.log" 2>&1 \
    && groups_build_alone "$dir" >>"$out.$name.log" 2>&1; then
    pass=$((pass + 1)); echo "ok   $name"
  else
    fail=$((fail + 1)); echo "FAIL $name (see $out.$name.log)"
  fi
done
echo "openapi-crates: $pass of $((pass + fail)) generate and pass clippy"
[ "$fail" = 0 ]
