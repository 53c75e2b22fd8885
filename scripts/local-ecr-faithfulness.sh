#!/usr/bin/env bash
# The faithfulness table of local-ecr's README: the same boto3 flow
# (tests/peers/ecr_flow.py, whose steps assert what the ECR API reference
# says) against moto's ECR and against local-ecr, step by step, written
# between the faithfulness markers of local-ecr/README.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash tests/peers/setup.sh
py=$root/.venv/bin/python
cargo build -q --release -p local-ecr
bin=${CARGO_TARGET_DIR:-$root/target}/release/local-ecr
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 150); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; cat "$1"; exit 1; }

moto_port=$(free_port)
"$root/.venv/bin/moto_server" -p "$moto_port" >"$work/moto.log" 2>&1 &
pids+=($!)
wait_for "$work/moto.log" "Running on"
ecr_port=$(free_port)
"$bin" --listen "127.0.0.1:$ecr_port" --in-memory --no-auth >"$work/local.log" 2>&1 &
pids+=($!)
wait_for "$work/local.log" "listening on"

export AWS_ACCESS_KEY_ID=AK AWS_SECRET_ACCESS_KEY=SK AWS_DEFAULT_REGION=us-east-1
"$py" tests/peers/ecr_flow.py --endpoint "http://127.0.0.1:$moto_port" --report "$work/moto.jsonl"
"$py" tests/peers/ecr_flow.py --endpoint "http://127.0.0.1:$ecr_port" --report "$work/local.jsonl"
moto_version=$("$py" -c 'import moto; print(moto.__version__)')

"$py" - "$work/moto.jsonl" "$work/local.jsonl" "$moto_version" "$(date -u +%Y-%m-%d)" <<'PY'
import json, sys, re
moto = [json.loads(l) for l in open(sys.argv[1])]
local = {r["step"]: r for r in (json.loads(l) for l in open(sys.argv[2]))}
def cell(r):
    if r is None:
        return "not run"
    if r["ok"]:
        return "as documented"
    d = r["detail"].replace("|", "\\|").replace("\n", " ")
    return "departs: " + (d[:140] + "…" if len(d) > 140 else d)
rows = ["| step (boto3) | moto " + sys.argv[3] + " | local-ecr |", "|---|---|---|"]
for m in moto:
    rows.append(f"| `{m['step']}` | {cell(m)} | {cell(local.get(m['step']))} |")
mp = sum(r["ok"] for r in moto); lp = sum(r["ok"] for r in local.values())
table = "\n".join(rows)
block = (f"<!-- faithfulness:start -->\n`bash scripts/local-ecr-faithfulness.sh`, {sys.argv[4]}: the same "
         f"boto3 flow against both; each step asserts what the ECR API reference says "
         f"(tests/peers/ecr_flow.py). The steps run in order on one registry, so a departure "
         f"can show again in later steps (moto's extra tags from accepted bad pushes, for one). "
         f"moto {mp} of {len(moto)} steps as documented, local-ecr {lp} of {len(local)}.\n\n{table}\n<!-- faithfulness:end -->")
path = "local-ecr/README.md"
try:
    text = open(path).read()
except FileNotFoundError:
    text = "# local-ecr\n"
if "<!-- faithfulness:start -->" in text:
    text = re.sub(r"<!-- faithfulness:start -->.*?<!-- faithfulness:end -->", lambda _: block, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n## Faithfulness: moto and local-ecr against the ECR API reference\n\n" + block + "\n"
open(path, "w").write(text)
print(block)
PY
