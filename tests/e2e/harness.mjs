// What every end-to-end test file shares: where the built programs are, a home of its own, and
// launching the window.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Session } from "./webdriver.mjs";

export const root = resolve(import.meta.dirname, "../..");
export const app = process.env.SMALL_WINS_APP ?? join(root, "target/debug/small-wins");
export const wins = process.env.SMALL_WINS_CLI ?? join(root, "target/debug/wins");
export const shots = join(root, "target/screenshots");

/** A fresh home, data folder and journal, in Berlin time, for one test file. */
export function freshEnv() {
  const home = mkdtempSync(join(tmpdir(), "small-wins-e2e-"));
  return {
    HOME: home,
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
    SMALL_WINS_DB: join(home, "journal.sqlite3"),
    TZ: "Europe/Berlin",
  };
}

/**
 * The day `days` from today (negative: before) as "YYYY-MM-DD", in the journal's own zone (`env.TZ`),
 * not this process's: near midnight the two disagree, and the window counts days in the journal's.
 */
export function journalDay(env, days = 0) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: env.TZ }).format(new Date());
  const [year, month, day] = today.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Opens the window (started with `args`) and waits for Today's capture box. */
export async function launch(driver, args = []) {
  const session = await Session.launch(driver.url, app, args);
  await session.waitFor("the capture box", () => session.find("#capture"), 20_000);
  return session;
}

/** Runs `wins` on the test's journal and returns what it printed. */
export function runWins(env, args) {
  return execFileSync(wins, args, { env: { ...process.env, ...env }, maxBuffer: 1 << 28 }).toString();
}

/** `check()`'s first truthy answer (it may be async), asked every quarter second for `ms`. */
export async function until(what, check, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const result = await check();
    if (result) return result;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Sets an input as a person picking a value would, so the page hears the change. */
export async function pick(session, css, value) {
  await session.execute(
    `const field = document.querySelector(arguments[0]);
     field.value = arguments[1];
     field.dispatchEvent(new Event(field.tagName === "SELECT" ? "change" : "input", { bubbles: true }));`,
    css,
    value,
  );
}

/** Whether the X window titled "Small Wins" is on screen (`xwininfo`'s map state `IsViewable`); a
 * window never shown has no X window at all. */
export function windowOnScreen() {
  const info = spawnSync("xwininfo", ["-name", "Small Wins"], { encoding: "utf8" });
  if (info.error) throw info.error;
  return /Map State: IsViewable/.test(info.stdout);
}
