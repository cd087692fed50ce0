// Generated from the Rust types by src-tauri/src/tests/bindings.rs. Do not edit.

export type Kind = "win" | "setback" | "note";

export type Entry = { id: string, kind: Kind, 
/**
 * Markdown; the first line is the title.
 */
text: string, 
/**
 * Without sigil, in the spelling first used.
 */
tags: Array<string>, occurred_at: string, created_at: string, updated_at: string, mood: number | null, starred: boolean, 
/**
 * What I learned (setbacks).
 */
lesson: string | null, 
/**
 * What I will adjust (setbacks).
 */
adjust: string | null, };

export type NewEntry = { kind: Kind, text: string, tags: Array<string>, 
/**
 * When it happened; `None` means now.
 */
occurred_at?: string, mood?: number, starred: boolean, lesson?: string, adjust?: string, };

export type EntryChanges = { kind?: Kind, 
/**
 * New text; inline tags of the old text are dropped and those of the new one added.
 */
text?: string, add_tags: Array<string>, remove_tags: Array<string>, occurred_at?: string, 
/**
 * `Some(None)` clears the mood (in JSON: `"mood": null`; leaving it out keeps it).
 */
mood?: number | null, starred?: boolean, lesson?: string, adjust?: string, };

export type Filter = { kind?: Kind, 
/**
 * Entries carrying every one of these tags.
 */
tags: Array<string>, starred_only: boolean, 
/**
 * Entries that happened at or after this instant.
 */
since?: string, 
/**
 * Entries that happened before this instant.
 */
until?: string, 
/**
 * Words the entry contains (as in search).
 */
text?: string, };

export type Cursor = string;

export type Page = { entries: Array<Entry>, 
/**
 * Where the next page starts, when there is one.
 */
next: Cursor | null, };

export type SnippetPart = { text: string, highlighted: boolean, };

export type SearchHit = { snippet: Array<SnippetPart>, id: string, kind: Kind, 
/**
 * Markdown; the first line is the title.
 */
text: string, 
/**
 * Without sigil, in the spelling first used.
 */
tags: Array<string>, occurred_at: string, created_at: string, updated_at: string, mood: number | null, starred: boolean, 
/**
 * What I learned (setbacks).
 */
lesson: string | null, 
/**
 * What I will adjust (setbacks).
 */
adjust: string | null, };

export type TagCount = { name: string, count: number, };

export type RenderedEntry = { entry: Entry, 
/**
 * Sanitised HTML of `entry.text`.
 */
html: string, };

export type TodayView = { today: Array<Entry>, yesterday: Array<Entry>, streak: number, };

export type CommandError = { 
/**
 * Stable and machine-readable, e.g. `invalid_input`, `not_found`, `not_a_journal`.
 */
code: string, 
/**
 * A sentence a person can read, naming what was wrong.
 */
message: string, };
