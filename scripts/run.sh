#!/usr/bin/env bash
# The main job: set up, build, and open the Throughline app on the sample organisation.
# Needs a display (on a headless machine: `xvfb-run -a scripts/run.sh`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh
cargo build --workspace --release --locked -q
# The findings of the sample, as the command line reports them, then the app.
target/release/throughline check examples/northwind.json | tail -n 1 || true
exec target/release/throughline-app --sample
