#!/usr/bin/env bash
# Builds the UI and runs the Small Wins desktop app (release build; the journal is the same file `wins` uses).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ui/node_modules ] || npm --prefix ui ci --no-audit --no-fund
npm --prefix ui run build
cargo run --release -p small-wins
