//! A reflection on a day, week or month: the period's wins, setbacks and milestone changes laid out
//! as Markdown, with the prompts the user answers.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use ts_rs::TS;

use crate::followups::FollowupAnswer;
use crate::insights::FollowupCounts;
use crate::period::{Period, PeriodKind};
use crate::store::counted;
use crate::{Entry, MilestoneDue};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Review {
    pub period: Period,
    /// "Weekly review: 6–12 January 2025"; the saved entry's first line.
    pub title: String,
    /// The period's wins, oldest first; a check-in shows the day before's.
    pub wins: Vec<Entry>,
    pub setbacks: Vec<ReviewedSetback>,
    pub milestones: Vec<MilestoneChange>,
    /// A check-in's milestones to keep in view: overdue, behind or due soon.
    pub focus: Vec<MilestoneDue>,
    pub days_with_wins: u32,
    /// The longest run of days with a win inside the period.
    pub longest_run: u32,
    /// How the adjustments of the period's setbacks worked, counted as insights count them.
    pub followups: FollowupCounts,
    /// The headings the user answers under, in order.
    pub prompts: Vec<String>,
    /// The review with empty answers: what `wins review` prints and `$EDITOR` opens.
    pub markdown: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReviewedSetback {
    pub setback: Entry,
    pub followup: Option<FollowupAnswer>,
}

/// How a milestone moved in the period: from the value before it to the last one in it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MilestoneChange {
    pub milestone_id: String,
    pub goal_title: String,
    pub title: String,
    pub unit: Option<String>,
    pub from: Option<f64>,
    pub to: Option<f64>,
    pub target: Option<f64>,
    /// Set when the milestone was reached or ticked within the period.
    pub done_at: Option<DateTime<FixedOffset>>,
}

impl Review {
    pub(crate) fn prompts_for(kind: PeriodKind) -> Vec<String> {
        match kind {
            PeriodKind::Day => vec!["Today's focus".to_owned(), "Blockers".to_owned()],
            PeriodKind::Week | PeriodKind::Month => vec!["What went well".to_owned(), "What I'll change".to_owned()],
        }
    }

    pub(crate) fn title_for(period: &Period) -> String {
        match period.kind {
            PeriodKind::Day => format!("Daily check-in: {period}"),
            PeriodKind::Week => format!("Weekly review: {period}"),
            PeriodKind::Month => format!("Monthly review: {period}"),
        }
    }

    /// The review as Markdown with `answers` under its prompts (missing ones left empty).
    pub fn compose(&self, answers: &[String]) -> String {
        let mut text = self.summary_markdown();
        for (index, prompt) in self.prompts.iter().enumerate() {
            let answer = answers.get(index).map(|answer| answer.trim()).unwrap_or_default();
            let _ = writeln!(text, "\n## {prompt}");
            if !answer.is_empty() {
                let _ = write!(text, "\n{answer}\n");
            }
        }
        text
    }

    pub(crate) fn summary_markdown(&self) -> String {
        // Each entry's day as it was where the user wrote it.
        let day = |at: &DateTime<FixedOffset>| at.format("%a %-d %b").to_string();
        let mut text = format!("{}\n", self.title);
        let wins_heading = match self.period.kind {
            PeriodKind::Day => "Yesterday's wins",
            PeriodKind::Week | PeriodKind::Month => "Wins",
        };
        let _ = write!(text, "\n## {wins_heading} ({})\n\n", self.wins.len());
        if self.wins.is_empty() {
            text.push_str("- None logged.\n");
        }
        for win in &self.wins {
            let _ = writeln!(text, "- {}: {}", day(&win.occurred_at), quoted(win.title()));
        }
        if !self.setbacks.is_empty() {
            let _ = write!(text, "\n## Setbacks ({})\n\n", self.setbacks.len());
        }
        for reviewed in &self.setbacks {
            let setback = &reviewed.setback;
            let _ = writeln!(text, "- {}: {}", day(&setback.occurred_at), quoted(setback.title()));
            if let Some(lesson) = &setback.lesson {
                let _ = writeln!(text, "  - Learned: {}", quoted(lesson));
            }
            if let Some(adjust) = &setback.adjust {
                let _ = writeln!(text, "  - Adjusting: {}", quoted(adjust));
            }
            if let Some(answer) = &reviewed.followup {
                let _ = write!(text, "  - Did it work? {}", answer.worked.as_str());
                match &answer.note {
                    Some(note) => {
                        let _ = writeln!(text, ": {}", quoted(note));
                    }
                    None => text.push('\n'),
                }
            }
        }
        if !self.milestones.is_empty() {
            text.push_str("\n## Milestones\n\n");
        }
        for change in &self.milestones {
            let _ = writeln!(
                text,
                "- {} ({}): {}",
                quoted(&change.title),
                quoted(&change.goal_title),
                change.movement()
            );
        }
        if !self.focus.is_empty() {
            text.push_str("\n## Milestones to watch\n\n");
        }
        for due in &self.focus {
            let due_on = due.milestone.due_on.map(|on| format!(", due {on}")).unwrap_or_default();
            let _ = writeln!(
                text,
                "- {} ({}): {}{due_on}",
                quoted(&due.milestone.title),
                quoted(&due.goal_title),
                due.milestone.pace.label()
            );
        }
        if self.period.kind != PeriodKind::Day {
            let days = self.period.days().count() as u64;
            let _ = write!(
                text,
                "\n## Streak\n\n- Wins on {} of {days} days; longest run {}.\n",
                self.days_with_wins,
                counted(self.longest_run.into(), "day")
            );
            let asked = &self.followups;
            if asked.yes + asked.partly + asked.no + asked.unanswered > 0 {
                let _ = writeln!(
                    text,
                    "- Adjustments: {} worked, {} partly, {} did not, {} not answered yet.",
                    asked.yes, asked.partly, asked.no, asked.unanswered
                );
            }
        }
        text
    }
}

/// Quoted text with the signs that start a tag or a credit (`#`, `@`, `+`) escaped as Markdown
/// does (`\#support` reads `#support`): a saved review carries its own tags, not every tag of the
/// entries it quotes.
fn quoted(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let at_word_start = previous.is_none_or(|p| !(p.is_alphanumeric() || p == '_'));
        if at_word_start && matches!(c, '#' | '@' | '+') {
            escaped.push('\\');
        }
        escaped.push(c);
        previous = Some(c);
    }
    escaped
}

impl MilestoneChange {
    /// "41 → 38 min (target 35)", "done".
    fn movement(&self) -> String {
        let unit = self.unit.as_deref().filter(|unit| !unit.is_empty());
        let with_unit = |value: f64| match unit {
            Some(unit) => format!("{value} {unit}"),
            None => value.to_string(),
        };
        let mut text = match (self.from, self.to) {
            (Some(from), Some(to)) => format!("{from} → {}", with_unit(to)),
            (None, Some(to)) => with_unit(to),
            _ => String::new(),
        };
        if let Some(target) = self.target
            && self.done_at.is_none()
        {
            let _ = write!(text, " (target {})", with_unit(target));
        }
        if self.done_at.is_some() {
            if !text.is_empty() {
                text.push_str(", ");
            }
            text.push_str("reached");
        }
        text
    }
}
