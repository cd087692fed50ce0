// Data safety in the real window: the day's backup listed in Settings and restored from there, a
// damaged journal met with the recovery screen and brought back, and a window that never leaves
// the app (nor writes the journal's text to its log).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, openSync, readdirSync, readFileSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { freshEnv, app, launch, runWins, shots } from "./harness.mjs";
import { Keys, Session, startDriver } from "./webdriver.mjs";

const backupsOf = (env) => JSON.parse(runWins(env, ["backup", "list", "--json"]));
const texts = (env) => JSON.parse(runWins(env, ["list", "--json"])).map((entry) => entry.text);

/** Writes over the start of the journal's file, as a bad sector would. */
function damageHeader(env) {
  const file = openSync(env.SMALL_WINS_DB, "r+");
  const badSector = Buffer.from("\0\0\0\0 a bad sector");
  writeSync(file, badSector, 0, badSector.length, 0);
  closeSync(file);
}

/** Everything the app has logged so far. */
function logged(env) {
  const folder = join(env.XDG_DATA_HOME, "app.smallwins.journal/logs");
  if (!existsSync(folder)) return "";
  return readdirSync(folder)
    .map((name) => readFileSync(join(folder, name), "utf8"))
    .join("\n");
}

describe("Backups in a real window", () => {
  const env = freshEnv();
  let driver;
  let session;

  before(async () => {
    runWins(env, ["add", "In the backup: read [the guide](https://example.invalid/guide) first"]);
    driver = await startDriver({ port: 4444, env });
    session = await launch(driver);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("takes the day's backup at start, shows it in Settings and restores from it", async () => {
    const [taken] = await session.waitFor("the day's backup", () => {
      const found = backupsOf(env);
      return found.length === 1 ? found : null;
    });
    runWins(env, ["add", "Written after the backup"]);
    await session.typeIntoFocus(Keys.ALT + "7" + Keys.NULL);
    const last = await session.waitForText("#last-backup", "Last backup:");
    assert.match(await last.text(), new RegExp(`\\d+ KB, ${taken.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    await session.screenshot(join(shots, "settings-backups.png"));

    await (await session.find("li.backup button.restore")).click();
    await session.waitForText("li.backup .confirm", "Replace the journal with this backup?");
    await (await session.find("li.backup button.restore-confirm")).click();
    // The window reloads with the restored journal.
    await session.waitFor("the restored journal on Today", async () => {
      const rows = await session.execute("return [...document.querySelectorAll('.entry-row')].map((r) => r.innerText)");
      return rows.length === 1 && rows[0].includes("In the backup") ? rows : null;
    });
    assert.deepEqual(texts(env), ["In the backup: read [the guide](https://example.invalid/guide) first"]);
    // The journal as it was is kept as a backup first.
    assert.equal(backupsOf(env).length, 2);
  });

  it("follows no link in an entry, and the shell keeps the window in the app", async () => {
    await (await session.waitForText(".entry-row", "In the backup")).click();
    const link = await session.waitFor("the link in the entry", () => session.find("[role=dialog] .markdown a"));
    await session.execute("window.stillTheApp = true");
    await link.click();
    assert.equal(await session.execute("return window.stillTheApp === true && location.protocol"), "tauri:");

    // Past the page's own guard, straight at the window: the shell refuses and says so in the log.
    await session.execute("location.href = 'https://example.invalid/away'");
    await session.waitFor("the shell's refusal in the log", () =>
      logged(env).includes("the window was kept from leaving the app"),
    );
    assert.equal(await session.execute("return window.stillTheApp === true && location.protocol"), "tauri:");
    await session.waitFor("the entry panel, still open", () => session.find("[role=dialog] .markdown"));

    const log = logged(env);
    for (const secret of ["In the backup", "Written after the backup", "example.invalid"]) {
      assert.ok(!log.includes(secret), `the log quotes the journal: ${secret}`);
    }
  });
});

describe("A damaged journal in a real window", () => {
  const env = freshEnv();
  let driver;
  let session;

  before(async () => {
    runWins(env, ["add", "Kept safe in the backup"]);
    runWins(env, ["backup"]);
    damageHeader(env);
    driver = await startDriver({ port: 4444, env });
    session = await Session.launch(driver.url, app);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("shows the recovery, restores the newest good backup and keeps the damaged file", async () => {
    const damaged = readFileSync(env.SMALL_WINS_DB);
    await session.waitForText("#recovery h1", "damaged", 20_000);
    const [backup] = backupsOf(env);
    const offered = await (await session.find("#recovery-backup")).text();
    assert.ok(offered.includes(backup.path), offered);
    assert.ok(
      (await (await session.find("#recovery")).text()).includes(join(env.HOME, "backups")),
      "says where the damaged file is kept",
    );
    assert.deepEqual(readFileSync(env.SMALL_WINS_DB), damaged, "nothing was written to the damaged journal");

    await (await session.find("#recovery-restore")).click();
    await (await session.waitFor("the confirmation", () => session.find("#recovery-confirm"))).click();
    await session.waitForText(".entry-row", "Kept safe in the backup", 20_000);
    assert.deepEqual(texts(env), ["Kept safe in the backup"]);
    const kept = readdirSync(join(env.HOME, "backups")).filter((name) => name.startsWith("damaged-"));
    assert.equal(kept.length, 1, `${kept}`);
    assert.deepEqual(readFileSync(join(env.HOME, "backups", kept[0])), damaged);
  });
});
