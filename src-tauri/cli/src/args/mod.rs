//! The command line people type, as clap reads it.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod backup;
mod entry;
mod goals;
mod reflect;
mod settings;
mod sync;

pub use backup::BackupCommand;
pub use entry::{EntryFields, FilterArgs};
pub use goals::{
    GoalCommand, GoalCorrection, MeasurementCommand, MilestoneCommand, MilestoneCorrection, MilestonePlan,
};
pub use reflect::FollowupCommand;
pub use settings::RemindCommand;
pub use sync::{KeepWhich, SyncArgs, SyncCommand};

#[derive(Debug, Parser)]
#[command(
    name = "wins",
    version,
    about = "Small Wins in a terminal: log small wins and setbacks, and find them again",
    after_help = "The journal is $SMALL_WINS_DB, or else $XDG_DATA_HOME/small-wins/journal.sqlite3 \
                  (~/.local/share/small-wins/journal.sqlite3), the same file the desktop app uses."
)]
pub struct Cli {
    /// Journal file to use instead of the default
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// File holding the passphrase of an encrypted journal (also $SMALL_WINS_PASSPHRASE_FILE);
    /// never the passphrase itself, which would show in the process list
    #[arg(long, global = true, value_name = "PATH")]
    pub passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log a win (or, with --setback or --note, a setback or a note); prints its id
    Add {
        /// Markdown; the first line is the title, #tags and @tags become tags
        text: String,
        #[command(flatten)]
        fields: EntryFields,
        #[arg(long)]
        json: bool,
    },
    /// Show the newest entries, optionally filtered
    List {
        /// How many entries to show
        #[arg(short = 'n', long = "number", value_name = "N", default_value_t = 20)]
        number: usize,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Find entries containing words, best matches first
    Search {
        /// Words to look for; the last may be the start of a word
        query: String,
        /// How many results to show
        #[arg(short = 'n', long = "number", value_name = "N", default_value_t = 20)]
        number: usize,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Show one entry in full
    Show {
        /// The entry's id, or any unambiguous start of it
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change an entry: new text, kind, tags, mood, star or time
    Edit {
        /// The entry's id, or any unambiguous start of it
        id: String,
        /// New text (inline tags of the old text are replaced by those of the new)
        text: Option<String>,
        #[command(flatten)]
        fields: EntryFields,
        /// Make it a win
        #[arg(long, conflicts_with_all = ["setback", "note"])]
        win: bool,
        /// Remove a tag
        #[arg(long, value_name = "TAG")]
        untag: Vec<String>,
        /// Remove the star
        #[arg(long, conflicts_with = "star")]
        unstar: bool,
        /// Clear the mood
        #[arg(long, conflicts_with = "mood")]
        no_mood: bool,
        /// Unlink it from its milestone
        #[arg(long, conflicts_with = "milestone")]
        no_milestone: bool,
        /// Remove a person's credit
        #[arg(long, value_name = "NAME")]
        uncredit: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Delete an entry (it can be restored)
    Rm {
        /// The entry's id, or any unambiguous start of it
        id: String,
    },
    /// Bring back a deleted entry
    Restore {
        /// The entry's id, or any unambiguous start of it
        id: String,
    },
    /// List tags with how many entries carry each
    Tags {
        #[arg(long)]
        json: bool,
    },
    /// List the people credited (+Name) with how many entries credit each
    People {
        #[arg(long)]
        json: bool,
    },
    /// A team digest of shared entries: progress by person, plans, problems and kudos
    Digest {
        /// week (or any span with --since and --until)
        #[arg(value_parser = ["week"])]
        period: String,
        /// A day in the week: YYYY-MM-DD, today or yesterday (default: the week under way, or
        /// early in a week, the one that just ended)
        #[arg(long, value_name = "DATE", conflicts_with_all = ["since", "until"])]
        date: Option<String>,
        /// The first day of a span other than a week
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// The last day of the span (default: today)
        #[arg(long, value_name = "DATE", requires = "since")]
        until: Option<String>,
        /// markdown, text (plain, wrapped at 72, for chat or e-mail) or html
        #[arg(long, value_name = "F", default_value = "markdown")]
        format: String,
        /// Write it to this file instead of the terminal
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Show shared setbacks' follow-up answers too (left out by default: they are your own notes)
        #[arg(long)]
        with_followups: bool,
        #[arg(long, conflicts_with_all = ["out", "format"])]
        json: bool,
    },
    /// Stand-up text: yesterday's shared wins, and today's focus and blockers from a shared check-in
    Standup {
        /// The day of the stand-up: YYYY-MM-DD, today or yesterday (default: today)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// text or markdown
        #[arg(long, value_name = "F", default_value = "text", value_parser = ["text", "markdown"])]
        format: String,
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Big goals: add, list, show, finish, drop, correct or delete them
    #[command(subcommand)]
    Goal(GoalCommand),
    /// Break a goal into a measurable step: a metric (with --baseline and --target) or a done-check; correct or delete one
    #[command(subcommand)]
    Milestone(MilestoneCommand),
    /// Correct or delete a measurement
    #[command(subcommand)]
    Measurement(MeasurementCommand),
    /// Log a value of a metric milestone; reaching its target logs a win
    Measure {
        /// The milestone's id, or any unambiguous start of it
        milestone_id: String,
        /// The value measured, a number in the milestone's unit
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// When it was measured (default: now)
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// A note about this measurement
        #[arg(long, value_name = "N")]
        note: Option<String>,
        /// Log a value far past the target or far the wrong way without asking
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
    /// Write the journal to a file: json (lossless), markdown, csv, html, jrnl or dayone
    Export {
        /// json, markdown, csv, html, jrnl or dayone
        #[arg(long, value_name = "F")]
        format: String,
        /// The file to write; for markdown, a folder (ending in /) gets one file per entry
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Encrypt the file with a passphrase in the age format (`age -d` reads it)
        #[arg(long)]
        encrypt: bool,
        /// With --encrypt: the file holding the export's passphrase (else it is asked twice)
        #[arg(long, value_name = "PATH", requires = "encrypt")]
        encrypt_passphrase_file: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Bring entries in from a Small Wins export, jrnl, Day One or a Small Wins Markdown folder
    Import {
        /// The file (or Markdown folder) to read
        path: PathBuf,
        /// small-wins, jrnl, dayone or markdown (default: told from the file)
        #[arg(long, value_name = "FORMAT")]
        from: Option<String>,
        /// How a jrnl journal writes its times, as jrnl's timeformat (e.g. "%d/%m/%Y %H:%M");
        /// needed only when the file's dates could be read more than one way
        #[arg(long, value_name = "STRFTIME")]
        time_format: Option<String>,
        /// Check the file and show what would be added, writing nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Tick a done-check milestone; the first tick logs a win
    Check {
        /// The milestone's id, or any unambiguous start of it
        milestone_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Back the journal up (into backups/ beside it, on a rotation, or --to a file); list or restore backups
    Backup {
        #[command(subcommand)]
        command: Option<BackupCommand>,
        /// Write the backup to this new file instead of the rotated backups folder
        #[arg(long, value_name = "PATH")]
        to: Option<PathBuf>,
        /// Daily backups the rotation keeps
        #[arg(long, value_name = "N", default_value_t = 7)]
        keep_daily: usize,
        /// Weekly backups the rotation keeps
        #[arg(long, value_name = "N", default_value_t = 4)]
        keep_weekly: usize,
        /// Monthly backups the rotation keeps
        #[arg(long, value_name = "N", default_value_t = 12)]
        keep_monthly: usize,
        #[arg(long)]
        json: bool,
    },
    /// Encrypt the journal at rest (asks for a new passphrase twice; prints a recovery key once)
    Encrypt,
    /// Turn the journal back into a plain SQLite file
    Decrypt,
    /// Change the passphrase of an encrypted journal (the journal itself is not rewritten)
    Passphrase {
        /// File holding the new passphrase (else it is asked for twice on the terminal)
        #[arg(long, value_name = "PATH")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Replace the recovery key of an encrypted journal with a new one, printed once (the old one
    /// stops working; the passphrase or the old recovery key is asked for first)
    RecoveryKey,
    /// Let the system keyring unlock the encrypted journal without typing (login, tray, reminders)
    Unlock,
    /// Stop the system keyring from unlocking the journal: the passphrase is needed again
    Lock,
    /// Sync with your other devices through a folder Syncthing (or any file sync) shares: write
    /// this journal's changes there, merge the others'
    Sync(SyncArgs),
    /// Check the journal: SQLite's integrity check and the search index's
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// A check-in (day) or review (week, month) pre-filled from the journal, as Markdown
    Review {
        /// day, week or month
        period: String,
        /// A day in the period: YYYY-MM-DD, today or yesterday (default: the period under way, or
        /// early in a week or month, the one that just ended)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Open it in $EDITOR and save what you write as a note tagged checkin or review
        #[arg(long, conflicts_with = "json")]
        save: bool,
        #[arg(long)]
        json: bool,
    },
    /// Reminders for the check-in, the reviews, setback follow-ups and a day with no win
    #[command(subcommand)]
    Remind(RemindCommand),
    /// Setbacks whose follow-up day has come, and whether their adjustment worked
    #[command(subcommand)]
    Followup(FollowupCommand),
    /// A year of wins at a glance: the grid, weekly bars, streaks, follow-ups, milestones and tags
    Insights {
        /// The first day (default: 53 weeks back, from a week start)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// The last day (default: today)
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Wins and setbacks from this day one week, one month and each year ago
    Onthisday {
        /// The day to look back from (default: today)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show the settings, or change them: week start, quiet hours, follow-up days, weekly streak
    Settings {
        /// The day weeks start on, such as mon or sun
        #[arg(long, value_name = "DAY")]
        week_start: Option<String>,
        /// Hours without reminders, HH:MM-HH:MM (may span midnight), or off
        #[arg(long, value_name = "FROM-UNTIL")]
        quiet: Option<String>,
        /// Days after a setback to ask whether the adjustment worked
        #[arg(long, value_name = "N")]
        followup_days: Option<u32>,
        /// Days with a win that keep a week in the weekly streak (1-7)
        #[arg(long, value_name = "N")]
        weekly_streak_days: Option<u32>,
        #[arg(long)]
        json: bool,
    },
}
