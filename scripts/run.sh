#!/usr/bin/env bash
# The main job: set up, build, and open the Throughline app on the sample organisation.
# On a machine without a display (no DISPLAY or WAYLAND_DISPLAY) it starts the app inside
# Xvfb, which set-up installs, so the command works as written anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh
echo "building Throughline (release; the first build takes a while on a new machine)"
cargo build --workspace --release --locked
# The findings of the sample, as the command line reports them, then the app.
target/release/throughline check examples/northwind.json | tail -n 1 || true
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "no display: starting the app inside Xvfb (screen 1600x1000)"
  exec xvfb-run -a -s "-screen 0 1600x1000x24" target/release/throughline-app --sample
fi
exec target/release/throughline-app --sample
