#!/usr/bin/env bash
# Concurrent writers: WRITERS `wins add` loops of ADDS each into one journal at the same time
# (release build), against one loop alone. Every add must succeed; prints adds per second.
#
#   bash bench/writers.sh            # 4 writers × 500 adds, and 1 writer × 500 adds
set -euo pipefail
cd "$(dirname "$0")/.."

WRITERS=${WRITERS:-4}
ADDS=${ADDS:-500}
cargo build --quiet --release -p wins
wins=$PWD/target/release/wins
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs $1 writers of $ADDS adds each into a new journal; prints "failures adds-per-second".
run() {
    local writers=$1 db="$work/journal-$1.sqlite3"
    "$wins" --db "$db" add "baseline" >/dev/null
    local started ended
    started=$(date +%s%N)
    for w in $(seq 1 "$writers"); do
        (for i in $(seq 1 "$ADDS"); do
            "$wins" --db "$db" add "writer $w entry $i" >/dev/null 2>>"$work/errors-$writers" || echo x >>"$work/failed-$writers"
        done) &
    done
    wait
    ended=$(date +%s%N)
    local failed=0 stored
    [ -f "$work/failed-$writers" ] && failed=$(wc -l <"$work/failed-$writers")
    stored=$("$wins" --db "$db" list --json -n 1000000 | grep -c '"text": "writer ')
    [ "$stored" -eq $((writers * ADDS - failed)) ] || { echo "lost writes: $stored stored"; exit 1; }
    echo "$failed $(( writers * ADDS * 1000000000 / (ended - started) ))"
}

read -r failed_one rate_one < <(run 1)
read -r failed_many rate_many < <(run "$WRITERS")
printf '%-28s %6s adds/s   %s failed\n' "1 writer × $ADDS" "$rate_one" "$failed_one"
printf '%-28s %6s adds/s   %s failed\n' "$WRITERS writers × $ADDS" "$rate_many" "$failed_many"
[ "$failed_one" -eq 0 ] && [ "$failed_many" -eq 0 ]
