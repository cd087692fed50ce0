// `#` completion from the tags already in the journal: the tags beginning with what was typed
// (but not the one typed in full), most used first.
import type { TagCount } from "./api";

/** How many suggestions are shown at once. */
const SHOWN = 6;

export function completions(typed: string, tags: TagCount[], exclude: string[] = []): string[] {
  const prefix = typed.replace(/^#/, "").trim().toLowerCase();
  if (!prefix) return [];
  const taken = new Set(exclude.map((tag) => tag.toLowerCase()));
  return tags
    .filter((tag) => {
      const name = tag.name.toLowerCase();
      return name.startsWith(prefix) && name !== prefix && !taken.has(name);
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, SHOWN)
    .map((tag) => tag.name);
}

/** The `#word` being typed just before `caret` in `text`, if any: its start and what follows `#`. */
export function hashWordAt(text: string, caret: number): { start: number; typed: string } | null {
  const match = /(^|\s)#([\p{L}\p{N}_-]*)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2].length - 1, typed: match[2] };
}
