// Goals in the real window: break a goal down, log a measurement with two keystrokes and watch the
// bar move, tick a check and see the celebration and the win it wrote.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { freshEnv, journalDay, launch, runWins, shots } from "./harness.mjs";
import { Keys, startDriver } from "./webdriver.mjs";

const env = freshEnv();
let driver;
let session;

/** The milestone row titled `title`. */
const milestone = (title) => session.waitForText("li.milestone", title);

/** Sets a form field the way typing into it would, for inputs WebDriver cannot type into (dates). */
const setField = (css, value) =>
  session.execute(
    "const field = document.querySelector(arguments[0]); field.value = arguments[1]; " +
      "field.dispatchEvent(new Event('input', { bubbles: true }));",
    css,
    value,
  );

/** What the progress bar of the milestone titled `title` reports, in percent. */
const progressOf = (title) =>
  session.execute(
    "const row = [...document.querySelectorAll('li.milestone')].find((r) => r.innerText.includes(arguments[0])); " +
      "return Number(row.querySelector('[role=progressbar]').getAttribute('aria-valuenow'));",
    title,
  );

describe("Goals in a real window", () => {
  before(async () => {
    driver = await startDriver({ port: 4444, env });
    session = await launch(driver);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("breaks a big goal down into measurable milestones", async () => {
    await session.typeIntoFocus(Keys.ALT + "4" + Keys.NULL);
    await session.waitForText(".empty", "broken into milestones you can measure");
    await (await session.find("#new-goal")).click();
    const goalTitle = await session.waitFor("the goal form", () => session.find("#goal-title"));
    assert.equal(await session.execute("return document.activeElement.id"), "goal-title");
    await goalTitle.type("Be a calmer, faster lead");
    await (await session.find("#goal-why")).type("The team **waits** on my answers");
    const fields = await session.findAll(".break-down fieldset");
    assert.equal(fields.length, 3, "three milestones to start from");
    const [first, second] = await Promise.all(fields.slice(0, 2).map((f) => f.findAll("input")));
    await first[0].type("Answer team chat within 35 minutes");
    await first[1].type("41");
    await first[2].type("35");
    await first[3].type("min");
    await setField(".break-down fieldset .m-due", journalDay(env, 30));
    await second[0].type("Share the plan with the team");
    await session.waitForText(".break-down .count", "2 milestones, 1 with a metric");
    await session.screenshot(join(shots, "goals-break-down.png"));
    await (await session.find(".break-down button[type=submit]")).click();

    const row = await milestone("Answer team chat within 35 minutes");
    assert.match(await row.text(), /0%\s+·\s+Not measured yet · from 41 to 35 min \(lower is better\)/);
    assert.match(await row.text(), /On pace/);
    assert.equal(await progressOf("Answer team chat"), 0);
    const why = await session.find(".goal .why strong");
    assert.equal(await why.text(), "waits", "the why is rendered Markdown");
  });

  it("logs a measurement in two keystrokes and the bar moves", async () => {
    await session.execute("document.querySelector('li.milestone').focus()");
    await session.typeIntoFocus("l");
    const focused = await session.execute("return document.activeElement.classList.contains('log-value')");
    assert.equal(focused, true, "L opens the value field of the focused milestone");
    await session.typeIntoFocus("38" + Keys.ENTER);
    await session.waitFor("the bar to reach 50%", async () => (await progressOf("Answer team chat")) === 50);
    const row = await milestone("Answer team chat within 35 minutes");
    assert.match(await row.text(), /50%\s+·\s+38 min now/);
    const points = await session.execute("return document.querySelectorAll('li.milestone .chart circle').length");
    assert.equal(points, 1, "the chart marks the latest measurement");
    await session.screenshot(join(shots, "goals.png"));
  });

  it("refuses a value that is not a number and logs nothing", async () => {
    const input = await session.find("li.milestone .log-value");
    await input.type("abc" + Keys.ENTER);
    await session.waitForText("li.milestone .invalid", '"abc" is not a number');
    const shown = JSON.parse(runWins(env, ["goal", "list", "--json"]));
    assert.equal(shown[0].milestones[0].measurements.length, 1);
    await input.clear();
  });

  it("ticks a check, celebrates, and writes one linked win", async () => {
    const check = await milestone("Share the plan with the team");
    await (await check.find("button.check")).click();
    await session.waitForText(".celebration", "Milestone reached: Share the plan with the team");
    await session.waitFor("the check to be done", async () => (await progressOf("Share the plan")) === 100);
    const row = await milestone("Share the plan with the team");
    assert.match(await row.text(), /Reached/);
    assert.match(await row.text(), /✓ Reached milestone: Share the plan with the team/, "the win is listed under it");
    await session.screenshot(join(shots, "goals-celebration.png"));
    const wins = JSON.parse(runWins(env, ["list", "--kind", "win", "--json"]));
    assert.deepEqual(
      wins.map((w) => w.text.split("\n")[0]),
      ["Reached milestone: Share the plan with the team"],
    );
    await (await session.find("#nav-today")).click();
    await session.waitForText(".entry-row", "Reached milestone: Share the plan with the team");
  });

  it("reaches a metric's target once, and shows the wins linked to it", async () => {
    const goal = JSON.parse(runWins(env, ["goal", "list", "--json"]))[0];
    const metricId = goal.milestones[0].id;
    runWins(env, ["add", "Cut stand-up to 12 minutes", "--milestone", metricId]);
    await (await session.find("#nav-goals")).click();
    const input = await (await milestone("Answer team chat")).find(".log-value");
    await input.type("35" + Keys.ENTER);
    await session.waitForText(".celebration", "Milestone reached: Answer team chat within 35 minutes");
    const row = await milestone("Answer team chat within 35 minutes");
    await session.waitFor("the linked wins", async () => /Cut stand-up to 12 minutes/.test(await row.text()));
    await input.type("34" + Keys.ENTER);
    await session.waitFor("the bar to stay full", async () => /34 min now/.test(await row.text()));
    const reached = JSON.parse(runWins(env, ["list", "--tag", "milestone", "--json"]));
    assert.equal(reached.length, 2, "one win per milestone, not one per measurement");
  });

  it("links a win to the milestone it moved from the entry panel", async () => {
    await (await session.find("#nav-today")).click();
    await session.typeIntoFocus("Wrote the first section of the plan" + Keys.ENTER);
    await (await session.waitForText(".entry-row", "Wrote the first section of the plan")).click();
    await session.waitFor("the entry panel", () => session.find("[role=dialog] .markdown"));
    await session.typeIntoFocus("e");
    const select = await session.waitFor("the milestone choice", () => session.find("#edit-milestone"));
    const choice = await session.execute(
      "return [...arguments[0].options].find((o) => o.text.endsWith('Share the plan with the team')).value",
      select.ref,
    );
    await session.execute(
      "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
      select.ref,
      choice,
    );
    await session.typeIntoFocus(Keys.CONTROL + Keys.ENTER + Keys.NULL);
    await session.waitForText("[role=dialog] .moved", "Be a calmer, faster lead › Share the plan with the team");
    await session.typeIntoFocus(Keys.ESCAPE);
    await (await session.find("#nav-goals")).click();
    const row = await milestone("Share the plan with the team");
    await session.waitFor("the linked win", async () => /Wrote the first section of the plan/.test(await row.text()));
  });

  it("shows milestones due soon or behind pace on Today", async () => {
    const goal = JSON.parse(runWins(env, ["goal", "list", "--json"]))[0];
    runWins(env, ["milestone", "add", goal.id, "Write the retro notes", "--due", journalDay(env, 3)]);
    runWins(env, ["milestone", "add", goal.id, "Book the offsite", "--due", journalDay(env, 60)]);
    await (await session.find("#nav-today")).click();
    await session.execute("window.dispatchEvent(new Event('focus'))");
    const watch = await session.waitForText(".watch", "Write the retro notes");
    assert.doesNotMatch(await watch.text(), /Book the offsite/, "a milestone due in two months can wait");
    assert.match(await watch.text(), /Be a calmer, faster lead ›/);
    await session.screenshot(join(shots, "today-milestones.png"));
    await (await session.waitForText(".watch-row", "Write the retro notes")).click();
    await milestone("Write the retro notes");
  });
});
