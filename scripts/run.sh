#!/usr/bin/env bash
# Builds and runs the Small Wins desktop app (release build; the journal is the same file `wins` uses).
# On a fresh machine it first installs what building needs (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
npm --prefix ui run build
cargo build --release --locked -p small-wins
exec target/release/small-wins "$@"
