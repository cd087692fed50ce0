#!/usr/bin/env bash
# Issue 18's whole-process figures, on a 100,000-entry journal and a sync folder on this disk:
#   - a new device joins the folder and builds the whole journal from it (target ≤ 60 s);
#   - `wins sync` with nothing new, median of 21 (target ≤ 50 ms);
#   - `wins add` on a journal that syncs against the same journal not syncing, alternating, median
#     of 21 each (target ≤ 1.10×);
#   - a new device joining from a snapshot and the segments after it (target ≤ 60 s).
#
#   bash bench/sync.sh               # 100,000 entries; ENTRIES=10000 for a quick look
#   WINS=path/to/wins bash bench/sync.sh
#
# The folder is a plain directory both journals use, as if the replicator had delivered everything:
# the figures are Small Wins' own, not the replicator's. Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${ENTRIES:-100000}
cargo build --quiet --release -p wins
cargo build --quiet --release -p journal --features synthetic --example generate
work=target/sync-bench
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
wins=$(realpath "${WINS:-target/release/wins}")
printf 'a long bench passphrase\n' >"$work/passphrase"
export SMALL_WINS_SYNC_PASSPHRASE_FILE="$work/passphrase"

laptop="$work/laptop.sqlite3"
target/release/examples/generate "$entries" "$laptop" "$work/journal.txt"

python3 - "$entries" "$wins" "$work" <<'PY'
import os, statistics, subprocess, sys, time

entries, wins, work = sys.argv[1:]
laptop = os.path.join(work, "laptop.sqlite3")
desktop = os.path.join(work, "desktop.sqlite3")
not_syncing = os.path.join(work, "not-syncing.sqlite3")
folder = os.path.join(work, "folder")
thousands = int(entries) // 1000

def run(*args):
    started = time.perf_counter()
    done = subprocess.run([wins, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"wins {' '.join(args)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed, done.stdout.decode()

def report(name, floor, ours, ratio, target, within):
    """Prints a figure, and appends it to $BENCH_TABLE for bench/all.sh when that is set."""
    print(f"{name:<46} {floor:>24} {ours:>12} {ratio:>7}  {target} {'yes' if within else 'NO'}")
    if os.environ.get("BENCH_TABLE"):
        with open(os.environ["BENCH_TABLE"], "a") as out:
            out.write(f"{name}\t{floor}\t{ours}\t{ratio}\t{target}\t{'yes' if within else 'NO'}\n")

set_up, _ = run("--db", laptop, "sync", "init", folder)
print(f"sync init of {int(entries):,} entries (the whole journal written as segments): {set_up:.1f} s")
# The same journal, its pages laid out alike, that has left the folder: `wins add` on both compares
# what the recording of changes costs, and nothing else.
run("--db", laptop, "backup", "--to", not_syncing)
run("--db", not_syncing, "sync", "leave")
joined, said = run("--db", desktop, "sync", "join", folder)
listed = run("--db", desktop, "list", "-n", "3")[1]
if listed != run("--db", laptop, "list", "-n", "3")[1]:
    sys.exit("the joined journal lists other entries than the laptop's: the figure would be meaningless")
report(f"sync join, {thousands}k entries (whole process)", "", f"{joined:.1f} s", "", "≤ 60 s", joined <= 60)

steady = statistics.median(run("--db", laptop, "sync")[0] for _ in range(21))
report(f"wins sync, nothing new, {thousands}k (whole process)", "", f"{steady * 1000:.1f} ms", "",
       "≤ 50 ms", steady <= 0.050)

times = {"syncing": [], "not syncing": []}
for i in range(21):
    for kind, db in (("not syncing", not_syncing), ("syncing", laptop)):
        times[kind].append(run("--db", db, "add", f"Bench win {i}")[0])
plain, syncing = statistics.median(times["not syncing"]), statistics.median(times["syncing"])
ratio = syncing / plain
report(f"wins add, journal that syncs, {thousands}k", f"not syncing {plain * 1000:.1f} ms",
       f"{syncing * 1000:.1f} ms", f"{ratio:.2f}×", "≤ 1.10×", ratio <= 1.10)

published, _ = run("--db", laptop, "sync")
print(f"wins sync writing those 21 entries: {published * 1000:.0f} ms (no target)")

snapshot, _ = run("--db", laptop, "sync", "snapshot")
print(f"wins sync snapshot of {int(entries):,} entries: {snapshot:.1f} s (no target)")
newcomer = os.path.join(work, "newcomer.sqlite3")
joined, _ = run("--db", newcomer, "sync", "join", folder)
if run("--db", newcomer, "list", "-n", "3")[1] != run("--db", laptop, "list", "-n", "3")[1]:
    sys.exit("the journal joined from the snapshot lists other entries than the laptop's")
report(f"sync join from a snapshot, {thousands}k (whole process)", "", f"{joined:.1f} s", "", "≤ 60 s",
       joined <= 60)
PY
