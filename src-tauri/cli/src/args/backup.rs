//! `wins backup` as clap reads it.

use std::path::PathBuf;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// The backups in the rotated backups folder, newest first
    List {
        #[arg(long)]
        json: bool,
    },
    /// Replace the journal with a backup, keeping the current journal as a backup first
    Restore {
        /// The backup file (as `wins backup list` shows it)
        backup: PathBuf,
    },
}
