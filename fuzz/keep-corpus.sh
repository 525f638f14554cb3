#!/usr/bin/env bash
# Minimizes a target's corpus (`cargo fuzz cmin`: the smallest set of inputs
# that reaches the same coverage) and keeps it as the regression corpus that
# CI replays without a fuzzer: tests/fuzz-corpus/TARGET/.
#
#   fuzz/keep-corpus.sh TARGET [TARGET...]
#
# Text targets (all but batch_csv and batch_input) only ever see UTF-8, as libFuzzer's `&str`
# targets skip other inputs; those are not kept, and their count is printed.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
for target in "$@"; do
  [ -d "corpus/$target" ] || { echo "no corpus/$target: run fuzz/seed.py and fuzz/campaign.sh first" >&2; exit 2; }
  cargo fuzz cmin -O -s "${SANITIZER:-none}" "$target" "corpus/$target" >"logs/$target.cmin.log" 2>&1
  kept=../tests/fuzz-corpus/$target
  rm -rf "$kept"
  mkdir -p "$kept"
  cp "corpus/$target"/* "$kept/"
  skipped=0
  if [ "$target" != batch_csv ] && [ "$target" != batch_input ]; then
    # Rust's rules: surrogates and overlong forms are not UTF-8 either.
    skipped=$(python3 - "$kept" <<'PY'
import os, sys
removed = 0
for name in os.listdir(sys.argv[1]):
    path = os.path.join(sys.argv[1], name)
    try:
        open(path, "rb").read().decode("utf-8")
    except UnicodeDecodeError:
        os.remove(path)
        removed += 1
print(removed)
PY
)
  fi
  echo "$target: kept $(ls "$kept" | wc -l) inputs, $(du -sh "$kept" | cut -f1); $skipped not UTF-8"
done
