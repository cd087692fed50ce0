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
adjust: string | null, 
/**
 * The milestone this entry moved, if it is linked to one.
 */
milestone_id: string | null, 
/**
 * People credited (`+Name`), in the spelling first used. Absent in files from before credits.
 */
people: Array<string>, 
/**
 * Whether it may appear in a team digest or stand-up; entries are private by default.
 */
shareable: boolean, };

export type NewEntry = { kind: Kind, text: string, tags: Array<string>, 
/**
 * When it happened; `None` means now.
 */
occurred_at?: string, mood?: number, starred: boolean, lesson?: string, adjust?: string, 
/**
 * The milestone this entry moved.
 */
milestone_id?: string, 
/**
 * People credited besides those written inline (`+Name`) in the text.
 */
people: Array<string>, shareable: boolean, };

export type EntryChanges = { kind?: Kind, 
/**
 * New text; inline tags of the old text are dropped and those of the new one added.
 */
text?: string, add_tags: Array<string>, remove_tags: Array<string>, occurred_at?: string, 
/**
 * `Some(None)` clears the mood (in JSON: `"mood": null`; leaving it out keeps it).
 */
mood?: number | null, starred?: boolean, lesson?: string, adjust?: string, 
/**
 * `Some(None)` unlinks it from its milestone.
 */
milestone_id?: string | null, 
/**
 * New text drops the old text's inline credits and adds the new one's, as with tags.
 */
add_people: Array<string>, remove_people: Array<string>, shareable?: boolean, };

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
text?: string, 
/**
 * Entries crediting this person (any spelling of the name).
 */
person?: string, };

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
adjust: string | null, 
/**
 * The milestone this entry moved, if it is linked to one.
 */
milestone_id: string | null, 
/**
 * People credited (`+Name`), in the spelling first used. Absent in files from before credits.
 */
people: Array<string>, 
/**
 * Whether it may appear in a team digest or stand-up; entries are private by default.
 */
shareable: boolean, };

export type TagCount = { name: string, count: number, };

export type RenderedEntry = { entry: Entry, 
/**
 * Sanitised HTML of `entry.text`.
 */
html: string, };

export type TodayView = { today: Array<Entry>, yesterday: Array<Entry>, streak: number, 
/**
 * Unfinished milestones of active goals that are overdue, behind pace or due within a week:
 * overdue first, then by due date.
 */
milestones: Array<MilestoneDue>, 
/**
 * Setbacks whose follow-up day has come, waiting to hear whether the adjustment worked.
 */
followups_waiting: number, };

export type MilestoneDue = { goal_id: string, goal_title: string, 
/**
 * With progress and pace, but only its latest measurement and no linked entries (the Goals
 * screen has the rest).
 */
milestone: Milestone, };

export type GoalStatus = "active" | "done" | "dropped";

export type Direction = "up" | "down";

export type PaceStatus = "done" | "ahead" | "on_pace" | "behind" | "overdue" | "unscheduled";

export type Metric = { baseline: number, target: number, 
/**
 * May be empty (a count).
 */
unit: string, 
/**
 * Up when the target is above the baseline, down when below.
 */
direction: Direction, };

export type Measurement = { id: string, value: number, measured_at: string, note: string | null, };

export type Milestone = { id: string, goal_id: string, title: string, started_on: string, due_on: string | null, 
/**
 * `None` for a done-check.
 */
metric: Metric | null, 
/**
 * When the target was first reached or the check ticked; it is celebrated once.
 */
done_at: string | null, 
/**
 * The value measured last (by when it was measured).
 */
latest: number | null, 
/**
 * How far the latest value has come from baseline to target (a check: 0 or 1), from 0 to 1.
 */
progress: number, pace: PaceStatus, 
/**
 * Where a straight line from start to due date says progress should be now.
 */
expected: number | null, 
/**
 * Oldest first.
 */
measurements: Array<Measurement>, 
/**
 * Entries linked to this milestone, newest first.
 */
linked: Array<Entry>, created_at: string, };

export type Goal = { id: string, title: string, why: string | null, due_on: string | null, status: GoalStatus, 
/**
 * The mean of its milestones' progress, from 0 to 1.
 */
progress: number, created_at: string, updated_at: string, milestones: Array<Milestone>, };

export type RenderedGoal = { goal: Goal, 
/**
 * Sanitised HTML of `goal.why`.
 */
why_html: string | null, };

export type ChartPoint = [number, number];

export type ChartLine = { 
/**
 * Oldest first, at most [`CHART_POINTS`] + 1: every `step`-th measurement from the first, the
 * step being the smallest that keeps them within [`CHART_POINTS`], and always the latest.
 */
points: Array<ChartPoint>, 
/**
 * The lowest and highest values of every measurement, drawn or not: the chart's scale takes
 * them in.
 */
lowest: number, highest: number, };

