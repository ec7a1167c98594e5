#!/usr/bin/env bash
# Every test of the project, from a fresh Debian 12 machine: installs what the tests need
# (scripts/setup.sh), then runs the UI checks and tests, formatting, lints, all Rust tests,
# the mocked-IPC browser tests and the end-to-end tests of the real app under Xvfb.
# This is the README's test command and what CI (.ci/run) calls.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
export PATH="$HOME/.cargo/bin:$PATH"
# A whole run from a clean clone gains nothing from incremental caches; they were 4 GB of
# target/ and CI's disk is not large. Set CARGO_INCREMENTAL=1 to keep them.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}

step() { printf '\n==> %s\n' "$*"; }
# Free disk at the start and at the end (CI once ran out of it while packaging).
disk() { df -h --output=avail,target . | tail -1 | awk -v w="$1" '{print "disk: " $1 " free on " $2 " (" w ")"}'; }
disk "before"

step "set-up"
scripts/setup.sh

step "UI: typecheck, lint, unit tests, build"
(cd ui && npx tsc --noEmit && npx eslint . --max-warnings 0 && npx vitest run && npx vite build --logLevel warn)

step "rustfmt"
cargo fmt --all --check

step "clippy (-D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test (includes: ui/src/bindings.ts is fresh)"
log=$(mktemp)
cargo test --workspace --locked 2>&1 | tee "$log"
passed=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
rm -f "$log"

step "benchmarks compile"
cargo bench -p throughline-core -p throughline-store --locked --no-run -q

step "UI in Chromium with mocked IPC (Playwright)"
(cd ui && npm run --silent e2e:mock)

step "end-to-end: the real app through tauri-driver + WebKitWebDriver under Xvfb"
cargo build --workspace --locked -q
xvfb-run -a -s "-screen 0 1600x1000x24" node --test tests/e2e/

step "package: build the .deb (from the debug build above), install it, run it, remove it"
deb=$(bash scripts/package.sh --debug | tail -1)
bash scripts/check-package.sh "$deb"
# The bundler's staging folder beside the .deb is a second copy of the binaries.
rm -rf "${deb%.deb}"
du -sh target 2>/dev/null | awk '{print "target/: " $1}'
disk "after"

printf '\ncargo: %s passed, %s failed\n' "$passed" "$failed"
