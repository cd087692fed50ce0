// The dates and times Today shows, written in the person's locale without loading its data at every
// start. Making one `Intl.DateTimeFormat` costs WebKit's page process about 2 MiB of ICU's locale
// data for as long as it runs, and its first frame the time to read it. So each pattern Today uses
// is learnt from `Intl` once (its pieces, the names its fields take, its hour cycle), checked to
// write exactly what `Intl` writes for dates across a year and every hour of a day, and kept by the
// shell beside the WebKit and ICU that taught it (`src-tauri/src/date_formats.rs`). Later launches
// write those dates from the learnt pattern; a pattern that could not be learnt (another calendar,
// other digits) is written by `Intl` as before.
import { api } from "./api";
import { madeOnFirstUse } from "./onFirstUse";

/** The patterns Today uses, by name, with the options `Intl` is asked with. */
const PATTERNS = {
  timeOfDay: { hour: "2-digit", minute: "2-digit" },
  todayLine: { weekday: "long", day: "numeric", month: "long" },
  longDay: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
  shortDay: { day: "numeric", month: "short", year: "numeric" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
export type PatternName = keyof typeof PATTERNS;
const NAMES = Object.keys(PATTERNS) as PatternName[];

const FIELDS = ["weekday", "month", "day", "year", "hour", "minute", "dayPeriod"] as const;
type Field = (typeof FIELDS)[number];
type Piece = { literal: string } | { field: Field };

const isLiteral = (piece: Piece): piece is { literal: string } => typeof (piece as { literal?: unknown }).literal === "string";

/** A pattern as learnt: its pieces in order, and what each field is written as. */
interface Learnt {
  pieces: Piece[];
  /** The weekdays' names as this pattern writes them, Sunday first. */
  weekdays: string[];
  /** The months' names as this pattern writes them (a day's month may differ from the month alone). */
  months: string[];
  /** Before noon, after noon. */
  dayPeriods: string[];
  hourCycle: "h11" | "h12" | "h23" | "h24";
  twoDigitHour: boolean;
  twoDigitDay: boolean;
}

/** Changes whenever `Learnt` or the way it is written does: patterns kept by another version of
 *  this code are learnt again. */
const LEARNT_VERSION = 1;

/** What the shell keeps: the locale the patterns were learnt in, and each pattern with the options
 *  it was learnt for (null: `Intl` writes it). */
interface Kept {
  version: number;
  locale: string;
  patterns: Partial<Record<PatternName, { options: string; learnt: Learnt | null }>>;
}

const pad = (value: number) => String(value).padStart(2, "0");

function hourOf(learnt: Learnt, date: Date): string {
  const hours = date.getHours();
  const hour = { h11: hours % 12, h12: hours % 12 || 12, h23: hours, h24: hours || 24 }[learnt.hourCycle];
  return learnt.twoDigitHour ? pad(hour) : String(hour);
}

function fieldOf(learnt: Learnt, field: Field, date: Date): string {
  switch (field) {
    case "weekday":
      return learnt.weekdays[date.getDay()];
    case "month":
      return learnt.months[date.getMonth()];
    case "day":
      return learnt.twoDigitDay ? pad(date.getDate()) : String(date.getDate());
    case "year":
      return String(date.getFullYear());
    case "hour":
      return hourOf(learnt, date);
    case "minute":
      return pad(date.getMinutes());
    case "dayPeriod":
      return learnt.dayPeriods[date.getHours() < 12 ? 0 : 1];
  }
}

function written(learnt: Learnt, date: Date): string {
  return learnt.pieces.map((piece) => (isLiteral(piece) ? piece.literal : fieldOf(learnt, piece.field, date))).join("");
}

/** The dates a learnt pattern must write as `Intl` does: a day of every month (early, two-digit
 *  and late days, so every weekday), and every hour of a day at several minutes. */
function checkedDates(): Date[] {
  const dates: Date[] = [];
  for (let month = 0; month < 12; month++) {
    for (const day of [1, 9, 10, 28]) dates.push(new Date(2026, month, day, (month * 4 + day) % 24, day));
  }
  for (let hour = 0; hour < 24; hour++) {
    for (const minute of [0, 5, 30, 59]) dates.push(new Date(2027, 1, 3, hour, minute));
  }
  return dates;
}

/** The part of `type` in `intl`'s writing of `date`. */
const partOf = (intl: Intl.DateTimeFormat, date: Date, type: Field) =>
  intl.formatToParts(date).find((part) => part.type === type)?.value ?? "";

/** `options`'s pattern learnt from `Intl`, or null when writing it from its pieces would not give
 *  exactly what `Intl` writes for every checked date. */
function learn(options: Intl.DateTimeFormatOptions): Learnt | null {
  const intl = new Intl.DateTimeFormat(undefined, options);
  const sample = new Date(2026, 0, 5, 9, 5); // a Monday, before noon, one-digit hour and day
  // The fields from `formatToParts`, the text between them from `format`: an engine may write a
  // literal otherwise in each (V8 writes a narrow no-break space as a plain one in `format` alone).
  const text = intl.format(sample);
  const pieces: Piece[] = [];
  let at = 0;
  for (const { type, value } of intl.formatToParts(sample)) {
    if (type === "literal") continue;
    // An era, a related year, a fractional second: not written from pieces. (A day period that
    // is more than before or after noon passes here, and fails the check below.)
    if (!(FIELDS as readonly string[]).includes(type)) return null;
    const found = text.indexOf(value, at);
    if (found < 0) return null;
    if (found > at) pieces.push({ literal: text.slice(at, found) });
    pieces.push({ field: type as Field });
    at = found + value.length;
  }
  if (at < text.length) pieces.push({ literal: text.slice(at) });
  const learnt: Learnt = {
    pieces,
    weekdays: Array.from({ length: 7 }, (_, day) => partOf(intl, new Date(2026, 0, 4 + day, 12), "weekday")),
    months: Array.from({ length: 12 }, (_, month) => partOf(intl, new Date(2026, month, 15, 12), "month")),
    dayPeriods: [partOf(intl, sample, "dayPeriod"), partOf(intl, new Date(2026, 0, 5, 21, 5), "dayPeriod")],
    hourCycle: intl.resolvedOptions().hourCycle ?? "h23",
    twoDigitHour: partOf(intl, sample, "hour").length === 2,
    twoDigitDay: partOf(intl, sample, "day").length === 2,
  };
  return checkedDates().every((date) => written(learnt, date) === intl.format(date)) ? learnt : null;
}

const isStrings = (value: unknown, length: number) =>
  Array.isArray(value) && value.length === length && value.every((item) => typeof item === "string");

/** Whether `value` is a pattern as `learn` makes them: a damaged file writes no date. */
function isLearnt(value: unknown): value is Learnt {
  const learnt = value as Learnt;
  return (
    typeof learnt === "object" &&
    learnt !== null &&
    Array.isArray(learnt.pieces) &&
    learnt.pieces.every(
      (piece) => typeof piece === "object" && piece !== null && (isLiteral(piece) || FIELDS.includes((piece as { field: Field }).field)),
    ) &&
    isStrings(learnt.weekdays, 7) &&
    isStrings(learnt.months, 12) &&
    isStrings(learnt.dayPeriods, 2) &&
    ["h11", "h12", "h23", "h24"].includes(learnt.hourCycle) &&
    typeof learnt.twoDigitHour === "boolean" &&
    typeof learnt.twoDigitDay === "boolean"
  );
}

/** The kept patterns that are whole, of this locale and learnt for the options asked now. */
function keptForLocale(text: string | null): Kept["patterns"] {
  let sent: Kept;
  try {
    sent = JSON.parse(text ?? "null") as Kept;
  } catch {
    return {};
  }
  if (typeof sent !== "object" || sent === null || sent.version !== LEARNT_VERSION || sent.locale !== navigator.language) return {};
  const patterns: Kept["patterns"] = {};
  for (const name of NAMES) {
    const entry = sent.patterns?.[name];
    if (entry?.options === JSON.stringify(PATTERNS[name]) && (entry.learnt === null || isLearnt(entry.learnt))) patterns[name] = entry;
  }
  return patterns;
}

let kept: Kept["patterns"] = {};
/** Whether the page came with the shell's first reads: a page loaded again does not, and does not
 *  learn again what the shell may well have kept. */
let firstLoad = false;

/** Takes the patterns the shell kept, sent with the page's first reads (`text`, null when none);
 *  `sentWithPage` is false on a page loaded again, which has no first reads. */
export function useKept(sentWithPage: boolean, text: string | null) {
  firstLoad = sentWithPage;
  kept = keptForLocale(text);
}

const intls = Object.fromEntries(
  Object.entries(PATTERNS).map(([name, options]) => [name, madeOnFirstUse(() => new Intl.DateTimeFormat(undefined, options))]),
) as Record<PatternName, () => Intl.DateTimeFormat>;

/** `date` written by the pattern `name`: from the learnt pattern when there is one, else by `Intl`. */
export function formatDate(name: PatternName, date: Date): string {
  const learnt = kept[name]?.learnt;
  return learnt ? written(learnt, date) : intls[name]().format(date);
}

/** How long after the first frame the patterns are learnt, when the shell kept none for this
 *  locale: learning reads the locale's data, which this launch then holds, so not while it starts. */
const LEARN_AFTER_MS = 1500;

/** Learns the patterns not yet kept for this locale, once the window has started, and has the
 *  shell keep them for the next launch. */
export function learnWhenIdle() {
  if (!firstLoad || NAMES.every((name) => kept[name])) return;
  setTimeout(() => {
    const patterns: Kept["patterns"] = {};
    for (const name of NAMES) {
      patterns[name] = kept[name] ?? { options: JSON.stringify(PATTERNS[name]), learnt: learn(PATTERNS[name]) };
    }
    const toKeep: Kept = { version: LEARNT_VERSION, locale: navigator.language, patterns };
    // Not kept: the next launch learns them again; nothing the person sees depends on it.
    api.rememberDateFormats(JSON.stringify(toKeep)).catch(() => {});
  }, LEARN_AFTER_MS);
}
