#!/usr/bin/env bash
# Installs the Debian packages the project builds and tests with, when missing.
# Idempotent and quiet when everything is there.
set -euo pipefail
packages=(build-essential pkg-config jq time bc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "cargo (Rust 1.85 or newer) is required: https://rustup.rs" >&2; exit 1; }
