// What the window knows of sync: bumped whenever a sync ran, so Settings › Sync and the
// conflicts read their status again.
export const sync = $state({ revision: 0 });

/** A sync ran (or failed): the status is new. */
export function synced() {
  sync.revision += 1;
}

/** "3 minutes ago", "just now": how long ago `iso` was, for a quiet status. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? "a minute ago" : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours === 1 ? "an hour ago" : `${hours} hours ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? "yesterday" : `${days} days ago`;
}
