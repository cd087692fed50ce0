#!/usr/bin/env bash
# Every check and test of Small Wins, as CI runs them. Installs what a fresh Debian 12 machine lacks.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# util-linux's `script` gives the CLI tests a real terminal.
if ! command -v script >/dev/null; then
    step "installing bsdutils"
    as_root apt-get update -qq
    as_root apt-get install -y -qq bsdutils
fi

step "formatting"
cargo fmt --all -- --check

step "lints"
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings

step "tests"
cargo test --workspace --all-features --locked
