// Correcting mistakes in the real window: a partial word finds its entries and ↓ reaches them; a
// slip typed into a milestone is asked about, then deleted from its history, taking back "reached"
// and its win until Undo; a win is logged on a picked day from Today and found under that day in
// the Journal; an entry's time and tags are edited, with `#` completing from the journal's tags.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { freshEnv, journalDay, launch, runWins, shots } from "./harness.mjs";
import { Keys, startDriver } from "./webdriver.mjs";

const ARROW_DOWN = "\uE015";
const TAB = "\uE004";

const env = freshEnv();
/** The day the backdated win is logged on, ten days ago. */
const day = journalDay(env, -10);
let driver;
let session;

/** Sets a field the way typing or choosing would, for inputs WebDriver cannot type into (dates, selects). */
const setField = (css, value, event = "input") =>
  session.execute(
    "const field = document.querySelector(arguments[0]); field.value = arguments[1]; " +
      "field.dispatchEvent(new Event(arguments[2], { bubbles: true }));",
    css,
    value,
    event,
  );

/** The milestone row titled `title`, as its text. */
const milestoneText = (title) =>
  session.execute(
    "const row = [...document.querySelectorAll('li.milestone')].find((r) => r.innerText.includes(arguments[0])); " +
      "return row ? row.innerText : '';",
    title,
  );

const celebrations = () => JSON.parse(runWins(env, ["list", "--tag", "milestone", "--json"]));

/** The Journal's day heading over the entry row that says `text`, as written (CSS shows it upper-case). */
const headingOver = (text) =>
  session.execute(
    "const row = [...document.querySelectorAll('.entry-list .entry-row')].find((r) => r.innerText.includes(arguments[0])); " +
      "if (!row) return null; let list = row.closest('ul'); let heading = list.previousElementSibling; " +
      "return heading ? heading.textContent : null;",
    text,
  );

