#!/usr/bin/env bash
# The generated clients of the OpenAPI documents in ../shared/openapi against
# Prism mocking each document (tests/openapi-prism; with them
# tests/openapi-prism/forms.yaml, multipart and form bodies, and unions.yaml,
# oneOf and anyOf, and styles.yaml, label and matrix paths): every operation called,
# no request drawing a violation, every answer decoded into its typed
# output. Prism is installed into tests/peers/node by npm (node and npm from
# apt-get when missing); a missing peer is a failure, not a skip.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
shared=${SHARED:-$root/../shared}
if ! command -v npm >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq nodejs npm) >/dev/null
fi
(cd tests/peers/node && npm ci --no-audit --no-fund --silent)
prism=$root/tests/peers/node/node_modules/.bin/prism
"$prism" --version >/dev/null
# The clients: generated (and clippy-checked) by openapi-crates.sh.
bash scripts/openapi-crates.sh >/dev/null
export CARGO_TARGET_DIR=$root/target/aws-check
cargo build -q --manifest-path tests/openapi-prism/Cargo.toml
runner=$CARGO_TARGET_DIR/debug/openapi-prism
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
failed=0
for pair in petstore3:petstore3-openapi-3.0 petstore31:petstore-openapi-3.1 museum:museum-openapi-3.1 \
    petstore-expanded:petstore-expanded-swagger-2.0 forms:forms unions:unions styles:styles; do
  name=${pair%%:*}; doc=$shared/openapi/${pair#*:}.yaml
  case $name in forms|unions|styles) doc=$root/tests/openapi-prism/$name.yaml;; esac
  if [ "$name" = petstore31 ]; then
    # Prism cannot load this document as published: one `$ref` names the
    # schema by its JSON Schema `$id` (/components/schemas/petdetails#…),
    # which Prism resolves as a file, and another is an unquoted `#…`, a
    # YAML comment. Prism mocks a copy with those two references spelled as
    # pointers; the client is generated from the document as published.
    sed -e "s|\$ref: /components/schemas/petdetails#pet_details_id|\$ref: '#/components/schemas/PetDetails/properties/id'|" \
        -e "s|\$ref: #/components/schemas/petdetails\$|\$ref: '#/components/schemas/PetDetails'|" \
        "$doc" > "$work/petstore31.yaml"
    cmp -s "$doc" "$work/petstore31.yaml" && { echo "petstore31: the references to respell were not found" >&2; exit 1; }
    doc=$work/petstore31.yaml
  fi
  port=$(free_port)
  "$prism" mock -p "$port" "$doc" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    grep -q "Prism is listening" "$work/$name.log" && break
    sleep 0.2
  done
  grep -q "Prism is listening" "$work/$name.log" || { cat "$work/$name.log"; exit 1; }
  "$runner" "$name" "http://127.0.0.1:$port" || failed=1
done
exit $failed
