//! Full-text search: the words people type, ranked by relevance, with the matches marked.

use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::Store;
use super::listing::Filter;
use super::listing::FilterSql;
use super::row::{ENTRY_COLUMN_COUNT, ENTRY_COLUMNS, entry_from_row};
use crate::Result;
use crate::model::Entry;

/// An entry found by a search, with the passage that matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub entry: Entry,
    pub snippet: Vec<SnippetPart>,
}

/// A piece of a snippet; `highlighted` pieces are the words that matched. Kept as parts rather than
/// markup so no front end ever has to trust HTML built from entry text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetPart {
    pub text: String,
    pub highlighted: bool,
}

// Private-use characters: they never come from a keyboard, so they can mark where a match starts and ends.
const MATCH_START: char = '\u{E000}';
const MATCH_END: char = '\u{E001}';

impl Store {
    /// The `limit` entries matching `query` best, narrowed by `filter`.
    pub fn search(&self, query: &str, filter: &Filter, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(expression) = match_expression(query) else {
            return Ok(Vec::new());
        };
        let Some(mut sql) = FilterSql::new(self, filter)? else {
            return Ok(Vec::new());
        };
        sql.push_condition("entries_fts MATCH ?");
        sql.params.push(Value::Text(expression.clone()));
        sql.params.push(Value::Integer(limit.try_into().unwrap_or(i64::MAX)));
        // Rank first, then build snippets for the winners only: SQLite would otherwise compute a
        // snippet for every match before sorting.
        let ranked = format!(
            "SELECT e.seq FROM entries_fts JOIN entries e ON e.seq = entries_fts.rowid {} WHERE {} \
             ORDER BY entries_fts.rank LIMIT ?",
            sql.joins, sql.conditions
        );
        let seqs: Vec<i64> = self
            .conn
            .prepare_cached(&ranked)?
            .query_map(params_from_iter(&sql.params), |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut with_snippet = self.conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS}, snippet(entries_fts, -1, char(57344), char(57345), '…', 16) \
             FROM entries_fts JOIN entries e ON e.seq = entries_fts.rowid \
             WHERE entries_fts MATCH ?1 AND entries_fts.rowid = ?2"
        ))?;
        seqs.into_iter()
            .map(|seq| {
                Ok(with_snippet.query_row(rusqlite::params![expression, seq], |row| {
                    Ok(SearchHit {
                        entry: entry_from_row(row)?,
                        snippet: snippet_parts(&row.get::<_, String>(ENTRY_COLUMN_COUNT)?),
                    })
                })?)
            })
            .collect()
    }
}

/// What people type as an FTS5 query: every word must appear, the last one may be unfinished, and
/// no character typed can be read as query syntax.
pub(super) fn match_expression(query: &str) -> Option<String> {
    let words: Vec<&str> = query
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
        .collect();
    let (last, others) = words.split_last()?;
    let mut expression: Vec<String> = others.iter().map(|word| format!("\"{word}\"")).collect();
    expression.push(format!("\"{last}\"*"));
    Some(expression.join(" "))
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
            match_expression("stand-up \"AND\" OR*").unwrap(),
            "\"stand\" \"up\" \"AND\" \"OR\"*"
        );
        assert_eq!(match_expression("  #team  "), Some("\"team\"*".to_owned()));
        assert_eq!(match_expression(" -- "), None);
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
