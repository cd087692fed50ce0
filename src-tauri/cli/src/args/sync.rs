//! `wins sync` as clap reads it.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Make FOLDER (one Syncthing or another file sync shares) this journal's sync folder: writes
    /// its key, sealed with a new sync passphrase, and the journal, encrypted; prints a recovery key
    Init {
        folder: PathBuf,
        #[command(flatten)]
        passphrase: SyncPassphrase,
    },
    /// Take part in the journal FOLDER holds (on a new device: build the journal from it)
    Join {
        folder: PathBuf,
        #[command(flatten)]
        passphrase: SyncPassphrase,
        #[arg(long)]
        json: bool,
    },
    /// Where and with whom this journal syncs, and what waits
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Words of an entry edited on two devices: the version shown and the one kept beside it
    Conflicts {
        #[arg(long)]
        json: bool,
    },
    /// Settle an entry edited on two devices: keep the words shown, or take the other device's
    Keep {
        /// The entry's id, or any unambiguous start of it
        id: String,
        /// shown or other
        #[arg(value_enum)]
        which: KeepWhich,
        /// Which words: text, lesson or adjust
        #[arg(long, default_value = "text")]
        field: String,
    },
    /// Stop syncing: the journal keeps every entry; the folder keeps what it wrote for the others
    Leave,
}

#[derive(Debug, Args)]
pub struct SyncPassphrase {
    /// File holding the sync folder's passphrase (also $SMALL_WINS_SYNC_PASSPHRASE_FILE); else it
    /// is asked for on the terminal
    #[arg(long, value_name = "PATH")]
    pub sync_passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeepWhich {
    /// The words the entry shows now
    Shown,
    /// The other device's words (the newest, when several were kept)
    Other,
}
