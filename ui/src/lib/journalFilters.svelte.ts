// The Journal's filters live here rather than in the screen, so that visiting another screen and
// coming back finds the timeline filtered as it was; only "Clear filters" (or a day opened from
// the Insights grid) changes them for the person.
import type { Kind } from "./api";

export const journalFilters = $state({
  kind: "" as Kind | "",
  tag: "",
  person: "",
  starredOnly: false,
  /** Local days, YYYY-MM-DD, or "" for no bound. */
  from: "",
  to: "",
});

export function clearJournalFilters() {
  journalFilters.kind = "";
  journalFilters.tag = "";
  journalFilters.person = "";
  journalFilters.starredOnly = false;
  journalFilters.from = journalFilters.to = "";
}

/** That one local day and nothing else, as the Insights grid opens the Journal. */
export function filterJournalToDay(day: string) {
  clearJournalFilters();
  journalFilters.from = journalFilters.to = day;
}
