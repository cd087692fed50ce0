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
# watcher, not Small Wins. Each run writes into a folder of its own, all removed at the end: ext4
# skips inodes freed in the last minutes, so files made right after 100,000 were deleted cost ten
# times more, which a person exporting into a new folder does not pay.
notes=$(mktemp -d)
runs=0
fresh_folder() { runs=$((runs + 1)); folder="$notes/$1-$runs"; }
export_into_folder() { "$wins" --db "$db" export --format markdown --out "$folder/"; }
ours=$(best_of_3 "fresh_folder wins" export_into_folder)
# The floor: the kernel making the same files with the same bytes (create, write, close each), then
# one syncfs, from a program that does nothing else, in fresh folders the same way.
cat >"$work/files-alone.py" <<'PY'
import ctypes, os, sys
source, target = sys.argv[1], sys.argv[2]
files = []
for name in os.listdir(source):
    with open(os.path.join(source, name), "rb") as f:
        files.append((name, f.read()))
os.mkdir(target)
for name, data in files:
    fd = os.open(os.path.join(target, name), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    os.write(fd, data)
    os.close(fd)
fd = os.open(target, os.O_RDONLY)
if ctypes.CDLL(None, use_errno=True).syncfs(fd) != 0:
    sys.exit(f"syncfs: {os.strerror(ctypes.get_errno())}")
PY
exported=$(ls -d "$notes"/wins-* | head -1)
files_alone() { python3 "$work/files-alone.py" "$exported" "$folder"; }
floor=$(best_of_3 "fresh_folder floor" files_alone)
printf '%-44s %6s ms   (target ≤ %s ms; the same files made by a program doing nothing else: %s ms)\n' \
    "export markdown (a file per entry), 100k" "$ours" 3000 "$floor"
if [ -n "${BENCH_TABLE:-}" ]; then
    printf '%s\tfiles alone %s ms\t%s ms\t%s×\t≤ 3000 ms\t%s\n' "export markdown (a file per entry), 100k" "$floor" "$ours" \
        "$(awk -v a="$ours" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')" "$([ "$ours" -le 3000 ] && echo yes || echo NO)" >>"$BENCH_TABLE"
fi
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
