#!/usr/bin/env bash
# Whole-process times of `wins export` and `wins import` on a generated 100,000-entry journal
# (release build, best of 3; each import goes into a fresh journal).
#
#   bash bench/export-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --release -p wins
cargo build --quiet --release -p journal --features synthetic --example generate
wins=${WINS:-target/release/wins}
work=target/export-import-bench
mkdir -p "$work"
db="$work/journal-100000.sqlite3"
[ -s "$db" ] || target/release/examples/generate 100000 "$db"

# Milliseconds `$@` takes, best of three runs; `prepare` runs before each (untimed).
best_of_3() {
    local prepare=$1 best=
    shift
    for _ in 1 2 3; do
        eval "$prepare"
        local started ended elapsed
        started=$(date +%s%N)
        "$@" >/dev/null
        ended=$(date +%s%N)
        elapsed=$(((ended - started) / 1000000))
        if [ -z "$best" ] || [ "$elapsed" -lt "$best" ]; then best=$elapsed; fi
    done
    echo "$best"
}

# Prints a figure, and appends it to $BENCH_TABLE for bench/all.sh when that is set.
report() {
    printf '%-44s %6s ms   (target ≤ %s ms)\n' "$1" "$2" "$3"
    if [ -n "${BENCH_TABLE:-}" ]; then
        printf '%s\t\t%s ms\t\t≤ %s ms\t%s\n' "$1" "$2" "$3" "$([ "$2" -le "$3" ] && echo yes || echo NO)" >>"$BENCH_TABLE"
    fi
}

report "export json, 100k entries" \
    "$(best_of_3 "rm -f $work/export.json" "$wins" --db "$db" export --format json --out "$work/export.json")" 800
report "export markdown (one file), 100k entries" \
    "$(best_of_3 "rm -f $work/export.md" "$wins" --db "$db" export --format markdown --out "$work/export.md")" 3000
# Into the system's temporary folder: creating 100,000 files inside a watched checkout measures the
# watcher, not Small Wins.
notes=$(mktemp -d)
report "export markdown (a file per entry), 100k" \
    "$(best_of_3 "find $notes -mindepth 1 -delete" "$wins" --db "$db" export --format markdown --out "$notes/")" 3000
rm -rf "$notes"
"$wins" --db "$db" export --format jrnl --out "$work/jrnl.json" >/dev/null
report "import jrnl json, 100k entries" \
    "$(best_of_3 "rm -f $work/imported.sqlite3*" "$wins" --db "$work/imported.sqlite3" import "$work/jrnl.json")" 2500
report "import our json, 100k entries" \
    "$(best_of_3 "rm -f $work/imported.sqlite3*" "$wins" --db "$work/imported.sqlite3" import "$work/export.json")" 5000
# jrnl's own plain-text journal in its default timeformat (%F %r: 12-hour clock with seconds), the
# format most jrnl users have, written from the same entries.
python3 - "$work/jrnl.json" "$work/jrnl.txt" <<'PY'
import datetime, json, sys
with open(sys.argv[2], "w") as out:
    for e in json.load(open(sys.argv[1]))["entries"]:
        when = datetime.datetime.strptime(e["date"] + " " + e["time"], "%Y-%m-%d %H:%M")
        star = " *" if e["starred"] else ""
        out.write(f"[{when.strftime('%Y-%m-%d %I:%M:%S %p')}] {e['title']}{star}\n{e['body']}\n\n")
PY
report "import jrnl text (%F %r), 100k entries" \
    "$(best_of_3 "rm -f $work/imported.sqlite3*" "$wins" --db "$work/imported.sqlite3" import "$work/jrnl.txt")" 5000
