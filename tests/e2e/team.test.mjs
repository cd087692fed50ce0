// Celebrating with the team in the real window: a person credited with completion and a win marked
// shared in Today's capture, then the Team screen's digest and stand-up copied to the real X
// clipboard (read back with xclip) and saved to a file picked in the real GTK save dialog, and Reflect's check-in copied as a stand-up
// before and after it is shared — each exactly what `wins` makes of the same journal, and never with
// a private entry in it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { answerFileDialog } from "./file-dialog.mjs";
import { freshEnv, launch, runWins, shots } from "./harness.mjs";
import { Keys, startDriver } from "./webdriver.mjs";

const env = freshEnv();
let driver;
let session;

/** What the X clipboard holds, as another program pasting it would get it. */
function clipboard() {
  try {
    return execFileSync("xclip", ["-o", "-selection", "clipboard"], { timeout: 5000 }).toString();
  } catch {
    return null;
  }
}

/** Waits until the clipboard holds `expected`, failing with what it held last. */
async function waitForClipboard(what, expected) {
  let held = null;
  try {
    await session.waitFor(what, () => (held = clipboard()) === expected);
  } catch (error) {
    assert.equal(held, expected, error.message);
  }
}

const entries = () => JSON.parse(runWins(env, ["list", "-n", "100", "--json"]));

before(async () => {
  assert.ok(process.env.DISPLAY, "the clipboard test needs the X display the window is on");
  execFileSync("xclip", ["-version"], { stdio: "ignore" });
  runWins(env, ["add", 'Paired with +"Ana Lima" on the release notes', "--share"]);
  runWins(env, ["add", "Drafted a private plan with +Ana.Private", "--credit", "Ana Lima"]);
  runWins(env, ["add", "Fixed the flaky build", "--share", "--at", "yesterday"]);
  runWins(env, ["add", "Private late night fix", "--at", "yesterday"]);
  driver = await startDriver({ port: 4444, env });
  session = await launch(driver);
});

after(async () => {
  await session?.close().catch(() => {});
  await driver?.stop();
});

