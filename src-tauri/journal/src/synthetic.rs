//! Large, realistic, reproducible journals for benchmarks and for side-by-side runs against jrnl.

use std::io::{self, Write};

use chrono::{DateTime, Duration, FixedOffset};

use crate::goals::{NewGoal, NewMilestone};
use crate::model::{Kind, NewEntry};
use crate::store::insert_measurement;
use crate::{Result, Store};

/// A word in about one entry in 20,000: what a "rare word" search looks for.
pub const RARE_WORD: &str = "quokka";
/// A word in about four entries in five.
pub const COMMON_WORD: &str = "team";
/// A tag on about one entry in twenty.
pub const TAG: &str = "focus";

const WORDS: &[&str] = &[
    "shipped",
    "review",
    "meeting",
    "draft",
    "customer",
    "feedback",
    "deadline",
    "release",
    "planning",
    "bug",
    "fixed",
    "wrote",
    "tests",
    "design",
    "call",
    "mentor",
    "learned",
    "asked",
    "help",
    "slides",
    "demo",
    "budget",
    "hiring",
    "interview",
    "onboarding",
    "roadmap",
    "metrics",
    "dashboard",
    "latency",
    "response",
    "minutes",
    "stand-up",
    "retro",
    "sprint",
    "estimate",
    "scope",
    "risk",
    "decision",
    "writing",
    "reading",
    "exercise",
    "sleep",
    "walk",
    "focus",
    "calm",
    "energy",
    "morning",
    "evening",
    "afternoon",
    "lunch",
    "coffee",
    "garden",
    "kids",
    "family",
    "friend",
    "book",
    "chapter",
    "practice",
    "guitar",
    "run",
    "swim",
    "bike",
    "kitchen",
    "inbox",
    "zero",
    "notes",
    "journal",
    "habit",
    "streak",
    "goal",
    "milestone",
    "progress",
    "small",
    "win",
    "setback",
    "lesson",
    "adjust",
    "again",
    "better",
    "faster",
    "clearer",
    "shorter",
    "kinder",
    "today",
    "yesterday",
    "week",
];

const TAGS: &[&str] = &[
    "work",
    "health",
    "family",
    "learning",
    "writing",
    "code",
    "people",
    "home",
    "money",
    "sport",
    "music",
    "reading",
    "sleep",
    "mentoring",
    "planning",
    "hiring",
    "ops",
    "design",
    "travel",
];

/// People some entries credit, as a team lead's journal would.
const PEOPLE: &[&str] = &["Ana Lima", "Ben", "Chloé", "Dev", "Ezra", "Farah", "Gus"];

/// How long after an entry happened it is written down.
const MINUTES_TO_WRITE: i64 = 3;

const CET: FixedOffset = match FixedOffset::east_opt(3600) {
    Some(offset) => offset,
    None => panic!("one hour east is a valid offset"),
};

/// A journal at `path` holding `count` synthetic entries (seed 1), as the benchmarks use it.
pub fn journal(path: &std::path::Path, count: usize) -> Result<Store> {
    let mut store = Store::open(path)?;
    write(&mut store, entries(count, 1))?;
    Ok(store)
}

/// Writes `entries` into `store` as a journal kept day by day holds them: each made a few minutes
/// after it happened, so that ids (UUIDv7 of when an entry is made) and `created_at` follow the
/// timeline, as they do for entries written as they come and for imported ones.
pub fn write(store: &mut Store, entries: impl IntoIterator<Item = NewEntry>) -> Result<Vec<String>> {
    store.add_each_made(entries.into_iter().map(|entry| {
        let made = entry.occurred_at.unwrap_or_else(written_at) + Duration::minutes(MINUTES_TO_WRITE);
        (entry, made)
    }))
}

/// When an entry without a time of its own is written: 2024-02-01, after the last of 100k entries.
fn written_at() -> DateTime<FixedOffset> {
    DateTime::from_timestamp(1_706_745_600, 0)
        .unwrap_or_default()
        .with_timezone(&CET)
}

