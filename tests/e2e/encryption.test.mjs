// Encryption at rest in the real app: encrypt from Settings (the recovery key shown once, and kept
// on screen past the idle lock until it is saved), relaunch to the unlock screen (a wrong
// passphrase is one line, the right one opens Today), search still
// finds an entry, a new recovery key replaces the first, the idle lock leaves nothing of the journal in the page, a reminder due while
// locked shows a generic text (read back from dunst) and its own words only after unlocking, the
// system keyring (a real gnome-keyring on the test's D-Bus session) unlocks at start once
// remembered, and removing encryption gives back a plain SQLite file.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { app, freshEnv, launch, pick, runWins, until, wins } from "./harness.mjs";
import { closedHistory, startDunst } from "./notifications.mjs";
import { Keys, Session, startDriver } from "./webdriver.mjs";

const PASSPHRASE = "correct horse battery staple";
/** A word only the private setback holds: it must never show while locked. */
const CANARY = "Quokkaphobia";
const LOCKED_TITLE = "Small Wins";
const LOCKED_BODY = "A reminder is due. Unlock Small Wins to see it.";

/** The Berlin wall clock `plusMinutes` from now, as HH:MM (the tests' journals live in Berlin). */
function berlinTime(plusMinutes = 0) {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(Date.now() + plusMinutes * 60_000),
  );
}

/** The local day `days` ago in Berlin, as YYYY-MM-DD. */
function berlinDay(daysAgo) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date(Date.now() - daysAgo * 86_400_000));
}




const header = (env) => readFileSync(env.SMALL_WINS_DB).subarray(0, 16).toString("latin1");

