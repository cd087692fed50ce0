// Where a window's idle memory is: launches each build given (a warm-up launch, then one measured),
// waits for its first painted timeline and 4 s more, as bench/desktop.mjs does, and prints the PSS
// of each of its processes by mapping, side by side, largest difference from the first build first.
//
//   xvfb-run -a dbus-run-session -- node bench/memory-map.mjs [--db JOURNAL] BUILD…
//
// e.g. `node bench/memory-map.mjs target/release/small-wins-floor target/release/small-wins`.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { descendants, pssByMapping } from "./processes.mjs";

const IDLE_MS = 4000;
const args = process.argv.slice(2);
const journal = args[0] === "--db" ? args.splice(0, 2)[1] : null;
if (args.length === 0) throw new Error("usage: node bench/memory-map.mjs [--db JOURNAL] BUILD…");

/** The app's own process is named after its build; WebKit's by their role. */
const role = (comm, build) => (build.endsWith(comm) || build.includes(`/${comm}`) ? "app" : comm);

async function measure(build) {
  const home = mkdtempSync(join(tmpdir(), "small-wins-memory-"));
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, "config"), XDG_CACHE_HOME: join(home, "cache"), XDG_DATA_HOME: join(home, "data") };
  if (journal) env.SMALL_WINS_DB = journal;
  let processes;
  for (const measured of [false, true]) {
    const child = spawn(build, [], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    await new Promise((painted, fail) => {
      child.stdout.on("data", (data) => {
        output += data;
        if (/first timeline painted/.test(output)) painted();
      });
      child.stderr.on("data", (data) => (output += data));
      child.once("exit", (code) => fail(new Error(`${build} exited ${code}: ${output}`)));
    });
    await sleep(IDLE_MS);
    if (measured) {
      processes = new Map();
      for (const pid of descendants(child.pid)) {
        const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
        processes.set(role(comm, build), pssByMapping(pid));
      }
    }
    process.kill(-child.pid, "SIGTERM");
    await new Promise((done) => (child.exitCode !== null ? done() : child.once("exit", done)));
  }
  rmSync(home, { recursive: true, force: true });
  return processes;
}

const measured = [];
for (const build of args) measured.push(await measure(build));
const mib = (kib) => (kib / 1024).toFixed(2).padStart(8);
const total = (byName) => [...(byName?.values() ?? [])].reduce((a, b) => a + b, 0);
console.log(`PSS in MiB, ${IDLE_MS / 1000} s after the first painted timeline${journal ? `, ${journal}` : ", empty journal"}`);
args.forEach((build, i) => console.log(`  (${i + 1}) ${build}`));
console.log(`${"".padEnd(44)}${args.map((_, i) => `(${i + 1})`.padStart(8) + " ").join("")}`);
console.log(`${"whole tree".padEnd(44)}${measured.map((processes) => mib([...processes.values()].reduce((sum, byName) => sum + total(byName), 0)) + " ").join("")}`);
for (const processName of new Set(measured.flatMap((processes) => [...processes.keys()]))) {
  const maps = measured.map((processes) => processes.get(processName) ?? new Map());
  console.log(`${processName.padEnd(44)}${maps.map((byName) => mib(total(byName)) + " ").join("")}`);
  // An app's own executable is named after its build: one row for it, whichever build.
  const key = (name, i) => (args[i].endsWith(name) ? "(its executable)" : name);
  const rows = new Map();
  maps.forEach((byName, i) => {
    for (const [name, kib] of byName) {
      const row = rows.get(key(name, i)) ?? new Array(maps.length).fill(0);
      row[i] += kib;
      rows.set(key(name, i), row);
    }
  });
  const sorted = [...rows].sort(([, a], [, b]) => Math.abs(b.at(-1) - b[0]) - Math.abs(a.at(-1) - a[0]));
  for (const [name, row] of sorted.slice(0, 12)) console.log(`  ${name.slice(0, 42).padEnd(42)}${row.map((kib) => mib(kib) + " ").join("")}`);
}
