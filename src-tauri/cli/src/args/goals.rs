//! `wins goal` and `wins milestone` as clap reads them.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum GoalCommand {
    /// Add a goal; prints its id
    Add {
        title: String,
        /// Why it matters (Markdown)
        #[arg(long, value_name = "W")]
        why: Option<String>,
        /// When it should be reached: YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Every goal with its milestones' progress, active goals first
    List {
        #[arg(long)]
        json: bool,
    },
    /// One goal with its milestones, measurements and linked wins
    Show {
        /// The goal's id, or any unambiguous start of it
        goal_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Mark a goal done
    Done {
        /// The goal's id, or any unambiguous start of it
        goal_id: String,
    },
    /// Drop a goal you no longer pursue (it stays in the journal)
    Drop {
        /// The goal's id, or any unambiguous start of it
        goal_id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum MilestoneCommand {
    /// Add a milestone to a goal; prints its id
    Add {
        /// The goal's id, or any unambiguous start of it
        goal_id: String,
        title: String,
        #[command(flatten)]
        plan: MilestonePlan,
        #[arg(long)]
        json: bool,
    },
}

/// What a milestone measures and by when, beyond its title.
#[derive(Debug, Args)]
pub struct MilestonePlan {
    /// Where the metric stands now
    #[arg(long, value_name = "B", allow_hyphen_values = true, requires = "target")]
    pub baseline: Option<String>,
    /// Where it should get to (below the baseline when lower is better)
    #[arg(long, value_name = "T", allow_hyphen_values = true, requires = "baseline")]
    pub target: Option<String>,
    /// What the metric counts in, such as min or %
    #[arg(long, value_name = "U", requires = "baseline")]
    pub unit: Option<String>,
    /// When it should be reached: YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// When the pace line starts (default: today)
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
}
