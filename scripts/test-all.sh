#!/usr/bin/env bash
# Every check and test of Small Wins, as CI runs them. Installs what a fresh Debian 12 machine lacks:
# the WebKitGTK build dependencies, the tray's appindicator library, WebKitWebDriver, Xvfb, a D-Bus
# session, the dunst notification daemon, faketime (to run `wins` days in the past), tauri-driver,
# npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

debian_packages=(
    build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libxdo-dev libssl-dev
    libayatana-appindicator3-dev webkit2gtk-driver xvfb xauth dbus dbus-x11 bsdutils dunst faketime
)
missing=()
for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

if ! command -v tauri-driver >/dev/null; then
    step "installing tauri-driver"
    cargo install tauri-driver --version "^2" --locked
fi
export PATH="$HOME/.cargo/bin:$PATH"

step "UI: packages, type check, build"
npm --prefix ui ci --no-audit --no-fund
npm --prefix ui run check
npm --prefix ui run build

step "formatting"
cargo fmt --all -- --check

step "lints"
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings

step "unit, command and CLI tests"
cargo test --workspace --all-features --locked

step "the real app in a real window (tauri-driver + WebKitWebDriver under Xvfb)"
cargo build --locked -p small-wins -p wins
xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
    dbus-run-session -- node --test --test-concurrency=1 tests/e2e/
echo "screenshots of each screen: target/screenshots/"