describe("Correcting mistakes in a real window", () => {
  before(async () => {
    runWins(env, ["add", "Priya led the search-indexing design review #delegation", "--at", "2025-01-06 10:00"]);
    runWins(env, ["add", "Promotion packet for Tom is in #growth", "--at", "2025-01-07 10:00"]);
    driver = await startDriver({ port: 4470, env });
    session = await launch(driver);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("finds entries by the word being typed, and ↓ moves into the results", async () => {
    await session.typeIntoFocus(Keys.CONTROL + "k" + Keys.NULL);
    await session.waitFor("the search box", async () => (await session.execute("return document.activeElement.id")) === "search");
    await session.typeIntoFocus("delegat");
    const hit = await session.waitForText(".results .result", "Priya led the search-indexing design review");
    assert.equal(await session.execute("return document.querySelectorAll('.results .result').length"), 1);
    assert.match(await hit.text(), /delegation/);
    await session.typeIntoFocus(ARROW_DOWN);
    const focused = await session.execute("return document.activeElement.classList.contains('result')");
    assert.equal(focused, true, "↓ from the box focuses the first result");
    // Clearing a field blurs it; typing into it focuses it again.
    const box = await session.find("#search");
    await box.clear();
    await box.type("promoti");
    await session.waitForText(".results .result", "Promotion packet for Tom is in");
  });

  it("asks before logging a slip, and deleting it takes back reached and its win until Undo", async () => {
    const goal = JSON.parse(runWins(env, ["goal", "add", "Grow two engineers into tech leads", "--json"]));
    runWins(env, ["milestone", "add", goal.id, "Design reviews led by Priya or Tom", "--baseline", "0", "--target", "6", "--unit", "reviews"]);
    runWins(env, ["measure", JSON.parse(runWins(env, ["goal", "list", "--json"]))[0].milestones[0].id, "2"]);
    // `wins` wrote while the window was open: focusing it reads the journal again.
    await session.execute("window.dispatchEvent(new Event('focus'))");
    await session.typeIntoFocus(Keys.ALT + "4" + Keys.NULL);
    const input = await session.waitFor("the value field", () => session.find("li.milestone .log-value"));
    await input.type("30" + Keys.ENTER);
    const question = await session.waitForText("li.milestone .unlikely", "far past the target");
    assert.match(await question.text(), /30 reviews is far past the target/);
    assert.equal(celebrations().length, 0, "nothing is written before the answer");
    await (await question.find("button.primary")).click();
    await session.waitForText(".celebration", "Milestone reached: Design reviews led by Priya or Tom");
    await session.waitFor("the milestone to be reached", async () => /Reached/.test(await milestoneText("Design reviews")));
    assert.equal(celebrations().length, 1);

    await (await session.find("li.milestone .history summary")).click();
    const slip = await session.waitForText("li.milestone .measurement", "30 reviews");
    await (await slip.find("button.danger")).click();
    await session.waitFor("reached to be taken back", async () => {
      const text = await milestoneText("Design reviews");
      return /2 reviews now/.test(text) && !/Reached/.test(text);
    });
    assert.doesNotMatch(await milestoneText("Design reviews"), /Reached milestone/, "its win is gone from the list");
    assert.equal(celebrations().length, 0, "the win is deleted with the slip");
    await session.screenshot(join(shots, "goals-measurement-deleted.png"));

    await (await session.waitForText(".toast button.link", "Undo")).click();
    await session.waitFor("reached to come back", async () => /Reached milestone/.test(await milestoneText("Design reviews")));
    assert.equal(celebrations().length, 1, "Undo brings the same win back");
  });

  it("corrects a goal and deletes a milestone, with Undo", async () => {
    await session.waitForText("article.goal", "Grow two engineers into tech leads");
    await (await session.waitForText("article.goal .actions button", "Edit")).click();
    const title = await session.waitFor("the goal's title field", () => session.find("#goal-edit-title"));
    await title.clear();
    await title.type("Grow two tech leads");
    await (await session.find(".goal-edit button[type=submit]")).click();
    await session.waitForText("article.goal h2", "Grow two tech leads");
    assert.equal(JSON.parse(runWins(env, ["goal", "list", "--json"]))[0].title, "Grow two tech leads");

    await (await session.waitForText("li.milestone .correct-actions button", "Delete milestone")).click();
    await session.waitForText("article.goal", "No milestones yet");
    await (await session.waitForText(".toast button.link", "Undo")).click();
    await session.waitForText("li.milestone", "Design reviews led by Priya or Tom");
  });

  it("logs a win on a picked day from Today, shown under that day in the Journal", async () => {
    await session.typeIntoFocus(Keys.ALT + "1" + Keys.NULL);
    await session.waitFor("the capture box", () => session.find("#capture"));
    await setField("#capture-when", "picked", "change");
    await session.waitFor("the date field", () => session.find("#capture-date"));
    await setField("#capture-date", day);
    await setField("#capture-time", "07:30");
    await session.execute("document.getElementById('capture').focus()");
    await session.typeIntoFocus("Ran the retro without me" + Keys.ENTER);
    await session.waitForText(".celebration", "logged");
    const [logged] = JSON.parse(runWins(env, ["list", "--json", "--since", day, "--until", day]));
    assert.equal(logged.text, "Ran the retro without me");
    assert.equal(logged.occurred_at.slice(0, 16), `${day}T07:30`, "logged at the picked day and time (Berlin)");
    assert.equal(await session.execute("return document.getElementById('capture-when').value"), "now", "the next win is logged now");

    await session.typeIntoFocus(Keys.ALT + "2" + Keys.NULL);
    await session.waitForText(".entry-row", "Ran the retro without me");
    const [y, m, d] = day.split("-").map(Number);
    const expected = await session.execute(
      "return new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })" +
        ".format(new Date(arguments[0], arguments[1] - 1, arguments[2]))",
      y,
      m,
      d,
    );
    assert.equal(await headingOver("Ran the retro without me"), expected);
  });

  it("edits an entry's time and tags, with # completing from the journal's tags", async () => {
    await (await session.waitForText(".entry-row", "Ran the retro without me")).click();
    await session.waitFor("the entry panel", () => session.find("[role=dialog] .markdown"));
    await session.typeIntoFocus("e");
    await session.waitFor("the editor", () => session.find("#edit-time"));
    await setField("#edit-time", "18:45");
    const tag = await session.find("#edit-tag");
    await tag.type("gro");
    await session.waitForText("#tag-suggestions [role=option]", "#growth");
    await tag.type(TAB);
    await session.waitForText(".tags-field .tag", "#growth");

    await session.execute("const text = document.getElementById('edit-text'); text.focus(); text.setSelectionRange(text.value.length, text.value.length)");
    await session.typeIntoFocus(" #deleg");
    await session.waitForText("#edit-text-tags [role=option]", "#delegation");
    await session.typeIntoFocus(TAB);
    await session.waitFor("the completed tag", async () =>
      (await session.execute("return document.getElementById('edit-text').value")) === "Ran the retro without me #delegation ",
    );
    await session.typeIntoFocus(Keys.CONTROL + Keys.ENTER + Keys.NULL);
    await session.waitFor("the saved entry", async () => !(await session.execute("return !!document.getElementById('edit-text')")));

    const [edited] = JSON.parse(runWins(env, ["search", "retro", "--json"]));
    assert.deepEqual([...edited.tags].sort(), ["delegation", "growth"]);
    assert.equal(edited.text, "Ran the retro without me #delegation");
    assert.equal(edited.occurred_at.slice(0, 16), `${day}T18:45`, "the time is changed, the day kept");
    await session.waitForText("[role=dialog] .meta", "#growth");
  });
});
