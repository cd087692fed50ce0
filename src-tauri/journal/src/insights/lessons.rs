//! Lessons that come back: while a setback is being written, the earlier setbacks like it (by tag
//! or by words), each with its lesson, adjustment and whether the adjustment worked.

use std::cmp::Reverse;
use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::followups::{FollowupAnswer, Worked};
use crate::store::followups::answer_of;
use crate::store::row::{ENTRY_COLUMNS, entry_from_row};
use crate::tags::{inline_tags, tag_key};
use crate::{Entry, Result, Store};

/// How many recent setbacks each tag and the words offer as candidates.
const CANDIDATES: usize = 32;
/// Tags and words of the draft looked at; a long text's first words say what it is about.
const MOST_TAGS: usize = 8;
const MOST_WORDS: usize = 12;
/// Words too common to say what a setback is about.
const COMMON_WORDS: &[&str] = &[
    "the", "and", "for", "with", "was", "were", "that", "this", "but", "not", "from", "have", "had", "are", "you",
    "our", "too", "again", "did", "didn", "got", "into", "out", "its", "all",
];

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Lesson {
    pub setback: Entry,
    pub followup: Option<FollowupAnswer>,
    /// The draft's tags this setback also had.
    pub shared_tags: Vec<String>,
}

/// A setback that may come back, before it is read whole.
struct Candidate {
    seq: i64,
    occurred_at: i64,
    shared_tags: Vec<String>,
    /// Whether the draft's words matched it.
    matched_words: bool,
    worked: Option<Worked>,
}

/// The candidate a row (`seq, occurred_at, …`) names, added when it is new.
fn candidate_of<'a>(
    candidates: &'a mut HashMap<i64, Candidate>,
    row: &rusqlite::Row<'_>,
) -> rusqlite::Result<&'a mut Candidate> {
    let seq: i64 = row.get(0)?;
    Ok(match candidates.entry(seq) {
        std::collections::hash_map::Entry::Occupied(found) => found.into_mut(),
        std::collections::hash_map::Entry::Vacant(slot) => slot.insert(Candidate {
            seq,
            occurred_at: row.get(1)?,
            shared_tags: Vec::new(),
            matched_words: false,
            worked: None,
        }),
    })
}

