//! A CSV file of entries, one row each under a header row, quoted as RFC 4180 says.

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

/// Writes entries (oldest first) with CRLF line ends; tags are separated by spaces, people (whose
/// names may hold spaces) by "; ".
pub(super) fn write(entries: &[Entry], out: &mut impl Write) -> io::Result<()> {
    write_row(out, HEADER.iter().map(|name| name.to_string()))?;
    for entry in entries {
        write_row(
            out,
            [
                entry.id.clone(),
                entry.kind.to_string(),
                entry.occurred_at.to_rfc3339(),
                entry.title().to_owned(),
                entry.text.clone(),
                entry.tags.join(" "),
                entry.starred.to_string(),
                entry.mood.map(|m| m.to_string()).unwrap_or_default(),
                entry.lesson.clone().unwrap_or_default(),
                entry.adjust.clone().unwrap_or_default(),
                entry.milestone_id.clone().unwrap_or_default(),
                entry.updated_at.to_rfc3339(),
                entry.people.join("; "),
                entry.shareable.to_string(),
            ],
        )?;
    }
    Ok(())
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
    use super::quote;

    #[test]
    fn fields_are_quoted_only_when_they_need_it() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }
}
