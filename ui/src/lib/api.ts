// The one way the UI talks to the journal: typed calls to the shell's commands.
import { Channel, invoke } from "@tauri-apps/api/core";
import { startOfDay } from "./format";
import type {
  AppSettings,
  Backups,
  CommandError,
  Cursor,
  EncryptionStatus,
  Entry,
  EntryChanges,
  ErrorCode,
  ExportFormat,
  ExportReport,
  Filter,
  Followup,
  FollowupAnswer,
  Insights,
  Lesson,
  OnThisDay,
  GoalChanges,
  GoalStatus,
  GoalUpdate,
  Kind,
  ImportFormat,
  ImportProgress,
  ImportReport,
  Measurement,
  MeasurementChanges,
  Milestone,
  MilestoneChanges,
  NewEntry,
  NewGoal,
  NewMeasurement,
  NewMilestone,
  NewReminder,
  Page,
  PeriodKind,
  PersonCount,
  Progressed,
  Recovery,
  Reminder,
  Restored,
  RenderedEntry,
  RenderedGoal,
  RenderedReview,
  SearchHit,
  Settings,
  Signal,
  Snooze,
  SyncConflict,
  SyncOverview,
  TagCount,
  TeamDigest,
  TeamFormat,
  TeamStandup,
  TodayView,
  Worked,
} from "./bindings";

export type * from "./bindings";

/** A failed command, carrying the backend's code and its readable message. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(error: CommandError) {
    super(error.message);
    this.code = error.code;
  }
}

/** Hears that a command found the journal locked, so the window shows its unlock screen. */
let onLocked: () => void = () => {};
export function whenLocked(listener: () => void) {
  onLocked = listener;
}

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    const error = raw as Partial<CommandError> | string;
    if (typeof error === "object" && error && typeof error.code === "string") {
      if (error.code === "locked") onLocked();
      throw new ApiError(error as CommandError);
    }
    throw new ApiError({ code: "internal", message: String(raw) });
  }
}

