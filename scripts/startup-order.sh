#!/usr/bin/env bash
# Lists the functions the window and `wins` run as they start, in the order they first run, for the
# release link to put side by side (lld's --symbol-ordering-file, passed by each binary's build.rs).
#
#   bash scripts/startup-order.sh      writes src-tauri/startup-order.txt and src-tauri/cli/startup-order.txt
#
# Why: the kernel maps an executable's code 64 kB at a time. Scattered over the whole binary, the
# few thousand functions a start runs touched nearly all of it, and the window kept 11.5 MiB of its
# executable resident; side by side they need a quarter of that (docs/benchmarks.md, "The start's
# code side by side").
#
# The lists name symbols as this toolchain mangles them, and the names change with the Rust
# toolchain, a dependency's version or the release profile. A name the link does not find is passed
# over, so an old list costs memory, never correctness: run this again after such a change, and
# before measuring, since any change to the code renumbers a few dozen names (LLVM's `.1234`
# suffixes on a function's local copies). It takes a few minutes, and needs valgrind
# (`apt-get install valgrind`) besides the Xvfb, D-Bus, gnome-keyring and keyutils that
# `scripts/setup.sh --test` installs.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "scripts/startup-order.sh needs valgrind: apt-get install valgrind" >&2; exit 1; }

# valgrind's callgrind, which records every function a program runs, by its linker name, in plain
# text; followed by --callgrind-out-file=OUT and the command.
callgrind=(valgrind --quiet --tool=callgrind --demangle=no --compress-strings=no --compress-pos=no --dump-instr=no)

# window OUT [JOURNAL]: the window from launch until it has idled 20 s after its first painted
# timeline (its start, the first sync and the runner's first round), in a home of its own.
window() {
    local out=$1 journal=${2:-}
    local home=$out.home
    mkdir -p "$home"
    env HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" XDG_DATA_HOME="$home/data" \
        SMALL_WINS_DB="${journal:-$home/journal.sqlite3}" \
        "${callgrind[@]}" --callgrind-out-file="$out" target/release/small-wins >"$out.log" 2>&1 &
    local pid=$!
    for _ in $(seq 300); do
        grep -q "first timeline painted" "$out.log" && break
        sleep 1
    done
    grep -q "first timeline painted" "$out.log" || { cat "$out.log" >&2; exit 1; }
    sleep 20
    kill -TERM "$pid"
    wait "$pid" || true
}

# Run again by itself inside a display and a D-Bus session, for the window's two starts.
if [ "${1:-}" = "--windows" ]; then
    window "$2/window-empty.out"
    window "$2/window-journal.out" "$2/journal.sqlite3"
    exit
fi

# Run again by itself inside a D-Bus session and a kernel session keyring of its own: `wins` on a
# copy of the journal encrypted and unlocked through a real gnome-keyring, as after `wins unlock`
# (bench/encrypted.sh measures these), and `add` on a copy that syncs (bench/sync.sh). Their own
# code (the page cipher and HMAC, the key file, the keyring's cache, SQLite's running of the sync
# triggers) comes after the plain commands' in the list, so the plain commands' stays as packed.
# Under valgrind, which offers no SHA extensions, SHA-256 runs its portable code: the SHA-NI
# function the commands run outside valgrind is left where it was linked.
if [ "${1:-}" = "--encrypted-and-syncing" ]; then
    work=$2
    export HOME=$work/home
    mkdir -p "$HOME"
    unset SMALL_WINS_PASSPHRASE_FILE
    eval "$(printf 'startup order keyring' | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
    printf 'a long startup order passphrase\n' >"$work/passphrase"
    encrypted=$work/encrypted.sqlite3 syncing=$work/syncing.sqlite3
    target/release/wins --db "$SMALL_WINS_DB" backup --to "$encrypted" >/dev/null
    target/release/wins --db "$encrypted" encrypt --passphrase-file "$work/passphrase" >/dev/null
    target/release/wins --db "$encrypted" unlock --passphrase-file "$work/passphrase" >/dev/null
    "${callgrind[@]}" --callgrind-out-file="$work/wins-list-encrypted.out" target/release/wins --db "$encrypted" list -n 10 >/dev/null
    "${callgrind[@]}" --callgrind-out-file="$work/wins-search-encrypted.out" target/release/wins --db "$encrypted" search quokka >/dev/null
    "${callgrind[@]}" --callgrind-out-file="$work/wins-tag-encrypted.out" target/release/wins --db "$encrypted" list --tag focus -n 50 >/dev/null
    target/release/wins --db "$SMALL_WINS_DB" backup --to "$syncing" >/dev/null
    SMALL_WINS_SYNC_PASSPHRASE_FILE=$work/passphrase target/release/wins --db "$syncing" sync init "$work/folder" >/dev/null
    "${callgrind[@]}" --callgrind-out-file="$work/wins-add-syncing.out" target/release/wins --db "$syncing" add "Shipped the startup order, synced" >/dev/null
    exit
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "==> building the window and wins (release, with symbols) and a synthetic journal of 100,000 entries, as the benchmarks use (its years give Today days to look back on)"
cargo build --quiet --release -p journal --features synthetic --example generate
# Only the binaries' own link keeps its symbols: every crate keeps the release profile, so the
# names are the ones a plain `cargo build --release` links.
cargo rustc --quiet --release -p small-wins --bin small-wins -- -C strip=none
cargo rustc --quiet --release -p wins --bin wins -- -C strip=none
target/release/examples/generate 100000 "$work/journal.sqlite3" "$work/journal.txt" >/dev/null

