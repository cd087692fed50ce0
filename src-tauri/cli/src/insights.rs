//! `wins insights`, `wins onthisday` and the lessons `wins add --setback` brings back: the
//! journal's story over weeks and years, in a terminal.

use std::path::Path;

use anstyle::{AnsiColor, Style};
use chrono::{DateTime, Datelike, Days, Local, NaiveDate};
use journal::period::{Period, PeriodKind};
use journal::when::When;
use journal::{DayCount, Entry, Insights, Kind, Lesson};

use crate::error::Result;
use crate::output::{BOLD, DIM, Output};

/// How many earlier lessons `wins add --setback` shows.
pub const LESSONS_SHOWN: usize = 3;

const WIN: Style = AnsiColor::Green.on_default();
const MANY_WINS: Style = AnsiColor::BrightGreen.on_default().bold();
const SETBACK: Style = AnsiColor::Magenta.on_default();
/// The widest weekly bar, in characters.
const BAR_WIDTH: u32 = 30;

pub fn insights(
    path: &Path,
    since: Option<&str>,
    until: Option<&str>,
    json: bool,
    now: &DateTime<Local>,
    out: &mut Output,
) -> Result<()> {
    let since = since.map(|day| When::parse_day(day, now)).transpose()?;
    let until = until.map(|day| When::parse_day(day, now)).transpose()?;
    let store = crate::unlock::open(path)?;
    let week_start = store.settings()?.week_start;
    let last = until.unwrap_or_else(|| now.date_naive());
    let first = since.unwrap_or_else(|| Insights::default_period(last, week_start).0);
    let insights = store.insights(first, last, now)?;
    if json {
        return out.json(&insights);
    }
    if insights.days.iter().all(|day| day.wins + day.setbacks + day.notes == 0) && out.is_terminal() {
        eprintln!(
            "Nothing logged in this period yet. Each win you log fills a square:  wins add \"Shipped the draft\""
        );
    }
    out.line(&out.paint(BOLD, &format!("Wins from {} to {}", long_day(first), long_day(last))))?;
    year_grid(&insights.days, week_start, out)?;
    out.line("")?;
    weekly_bars(&insights, out)?;
    out.line("")?;
    numbers(&insights, out)
}

/// Seven rows, one per weekday from the week start, and a column per week: GitHub's year grid.
fn year_grid(days: &[DayCount], week_start: journal::clock::DayOfWeek, out: &mut Output) -> Result<()> {
    let Some(first) = days.first().map(|day| day.day) else {
        return Ok(());
    };
    let grid_start = Period::containing(PeriodKind::Week, first, week_start).first;
    let columns = days.len().div_ceil(7) + 1;
    for row in 0..7u64 {
        let weekday = grid_start + Days::new(row);
        let mut line = format!("{}  ", weekday.format("%a"));
        for column in 0..columns as u64 {
            let day = weekday + Days::new(column * 7);
            let cell = day
                .signed_duration_since(first)
                .num_days()
                .try_into()
                .ok()
                .and_then(|index: usize| days.get(index));
            line.push_str(&cell_of(cell, out));
        }
        out.line(line.trim_end())?;
    }
    let legend = if out.is_coloured() {
        format!(
            "     {} none  {} a setback, no win  {} 1 win  {} 2–3  {} 4 or more",
            out.paint(DIM, "·"),
            out.paint(SETBACK, "■"),
            out.paint(WIN, "■"),
            out.paint(WIN.bold(), "■"),
            out.paint(MANY_WINS, "■")
        )
    } else {
        "     . none  x a setback, no win  1-9 wins  + more than 9".to_owned()
    };
    out.line(&legend)
}

fn cell_of(day: Option<&DayCount>, out: &Output) -> String {
    let Some(day) = day else {
        return " ".to_owned();
    };
    if !out.is_coloured() {
        return match day.wins {
            0 if day.setbacks > 0 => "x".to_owned(),
            0 => ".".to_owned(),
            1..=9 => day.wins.to_string(),
            _ => "+".to_owned(),
        };
    }
    match day.wins {
        0 if day.setbacks > 0 => out.paint(SETBACK, "■"),
        0 => out.paint(DIM, "·"),
        1 => out.paint(WIN, "■"),
        2..=3 => out.paint(WIN.bold(), "■"),
        _ => out.paint(MANY_WINS, "■"),
    }
}

/// A line a week: its first day, a bar of wins, a bar of setbacks, and the days with a win.
fn weekly_bars(insights: &Insights, out: &mut Output) -> Result<()> {
    let most = insights
        .weeks
        .iter()
        .map(|week| week.wins + week.setbacks)
        .max()
        .unwrap_or(0);
    let scale = |count: u32| -> usize {
        if most <= BAR_WIDTH {
            count as usize
        } else {
            (count * BAR_WIDTH).div_ceil(most) as usize
        }
    };
    let (win_mark, setback_mark) = if out.is_coloured() { ("█", "█") } else { ("#", "x") };
    for week in &insights.weeks {
        let bar = format!(
            "{}{}",
            out.paint(WIN, &win_mark.repeat(scale(week.wins))),
            out.paint(SETBACK, &setback_mark.repeat(scale(week.setbacks)))
        );
        let padding = " ".repeat((BAR_WIDTH as usize + 1).saturating_sub(scale(week.wins) + scale(week.setbacks)));
        out.line(&format!(
            "{}  {bar}{padding}{:>3} wins {:>3} setbacks  {}/{} days",
            week.first.format("%a %d %b %Y"),
            week.wins,
            week.setbacks,
            week.days_with_wins,
            week.days
        ))?;
    }
    Ok(())
}

