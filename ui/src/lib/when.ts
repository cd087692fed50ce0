// When an entry happened, as the window's date and time fields read and write it: local wall-clock
// time, sent as RFC 3339 with the local offset so the journal keeps the offset it was written at.

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** `date` as RFC 3339 in local time with its offset, e.g. 2026-11-29T14:30:00+01:00. */
export function localIso(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${dateValue(date)}T${timeValue(date)}:${pad(date.getSeconds())}${zone}`;
}

/** The YYYY-MM-DD a date input shows for `date`, in local time. */
export function dateValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The HH:MM a time input shows for `date`, in local time. */
export function timeValue(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a date input's YYYY-MM-DD and a time input's HH:MM name, in local time. */
export function fromFields(date: string, time: string): Date | null {
  const [y, m, d] = date.split("-").map(Number);
  const [hours, minutes] = (time || "00:00").split(":").map(Number);
  const instant = new Date(y, m - 1, d, hours, minutes);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** Today's capture: now, this time yesterday, or a picked date and time. */
export type WhenChoice = { choice: "now" | "yesterday" | "picked"; date: string; time: string };

export function nowChoice(): WhenChoice {
  const now = new Date();
  return { choice: "now", date: dateValue(now), time: timeValue(now) };
}

/** The `occurred_at` to send for a choice; `undefined` means now. */
export function occurredAt(when: WhenChoice): string | undefined {
  if (when.choice === "now") return undefined;
  if (when.choice === "yesterday") {
    const yesterday = new Date();
    yesterday.setDate(yesterday.getDate() - 1);
    return localIso(yesterday);
  }
  const picked = fromFields(when.date, when.time);
  return picked ? localIso(picked) : undefined;
}
