// Measures the release builds of Small Wins and of the empty floor window (see bench/desktop.sh).
// `node bench/desktop.mjs goals` measures only the Goals screen, `… insights` only the Insights screen,
// `… keyring` only the start of an encrypted journal that the system keyring unlocks, `… start` only
// first paint and idle memory against the floor, `… search` only the search keystroke.
// BENCH_RUNS sets the launches per configuration; with BENCH_TABLE set, the figures are also
// appended to that file for bench/all.sh.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { until } from "../tests/e2e/harness.mjs";
import { IDLE_MS, freshEnv, launchOnce } from "./launch.mjs";
import { Session, startDriver } from "../tests/e2e/webdriver.mjs";

const root = resolve(import.meta.dirname, "..");
const work = join(root, "target/desktop-bench");
const floor = join(root, "target/release/small-wins-floor");
// BENCH_APP measures another build of the app (an earlier one kept aside, for a before/after).
const app = process.env.BENCH_APP ?? join(root, "target/release/small-wins");
const wins = join(root, "target/release/wins");
// Under Xvfb with a private D-Bus session, about one launch of the empty window in three stalls for
// 500 ms in WebKitGTK's wait for a first frame (Small Wins shows its window only once its page has
// loaded, and does not: see src-tauri/src/first_show.rs); best-of-N shows the work each app does,
// the median what a launch usually costs here.
const RUNS = Number(process.env.BENCH_RUNS ?? 11);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One row of bench/all.sh's table: figure, floor, ours, ratio, target, within. */
function tableRow(figure, floor, ours, ratio, target, within) {
  if (process.env.BENCH_TABLE) appendFileSync(process.env.BENCH_TABLE, [figure, floor, ours, ratio, target, within ? "yes" : "NO"].join("\t") + "\n");
}
const ms = (x) => `${x.toFixed(0)} ms`;
// In the page: `oncePainted(then)` calls `then` once the next frame is painted. A frame's animation
// callbacks run before its style, layout and paint; a task queued from one runs once they are done
// (the window reports its first timeline the same way).
const ONCE_PAINTED = "const oncePainted = (then) => requestAnimationFrame(() => setTimeout(then));";

/**
 * Brings the window back into focus after another process wrote to the journal, and returns once
 * the window has asked the shell whether one did and every read that set off has been answered
 * (Tauri's IPC on Linux is a request to ipc://localhost/COMMAND): what a screen shows after the
 * click that follows is timed from a window that knows of the write and is idle again, as a
 * person's click, long after the focus, finds it.
 */
const comeBack = (session) =>
  session.executeAsync(`
    const done = arguments[0];
    const fetch = window.fetch;
    let asked = false;
    let unanswered = 0;
    let lastHeard = performance.now();
    window.fetch = (url, ...rest) => {
      asked ||= String(url).endsWith("/journal_written_elsewhere");
      unanswered += 1;
      return fetch(url, ...rest).finally(() => {
        unanswered -= 1;
        lastHeard = performance.now();
      });
    };
    window.dispatchEvent(new Event("focus"));
    const started = performance.now();
    (function wait() {
      // Idle: nothing asked or answered for 100 ms. A build from before the question, which reads
      // again without asking, has its second.
      const idle = unanswered === 0 && performance.now() - lastHeard > 100;
      if ((asked && idle) || performance.now() - started > 1000) {
        window.fetch = fetch;
        done();
      } else setTimeout(wait, 5);
    })();`);

/**
 * First paint and idle memory of each build `{ label, binary, journal, before }`, RUNS launches each
 * after a warm-up, launched in turn round by round: side by side, so that a machine whose load
 * changes during the run weighs on every build alike.
 */
