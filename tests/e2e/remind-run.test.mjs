// Reminders with the window closed, against the real app: the app's own runner and `wins remind
// run` started together on one journal show each due reminder once, whoever claims it; and a
// notification `wins remind run` sent while the app was closed starts the app, when clicked, on the
// reminder's screen. dunst shows the notifications; libfaketime sets `wins`'s clock.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { app, freshEnv, root, runWins, shots, until, wins } from "./harness.mjs";
import { closedHistory, dunstctl, startDunst } from "./notifications.mjs";
import { Session, startDriver } from "./webdriver.mjs";

const MINUTE = 60_000;

/** `at` on the Berlin wall clock, where the tests' journals live. */
function berlin(at) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Berlin",
      weekday: "long",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
  );
  return {
    weekday: parts.weekday.toLowerCase(),
    day: String(Number(parts.day)),
    time: `${parts.hour}:${parts.minute}`,
    /** As libfaketime reads an absolute time. */
    stamp: `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`,
  };
}

/** Runs `wins` with the clock turned back, as if the rule had been set up that long ago. */
function winsInThePast(env, offset, args) {
  return execFileSync("faketime", ["-f", offset, wins, ...args], { env: { ...process.env, ...env } }).toString();
}

/** The faketime library, preloaded rather than run through the `faketime` wrapper, which would
 * wait for the process `wins remind run` leaves behind to hear a click. */
function libfaketime() {
  const folders = readdirSync("/usr/lib").map((name) => join("/usr/lib", name, "faketime"));
  const found = [...folders, "/usr/lib/faketime"].map((folder) => join(folder, "libfaketime.so.1")).find(existsSync);
  assert.ok(found, "libfaketime is installed (apt install faketime)");
  return found;
}


const counted = (history, summary) => history.filter((n) => n.summary === summary).length;