export type ScreenMilestone = { id: string, goal_id: string, title: string, started_on: string, due_on: string | null, 
/**
 * `None` for a done-check.
 */
metric: Metric | null, done_at: string | null, 
/**
 * The value measured last (by when it was measured).
 */
latest: number | null, 
/**
 * From 0 to 1.
 */
progress: number, pace: PaceStatus, 
/**
 * Where the pace line says progress should be now, to the whole percent the bar marks it at:
 * exact, it would differ at every read, and so would the goal's fingerprint.
 */
expected: number | null, measurement_count: number, 
/**
 * `None` until something is measured.
 */
chart: ChartLine | null, 
/**
 * The newest [`SHOWN_LINKED`] entries linked to it, newest first.
 */
linked: Array<Entry>, linked_count: number, };

export type ScreenGoal = { id: string, title: string, 
/**
 * Markdown, as written (the card's editor starts from it).
 */
why: string | null, 
/**
 * Sanitised HTML of `why`.
 */
why_html: string | null, due_on: string | null, status: GoalStatus, 
/**
 * The mean of its milestones' progress, from 0 to 1.
 */
progress: number, milestones: Array<ScreenMilestone>, };

export type GoalUpdate = { id: string, 
/**
 * Changes whenever anything the card shows changes, and with the day.
 */
fingerprint: string, 
/**
 * `None` when the window said it holds this fingerprint: what it shows is still true.
 */
goal: ScreenGoal | null, };

export type NewGoal = { title: string, 
/**
 * Markdown: why this goal matters.
 */
why?: string, due_on?: string, milestones: Array<NewMilestone>, };

export type NewMilestone = { title: string, 
/**
 * The day the pace line starts; `None` means today.
 */
started_on?: string, due_on?: string, baseline?: number, target?: number, unit?: string, };

export type NewMeasurement = { value: number, measured_at?: string, note?: string, 
/**
 * The user confirmed a value far past the target or far the wrong way (see
 * [`crate::progress::unlikely_value`]); without it such a value is refused.
 */
confirmed: boolean, };

export type Progressed = { milestone: Milestone, celebration: Entry | null, 
/**
 * The measurement just logged, so it can be corrected or taken back; `None` for a tick.
 */
measurement_id: string | null, };

export type GoalChanges = { title?: string, 
/**
 * `Some(None)` clears it (in JSON: `null`; leaving it out keeps it).
 */
why?: string | null, due_on?: string | null, };

export type MilestoneChanges = { title?: string, started_on?: string, due_on?: string | null, baseline?: number, target?: number, unit?: string, };

export type MeasurementChanges = { value?: number, measured_at?: string, note?: string | null, 
/**
 * As [`NewMeasurement::confirmed`], for the new value.
 */
confirmed: boolean, };

export type ExportFormat = "json" | "markdown" | "csv" | "html" | "jrnl" | "dayone";

export type ImportFormat = "small-wins" | "jrnl" | "dayone" | "markdown";

export type ExportReport = { format: ExportFormat, entries: number, 
/**
 * The file written, or the folder a one-file-per-entry Markdown export filled.
 */
path: string, };

export type ImportReport = { format: ImportFormat | null, added: number, 
/**
 * Already in the journal from an earlier import.
 */
skipped: number, goals_added: number, 
/**
 * Reminder rules added from a Small Wins export.
 */
reminders_added: number, dry_run: boolean, 
/**
 * Titles of the entries added (or to be added), oldest first, at most [`REPORTED_TITLES`].
 */
titles: Array<string>, };

export type ImportProgress = { done: number, total: number, };

export type PeriodKind = "day" | "week" | "month";

export type Period = { kind: PeriodKind, first: string, last: string, };

export type Review = { period: Period, 
/**
 * "Weekly review: 6–12 January 2025"; the saved entry's first line.
 */
title: string, 
/**
 * The period's wins, oldest first; a check-in shows the day before's.
 */
wins: Array<Entry>, setbacks: Array<ReviewedSetback>, milestones: Array<MilestoneChange>, 
/**
 * A check-in's milestones to keep in view: overdue, behind or due soon.
 */
focus: Array<MilestoneDue>, days_with_wins: number, 
/**
 * The longest run of days with a win inside the period.
 */
longest_run: number, 
/**
 * How the adjustments of the period's setbacks worked, counted as insights count them.
 */
followups: FollowupCounts, 
/**
 * The headings the user answers under, in order.
 */
prompts: Array<string>, 
/**
 * The review with empty answers: what `wins review` prints and `$EDITOR` opens.
 */
markdown: string, };

export type ReviewedSetback = { setback: Entry, followup: FollowupAnswer | null, };

