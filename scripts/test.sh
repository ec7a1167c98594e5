#!/usr/bin/env bash
# Every test of the project, from a fresh Debian 12 machine: installs what the tests need,
# then runs formatting, lints and all test suites. This is the README's test command and
# what CI (.ci/run) calls.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

step() { printf '\n==> %s\n' "$*"; }

step "system packages"
scripts/setup.sh

step "rustfmt"
cargo fmt --all --check

step "clippy (-D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
log=$(mktemp)
cargo test --workspace --locked 2>&1 | tee "$log"
passed=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
rm -f "$log"

step "benchmarks compile"
cargo bench --workspace --locked --no-run -q

printf '\ncargo: %s passed, %s failed\n' "$passed" "$failed"