/** A process's exit, with what it printed. */
function finished(child) {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

/** Holds the journal's write lock (as a long write would); the function returned lets go. */
async function holdWriteLock(journal) {
  const sqlite = spawn("sqlite3", ["-bail", journal], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = finished(sqlite);
  let printed = "";
  sqlite.stdout.on("data", (chunk) => (printed += chunk));
  sqlite.stdin.write(".timeout 10000\nBEGIN IMMEDIATE;\nSELECT 'locked';\n");
  await until("sqlite3 to take the write lock", () => printed.includes("locked"), 15_000);
  let released = false;
  return {
    async release() {
      released = true;
      sqlite.stdin.end("COMMIT;\n");
      assert.equal((await exited).code, 0, "sqlite3 let go of the lock");
    },
    /** Lets go if the round failed before it did, so that no later test waits on the lock. */
    abandon() {
      if (!released) sqlite.kill();
    },
  };
}

describe("Reminders with the window closed", () => {
  const env = freshEnv();
  let dunst;
  let driver;

  before(async () => {
    // Notifications stay until closed, alike ones are not merged, and every one stays in the
    // history, so each one shown counts.
    dunst = await startDunst(env, "[global]\n    timeout = 0\n    stack_duplicates = false\n    history_length = 1000\n");
    runWins(env, ["settings", "--week-start", "monday"]);
    driver = await startDriver({ port: 4444, env });
  });

  after(async () => {
    await driver?.stop();
    dunst?.kill();
  });

  it("shows a due reminder once when the app and `wins remind run` start together (20 rounds)", async (t) => {
    const claimedBy = { app: 0, wins: 0 };
    for (let round = 1; round <= 20; round += 1) {
      // Two rules from yesterday: a daily check-in due three minutes ago, which both will try to
      // claim, and a weekly review due a minute later. `wins` runs at a clock half a minute after
      // the first, so only the app fires the second: once it is shown, the app's first look at the
      // journal is over, whoever got the check-in.
      const contested = Math.floor((Date.now() - 3 * MINUTE) / MINUTE) * MINUTE;
      const marker = berlin(contested + MINUTE);
      winsInThePast(env, "-1d", ["remind", "add", "daily", "--time", berlin(contested).time]);
      winsInThePast(env, "-1d", ["remind", "add", "weekly", "--day", marker.weekday, "--time", marker.time]);

      // Both start while the journal's write lock is held, and both wait for it: let go, and
      // SQLite's busy handler decides who is first.
      const lock = await holdWriteLock(env.SMALL_WINS_DB);
      const run = spawn(wins, ["remind", "run", "--json"], {
        env: { ...process.env, ...env, LD_PRELOAD: libfaketime(), FAKETIME: `@${berlin(contested + MINUTE / 2).stamp}` },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const ran = finished(run);
      let session;
      try {
        session = await Session.launch(driver.url, app);
        await session.waitFor("the capture box", () => session.find("#capture"), 20_000);
        assert.equal(run.exitCode, null, `round ${round}: wins remind run did not wait for the lock`);
        await lock.release();
      } finally {
        lock.abandon();
      }

      const { code, stdout, stderr } = await ran;
      assert.equal(code, 0, `round ${round}: ${stderr}`);
      const firedByWins = JSON.parse(stdout);
      assert.ok(firedByWins.every((firing) => firing.title === "Daily check-in"), stdout);
      claimedBy[firedByWins.length === 1 ? "wins" : "app"] += 1;
      const history = await until(
        "the app's weekly review",
        () => {
          const shown = closedHistory();
          return counted(shown, "Weekly review") >= round && shown;
        },
        30_000,
      );
      assert.equal(counted(history, "Daily check-in"), round, `round ${round}: ${JSON.stringify(history)}`);
      assert.equal(counted(history, "Weekly review"), round, `round ${round}: ${JSON.stringify(history)}`);
      await session.close();
    }
    t.diagnostic(`the check-in was claimed by the app ${claimedBy.app} times and by wins ${claimedBy.wins} times`);
  });

  it("starts the app on the reminder's screen when a notification sent while it was closed is clicked", async () => {
    // `wins` with a stand-in `small-wins` beside it, which starts the real app under WebDriver with
    // whatever command line the click gives it.
    const bin = mkdtempSync(join(tmpdir(), "small-wins-bin-"));
    copyFileSync(wins, join(bin, "wins"));
    chmodSync(join(bin, "wins"), 0o755);
    symlinkSync(join(root, "tests/e2e/click-launcher.mjs"), join(bin, "small-wins"));
    const sessionFile = join(bin, "session.json");

    const due = berlin(Date.now() - 2 * MINUTE);
    winsInThePast(env, "-1d", ["remind", "add", "monthly", "--day", due.day, "--time", due.time]);
    closedHistory();
    const sent = execFileSync(join(bin, "wins"), ["remind", "run"], {
      env: { ...process.env, ...env, SMALL_WINS_E2E_DRIVER: driver.url, SMALL_WINS_E2E_APP: app, SMALL_WINS_E2E_SESSION: sessionFile },
    }).toString();
    assert.match(sent, /^Monthly review: /);
    await until("the notification on screen", () => dunstctl("count", "displayed") === "1", 10_000);
    assert.equal(dunstctl("count", "waiting"), "0");
    assert.ok(!existsSync(sessionFile), "nothing started the app before the click");

    dunstctl("action", "0");
    const started = await until("the app the click starts", () => existsSync(sessionFile) && readFileSync(sessionFile, "utf8"), 30_000);
    const { args, sessionId, error } = JSON.parse(started);
    assert.equal(error, null, started);
    assert.deepEqual(args, ["--open", "monthly_review"]);
    const session = new Session(`${driver.url}/session/${sessionId}`);
    try {
      await session.waitFor("the monthly review tab", () => session.find("#reflect-month[aria-selected=true]"), 20_000);
      const summary = await session.waitForText("#review-summary", "Monthly review: ", 15_000);
      assert.match(await summary.text(), /^Monthly review: /);
      await session.screenshot(join(shots, "opened-from-notification.png"));
    } finally {
      await session.close().catch(() => {});
    }
  });
});
