// The window a leader opens every day (issue 19): no typed word lost, reviews saved with their own
// tags, every screen fitting 560×480, the screen list in reach, the keyboard alone, the Journal's
// filters kept across screens, and axe-core finding nothing in light and dark. Screenshots of every
// screen at 560×480 and 1600×1000, light and dark.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { freshEnv, journalDay, launch, root, runWins, shots } from "./harness.mjs";
import { Keys, startDriver } from "./webdriver.mjs";

const axeSource = readFileSync(createRequire(join(root, "ui/package.json")).resolve("axe-core/axe.min.js"), "utf8");

const screens = [
  { key: "1", id: "today", heading: "Today" },
  { key: "2", id: "journal", heading: "Journal" },
  { key: "3", id: "search", heading: "Search" },
  { key: "4", id: "goals", heading: "Goals" },
  { key: "5", id: "reflect", heading: "Reflect" },
  { key: "6", id: "export-import", heading: "Export & import" },
  { key: "7", id: "settings", heading: "Settings" },
  { key: "8", id: "insights", heading: "Insights" },
  { key: "9", id: "team", heading: "Team" },
];

const MANY_TAGS = ["calendar", "communication", "crossteam", "delegation", "growth", "oncall", "planning", "priya",
  "recognition", "release", "retro", "standup", "support", "tom", "wellbeing"];

