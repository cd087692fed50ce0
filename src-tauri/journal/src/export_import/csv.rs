//! A CSV file of entries, one row each under a header row, quoted as RFC 4180 says, with every cell
//! of written words made safe to open in a spreadsheet (OWASP's "CSV injection").

use std::io::{self, Write};

use crate::Entry;

const HEADER: [&str; 14] = [
    "id",
    "kind",
    "occurred_at",
    "title",
    "text",
    "tags",
    "starred",
    "mood",
    "lesson",
    "adjust",
    "milestone_id",
    "updated_at",
    "people",
    "shareable",
];

/// Writes entries (oldest first) with CRLF line ends; tags are separated by `, ` (a tag may hold
/// spaces), people (whose names may hold spaces) by "; ". The cells of words (title, text, tags,
/// lesson, adjust, people) are [`neutralised`].
pub(super) fn write(entries: &[Entry], out: &mut impl Write) -> io::Result<()> {
    write_row(out, HEADER.iter().map(|name| name.to_string()))?;
    for entry in entries {
        write_row(
            out,
            [
                entry.id.clone(),
                entry.kind.to_string(),
                entry.occurred_at.to_rfc3339(),
                neutralised(entry.title()),
                neutralised(&entry.text),
                neutralised(&entry.tags.join(", ")),
                entry.starred.to_string(),
                entry.mood.map(|m| m.to_string()).unwrap_or_default(),
                neutralised(entry.lesson.as_deref().unwrap_or_default()),
                neutralised(entry.adjust.as_deref().unwrap_or_default()),
                entry.milestone_id.clone().unwrap_or_default(),
                entry.updated_at.to_rfc3339(),
                entry.people.join("; "),
                entry.shareable.to_string(),
            ],
        )?;
    }
    Ok(())
}

/// A cell a spreadsheet would run as a formula — one starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return — with a `'` before it, as OWASP recommends: shown as text, the words kept.
fn neutralised(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn write_row(out: &mut impl Write, fields: impl IntoIterator<Item = String>) -> io::Result<()> {
    let quoted: Vec<String> = fields.into_iter().map(|field| quote(&field)).collect();
    write!(out, "{}\r\n", quoted.join(","))
}

/// A field as RFC 4180 wants it: in double quotes (with quotes doubled) when it holds a comma, a
/// quote or a line break.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::{neutralised, quote};

    #[test]
    fn cells_a_spreadsheet_would_run_start_with_an_apostrophe() {
        for formula in ["=1+1", "+1 from the team", "-5 kg", "@team", "\tindented", "\rback"] {
            assert_eq!(neutralised(formula), format!("'{formula}"));
        }
        assert_eq!(neutralised("plain words - and = inside"), "plain words - and = inside");
        assert_eq!(neutralised(""), "");
    }

    #[test]
    fn fields_are_quoted_only_when_they_need_it() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }
}
