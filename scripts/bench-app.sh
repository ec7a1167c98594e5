#!/usr/bin/env bash
# Desktop app benchmarks (issue #4), under Xvfb, release build:
#  - cold start to an interactive map of the sample (target <= 1.5 s)
#  - a generated 10,000-person workspace opens to an interactive map (target <= 2 s)
#  - idle memory (PSS of the app and its WebKit processes) with the sample open, against
#    an empty Tauri 2 window (src-tauri/examples/empty_window.rs: the same Tauri build,
#    one blank window) measured the same way (target <= 1.2x): as a user starts both, and
#    with each of WebKit's two renderers forced for all; a static page (the sample's HTML
#    report in the empty window) and the app's welcome screen are printed as reference
#    points
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

# run_app LABEL WAIT_FOR RENDERER [--binary BIN] ARGS...: start a window, wait for its
# timing line (WAIT_FOR "never": just wait 6 s), let it settle, measure PSS, stop it.
# RENDERER is the value of WEBKIT_DISABLE_DMABUF_RENDERER ("unset": as a user starts it;
# "0": WebKit's DMABUF renderer; "1": its shared-memory renderer). Prints "LABEL MS PSS_KB".
run_app() {
  local label=$1 what=$2 renderer=$3
  shift 3
  local bin=$app
  if [ "${1:-}" = "--binary" ]; then
    bin=$2
    shift 2
  fi
  local log tries=300 ms=""
  log=$(mktemp)
  [ "$what" = never ] && tries=60
  local env=(env -u WEBKIT_DISABLE_DMABUF_RENDERER THROUGHLINE_DATA_DIR="$data" THROUGHLINE_TIMING=1)
  [ "$renderer" = unset ] || env+=(WEBKIT_DISABLE_DMABUF_RENDERER="$renderer")
  "${env[@]}" "$bin" "$@" 2>"$log" &
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

# A static page of the same information as a reference point: the sample's HTML report
# (no script; the map as SVG, the tables) in the empty window.
target/release/throughline report examples/northwind.json -o "$data/northwind.html" --force

# The first run creates the sample workspace and warms the disk cache.
run_app warm map-interactive unset --sample >/dev/null
empty=target/release/examples/empty_window
{
  # As a user starts them: the app picks its renderer (src-tauri/src/lib.rs), the empty
  # window is stock Tauri.
  run_app empty never unset --binary "$empty"
  run_app welcome never unset
  run_app sample map-interactive unset --sample
  run_app ten-k map-interactive unset "$out/ten-k.throughline"
  # The same renderer for all: shared memory, then DMABUF.
  run_app empty-shm never 1 --binary "$empty"
  run_app static-shm never 1 --binary "$empty" "$data/northwind.html"
  run_app sample-shm map-interactive 1 --sample
  run_app empty-dmabuf never 0 --binary "$empty"
  run_app static-dmabuf never 0 --binary "$empty" "$data/northwind.html"
  run_app sample-dmabuf map-interactive 0 --sample
} >"$out/app-bench.txt"
pss() { awk -v l="$1" '$1==l {print $3}' "$out/app-bench.txt"; }
ms() { awk -v l="$1" '$1==l {print $2}' "$out/app-bench.txt"; }
mib() { echo $(($(pss "$1") / 1024)); }
ratio() { echo "scale=2; $(pss "$1") / $(pss "$2")" | bc; }
printf 'cold start to interactive map, sample:      %s ms (target <= 1500; DMABUF renderer: %s ms)\n' "$(ms sample)" "$(ms sample-dmabuf)"
printf 'open a 10,000-person workspace to the map:  %s ms (target <= 2000)\n' "$(ms ten-k)"
echo
echo 'idle PSS (app + WebKit processes), MiB; ratio to the empty window'
printf '  as started by a user: empty Tauri window %d, app welcome %d, app sample %d: ratio %s (target <= 1.2)\n' \
  "$(mib empty)" "$(mib welcome)" "$(mib sample)" "$(ratio sample empty)"
printf '  shared-memory renderer for all: empty %d, static report page %d (%s), app sample %d: ratio %s\n' \
  "$(mib empty-shm)" "$(mib static-shm)" "$(ratio static-shm empty-shm)" "$(mib sample-shm)" "$(ratio sample-shm empty-shm)"
printf '  DMABUF renderer for all:        empty %d, static report page %d (%s), app sample %d: ratio %s\n' \
  "$(mib empty-dmabuf)" "$(mib static-dmabuf)" "$(ratio static-dmabuf empty-dmabuf)" "$(mib sample-dmabuf)" "$(ratio sample-dmabuf empty-dmabuf)"