/** A month of a team lead's journal: tagged wins and setbacks every day, a goal with milestones. */
function teamLeadsMonth(env) {
  for (let day = 0; day < 30; day++) {
    runWins(env, ["add", `Handed the on-call rota to +Priya on day ${day} #delegation @oncall`, "--at", `${journalDay(env, -day)} 10:00`]);
    if (day % 3 === 0) {
      runWins(env, ["add", "--setback", `Answered a late page myself on day ${day} #support`, "--lesson", "I still own #oncall",
        "--adjust", "Trust +Tom with the weekend", "--at", `${journalDay(env, -day)} 16:00`]);
    }
  }
  runWins(env, ["add", `Quarterly planning with every team ${MANY_TAGS.map((t) => `#${t}`).join(" ")}`, "--at", `${journalDay(env)} 11:30`]);
  const goal = runWins(env, ["goal", "add", "Grow two engineers into tech leads", "--why", "The team outgrows me"]).trim();
  runWins(env, ["milestone", "add", goal, "Design reviews led by Priya or Tom", "--baseline", "0", "--target", "6", "--unit", "reviews"]);
  runWins(env, ["milestone", "add", goal, "Tom runs the retro"]);
}

/** Runs axe-core in the page and returns its violations, each as one readable line. */
async function axeViolations(session) {
  const loaded = await session.execute(`${axeSource}; return typeof window.axe;`);
  assert.equal(loaded, "object", "axe-core loads in the window");
  const violations = await session.executeAsync(
    "const done = arguments[arguments.length - 1];" +
      "axe.run(document, { resultTypes: ['violations'] }).then(" +
      "(r) => done(r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary.replace(/\\s+/g, ' ')}`)))," +
      "(e) => done([`axe failed: ${e}`]));",
  );
  return violations;
}

/** Every screen at both sizes, light or dark: axe-core's violations, and a screenshot of each. */
async function everyScreenChecked(session, scheme) {
  const found = [];
  for (const [width, height] of [[1600, 1000], [560, 480]]) {
    await session.resize(width, height);
    for (const screen of screens) {
      await show(session, screen);
      for (const line of await axeViolations(session)) found.push(`${screen.heading} ${scheme} ${width}×${height}: ${line}`);
      await snap(session, `${scheme}-${width}-${screen.id}`);
    }
  }
  return found;
}

const snap = (session, name) => session.screenshot(join(shots, `${name}.png`));

async function show(session, screen) {
  await session.typeIntoFocus(Keys.ALT + screen.key + Keys.NULL);
  await session.waitFor(`the ${screen.heading} screen`, () =>
    session.execute(
      "return [...document.querySelectorAll('main h1')].some((h) => h.offsetParent !== null && h.textContent === arguments[0])",
      screen.heading,
    ),
  );
  // The screen's data has arrived once nothing says it is loading.
  await session.waitFor(`the ${screen.heading} screen loaded`, () =>
    session.execute("return !/Loading…/.test(document.querySelector('main').innerText)"),
  );
}

const sideways = (session) =>
  session.execute(
    "const page = document.documentElement;" +
      "const wide = [...document.querySelectorAll('main *, nav *')].filter((e) => e.getBoundingClientRect().right > page.clientWidth + 1 && e.offsetParent !== null).slice(0, 3).map((e) => e.outerHTML.slice(0, 120));" +
      "return { scrollWidth: page.scrollWidth, clientWidth: page.clientWidth, wide };",
  );

const activeId = (session) => session.execute("return document.activeElement && (document.activeElement.id || document.activeElement.className)");

describe("the window a leader opens every day", () => {
  const env = freshEnv();
  let driver;
  let session;

  before(async () => {
    teamLeadsMonth(env);
    driver = await startDriver({ port: 4464, env });
    session = await launch(driver);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("keeps a half-written weekly answer through Week → Month → Week, ‹ ›, another screen and a restart", async () => {
    await show(session, screens[4]);
    await (await session.find("#reflect-week")).click();
    await session.waitForText("#review-summary", "Weekly review", 15_000);
    const answer = await session.find("#review-answer-0");
    await answer.click();
    await session.typeIntoFocus("Let Priya run the rota");
    await session.waitFor("the draft kept", () => session.find("#draft-kept"));

    const answerIs = (text) =>
      session.waitFor(`the answer ${JSON.stringify(text)}`, async () =>
        (await (await session.find("#review-answer-0")).property("value")) === text);
    await (await session.find("#reflect-month")).click();
    await session.waitForText("#review-summary", "Monthly review");
    await answerIs("");
    await (await session.find("#reflect-week")).click();
    await session.waitForText("#review-summary", "Weekly review");
    await answerIs("Let Priya run the rota");
    await session.waitForText(".toast", "Draft restored");

    const title = async () => (await (await session.find("#review-summary")).text()).split("\n")[0];
    const week = await title();
    await (await session.find("button[aria-label=Earlier]")).click();
    await session.waitFor("the week before", async () => (await title()) !== week);
    await answerIs("");
    await (await session.find("button[aria-label=Later]")).click();
    await session.waitFor("the week again", async () => (await title()) === week);
    await answerIs("Let Priya run the rota");

    await show(session, screens[0]);
    await show(session, screens[4]);
    await answerIs("Let Priya run the rota");

    // Esc inside the answer stays on Reflect with the text in place.
    await (await session.find("#review-answer-0")).click();
    await session.typeIntoFocus(Keys.ESCAPE);
    assert.equal(await session.execute("return document.querySelector('#reflect-week').getAttribute('aria-selected')"), "true");
    await answerIs("Let Priya run the rota");

    await session.waitFor("the draft kept", () => session.find("#draft-kept"));
    await session.close();
    session = await launch(driver);
    await show(session, screens[4]);
    await (await session.find("#reflect-week")).click();
    await session.waitForText("#review-summary", week);
    await answerIs("Let Priya run the rota");
    await session.waitForText(".toast", "Draft restored");
  });

  it("saves the review with its own tags only, as `wins review --save` does, and its row fits", async () => {
    await (await session.find("#review-answer-1")).click();
    await session.typeIntoFocus("Stop answering pages myself #delegation");
    await session.typeIntoFocus(Keys.CONTROL + Keys.ENTER + Keys.NULL);
    await session.waitForText(".toast", "Review saved");
    // Dismissed as a person would, so that it covers nothing the later tests click at 560×480
    // however fast they get there (it would go by itself after 8 s).
    await (await session.find(".toast button[aria-label=Dismiss]")).click();
    await session.waitFor("the notice gone", async () => (await session.findAll(".toast")).length === 0);
    const reviews = JSON.parse(runWins(env, ["list", "--tag", "review", "--json"]));
    assert.equal(reviews.length, 1);
    assert.deepEqual(reviews[0].tags, ["delegation", "review"], "its own tags: review and the one in the answer");
    assert.deepEqual(reviews[0].people, [], "the people the quoted entries credit stay theirs");
    assert.equal((await (await session.find("#review-answer-0")).property("value")), "", "a saved review leaves no draft");

    await show(session, screens[1]);
    const row = await session.waitForRow("Weekly review");
    assert.match(await row.text(), /#review/);
    const planning = await session.waitForRow("Quarterly planning");
    const chips = await session.execute(
      "return [...arguments[0].querySelectorAll('.tag')].map((t) => t.textContent.trim())",
      planning.ref,
    );
    assert.deepEqual(chips, ["#calendar", "#communication", "#crossteam", `+${MANY_TAGS.length - 3}`]);
  });

  it("keeps the screen list in view on a long page, and opens each screen at its top", async () => {
    await session.resize(1600, 1000);
    await show(session, screens[1]);
    await session.execute("window.scrollTo(0, document.documentElement.scrollHeight)");
    await session.waitFor("the page scrolled", () => session.execute("return window.scrollY > 300"));
    const navInView = () =>
      session.execute(
        "const r = document.getElementById('nav-today').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;",
      );
    assert.equal(await navInView(), true, "the screen list is in view after scrolling");
    await (await session.find("#nav-goals")).click();
    await session.waitFor("Goals from its top", () => session.execute("return window.scrollY === 0"));
    await session.resize(560, 480);
    await show(session, screens[1]);
    await session.execute("window.scrollTo(0, document.documentElement.scrollHeight)");
    await session.waitFor("the page scrolled", () => session.execute("return window.scrollY > 300"));
    assert.equal(await navInView(), true, "the screen list is in view after scrolling at 560×480");
  });

  it("fits every screen and the entry panel in 560×480 with no sideways scrolling", async () => {
    await session.resize(560, 480);
    for (const screen of screens) {
      await show(session, screen);
      const fit = await sideways(session);
      assert.ok(fit.scrollWidth <= fit.clientWidth, `${screen.heading} scrolls sideways: ${JSON.stringify(fit)}`);
      await snap(session, `min-${screen.id}`);
    }
    await show(session, screens[1]);
    await (await session.waitForRow("Quarterly planning")).click();
    await session.waitFor("the entry panel", () => session.find("[role=dialog] .markdown"));
    const fit = await sideways(session);
    assert.ok(fit.scrollWidth <= fit.clientWidth, `the entry panel scrolls sideways: ${JSON.stringify(fit)}`);
    await snap(session, "min-entry");
    await session.typeIntoFocus(Keys.ESCAPE);
  });

  it("undoes a deletion with the keyboard alone and keeps Tab inside the entry panel", async () => {
    await session.resize(1600, 1000);
    await show(session, screens[0]);
    await session.waitFor("the capture box focused", async () => (await activeId(session)) === "capture");
    // Tab from the capture box to the first entry, Enter opens it.
    for (let i = 0; i < 40 && !(await session.execute("return document.activeElement.classList.contains('entry-row')")); i++) {
      await session.typeIntoFocus("\uE004");
    }
    const opened = await session.execute("return document.activeElement.classList.contains('entry-row') && document.activeElement.innerText");
    assert.ok(opened, "Tab reaches an entry");
    await session.typeIntoFocus(Keys.ENTER);
    await session.waitFor("the entry panel", () => session.find("[role=dialog] .markdown"));
    for (let i = 0; i < 8; i++) {
      await session.typeIntoFocus("\uE004");
      assert.equal(await session.execute("return document.activeElement.closest('[role=dialog]') !== null"), true, "Tab stays in the panel");
    }
    const countRows = () => session.execute("return document.querySelectorAll('.entry-row').length");
    const before = await countRows();
    await session.typeIntoFocus(Keys.DELETE);
    await session.waitFor("the row gone", async () => (await countRows()) === before - 1);
    await session.waitFor("Undo focused", async () => /Undo/.test(await session.execute("return document.activeElement.textContent")));
    await session.typeIntoFocus(Keys.ENTER);
    await session.waitFor("the row back", async () => (await countRows()) === before);

    // Ctrl+Z undoes the last undoable action from anywhere outside a text field.
    await (await session.waitFor("a row", () => session.find(".entry-row"))).click();
    await session.waitFor("the entry panel", () => session.find("[role=dialog] .markdown"));
    await session.typeIntoFocus(Keys.DELETE);
    await session.waitFor("the row gone", async () => (await countRows()) === before - 1);
    await session.typeIntoFocus(Keys.CONTROL + "z" + Keys.NULL);
    await session.waitFor("the row back", async () => (await countRows()) === before);
    await session.waitForText(".toast", "Restored");
  });

  it("asks before leaving unsaved Settings, and Esc in a field keeps the Journal's filters", async () => {
    await show(session, screens[6]);
    const days = await session.find("#followup-days");
    await days.clear();
    await days.type("3");
    await (await session.find("#nav-today")).click();
    await session.waitFor("the question", () => session.find("[role=alertdialog]"));
    assert.equal(await activeId(session), "confirm-stay", "the safe answer has the focus");
    await session.typeIntoFocus(Keys.ESCAPE);
    await session.waitFor("the question gone", async () => (await session.findAll("[role=alertdialog]")).length === 0);
    assert.equal(await (await session.find("#followup-days")).property("value"), "3", "still on Settings, the change kept");
    await (await session.find("#nav-today")).click();
    await (await session.waitFor("the question", () => session.find("#confirm-leave"))).click();
    await session.waitFor("Today", () => session.find("#capture"));

    await show(session, screens[1]);
    await session.execute(
      "const s = document.getElementById('filter-kind'); s.value = 'setback'; s.dispatchEvent(new Event('change'));",
    );
    await (await session.find("#filter-from")).click();
    await session.typeIntoFocus(Keys.ESCAPE);
    assert.equal(await session.execute("return document.getElementById('filter-kind').value"), "setback");
    assert.equal(await session.execute("return document.getElementById('nav-journal').getAttribute('aria-current')"), "page");
  });

  it("keeps the Journal's filters while other screens are visited, until Clear filters", async () => {
    await show(session, screens[1]);
    await session.waitFor("the tags to filter by", () => session.execute("return document.querySelectorAll('#filter-tag option').length > 1"));
    await session.execute(
      "for (const [id, value] of [['filter-kind', 'setback'], ['filter-tag', 'support']]) {" +
        "const s = document.getElementById(id); s.value = value; s.dispatchEvent(new Event('change')); }",
    );
    const onlySupportSetbacks = () =>
      session.waitFor("only the #support setbacks", () =>
        session.execute(
          "const rows = [...document.querySelectorAll('.entry-row')];" +
            "return rows.length > 0 && rows.every((r) => r.innerText.includes('Answered a late page'));",
        ),
      );
    await onlySupportSetbacks();
    await show(session, screens[3]);
    await show(session, screens[1]);
    assert.equal(await session.execute("return document.getElementById('filter-kind').value"), "setback");
    await session.waitFor("the tag filter as it was", () => session.execute("return document.getElementById('filter-tag').value === 'support'"));
    await onlySupportSetbacks();

    await (await session.waitForText("button.link", "Clear filters")).click();
    await session.waitForRow("Handed the on-call rota");
    assert.equal(await session.execute("return document.getElementById('filter-kind').value"), "");
    assert.equal(await session.execute("return document.getElementById('filter-tag').value"), "");
  });

  it("has no axe-core violation on any screen in light mode, wide and at 560×480", async () => {
    assert.equal(await session.execute("return matchMedia('(prefers-color-scheme: dark)').matches"), false, "the window is light");
    assert.deepEqual(await everyScreenChecked(session, "light"), []);
  });
});

describe("the window in dark mode", () => {
  const env = { ...freshEnv(), GTK_THEME: "Adwaita:dark" };
  let driver;
  let session;

  before(async () => {
    teamLeadsMonth(env);
    driver = await startDriver({ port: 4474, env });
    session = await launch(driver);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("has no axe-core violation on any screen in dark mode, wide and at 560×480", async () => {
    assert.equal(await session.execute("return matchMedia('(prefers-color-scheme: dark)').matches"), true, "the window is dark");
    assert.deepEqual(await everyScreenChecked(session, "dark"), []);
  });
});
