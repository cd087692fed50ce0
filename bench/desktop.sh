#!/usr/bin/env bash
# Start-up time, idle memory, search latency and the Goals screen of the Small Wins window, side by
# side with an empty Tauri 2 window built the same way (bench/floor), on release builds under Xvfb.
#
#   bash bench/desktop.sh          everything
#   bash bench/desktop.sh goals    only the Goals screen (50 milestones, 10,000 measurements)
#   bash bench/desktop.sh insights only the Insights screen (100,000 entries up to today)
#   bash bench/desktop.sh keyring  only the start of an encrypted journal the system keyring unlocks
#   bash bench/desktop.sh start    only first paint and idle memory, against the floor
#   bash bench/desktop.sh search   only the search keystroke, 10,000 and 100,000 entries
#
# Needs what scripts/test-all.sh installs (WebKitGTK, Xvfb, D-Bus, tauri-driver, sqlite3,
# gnome-keyring, keyutils).
set -euo pipefail
cd "$(dirname "$0")/.."

npm --prefix ui ci --no-audit --no-fund --silent
npm --prefix ui run build --silent
cargo build --quiet --release -p small-wins -p small-wins-floor -p wins
cargo build --quiet --release -p journal --features synthetic --example generate

work=target/desktop-bench
mkdir -p "$work"
for entries in 10000 100000; do
    db="$work/journal-$entries.sqlite3"
    [ -s "$db" ] || target/release/examples/generate "$entries" "$db"
done
# The 100k journal moved forward by whole days so that its newest entries are today's: the Insights
# screen shows the year up to today.
insights="$work/insights-100000.sqlite3"
if [ ! -s "$insights" ] || [ "$(find "$insights" -mtime +0)" ]; then
    rm -f "$insights" "$insights-wal" "$insights-shm"
    cp "$work/journal-100000.sqlite3" "$insights"
    sqlite3 "$insights" "UPDATE entries SET occurred_at = occurred_at + (SELECT ($(date +%s%3N) - max(occurred_at)) / 86400000 * 86400000 FROM entries);
                         UPDATE entry_tags SET occurred_at = (SELECT occurred_at FROM entries e WHERE e.id = entry_tags.entry_id);
                         UPDATE entry_people SET occurred_at = (SELECT occurred_at FROM entries e WHERE e.id = entry_people.entry_id);"
fi
goals="$work/goals-50-10000.sqlite3"
[ -s "$goals" ] || target/release/examples/generate --goals 50 10000 "$goals"

xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
    dbus-run-session -- node bench/desktop.mjs "$@"
