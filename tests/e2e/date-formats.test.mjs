// Today's dates in the person's locale, in a real window: the first launch writes them through
// `Intl` and learns their patterns, which the shell keeps in the app's cache folder; a later launch
// writes them from the kept patterns, exactly as `Intl` would, until the locale or the WebKit and
// ICU that taught them change. German here, so that a pattern written in English would show.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshEnv, journalDay, launch, runWins, until } from "./harness.mjs";
import { startDriver } from "./webdriver.mjs";

// WebKit takes the page's language from LC_CTYPE; LC_ALL overrides whatever this process inherited.
const german = { ...freshEnv(), LC_ALL: "de_DE.UTF-8" };
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

/** Rewrites the kept file's patterns with `change` applied to them. */
function changeKept(change) {
  const file = kept();
  const formats = JSON.parse(file.formats);
  change(formats);
  writeFileSync(keptFile, JSON.stringify({ ...file, formats: JSON.stringify(formats) }));
}

/** Milliseconds until the next midnight in the journal's zone. */
function untilMidnight() {
  const [hours, minutes, seconds] = new Intl.DateTimeFormat("en-GB", { timeZone: german.TZ, timeStyle: "medium" })
    .format(new Date())
    .split(":")
    .map(Number);
  return ((24 - hours) * 3600 - minutes * 60 - seconds) * 1000;
}

describe("Today's dates written from the patterns learnt in the person's locale", () => {
  before(async () => {
    // Its launches take a minute or two; crossing midnight would move Today and "on this day".
    if (untilMidnight() < 5 * 60_000) await sleep(untilMidnight() + 60_000);
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
    const { taught_by, formats } = kept();
    assert.match(taught_by, /^webkit \d+\.\d+\.\d+, libicuuc\.so\.\d+/);
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
    changeKept((formats) => {
      const { learnt } = formats.patterns.timeOfDay;
      learnt.pieces = learnt.pieces.map((piece) => (piece.literal === ":" ? { literal: " Uhr " } : piece));
    });
    await open(german);
    assert.deepEqual((await shown()).times, ["18 Uhr 30", "21 Uhr 40", "09 Uhr 05"]);
  });

  it("writes through Intl the patterns whose kept copy is damaged, and learns them again", async () => {
    changeKept((formats) => {
      formats.patterns.timeOfDay.learnt.weekdays.pop(); // six days
      formats.patterns.todayLine.learnt.pieces.push({ field: "century" });
      formats.patterns.longDay.learnt.pieces[0] = { literal: 5 };
    });
    await open(german);
    assert.deepEqual(await shown(), await byIntl());
    await until("the damaged patterns learnt again", () => JSON.parse(kept().formats).patterns.timeOfDay.learnt.weekdays.length === 7, 20_000);
  });

  it("learns them again under another WebKit or ICU, and in another locale", async () => {
    const other = "webkit 2.50.6, libicuuc.so.1.0";
    writeFileSync(keptFile, JSON.stringify({ ...kept(), taught_by: other }));
    await open(german);
    assert.deepEqual((await shown()).times, ["18:30", "21:40", "09:05"]);
    await until("the patterns learnt again", () => kept().taught_by !== other, 20_000);
    assert.equal(JSON.parse(kept().formats).patterns.timeOfDay.learnt.pieces[1].literal, ":");

    await open({ ...german, LC_ALL: "C.UTF-8" });
    const english = await shown();
    assert.ok(english.line.startsWith(new Intl.DateTimeFormat("en-US", { weekday: "long" }).format(new Date(`${today}T12:00`))), english.line);
    assert.deepEqual(english, await byIntl());
    // WebKit names the C locale's language "C"; its dates are American English.
    await until("the English patterns kept", () => JSON.parse(kept().formats).locale === "C", 20_000);
  });
});
