#!/usr/bin/env bash
# Keeps the fewest inputs of a target's corpus that reach every code edge the
# whole corpus reaches, as the regression corpus that CI replays without a
# fuzzer: tests/fuzz-corpus/TARGET/.
#
#   fuzz/keep-corpus.sh TARGET [TARGET...]
#
# It reads fuzz/corpus/TARGET/ (filled by fuzz/seed.py and fuzz/campaign.sh)
# and leaves it whole, so the next campaign still starts from everything.
#
# Coverage here means edges (`-use_counters=0`). By default libFuzzer also
# counts how often each edge runs, in buckets, and nearly every input of a long
# campaign differs there: a default `cargo fuzz cmin` kept 5,404 of 5,429
# grids. Two libFuzzer merges into an empty directory: `-set_cover_merge=1`
# picks the fewest inputs that reach every edge, then a plain merge adds back
# the few that reach an edge the first pass missed (a handful of edges are
# reached in one run and not the next, hash tables for one being seeded at
# random).
# libFuzzer names each kept input by the SHA-1 of its content.
#
# Text targets (all but batch_csv and batch_input) only ever see UTF-8, as
# libFuzzer's `&str` targets skip other inputs; those are not kept, and their
# count is printed.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
mkdir -p logs

# Rust's rules: surrogates and overlong forms are not UTF-8 either.
drop_non_utf8() {
  python3 - "$1" <<'PY'
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
}

# One libFuzzer merge of the corpus into the kept directory, logged.
merge() {
  nice -n 19 cargo fuzz run -O -s "${SANITIZER:-none}" "$target" "$kept" "$inputs" -- \
    -merge=1 -use_counters=0 "$@" >>"logs/$target.cmin.log" 2>&1
}

for target in "$@"; do
  [ -d "corpus/$target" ] || { echo "no corpus/$target: run fuzz/seed.py and fuzz/campaign.sh first" >&2; exit 2; }
  : >"logs/$target.cmin.log"
  inputs=corpus/$target
  skipped=0
  if [ "$target" != batch_csv ] && [ "$target" != batch_input ]; then
    inputs=corpus/$target.utf8
    rm -rf "$inputs"
    cp -r "corpus/$target" "$inputs"
    skipped=$(drop_non_utf8 "$inputs")
  fi
  kept=../tests/fuzz-corpus/$target
  rm -rf "$kept"
  mkdir -p "$kept"
  merge -set_cover_merge=1
  merge
  [ "$inputs" = "corpus/$target" ] || rm -rf "$inputs"
  echo "$target: kept $(ls "$kept" | wc -l) of $(ls "corpus/$target" | wc -l) inputs," \
    "$(du -sh --apparent-size "$kept" | cut -f1); $skipped not UTF-8"
done
