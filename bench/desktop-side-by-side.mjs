// First paint and idle memory of several builds side by side, launched in turn (a round of each,
// N rounds after a warm-up), so that a machine whose load changes during the run weighs on all
// alike: best and median launch → first painted timeline, median PSS 4 s after it (as
// bench/desktop.mjs measures them). Each build gets a home of its own; the floor gets no journal.
//
//   xvfb-run … dbus-run-session -- node bench/desktop-side-by-side.mjs N JOURNAL LABEL=BINARY[:VAR=1,…] …
//
// JOURNAL is a journal file, or `empty` for a new journal in each build's home. `:VAR=1,…` sets
// environment variables for that build (a scratch build's switches).
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pssMiB } from "./processes.mjs";

const IDLE_MS = 4000;
const [rounds, journal, ...specs] = process.argv.slice(2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `label=binary[:VAR=1,…]` as a build to launch, with a home of its own. */
function build(spec) {
  const label = spec.slice(0, spec.indexOf("="));
  const [binary, variables = ""] = spec.slice(spec.indexOf("=") + 1).split(":");
  const home = mkdtempSync(join(tmpdir(), "small-wins-side-by-side-"));
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, "config"), XDG_CACHE_HOME: join(home, "cache"), XDG_DATA_HOME: join(home, "data") };
  if (!binary.endsWith("small-wins-floor")) env.SMALL_WINS_DB = journal === "empty" ? join(home, "journal.sqlite3") : journal;
  for (const variable of variables.split(",").filter(Boolean)) {
    const [name, value = "1"] = variable.split("=");
    env[name] = value;
  }
  return { label, binary, env, paints: [], pss: [] };
}

async function launch({ binary, env }) {
  const started = performance.now();
  const child = spawn(binary, [], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (data) => (output += data));
  child.stderr.on("data", (data) => (output += data));
  while (!/first timeline painted/.test(output)) {
    if (child.exitCode !== null || performance.now() - started > 30_000) throw new Error(`${binary} never painted: ${output}`);
    await sleep(2);
  }
  const painted = performance.now() - started;
  await sleep(IDLE_MS);
  const pss = pssMiB(child.pid);
  process.kill(-child.pid, "SIGTERM");
  await new Promise((done) => (child.exitCode !== null ? done() : child.once("exit", done)));
  return { painted, pss };
}

const builds = specs.map(build);
for (const each of builds) await launch(each); // warm the caches, as any launch after the first of the day finds them
const loads = [];
for (let round = 0; round < Number(rounds); round++) {
  for (const each of builds) {
    const { painted, pss } = await launch(each);
    each.paints.push(painted);
    each.pss.push(pss);
    loads.push(loadavg()[0]);
  }
}
for (const { label, paints, pss } of builds) {
  console.log(
    `${label.padEnd(28)} paint best ${Math.min(...paints).toFixed(0).padStart(5)} median ${median(paints).toFixed(0).padStart(5)} ms` +
      `   PSS median ${median(pss).toFixed(1)} MiB   (each launch: ${paints.map((p) => p.toFixed(0)).join(", ")} ms)`,
  );
}
console.log(`load average during the run: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
