import type { Destination } from "./bindings";

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

export function go(screen: Screen) {
  view.screen = screen;
}

/** Opens the Journal on one local day. */
export function openJournalOn(day: string) {
  view.openEntryId = null;
  view.journalDay = day;
  go("journal");
}

export function journalChanged() {
  view.revision += 1;
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
  const tabs: Record<Exclude<Destination, "capture">, ReflectTab> = {
    checkin: "day",
    weekly_review: "week",
    monthly_review: "month",
    followups: "followups",
  };
  view.reflectTab = tabs[destination];
  go("reflect");
}
