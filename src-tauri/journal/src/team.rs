//! What a leader sends the team: a digest of a period in the Progress, Plans, Problems shape with
//! kudos, and a stand-up, both made only of entries the writer marked shareable.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::followups::FollowupAnswer;
use crate::model::{Entry, Kind};
use crate::people::person_key;
use crate::period::{Period, PeriodKind};
use crate::today::MilestoneDue;

/// The saved weekly review's prompt whose answer the digest's Plans carry.
pub(crate) const WILL_CHANGE_PROMPT: &str = "What I'll change";
/// The saved check-in's prompts a stand-up carries.
pub(crate) const FOCUS_PROMPT: &str = "Today's focus";
pub(crate) const BLOCKERS_PROMPT: &str = "Blockers";

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Digest {
    /// "Team digest: 6–12 January 2025".
    pub title: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Shared wins by person credited (a win crediting two people is under both), then the rest.
    pub progress: Vec<WinGroup>,
    /// Open milestones of active goals due in the period after this one, soonest first.
    pub plans: Vec<MilestoneDue>,
    /// The "What I'll change" answer of the period's saved weekly review, when it is shared.
    pub will_change: Option<String>,
    pub problems: Vec<SharedSetback>,
    pub kudos: Vec<Kudos>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WinGroup {
    /// `None` for the wins that credit nobody.
    pub person: Option<String>,
    pub wins: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SharedSetback {
    pub setback: Entry,
    /// Only when the follow-up was asked for: it is the writer's own note.
    pub followup: Option<FollowupAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Kudos {
    pub person: String,
    /// The titles of their wins in the period, oldest first.
    pub wins: Vec<String>,
}

/// A daily stand-up: yesterday's shared wins and today's focus and blockers from the saved check-in.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Standup {
    pub day: NaiveDate,
    pub yesterday: Vec<Entry>,
    pub focus: Option<String>,
    pub blockers: Option<String>,
    /// True when the day's check-in was saved but is private, so its answers were left out.
    pub checkin_private: bool,
}

impl Digest {
    /// Assembles a digest from the period's shared wins and setbacks (oldest first).
    pub(crate) fn assemble(
        first: NaiveDate,
        last: NaiveDate,
        shared: Vec<Entry>,
        plans: Vec<MilestoneDue>,
        will_change: Option<String>,
        followups: impl Fn(&Entry) -> crate::Result<Option<FollowupAnswer>>,
    ) -> crate::Result<Digest> {
        let (wins, setbacks): (Vec<Entry>, Vec<Entry>) = shared.into_iter().partition(|entry| entry.kind == Kind::Win);
        let mut groups: Vec<WinGroup> = Vec::new();
        let mut uncredited = Vec::new();
        for win in &wins {
            if win.people.is_empty() {
                uncredited.push(win.clone());
            }
            for person in &win.people {
                let key = person_key(person);
                match groups
                    .iter_mut()
                    .find(|group| group.person.as_deref().is_some_and(|name| person_key(name) == key))
                {
                    Some(group) => group.wins.push(win.clone()),
                    None => groups.push(WinGroup {
                        person: Some(person.clone()),
                        wins: vec![win.clone()],
                    }),
                }
            }
        }
        groups.sort_by_key(|group| group.person.as_deref().map(person_key));
        let kudos = groups
            .iter()
            .filter_map(|group| {
                Some(Kudos {
                    person: group.person.clone()?,
                    wins: group.wins.iter().map(|win| win.title().to_owned()).collect(),
                })
            })
            .collect();
        if !uncredited.is_empty() {
            groups.push(WinGroup {
                person: None,
                wins: uncredited,
            });
        }
        let problems = setbacks
            .into_iter()
            .map(|setback| {
                Ok(SharedSetback {
                    followup: followups(&setback)?,
                    setback,
                })
            })
            .collect::<crate::Result<_>>()?;
        Ok(Digest {
            title: format!("Team digest: {}", span_label(first, last)),
            first,
            last,
            progress: groups,
            plans,
            will_change,
            problems,
            kudos,
        })
    }

    /// True when nothing in the period was shared (plans come from goals, not from shared entries).
    pub fn nothing_shared(&self) -> bool {
        self.progress.is_empty() && self.problems.is_empty() && self.will_change.is_none()
    }
}

/// "Wednesday 8 January 2025" for a day, "6–12 January 2025" for a longer span.
pub(crate) fn span_label(first: NaiveDate, last: NaiveDate) -> String {
    let kind = if first == last {
        PeriodKind::Day
    } else {
        PeriodKind::Week
    };
    Period { kind, first, last }.to_string()
}

/// The answer written under `## {prompt}` in a saved review or check-in, up to the next heading.
pub(crate) fn answer_under(markdown: &str, prompt: &str) -> Option<String> {
    let heading = format!("## {prompt}");
    let mut lines = markdown.lines().skip_while(|line| line.trim_end() != heading).skip(1);
    let answer: Vec<&str> = lines.by_ref().take_while(|line| !line.starts_with("## ")).collect();
    let answer = answer.join("\n").trim().to_owned();
    (!answer.is_empty()).then_some(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_answer_under_a_prompt() {
        let review = "Weekly review: 6–12 January 2025\n\n## What went well\n\nShipped.\n\n## What I'll change\n\nPair \
                      earlier.\nAsk for help.\n";
        assert_eq!(
            answer_under(review, WILL_CHANGE_PROMPT).as_deref(),
            Some("Pair earlier.\nAsk for help.")
        );
        assert_eq!(
            answer_under("## What I'll change\n\n## Streak", WILL_CHANGE_PROMPT),
            None
        );
        assert_eq!(answer_under("no prompts", WILL_CHANGE_PROMPT), None);
    }
}
