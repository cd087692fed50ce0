// Today's dates in the person's locale, in a real window: the first launch writes them through
// `Intl` and learns their patterns, which the shell keeps in the app's cache folder; a later launch
// writes them from the kept patterns, exactly as `Intl` would, until the locale or the WebKit that
// taught them changes. German here, so that a pattern written in English would show.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshEnv, journalDay, launch, runWins, until } from "./harness.mjs";
import { startDriver } from "./webdriver.mjs";

const german = { ...freshEnv(), LANG: "de_DE.UTF-8", LANGUAGE: "de_DE" };
const keptFile = join(german.XDG_CACHE_HOME, "app.smallwins.journal", "date-formats.json");
const today = journalDay(german);
/** The same day a year before, which "on this day" shows (28 February for 29, as the journal does). */
const [year, month, day] = today.split("-");
const yearAgo = `${Number(year) - 1}-${month}-${month === "02" && day === "29" ? "28" : day}`;
const GERMAN_WEEKDAYS = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"];

let driver;
let session;

/** Opens the window in `env`'s locale (a driver of its own: the app takes its locale from it). */
async function open(env) {
  await session?.close().catch(() => {});
  await driver?.stop();
  driver = await startDriver({ port: 4478, env });
  session = await launch(driver);
  await until("last year's entries on this day", () => session.execute("return document.querySelectorAll('.on-this-day time').length === 1"), 20_000);
}

/** Today's dates as shown: the date under its title, each entry's time, and each day heading on this day. */
const shown = () =>
  session.execute(
    "return { line: document.querySelector('.screen-header p.muted').textContent, " +
      "times: [...document.querySelectorAll('.entry-row time')].map((t) => t.textContent), " +
      "days: [...document.querySelectorAll('.on-this-day h2.day')].map((h) => h.textContent) };",
  );

/** The same dates as the page's `Intl` writes them in its locale (asked after reading them: this loads ICU). */
const byIntl = () =>
  session.execute(
    "const f = (options, date) => new Intl.DateTimeFormat(undefined, options).format(date); " +
      "return { line: f({ weekday: 'long', day: 'numeric', month: 'long' }, new Date()), " +
      "times: [...document.querySelectorAll('.entry-row time')].map((t) => f({ hour: '2-digit', minute: '2-digit' }, new Date(t.getAttribute('datetime')))), " +
      "days: [...document.querySelectorAll('.on-this-day .entry-row time')].map((t) => f({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, new Date(t.getAttribute('datetime')))) };",
  );

const kept = () => JSON.parse(readFileSync(keptFile, "utf8"));

describe("Today's dates written from the patterns learnt in the person's locale", () => {
  before(async () => {
    runWins(german, ["add", "Kickoff with the new team", "--at", `${today} 09:05`]);
    runWins(german, ["add", "Closed the quarter's last deal", "--at", `${today} 21:40`]);
    runWins(german, ["add", "First talk at a meetup", "--at", `${yearAgo} 18:30`]);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
  });

  it("writes them through Intl at the first launch, and has the shell keep what it learnt", async () => {
    assert.equal(existsSync(keptFile), false);
    await open(german);
    const first = await shown();
    assert.ok(GERMAN_WEEKDAYS.some((day) => first.line.startsWith(day)), `a German weekday: ${first.line}`);
    assert.deepEqual(first, await byIntl());
    await until("the patterns kept", () => existsSync(keptFile), 20_000);
    const { webkit, formats } = kept();
    assert.match(webkit, /^\d+\.\d+\.\d+$/);
    const learnt = JSON.parse(formats);
    assert.equal(learnt.locale, "de-DE");
    for (const name of ["timeOfDay", "todayLine", "longDay", "shortDay"]) assert.ok(learnt.patterns[name].learnt, `${name} learnt`);
  });

  it("writes them from the kept patterns at the next launch, exactly as Intl does", async () => {
    await open(german);
    const second = await shown();
    assert.deepEqual(second, await byIntl());
    assert.deepEqual(second.times, ["18:30", "21:40", "09:05"]);
  });

  it("writes what the kept patterns say, not Intl, while they are of this locale and WebKit", async () => {
    // A marked copy shows which one wrote the dates: the kept pattern, when it is used.
    const file = kept();
    const formats = JSON.parse(file.formats);
    formats.patterns.timeOfDay.learnt.pieces = formats.patterns.timeOfDay.learnt.pieces.map((piece) =>
      piece.literal === ":" ? { literal: " Uhr " } : piece,
    );
    writeFileSync(keptFile, JSON.stringify({ ...file, formats: JSON.stringify(formats) }));
    await open(german);
    assert.deepEqual((await shown()).times, ["18 Uhr 30", "21 Uhr 40", "09 Uhr 05"]);
  });

  it("learns them again under another WebKit, and in another locale", async () => {
    writeFileSync(keptFile, JSON.stringify({ ...kept(), webkit: "1.0.0" }));
    await open(german);
    assert.deepEqual((await shown()).times, ["18:30", "21:40", "09:05"]);
    await until("the patterns learnt again", () => kept().webkit !== "1.0.0", 20_000);
    assert.equal(JSON.parse(kept().formats).patterns.timeOfDay.learnt.pieces[1].literal, ":");

    await open({ ...german, LANG: "en_US.UTF-8", LANGUAGE: "en_US" });
    const english = await shown();
    assert.ok(english.line.startsWith(new Intl.DateTimeFormat("en-US", { weekday: "long" }).format(new Date(`${today}T12:00`))), english.line);
    assert.deepEqual(english, await byIntl());
    await until("the English patterns kept", () => JSON.parse(kept().formats).locale === "en-US", 20_000);
  });
});
