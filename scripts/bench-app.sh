#!/usr/bin/env bash
# Desktop app benchmarks (issue #4), under Xvfb, release build:
#  - cold start to an interactive map of the sample (target <= 1.5 s)
#  - a generated 10,000-person workspace opens to an interactive map (target <= 2 s)
#  - idle memory (PSS of the app and its WebKit processes) with the sample open, against
#    an empty Tauri 2 window (src-tauri/examples/empty_window.rs: the same Tauri build,
#    one blank window) measured the same way (target <= 1.2x); the app's welcome screen is
#    printed too
# Edit-to-refresh at 10,000 people is in `cargo bench -p throughline-store` ("edit +
# findings + view refresh"). Usage: scripts/bench-app.sh (prints figures, asserts nothing)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if [ -z "${DISPLAY:-}" ]; then
  scripts/setup.sh
  cargo build --workspace --release --locked -q
  cargo build --workspace --release --locked -q --example empty_window
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
fi
app=target/release/throughline-app
out=${BENCH_OUT:-bench-out}
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
[ -f "$out/gen-10000.json" ] || target/release/throughline gen --people 10000 --seed 1 -o "$out/gen-10000.json"
target/release/throughline import "$out/gen-10000.json" -o "$out/ten-k.throughline" --force 2>/dev/null

pss_tree() { # sum of PSS (kB) of a process and all its descendants
  local total p
  total=$(awk '/^Pss:/ {print $2}' /proc/"$1"/smaps_rollup 2>/dev/null || echo 0)
  for p in $(pgrep -P "$1" || true); do
    total=$((total + $(pss_tree "$p")))
  done
  echo "$total"
}

# run_app LABEL WAIT_FOR ARGS...: start the app, wait for its timing line (WAIT_FOR "never":
# just wait 6 s), let it settle, measure PSS, stop it. Prints "LABEL MS PSS_KB".
run_app() {
  local label=$1 what=$2
  shift 2
  local bin=$app
  if [ "${1:-}" = "--binary" ]; then
    bin=$2
    shift 2
  fi
  local log tries=300 ms=""
  log=$(mktemp)
  [ "$what" = never ] && tries=60
  THROUGHLINE_DATA_DIR=$data THROUGHLINE_TIMING=1 WEBKIT_DISABLE_DMABUF_RENDERER=1 "$bin" "$@" 2>"$log" &
  local pid=$!
  for _ in $(seq "$tries"); do
    ms=$(awk -v w="$what" '$1=="throughline-timing" && $2==w {print $3; exit}' "$log")
    [ -n "$ms" ] && break
    sleep 0.1
  done
  sleep 5
  local pss
  pss=$(pss_tree "$pid")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$log"
  echo "$label ${ms:-none} $pss"
}

# The first run creates the sample workspace and warms the disk cache.
run_app warm map-interactive --sample >/dev/null
{
  run_app empty never --binary target/release/examples/empty_window
  run_app welcome never
  run_app sample map-interactive --sample
  run_app ten-k map-interactive "$out/ten-k.throughline"
} >"$out/app-bench.txt"
read -r _ _ base_pss < <(grep '^empty' "$out/app-bench.txt")
read -r _ _ welcome_pss < <(grep '^welcome' "$out/app-bench.txt")
read -r _ sample_ms sample_pss < <(grep '^sample' "$out/app-bench.txt")
read -r _ tenk_ms _ < <(grep '^ten-k' "$out/app-bench.txt")
printf 'cold start to interactive map, sample:      %s ms (target <= 1500)\n' "$sample_ms"
printf 'open a 10,000-person workspace to the map:  %s ms (target <= 2000)\n' "$tenk_ms"
printf 'idle PSS, sample open:                      %d MiB\n' "$((sample_pss / 1024))"
printf 'idle PSS, empty Tauri window (baseline):     %d MiB\n' "$((base_pss / 1024))"
printf 'idle PSS, the app'"'"'s welcome screen:          %d MiB\n' "$((welcome_pss / 1024))"
printf 'ratio:                                      %s (target <= 1.2)\n' "$(echo "scale=2; $sample_pss / $base_pss" | bc)"
