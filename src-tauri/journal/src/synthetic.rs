//! Large, realistic, reproducible journals for benchmarks and for side-by-side runs against jrnl.

use std::io::{self, Write};

use chrono::{DateTime, Duration, FixedOffset};

use crate::model::{Kind, NewEntry};

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

const CET: FixedOffset = match FixedOffset::east_opt(3600) {
    Some(offset) => offset,
    None => panic!("one hour east is a valid offset"),
};

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
