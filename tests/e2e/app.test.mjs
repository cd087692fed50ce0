// The real Small Wins window, driven through tauri-driver + WebKitWebDriver: what a person sees.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { app, freshEnv, launch as openWindow, pick, runWins, shots, until, windowOnScreen } from "./harness.mjs";
import { Keys, Session, startDriver } from "./webdriver.mjs";

const env = freshEnv();

let driver;
let session;

async function launch() {
  session = await openWindow(driver);
}

async function rowsTitled(text) {
  const rows = await session.findAll(".entry-row");
  const texts = await Promise.all(rows.map((r) => r.text()));
  return texts.filter((t) => t.includes(text)).length;
}

async function openEntry(text) {
  await (await session.waitForRow(text)).click();
  return session.waitFor("the entry panel", () => session.find("[role=dialog] .markdown"));
}

async function closePanel() {
  await session.typeIntoFocus(Keys.ESCAPE);
  await session.waitFor("the panel to close", async () => (await session.findAll("[role=dialog]")).length === 0);
}

describe("Small Wins in a real window", () => {
  before(async () => {
    driver = await startDriver({ port: 4444, env });
    await launch();
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("starts on Today with the capture box focused and an empty state that teaches", async () => {
    assert.equal(await session.title(), "Small Wins");
    // Built hidden, the window comes on screen once its page has loaded.
    await until("the window on screen", windowOnScreen, 10_000);
    assert.equal(await session.execute("return document.visibilityState"), "visible");
    const focused = await session.execute("return document.activeElement && document.activeElement.id");
    assert.equal(focused, "capture");
    const firstField = await session.execute("return document.querySelector('input, textarea').id");
    assert.equal(firstField, "capture");
    const empty = await session.waitForText(".empty", "A setback");
    assert.match(await empty.text(), /A tag/);
    await session.screenshot(join(shots, "today-empty.png"));
  });

  it("logs a win with the keyboard alone and celebrates it", async () => {
    await session.typeIntoFocus("Cut the stand-up to 12 minutes #team");
    await session.typeIntoFocus(Keys.ENTER);
    const row = await session.waitForRow("Cut the stand-up to 12 minutes");
    assert.match(await row.text(), /#team/);
    await session.waitForText(".celebration", "Win logged");
    assert.equal(await (await session.find("#capture")).property("value"), "", "the box is ready for the next win");
    const streak = await session.find("[aria-label=streak]");
    assert.match(await streak.text(), /1\s+day in a row/);
  });

  it("keeps Shift+Enter as a new line", async () => {
    await session.typeIntoFocus("Paired on the release notes");
    await session.typeIntoFocus(Keys.SHIFT + Keys.ENTER + Keys.NULL);
    await session.typeIntoFocus("Both of us learned the deploy steps");
    const value = await (await session.find("#capture")).property("value");
    assert.equal(value, "Paired on the release notes\nBoth of us learned the deploy steps");
    await session.typeIntoFocus(Keys.ENTER);
    await session.waitForRow("Paired on the release notes");
  });

  it("logs a setback with what was learned and what will change", async () => {
    await session.typeIntoFocus("!Missed the review deadline #review");
    const lesson = await session.waitFor("the lesson field", () => session.find("#lesson"));
    await session.screenshot(join(shots, "today-setback.png"));
    await lesson.type("I waited for a perfect draft");
    await (await session.find("#adjust")).type("Send a rough draft at 60%" + Keys.ENTER);
    const row = await session.waitForRow("Missed the review deadline");
    assert.match(await row.text(), /Learned: I waited for a perfect draft/);
    assert.equal(await session.execute("return document.querySelector('.entry-row[data-kind=setback]') !== null"), true);
    await session.screenshot(join(shots, "today.png"));
  });

  it("draws Today's text in the type scale's sizes and two weights", async () => {
    // Each size and weight on screen is a font WebKitGTK looks up and lays out with before the
    // first paint (app.css, the type scale): a stray size is a slower start.
    const { scale, fonts } = await session.execute(`
      const probe = document.createElement("span");
      document.body.append(probe);
      const scale = ["small", "body", "large", "heading", "title"].map((step) => {
        probe.style.fontSize = "var(--text-" + step + ")";
        return getComputedStyle(probe).fontSize;
      });
      probe.remove();
      const fonts = new Set();
      for (const element of document.querySelectorAll("body *")) {
        const text = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
        if ((!text && !element.matches("input, textarea, select, button")) || !element.getClientRects().length) continue;
        const style = getComputedStyle(element);
        fonts.add(style.fontSize + " " + style.fontWeight + " " + style.fontStyle);
      }
      return { scale, fonts: [...fonts] };`);
    assert.equal(new Set(scale).size, 5, `five distinct sizes: ${scale}`);
    for (const font of fonts) {
      const [size, weight, style] = font.split(" ");
      assert.ok(scale.includes(size), `${font}: not a size of the scale (${scale.join(", ")})`);
      assert.ok(["400", "600"].includes(weight), `${font}: neither the regular nor the strong weight`);
      assert.equal(style, "normal", `${font}: slanted`);
    }
    assert.ok(fonts.length <= 8, `Today draws ${fonts.length} fonts: ${fonts.join("; ")}`);
  });

  it("opens an entry rendered from Markdown and edits it", async () => {
    await openEntry("Paired on the release notes");
    const lines = await session.execute("return document.querySelectorAll('[role=dialog] .markdown br').length");
    assert.equal(lines, 1, "the line typed with Shift+Enter is a line in the rendered entry");
    await sleep(300); // let the panel finish sliding in
    await session.screenshot(join(shots, "entry.png"));
    await session.typeIntoFocus("e");
    const editor = await session.waitFor("the editor", () => session.find("#edit-text"));
    await editor.clear();
    await editor.type("Paired on the **release notes**" + Keys.ENTER + Keys.ENTER + "We both can deploy now.");
    await session.typeIntoFocus(Keys.CONTROL + Keys.ENTER + Keys.NULL);
    const bold = await session.waitFor("the rendered bold text", () => session.find("[role=dialog] .markdown strong"));
    assert.equal(await bold.text(), "release notes");
    await session.typeIntoFocus("s");
    await session.waitForText("[role=dialog] .kind", "★");
    await closePanel();
    const edited = await session.waitForRow("Paired on the release notes");
    assert.match(await edited.text(), /★/);
    assert.match(await edited.text(), /We both can deploy now/);
  });

  it("searches as you type and marks the match", async () => {
    await session.typeIntoFocus(Keys.CONTROL + "k" + Keys.NULL);
    const input = await session.waitFor("the search box", () => session.find("#search"));
    assert.equal(await session.execute("return document.activeElement.id"), "search");
    await input.type("dead");
    const mark = await session.waitForText(".results mark", "dead");
    assert.equal(await mark.text(), "deadline");
    assert.match(await (await session.find(".results")).text(), /Missed the review deadline/);
    await session.screenshot(join(shots, "search.png"));
  });

  it("deletes an entry and brings it back with Undo", async () => {
    // The first Esc steps out of the search box, the second goes back to Today.
    await session.typeIntoFocus(Keys.ESCAPE);
    await session.typeIntoFocus(Keys.ESCAPE);
    await session.waitFor("Today", () => session.find("#capture"));
    await openEntry("Cut the stand-up");
    await session.typeIntoFocus(Keys.DELETE);
    const undo = await session.waitForText(".toast button", "Undo");
    await session.waitFor("the row to go", async () => (await rowsTitled("Cut the stand-up")) === 0);
    await undo.click();
    await session.waitForRow("Cut the stand-up to 12 minutes");
    await session.waitForText(".toast", "Restored");
  });

  it("shows the timeline grouped by day, with filters", async () => {
    await session.typeIntoFocus(Keys.ESCAPE);
    await (await session.find("#nav-journal")).click();
    await session.waitFor("a day heading", () => session.find(".day"));
    assert.equal(await rowsTitled(""), 3);
    await session.screenshot(join(shots, "journal.png"));
    await session.execute(
      "const s = document.getElementById('filter-kind'); s.value = 'setback'; s.dispatchEvent(new Event('change'));",
    );
    await session.waitFor("only the setback", async () => (await rowsTitled("")) === 1);
    await session.waitForRow("Missed the review deadline");
    // The filter stays while other screens are visited; Clear filters shows everything again.
    await (await session.waitForText("button.link", "Clear filters")).click();
    await session.waitFor("every entry again", async () => (await rowsTitled("")) === 3);
  });

  it("reads the journal again on coming back only when `wins` wrote to it while the window was away", async () => {
    await (await session.find("#nav-today")).click();
    // Every command the window sends from here on (Tauri's IPC on Linux: a request to
    // ipc://localhost/COMMAND), and whether it was answered.
    await session.execute(`
      const fetch = (window.unwatchedFetch = window.fetch);
      window.sent = [];
      window.fetch = (url, ...rest) => {
        const call = { command: String(url).split("/").pop(), answered: false };
        window.sent.push(call);
        return fetch(url, ...rest).finally(() => (call.answered = true));
      };`);
    const comeBack = () => session.execute("window.sent.length = 0; window.dispatchEvent(new Event('focus'))");
    const sentSince = () => session.execute("return window.sent.map((call) => call.command)");
    // Nothing written: once the question is answered and nothing more has been sent for 300 ms,
    // the window has done all it does on coming back (or, never asking, all it would in 3 s).
    await comeBack();
    const quiet = await session.executeAsync(`
      const done = arguments[0];
      const started = performance.now();
      let heard = window.sent.length;
      let quietSince = started;
      (function wait() {
        if (window.sent.length !== heard || !window.sent.every((call) => call.answered)) {
          heard = window.sent.length;
          quietSince = performance.now();
        }
        const asked = window.sent.some((call) => call.command === "journal_written_elsewhere");
        if ((asked && performance.now() - quietSince > 300) || performance.now() - started > 3000) {
          done(window.sent.map((call) => call.command));
        } else setTimeout(wait, 10);
      })();`);
    assert.ok(quiet.includes("journal_written_elsewhere"), `it asked whether anything was written: ${quiet}`);
    assert.ok(!quiet.includes("today"), `nothing was written, yet Today read the journal again: ${quiet}`);
    runWins(env, ["add", "Logged from the terminal #cli"]);
    await comeBack();
    await session.waitFor("Today to read the journal again", async () => (await sentSince()).includes("today"));
    await session.waitForRow("Logged from the terminal");
    await session.execute("window.fetch = window.unwatchedFetch");
  });

  it("keeps hostile text inert", async () => {
    // Each hostile text, and how its row's title reads in the list.
    const hostile = [
      [`<img src=x onerror="window.__pwned = 1; document.title = 'pwned'">`, "<img src=x"],
      [`<script>window.__pwned = 2; document.title = 'pwned'</script>`, "<script>"],
      [`[click me](javascript:window.__pwned=3;document.title='pwned')`, "click me"],
    ];
    for (const [text, shown] of hostile) {
      await session.typeIntoFocus(text + Keys.ENTER);
      await session.waitForRow(shown);
    }
    for (const [, shown] of hostile) {
      await openEntry(shown);
      for (const link of await session.findAll("[role=dialog] .markdown a")) await link.click();
      const inside = await session.execute(
        "const m = document.querySelector('[role=dialog] .markdown'); " +
          "return { img: m.querySelectorAll('img').length, script: m.querySelectorAll('script').length, " +
          "js: m.querySelectorAll('a[href^=\"javascript\"]').length, handlers: m.innerHTML.includes('onerror') };",
      );
      assert.deepEqual(inside, { img: 0, script: 0, js: 0, handlers: false });
      await closePanel();
    }
    assert.equal(await session.execute("return window.__pwned === undefined"), true);
    assert.equal(await session.title(), "Small Wins");
    assert.equal(await session.execute("return document.querySelectorAll('script:not([src])').length"), 0);
  });

  it("shows backend errors as readable messages", async () => {
    await session.execute(
      "const box = document.getElementById('capture'); box.value = '!'; box.dispatchEvent(new Event('input'));",
    );
    const submit = await session.find(".capture button[type=submit]");
    assert.equal(await submit.property("disabled"), true, "an empty setback cannot be sent");
    await session.execute(
      "const box = document.getElementById('capture'); box.value = ''; box.dispatchEvent(new Event('input'));",
    );
  });

  it("loads older entries page by page as the timeline scrolls", async () => {
    for (let day = 1; day <= 28; day++) {
      for (const hour of ["08:00", "12:00", "17:00", "21:00"]) {
        runWins(env, ["add", `Older win on day ${day} at ${hour}`, "--at", `2024-02-${String(day).padStart(2, "0")} ${hour}`]);
      }
    }
    const total = JSON.parse(runWins(env, ["list", "-n", "1000", "--json"])).length;
    await (await session.find("#nav-journal")).click();
    await session.waitFor("the first page", async () => (await rowsTitled("")) === 50);
    while ((await rowsTitled("")) < total) {
      const before = await rowsTitled("");
      await session.execute("document.querySelector('.sentinel').scrollIntoView()");
      await session.waitFor("another page", async () => (await rowsTitled("")) > before);
    }
    assert.equal(await rowsTitled(""), total);
    await session.waitForRow("Older win on day 1 at 08:00");
    await (await session.find("#nav-today")).click();
  });

  it("draws every one of fifty search results, each match marked", async () => {
    // The 112 older wins above all match: more results than the window shows at once.
    await session.typeIntoFocus(Keys.CONTROL + "k" + Keys.NULL);
    await session.waitFor("the search box", () => session.find("#search"));
    await pick(session, "#search", "older");
    await session.waitForText(".count", "50 entries");
    await until("all fifty results drawn", async () => (await session.findAll(".results li")).length === 50, 5_000);
    const shown = await session.execute(`
      const snippets = [...document.querySelectorAll('.results .snippet')];
      const mark = document.querySelector('.results mark');
      return {
        marked: snippets.filter((s) => s.querySelector('mark')?.textContent === 'Older').length,
        texts: snippets.slice(0, 2).map((s) => s.textContent),
        background: getComputedStyle(mark).backgroundColor,
        page: getComputedStyle(document.body).backgroundColor,
      };`);
    assert.equal(shown.marked, 50, "each snippet marks the word searched for");
    for (const text of shown.texts) assert.match(text, /^Older win on day \d+ at \d\d:00$/);
    assert.notEqual(shown.background, "rgba(0, 0, 0, 0)", "a match is highlighted");
    assert.notEqual(shown.background, shown.page);
    await session.typeIntoFocus(Keys.ESCAPE);
    await session.typeIntoFocus(Keys.ESCAPE);
    await session.waitFor("Today", () => session.find("#capture"));
  });

  it("hands a second launch over to the window that is already open", async () => {
    const started = Date.now();
    const second = spawnSync(app, [], { env: { ...process.env, ...env }, timeout: 20_000 });
    assert.equal(second.status, 0, `the second launch did not exit cleanly: ${second.stderr}`);
    assert.ok(Date.now() - started < 20_000);
    assert.equal(await session.title(), "Small Wins", "the first window is still there");
    await session.waitForRow("Cut the stand-up to 12 minutes");
  });

  it("still has everything after closing and relaunching", async () => {
    await session.close();
    await launch();
    for (const title of ["Cut the stand-up to 12 minutes", "Missed the review deadline", "Logged from the terminal"]) {
      await session.waitForRow(title);
    }
    // Today's entries came written into the page this time, the hostile ones among them: still text.
    await session.waitForRow("<script>");
    assert.equal(await session.execute("return window.__pwned === undefined"), true);
    assert.equal(await session.title(), "Small Wins");
    assert.equal(await session.execute("return document.querySelectorAll('script:not([src])').length"), 0);
    const saved = JSON.parse(runWins(env, ["list", "--json"]));
    const setback = saved.find((e) => e.kind === "setback");
    assert.equal(setback.lesson, "I waited for a perfect draft");
    assert.equal(setback.adjust, "Send a rough draft at 60%");
    assert.deepEqual(setback.tags, ["review"]);
  });

  it("reads Today afresh when the page loads again, not what was sent with the first load", async () => {
    runWins(env, ["add", "Logged just before a reload"]);
    await session.execute("location.reload()");
    await session.waitForRow("Logged just before a reload");
    await session.waitForRow("Cut the stand-up to 12 minutes");
  });
});

describe("Small Wins started at login", () => {
  const loginEnv = freshEnv();

  before(async () => {
    driver = await startDriver({ port: 4444, env: loginEnv });
    session = await openWindow(driver, ["--background"]);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("keeps its window hidden once the page has loaded, until a second launch shows it", async () => {
    await session.waitFor("the page loaded", async () => (await session.execute("return document.readyState")) === "complete");
    // Long after the page's load, when a window started normally has been on screen for a while.
    await sleep(1000);
    assert.equal(windowOnScreen(), false);
    assert.equal(await session.execute("return document.visibilityState"), "hidden");
    const second = spawnSync(app, [], { env: { ...process.env, ...loginEnv }, timeout: 20_000 });
    assert.equal(second.status, 0, `the second launch did not exit cleanly: ${second.stderr}`);
    await until("the window on screen", windowOnScreen, 10_000);
    await session.waitFor("the page to see it shown", async () => (await session.execute("return document.visibilityState")) === "visible");
    await session.waitForText(".empty", "A setback");
  });
});

describe("Small Wins started from a reminder", () => {
  before(async () => {
    driver = await startDriver({ port: 4444, env: freshEnv() });
    session = await Session.launch(driver.url, app, ["--open", "weekly_review"]);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("comes on screen at the screen it was asked for", async () => {
    await session.waitFor("the weekly review", () => session.find("#reflect-week[aria-selected=true]"), 20_000);
    await until("the window on screen", windowOnScreen, 10_000);
  });
});
