#!/usr/bin/env bash
# Fuzz the readers of untrusted files for a while (not in CI): the map reader with mutated
# JSON, and opening, undoing and restoring in mutated workspace files. Any panic fails.
#   scripts/fuzz.sh [MINUTES]      (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-5}
end=$(( $(date +%s) + minutes * 60 ))
cargo test --release --locked -p throughline-cli --test integration --no-run -q
rounds=0 cases=0
while [ "$(date +%s)" -lt "$end" ]; do
  seed=$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')
  PROPTEST_CASES=500 PROPTEST_RNG_SEED=$seed \
    cargo test --release --locked -q -p throughline-cli --test integration fuzz_ >/tmp/throughline-fuzz.log 2>&1 || {
      echo "FAILED with PROPTEST_RNG_SEED=$seed (log: /tmp/throughline-fuzz.log)"; tail -40 /tmp/throughline-fuzz.log; exit 1; }
  rounds=$((rounds + 1)); cases=$((cases + 1000))
  echo "round $rounds (seed $seed): 1000 cases, 0 panics"
done
echo "fuzzed for $minutes minutes: $cases cases in $rounds rounds, 0 panics"
