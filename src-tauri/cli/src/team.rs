//! `wins people`, `wins digest` and `wins standup`: what the writer chose to share with the team.

use std::path::Path;

use chrono::{DateTime, Local};
use journal::when::When;
use journal::{Entry, Kind, PersonCount, Record, Store, TeamFormat};

use crate::error::Result;
use crate::output::Output;

/// What `wins digest` was asked for, beyond the journal.
pub struct DigestRequest {
    pub date: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub format: String,
    pub out: Option<std::path::PathBuf>,
    pub with_followups: bool,
    pub json: bool,
}

pub fn digest(path: &Path, request: DigestRequest, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    let format: TeamFormat = request.format.parse()?;
    let day = |input: &str| When::parse_day(input, now);
    let since = request.since.as_deref().map(day).transpose()?;
    let until = request.until.as_deref().map(day).transpose()?;
    let date = request.date.as_deref().map(day).transpose()?;
    let store = crate::unlock::open(path)?;
    let (first, last) = match since {
        Some(first) => (first, until.unwrap_or(now.date_naive())),
        None => {
            let week = store.digest_week(date, now)?;
            (week.first, week.last)
        }
    };
    let digest = store.digest(first, last, request.with_followups, now)?;
    if request.json {
        return out.json(&digest);
    }
    let text = digest.render(format);
    match &request.out {
        Some(destination) => {
            journal::export_import::write_text_file(destination, &text)?;
            out.line(&format!("Wrote {} to {}", digest.title, destination.display()))
        }
        None => out.line(text.trim_end()),
    }
}

pub fn standup(
    path: &Path,
    date: Option<&str>,
    format: &str,
    json: bool,
    now: &DateTime<Local>,
    out: &mut Output,
) -> Result<()> {
    let format: TeamFormat = format.parse()?;
    let day = date.map(|date| When::parse_day(date, now)).transpose()?;
    let store = crate::unlock::open(path)?;
    let standup = store.standup(day.unwrap_or(now.date_naive()), now)?;
    if standup.checkin_private {
        eprintln!(
            "The check-in of {} is private, so its focus and blockers are left out: share it with wins edit ID --share.",
            standup.day
        );
    }
    if json {
        return out.json(&standup);
    }
    out.line(standup.render(format).trim_end())
}

pub fn people(counts: &[PersonCount], out: &mut Output) -> Result<()> {
    let width = counts.iter().map(|p| p.name.chars().count()).max().unwrap_or(0);
    for person in counts {
        let padding = " ".repeat(width - person.name.chars().count());
        out.line(&format!("{}{padding}  {:>6}", person.name, person.count))?;
    }
    Ok(())
}

/// After a private win that credits someone is written: say that it could be shared.
pub fn suggest_sharing(store: &Store, entry: &Entry) -> Result<()> {
    if entry.kind == Kind::Win && !entry.shareable && !entry.people.is_empty() {
        let id = store.short_id(Record::Entry, &entry.id)?;
        eprintln!(
            "This win credits {}: to celebrate it in the team digest, share it with: wins edit {id} --share",
            entry.people.join(", ")
        );
    }
    Ok(())
}
