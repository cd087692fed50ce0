// Sync in the real window: Settings sets up a sync folder (picked in the real GTK folder dialog,
// its recovery key shown once); a second journal joins it with `wins sync join`; a win that journal
// syncs shows in the open window without a restart (the window watches the folder), with the time
// from the file's arrival to the entry on screen printed as the figure; a win logged in the window
// reaches the second journal after `wins sync`; words edited on both show side by side and the
// ones kept reach the other journal; and leaving stops syncing and keeps every entry.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { answerFileDialog } from "./file-dialog.mjs";
import { freshEnv, launch, runWins, shots, until } from "./harness.mjs";
import { Keys, startDriver } from "./webdriver.mjs";

const PASSPHRASE = "shared between my desktops";
const FOLDER_DIALOG = "Choose the sync folder";

describe("Sync in a real window", () => {
  const desktop = freshEnv();
  /** The other device: a journal of its own, in a home of its own, sharing the folder. */
  const laptop = freshEnv();
  const folder = join(desktop.HOME, "Sync");
  const passphraseFile = join(laptop.HOME, "sync-passphrase");
  let driver;
  let session;

  const laptopTexts = () => JSON.parse(runWins(laptop, ["list", "-n", "1000", "--json"])).map((entry) => entry.text);

  before(async () => {
    mkdirSync(folder);
    writeFileSync(passphraseFile, PASSPHRASE);
    runWins(desktop, ["add", "Wrote the migration plan before syncing"]);
    driver = await startDriver({ port: 4444, env: desktop });
    session = await launch(driver);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("sets up a sync folder from Settings and shows its recovery key once", async () => {
    await (await session.find("#nav-settings")).click();
    await (await session.waitFor("the sync section", () => session.find("#sync-choose"))).click();
    await answerFileDialog(FOLDER_DIALOG, folder);
    await session.waitForText("#sync-folder", folder);

    await (await session.find("#sync-passphrase")).type(PASSPHRASE);
    await (await session.find("#sync-again")).type(PASSPHRASE);
    await (await session.find("#sync-set-up")).click();
    const shown = await session.waitFor("the recovery key", () => session.find("#sync-recovery-key"), 30_000);
    const recovery = await shown.text();
    assert.match(recovery, /^[0-9a-f]{8}(-[0-9a-f]{8}){7}$/);
    assert.equal(await (await session.find("#sync-recovery-done")).property("disabled"), true);
    await (await session.find("#sync-recovery-saved")).click();
    await (await session.find("#sync-recovery-done")).click();

    await session.waitForText("#sync-status-folder", folder);
    await session.waitForText("#sync-last", "Last synced just now", 15_000);
    await session.waitForText("#sync-indicator", "Synced just now");
    const html = await session.execute("return document.documentElement.outerHTML");
    assert.ok(!html.includes(recovery), "the recovery key is shown once");
    // Only this device's encrypted files: no word of the journal in the folder.
    const [journalId] = readdirSync(join(folder, "small-wins"));
    assert.equal(readdirSync(join(folder, "small-wins", journalId, "devices")).length, 1);
  });

  it("shows another device's win without a restart once its file arrives in the folder", async () => {
    const joined = runWins(laptop, ["sync", "join", folder, "--sync-passphrase-file", passphraseFile]);
    assert.match(joined, /now syncs through/);
    assert.deepEqual(laptopTexts(), ["Wrote the migration plan before syncing"], "the laptop got the desktop's journal");

    await (await session.find("#nav-today")).click();
    await session.waitFor("Today", () => session.find("#capture"));
    runWins(laptop, ["add", "Fixed the flaky deploy from the laptop"]);
    runWins(laptop, ["sync"]);
    // The laptop's segment is in the folder now: "delivered". The window sees it by itself.
    const delivered = Date.now();
    await session.waitForText("main", "Fixed the flaky deploy from the laptop", 20_000);
    console.log(`# figure: another device's change on screen ${Date.now() - delivered} ms after its file arrived`);

    await (await session.find("#nav-settings")).click();
    await session.waitFor("both devices in the status", async () => (await session.findAll("#sync-status .device")).length === 2);
    await session.execute("document.getElementById('sync-heading').scrollIntoView()");
    await session.screenshot(join(shots, "sync-status.png"));
  });

  it("brings a win logged in the window to the other device", async () => {
    await (await session.find("#nav-today")).click();
    await (await session.waitFor("the capture box", () => session.find("#capture"))).click();
    await session.typeIntoFocus("Logged on the desktop, read on the laptop");
    await session.typeIntoFocus(Keys.ENTER);
    await session.waitForText("main", "Logged on the desktop, read on the laptop");
    // The window syncs a moment after the write; the laptop merges it with its next `wins sync`.
    await until(
      "the desktop's win on the laptop",
      () => {
        runWins(laptop, ["sync"]);
        return laptopTexts().includes("Logged on the desktop, read on the laptop");
      },
      30_000,
    );
  });

  it("shows words edited on both devices side by side, and the one kept reaches the other device", async () => {
    const [plan] = JSON.parse(runWins(desktop, ["list", "-n", "1000", "--json"])).filter(
      (entry) => entry.text === "Wrote the migration plan before syncing",
    );
    // Both edit the same version: the window first, then the laptop (whose later edit is shown).
    const edited = await session.executeAsync(
      "const done = arguments[arguments.length - 1];" +
        "window.__TAURI_INTERNALS__.invoke('edit_entry', { id: arguments[0], changes: { text: arguments[1] } })" +
        ".then((rendered) => done(rendered.entry.text), (e) => done(String(e)));",
      plan.id,
      "Wrote the migration plan, reviewed by Sam",
    );
    assert.equal(edited, "Wrote the migration plan, reviewed by Sam");
    runWins(laptop, ["edit", plan.id, "Wrote the migration plan on the train"]);
    runWins(laptop, ["sync"]);

    await (await session.find("#nav-settings")).click();
    await session.waitForText("#sync-conflicts-count", "1 entry was edited on two devices", 20_000);
    await session.waitForText("#sync-indicator", "1 to resolve");
    const conflict = await session.waitFor("the conflict", () => session.find(".conflict"));
    assert.match(await conflict.text(), /edited on two devices — keep which\?/);
    assert.equal(await (await session.find(".conflict .current")).text(), "Wrote the migration plan on the train");
    assert.equal(await (await session.find(".conflict .other")).text(), "Wrote the migration plan, reviewed by Sam");
    await session.execute("document.getElementById('sync-heading').scrollIntoView()");
    await session.screenshot(join(shots, "sync-conflict.png"));
    await (await session.find(".conflict .keep-other")).click();
    await session.waitFor("no conflict left", async () => (await session.findAll(".conflict")).length === 0);

    await until(
      "the kept words on the laptop",
      () => {
        runWins(laptop, ["sync"]);
        return laptopTexts().includes("Wrote the migration plan, reviewed by Sam");
      },
      30_000,
    );
    assert.match(runWins(laptop, ["sync", "conflicts"]), /^No conflicts/);
  });

  it("stops syncing from Settings and keeps every entry", async () => {
    await (await session.find("#nav-settings")).click();
    await (await session.waitFor("the sync status", () => session.find("#sync-leave"))).click();
    await (await session.waitFor("the question", () => session.find("#confirm-leave"))).click();
    await session.waitFor("the set-up form again", () => session.find("#sync-set-up"));
    await session.waitFor("no sync indicator", async () => (await session.findAll("#sync-indicator")).length === 0);
    assert.throws(() => runWins(desktop, ["sync", "status"]), /this journal does not sync/);
    const texts = JSON.parse(runWins(desktop, ["list", "-n", "1000", "--json"])).map((entry) => entry.text);
    assert.deepEqual(texts.sort(), [
      "Fixed the flaky deploy from the laptop",
      "Logged on the desktop, read on the laptop",
      "Wrote the migration plan, reviewed by Sam",
    ]);
  });
});
