#!/usr/bin/env bash
# Panning frame rate in the real app (issue #13 item 9): a 10,000-person workspace
# (PEOPLE to change it), every unit expanded and the whole map fitted in the window, then
# dragged for five seconds under Xvfb while the page times each frame
# (tests/e2e/pan-fps.bench.mjs). Prints the figures; asserts nothing.
# Usage: scripts/bench-pan.sh [PEOPLE]   (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-10000}
(cd ui && npx vite build --logLevel warn)
cargo build --release -q -p throughline-app -p throughline-cli
out=${BENCH_OUT:-bench-out}
mkdir -p "$out"
ws="$out/pan-$people.throughline"
if [ ! -f "$ws" ]; then
  target/release/throughline gen --people "$people" --seed 1 -o "$out/pan-$people.json"
  target/release/throughline import "$out/pan-$people.json" -o "$ws"
fi
xvfb-run -a -s "-screen 0 1600x1000x24" node tests/e2e/pan-fps.bench.mjs "$ws" target/release/throughline-app
