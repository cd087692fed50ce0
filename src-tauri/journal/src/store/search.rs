//! Full-text search: the words people type, ranked by relevance, with the matches marked.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params_from_iter};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use super::listing::Filter;
use super::listing::FilterSql;
use super::row::{ENTRY_COLUMN_COUNT, ENTRY_COLUMNS, entry_from_row};
use crate::Result;
use crate::model::Entry;

/// An entry found by a search, with the passage that matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    #[serde(flatten)]
    #[ts(flatten)]
    pub entry: Entry,
    pub snippet: Vec<SnippetPart>,
}

/// A piece of a snippet; `highlighted` pieces are the words that matched. Kept as parts rather than
/// markup so no front end ever has to trust HTML built from entry text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnippetPart {
    pub text: String,
    pub highlighted: bool,
}

// Private-use characters: they never come from a keyboard, so they can mark where a match starts and ends.
const MATCH_START: char = '\u{E000}';
const MATCH_END: char = '\u{E001}';

/// How many of the most recently written matches are ranked by relevance.
///
/// bm25 costs about a microsecond a match (FTS5 looks up each match's column sizes), so ranking a
/// word found in 80,000 entries would take 70 ms; and a word that common says little about relevance
/// anyway. Ranking only the newest matches keeps every search within a few milliseconds.
const RANKED_MATCHES: usize = 4_096;

