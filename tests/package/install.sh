#!/usr/bin/env bash
# Installs the .deb that scripts/package.sh built as a person would (`apt-get install ./…deb`), checks
# what they get — both commands on PATH, a valid desktop entry, the icons, the package's fields —,
# checks the .rpm's fields, and removes the package again, whatever happened.
set -uo pipefail
cd "$(dirname "$0")/../.."

deb=$(ls target/release/bundle/deb/Small\ Wins_*.deb 2>/dev/null | head -n 1)
rpm=$(ls target/release/bundle/rpm/Small\ Wins-[0-9]*.rpm 2>/dev/null | head -n 1)
[ -n "$deb" ] && [ -n "$rpm" ] || { echo "no packages: run bash scripts/package.sh first" >&2; exit 1; }

passed=0
failed=0
check() {
    local what=$1
    shift
    if "$@" >/tmp/package-check.out 2>&1; then
        passed=$((passed + 1))
        echo "ok: $what"
    else
        failed=$((failed + 1))
        echo "FAIL: $what"
        sed 's/^/    /' /tmp/package-check.out
    fi
}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

package=$(dpkg-deb -f "$deb" Package)
depends=$(dpkg-deb -f "$deb" Depends)
cleanup() { as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$package" >/dev/null 2>&1 || true; }
trap cleanup EXIT

check "the .deb installs with apt-get" as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$PWD/$deb"
check "wins is on PATH in /usr/bin" test "$(command -v wins)" = /usr/bin/wins
check "small-wins is on PATH in /usr/bin" test "$(command -v small-wins)" = /usr/bin/small-wins
check "wins --version names itself" grep -qx "wins [0-9.]*" <(wins --version)
check "small-wins --version names itself" grep -qx "small-wins [0-9.]*" <(env -u DISPLAY small-wins --version)
check "small-wins --help says what it is" grep -q "desktop journal" <(env -u DISPLAY small-wins --help)
no_display() {
    local said status
    said=$(env -u DISPLAY -u WAYLAND_DISPLAY small-wins 2>&1)
    status=$?
    echo "$said"
    [ "$status" -eq 1 ] && [ "$(printf '%s\n' "$said" | wc -l)" -eq 1 ] && [[ $said == *"no display"* ]]
}
check "with no display the app says so in one line" no_display
wins_works() {
    local journal
    journal=$(mktemp -d)
    wins --db "$journal/j.sqlite3" add "Installed Small Wins" >/dev/null \
        && wins --db "$journal/j.sqlite3" list | grep -q "Installed Small Wins"
    local status=$?
    rm -rf "$journal"
    return $status
}
check "the installed wins writes and reads a journal" wins_works

desktop=$(dpkg -L "$package" | grep '^/usr/share/applications/.*\.desktop$' | head -n 1)
check "a desktop entry is installed" test -f "$desktop"
check "desktop-file-validate accepts it" desktop-file-validate "$desktop"
check "it is in Office and Utility" grep -qx "Categories=Office;Utility;" "$desktop"
check "it has keywords" grep -q "^Keywords=.*journal" "$desktop"
check "it has a comment" grep -q "^Comment=." "$desktop"
check "it starts small-wins" grep -qx "Exec=small-wins" "$desktop"
for size in 16 24 32 48 64 128 256 512; do
    check "a ${size}px icon" test -f "/usr/share/icons/hicolor/${size}x${size}/apps/small-wins.png"
done

check "it depends on the WebKitGTK runtime" grep -q "libwebkit2gtk-4.1-0" <<<"$depends"
check "it depends on the tray's indicator library" grep -q "libayatana-appindicator3-1" <<<"$depends"
check "it depends on no build package" bash -c '! grep -q -- "-dev" <<<"$0"' "$depends"
check "it has a homepage" test -n "$(dpkg-deb -f "$deb" Homepage)"
check "it has a description" test -n "$(dpkg-deb -f "$deb" Description)"

check "the .rpm holds both commands" bash -c 'rpm -qlp "$0" | grep -qx /usr/bin/wins && rpm -qlp "$0" | grep -qx /usr/bin/small-wins' "$rpm"
check "the .rpm says its licence and homepage" bash -c 'rpm -qip "$0" | grep -q "^License *: MIT" && rpm -qip "$0" | grep -q "^URL"' "$rpm"
check "the .rpm requires WebKitGTK" bash -c 'rpm -qRp "$0" | grep -qi webkit2gtk' "$rpm"

cleanup
check "removing the package takes both commands away" bash -c '! test -e /usr/bin/wins && ! test -e /usr/bin/small-wins'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