describe("An encrypted journal in the window", () => {
  const env = freshEnv();
  let dunst;
  let keyring;
  let driver;
  let session;
  /** The recovery key shown when the journal was encrypted. */
  let firstRecovery;

  const openSettings = async () => {
    await (await session.find("#nav-settings")).click();
  };
  const pageHtml = () => session.execute("return document.documentElement.outerHTML");

  before(async () => {
    dunst = await startDunst(env, "[global]\n    timeout = 0\n    stack_duplicates = false\n    history_length = 1000\n");
    // A real Secret Service for the keyring slot, unlocked with a password of its own, in this
    // test's home and D-Bus session (as the CLI's keyring test runs it). It replaces any keyring
    // the session started on demand for an earlier test file: that one's collection is locked.
    keyring = spawn("gnome-keyring-daemon", ["--foreground", "--replace", "--unlock", "--components=secrets"], {
      env: { ...process.env, ...env },
      stdio: ["pipe", "ignore", "ignore"],
    });
    keyring.stdin.end("keyring password");
    await until("this test's gnome-keyring on the session bus", () => {
      const owner = spawnSync("busctl", ["--user", "status", "org.freedesktop.secrets"], { encoding: "utf8" });
      return owner.status === 0 && owner.stdout.split("\n").includes(`PID=${keyring.pid}`);
    }, 15_000);

    runWins(env, ["add", "Shipped the onboarding checklist #work"]);
    runWins(env, [
      "add",
      `Froze when the ${CANARY} demo broke`,
      "--setback",
      "--lesson",
      "Rehearse the failure path",
      "--adjust",
      "Keep a recording ready",
      "--at",
      berlinDay(8),
    ]);
    driver = await startDriver({ port: 4444, env });
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
    dunst?.kill();
    keyring?.kill();
  });

  it("encrypts the journal from Settings and shows the recovery key once", async () => {
    session = await launch(driver);
    await openSettings();
    const warning = await session.waitFor("the warning", () => session.find("#encrypt-warning"));
    assert.match(await warning.text(), /lose both the passphrase and the recovery key, the journal is lost/);
    assert.match(await warning.text(), /backups or synced folders, stay readable/);

    await (await session.find("#encrypt-passphrase")).type(PASSPHRASE);
    await (await session.find("#encrypt-again")).type(`${PASSPHRASE}!`);
    await (await session.find("#encrypt-submit")).click();
    await session.waitForText("#encryption-error", "The two passphrases differ");
    assert.equal(header(env), "SQLite format 3\0", "nothing was encrypted");

    // The shortest idle lock, set before encrypting (Settings offers it once encrypted): the
    // recovery key must outlast it on screen.
    const idle = await session.executeAsync(
      "const done = arguments[arguments.length - 1];" +
        "window.__TAURI_INTERNALS__.invoke('set_idle_lock', { minutes: 1 }).then(done, (e) => done(String(e)));",
    );
    assert.equal(idle, 1);
    const again = await session.find("#encrypt-again");
    await again.clear();
    await again.type(PASSPHRASE);
    await (await session.find("#encrypt-submit")).click();
    const shown = await session.waitFor("the recovery key", () => session.find("#recovery-key"), 30_000);
    const recovery = await shown.text();
    assert.match(recovery, /^[0-9a-f]{8}(-[0-9a-f]{8}){7}$/);
    firstRecovery = recovery;
    // Untouched for longer than the idle minute (and the idle check's 5 s): still the key, not the lock.
    await new Promise((resolve) => setTimeout(resolve, 75_000));
    assert.equal(await (await session.find("#recovery-key")).text(), recovery, "the idle lock waits for the recovery key");
    assert.ok(!(await pageHtml()).includes("unlock-secret"), "no unlock screen while the recovery key is shown");
    assert.equal(await (await session.find("#recovery-done")).property("disabled"), true);
    await (await session.find("#recovery-saved")).click();
    await (await session.find("#recovery-done")).click();
    await session.waitFor("the encrypted journal's settings", () => session.find("#lock-now"));
    await pick(session, "#idle-lock", "10");
    await session.waitForText("#idle-lock-note", "after 10 minutes");
    assert.ok(!(await pageHtml()).includes(recovery), "the recovery key is shown once");

    assert.notEqual(header(env), "SQLite format 3\0");
    for (const file of [env.SMALL_WINS_DB, `${env.SMALL_WINS_DB}-wal`]) {
      const bytes = (() => {
        try {
          return readFileSync(file);
        } catch {
          return Buffer.alloc(0);
        }
      })();
      assert.ok(!bytes.includes(CANARY) && !bytes.includes("onboarding"), `${file} holds no entry text`);
    }
    const refused = spawnSync(wins, ["list"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr.toString(), /is encrypted; unlock it with its passphrase/);
    await session.close();
    session = null;
  });

  it("asks for the passphrase when relaunched: a wrong one is one line, the right one opens Today", async () => {
    session = await Session.launch(driver.url, app);
    await session.waitFor("the unlock screen", () => session.find("#unlock-secret"), 20_000);
    await session.waitFor("the focus in the passphrase field", async () =>
      (await session.execute("return document.activeElement.id")) === "unlock-secret",
    );
    assert.ok(!(await pageHtml()).includes("onboarding"), "nothing of the journal before unlocking");

    await session.typeIntoFocus(`not the passphrase${Keys.ENTER}`);
    const error = await session.waitForText("#unlock-error", "does not unlock", 15_000);
    assert.equal(await error.text(), "that passphrase or recovery key does not unlock the journal");
    assert.equal(await session.execute("return document.activeElement.id"), "unlock-secret");

    await session.typeIntoFocus(`${PASSPHRASE}${Keys.ENTER}`);
    await session.waitForText("main", "Shipped the onboarding checklist", 20_000);
  });

  it("still finds entries as you type", async () => {
    await session.typeIntoFocus(Keys.CONTROL + "k" + Keys.NULL);
    const input = await session.waitFor("the search box", () => session.find("#search"));
    await input.type("onboard");
    const mark = await session.waitForText(".results mark", "onboard");
    assert.equal(await mark.text(), "onboarding");
  });

  it("says, before an export is written, that an export of the encrypted journal is plain text", async () => {
    await session.typeIntoFocus(Keys.ALT + "6" + Keys.NULL);
    await session.waitForText("#export-plain", "an export is plain text");
  });

  it("makes a new recovery key with the passphrase: it opens the journal and the first one no longer does", async () => {
    await openSettings();
    await (await session.waitFor("the new recovery key form", () => session.find("#recovery-secret"))).type(PASSPHRASE);
    await (await session.find("#recovery-new")).click();
    const shown = await session.waitFor("the new recovery key", () => session.find("#recovery-key"), 30_000);
    const recovery = await shown.text();
    assert.match(recovery, /^[0-9a-f]{8}(-[0-9a-f]{8}){7}$/);
    assert.notEqual(recovery, firstRecovery);
    await session.waitForText("#encryption-heading ~ p", "the old one no longer opens the journal");
    // What `wins` says with each key, given as a script gives one (a file, never argv).
    const listWith = (key) => {
      const file = `${env.HOME}/recovery-key`;
      writeFileSync(file, `${key}\n`, { mode: 0o600 });
      return spawnSync(wins, ["list"], { env: { ...process.env, ...env, SMALL_WINS_PASSPHRASE_FILE: file }, encoding: "utf8" });
    };
    const opened = listWith(recovery);
    assert.equal(opened.status, 0, opened.stderr);
    assert.match(opened.stdout, /Shipped the onboarding checklist/);
    assert.equal(listWith(firstRecovery).status, 1, "the first recovery key opens nothing now");
    await (await session.find("#recovery-saved")).click();
    await (await session.find("#recovery-done")).click();
    await session.waitFor("the encrypted journal's settings", () => session.find("#lock-now"));
    assert.ok(!(await pageHtml()).includes(recovery), "the new recovery key is shown once");
  });

  it("locks after the idle minutes chosen, leaving nothing of the journal in the page", async () => {
    await openSettings();
    await session.waitFor("the idle lock", () => session.find("#idle-lock"));
    await pick(session, "#idle-lock", "1");
    await session.waitForText("#idle-lock-note", "after 1 minute");
    // From here nothing touches the window: only its page is read.
    await session.waitFor("the idle lock's unlock screen", () => session.find("#unlock-secret"), 180_000);
    const html = await pageHtml();
    for (const text of ["onboarding", CANARY, "Rehearse the failure path", "#lock-now"]) {
      assert.ok(!html.includes(text), `the locked page holds no ${text}`);
    }
  });

  it("shows a reminder due while locked with a generic text, and its own words after unlocking", async () => {
    await session.typeIntoFocus(`${PASSPHRASE}${Keys.ENTER}`);
    await session.waitFor("Settings again", () => session.find("#reminder-kind"), 20_000);
    const earlier = new Set(closedHistory().map((n) => n.id));
    // A setback follow-up (its text quotes the setback) due one to two minutes from now.
    await pick(session, "#reminder-kind", "followup");
    await pick(session, "#reminder-time", berlinTime(2));
    await (await session.find("#reminder-add")).click();
    await session.waitForText(".rule .what", "ollow");
    await (await session.find("#lock-now")).click();
    await session.waitFor("the unlock screen", () => session.find("#unlock-secret"));

    const shown = await until(
      "the generic reminder",
      () => {
        const history = closedHistory().filter((n) => !earlier.has(n.id));
        return history.some((n) => n.summary === LOCKED_TITLE) && history;
      },
      240_000,
    );
    assert.deepEqual(
      shown.map(({ summary, body }) => ({ summary, body })),
      [{ summary: LOCKED_TITLE, body: LOCKED_BODY }],
      "only the generic text, nothing of the journal",
    );

    await session.typeIntoFocus(`${PASSPHRASE}${Keys.ENTER}`);
    const unlocked = await until(
      "the follow-up in its own words",
      () => closedHistory().find((n) => n.summary === "Did the adjustment work?"),
      60_000,
    );
    assert.match(unlocked.body, new RegExp(CANARY), "the rule announced while locked was the one that quotes the setback");
  });

  it("opens without asking once the system keyring remembers it on this device", async () => {
    await session.waitFor("Settings", () => session.find("#remember"), 20_000);
    await (await session.find("#remember")).click();
    await (await session.waitFor("the passphrase for the keyring", () => session.find("#remember-secret"))).type(PASSPHRASE);
    await (await session.find("#remember-submit")).click();
    await session.waitFor("remembered", async () => (await (await session.find("#remember")).property("checked")) === true, 20_000);
    await session.close();

    session = await launch(driver);
    assert.ok(!(await pageHtml()).includes("unlock-secret"), "the keyring unlocked it");
    await openSettings();
    const remember = await session.waitFor("the keyring switch", () => session.find("#remember"));
    await remember.click();
    await session.waitFor("forgotten", async () => (await (await session.find("#remember")).property("checked")) === false, 20_000);
    assert.ok(!readFileSync(`${env.SMALL_WINS_DB}.key`, "utf8").includes("keyring"), "the keyring slot is gone");
  });

  it("removes encryption with the passphrase: the file is plain SQLite again", async () => {
    await (await session.find("#decrypt-secret")).type(PASSPHRASE);
    await (await session.find("#decrypt-submit")).click();
    await session.waitFor("the plain journal's settings", () => session.find("#encrypt-passphrase"), 30_000);
    assert.equal(header(env), "SQLite format 3\0");
    assert.match(runWins(env, ["list"]), /Shipped the onboarding checklist/);
  });
});
