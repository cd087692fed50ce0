// The local day changes at midnight while the window may stay open for days: whatever shows
// "today" is told, so Today never shows yesterday as today.

/** Calls `onNewDay` just after every local midnight from now on. */
export function watchMidnight(onNewDay: () => void) {
  const now = new Date();
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  // A timer sleeps with the machine: a laptop opened the next morning is caught by the window's
  // focus, which tells the screens too.
  setTimeout(() => {
    onNewDay();
    watchMidnight(onNewDay);
  }, midnight.getTime() - now.getTime() + 1000);
}
