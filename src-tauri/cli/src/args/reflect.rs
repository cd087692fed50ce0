//! `wins followup` as clap reads it.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum FollowupCommand {
    /// Setbacks waiting for their follow-up, oldest first
    List {
        #[arg(long)]
        json: bool,
    },
    /// Answer a setback's follow-up: did the adjustment work?
    Answer {
        /// The setback's id, or any unambiguous start of it
        setback_id: String,
        /// yes, partly or no
        worked: String,
        /// What happened
        #[arg(long, value_name = "N")]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
}
