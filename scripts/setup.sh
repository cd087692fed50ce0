#!/usr/bin/env bash
# Installs, once, what building Small Wins needs and a fresh Debian 12 or Ubuntu 22.04+ machine lacks:
# the WebKitGTK build libraries, a Rust toolchain, Node.js and the UI's npm packages. With `--test`
# it also installs what the tests and benchmarks drive: WebKitWebDriver and tauri-driver, Xvfb, a
# D-Bus session, the dunst notification daemon, faketime, gnome-keyring, keyutils (`keyctl`: a
# kernel session keyring of a test's own), age, xclip (to read the clipboard back), the
# accessibility bus and its Python binding (to answer the app's GTK file dialog), the package
# checkers, the sqlite3 shell (an e2e test holds a journal's write lock with it;
# bench/vs-sqlite3.sh measures the bare query with it) and syncthing (two instances on 127.0.0.1
# carry a sync folder between two journals), and a German locale (the window's dates in the person's
# locale, tests/e2e/date-formats.test.mjs). Both README commands call it;
# on a machine that has everything it changes nothing and takes a second. It is sourced, so that the
# PATH it sets (cargo, a newer Node.js) holds for the script that called it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

for_tests=false
[ "${1:-}" = "--test" ] && for_tests=true

say() { printf '==> %s\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

debian_packages=(
    build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libxdo-dev libssl-dev libdbus-1-dev
    libayatana-appindicator3-dev
)
if $for_tests; then
    debian_packages+=(
        webkit2gtk-driver xvfb xauth dbus dbus-x11 bsdutils dunst faketime sqlite3 desktop-file-utils rpm
        gnome-keyring keyutils file age xclip x11-utils at-spi2-core python3-gi gir1.2-atspi-2.0 syncthing locales
    )
fi

apt_updated=false
apt_install() {
    command -v apt-get >/dev/null || fail "this script installs with apt-get (Debian, Ubuntu); install by hand: $*"
    if ! $apt_updated; then
        as_root apt-get update -qq
        apt_updated=true
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Use-Pty=0 "$@" >/dev/null \
        || fail "apt-get could not install: $*"
    # Commands installed just now must be found by their new path, not a remembered one.
    hash -r
}

missing=()
for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt_install "${missing[@]}"
fi

# glibc's locales ship as sources in `locales`; WebKit takes the window's language from one only
# once it is compiled.
if $for_tests && ! locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then
    say "compiling the de_DE.UTF-8 locale"
    as_root localedef -i de_DE -f UTF-8 de_DE.UTF-8 || fail "could not compile the de_DE.UTF-8 locale"
fi

# Rust: the toolchain rustup manages; Debian 12's own rustc is too old for this workspace.
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null; then
    if ! command -v rustup >/dev/null; then
        say "no Rust toolchain: looking for the rustup package"
        $apt_updated || { as_root apt-get update -qq; apt_updated=true; }
        apt-cache show rustup >/dev/null 2>&1 \
            || fail "no Rust toolchain and no rustup package here: install Rust 1.90 or later with rustup, then run this again"
        apt_install rustup
    fi
    rustup default stable >/dev/null
fi

# Node.js: Vite needs 20.19 or later. Debian 12's nodejs is 18, so an older one brings a current Node
# from the npm registry into target/tools (the `node` package), used by these scripts only.
node_is_current() {
    command -v node >/dev/null && node -e '
        const [major, minor] = process.versions.node.split(".").map(Number);
        process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)'
}
tools="$PWD/target/tools"
export PATH="$tools/node/node_modules/.bin:$PATH"
if ! node_is_current; then
    command -v npm >/dev/null || { say "installing nodejs and npm"; apt_install nodejs npm; }
    if ! node_is_current; then
        say "installing Node.js 22 into target/tools (the system's is $(node --version 2>/dev/null || echo missing))"
        npm install --prefix "$tools/node" --no-audit --no-fund --loglevel=error node@22 \
            || fail "could not install Node.js 22 from the npm registry (npm said why above)"
        hash -r
        node_is_current || fail "Node.js 20.19 or later is needed and could not be installed"
    fi
fi

lock_hash() { sha256sum ui/package-lock.json | cut -d' ' -f1; }
if [ ! -f ui/node_modules/.installed ] || [ "$(cat ui/node_modules/.installed)" != "$(lock_hash)" ]; then
    say "installing the UI's npm packages"
    npm --prefix ui ci --no-audit --no-fund || fail "npm could not install the UI's packages (it said why above)"
    lock_hash > ui/node_modules/.installed
fi

if $for_tests && ! command -v tauri-driver >/dev/null; then
    say "installing tauri-driver"
    cargo install tauri-driver --version "^2" --locked || fail "cargo could not install tauri-driver (it said why above)"
fi