async function measure(...builds) {
  const homes = builds.map((build) => freshEnv(build.journal));
  const runs = builds.map(() => []);
  // Warm the caches, as any launch after the first of the day finds them.
  for (const [i, { binary, before }] of builds.entries()) await launchOnce(binary, homes[i], { before });
  for (let round = 0; round < RUNS; round++) {
    for (const [i, { binary, before }] of builds.entries()) runs[i].push(await launchOnce(binary, homes[i], { before }));
  }
  for (const home of homes) rmSync(home.home, { recursive: true, force: true });
  return builds.map(({ label }, i) => {
    const paints = runs[i].map((r) => r.painted);
    const result = { label, best: Math.min(...paints), painted: median(paints), pss: median(runs[i].map((r) => r.idle)) };
    console.log(
      `${label.padEnd(30)} first paint best ${result.best.toFixed(0).padStart(4)} ms, median ${result.painted.toFixed(0).padStart(4)} ms` +
        `   idle PSS ${result.pss.toFixed(1).padStart(6)} MiB   (each launch: ${paints.map((p) => p.toFixed(0)).join(", ")} ms)`,
    );
    return result;
  });
}

async function searchLatency(journal) {
  const { env, home } = freshEnv(journal);
  const driver = await startDriver({ port: 4544, env });
  const session = await Session.launch(driver.url, app);
  try {
    await session.waitFor("the window", () => session.find("#nav-search"), 30_000);
    await (await session.find("#nav-search")).click();
    await session.waitFor("the search box", () => session.find("#search"));
    // The first search after launch also pays for first-time rendering; it is reported on its own.
    const words = ["focus", "team", "feedback", "deadline", "quokka", "garden", "latency", "onboarding", "guitar", "budget", "retro", "calm", "mentor", "sprint", "coffee", "roadmap"];
    const times = [];
    for (const word of words) {
      await session.execute("const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input', { bubbles: true }));");
      await session.waitFor("cleared results", async () => (await session.findAll(".results li")).length === 0);
      // Time from the keystroke that completes the word to the frame that shows its marked results.
      const ms = await session.executeAsync(`
        const [word, done] = arguments;
        ${ONCE_PAINTED}
        const input = document.getElementById('search');
        const started = performance.now();
        const shown = () => [...document.querySelectorAll('.results mark')].some((m) => m.textContent.toLowerCase().startsWith(word));
        const observer = new MutationObserver(() => {
          if (shown()) { observer.disconnect(); oncePainted(() => done(performance.now() - started)); }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        input.value = word;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      `, word);
      times.push(ms);
    }
    console.log(`  per word (ms): ${words.map((w, i) => `${w} ${times[i].toFixed(0)}`).join(", ")}`);
    const [first, ...rest] = times;
    return { first, median: median(rest), max: Math.max(...rest) };
  } finally {
    await session.close().catch(() => {});
    await driver.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * A screen's visits, `visit(changed)` timing one: the first, then RUNS rounds of a return visit and
 * a visit after the journal changed; medians and worst of each.
 */
async function visits(visit) {
  const first = await visit(false);
  const returns = [];
  const afterChange = [];
  for (let i = 0; i < RUNS; i++) {
    returns.push(await visit(false));
    afterChange.push(await visit(true));
  }
  console.log(`  return visits (ms): ${returns.map((t) => t.toFixed(0)).join(", ")}`);
  console.log(`  after a change (ms): ${afterChange.map((t) => t.toFixed(0)).join(", ")}`);
  return { first, returns: median(returns), returnsMax: Math.max(...returns), changed: median(afterChange), changedMax: Math.max(...afterChange) };
}

/**
 * Switching to Goals until every milestone's chart is on screen, 50 milestones, 10,000 measurements:
 * the first visit (which also loads the screen's code and builds it), return visits, visits after
 * another process added an entry (`wins add`; until the screen shows goals read after it), and
 * visits after a measurement was logged to one milestone (`wins measure`, as another process would).
 */
async function goalScreen(journal, milestones) {
  const { env, home } = freshEnv();
  // A copy of its own: the measurements logged below stay out of the shared journal.
  env.SMALL_WINS_DB = join(home, "goals.sqlite3");
  copyFileSync(journal, env.SMALL_WINS_DB);
  const listed = run(wins, ["--db", env.SMALL_WINS_DB, "goal", "list", "--json"], { maxBuffer: 64 << 20 });
  const [measured] = JSON.parse(listed)[0].milestones;
  const driver = await startDriver({ port: 4544, env });
  const session = await Session.launch(driver.url, app);
  const visit = async (changed) => {
    await (await session.find("#nav-today")).click();
    await session.waitFor("Today", () => session.find("#capture"));
    const shown = () => session.execute("return Number(document.querySelector('.kept [data-revision]')?.dataset.revision ?? -1)");
    const before = await shown();
    // Another process writes (a measurement, or an entry that changes no goal), and the window
    // comes back into focus, which is how it learns of that write: the screen then counts as shown
    // only once it holds goals read after it.
    if (changed === "measure") run(wins, ["--db", env.SMALL_WINS_DB, "measure", measured.id, String(measured.latest), "--yes"]);
    else if (changed) run(wins, ["--db", env.SMALL_WINS_DB, "add", "Bench win"]);
    if (changed) await comeBack(session);
    return session.executeAsync(`
      const [count, fresher, done] = arguments;
      ${ONCE_PAINTED}
      const started = performance.now();
      const ready = () =>
        document.querySelectorAll('.kept:not([hidden]) li.milestone .chart polyline').length === count &&
        Number(document.querySelector('.kept [data-revision]').dataset.revision) > fresher;
      const finish = () => oncePainted(() => done(performance.now() - started));
      const observer = new MutationObserver(() => {
        if (ready()) { observer.disconnect(); finish(); }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      document.getElementById('nav-goals').click();
    `, milestones, changed ? before : -1);
  };
  try {
    await session.waitFor("the window", () => session.find("#nav-goals"), 30_000);
    const seen = await visits(visit);
    const afterMeasure = [];
    for (let i = 0; i < RUNS; i++) afterMeasure.push(await visit("measure"));
    console.log(`  after a measurement (ms): ${afterMeasure.map((t) => t.toFixed(0)).join(", ")}`);
    return { ...seen, measured: median(afterMeasure), measuredMax: Math.max(...afterMeasure) };
  } finally {
    await session.close().catch(() => {});
    await driver.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * Switching to Insights until its charts are on screen (the year grid, the weekly bars and the mood
 * line), on a 100,000-entry journal whose newest entries are today's: the first visit, which also
 * loads the screen's code, return visits (the screen stays built once visited), and visits after
 * another process added an entry (until the screen shows insights read after it), as for Goals.
 */
async function insightsScreen(journal) {
  const { env, home } = freshEnv();
  // A copy of its own: the entries added below stay out of the shared journal.
  env.SMALL_WINS_DB = join(home, "insights.sqlite3");
  copyFileSync(journal, env.SMALL_WINS_DB);
  const driver = await startDriver({ port: 4544, env });
  const session = await Session.launch(driver.url, app);
  const visit = async (changed) => {
    await (await session.find("#nav-today")).click();
    await session.waitFor("Today", () => session.find("#capture"));
    const shown = () => session.execute("return Number(document.getElementById('insights-header')?.dataset.revision ?? -1)");
    const before = await shown();
    // Another process adds an entry, and the window comes back into focus, which is how it learns of it.
    if (changed) {
      run(wins, ["--db", env.SMALL_WINS_DB, "add", "Bench win"]);
      await comeBack(session);
    }
    return session.executeAsync(`
      const [fresher, done] = arguments;
      ${ONCE_PAINTED}
      const started = performance.now();
      const ready = () =>
        ['svg.year-grid rect', 'svg.week-bars rect', 'svg.mood'].every((css) => document.querySelector('.kept:not([hidden]) ' + css)) &&
        Number(document.getElementById('insights-header').dataset.revision) > fresher;
      const finish = () => oncePainted(() => done(performance.now() - started));
      const observer = new MutationObserver(() => {
        if (ready()) { observer.disconnect(); finish(); }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      document.getElementById('nav-insights').click();
    `, changed ? before : -1);
  };
  try {
    await session.waitFor("the window", () => session.find("#nav-insights"), 30_000);
    return await visits(visit);
  } finally {
    await session.close().catch(() => {});
    await driver.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

/** Runs `command` and fails loudly with what it said. */
function run(command, args, options = {}) {
  const done = spawnSync(command, args, { stdio: ["pipe", "pipe", "pipe"], ...options });
  if (done.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${done.error ?? ""}${done.stderr ?? ""}`);
  return done.stdout.toString();
}

/**
 * First paint of an encrypted journal (the 10,000 entries) that the system keyring unlocks, a real
 * gnome-keyring in this D-Bus session: from the login session's kernel-keyring cache of the slot's
 * secret (any start after the first of a login), and with that cache emptied before each launch (the
 * first start of a login: the Secret Service over D-Bus).
 */
async function keyringStart(base) {
  const home = mkdtempSync(join(tmpdir(), "small-wins-keyring-"));
  // A gnome-keyring of its own, unlocked, replacing any the session started on demand (the portal
  // asks for one at the window's start, and that one's collection is locked), as the e2e tests do.
  const keyring = spawn("gnome-keyring-daemon", ["--foreground", "--replace", "--unlock", "--components=secrets"], {
    env: { ...process.env, HOME: home },
    stdio: ["pipe", "ignore", "ignore"],
  });
  keyring.stdin.end("bench keyring");
  try {
    await until("the bench's gnome-keyring on the session bus", () => {
      const owner = spawnSync("busctl", ["--user", "status", "org.freedesktop.secrets"], { encoding: "utf8" });
      return owner.status === 0 && owner.stdout.split("\n").includes(`PID=${keyring.pid}`);
    }, 15_000);
    const journal = join(home, "journal.sqlite3");
    const passphrase = join(home, "passphrase");
    copyFileSync(join(work, "journal-10000.sqlite3"), journal);
    writeFileSync(passphrase, "a long bench passphrase\n");
    run(wins, ["--db", journal, "encrypt", "--passphrase-file", passphrase]);
    run(wins, ["--db", journal, "unlock", "--passphrase-file", passphrase]);
    const emptyCache = () => spawnSync("keyctl", ["purge", "-p", "user", "small-wins:journal"], { stdio: "ignore" });
    for (const [label, before] of [
      ["encrypted 10k, keyring, cached", undefined],
      ["encrypted 10k, keyring, login's 1st", emptyCache],
    ]) {
      const [r] = await measure({ label, binary: app, journal, before });
      const extra = r.best - base.best;
      console.log(`${r.label.padEnd(30)} paint − floor: best ${extra.toFixed(0).padStart(4)} ms, median ${(r.painted - base.painted).toFixed(0).padStart(4)} ms (target ≤ 150)`);
      tableRow(`first paint, best of ${RUNS}, ${r.label}`, `floor ${ms(base.best)}`, ms(r.best), `+${extra.toFixed(0)} ms`, "≤ floor + 150 ms", extra <= 150);
    }
  } finally {
    keyring.kill();
    rmSync(home, { recursive: true, force: true });
  }
}

const only = process.argv[2];
if (only === "keyring") {
  console.log(`Release builds under Xvfb; median of ${RUNS} launches`);
  const [base] = await measure({ label: "floor (empty Tauri 2 window)", binary: floor });
  await keyringStart(base);
}
if (!only || only === "start") {
  const empty = join(mkdtempSync(join(tmpdir(), "small-wins-empty-")), "journal.sqlite3");
  console.log(`Release builds under Xvfb; median of ${RUNS} launches, PSS of the app and its WebKit processes after ${IDLE_MS / 1000} s idle`);
  const [base, ...results] = await measure(
    { label: "floor (empty Tauri 2 window)", binary: floor },
    { label: "Small Wins, empty journal", binary: app, journal: empty },
    { label: "Small Wins, 100,000 entries", binary: app, journal: join(work, "journal-100000.sqlite3") },
  );
  for (const r of results) {
    const extra = r.best - base.best;
    const ratio = r.pss / base.pss;
    console.log(
      `${r.label.padEnd(30)} paint − floor: best ${extra.toFixed(0).padStart(4)} ms, median ${(r.painted - base.painted).toFixed(0).padStart(4)} ms (target ≤ 50)` +
        `   memory ÷ floor ${ratio.toFixed(3)} (target ≤ 1.10)`,
    );
    tableRow(`first paint, best of ${RUNS}, ${r.label}`, `floor ${ms(base.best)}`, ms(r.best), `+${extra.toFixed(0)} ms`, "≤ floor + 50 ms", extra <= 50);
    tableRow(`idle memory (PSS), ${r.label}`, `floor ${base.pss.toFixed(1)} MiB`, `${r.pss.toFixed(1)} MiB`, `${ratio.toFixed(3)}×`, "≤ 1.10×", ratio <= 1.1);
  }
  if (!only) await keyringStart(base);
}
if (!only || only === "search") {
  for (const [entries, worstTarget] of [[10000, 80], [100000, 100]]) {
    const search = await searchLatency(join(work, `journal-${entries}.sqlite3`));
    console.log(`search keystroke → results on screen, ${entries.toLocaleString("en")} entries: median ${search.median.toFixed(1)} ms, worst ${search.max.toFixed(1)} ms (target ≤ 50 median, ≤ ${worstTarget} worst); first search after launch ${search.first.toFixed(1)} ms`);
    tableRow(`search keystroke → results, ${entries / 1000}k entries, median`, "", ms(search.median), "", "≤ 50 ms", search.median <= 50);
    tableRow(`search keystroke → results, ${entries / 1000}k entries, worst`, "", ms(search.max), "", `≤ ${worstTarget} ms`, search.max <= worstTarget);
  }
}
if (!only || only === "goals") {
  const goals = await goalScreen(join(work, "goals-50-10000.sqlite3"), 50);
  console.log(
    `Goals screen, 50 milestones and 10,000 measurements, click → every chart on screen: ` +
      `return visit median ${goals.returns.toFixed(1)} ms (worst ${goals.returnsMax.toFixed(1)}), ` +
      `after the journal changed median ${goals.changed.toFixed(1)} ms (worst ${goals.changedMax.toFixed(1)}; target ≤ 50 median), ` +
      `after a measurement to one milestone median ${goals.measured.toFixed(1)} ms (worst ${goals.measuredMax.toFixed(1)}), ` +
      `first visit after launch ${goals.first.toFixed(1)} ms`,
  );
  tableRow("Goals after a journal change, median", "", ms(goals.changed), "", "≤ 50 ms", goals.changed <= 50);
  tableRow("Goals after a measurement to one milestone, median", "", ms(goals.measured), "", "≤ 50 ms", goals.measured <= 50);
}
if (!only || only === "insights") {
  const insights = await insightsScreen(join(work, "insights-100000.sqlite3"));
  console.log(
    `Insights screen, 100,000 entries, click → charts on screen (target ≤ 100 ms): ` +
      `return visit median ${insights.returns.toFixed(1)} ms (worst ${insights.returnsMax.toFixed(1)}), ` +
      `after the journal changed median ${insights.changed.toFixed(1)} ms (worst ${insights.changedMax.toFixed(1)}), ` +
      `first visit after launch ${insights.first.toFixed(1)} ms`,
  );
  tableRow("Insights screen, 100k entries, after a journal change, median", "", ms(insights.changed), "", "≤ 100 ms", insights.changed <= 100);
}