/// `count` entries, one every 16 minutes or so from 2021-01-01, the same for the same `seed`.
pub fn entries(count: usize, seed: u64) -> impl Iterator<Item = NewEntry> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let start = DateTime::from_timestamp(1_609_459_200, 0)
        .unwrap_or_default()
        .with_timezone(&CET);
    (0..count).map(move |index| {
        let occurred_at = start + Duration::minutes(index as i64 * 16 + rng.i64(0..10));
        let mut words: Vec<&str> = (0..rng.usize(5..12)).map(|_| WORDS[rng.usize(..WORDS.len())]).collect();
        if rng.u8(..5) != 0 {
            words.insert(rng.usize(..words.len()), COMMON_WORD);
        }
        if index % 20_000 == 7_777 {
            words.push(RARE_WORD);
        }
        let mut text = capitalised(&words.join(" "));
        let tag = if rng.u8(..20) == 0 {
            TAG
        } else {
            TAGS[rng.usize(..TAGS.len())]
        };
        text.push_str(&format!(". @{tag}"));
        if rng.bool() {
            let body: Vec<&str> = (0..rng.usize(8..40)).map(|_| WORDS[rng.usize(..WORDS.len())]).collect();
            text.push('\n');
            text.push_str(&capitalised(&body.join(" ")));
            text.push('.');
        }
        let kind = match rng.u8(..10) {
            0..7 => Kind::Win,
            7..9 => Kind::Setback,
            _ => Kind::Note,
        };
        let (lesson, adjust) = if kind == Kind::Setback {
            (
                Some("Ask for help earlier".to_owned()),
                Some("Check in at noon".to_owned()),
            )
        } else {
            (None, None)
        };
        NewEntry {
            kind,
            text,
            tags: Vec::new(),
            occurred_at: Some(occurred_at),
            mood: Some(rng.u8(1..=5)),
            starred: rng.u8(..25) == 0,
            lesson,
            adjust,
            milestone_id: None,
            // By position rather than by the generator, so the rest of the journal stays as it was.
            people: if index % 5 == 0 {
                vec![PEOPLE[index % PEOPLE.len()].to_owned()]
            } else {
                Vec::new()
            },
            shareable: index % 3 == 0,
        }
    })
}

/// Writes entries as a jrnl plain-text journal (`[YYYY-MM-DD HH:MM] title`, body, blank line).
pub fn write_jrnl(entries: impl IntoIterator<Item = NewEntry>, out: &mut impl Write) -> io::Result<()> {
    for entry in entries {
        let when = entry
            .occurred_at
            .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        writeln!(out, "[{when}] {}\n", entry.text)?;
    }
    Ok(())
}

fn capitalised(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Fills `store` with goals of five metric milestones each, `milestones` in all, and `measurements`
/// spread evenly over them across the 180 days before `now`: the Goals screen's benchmark load.
pub fn goals(store: &mut Store, milestones: usize, measurements: usize, now: DateTime<FixedOffset>) -> Result<()> {
    const PER_GOAL: usize = 5;
    const DAYS: i64 = 180;
    let started_on = (now - Duration::days(DAYS)).date_naive();
    let mut ids = Vec::new();
    for goal in 0..milestones.div_ceil(PER_GOAL) {
        let count = PER_GOAL.min(milestones - goal * PER_GOAL);
        let draft = NewGoal {
            title: format!("Goal {}: {}", goal + 1, capitalised(WORDS[goal % WORDS.len()])),
            why: Some("Because small steps add up.".to_owned()),
            due_on: Some(now.date_naive() + Duration::days(60)),
            milestones: (0..count)
                .map(|index| NewMilestone {
                    title: format!("{} {}", capitalised(WORDS[(goal + index) % WORDS.len()]), index + 1),
                    started_on: Some(started_on),
                    due_on: Some(now.date_naive() + Duration::days(30)),
                    baseline: Some(if index % 2 == 0 { 40.0 } else { 10.0 }),
                    target: Some(if index % 2 == 0 { 30.0 } else { 20.0 }),
                    unit: Some("min".to_owned()),
                })
                .collect(),
        };
        ids.extend(
            store
                .add_goal(draft, &now)?
                .milestones
                .into_iter()
                .map(|m| (m.id, m.metric)),
        );
    }
    let mut rng = fastrand::Rng::with_seed(7);
    let tx = store.conn.transaction()?;
    let per_milestone = measurements.div_ceil(ids.len().max(1));
    for (done, (milestone_id, metric)) in (0..measurements).step_by(per_milestone).zip(&ids) {
        let Some(metric) = metric else { continue };
        let count = per_milestone.min(measurements - done);
        for step in 0..count {
            let share = step as f64 / count as f64;
            let value = metric.baseline + (metric.target - metric.baseline) * share * 0.6 + rng.f64() - 0.5;
            let measured_at = now - Duration::minutes(DAYS * 24 * 60 * (count - step) as i64 / count as i64);
            let id = crate::store::ids::new_id(&now);
            insert_measurement(&tx, &id, milestone_id, value, measured_at, None, now.timestamp_millis())?;
        }
    }
    tx.commit()?;
    Ok(())
}
