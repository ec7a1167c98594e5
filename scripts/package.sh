#!/usr/bin/env bash
# Builds Throughline's Debian package with Tauri's bundler and prints the .deb's path as the
# last line of its output.
#
#   scripts/package.sh           cargo build --workspace --release --locked, then bundle
#   scripts/package.sh --debug   bundle the debug binaries of cargo build --workspace --locked
#                                (what scripts/test.sh has just built: nothing is rebuilt)
#
# The package (src-tauri/tauri.conf.json > bundle, packaging/linux/): /usr/bin/throughline-app
# and, beside it, the CLI /usr/bin/throughline (the app runs it to write reports: it looks for
# it next to its own executable), Throughline.desktop (MimeType=application/x-throughline,
# Exec=throughline-app %f), the hicolor icons, and the shared-mime-info type for *.throughline.
# `tauri bundle` only packages what cargo built; it downloads nothing for a .deb. The whole
# workspace is always built together: building the app package alone unifies features
# differently and rebuilds tauri.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

profile=release
case "${1:-}" in
  "") ;;
  --debug) profile=debug ;;
  -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: scripts/package.sh [--debug]" >&2; exit 2 ;;
esac

step() { printf '==> %s\n' "$*" >&2; }

# The Tauri CLI is the UI's devDependency @tauri-apps/cli (its native binary includes the bundler).
if [ ! -x ui/node_modules/.bin/tauri ]; then
  step "installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

# ui/dist must exist before cargo builds the app (it is embedded); rebuilt only when stale,
# so that a --debug run after scripts/test.sh does not make cargo rebuild the app.
if [ ! -f ui/dist/index.html ] ||
  [ -n "$(find ui/src ui/index.html ui/public -newer ui/dist/index.html -print -quit 2>/dev/null)" ]; then
  step "building the UI"
  (cd ui && npx vite build --logLevel warn)
fi

if [ "$profile" = release ]; then
  step "cargo build --workspace --release --locked"
  cargo build --workspace --release --locked
else
  step "cargo build --workspace --locked"
  cargo build --workspace --locked
fi

target_dir=$(cargo metadata --format-version 1 --no-deps --locked |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
bin_dir="$target_dir/$profile"
for b in throughline throughline-app; do
  [ -x "$bin_dir/$b" ] || { echo "package.sh: $bin_dir/$b was not built" >&2; exit 1; }
done

# tauri.conf.json names the release CLI under the default target folder; this names the one
# of this profile and target folder (the merge replaces only that entry of deb.files).
override=$(python3 -c 'import json, sys
print(json.dumps({"bundle": {"linux": {"deb": {"files": {"/usr/bin/throughline": sys.argv[1]}}}}}))' \
  "$bin_dir/throughline")

read -r product version < <(python3 -c 'import json
c = json.load(open("src-tauri/tauri.conf.json")); print(c["productName"], c["version"])')
arch=$(dpkg --print-architecture)
deb="$bin_dir/bundle/deb/${product}_${version}_${arch}.deb"
rm -f "$deb"

flags=(--bundles deb --no-binary-patching)
[ "$profile" = debug ] && flags+=(--debug)
step "tauri bundle ${flags[*]}"
flags+=(--config "$override")
# Run from the repository root: the CLI finds src-tauri/tauri.conf.json below the current folder.
ui/node_modules/.bin/tauri bundle "${flags[@]}" >&2

[ -f "$deb" ] || { echo "package.sh: the bundler made no $deb" >&2; exit 1; }
# The package must hold both binaries in one folder (the app finds the CLI beside itself),
# the desktop entry and the MIME type.
contents=$(dpkg-deb -c "$deb")
for f in usr/bin/throughline-app usr/bin/throughline usr/share/applications/"$product".desktop \
  usr/share/mime/packages/throughline.xml; do
  grep -qE " (\./)?$f\$" <<<"$contents" || { echo "package.sh: $deb lacks /$f" >&2; exit 1; }
done
step "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version), $(du -k "$deb" | cut -f1) KiB, installed $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "$deb"
