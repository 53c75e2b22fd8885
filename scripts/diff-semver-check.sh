#!/usr/bin/env bash
# Checks apigen diff's semver verdicts against cargo-semver-checks (outside
# CI: it builds rustdoc JSON for two crates per pair). For each pair of the
# diff corpus (codegen/tests/diff/<pair>/{old,new}.*), generates both crates
# as `apigen generate` would (types, client and server where the protocol
# has a client emitter, types alone otherwise), runs `cargo semver-checks`
# on them with every feature on, and reports each pair where apigen's
# verdict (the higher of client users' and server implementers') is lower
# than the release type cargo-semver-checks requires. Writes DIFF_SEMVER.md.
#
#   scripts/diff-semver-check.sh [PAIR_SUBSTRING]
#
# cargo-semver-checks is taken from PATH, else installed (cargo install
# --locked) into target/tools. Exits 1 when a pair is under-reported.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
filter=${1:-}
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
tools=$root/target/tools
export PATH=$tools/bin:$PATH
if ! command -v cargo-semver-checks >/dev/null; then
  echo "== installing cargo-semver-checks into $tools"
  cargo install cargo-semver-checks --locked --root "$tools"
fi
cargo build -q -p apigen --bin apigen
apigen=$CARGO_TARGET_DIR/debug/apigen
work=$root/target/diff-semver
mkdir -p "$work"
# One target directory for every generated crate: the runtime and its
# dependencies are documented once.
export CARGO_TARGET_DIR=$work/target

rank() { case $1 in major) echo 3 ;; minor) echo 2 ;; patch | none) echo 1 ;; *) echo 0 ;; esac; }

side_flag() { # FILE -> --swagger or --model
  case $1 in
    *.yaml | *.yml) echo --swagger ;;
    *.json) if grep -q '"openapi"\|"swagger"' "$1"; then echo --swagger; else echo --model; fi ;;
    *) echo --model ;;
  esac
}

generate() { # SPEC OUT
  local flag
  flag=$(side_flag "$1")
  rm -rf "$2"
  if ! "$apigen" generate "$flag" "$1" --out "$2" --crate-name diffpair \
    --features types,client,server --runtime-path "$root/runtime" --force >"$2.log" 2>&1; then
    grep -q unsupported-protocol "$2.log" || { cat "$2.log" >&2; return 1; }
    "$apigen" generate "$flag" "$1" --out "$2" --crate-name diffpair \
      --features types --runtime-path "$root/runtime" --force >"$2.log" 2>&1
  fi
  # 1.0.0, so that cargo-semver-checks asks for major/minor/patch as such.
  sed -i 's/^version = "0.1.0"/version = "1.0.0"/' "$2/Cargo.toml"
}

rows=()
under=0
total=0
for dir in codegen/tests/diff/*/; do
  pair=$(basename "$dir")
  [[ -z $filter || $pair == *"$filter"* ]] || continue
  old=$(ls "$dir"old.* | head -1)
  new=$(ls "$dir"new.* | head -1)
  total=$((total + 1))
  out=$work/$pair
  mkdir -p "$out"
  report=$("$apigen" diff "$(side_flag "$old" | sed 's/--/--old-/')" "$old" \
    "$(side_flag "$new" | sed 's/--/--new-/')" "$new" --format json --fail-on never)
  client=$(echo "$report" | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["semver"]["client"])')
  server=$(echo "$report" | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["semver"]["server"])')
  ours=$client
  [ "$(rank "$server")" -gt "$(rank "$ours")" ] && ours=$server
  generate "$old" "$out/old"
  generate "$new" "$out/new"
  set +e
  cargo semver-checks check-release --manifest-path "$out/new/Cargo.toml" \
    --baseline-root "$out/old" --all-features --color never >"$out/semver-checks.log" 2>&1
  status=$?
  set -e
  if grep -q "requires new major version" "$out/semver-checks.log"; then
    theirs=major
  elif grep -q "requires new minor version" "$out/semver-checks.log"; then
    theirs=minor
  elif grep -q "no semver update required\|no update required" "$out/semver-checks.log" || [ $status = 0 ]; then
    theirs=patch
  else
    theirs=error
  fi
  lints=$(grep -oE '^--- failure [a-z_]+' "$out/semver-checks.log" | sed 's/--- failure //' | sort -u | tr '\n' ' ' || true)
  verdict=ok
  if [ "$theirs" = error ]; then
    verdict="cargo-semver-checks failed (see target/diff-semver/$pair/semver-checks.log)"
    under=$((under + 1))
  elif [ "$(rank "$ours")" -lt "$(rank "$theirs")" ]; then
    verdict=UNDER-REPORTED
    under=$((under + 1))
  elif [ "$(rank "$ours")" -gt "$(rank "$theirs")" ]; then
    verdict="higher (apigen sees more)"
  fi
  printf '%-45s apigen %-5s/%-5s  semver-checks %-5s  %s\n' "$pair" "$client" "$server" "$theirs" "$verdict"
  rows+=("| $pair | $client | $server | $theirs | ${lints:-} | $verdict |")
done

{
  echo "# apigen diff against cargo-semver-checks"
  echo
  echo "The last run of \`scripts/diff-semver-check.sh\` ($(date -u +%Y-%m-%d), $(cargo semver-checks --version 2>/dev/null | head -1))."
  echo "For each pair of the diff corpus (\`codegen/tests/diff/\`), both crates were generated"
  echo "(types, client and server where the protocol has a client emitter, else types) and"
  echo "\`cargo semver-checks --all-features\` compared them. A pair is under-reported when the"
  echo "higher of apigen's two semver verdicts is lower than the release cargo-semver-checks requires."
  echo
  echo "**$total pairs, $under under-reported.**"
  echo
  echo "| pair | apigen: client users | apigen: server implementers | cargo-semver-checks | its failed lints | verdict |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} >DIFF_SEMVER.md
echo "diff-semver-check: $total pairs, $under under-reported (DIFF_SEMVER.md)"
[ "$under" = 0 ]
