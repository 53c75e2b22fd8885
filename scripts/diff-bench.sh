#!/usr/bin/env bash
# Times `apigen diff` on two versions of a 400-operation model (outside CI):
# SageMaker's official model (358 operations) grown to 400 by copies of its
# operations, against a second version with operations added and removed,
# members added, made required and retargeted, enum values added and
# documentation edited. Needs python3 and the AWS models (scripts/aws-crates.sh
# extracts them to target/aws-models).
#
#   scripts/diff-bench.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${1:-5}
models=$root/target/aws-models
shared=${SHARED:-$root/../shared}
if [ ! -d "$models/sagemaker" ]; then
  mkdir -p "$models"
  tar -xJf "$shared/aws-models/api-models-aws-56c8953e.tar.xz" -C "$models"
fi
src=$(ls "$models"/sagemaker/service/*/sagemaker-*.json | head -1)
work=$root/target/diff-bench
mkdir -p "$work"
python3 - "$src" "$work" <<'EOF'
import copy, json, sys
src, work = sys.argv[1], sys.argv[2]
m = json.load(open(src))
shapes = m["shapes"]
svc_id = next(k for k, v in shapes.items() if v["type"] == "service")
ns = svc_id.split("#")[0]
ops = sorted(o["target"] for o in shapes[svc_id]["operations"])

def clone(op, suffix, into):
    """A copy of an operation with copies of its input and output."""
    o = copy.deepcopy(shapes[op])
    name = op.split("#")[1] + suffix
    for io in ("input", "output"):
        if io in o and o[io]["target"] in shapes:
            t = o[io]["target"]
            new = f"{ns}#{name}{io.capitalize()}"
            into[new] = copy.deepcopy(shapes[t])
            o[io] = {"target": new}
    into[f"{ns}#{name}"] = o
    into[svc_id]["operations"].append({"target": f"{ns}#{name}"})

old = copy.deepcopy(m)
for op in ops[: 400 - len(ops)]:
    clone(op, "Copy", old["shapes"])
new = copy.deepcopy(old)
s = new["shapes"]
# Ten operations added, three removed.
for op in ops[100:110]:
    clone(op, "V2", s)
for op in ops[200:203]:
    s[svc_id]["operations"] = [o for o in s[svc_id]["operations"] if o["target"] != op]
structs = sorted(k for k, v in s.items() if v["type"] == "structure" and "members" in v and not k.endswith(("Input", "Output")))
# Documentation edited on 50 structures, a member added to 20, one made required in 5.
for k in structs[:50]:
    s[k].setdefault("traits", {})["smithy.api#documentation"] = "Edited for the benchmark."
for k in structs[50:70]:
    s[k]["members"]["benchmarkAdded"] = {"target": "smithy.api#String"}
for k in structs[70:75]:
    first = next(iter(s[k]["members"].values()))
    first.setdefault("traits", {})["smithy.api#required"] = {}
# A value added to 5 enums.
for k in sorted(k for k, v in s.items() if v["type"] == "enum")[:5]:
    s[k]["members"]["BENCHMARK_ADDED"] = {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "BenchmarkAdded"}}
json.dump(old, open(f"{work}/old.json", "w"), indent=2)
json.dump(new, open(f"{work}/new.json", "w"), indent=2)
print(f"old: {len(old['shapes'][svc_id]['operations'])} operations, new: {len(s[svc_id]['operations'])}")
EOF
cargo build --release -q -p apigen --bin apigen
apigen=$root/target/release/apigen
"$apigen" diff --old-model "$work/old.json" --new-model "$work/new.json" --fail-on never >"$work/report.txt"
grep '^summary' "$work/report.txt"
echo "changes: $(grep -c '^[! ] \[' "$work/report.txt")"
for i in $(seq "$runs"); do
  APIGEN_DIFF_TIMINGS=1 /usr/bin/env time -f "%e s wall, %U s user, %S s system, %M KiB max RSS" "$apigen" diff --old-model "$work/old.json" \
    --new-model "$work/new.json" --format json --fail-on never >/dev/null
done
