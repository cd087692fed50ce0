// Where a window's idle memory is: launches each build given (a warm-up launch, then one measured)
// as every window benchmark does (bench/launch.mjs: first painted timeline, then 4 s idle), and
// prints the PSS of each of its processes by mapping, side by side, largest difference first.
//
//   xvfb-run -a dbus-run-session -- node bench/memory-map.mjs [--db JOURNAL] BUILD…
//
// e.g. `node bench/memory-map.mjs target/release/small-wins-floor target/release/small-wins`.
import { readFileSync, rmSync } from "node:fs";
import { IDLE_MS, freshEnv, launchOnce } from "./launch.mjs";
import { descendants, pssByMapping } from "./processes.mjs";

const args = process.argv.slice(2);
const journal = args[0] === "--db" ? args.splice(0, 2)[1] : null;
if (args.length === 0) throw new Error("usage: node bench/memory-map.mjs [--db JOURNAL] BUILD…");

/** The app's own process is named after its build; WebKit's by their role. */
const role = (comm, build) => (build.endsWith(comm) || build.includes(`/${comm}`) ? "app" : comm);

/** Each process of the build's window by its role, with its PSS by mapping, once idle. */
async function measure(build) {
  const home = freshEnv(journal);
  await launchOnce(build, home); // warm the caches, as any launch after the first of the day finds them
  const { idle } = await launchOnce(build, home, {
    atIdle: (pid) => new Map(descendants(pid).map((each) => [role(readFileSync(`/proc/${each}/comm`, "utf8").trim(), build), pssByMapping(each)])),
  });
  rmSync(home.home, { recursive: true, force: true });
  return idle;
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
