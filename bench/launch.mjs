// Launching a build of the window the way every window benchmark does: in a home of its own, until
// it reports its first painted timeline, then idle for a while before it is looked at and stopped.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pssMiB } from "./processes.mjs";

/** How long a launched window idles after its first painted timeline before it is measured. */
export const IDLE_MS = 4000;

/** A home of its own for each configuration; its caches are warm after the first launch. */
export function freshEnv(journal) {
  const home = mkdtempSync(join(tmpdir(), "small-wins-bench-"));
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, "config"), XDG_CACHE_HOME: join(home, "cache"), XDG_DATA_HOME: join(home, "data") };
  if (journal) env.SMALL_WINS_DB = journal;
  return { env, home };
}

/** Launches `binary`, returns ms until it reports its first painted timeline (`painted`) and what
 * `atIdle(pid)` finds IDLE_MS later (`idle`; the PSS of its processes unless told otherwise), then
 * stops it. `before` runs first, untimed. */
export async function launchOnce(binary, { env }, { before = () => {}, atIdle = pssMiB } = {}) {
  before();
  const started = performance.now();
  const child = spawn(binary, [], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const painted = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${binary} never painted: ${output}`)), 30_000);
    child.stdout.on("data", (data) => {
      output += data;
      if (/first timeline painted/.test(output)) {
        clearTimeout(timer);
        done(performance.now() - started);
      }
    });
    child.stderr.on("data", (data) => (output += data));
    child.once("exit", (code) => fail(new Error(`${binary} exited ${code}: ${output}`)));
  });
  await sleep(IDLE_MS);
  const idle = atIdle(child.pid);
  process.kill(-child.pid, "SIGTERM");
  await new Promise((done) => (child.exitCode !== null ? done() : child.once("exit", done)));
  return { painted, idle };
}