impl Store {
    /// Up to `limit` earlier setbacks with a lesson or adjustment that match a setback being
    /// written (`text` with `tags`, inline #tags counted too): those whose adjustment worked first,
    /// then by tags shared, whether the words match, newest first. `except` leaves out the
    /// setback itself once saved.
    pub fn lessons_for(&self, text: &str, tags: &[String], except: Option<&str>, limit: usize) -> Result<Vec<Lesson>> {
        let mut keys: Vec<String> = tags
            .iter()
            .map(|tag| tag_key(tag.trim_start_matches(['#', '@'])))
            .collect();
        keys.extend(inline_tags(text).iter().map(|tag| tag_key(tag)));
        keys.sort();
        keys.dedup();
        keys.truncate(MOST_TAGS);
        let mut candidates: HashMap<i64, Candidate> = HashMap::new();
        let mut by_tag = self.conn.prepare_cached(
            "SELECT e.seq, e.occurred_at, t.name FROM tags t JOIN entry_tags et ON et.tag_id = t.id \
             JOIN entries e ON e.id = et.entry_id \
             WHERE t.key = ?1 AND e.deleted_at IS NULL AND e.kind = 'setback' AND e.id IS NOT ?2 \
             AND (e.lesson IS NOT NULL OR e.adjust IS NOT NULL) ORDER BY et.occurred_at DESC LIMIT ?3",
        )?;
        for key in &keys {
            let mut rows = by_tag.query(rusqlite::params![key, except, CANDIDATES as i64])?;
            while let Some(row) = rows.next()? {
                let candidate = candidate_of(&mut candidates, row)?;
                candidate.shared_tags.push(row.get(2)?);
            }
        }
        if let Some(expression) = any_word_expression(text) {
            // The newest matching setbacks. Walking the index newest first keeps this fast however
            // common the words are; ranking by bm25 would cost more than the rest of the query
            // together (FTS5 reads each match's column sizes), so shared tags, then recency, rank.
            let mut by_words = self.conn.prepare_cached(
                "SELECT e.seq, e.occurred_at FROM entries_fts JOIN entries e ON e.seq = entries_fts.rowid \
                 WHERE entries_fts MATCH ?1 AND e.deleted_at IS NULL AND e.kind = 'setback' AND e.id IS NOT ?2 \
                 AND (e.lesson IS NOT NULL OR e.adjust IS NOT NULL) ORDER BY entries_fts.rowid DESC LIMIT ?3",
            )?;
            let mut rows = by_words.query(rusqlite::params![expression, except, CANDIDATES as i64])?;
            while let Some(row) = rows.next()? {
                let candidate = candidate_of(&mut candidates, row)?;
                candidate.matched_words = true;
            }
        }
        let mut candidates: Vec<Candidate> = candidates.into_values().collect();
        self.read_worked(&mut candidates)?;
        candidates.sort_by_key(|c| {
            (
                worked_order(c.worked),
                Reverse(c.shared_tags.len()),
                Reverse(c.matched_words),
                Reverse(c.occurred_at),
            )
        });
        candidates.truncate(limit);
        let mut read = self
            .conn
            .prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.seq = ?1"))?;
        candidates
            .into_iter()
            .map(|candidate| {
                let setback = read.query_row([candidate.seq], entry_from_row)?;
                Ok(Lesson {
                    followup: answer_of(&self.conn, &setback.id)?,
                    setback,
                    shared_tags: candidate.shared_tags,
                })
            })
            .collect()
    }

    /// Fills in each candidate's follow-up answer, in one query.
    fn read_worked(&self, candidates: &mut [Candidate]) -> Result<()> {
        let seqs: Vec<i64> = candidates.iter().map(|c| c.seq).collect();
        let seqs = serde_json::to_string(&seqs).map_err(|e| crate::Error::invalid("lessons", e.to_string()))?;
        let mut statement = self.conn.prepare_cached(
            "SELECT e.seq, f.worked FROM json_each(?1) s JOIN entries e ON e.seq = s.value \
             JOIN followups f ON f.setback_id = e.id WHERE f.worked IS NOT NULL",
        )?;
        let mut rows = statement.query([seqs])?;
        let mut worked: HashMap<i64, Worked> = HashMap::new();
        while let Some(row) = rows.next()? {
            let answer: String = row.get(1)?;
            worked.insert(row.get(0)?, answer.parse()?);
        }
        for candidate in candidates {
            candidate.worked = worked.get(&candidate.seq).copied();
        }
        Ok(())
    }
}

/// Adjustments that worked first, then partly, then not yet known, then those that did not.
fn worked_order(worked: Option<Worked>) -> u8 {
    match worked {
        Some(Worked::Yes) => 0,
        Some(Worked::Partly) => 1,
        None => 2,
        Some(Worked::No) => 3,
    }
}

/// An FTS5 query matching any of the text's telling words (tags aside), each a whole word.
fn any_word_expression(text: &str) -> Option<String> {
    let tags: Vec<String> = inline_tags(text).iter().map(|tag| tag_key(tag)).collect();
    let mut words: Vec<String> = Vec::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        let word = word.to_lowercase();
        if word.chars().count() < 3 || COMMON_WORDS.contains(&word.as_str()) || tags.contains(&word) {
            continue;
        }
        if !words.contains(&word) {
            words.push(word);
        }
        if words.len() == MOST_WORDS {
            break;
        }
    }
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|word| format!("\"{word}\""))
            .collect::<Vec<_>>()
            .join(" OR ")
    })
}
