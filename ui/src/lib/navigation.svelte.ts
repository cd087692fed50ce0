import { api } from "./api";
import type { Destination } from "./bindings";
import { ask, somethingUnsaved } from "./leaving.svelte";
import { dateValue } from "./when";

// Which screen is showing, which entry is open, and a counter that tells screens to reload.
export type Screen =
  | "today"
  | "journal"
  | "search"
  | "goals"
  | "reflect"
  | "export-import"
  | "settings"
  | "insights"
  | "team";
/** The Reflect screen's tabs: the daily check-in, the reviews, and setbacks waiting for a follow-up. */
export type ReflectTab = "day" | "week" | "month" | "followups";

export const view = $state({
  screen: "today" as Screen,
  openEntryId: null as string | null,
  reflectTab: "day" as ReflectTab,
  /** A local day (YYYY-MM-DD) the Journal opens filtered to, once; set by the Insights grid. */
  journalDay: null as string | null,
  /** Bumped whenever the journal may have changed (a write here, or `wins` while we were away). */
  revision: 0,
});

/** Shows `screen` from its top, asking first when a form there has changes leaving would lose. */
export function go(screen: Screen) {
  if (screen === view.screen) return;
  if (!somethingUnsaved()) return arrive(screen);
  ask("Leave without saving your changes?", "Leave").then((leave) => {
    if (leave) arrive(screen);
  });
}

function arrive(screen: Screen) {
  view.screen = screen;
  window.scrollTo(0, 0);
}

/** Opens the Journal on one local day. */
export function openJournalOn(day: string) {
  view.openEntryId = null;
  view.journalDay = day;
  go("journal");
}

/** The local day (YYYY-MM-DD) the screens last read the journal on. */
let readOn = dateValue(new Date());

export function journalChanged() {
  view.revision += 1;
  readOn = dateValue(new Date());
}

/** The window is back in focus: `wins` (or another process) may have written to the journal while
 *  it was in the background, and the day may have turned while the machine slept (the midnight
 *  timer sleeps with it). The screens read the journal again only then: not at every switch
 *  between windows, nor at the focus the window takes as it first comes on screen. */
export function cameBack() {
  const dayTurned = dateValue(new Date()) !== readOn;
  // Asked even when the day turned, so that the shell's answer next time counts from this read.
  api.journalWrittenElsewhere().then((written) => {
    if (written || dayTurned) journalChanged();
  }, journalChanged);
}

/** Opens the place a notification or the tray menu leads to. */
export function openDestination(destination: Destination) {
  view.openEntryId = null;
  if (destination === "capture") {
    go("today");
    // Today focuses its capture box when it mounts; when it is already showing, focus it here.
    document.getElementById("capture")?.focus();
    return;
  }
  // The Team digest, where a digest reminder leads.
  if (destination === "team") {
    go("team");
    return;
  }
  const tabs: Record<Exclude<Destination, "capture" | "team">, ReflectTab> = {
    checkin: "day",
    weekly_review: "week",
    monthly_review: "month",
    followups: "followups",
  };
  view.reflectTab = tabs[destination];
  go("reflect");
}
