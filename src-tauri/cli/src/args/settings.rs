//! `wins remind` as clap reads it.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum RemindCommand {
    /// Add a rule: daily, weekly (--day fri), monthly (--day 1), followup, nudge or digest (--day fri),
    /// at --time HH:MM
    Add {
        /// daily, weekly, monthly, followup, nudge (fires when no win is logged that day), or digest
        /// (send the week's team digest)
        kind: String,
        /// The local time it fires: HH:MM
        #[arg(long, value_name = "HH:MM")]
        time: String,
        /// A weekday for weekly and digest rules, a day of the month for monthly ones
        #[arg(long, value_name = "DAY")]
        day: Option<String>,
        /// Stay silent when the check-in or review it asks for is already saved (the default)
        #[arg(long)]
        quiet_when_done: bool,
        /// Fire even when the check-in or review is already saved
        #[arg(long, conflicts_with = "quiet_when_done")]
        always: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show every reminder that is due as a system notification, once each, and exit
    Run {
        /// Print what fired as JSON
        #[arg(long)]
        json: bool,
    },
    /// Run `wins remind run` every minute with a systemd user timer, so reminders arrive with the
    /// app closed
    Install,
    /// Remove the timer `wins remind install` wrote
    Uninstall,
    /// Shows the firings read as JSON on stdin and opens Small Wins on a click (run by `run`)
    #[command(hide = true)]
    Deliver,
    /// Every rule with when it fires next
    List {
        #[arg(long)]
        json: bool,
    },
    /// Delete a rule
    Rm {
        /// The rule's id, or any unambiguous start of it
        id: String,
    },
    /// Bring back a deleted rule
    Restore {
        /// The rule's id, or any unambiguous start of it
        id: String,
    },
    /// Stop a rule from firing until it is resumed
    Pause {
        /// The rule's id, or any unambiguous start of it
        id: String,
    },
    /// Let a paused rule fire again, from its next time on
    Resume {
        /// The rule's id, or any unambiguous start of it
        id: String,
    },
    /// Put a rule off: 10m, 1h or tomorrow
    Snooze {
        /// The rule's id, or any unambiguous start of it
        id: String,
        /// 10m, 1h or tomorrow
        #[arg(value_name = "FOR")]
        duration: String,
    },
}