export type MilestoneChange = { milestone_id: string, goal_title: string, title: string, unit: string | null, from: number | null, to: number | null, target: number | null, 
/**
 * Set when the milestone was reached or ticked within the period.
 */
done_at: string | null, };

export type RenderedReview = { review: Review, 
/**
 * Sanitised HTML of the review's summary.
 */
summary_html: string, };

export type Worked = "yes" | "partly" | "no";

export type FollowupAnswer = { worked: Worked, note: string | null, answered_at: string, };

export type Followup = { setback: Entry, due_on: string, };

export type DayOfWeek = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";

export type ReminderKind = "daily" | "weekly" | "monthly" | "followup" | "nudge" | "digest";

export type NewReminder = { kind: ReminderKind, time: string, day?: string, 
/**
 * Whether it stays silent when its check-in or review is already saved (the default);
 * `false` fires it whatever was done. Follow-ups and nudges are always quiet when done; a
 * digest reminder speaks every week.
 */
quiet_when_done?: boolean, };

export type Reminder = { id: string, kind: ReminderKind, time: string, weekday: DayOfWeek | null, month_day: number | null, paused: boolean, 
/**
 * Silent when its check-in or review is already saved (always so for follow-ups, nudges and
 * digest reminders, which have no "always").
 */
quiet_when_done: boolean, 
/**
 * When it fires next (a paused rule keeps the time it had).
 */
next_due_at: string, last_fired_at: string | null, 
/**
 * "Every Friday at 16:00", for lists.
 */
description: string, };

export type Snooze = "ten_minutes" | "one_hour" | "tomorrow";

export type Firing = { reminder_id: string, kind: ReminderKind, title: string, body: string, 
/**
 * When it was due; earlier than now when the app was closed or the machine asleep.
 */
due_at: string, };

export type QuietHours = { from: string, until: string, };

export type Settings = { week_start: DayOfWeek, quiet_hours: QuietHours | null, 
/**
 * Days after a setback to ask whether its adjustment worked.
 */
followup_days: number, 
/**
 * Days with a win that keep a week in the weekly streak (so a weekend off does not break it).
 * Settings saved before it existed read as the default.
 */
weekly_streak_days: number, };

export type AppSettings = { settings: Settings, start_at_login: boolean | null, reminders_when_closed: boolean | null, };

export type Destination = "capture" | "checkin" | "weekly_review" | "monthly_review" | "followups" | "team";

export type Signal = { "type": "reminder", firing: Firing, } | { "type": "open", destination: Destination, } | { "type": "locked" } | { "type": "damaged" } | { "type": "backup_failed", message: string, } | { "type": "synced", changed: boolean, };

export type JournalErrorCode = "invalid_input" | "not_found" | "ambiguous_id" | "deleted" | "not_deleted" | "needs_confirmation" | "not_a_journal" | "damaged" | "journal_too_new" | "locked" | "wrong_secret" | "key_file" | "already_encrypted" | "not_encrypted" | "in_use" | "keyring" | "crypto" | "sync_segment" | "io" | "not_syncing" | "already_syncing" | "sync_folder" | "no_data_dir" | "systemd" | "database" | "migration";

export type ShellErrorCode = "exists" | "nothing_picked" | "autostart" | "notification" | "internal";

export type ErrorCode = JournalErrorCode | ShellErrorCode;

export type CommandError = { 
/**
 * Stable and machine-readable, e.g. `invalid_input`, `not_found`, `exists`.
 */
code: ErrorCode, 
/**
 * A sentence a person can read, naming what was wrong.
 */
message: string, };

export type DayCount = { day: string, wins: number, setbacks: number, notes: number, 
/**
 * The mean mood of the day's entries that have one, from 1 to 5.
 */
mood: number | null, };

export type WeekCount = { 
/**
 * The week's first day (the user's week start), which may lie before the period.
 */
first: string, wins: number, setbacks: number, days_with_wins: number, 
/**
 * The week's days inside the period (7 but at the period's edges).
 */
days: number, 
/**
 * `days_with_wins / days`, from 0 to 1.
 */
win_day_share: number, };

export type BestWeek = { first: string, wins: number, };

export type Streaks = { 
/**
 * Days in a row with a win, ending on the period's last day (or today, while today has no
 * win yet); it may reach back before the period.
 */
current: number, 
/**
 * The longest run of days with a win inside the period.
 */
longest: number, 
/**
 * Weeks in a row, up to the period's last, with at least the settings' `weekly_streak_days`
 * days with a win; a week under way that has not got there yet does not break it.
 */
weekly: number, best_week: BestWeek | null, };

export type TagFollowups = { tag: string, yes: number, partly: number, no: number, unanswered: number, };

