#!/usr/bin/env bash
# Runs one fuzz target until it finds nothing new: it stops once no input has
# reached a new edge of the code (libFuzzer's `cov:` count has not grown) for
# QUIET seconds, or after CAP seconds in all. New features (finer hit counts,
# `ft:`) keep trickling in for parsers long after the edges stop; the summary
# shows when the last of each was found. Every output line is logged to fuzz/logs/TARGET.log with the
# second it was printed at; a summary is printed at the end.
#
# Our crates forbid `unsafe`, so the default is no sanitizer (about four
# times as many runs per second); SANITIZER=address brings AddressSanitizer back.
#
#   fuzz/campaign.sh TARGET QUIET CAP [libFuzzer options...]
#   fuzz/campaign.sh grid_toml 900 4500 -max_len=8192
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 TARGET QUIET_SECONDS CAP_SECONDS [libFuzzer options...]" >&2
  exit 2
fi
target=$1 quiet=$2 cap=$3
shift 3
cd "$(dirname "$0")"
mkdir -p logs "corpus/$target"
log="logs/$target.log"
start=$(date +%s)

# The second at which the edge count (`cov: N`) last grew, from a timestamped log.
last_new_edge() {
  awk '$4 == "cov:" && $5 + 0 > max { max = $5 + 0; t = $1 } END { print t + 0 }' "$1"
}

export RUSTC_BOOTSTRAP=1
sanitizer=${SANITIZER:-none}
cargo fuzz build -O -s "$sanitizer" "$target"
(
  nice -n 19 cargo fuzz run -O -s "$sanitizer" "$target" "corpus/$target" -- \
    -max_total_time="$cap" -print_final_stats=1 "$@" 2>&1 |
    while IFS= read -r line; do printf '%s %s\n' "$(($(date +%s) - start))" "$line"; done
) >"$log" &
runner=$!

stopped_early=no
while kill -0 "$runner" 2>/dev/null; do
  sleep 20
  now=$(($(date +%s) - start))
  last_edge=$(last_new_edge "$log")
  if [ $((now - last_edge)) -ge "$quiet" ]; then
    stopped_early=yes
    pkill -INT -f "release/$target .*corpus/$target" || true
    wait "$runner" || true
    break
  fi
done
wait "$runner" 2>/dev/null || true

elapsed=$(($(date +%s) - start))
last_feature=$(awk '$3 == "NEW" { t = $1 } END { print t + 0 }' "$log")
echo "target:           $target"
echo "elapsed:          ${elapsed}s (cap ${cap}s, quiet window ${quiet}s)"
echo "last new edge:    $(last_new_edge "$log")s"
echo "last new feature: ${last_feature}s"
echo "stopped:          $([ $stopped_early = yes ] && echo "no new edge for ${quiet}s" || echo "cap reached")"
grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb' "$log" | cut -d' ' -f2- || true
grep -E '#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|DONE|INITED)' "$log" | tail -1 | cut -d' ' -f2- || true
if grep -qE 'panicked|ERROR: libFuzzer|SUMMARY: ' "$log"; then
  echo "CRASH: see $log and fuzz/artifacts/$target/"
  exit 1
fi
