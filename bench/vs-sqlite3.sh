#!/usr/bin/env bash
# Whole-process timings of `wins` beside Debian's `sqlite3` CLI running the bare query on the same
# file: how close `wins` comes to the least a process can do to answer the question.
#
#   bash bench/vs-sqlite3.sh         # 100,000 entries, median of 21 interleaved runs
#   RUNS=5 bash bench/vs-sqlite3.sh  # a quick look
#
# Each pair runs alternately (wins, sqlite3, wins, …) so that a noisy neighbour slows both alike.
# With BENCH_TABLE set, it also appends its rows to that file for bench/all.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

entries=${ENTRIES:-100000}
runs=${RUNS:-21}
command -v sqlite3 >/dev/null || { echo "needs Debian's sqlite3 CLI (scripts/setup.sh installs it)" >&2; exit 1; }
cargo build --quiet --release -p wins
cargo build --quiet --release -p journal --features synthetic --example generate
work=target/vs-jrnl # the same journal bench/vs-jrnl.sh times
mkdir -p "$work"
db="$work/journal-$entries.sqlite3"
if [ ! -s "$db" ] || [ ! -s "$work/journal-$entries.txt" ]; then
    rm -f "$db" "$db-wal" "$db-shm" "$work/journal-$entries.txt"
    target/release/examples/generate "$entries" "$db" "$work/journal-$entries.txt"
fi
# Opening the file once with `wins` brings its schema up to date, so neither side migrates.
NO_COLOR=1 target/release/wins --db "$db" list -n 1 >/dev/null

python3 - "$db" "$runs" "${WINS:-target/release/wins}" <<'PY'
import os, statistics, subprocess, sys, time

db, runs, wins = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# What `wins` prints, asked of SQLite as directly as SQL can: the same rows, the same order, the tags.
tags = "(SELECT group_concat(t.name, ' ') FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = e.id)"
columns = f"e.id, e.kind, datetime(e.occurred_at / 1000, 'unixepoch'), e.text, {tags}"
queries = [
    ("wins list -n 10", ["list", "-n", "10"],
     f"SELECT {columns} FROM entries e WHERE e.deleted_at IS NULL ORDER BY e.occurred_at DESC, e.id DESC LIMIT 10"),
    ("wins search quokka", ["search", "quokka"],
     f"SELECT {columns}, snippet(entries_fts, -1, '[', ']', '…', 16) FROM entries_fts JOIN entries e ON e.seq = entries_fts.rowid "
     "WHERE entries_fts MATCH '\"quokka\"*' AND e.deleted_at IS NULL ORDER BY entries_fts.rank LIMIT 20"),
    ("wins list --tag focus -n 50", ["list", "--tag", "focus", "-n", "50"],
     f"SELECT {columns} FROM entry_tags k JOIN entries e ON e.id = k.entry_id "
     "WHERE k.tag_id = (SELECT id FROM tags WHERE key = 'focus') AND e.deleted_at IS NULL "
     "ORDER BY k.occurred_at DESC, k.entry_id DESC LIMIT 50"),
]
env = {**os.environ, "NO_COLOR": "1", "SMALL_WINS_DB": db}

def once(command):
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(f"{command[0]} failed or printed nothing: {done.stderr.decode(errors='replace')}")
    return elapsed

print(f"{db}: median wall time of a fresh process per query, {runs} interleaved runs")
print(f"{'query':<30} {'sqlite3':>9} {'wins':>9} {'ratio':>7}   (target ≤ 1.5×)")
# Start-up alone, no journal opened: how much of each ratio below is the cost of starting the
# program (loading and relocating it and its shared libraries) rather than of answering.
ours, floor = [], []
for _ in range(runs):
    ours.append(once([wins, "--version"]))
    floor.append(once(["sqlite3", "-batch", "-init", "/dev/null", ":memory:", "SELECT 1"]))
ours, floor = statistics.median(ours) * 1000, statistics.median(floor) * 1000
print(f"{'(start-up: --version, select 1)':<30} {floor:>7.1f}ms {ours:>7.1f}ms {ours / floor:>6.2f}×   (no target)")
table = os.environ.get("BENCH_TABLE")
for name, args, sql in queries:
    ours, floor = [], []
    for _ in range(runs):
        ours.append(once([wins, *args]))
        floor.append(once(["sqlite3", "-batch", "-init", "/dev/null", db, sql]))
    ours, floor = statistics.median(ours) * 1000, statistics.median(floor) * 1000
    ratio = ours / floor
    print(f"{name:<30} {floor:>7.1f}ms {ours:>7.1f}ms {ratio:>6.2f}×")
    if table:
        with open(table, "a") as out:
            out.write(f"{name}, 100k entries\tsqlite3 {floor:.1f} ms\t{ours:.1f} ms\t{ratio:.2f}×\t≤ 1.5×\t{'yes' if ratio <= 1.5 else 'NO'}\n")
PY
