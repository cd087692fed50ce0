#!/usr/bin/env bash
# Package and installed sizes of Small Wins' .deb and .rpm beside the same figures for the empty Tauri
# app (bench/floor) bundled the same way: what a person downloads and what lands on their disk.
# Builds both in release (scripts/package.sh for ours).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/package.sh >/dev/null
(cd bench/floor && ../../ui/node_modules/.bin/tauri build --ci --bundles deb,rpm \
    --config '{"bundle":{"active":true}}' -- --locked >/dev/null)

kib() { echo $(( ($(stat -c %s "$1") + 1023) / 1024 )); }
row() {
    local name=$1 deb=$2 rpm=$3
    printf '| %s | %s KiB | %s KiB | %s KiB |\n' "$name" "$(kib "$deb")" "$(kib "$rpm")" \
        "$(dpkg-deb -f "$deb" Installed-Size)"
}
echo "| app | .deb | .rpm | installed (dpkg Installed-Size) |"
echo "|---|---|---|---|"
row "Small Wins (app + wins)" target/release/bundle/deb/Small\ Wins_*.deb target/release/bundle/rpm/Small\ Wins-[0-9]*.rpm
row "empty Tauri app (floor)" target/release/bundle/deb/*floor*.deb target/release/bundle/rpm/*floor*.rpm
