// How a milestone reads on screen: its numbers with their unit, and its pace in words.
import type { NewMilestone, PaceStatus, ScreenMilestone } from "./bindings";
import { formatDate } from "./dateFormats";
import { madeOnFirstUse } from "./onFirstUse";
import { localDay } from "./format";

const paceWords: Record<PaceStatus, string> = {
  done: "Reached",
  ahead: "Ahead of pace",
  on_pace: "On pace",
  behind: "Behind pace",
  overdue: "Overdue",
  unscheduled: "No due date",
};

export function paceLabel(pace: PaceStatus): string {
  return paceWords[pace];
}

// Made once (see madeOnFirstUse): a Goals screen formats hundreds of numbers.
const numbers = madeOnFirstUse(() => new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }));

/** A number as people write it: no trailing zeros, at most two decimals. */
export function number(value: number): string {
  return numbers().format(value);
}

export function withUnit(milestone: ScreenMilestone, value: number): string {
  const unit = milestone.metric?.unit;
  return unit ? `${number(value)} ${unit}` : number(value);
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** "38 min now · from 41 to 35 min (lower is better)", or the state of a check. */
export function standing(milestone: ScreenMilestone): string {
  const metric = milestone.metric;
  if (!metric) return milestone.done_at ? "Done" : "To do";
  const now = milestone.latest === null ? "Not measured yet" : `${withUnit(milestone, milestone.latest)} now`;
  const way = metric.direction === "down" ? "lower is better" : "higher is better";
  return `${now} · from ${number(metric.baseline)} to ${withUnit(milestone, metric.target)} (${way})`;
}

export function dueLabel(dueOn: string | null): string {
  return dueOn ? `due ${formatDate("shortDay", localDay(dueOn))}` : "";
}

/** A milestone being typed into a form: every field as text. */
export interface MilestoneDraft {
  title: string;
  baseline: string;
  target: string;
  unit: string;
  due: string;
}

export const emptyMilestoneDraft = (): MilestoneDraft => ({ title: "", baseline: "", target: "", unit: "", due: "" });

export function isBlank(draft: MilestoneDraft): boolean {
  return Object.values(draft).every((field) => !field.trim());
}

/** The milestone a form describes; a typed number that is not one is an error naming the field. */
export function toNewMilestone(draft: MilestoneDraft): NewMilestone {
  const read = (field: "baseline" | "target") => {
    const text = draft[field].trim();
    if (!text) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value)) throw new Error(`${field}: "${text}" is not a number`);
    return value;
  };
  return {
    title: draft.title,
    baseline: read("baseline"),
    target: read("target"),
    unit: draft.unit.trim() || undefined,
    due_on: draft.due || undefined,
  };
}
