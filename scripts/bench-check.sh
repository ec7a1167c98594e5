#!/usr/bin/env bash
# Times `throughline check` on a generated 100,000-person map against `jq empty` on the same
# file, and prints both, the ratio and peak memory. Targets (issue #2): ratio <= 1.5,
# peak memory <= 1 GB. Usage: scripts/bench-check.sh [PEOPLE] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-100000}
runs=${2:-3}
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq >/dev/null; }
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release -q -p throughline-cli
bin=target/release/throughline
out=${BENCH_OUT:-bench-out}
mkdir -p "$out"
map="$out/gen-$people.json"
[ -f "$map" ] || "$bin" gen --people "$people" --seed 1 -o "$map"
size=$(du -m "$map" | cut -f1)

# best of N wall-clock seconds of a command
best() {
  local best=999999 t
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  echo "$best"
}
command -v bc >/dev/null || { apt-get update -qq && apt-get install -y -qq bc >/dev/null; }

jq_s=$(best jq empty "$map")
tl_s=$(best "$bin" check "$map" --format json)
peak_kb=$( { /usr/bin/time -f "%M" "$bin" check "$map" --format json >/dev/null; } 2>&1 | tail -n1 || true)
findings=$("$bin" check "$map" --format json | jq '.findings | length' || true)
printf 'map: %s people, %s MB, %s findings\n' "$people" "$size" "$findings"
printf 'jq empty:          %.3f s (best of %s)\n' "$jq_s" "$runs"
printf 'throughline check: %.3f s (best of %s)\n' "$tl_s" "$runs"
printf 'ratio:             %.2f (target <= 1.5)\n' "$(echo "$tl_s / $jq_s" | bc -l)"
printf 'peak memory:       %d MB (target <= 1024)\n' "$((peak_kb / 1024))"
