#!/usr/bin/env bash
# Builds the packages a person installs, with Tauri's own bundler: target/release/bundle/deb/*.deb
# and target/release/bundle/rpm/*.rpm, each holding the desktop app and `wins` (both in /usr/bin),
# the desktop entry and the icons. On a fresh machine it first installs what building needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --release --locked -p wins
# The bundler takes `wins` from here (see bundle.linux in src-tauri/tauri.conf.json).
mkdir -p target/package
install -m 0755 target/release/wins target/package/wins
# The bundler runs the UI build itself (beforeBuildCommand), then builds the app in release.
ui/node_modules/.bin/tauri build --ci --bundles deb,rpm -- --locked
ls -l target/release/bundle/deb/Small\ Wins_*.deb target/release/bundle/rpm/Small\ Wins-[0-9]*.rpm
