#!/usr/bin/env bash
# Installs what the project builds, runs and tests with, on a fresh Debian 12 machine
# (as root): Debian packages (Tauri's libraries, Xvfb, WebKitWebDriver, Chromium, tools),
# the UI's npm packages, and tauri-driver. Idempotent and quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
  libayatana-appindicator3-dev libsoup-3.0-dev libxdo-dev xvfb xauth webkit2gtk-driver chromium
  imagemagick xdotool fonts-dejavu-core fonts-noto-cjk fonts-noto-color-emoji jq time bc
  poppler-utils python3
  x11-utils xdg-utils libfile-mimeinfo-perl desktop-file-utils shared-mime-info)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "cargo (Rust 1.89 or newer) is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20 and npm are required" >&2; exit 1; }
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
if ! command -v tauri-driver >/dev/null; then
  echo "installing tauri-driver"
  cargo install tauri-driver@^2 --locked --quiet
fi
# ui/dist must exist before any cargo build of the workspace (the app embeds it).
if [ ! -f ui/dist/index.html ] || [ -n "$(find ui/src ui/index.html ui/public -newer ui/dist/index.html -print -quit)" ]; then
  echo "building the UI"
  (cd ui && npx vite build --logLevel warn)
fi
