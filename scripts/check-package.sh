#!/usr/bin/env bash
# Checks a Throughline .deb (from scripts/package.sh) by installing it on this machine, as
# root: both binaries run from where the package put them, side by side; the desktop entry is
# valid and is the default for application/x-throughline; *.throughline is that type; the
# installed app, started under Xvfb on a workspace made by the installed CLI, is still running
# after 8 s and shows a Throughline window. The package is removed again at the end, also
# when a check fails.
#
#   scripts/check-package.sh DEB [SCREENSHOT.png]
#
# Needs (scripts/setup.sh installs them): xvfb, xauth, x11-utils (xwininfo), xdg-utils,
# libfile-mimeinfo-perl (xdg-mime's type lookup without a desktop), desktop-file-utils,
# shared-mime-info, and imagemagick for the optional screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] && [ -f "$1" ] || { echo "usage: scripts/check-package.sh DEB [SCREENSHOT.png]" >&2; exit 2; }
deb=$(realpath "$1")
shot=${2:-}
export DEBIAN_FRONTEND=noninteractive

pkg=$(dpkg-deb -f "$deb" Package)
work=$(mktemp -d)
failures=0
ok() { printf 'ok: %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; failures=$((failures + 1)); }
cleanup() {
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    apt-get remove -y -qq "$pkg" >/dev/null 2>&1 || dpkg -r "$pkg" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

printf '==> installing %s (%s %s)\n' "$deb" "$pkg" "$(dpkg-deb -f "$deb" Version)"
apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
files=$(dpkg -L "$pkg")

# Both binaries, in one folder: the app runs the CLI found beside its own executable.
app=$(grep -E '/bin/throughline-app$' <<<"$files" | head -1 || true)
cli=$(grep -E '/bin/throughline$' <<<"$files" | head -1 || true)
if [ -n "$app" ] && [ -n "$cli" ] && [ "$(dirname "$app")" = "$(dirname "$cli")" ]; then
  ok "$app and $cli installed side by side"
else
  fail "the package must install throughline-app and throughline in one folder (got '${app:-none}', '${cli:-none}')"
  exit 1
fi
v=$("$cli" --version) && ok "throughline --version: $v" || fail "throughline --version"
v=$("$app" --version) && ok "throughline-app --version: $v" || fail "throughline-app --version"

desktop=$(grep -E '^/usr/share/applications/[^/]+\.desktop$' <<<"$files" | head -1 || true)
if [ -z "$desktop" ]; then
  fail "no desktop entry in /usr/share/applications"
else
  desktop-file-validate "$desktop" && ok "$desktop is valid" || fail "desktop-file-validate $desktop"
  grep -qx 'MimeType=application/x-throughline;' "$desktop" && grep -qE '^Exec=throughline-app %f$' "$desktop" &&
    ok "$(basename "$desktop"): $(grep -E '^(Exec|MimeType)=' "$desktop" | tr '\n' ' ')" ||
    fail "$desktop lacks MimeType=application/x-throughline; or Exec=throughline-app %f"
fi
for size in 32x32 64x64 128x128 256x256 512x512 128x128@2; do
  grep -qx "/usr/share/icons/hicolor/$size/apps/throughline-app.png" <<<"$files" || fail "no $size icon"
done
ok "icons: $(grep -c '^/usr/share/icons/hicolor/.*\.png$' <<<"$files") PNGs in hicolor"

# The MIME type: registered by shared-mime-info's trigger, the glob and the magic.
grep -qx '/usr/share/mime/packages/throughline.xml' <<<"$files" || fail "no /usr/share/mime/packages/throughline.xml"
grep -q ':application/x-throughline:\*\.throughline$' /usr/share/mime/globs2 &&
  ok "shared-mime-info: $(grep ':application/x-throughline:' /usr/share/mime/globs2)" ||
  fail "*.throughline is not in /usr/share/mime/globs2 (update-mime-database did not run?)"

# A workspace made by the installed CLI.
ws="$work/Northwind.throughline"
"$cli" import examples/northwind.json -o "$ws" >"$work/import.log" 2>&1 && ok "throughline import -> $ws" ||
  { fail "throughline import:"; cat "$work/import.log" >&2; }
type=$(xdg-mime query filetype "$ws" 2>&1 || true)
[ "$type" = application/x-throughline ] && ok "xdg-mime query filetype: $type" || fail "xdg-mime query filetype gave '$type'"
cp "$ws" "$work/renamed.db"
type=$(xdg-mime query filetype "$work/renamed.db" 2>&1 || true)
[ "$type" = application/x-throughline ] && ok "by content (renamed.db): $type" || fail "a renamed workspace is '$type'"
default=$(xdg-mime query default application/x-throughline 2>&1 || true)
[ -n "$desktop" ] && [ "$default" = "$(basename "$desktop")" ] && ok "xdg-mime query default: $default" ||
  fail "xdg-mime query default application/x-throughline gave '$default'"

# The installed app, on that workspace, under Xvfb (its own home, so no recent-files list of
# this machine is touched).
printf '==> starting %s %s under Xvfb\n' "$app" "$ws"
mkdir -p "$work/home"
cat >"$work/x.sh" <<'EOF'
set -u
"$APP" "$WS" >"$WORK/app.log" 2>&1 &
pid=$!
echo "$pid" >"$WORK/app.pid"
sleep 8
if ! kill -0 "$pid" 2>/dev/null; then echo "exited"; exit 0; fi
window=
for _ in $(seq 1 15); do
  window=$(xwininfo -root -tree | grep -i '"[^"]*throughline[^"]*"' | head -1)
  [ -n "$window" ] && break
  sleep 1
done
[ -n "$SHOT" ] && sleep 2 && import -window root "$SHOT"
kill -0 "$pid" 2>/dev/null && echo "running" || echo "exited"
echo "window:${window}"
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
exit 0
EOF
result=$(HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
  APP="$app" WS="$ws" WORK="$work" SHOT="$shot" \
  xvfb-run -a -s "-screen 0 1600x1000x24" bash "$work/x.sh" || true)
if grep -qx running <<<"$result"; then
  ok "the app was still running after 8 s"
else
  fail "the app exited within 8 s; its output:"; cat "$work/app.log" >&2
fi
window=$(sed -n 's/^window://p' <<<"$result")
[ -n "$window" ] && ok "its window:$(sed 's/^ *[0-9a-fx]*//' <<<"$window" | cut -c1-90)" || fail "no Throughline window (xwininfo)"
[ -n "$shot" ] && [ -f "$shot" ] && ok "screenshot: $shot"

printf '==> removing %s\n' "$pkg"
apt-get remove -y -qq "$pkg" >/dev/null 2>&1 || fail "apt-get remove $pkg"
[ ! -e "$app" ] && [ ! -e "$cli" ] && ok "removed: $app and $cli are gone" || fail "$app or $cli is still there"
grep -q 'application/x-throughline' /usr/share/mime/globs2 && fail "the MIME type is still registered" || ok "the MIME type is unregistered"

if [ "$failures" -gt 0 ]; then
  echo "check-package: $failures check(s) failed" >&2
  exit 1
fi
echo "check-package: $pkg passed"
