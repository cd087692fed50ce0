// Dates and titles as people read them, in their own time zone.
import type { Entry } from "./bindings";
import { formatDate } from "./dateFormats";
import { madeOnFirstUse } from "./onFirstUse";

/** A line without the inline Markdown marks (links, emphasis, code) that only make sense rendered. */
function withoutInlineMarks(line: string): string {
  return line
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__|~~|`)(.+?)\1/g, "$2")
    .replace(/(^|\W)[*_](\S.*?)[*_](?=\W|$)/g, "$1$2");
}

/** The first line, without the Markdown marks that only make sense once rendered. */
export function title(entry: Entry): string {
  return withoutInlineMarks(entry.text.split("\n", 1)[0].replace(/^#{1,6}\s+/, "")).trim();
}

/** The text after the title, for a one-line preview: its lines as read once rendered (no `##`,
 *  list dashes or `\#` escapes, as a saved review is full of), separated by a middle dot. */
export function preview(entry: Entry): string {
  return entry.text
    .split("\n")
    .slice(1)
    .map((line) =>
      withoutInlineMarks(line.replace(/^\s*(#{1,6}|[-*+]|\d+\.)\s+/, "")).replace(/\\([\\`*_{}[\]()#+\-.!@])/g, "$1").trim(),
    )
    .filter((line) => line !== "")
    .join(" · ");
}

const fullDates = madeOnFirstUse(() => new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" }));

export function timeOfDay(iso: string): string {
  return formatDate("timeOfDay", new Date(iso));
}

export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function dayHeading(iso: string): string {
  const day = dayKey(iso);
  const now = new Date();
  if (day === dayKey(now.toISOString())) return "Today";
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (day === dayKey(yesterday.toISOString())) return "Yesterday";
  return formatDate("longDay", new Date(iso));
}

export function fullDate(iso: string): string {
  return fullDates().format(new Date(iso));
}

/** Entries grouped by local day, keeping their order. */
export function byDay(entries: Entry[]): { key: string; heading: string; entries: Entry[] }[] {
  const groups: { key: string; heading: string; entries: Entry[] }[] = [];
  for (const entry of entries) {
    const key = dayKey(entry.occurred_at);
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.entries.push(entry);
    else groups.push({ key, heading: dayHeading(entry.occurred_at), entries: [entry] });
  }
  return groups;
}

/** Local midnight at the start of a calendar day (YYYY-MM-DD, as date inputs and the backend write it). */
export function localDay(date: string, plusDays = 0): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(y, m - 1, d + plusDays);
}

/** The start of a local calendar day, as an RFC 3339 instant. */
export function startOfDay(date: string, plusDays = 0): string {
  return localDay(date, plusDays).toISOString();
}

/** A file's size as people read it: "12 KB", "3.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
