#!/usr/bin/env bash
# Where did the last minutes of a campaign find new code? Splits a target's
# corpus by age (libFuzzer writes an input when it finds it), then compares,
# function by function, the edges reached by the inputs older than MINUTES with
# those reached by the whole corpus: in our crates and in the dependencies.
#
#   fuzz/coverage.sh TARGET MINUTES
#
# Uses the AddressSanitizer build (its runtime names the functions), built in
# fuzz/target-cov so that it does not disturb running campaigns.
set -euo pipefail
target=$1 minutes=$2
cd "$(dirname "$0")"
RUSTC_BOOTSTRAP=1 cargo fuzz build -O -s address --target-dir target-cov "$target" 2>/dev/null
bin=target-cov/x86_64-unknown-linux-gnu/release/$target
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A snapshot first: a running campaign keeps replacing inputs by smaller ones.
mkdir "$work/older"
cp -rp "corpus/$target" "$work/all" 2>/dev/null || true
find "$work/all" -type f -mmin "+$minutes" -exec cp -p {} "$work/older/" \;
echo "$target: $(find "$work/older" -type f | wc -l) inputs older than $minutes min, $(find "$work/all" -type f | wc -l) in all"
for part in older all; do
  nice "$bin" -runs=0 -print_coverage=1 -max_len=1048576 "$work/$part" >"$work/$part.txt" 2>&1
done
python3 - "$work/older.txt" "$work/all.txt" "$(cd .. && pwd)/" "$minutes" <<'PY'
import re, sys
def covered(path):
    edges = {}
    for line in open(path, errors="replace"):
        m = re.match(r"COVERED_FUNC: hits: \d+ edges: (\d+)/\d+ (.*) (\S+):\d+$", line.strip())
        if m:
            edges[(m.group(2), m.group(3))] = int(m.group(1))
    return edges
before, after, root, minutes = covered(sys.argv[1]), covered(sys.argv[2]), sys.argv[3], sys.argv[4]
ours = lambda key: key[1].startswith(root)
for label, table in (("before", before), ("after", after)):
    mine = sum(n for k, n in table.items() if ours(k))
    deps = sum(n for k, n in table.items() if not ours(k))
    print(f"{label:7} our crates {mine:6} edges, dependencies {deps:6} edges")
gained = sorted(((n - before.get(k, 0), k) for k, n in after.items() if ours(k) and n > before.get(k, 0)), reverse=True)
print(f"functions of our crates that gained edges in the last {minutes} min: {len(gained)}")
for n, (name, file) in gained[:40]:
    print(f"  +{n} {name} ({file[len(root):]})")
PY