export type FollowupCounts = { yes: number, partly: number, no: number, unanswered: number, 
/**
 * The same per tag of the setbacks, the tags with most setbacks first.
 */
by_tag: Array<TagFollowups>, };

export type MilestonePace = { goal_title: string, milestone_id: string, title: string, due_on: string | null, 
/**
 * From 0 to 1.
 */
progress: number, 
/**
 * Where the straight line from start to due date says progress should be now.
 */
expected: number | null, pace: PaceStatus, };

export type MilestoneInsights = { 
/**
 * Milestones first reached or ticked within the period.
 */
reached: number, 
/**
 * Every unfinished milestone of an active goal, with its pace now.
 */
active: Array<MilestonePace>, };

export type TagInsights = { wins: Array<TagCount>, setbacks: Array<TagCount>, };

export type Insights = { 
/**
 * Every local day of the period, first to last, with or without entries.
 */
days: Array<DayCount>, 
/**
 * Every week (from the user's week start) that holds days of the period.
 */
weeks: Array<WeekCount>, streak: Streaks, followups: FollowupCounts, milestones: MilestoneInsights, tags: TagInsights, };

export type Lookback = { 
/**
 * "1 week ago", "1 month ago", "1 year ago", "3 years ago".
 */
label: string, day: string, 
/**
 * Its wins and setbacks (with their lessons), oldest first.
 */
entries: Array<Entry>, };

export type OnThisDay = { day: string, 
/**
 * Only the days back that hold a win or a setback: nearest first.
 */
lookbacks: Array<Lookback>, };

export type Lesson = { setback: Entry, followup: FollowupAnswer | null, 
/**
 * The draft's tags this setback also had.
 */
shared_tags: Array<string>, };

export type PersonCount = { name: string, count: number, };

export type TeamFormat = "markdown" | "text" | "html";

export type TeamDigest = { 
/**
 * "Team digest: 6–12 January 2025".
 */
title: string, first: string, last: string, nothing_shared: boolean, 
/**
 * The Markdown rendering as sanitised HTML, to show.
 */
html: string, 
/**
 * Plain text wrapped at 72 columns, to paste into chat or e-mail.
 */
text: string, markdown: string, };

export type TeamStandup = { text: string, 
/**
 * The day's check-in was saved but is private, so its focus and blockers were left out.
 */
checkin_private: boolean, };

export type EncryptionStatus = { encrypted: boolean, 
/**
 * Encrypted and not unlocked: every journal command answers `locked`.
 */
locked: boolean, 
/**
 * The OS keyring unlocks this journal (its key file has a keyring slot).
 */
remembered: boolean, 
/**
 * Idle minutes before the window locks; `None` when it never does, or while locked.
 */
idle_lock_minutes: number | null, };

export type FirstReads = { status: { Ok : EncryptionStatus } | { Err : CommandError }, recovery: { Ok : Recovery | null } | { Err : CommandError }, today: { Ok : TodayView } | { Err : CommandError }, date_formats: string | null, };

export type Backup = { path: string, taken_at: string, bytes: number, };

export type Backups = { folder: string, backups: Array<Backup>, };

export type Restored = { kept: string, };

export type Recovery = { 
/**
 * The damaged journal, left where it is until a backup is restored.
 */
journal: string, 
/**
 * What is wrong with it, as SQLite put it.
 */
reason: string, 
/**
 * Where the damaged file is kept once a backup takes its place.
 */
kept_in: string, 
/**
 * The newest backup that passes SQLite's integrity check, if any does.
 */
newest_good: Backup | null, };

export type SyncOverview = { folder: string, 
/**
 * Every device that has written to the folder, this one first.
 */
devices: Array<SyncDevice>, 
/**
 * This device's changes not yet written to the folder.
 */
unwritten_changes: number, 
/**
 * Other devices' changes in the folder not merged yet (waiting for what they depend on).
 */
waiting_segments: number, 
/**
 * Entries whose words were edited on two devices, waiting for a choice.
 */
conflicts: number, 
/**
 * When this window last synced, and why the last try failed (cleared by one that works).
 */
last_synced: string | null, last_error: string | null, };

export type SyncDevice = { id: string, 
/**
 * What the device calls itself (its host name), once one of its segments is merged.
 */
name: string | null, this_device: boolean, 
/**
 * Its latest change merged here, by its own clock.
 */
last_change: string | null, };

export type SyncConflict = { entry_id: string, 
/**
 * "text", "lesson" or "adjust".
 */
field: string, 
/**
 * The words the entry shows now, and the other device's.
 */
current: string | null, other: string | null, 
/**
 * The device that wrote the other words, and when by its clock.
 */
device: string, written_at: string | null, 
/**
 * Names the other words' version to [`Store::resolve_conflict`]: "<clock>/<device>".
 */
version: string, };