describe("Celebrating with the team in a real window", () => {
  it("credits a known person by completion and shares the win from Today's capture", async () => {
    await (await session.find("#capture")).type("Shipped the onboarding guide");
    const people = await session.find("#capture-people");
    await people.click();
    await people.type("li");
    const suggestion = await session.waitForText("#capture-people-suggestions [role=option]", "Ana Lima");
    assert.equal(await session.execute("return arguments[0].getAttribute('aria-selected')", suggestion.ref), "true");
    await people.type(Keys.ENTER);
    await session.waitForText(".person", "Ana Lima");
    assert.equal(await people.property("value"), "");
    await (await session.find("#capture-share")).click();
    await session.waitForText("#capture-share-hint", "It can appear in the team digest");
    await (await session.find("#capture")).click();
    await session.typeIntoFocus(Keys.ENTER);
    await session.waitForText(".entry-row", "Shipped the onboarding guide");
    const shipped = entries().find((entry) => entry.text === "Shipped the onboarding guide");
    assert.deepEqual([shipped.people, shipped.shareable], [["Ana Lima"], true]);
    assert.equal(await (await session.find("#capture-people")).property("value"), "");
    assert.equal(await (await session.find("#capture-share")).property("checked"), false);
  });

  it("shows this week's digest as wins renders it and copies it to the clipboard", async () => {
    await session.typeIntoFocus(Keys.ALT + "9" + Keys.NULL);
    const markdown = runWins(env, ["digest", "week", "--date", "today"]);
    const title = markdown.split("\n", 1)[0].replace(/^# /, "");
    // Early in a week the screen opens on the week that just ended, as `wins digest week` does.
    let steppedLater = false;
    await session.waitFor(`the digest titled ${title}`, async () => {
      const shown = await (await session.find("#digest h1")).text();
      if (shown === title) return true;
      if (!steppedLater) {
        steppedLater = true;
        await (await session.find("button[aria-label='Later week']")).click();
      }
      return false;
    });
    const digest = await (await session.find("#digest")).text();
    assert.match(digest, /Ana Lima[\s\S]*Shipped the onboarding guide/);
    assert.match(digest, /Paired with/);
    assert.doesNotMatch(digest, /private/i);

    await (await session.find("#digest-copy")).click();
    await session.waitForText(".toast", "Digest copied");
    const text = runWins(env, ["digest", "week", "--date", "today", "--format", "text"]);
    await waitForClipboard("the digest on the clipboard", text.trimEnd() + "\n");
    assert.doesNotMatch(clipboard(), /private/i);
    await session.screenshot(join(shots, "team.png"));
  });

  it("saves the digest to the file picked in the save dialog, and asks before replacing it", async () => {
    const expected = join(env.HOME, "wins-digest.md");
    runWins(env, ["digest", "week", "--date", "today", "--out", expected]);
    // The first Save asks where, suggesting a name for the week shown.
    await (await session.waitForText("#digest-save", "Save…")).click();
    const suggested = await answerFileDialog("Save the team digest", "--as-suggested");
    assert.match(suggested, /^team-digest-\d{4}-\d{2}-\d{2}\.md$/);
    await session.waitForText(".result", `to ${join(env.HOME, suggested)}.`);
    assert.equal(readFileSync(join(env.HOME, suggested), "utf8"), readFileSync(expected, "utf8"));

    const path = join(env.HOME, "digest.md");
    await (await session.find("#digest-choose")).click();
    await answerFileDialog("Save the team digest", path);
    await session.waitFor("the picked path", async () => (await (await session.find("#digest-path")).property("value")) === path);
    await (await session.find("#digest-save")).click();
    await session.waitForText(".result", `to ${path}.`);
    assert.equal(readFileSync(path, "utf8"), readFileSync(expected, "utf8"));

    await (await session.find("#digest-save")).click();
    await session.waitForText(".warning", "already exists");
    await (await session.waitForText("button.danger", "Replace it")).click();
    await session.waitForText(".result", `to ${path}.`);
    assert.ok(existsSync(path));
  });

  it("copies today's stand-up: yesterday's shared wins only", async () => {
    const shown = await (await session.find("#standup")).text();
    assert.match(shown, /Fixed the flaky build/);
    assert.doesNotMatch(shown, /Private late night fix/);
    await (await session.find("#standup-copy")).click();
    await session.waitForText(".toast", "Stand-up copied");
    await waitForClipboard("the stand-up on the clipboard", runWins(env, ["standup"]).trimEnd() + "\n");
  });
});

describe("Copy as stand-up from Reflect's check-in", () => {
  const standupText = () => runWins(env, ["standup"]).trimEnd() + "\n";
  const checkins = () => JSON.parse(runWins(env, ["list", "--tag", "checkin", "--json"]));

  it("copies the day's stand-up as wins prints it, its focus and blockers once the check-in is shared", async () => {
    await session.typeIntoFocus(Keys.ALT + "5" + Keys.NULL);
    await (await session.waitFor("the check-in tab", () => session.find("#reflect-day"))).click();
    await session.waitForText("#review-summary", "Daily check-in");
    await session.waitForText("#standup", "Fixed the flaky build");
    await (await session.find("#standup-copy")).click();
    await waitForClipboard("the stand-up before the check-in", standupText());

    await (await session.find("#review-answer-0")).click();
    await session.typeIntoFocus("Review the release notes with Ana");
    await (await session.find("#review-answer-1")).click();
    await session.typeIntoFocus("Waiting on the staging database");
    await session.typeIntoFocus(Keys.CONTROL + Keys.ENTER + Keys.NULL);
    await session.waitForText(".toast", "Check-in saved");
    // Saved private: its focus and blockers stay out of the stand-up, as `wins standup` says.
    await session.waitFor("the private check-in noted", () => session.find("#standup-private"));
    assert.doesNotMatch(await (await session.find("#standup")).text(), /staging database/);
    await (await session.find("#standup-copy")).click();
    await waitForClipboard("the stand-up without the private check-in", standupText());
    assert.doesNotMatch(clipboard(), /staging database|Private late night fix/);

    // Shared from the Journal (T), the check-in's answers join the stand-up.
    await session.typeIntoFocus(Keys.ALT + "2" + Keys.NULL);
    await (await session.waitForText(".entry-row", "Daily check-in")).click();
    await session.waitFor("the entry panel", () => session.find("[role=dialog] .markdown"));
    await session.typeIntoFocus("t");
    await session.waitFor("the check-in shared", () => checkins()[0]?.shareable === true);
    await session.typeIntoFocus(Keys.ESCAPE);
    await session.typeIntoFocus(Keys.ALT + "5" + Keys.NULL);
    await session.waitForText("#standup", "Waiting on the staging database");
    assert.equal((await session.findAll("#standup-private")).length, 0);
    await (await session.find("#standup-copy")).click();
    const expected = standupText();
    assert.match(expected, /Review the release notes with Ana[\s\S]*Waiting on the staging database/);
    await waitForClipboard("the stand-up with the shared check-in", expected);
    assert.doesNotMatch(clipboard(), /Private late night fix/);
  });
});
