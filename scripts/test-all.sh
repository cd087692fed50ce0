#!/usr/bin/env bash
# Every check and test of Small Wins, as CI runs them. On a fresh Debian 12 or Ubuntu 22.04+ machine
# it first installs what is missing (scripts/setup.sh --test): the WebKitGTK build libraries, the
# tray's appindicator library, WebKitWebDriver and tauri-driver, Xvfb, a D-Bus session, the dunst
# notification daemon, faketime, the sqlite3 shell, the package checkers, the UI's npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "setup"
source scripts/setup.sh --test

step "UI: type check, build"
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
xvfb-run --auto-servernum --server-args="-screen 0 1920x1200x24" \
    dbus-run-session -- node --test --test-concurrency=1 tests/e2e/
echo "screenshots of each screen: target/screenshots/"

step "packages: build the .deb and .rpm, install the .deb, check it, remove it"
bash scripts/package.sh
bash tests/package/install.sh