fn numbers(insights: &Insights, out: &mut Output) -> Result<()> {
    let streak = &insights.streak;
    let best = match &streak.best_week {
        Some(best) => format!("; best week {} ({} wins)", long_day(best.first), best.wins),
        None => String::new(),
    };
    out.line(&format!(
        "Streak: {} now, longest {}; weekly streak {}{best}",
        days(streak.current),
        days(streak.longest),
        weeks(streak.weekly)
    ))?;
    let followups = &insights.followups;
    let rate = followups
        .success_rate()
        .map(|rate| format!(" ({:.0}% worked)", rate * 100.0))
        .unwrap_or_default();
    out.line(&format!(
        "Adjustments: {} worked, {} partly, {} did not, {} not answered{rate}",
        followups.yes, followups.partly, followups.no, followups.unanswered
    ))?;
    for tag in &followups.by_tag {
        out.line(&format!(
            "  #{}: {} worked, {} partly, {} did not, {} not answered",
            tag.tag, tag.yes, tag.partly, tag.no, tag.unanswered
        ))?;
    }
    out.line(&format!("Milestones reached: {}", insights.milestones.reached))?;
    for milestone in &insights.milestones.active {
        out.line(&format!(
            "  {} ({}): {:.0}%, {}",
            milestone.title,
            milestone.goal_title,
            milestone.progress * 100.0,
            milestone.pace.label()
        ))?;
    }
    let tags = |tags: &[journal::TagCount]| {
        tags.iter()
            .map(|tag| format!("#{} {}", tag.name, tag.count))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.line(&format!("Most wins: {}", or_none(tags(&insights.tags.wins))))?;
    out.line(&format!("Most setbacks: {}", or_none(tags(&insights.tags.setbacks))))
}

pub fn on_this_day(path: &Path, date: Option<&str>, json: bool, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    let day = match date {
        Some(date) => When::parse_day(date, now)?,
        None => now.date_naive(),
    };
    let found = crate::unlock::open(path)?.on_this_day(day, now)?;
    if json {
        return out.json(&found);
    }
    if found.is_empty() && out.is_terminal() {
        eprintln!("Nothing from this day a week, a month or a year ago yet.");
    }
    for (index, lookback) in found.lookbacks.iter().enumerate() {
        if index > 0 {
            out.line("")?;
        }
        out.line(&out.paint(BOLD, &format!("{}, {}", lookback.label, long_day(lookback.day))))?;
        for entry in &lookback.entries {
            entry_with_lesson(entry, out)?;
        }
    }
    Ok(())
}

/// Earlier setbacks like the one just written, with what was learned, printed after its id.
pub fn lessons(lessons: &[Lesson], out: &mut Output) -> Result<()> {
    if lessons.is_empty() {
        return Ok(());
    }
    out.line(&out.paint(DIM, "Earlier setbacks like this one:"))?;
    for lesson in lessons {
        let when = lesson.setback.occurred_at.with_timezone(&Local).format("%a %d %b %Y");
        out.line(&format!("  {when}  {}", lesson.setback.title()))?;
        if let Some(text) = &lesson.setback.lesson {
            out.line(&format!("    Learned: {text}"))?;
        }
        if let Some(text) = &lesson.setback.adjust {
            out.line(&format!("    Adjusted: {text}"))?;
        }
        let worked = lesson
            .followup
            .as_ref()
            .map_or("not answered yet", |answer| answer.worked.as_str());
        out.line(&format!("    Did it work? {worked}"))?;
    }
    Ok(())
}

fn entry_with_lesson(entry: &Entry, out: &mut Output) -> Result<()> {
    let (style, kind) = match entry.kind {
        Kind::Setback => (SETBACK, "setback"),
        _ => (WIN, "win"),
    };
    out.line(&format!(
        "  {}  {}",
        out.paint(style, &format!("{kind:<7}")),
        entry.title()
    ))?;
    if let Some(lesson) = &entry.lesson {
        out.line(&format!("           Learned: {lesson}"))?;
    }
    if let Some(adjust) = &entry.adjust {
        out.line(&format!("           Adjusted: {adjust}"))?;
    }
    Ok(())
}

fn long_day(day: NaiveDate) -> String {
    format!("{} {} {}", day.format("%a"), day.day(), day.format("%b %Y"))
}

fn days(count: u32) -> String {
    if count == 1 {
        "1 day".to_owned()
    } else {
        format!("{count} days")
    }
}

fn weeks(count: u32) -> String {
    if count == 1 {
        "1 week".to_owned()
    } else {
        format!("{count} weeks")
    }
}

fn or_none(text: String) -> String {
    if text.is_empty() { "none yet".to_owned() } else { text }
}
