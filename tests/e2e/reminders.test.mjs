// Reminders in the real app: with a real notification daemon (dunst) a due reminder arrives as a
// notification and a click opens its review; after days away a rule fires once, not once per
// missed slot; with no daemon on the bus the window shows the reminder itself.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freshEnv, launch, pick, runWins, shots, until, wins } from "./harness.mjs";
import { dunstctl, history, startDunst } from "./notifications.mjs";
import { Keys, startDriver } from "./webdriver.mjs";

/** The wall clock in Berlin, where the tests' journals live: weekday name and HH:MM. */
function berlinNow(plusMinutes = 0) {
  const at = new Date(Date.now() + plusMinutes * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", weekday: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return { weekday: parts.weekday.toLowerCase(), time: `${parts.hour}:${parts.minute}` };
}

/** Runs `wins` with the clock turned back, as if the rule had been set up that long ago. */
function winsInThePast(env, offset, args) {
  return execFileSync("faketime", ["-f", offset, wins, ...args], { env: { ...process.env, ...env } }).toString();
}




describe("Reminders with a notification daemon", () => {
  const env = freshEnv();
  let dunst;
  let driver;
  let session;

  before(async () => {
    // Notifications stay until acted on, so the test can click one.
    dunst = await startDunst(env, "[global]\n    timeout = 0\n[urgency_low]\n    timeout = 0\n[urgency_normal]\n    timeout = 0\n");
    // Weeks that began two days ago: the weekly review below is of the week under way, whatever
    // the day the test runs.
    runWins(env, ["settings", "--week-start", berlinNow(-2 * 24 * 60).weekday]);
    // A daily check-in set up three days ago, two hours before now: three slots have passed.
    winsInThePast(env, "-3d", ["remind", "add", "daily", "--time", berlinNow(-120).time]);
    driver = await startDriver({ port: 4444, env });
    session = await launch(driver);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
    dunst?.kill();
  });

  it("fires a rule whose slots passed while the app was closed once, at start-up", async () => {
    await until("the catch-up notification", () => Number(dunstctl("count", "displayed")) >= 1, 20_000);
    // Give a wrongly repeated firing time to show up before counting.
    await sleep(3000);
    dunstctl("close-all");
    const checkins = history().filter((n) => n.summary === "Daily check-in");
    assert.equal(checkins.length, 1, JSON.stringify(history()));
    assert.equal(checkins[0].appname, "Small Wins");
    const [rule] = JSON.parse(runWins(env, ["remind", "list", "--json"]));
    assert.ok(new Date(rule.next_due_at) > new Date(), `next due ${rule.next_due_at} is not in the future`);
    assert.ok(rule.last_fired_at, "the catch-up is recorded");
  });

  it("delivers a reminder added in Settings at its minute, and a click opens the weekly review", async () => {
    runWins(env, ["add", "Shipped the reminders"]);
    await session.typeIntoFocus(Keys.ALT + "7" + Keys.NULL);
    await session.waitFor("the Settings screen", () => session.find("#reminder-kind"));
    // The next whole minute at least 20 seconds away.
    const { weekday, time } = berlinNow(new Date().getSeconds() > 40 ? 2 : 1);
    await pick(session, "#reminder-kind", "weekly");
    await session.waitFor("the weekday picker", () => session.find("#reminder-weekday"));
    await pick(session, "#reminder-weekday", weekday);
    await pick(session, "#reminder-time", time);
    await (await session.find("#reminder-add")).click();
    const capitalised = weekday[0].toUpperCase() + weekday.slice(1);
    await session.waitForText(".rule", `Weekly review every ${capitalised} at ${time}`);
    await session.screenshot(join(shots, "settings.png"));

    await until("the weekly review notification", () => Number(dunstctl("count", "displayed")) >= 1, 150_000);
    dunstctl("action", "0");
    const tab = await session.waitFor("the weekly review tab", () => session.find("#reflect-week[aria-selected=true]"));
    assert.ok(tab);
    const summary = await session.waitForText("#review-summary", "Shipped the reminders", 15_000);
    assert.match(await summary.text(), /^Weekly review: /);
    await session.screenshot(join(shots, "reflect-week.png"));
    dunstctl("close-all");
    const weekly = history().filter((n) => n.summary === "Weekly review");
    assert.equal(weekly.length, 1);
    assert.match(weekly[0].body, /This week: 1 win and 0 setbacks/);
  });

  it("adds a weekly reminder to send the team digest in Settings", async () => {
    await session.typeIntoFocus(Keys.ALT + "7" + Keys.NULL);
    await session.waitFor("the Settings screen", () => session.find("#reminder-kind"));
    await pick(session, "#reminder-kind", "digest");
    await session.waitFor("the weekday picker", () => session.find("#reminder-weekday"));
    assert.equal((await session.findAll("#reminder-quiet")).length, 0, "a digest reminder has no quiet-when-done choice");
    await pick(session, "#reminder-weekday", "friday");
    await pick(session, "#reminder-time", "16:00");
    await (await session.find("#reminder-add")).click();
    await session.waitForText(".rule", "Team digest every Friday at 16:00");
    const digest = JSON.parse(runWins(env, ["remind", "list", "--json"])).find((rule) => rule.kind === "digest");
    assert.equal(digest.weekday, "friday");
    assert.equal(digest.time, "16:00");
    // Leave Reflect as the screen the next test expects.
    await session.typeIntoFocus(Keys.ALT + "5" + Keys.NULL);
    await session.waitFor("the weekly review tab", () => session.find("#reflect-week[aria-selected=true]"));
  });

  it("saves a weekly review as a note tagged review", async () => {
    const answer = await session.find("#review-answer-0");
    await answer.click();
    await session.typeIntoFocus("Reminders arrive on time");
    await (await session.find("#review-save")).click();
    await session.waitForText(".toast, [role=status]", "Review saved");
    const saved = JSON.parse(runWins(env, ["list", "--tag", "review", "--json"]));
    assert.equal(saved.length, 1);
    assert.match(saved[0].text, /## What went well\n\nReminders arrive on time\n/);
  });

  it("starts at login with the tray only when asked, and stops when unticked", async () => {
    await session.typeIntoFocus(Keys.ALT + "7" + Keys.NULL);
    const box = await session.waitFor("the start-at-login box", () => session.find("#start-at-login"));
    assert.equal(await box.property("checked"), false);
    const folder = join(env.HOME, ".config", "autostart");
    const loginItems = () => (existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith(".desktop")) : []);
    assert.deepEqual(loginItems(), []);
    await box.click();
    const [item] = await until("the login item", () => loginItems().length === 1 && loginItems(), 10_000);
    const desktopEntry = readFileSync(join(folder, item), "utf8");
    assert.match(desktopEntry, /^Exec=.*small-wins.* --background$/m);
    await box.click();
    await until("the login item to go", () => loginItems().length === 0, 10_000);
  });
});

describe("Reminders with no notification daemon", () => {
  const env = freshEnv();
  let bus;
  let driver;
  let session;

  before(async () => {
    // A session bus of its own with no services to start: nothing answers notifications.
    const config = join(mkdtempSync(join(tmpdir(), "small-wins-bus-")), "bus.conf");
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
        "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
      <busconfig>
        <type>session</type>
        <listen>unix:tmpdir=${tmpdir()}</listen>
        <auth>EXTERNAL</auth>
        <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
      </busconfig>`,
    );
    bus = spawn("dbus-daemon", ["--config-file", config, "--nofork", "--print-address=1"], { stdio: ["ignore", "pipe", "inherit"] });
    const address = await new Promise((resolve, reject) => {
      let printed = "";
      bus.stdout.on("data", (chunk) => {
        printed += chunk;
        if (printed.includes("\n")) resolve(printed.trim());
      });
      bus.once("exit", (code) => reject(new Error(`dbus-daemon exited ${code}`)));
    });
    env.DBUS_SESSION_BUS_ADDRESS = address;
    const { weekday, time } = berlinNow(-120);
    winsInThePast(env, "-3d", ["remind", "add", "daily", "--time", time]);
    winsInThePast(env, "-15d", ["remind", "add", "weekly", "--day", weekday, "--time", time]);
    driver = await startDriver({ port: 4444, env });
    session = await launch(driver);
  });

  after(async () => {
    await session?.close().catch(() => {});
    await driver?.stop();
    bus?.kill();
  });

  it("shows each missed reminder once as a banner in the window", async () => {
    await session.waitForText("aside[aria-label=Reminder]", "Weekly review", 20_000);
    await sleep(1500);
    const banners = await session.findAll("aside[aria-label=Reminder]");
    const texts = await Promise.all(banners.map((banner) => banner.text()));
    assert.equal(texts.length, 2, texts.join("\n"));
    assert.ok(texts.some((text) => text.includes("Daily check-in")), texts.join("\n"));
    await session.screenshot(join(shots, "reminder-banner.png"));
  });

  it("snoozes a banner for an hour and opens the other's screen", async () => {
    const weekly = await session.waitForText("aside[aria-label=Reminder]", "Weekly review");
    const hour = (await weekly.findAll("button")).at(2);
    assert.equal(await hour.text(), "1 hour");
    await hour.click();
    await session.waitFor("the weekly banner to go", async () => {
      const texts = await Promise.all((await session.findAll("aside[aria-label=Reminder]")).map((b) => b.text()));
      return !texts.some((text) => text.includes("Weekly review"));
    });
    const rules = JSON.parse(runWins(env, ["remind", "list", "--json"]));
    const snoozed = rules.find((rule) => rule.kind === "weekly");
    const minutesAway = (new Date(snoozed.next_due_at) - Date.now()) / 60_000;
    assert.ok(minutesAway > 58 && minutesAway <= 60, `snoozed to ${snoozed.next_due_at}`);

    const daily = await session.waitForText("aside[aria-label=Reminder]", "Daily check-in");
    await (await daily.find("button.primary")).click();
    await session.waitFor("the check-in tab", () => session.find("#reflect-day[aria-selected=true]"));
    await session.waitForText("#review-summary", "Daily check-in: ");
    assert.equal((await session.findAll("aside[aria-label=Reminder]")).length, 0);
  });

  it("asks whether a week-old setback's adjustment worked and keeps the answer with it", async () => {
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString().slice(0, 10);
    runWins(env, ["add", "--setback", "Missed the demo", "--adjust", "Noon check-in", "--at", `${eightDaysAgo} 10:00`]);
    // Back from elsewhere (as when `wins` wrote while the window was in the background), Today says
    // a follow-up is waiting and leads to it.
    await session.typeIntoFocus(Keys.ALT + "1" + Keys.NULL);
    await session.execute("window.dispatchEvent(new Event('focus'))");
    const waiting = await session.waitForText(".followups-waiting", "A setback is waiting for a follow-up");
    await waiting.click();
    await session.waitFor("the follow-ups tab", () => session.find("#reflect-followups[aria-selected=true]"));
    const row = await session.waitForText(".followup", "Missed the demo");
    assert.match(await row.text(), /Adjusting: Noon check-in/);
    await (await row.find("input")).click();
    await session.typeIntoFocus("Noon works, Fridays slip");
    const buttons = await row.findAll("button");
    const labels = await Promise.all(buttons.map((button) => button.text()));
    assert.deepEqual(labels, ["Yes", "Partly", "No"]);
    await buttons[1].click();
    await session.waitFor("the follow-up to leave the list", () => session.find("#followups-empty"));
    assert.deepEqual(JSON.parse(runWins(env, ["followup", "list", "--json"])), []);
    const review = runWins(env, ["review", "week", "--date", eightDaysAgo]);
    assert.match(review, /Did it work\? partly: Noon works, Fridays slip/);
  });
});
