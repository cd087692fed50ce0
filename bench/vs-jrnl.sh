#!/usr/bin/env bash
# Whole-process timings of `wins` and jrnl side by side, on the same synthetic journal.
#
#   bash bench/vs-jrnl.sh            # 100,000 entries; ENTRIES=10000 for a quick look
#
# Installs jrnl from PyPI into a virtual env under target/, writes one journal in both formats
# (jrnl's plain text and a Small Wins database), then times list-10, a word search and a tag filter
# for each tool as a person would run them: a fresh process every time, output to a pipe. With
# BENCH_TABLE set, it also appends its rows to that file for bench/all.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

entries=${ENTRIES:-100000}
jrnl_version=${JRNL_VERSION:-4.6}
work=target/vs-jrnl
mkdir -p "$work"
work=$(cd "$work" && pwd)

if [ ! -x "$work/venv/bin/jrnl" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet "jrnl==$jrnl_version"
fi

cargo build --quiet --release -p wins
cargo build --quiet --release -p journal --features synthetic --example generate

db="$work/journal-$entries.sqlite3"
txt="$work/journal-$entries.txt"
if [ ! -s "$db" ] || [ ! -s "$txt" ]; then
    rm -f "$db" "$db-wal" "$db-shm" "$txt"
    target/release/examples/generate "$entries" "$db" "$txt"
fi

# jrnl reads its configuration from $XDG_CONFIG_HOME/jrnl/jrnl.yaml; this one points at our file.
export XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_CONFIG_HOME/jrnl"
cat >"$XDG_CONFIG_HOME/jrnl/jrnl.yaml" <<YAML
colors: {body: none, date: none, tags: none, title: none}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: $txt
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v$jrnl_version
YAML

export SMALL_WINS_DB="$db" NO_COLOR=1
wins="$PWD/target/release/wins"
jrnl="$work/venv/bin/jrnl"

python3 - "$entries" "$wins" "$jrnl" <<'PY'
import os, statistics, subprocess, sys, time

entries, wins, jrnl = sys.argv[1:]
queries = [
    ("list newest 10",           [wins, "list", "-n", "10"],                  [jrnl, "-n", "10"]),
    ("word search (rare word)",  [wins, "search", "quokka"],                  [jrnl, "-contains", "quokka"]),
    ("tag filter, newest 50",    [wins, "list", "--tag", "focus", "-n", "50"], [jrnl, "-n", "50", "@focus"]),
]

def timed(command, runs):
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        samples.append(time.perf_counter() - started)
        if done.returncode != 0:
            sys.exit(f"{command[0]} failed: {done.stderr.decode(errors='replace')}")
    return statistics.median(samples), done.stdout

print(f"{int(entries):,} entries; median wall time of a fresh process per query")
print(f"{'query':<26} {'wins':>10} {'jrnl':>10} {'speed-up':>10}")
for name, ours, theirs in queries:
    wins_time, wins_out = timed(ours, 21)
    jrnl_time, jrnl_out = timed(theirs, 3)
    if not wins_out.strip() or not jrnl_out.strip():
        sys.exit(f"{name}: a tool printed nothing, so the comparison would be meaningless")
    speed_up = jrnl_time / wins_time
    print(f"{name:<26} {wins_time * 1000:>8.1f}ms {jrnl_time * 1000:>8.0f}ms {speed_up:>9.0f}x")
    if os.environ.get("BENCH_TABLE"):
        with open(os.environ["BENCH_TABLE"], "a") as out:
            out.write(f"{name} against jrnl\tjrnl {jrnl_time * 1000:.0f} ms\t{wins_time * 1000:.1f} ms\t"
                      f"{speed_up:.0f}× faster\t≥ 300× faster\t{'yes' if speed_up >= 300 else 'NO'}\n")
PY