export const api = {
  today: () => call<TodayView>("today"),
  journalWrittenElsewhere: () => call<boolean>("journal_written_elsewhere"),
  listEntries: (filter: Filter, limit: number, after: Cursor | null = null) =>
    call<Page>("list_entries", { filter, limit, after }),
  searchEntries: (query: string, filter: Filter, limit: number) =>
    call<SearchHit[]>("search_entries", { query, filter, limit }),
  getEntry: (id: string) => call<RenderedEntry>("get_entry", { id }),
  addEntry: (entry: NewEntry) => call<Entry>("add_entry", { entry }),
  editEntry: (id: string, changes: EntryChanges) => call<RenderedEntry>("edit_entry", { id, changes }),
  deleteEntry: (id: string) => call<Entry>("delete_entry", { id }),
  restoreEntry: (id: string) => call<Entry>("restore_entry", { id }),
  listTags: () => call<TagCount[]>("list_tags"),
  /** The Goals screen's goals in order; those whose fingerprint is in `known` come without content. */
  listGoals: (known: string[] = []) => call<GoalUpdate[]>("list_goals", { known }),
  /** Every measurement of one milestone, oldest first. */
  listMeasurements: (milestoneId: string) => call<Measurement[]>("list_measurements", { milestoneId }),
  addGoal: (goal: NewGoal) => call<RenderedGoal>("add_goal", { goal }),
  setGoalStatus: (id: string, status: GoalStatus) => call<RenderedGoal>("set_goal_status", { id, status }),
  deleteGoal: (id: string) => call<RenderedGoal>("delete_goal", { id }),
  restoreGoal: (id: string) => call<RenderedGoal>("restore_goal", { id }),
  addMilestone: (goalId: string, milestone: NewMilestone) => call<Milestone>("add_milestone", { goalId, milestone }),
  measureMilestone: (milestoneId: string, measurement: NewMeasurement) =>
    call<Progressed>("measure_milestone", { milestoneId, measurement }),
  checkMilestone: (milestoneId: string) => call<Progressed>("check_milestone", { milestoneId }),
  editGoal: (id: string, changes: GoalChanges) => call<RenderedGoal>("edit_goal", { id, changes }),
  editMilestone: (id: string, changes: MilestoneChanges) => call<Progressed>("edit_milestone", { id, changes }),
  deleteMilestone: (id: string) => call<Milestone>("delete_milestone", { id }),
  restoreMilestone: (id: string) => call<Milestone>("restore_milestone", { id }),
  editMeasurement: (id: string, changes: MeasurementChanges) => call<Progressed>("edit_measurement", { id, changes }),
  deleteMeasurement: (id: string) => call<Progressed>("delete_measurement", { id }),
  restoreMeasurement: (id: string) => call<Progressed>("restore_measurement", { id }),
  /** Asks where an export goes in the system's save dialog (a folder one for a Markdown file per
   *  entry); the path stays in Rust. The path to show, or null when cancelled. */
  pickExportPath: (format: ExportFormat, folder: boolean) =>
    call<string | null>("pick_export_path", { format, folder }),
  /** Writes the export to the path picked with `pickExportPath`. */
  exportJournal: (format: ExportFormat, filter: Filter, replace: boolean) =>
    call<ExportReport>("export_journal", { format, filter, replace }),
  review: (kind: PeriodKind, date: string | null) => call<RenderedReview>("review", { kind, date }),
  saveReview: (kind: PeriodKind, date: string | null, answers: string[]) =>
    call<Entry>("save_review", { kind, date, answers }),
  listFollowups: () => call<Followup[]>("list_followups"),
  answerFollowup: (setbackId: string, worked: Worked, note: string | null) =>
    call<FollowupAnswer>("answer_followup", { setbackId, worked, note }),
  listReminders: () => call<Reminder[]>("list_reminders"),
  addReminder: (reminder: NewReminder) => call<Reminder>("add_reminder", { reminder }),
  removeReminder: (id: string) => call<Reminder>("remove_reminder", { id }),
  restoreReminder: (id: string) => call<Reminder>("restore_reminder", { id }),
  setReminderPaused: (id: string, paused: boolean) => call<Reminder>("set_reminder_paused", { id, paused }),
  snoozeReminder: (id: string, snooze: Snooze) => call<Reminder>("snooze_reminder", { id, snooze }),
  getSettings: () => call<AppSettings>("get_settings"),
  saveSettings: (settings: Settings) => call<Settings>("save_settings", { settings }),
  setStartAtLogin: (enabled: boolean) => call<boolean>("set_start_at_login", { enabled }),
  setReminderQuietWhenDone: (id: string, quietWhenDone: boolean) =>
    call<Reminder>("set_reminder_quiet_when_done", { id, quietWhenDone }),
  setRemindersWhenClosed: (enabled: boolean) => call<boolean>("set_reminders_when_closed", { enabled }),
  /** Hears reminders the window must show itself and screens to open; call once per page load. */
  watchSignals: (onSignal: (signal: Signal) => void) => {
    const channel = new Channel<Signal>();
    channel.onmessage = onSignal;
    return call<null>("watch_signals", { channel });
  },
  /** Asks which file (or Markdown folder) to import in the system's open dialog; the path stays in
   *  Rust. The path to show, or null when cancelled. */
  pickImportSource: (folder: boolean) => call<string | null>("pick_import_source", { folder }),
  /** Imports (or with `dryRun` only reads) the file picked with `pickImportSource`. */
  importJournal: (from: ImportFormat | null, dryRun: boolean, onProgress: (p: ImportProgress) => void) => {
    const progress = new Channel<ImportProgress>();
    progress.onmessage = onProgress;
    return call<ImportReport>("import_journal", { from, dryRun, progress });
  },
  appReady: () => call<void>("app_ready"),
  /** Has the shell keep the date patterns learnt in this locale (`dateFormats.ts`) for the next launch. */
  rememberDateFormats: (formats: string) => call<null>("remember_date_formats", { formats }),
  /** Insights for local days `since` to `until`; by default the 53 weeks up to today. */
  insights: (since: string | null = null, until: string | null = null) => call<Insights>("insights", { since, until }),
  onThisDay: (date: string | null = null) => call<OnThisDay>("on_this_day", { date }),
  lessonsFor: (text: string, tags: string[]) => call<Lesson[]>("lessons_for", { text, tags }),
  getDraft: (key: string) => call<string | null>("get_draft", { key }),
  saveDraft: (key: string, text: string) => call<null>("save_draft", { key, text }),
  discardDraft: (key: string) => call<null>("discard_draft", { key }),
  listPeople: () => call<PersonCount[]>("list_people"),
  /** The digest of the week holding local day `date`; by default the week a review now looks back on. */
  teamDigest: (date: string | null = null) => call<TeamDigest>("team_digest", { date }),
  /** Asks where the digest of the week from `first` goes in the system's save dialog; the path
   *  stays in Rust. The path to show, or null when cancelled. */
  pickDigestPath: (first: string, format: TeamFormat) => call<string | null>("pick_digest_path", { first, format }),
  /** Writes the digest of the week holding `date` to the path picked with `pickDigestPath`; returns its title. */
  saveDigest: (date: string, format: TeamFormat, replace: boolean) =>
    call<string>("save_digest", { date, format, replace }),
  /** The stand-up of local day `date`; by default today's. */
  standup: (date: string | null = null) => call<TeamStandup>("standup", { date }),
  encryptionStatus: () => call<EncryptionStatus>("encryption_status"),
  /** Unlocks with the passphrase or the recovery key. */
  unlockJournal: (secret: string) => call<null>("unlock_journal", { secret }),
  lockJournal: () => call<null>("lock_journal"),
  /** Encrypts the journal; returns the recovery key, to be shown once. */
  encryptJournal: (passphrase: string) => call<string>("encrypt_journal", { passphrase }),
  /** Makes the journal plain again, given its passphrase or recovery key. */
  decryptJournal: (secret: string) => call<null>("decrypt_journal", { secret }),
  changePassphrase: (current: string, passphrase: string) => call<null>("change_passphrase", { current, passphrase }),
  newRecoveryKey: (secret: string) => call<string>("new_recovery_key", { secret }),
  /** The OS keyring unlocks this journal on this device (turning it on takes the passphrase). */
  setRemembered: (remembered: boolean, secret: string | null) => call<boolean>("set_remembered", { remembered, secret }),
  setIdleLock: (minutes: number | null) => call<number | null>("set_idle_lock", { minutes }),
  listBackups: () => call<Backups>("list_backups"),
  /** Restores one of the backups `listBackups` or `journalRecovery` named; reload the window after. */
  restoreBackup: (path: string) => call<Restored>("restore_backup", { path }),
  /** What to offer when the journal's file is damaged; null when it is not. */
  journalRecovery: () => call<Recovery | null>("journal_recovery"),
  /** Where and with whom the journal syncs, and this window's last sync; null when it does not sync. */
  syncStatus: () => call<SyncOverview | null>("sync_status"),
  /** Syncs now; the outcome arrives as a `synced` signal. */
  syncNow: () => call<null>("sync_now"),
  /** Asks for the sync folder in the system's folder dialog; the path stays in Rust. The path to
   *  show, or null when cancelled. */
  pickSyncFolder: () => call<string | null>("pick_sync_folder"),
  /** Makes the picked folder the journal's sync folder; returns its recovery key, to be shown once. */
  setUpSync: (passphrase: string) => call<string>("set_up_sync", { passphrase }),
  /** Joins the journal the picked folder holds; returns how many entries came in. */
  joinSync: (passphrase: string) => call<number>("join_sync", { passphrase }),
  /** Stops syncing; returns the folder it synced through. */
  leaveSync: () => call<string>("leave_sync"),
  /** Words edited on two devices, newest first. */
  listSyncConflicts: () => call<SyncConflict[]>("list_sync_conflicts"),
  /** Keeps the words shown, or with `keepOther` the other device's; the choice syncs. */
  resolveSyncConflict: (conflict: SyncConflict, keepOther: boolean) =>
    call<null>("resolve_sync_conflict", {
      entryId: conflict.entry_id,
      field: conflict.field,
      version: conflict.version,
      keepOther,
    }),
};

export const emptyFilter = (): Filter => ({ tags: [], starred_only: false });

/** The filter a form's fields describe; empty fields filter nothing, dates are local days. */
export function formFilter(fields: { kind: Kind | ""; tag: string; from: string; to: string; starredOnly?: boolean }): Filter {
  return {
    ...emptyFilter(),
    kind: fields.kind || undefined,
    tags: fields.tag ? [fields.tag] : [],
    starred_only: fields.starredOnly ?? false,
    since: fields.from ? startOfDay(fields.from) : undefined,
    until: fields.to ? startOfDay(fields.to, 1) : undefined,
  };
}
