// Export & import in the real window: a journal leaves as a file, a real jrnl journal comes in once
// (checked first, with progress for a big one), and a broken Day One export is refused.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { freshEnv, launch, root, runWins, shots } from "./harness.mjs";
import { Keys, startDriver } from "./webdriver.mjs";

const env = freshEnv();
const fixtures = resolve(root, "../shared/fixtures");
let driver;
let session;

const entries = () => JSON.parse(runWins(env, ["list", "-n", "100000", "--json"])).length;

/** Replaces what a text field holds, as typing would. */
async function fill(css, text) {
  const field = await session.find(css);
  await field.clear();
  await field.type(text);
}

describe("Export and import in a real window", () => {
  before(async () => {
    assert.ok(existsSync(fixtures), `${fixtures} is missing: the shared fixtures belong beside the clone`);
    runWins(env, ["add", "Cut the stand-up to 12 minutes #team"]);
    runWins(env, ["add", "Missed the review", "--setback", "--lesson", "Start early"]);
    driver = await startDriver({ port: 4444, env });
    session = await launch(driver);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("exports the journal to the suggested file, and asks before replacing it", async () => {
    await session.typeIntoFocus(Keys.ALT + "6" + Keys.NULL);
    const path = await session.waitFor("the suggested path", async () => {
      const value = await (await session.find("#export-path")).property("value");
      return value.endsWith(".json") ? value : null;
    });
    assert.ok(path.startsWith(env.HOME), path);
    await (await session.find("#export-run")).click();
    await session.waitForText(".result", "Exported 2 entries to");
    const written = JSON.parse(readFileSync(path, "utf8"));
    assert.equal(written.format, "small-wins");
    assert.deepEqual(written.entries.map((e) => e.kind), ["win", "setback"]);

    await (await session.find("#export-run")).click();
    await session.waitForText(".warning", "already exists");
    await (await session.waitForText("button.danger", "Replace it")).click();
    await session.waitForText(".result", "Exported 2 entries to");
    await session.screenshot(join(shots, "export-import.png"));
  });

  it("checks a jrnl journal first, then imports it once", async () => {
    await fill("#import-path", join(fixtures, "jrnl/sample.txt"));
    await (await session.find("#import-check")).click();
    const check = await session.waitForText(".result", "Would import 5 entries from jrnl");
    assert.match(await check.text(), /Broke the launch plan into five milestones/);
    assert.equal(entries(), 2, "a check writes nothing");
    await (await session.find("#import-run")).click();
    await session.waitForText(".result", "Imported 5 entries from jrnl.");
    assert.equal(entries(), 7);
    await (await session.find("#import-run")).click();
    await session.waitForText(".result", "Imported 0 entries from jrnl; 5 already in your journal.");
    await (await session.find("#nav-journal")).click();
    await session.waitForText(".entry-row", "Missed the review deadline by a day.");
    await session.typeIntoFocus(Keys.ALT + "6" + Keys.NULL);
  });

  it("refuses a broken Day One export and says where it breaks", async () => {
    await session.waitFor("the import form", () => session.find("#import-path"));
    await fill("#import-path", join(fixtures, "dayone/invalid.json"));
    await (await session.find("#import-run")).click();
    const alert = await session.waitForText(".banner.error", "Nothing was imported.");
    assert.match(await alert.text(), /line 6, column 0/);
    assert.equal(entries(), 7);
  });

  it("shows progress while a big journal comes in", async () => {
    const big = join(env.HOME, "big.txt");
    const lines = [];
    for (let i = 0; i < 20000; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      const minute = String(i % 60).padStart(2, "0");
      lines.push(`[2023-02-${day} 10:${minute}] Imported entry number ${i} @bulk\n`);
    }
    writeFileSync(big, lines.join("\n"));
    await fill("#import-path", big);
    await (await session.find("#import-run")).click();
    await session.waitFor("the progress bar to move", async () => {
      const bars = await session.findAll("#import-progress");
      return bars.length > 0 && Number(await bars[0].property("value")) > 0;
    }, 30_000);
    await session.waitForText(".result", "Imported 20000 entries from jrnl.", 120_000);
    assert.equal(entries(), 20007);
  });
});