impl Store {
    /// The `limit` entries matching `query` best, narrowed by `filter`.
    pub fn search(&self, query: &str, filter: &Filter, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(expression) = self.match_expression(query)? else {
            return Ok(Vec::new());
        };
        let Some(mut sql) = FilterSql::new(self, filter)? else {
            return Ok(Vec::new());
        };
        let matches_from = if sql.is_only_live() {
            // The index holds live entries only (its triggers drop an entry as it is deleted), so
            // without a filter the matches need no look-up in `entries`: for a word in most
            // entries that was two look-ups per ranked match, a third of the search.
            "FROM entries_fts WHERE entries_fts MATCH ?".to_owned()
        } else {
            sql.push_condition("entries_fts MATCH ?");
            format!(
                "FROM entries_fts JOIN entries e ON e.seq = entries_fts.rowid {} WHERE {}",
                sql.joins, sql.conditions
            )
        };
        sql.params.push(Value::Text(expression.clone()));
        let oldest_ranked: Option<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT entries_fts.rowid {matches_from} ORDER BY entries_fts.rowid DESC LIMIT 1 OFFSET {}",
                RANKED_MATCHES - 1
            ))?
            .query_row(params_from_iter(&sql.params), |row| row.get(0))
            .optional()?;
        let oldest_ranked = oldest_ranked.unwrap_or(i64::MIN);
        sql.params.extend([
            Value::Integer(oldest_ranked),
            Value::Integer(limit.try_into().unwrap_or(i64::MAX)),
            Value::Text(expression),
            Value::Integer(oldest_ranked),
        ]);
        // Rank in a materialised step, then walk the matches once more and build snippets only for
        // the winners: a snippet is costly, and SQLite would build one for every match before sorting.
        let query = format!(
            "WITH top AS MATERIALIZED ( \
                 SELECT entries_fts.rowid AS seq, entries_fts.rank AS score {matches_from} AND entries_fts.rowid >= ? \
                 ORDER BY entries_fts.rank, entries_fts.rowid DESC LIMIT ?) \
             SELECT {ENTRY_COLUMNS}, snippet(entries_fts, -1, char(57344), char(57345), '…', 16) \
             FROM entries_fts CROSS JOIN top ON top.seq = entries_fts.rowid CROSS JOIN entries e ON e.seq = top.seq \
             WHERE entries_fts MATCH ? AND entries_fts.rowid >= ? ORDER BY top.score, e.seq DESC"
        );
        let hits = self
            .conn
            .prepare_cached(&query)?
            .query_map(params_from_iter(&sql.params), |row| {
                Ok(SearchHit {
                    entry: entry_from_row(row)?,
                    snippet: snippet_parts(&row.get::<_, String>(ENTRY_COLUMN_COUNT)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(hits)
    }
}

/// How many written words the word being typed may stand for; a prefix shared by more words is
/// short, and the stemmed prefix already finds what it begins.
const TYPED_WORD_EXPANSION: usize = 200;

impl Store {
    /// What people type as an FTS5 query: every word must appear, and the last one, the word being
    /// typed, matches every word it begins. No character typed can be read as query syntax.
    ///
    /// The search index stems words ("delegation" is held as "deleg"), so a stemmed prefix misses
    /// words whose stem is shorter than what was typed ("delegat"). The last word therefore also
    /// stands for every word as written that it begins, read from the unstemmed word list.
    pub(super) fn match_expression(&self, query: &str) -> Result<Option<String>> {
        let words: Vec<&str> = query
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|word| !word.is_empty())
            .collect();
        let Some((last, others)) = words.split_last() else {
            return Ok(None);
        };
        let completions = self.words_beginning(last)?;
        Ok(Some(expression(others, last, &completions)))
    }

    /// The words as written (lower-cased, without diacritics) that begin with `prefix` and are
    /// longer than it.
    ///
    /// The prefix itself, when it is a written word, is left out: the stemmed prefix (`"team"*`)
    /// already matches it, as every word whose stem begins with the prefix's stem. As one more
    /// alternative it only doubled the work of each match (one more position list to merge, one
    /// more phrase for bm25 to score), which made a search for a word in most entries twice as slow.
    pub(super) fn words_beginning(&self, prefix: &str) -> Result<Vec<String>> {
        let prefix = prefix.to_lowercase();
        let words = self
            .conn
            .prepare_cached(
                "SELECT term FROM entries_words_vocab WHERE term > ?1 AND term <= ?1 || char(1114111) \
                 ORDER BY term LIMIT ?2",
            )?
            .query_map(rusqlite::params![prefix, TYPED_WORD_EXPANSION as i64], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(words)
    }
}

/// The FTS5 expression for complete words `others` and the word being typed, `last`, which may be
/// any of `completions` or any word whose stem begins like it.
fn expression(others: &[&str], last: &str, completions: &[String]) -> String {
    let mut expression: Vec<String> = others.iter().map(|word| format!("\"{word}\"")).collect();
    let mut alternatives = vec![format!("\"{last}\"*")];
    // The word list holds tokens (letters and digits); doubling quotes keeps any other one a string.
    alternatives.extend(
        completions
            .iter()
            .map(|word| format!("\"{}\"", word.replace('"', "\"\""))),
    );
    expression.push(if alternatives.len() == 1 {
        alternatives.remove(0)
    } else {
        format!("({})", alternatives.join(" OR "))
    });
    expression.join(" AND ")
}

fn snippet_parts(marked: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut highlighted = false;
    for (index, piece) in marked.split([MATCH_START, MATCH_END]).enumerate() {
        if index > 0 {
            highlighted = !highlighted;
        }
        if !piece.is_empty() {
            parts.push(SnippetPart {
                text: piece.to_owned(),
                highlighted,
            });
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_a_safe_prefix_query() {
        assert_eq!(
            expression(&["stand", "up", "AND"], "OR", &[]),
            "\"stand\" AND \"up\" AND \"AND\" AND \"OR\"*"
        );
        assert_eq!(
            expression(&[], "delegat", &["delegation".to_owned(), "delegate".to_owned()]),
            "(\"delegat\"* OR \"delegation\" OR \"delegate\")"
        );
    }

    #[test]
    fn markers_split_a_snippet_into_parts() {
        let parts = snippet_parts("cut the \u{E000}stand\u{E001}-\u{E000}up\u{E001} short");
        let shown: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.highlighted)).collect();
        assert_eq!(
            shown,
            [
                ("cut the ", false),
                ("stand", true),
                ("-", false),
                ("up", true),
                (" short", false)
            ]
        );
    }
}
