//! The command line people type, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
}

/// What an entry says about itself, shared by `add` and `edit`.
#[derive(Debug, Args)]
pub struct EntryFields {
    /// It is a setback: something went wrong, and there is a lesson in it
    #[arg(long, conflicts_with = "note")]
    pub setback: bool,
    /// What I learned (setbacks)
    #[arg(long, value_name = "L")]
    pub lesson: Option<String>,
    /// What I will adjust (setbacks)
    #[arg(long, value_name = "A")]
    pub adjust: Option<String>,
    /// It is a note, neither win nor setback
    #[arg(long)]
    pub note: bool,
    /// A tag (repeatable; #tags in the text count too)
    #[arg(long, value_name = "T")]
    pub tag: Vec<String>,
    /// How it felt, from 1 (low) to 5 (high)
    #[arg(long, value_name = "1-5")]
    pub mood: Option<u8>,
    /// Star it
    #[arg(long)]
    pub star: bool,
    /// When it happened: YYYY-MM-DD, 'YYYY-MM-DD HH:MM', RFC 3339, today, yesterday or now
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only this kind: win, setback or note
    #[arg(long, value_name = "K")]
    pub kind: Option<String>,
    /// Only entries with this tag (repeatable: all of them)
    #[arg(long, value_name = "T")]
    pub tag: Vec<String>,
    /// Only starred entries
    #[arg(long)]
    pub starred: bool,
    /// From this date or time on
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this date (its whole day) or time
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}
