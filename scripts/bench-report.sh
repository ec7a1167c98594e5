#!/usr/bin/env bash
# Times `throughline report` on a generated 10,000-person map, one run per format, and prints
# wall-clock seconds and peak memory against the targets: HTML <= 2 s, PDF <= 10 s,
# XLSX <= 3 s, peak memory <= 1024 MB (MD, CSV and JSON have no time target). Prints figures,
# asserts nothing: it exits non-zero only if a command fails.
# Usage: scripts/bench-report.sh [PEOPLE]   (outputs in $BENCH_OUT/report-PEOPLE/, default bench-out)
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-10000}
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
nice cargo build --release -q -p throughline-cli
bin=target/release/throughline
out=${BENCH_OUT:-bench-out}/report-$people
mkdir -p "$out"
map="$out/gen-$people.json"
"$bin" gen --people "$people" --seed 1 -o "$map"
printf 'map: %s people, %s MB (%s)\n' "$people" "$(du -m "$map" | cut -f1)" "$map"

stats=$(mktemp)
trap 'rm -f "$stats"' EXIT

# target seconds per format; empty: no time target
target_s() {
  case $1 in
    html) echo 2 ;;
    pdf) echo 10 ;;
    xlsx) echo 3 ;;
    *) echo "" ;;
  esac
}
target_mb=1024

for fmt in html pdf xlsx md csv json; do
  report="$out/report.$fmt"
  if ! /usr/bin/time -f '%e %M' -o "$stats" "$bin" report "$map" -o "$report" --force >/dev/null; then
    echo "$fmt: throughline report failed ($(tail -n1 "$stats"))" >&2
    exit 1
  fi
  read -r secs peak_kb < <(tail -n1 "$stats")
  mb=$((peak_kb / 1024))
  mem_ratio=$(awk -v m="$mb" -v t="$target_mb" 'BEGIN { printf "%.2f", m / t }')
  t=$(target_s "$fmt")
  if [ -n "$t" ]; then
    time_part=$(awk -v s="$secs" -v t="$t" 'BEGIN { printf "%5.2f s (target %s s, ratio %.2f)", s, t, s / t }')
  else
    time_part=$(awk -v s="$secs" 'BEGIN { printf "%5.2f s (no target)", s }')
  fi
  printf '%-4s %-34s %5d MB (ratio %s)\n' "$fmt" "$time_part" "$mb" "$mem_ratio"
done
