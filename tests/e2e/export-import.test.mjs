// Export & import in the real window: a journal leaves as a file, a real jrnl journal comes in once
// (checked first, with progress for a big one), and a broken Day One export is refused. Every file
// is picked in the real GTK file dialog the app opens from Rust: the page only shows the path.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { answerFileDialog } from "./file-dialog.mjs";
import { freshEnv, launch, pick, root, runWins, shots } from "./harness.mjs";
import { Keys, startDriver } from "./webdriver.mjs";

const env = freshEnv();
const fixtures = resolve(root, "../shared/fixtures");
let driver;
let session;

const entries = () => JSON.parse(runWins(env, ["list", "-n", "100000", "--json"])).length;

const EXPORT_DIALOG = "Export the journal";
const IMPORT_DIALOG = "Import into the journal";

/** The path the page shows in `css`, once it is `expected`. */
function shownPath(css, expected) {
  return session.waitFor(`${expected} in ${css}`, async () => (await (await session.find(css)).property("value")) === expected);
}

/** Picks `path` to import with "Choose…" and the file dialog. */
async function chooseImport(path) {
  await (await session.waitFor("the import form", () => session.find("#import-choose"))).click();
  await answerFileDialog(IMPORT_DIALOG, path);
  await shownPath("#import-path", path);
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

  it("exports the journal to the file the save dialog suggests, and asks before replacing it", async () => {
    await session.typeIntoFocus(Keys.ALT + "6" + Keys.NULL);
    // The first export asks where it goes: the save dialog opens at a suggested name in the home.
    await (await session.waitForText("#export-run", "Export…")).click();
    const suggested = await answerFileDialog(EXPORT_DIALOG, "--as-suggested");
    assert.match(suggested, /^small-wins-\d{4}-\d{2}-\d{2}\.json$/);
    const path = join(env.HOME, suggested);
    await session.waitForText(".result", `Exported 2 entries to ${path}.`);
    await shownPath("#export-path", path);
    const written = JSON.parse(readFileSync(path, "utf8"));
    assert.equal(written.format, "small-wins");
    assert.deepEqual(written.entries.map((e) => e.kind), ["win", "setback"]);

    await (await session.find("#export-run")).click();
    await session.waitForText(".warning", "already exists");
    await (await session.waitForText("button.danger", "Replace it")).click();
    await session.waitForText(".result", "Exported 2 entries to");
    await session.screenshot(join(shots, "export-import.png"));
  });

  it("exports where Choose… picked, over a file only when the dialog asked, and keeps the place on Cancel", async () => {
    const folder = join(env.HOME, "exports");
    mkdirSync(folder);
    const path = join(folder, "older.csv");
    writeFileSync(path, "an older export\n");
    await pick(session, "#export-format", "csv");
    await (await session.find("#export-choose")).click();
    // GTK asks before replacing the file; having said Replace there, Export does not ask again.
    await answerFileDialog(EXPORT_DIALOG, path, { replace: true });
    await shownPath("#export-path", path);
    await (await session.find("#export-run")).click();
    await session.waitForText(".result", `Exported 2 entries to ${path}.`);
    assert.match(readFileSync(path, "utf8"), /Cut the stand-up to 12 minutes/);

    // Cancelled, the dialog changes nothing: the next export goes to the same file, and asks first.
    await (await session.find("#export-choose")).click();
    await answerFileDialog(EXPORT_DIALOG, "--cancel");
    await (await session.find("#export-run")).click();
    await session.waitForText(".warning", "already exists");
    await shownPath("#export-path", path);
  });

  it("exports Markdown as a file per entry into a folder picked in a folder dialog, and reads that folder back", async () => {
    const folder = join(env.HOME, "notes");
    mkdirSync(folder);
    await pick(session, "#export-format", "markdown");
    await (await session.find("#export-per-entry")).click();
    // A folder is picked in a dialog of its own: the file picked before does not count for it.
    await (await session.waitForText("#export-run", "Export…")).click();
    await answerFileDialog(EXPORT_DIALOG, folder);
    await session.waitForText(".result", `Exported 2 entries to ${folder}.`);
    assert.deepEqual(readdirSync(folder).map((name) => name.endsWith(".md")), [true, true]);

    await pick(session, "#import-from", "markdown");
    await chooseImport(folder);
    await (await session.find("#import-run")).click();
    await session.waitForText(".result", "Imported 0 entries from markdown; 2 already in your journal.");
    await pick(session, "#import-from", "");
  });

  it("checks a jrnl journal first, then imports it once", async () => {
    await chooseImport(join(fixtures, "jrnl/sample.txt"));
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
    await chooseImport(join(fixtures, "dayone/invalid.json"));
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
    await chooseImport(big);
    await (await session.find("#import-run")).click();
    await session.waitFor("the progress bar to move", async () => {
      const bars = await session.findAll("#import-progress");
      return bars.length > 0 && Number(await bars[0].property("value")) > 0;
    }, 30_000);
    await session.waitForText(".result", "Imported 20000 entries from jrnl.", 120_000);
    assert.equal(entries(), 20007);
  });
});
