// Which screen is showing, which entry is open, and a counter that tells screens to reload.
export type Screen = "today" | "journal" | "search" | "goals" | "files";

export const view = $state({
  screen: "today" as Screen,
  openEntryId: null as string | null,
  /** Bumped whenever the journal may have changed (a write here, or `wins` while we were away). */
  revision: 0,
});

export function go(screen: Screen) {
  view.screen = screen;
}

export function journalChanged() {
  view.revision += 1;
}
