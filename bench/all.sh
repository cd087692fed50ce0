#!/usr/bin/env bash
# Every benchmark the project has, then one table: figure, floor or rival, ours, ratio, target and
# whether it is within. Paste the table into docs/benchmarks.md with the date it prints.
#
#   bash bench/all.sh           everything: criterion's full sampling, 21 CLI runs, 11 launches
#                               (about 30 minutes on the 2-core build machine, builds not counted)
#   bash bench/all.sh --quick   short criterion sampling, 5 CLI runs, 3 launches, no jrnl
#                               (about 8 minutes): to see where a change lands, not for the record
#
# Each figure is measured beside its floor or rival in the same run, so a busy machine slows both.
# On a shared machine, run it under the lock the builds take: `flock /work/heavy.lock bash bench/all.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
[ "${1:-}" = "--quick" ] && quick=true
table=$(mktemp)
trap 'rm -f "$table"' EXIT
export BENCH_TABLE=$table
started=$(date -u '+%Y-%m-%d %H:%M UTC')

say() { printf '\n==> %s\n' "$*"; }

say "building (release)"
npm --prefix ui ci --no-audit --no-fund --silent
npm --prefix ui run build --silent
cargo build --quiet --release -p small-wins -p small-wins-floor -p wins
cargo build --quiet --release -p journal --features synthetic --example generate

say "library figures (criterion)"
criterion=(--noplot)
$quick && criterion+=(--warm-up-time 1 --measurement-time 2 --sample-size 10)
for bench in queries insights team encryption; do
    cargo bench --quiet -p journal --features synthetic --bench "$bench" -- "${criterion[@]}" | grep -E '^[^ ].*|time:'
done
cargo bench --quiet -p journal --bench markdown -- "${criterion[@]}" "1 MB" | grep -E '^[^ ].*|time:'
cargo bench --quiet -p journal --bench unlock -- "${criterion[@]}" | grep -E '^[^ ].*|time:'
python3 - <<'PY' >>"$table"
import json, pathlib
# Each figure with a target, by criterion's id: (figure, target in ms).
targets = {
    "100k entries/newest page of 50": ("newest page of 50", 1),
    "100k entries/tag filter, page of 50": ("tag filter, page of 50", 5),
    "100k entries/rare word, top 20": ("rare word, top 20", 5),
    "100k entries/word in most entries, top 20": ("word in most entries, top 20", 50),
    "reviews, 100k entries, 50 milestones, 10k measurements/weekly review": ("weekly review", 20),
    "team, 100k entries, 50 milestones, 10k measurements/week's digest, built and rendered as Markdown": ("team digest, a week", 20),
    "insights, 100k entries/a year (53 weeks)": ("insights, a year", 20),
    "insights, 100k entries/three years": ("insights, three years", 50),
    "insights, 100k entries/on this day": ("on this day", 2),
    "insights, 100k entries/lessons that come back": ("lessons that come back", 5),
    "markdown/1 MB entry": ("Markdown, a 1 MB entry", 100),
    "unlock/key file and passphrase (Argon2id, 64 MiB, 3 passes)": ("unlock (Argon2id)", 500),
}
found = {}
for bench in pathlib.Path("target/criterion").glob("**/new/benchmark.json"):
    full_id = json.loads(bench.read_text())["full_id"]
    if full_id in targets or full_id.startswith("100k entries, plain vs encrypted/"):
        estimates = json.loads((bench.parent / "estimates.json").read_text())
        found[full_id] = estimates["median"]["point_estimate"] / 1e6
shown = lambda ms: f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}" if ms >= 10 else f"{ms:.2f}"
for full_id, (figure, target) in targets.items():
    ms = found.get(full_id)
    if ms is None:
        print(f"{figure} (criterion)\t\tnot measured\t\t≤ {target} ms\tNO")
    else:
        print(f"{figure} (criterion)\t\t{shown(ms)} ms\t\t≤ {target} ms\t{'yes' if ms <= target else 'NO'}")
# Issue #17: each query on the encrypted copy of the journal against the plain one, measured back
# to back in the same run (benches/encryption.rs).
group = "100k entries, plain vs encrypted"
for query in ["newest page of 50", "page of 50 halfway down", "tag filter, page of 50", "rare word, top 20",
              "word in most entries, top 20", "today view with a three-year streak"]:
    plain, encrypted = found.get(f"{group}/{query}, plain"), found.get(f"{group}/{query}, encrypted")
    if plain is None or encrypted is None:
        print(f"{query}, encrypted (criterion)\t\tnot measured\t\t≤ 1.15× plain\tNO")
    else:
        ratio = encrypted / plain
        print(f"{query}, encrypted (criterion)\tplain {shown(plain)} ms\t{shown(encrypted)} ms\t{ratio:.2f}×\t≤ 1.15× plain\t{'yes' if ratio <= 1.15 else 'NO'}")
PY

say "wins against the bare sqlite3 CLI"
RUNS=$($quick && echo 5 || echo 21) bash bench/vs-sqlite3.sh
if ! $quick; then
    say "wins against jrnl"
    bash bench/vs-jrnl.sh
fi

say "an encrypted journal against the same journal plain"
bash bench/encrypted.sh

say "export and import"
bash bench/export-import.sh

say "sync through a folder"
bash bench/sync.sh

say "the window against the empty Tauri window"
BENCH_RUNS=$($quick && echo 3 || echo 11) bash bench/desktop.sh
# The JS the window loads at start: the entry chunk index.html names (screens opened later load
# their own chunks).
start_js=$(grep -o 'src="/assets/[^"]*\.js"' ui/dist/index.html | sed 's|src="/||; s|"$||')
bytes=0
for file in $start_js; do bytes=$((bytes + $(gzip -9 -c "ui/dist/$file" | wc -c))); done
awk -v bytes="$bytes" 'BEGIN { printf "JS loaded at start, gzipped\t\t%.1f kB\t\t≤ 80 kB\t%s\n", bytes / 1000, bytes <= 80000 ? "yes" : "NO" }' >>"$table"

say "all figures, $started$($quick && echo ', quick run')"
python3 - "$table" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
header = ["figure", "floor or rival", "ours", "ratio", "target", "within"]
widths = [max(len(r[i]) if i < len(r) else 0 for r in rows + [header]) for i in range(len(header))]
line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
print(line(header))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print(line(r + [""] * (len(header) - len(r))))
missed = sum(1 for r in rows if r[-1] == "NO")
print(f"\n{len(rows) - missed} of {len(rows)} within their targets")
PY
