//! `wins goal`, `wins milestone` and `wins measurement` as clap reads them.

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
    #[command(flatten)]
    Correct(GoalCorrection),
}

/// The goal commands that correct a goal or take it away.
#[derive(Debug, Subcommand)]
pub enum GoalCorrection {
    /// Correct a goal's title, why or due date
    Edit {
        /// The goal's id, or any unambiguous start of it
        goal_id: String,
        #[arg(long, value_name = "T")]
        title: Option<String>,
        /// Why it matters (Markdown)
        #[arg(long, value_name = "W", conflicts_with = "no_why")]
        why: Option<String>,
        #[arg(long)]
        no_why: bool,
        /// When it should be reached: YYYY-MM-DD
        #[arg(long, value_name = "DATE", conflicts_with = "no_due")]
        due: Option<String>,
        #[arg(long)]
        no_due: bool,
        #[arg(long)]
        json: bool,
    },
    /// Delete a goal and its milestones (it can be restored)
    Rm {
        /// The goal's id, or any unambiguous start of it
        goal_id: String,
    },
    /// Bring back a deleted goal
    Restore {
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
    #[command(flatten)]
    Correct(MilestoneCorrection),
}

/// The milestone commands that correct a milestone or take it away.
#[derive(Debug, Subcommand)]
pub enum MilestoneCorrection {
    /// Correct a milestone: its title, dates, or a metric's baseline, target and unit
    Edit {
        /// The milestone's id, or any unambiguous start of it
        milestone_id: String,
        #[arg(long, value_name = "T")]
        title: Option<String>,
        /// Where the metric started
        #[arg(long, value_name = "B", allow_hyphen_values = true)]
        baseline: Option<String>,
        /// Where it should get to
        #[arg(long, value_name = "T", allow_hyphen_values = true)]
        target: Option<String>,
        /// What the metric counts in
        #[arg(long, value_name = "U")]
        unit: Option<String>,
        /// When the pace line starts: YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// When it should be reached: YYYY-MM-DD
        #[arg(long, value_name = "DATE", conflicts_with = "no_due")]
        due: Option<String>,
        #[arg(long)]
        no_due: bool,
        #[arg(long)]
        json: bool,
    },
    /// Delete a milestone (it can be restored)
    Rm {
        /// The milestone's id, or any unambiguous start of it
        milestone_id: String,
    },
    /// Bring back a deleted milestone
    Restore {
        /// The milestone's id, or any unambiguous start of it
        milestone_id: String,
    },
}

/// `wins measurement`: correcting a value logged with `wins measure`.
#[derive(Debug, Subcommand)]
pub enum MeasurementCommand {
    /// Correct a measurement's value, time or note; the milestone's "reached" follows
    Edit {
        /// The measurement's id (see wins goal show, or wins measure --json), or any unambiguous start of it
        measurement_id: String,
        /// The value measured
        #[arg(long, value_name = "V", allow_hyphen_values = true)]
        value: Option<String>,
        /// When it was measured
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        #[arg(long, value_name = "N", conflicts_with = "no_note")]
        note: Option<String>,
        #[arg(long)]
        no_note: bool,
        /// Log a value far past the target or far the wrong way without asking
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
    /// Delete a measurement; a milestone only it had reached is no longer reached, and its win goes
    Rm {
        /// The measurement's id, or any unambiguous start of it
        measurement_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Bring back a deleted measurement, with the "reached" and win it had brought
    Restore {
        /// The measurement's id, or any unambiguous start of it
        measurement_id: String,
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
