// Insights, On this day and lessons that come back, in the real window: the grid fills with the win
// just logged, a setback typed with an earlier setback's tag brings back its lesson, and last
// year's win comes back on Today, with that day's first few entries and the rest on request.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { freshEnv, journalDay, launch, runWins } from "./harness.mjs";
import { Keys, startDriver } from "./webdriver.mjs";

const env = freshEnv();
let driver;
let session;

/** Today as a local day in the journal's zone, and the same day a year before (28 February for 29). */
const today = journalDay(env);
const [year, month, day] = today.split("-");
const yearAgo = `${Number(year) - 1}-${month}-${month === "02" && day === "29" ? "28" : day}`;

describe("Insights in a real window", () => {
  before(async () => {
    runWins(env, ["add", "Gave the first talk at the meetup", "--at", `${yearAgo} 10:00`]);
    const setback = runWins(env, [
      "add", "--setback", "Deploy broke the login page #deploy",
      "--lesson", "Run the smoke test before every deploy", "--adjust", "Smoke test in the release checklist",
      "--at", `${yearAgo} 15:00`,
    ]).split("\n")[0].trim();
    runWins(env, ["followup", "answer", setback, "yes"]);
    for (const [time, text] of [["16:00", "Paired on the flaky test"], ["17:00", "Booked the venue"], ["18:00", "Wrote the retro notes"]]) {
      runWins(env, ["add", text, "--at", `${yearAgo} ${time}`]);
    }
    driver = await startDriver({ port: 4444, env });
    session = await launch(driver);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("shows last year's win on Today, on this day", async () => {
    const section = await session.waitForText("section.on-this-day", "Gave the first talk at the meetup");
    assert.match(await section.text(), /1 year ago/);
  });

  it("shows a day back's first three entries and the rest when asked", async () => {
    const section = await session.waitForText("section.on-this-day", "Show 2 more from 1 year ago");
    assert.match(await section.text(), /Paired on the flaky test/);
    assert.doesNotMatch(await section.text(), /Booked the venue|Wrote the retro notes/);
    await (await session.find("section.on-this-day button.more")).click();
    const opened = await session.waitForText("section.on-this-day", "Wrote the retro notes");
    assert.match(await opened.text(), /Booked the venue/);
    assert.doesNotMatch(await opened.text(), /more from/);
  });

  it("brings back an earlier setback's lesson while a setback with its tag is typed", async () => {
    await (await session.find("#capture")).click();
    await session.typeIntoFocus("!Deploy took the API down #deploy");
    const lessons = await session.waitForText("section.lessons", "Run the smoke test before every deploy");
    const text = await lessons.text();
    assert.match(text, /Deploy broke the login page/);
    assert.match(text, /Did it work\? yes/);
    await (await session.find("#capture")).clear();
  });

  it("fills today's square of the year grid after a win is logged with Enter", async () => {
    await (await session.find("#capture")).click();
    await session.typeIntoFocus("Shipped the insights screen");
    await session.typeIntoFocus(Keys.ENTER);
    await session.waitForText(".entry-row", "Shipped the insights screen");
    await session.typeIntoFocus(Keys.ALT + "8" + Keys.NULL);
    const square = await session.waitFor("today's square", async () => {
      const found = await session.findAll(`rect[data-day="${today}"]`);
      return found.length ? found[0] : null;
    }, 20_000);
    assert.match(await session.execute("return arguments[0].getAttribute('class')", square.ref), /\bw1\b/);
    const label = await session.execute("return arguments[0].getAttribute('aria-label')", square.ref);
    assert.match(label, /: 1 win$/);
    // The tooltip says what the square's name says.
    assert.equal(await session.execute("return arguments[0].querySelector('title').textContent", square.ref), label);
  });
});