echo "==> the window's start, empty and with 100,000 entries (under valgrind: about a minute each)"
xvfb-run --auto-servernum --server-args="-screen 0 1920x1200x24" dbus-run-session -- bash "$0" --windows "$work"

echo "==> wins: list, search, a tag, add"
export SMALL_WINS_DB=$work/journal.sqlite3 NO_COLOR=1
"${callgrind[@]}" --callgrind-out-file="$work/wins-list.out" target/release/wins list -n 10 >/dev/null
"${callgrind[@]}" --callgrind-out-file="$work/wins-search.out" target/release/wins search quokka >/dev/null
"${callgrind[@]}" --callgrind-out-file="$work/wins-tag.out" target/release/wins list --tag focus -n 50 >/dev/null
"${callgrind[@]}" --callgrind-out-file="$work/wins-add.out" target/release/wins add "Shipped the startup order" >/dev/null
echo "==> wins: the same on an encrypted copy, unlocked through the keyring, and add on a copy that syncs"
keyctl session - dbus-run-session -- bash "$0" --encrypted-and-syncing "$work"

python3 - "$work" <<'PY'
import pathlib, re, sys

work = pathlib.Path(sys.argv[1])

def functions_run(profile, binary):
    """The binary's functions in callgrind's profile, in the order callgrind first met them."""
    names, object_file = [], None
    for line in profile.open(errors="replace"):
        if line.startswith("ob="):
            object_file = line[3:].strip()
        elif line.startswith("fn=") and object_file and object_file.endswith("/" + binary):
            name = re.sub(r"'\d+$", "", line[3:].strip())  # callgrind's mark for a recursion level
            # Not a stretch of code without a symbol, nor callgrind's "(below main)".
            if not name.startswith(("0x", "(")):
                names.append(name)
    return names

for binary, profiles, listing in [
    ("small-wins", ["window-empty", "window-journal"], "src-tauri/startup-order.txt"),
    ("wins", ["wins-list", "wins-search", "wins-tag", "wins-add", "wins-list-encrypted", "wins-search-encrypted",
              "wins-tag-encrypted", "wins-add-syncing"], "src-tauri/cli/startup-order.txt"),
]:
    order = list(dict.fromkeys(name for profile in profiles for name in functions_run(work / f"{profile}.out", binary)))
    if len(order) < 500:
        sys.exit(f"{binary}: only {len(order)} functions recorded; is valgrind seeing its symbols?")
    pathlib.Path(listing).write_text("\n".join(order) + "\n")
    print(f"{listing}: {len(order)} functions")
PY

echo "==> linking both again with their lists"
# One at a time: built together, the two would share their dependencies' features, and `wins` would
# not be the binary `cargo build --release -p wins` (every bench script's) links.
cargo build --quiet --release -p small-wins
cargo build --quiet --release -p wins
