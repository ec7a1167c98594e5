#!/usr/bin/env bash
# The main job: set up, build, and run Throughline on the sample organisation.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release --locked -q -p throughline-cli
status=0
target/release/throughline check examples/northwind.json "$@" || status=$?
# exit 1 = the sample has error findings (it is meant to); 2 = invalid input or misuse.
[ "$status" -le 1 ] || exit "$status"
