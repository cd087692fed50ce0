//! Markdown exports: one readable file with days as headings, or a folder of one file per entry with
//! front matter (Obsidian reads it) that imports back without losing a field.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use serde_json::Value;

use super::{Incoming, IncomingEntry, Origin, at, io_error, limits};
use crate::safe_files::{ExportFile, FolderExport};
use crate::{Entry, Error, Kind, NewEntry, Result};

/// Writes one Markdown file: a heading per day, the entries of the day under it, oldest first.
pub(super) fn write_file(entries: &[Entry], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# Small Wins journal")?;
    let mut day = String::new();
    for entry in entries {
        let this_day = entry.occurred_at.format("%A, %-d %B %Y").to_string();
        if this_day != day {
            writeln!(out, "\n## {this_day}")?;
            day = this_day;
        }
        let star = if entry.starred { " ★" } else { "" };
        writeln!(
            out,
            "\n### {} · {}{star}\n",
            entry.occurred_at.format("%H:%M"),
            entry.kind
        )?;
        writeln!(out, "{}", entry.text.trim_end())?;
        if let Some(lesson) = &entry.lesson {
            writeln!(out, "\n**What I learned:** {lesson}")?;
        }
        if let Some(adjust) = &entry.adjust {
            writeln!(out, "\n**What I'll adjust:** {adjust}")?;
        }
        if !entry.tags.is_empty() {
            let tags: Vec<String> = entry.tags.iter().map(|tag| format!("#{tag}")).collect();
            writeln!(out, "\nTags: {}", tags.join(" "))?;
        }
    }
    Ok(())
}

/// Writes one file per entry into `folder`, named by time and title, with every field in front
/// matter. Values are JSON, which YAML reads as it is.
pub(super) fn write_folder(entries: &[Entry], folder: &Path) -> Result<()> {
    let mut export = FolderExport::new(folder)?;
    export.add_all(entries.iter().map(entry_file))?;
    export.finish()
}

/// An entry as one file of a folder export.
fn entry_file(entry: &Entry) -> ExportFile {
    let mut text = String::from("---\n");
    let fields: [(&str, Value); 13] = [
        ("id", entry.id.clone().into()),
        ("kind", entry.kind.as_str().into()),
        ("occurred_at", entry.occurred_at.to_rfc3339().into()),
        ("created_at", entry.created_at.to_rfc3339().into()),
        ("updated_at", entry.updated_at.to_rfc3339().into()),
        ("tags", entry.tags.clone().into()),
        ("starred", entry.starred.into()),
        ("mood", entry.mood.into()),
        ("lesson", entry.lesson.clone().into()),
        ("adjust", entry.adjust.clone().into()),
        ("milestone_id", entry.milestone_id.clone().into()),
        ("people", entry.people.clone().into()),
        ("shareable", entry.shareable.into()),
    ];
    for (name, value) in fields {
        text.push_str(&format!("{name}: {value}\n"));
    }
    text.push_str("---\n");
    text.push_str(&entry.text);
    text.push('\n');
    // Re-exporting into the same folder replaces the earlier file of this entry, and only that.
    let identity = format!("---\nid: {}\n", Value::from(entry.id.clone()));
    ExportFile {
        name: file_name(entry),
        contents: text.into_bytes(),
        identity: identity.into_bytes(),
    }
}

fn file_name(entry: &Entry) -> String {
    let slug: String = entry
        .title()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|word| !word.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    format!(
        "{}-{slug}-{}.md",
        entry.occurred_at.format("%Y-%m-%d-%H%M"),
        &entry.id[..8.min(entry.id.len())]
    )
}

/// Reads a folder written by [`write_folder`]: every `*.md` in it, in name order, also after an
/// editor or another system has been through it (CRLF line ends, a byte-order mark, front matter
/// rewritten as ordinary YAML with keys of its own).
pub(super) fn read_folder(folder: &Path) -> Result<Incoming> {
    let mut paths: Vec<_> = fs::read_dir(folder)
        .map_err(io_error(folder))?
        .map(|item| item.map(|item| item.path()).map_err(io_error(folder)))
        .collect::<Result<_>>()?;
    paths.retain(|path| path.extension().is_some_and(|ext| ext == "md"));
    paths.sort();
    if paths.is_empty() {
        return Err(Error::invalid(
            "file",
            format!("{} holds no .md files", folder.display()),
        ));
    }
    let entries = paths
        .iter()
        .map(|path| {
            let place = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = limits::read_bounded(limits::open_regular(path)?, &place)?;
            let text = String::from_utf8(bytes).map_err(|_| at(&place, Error::invalid("file", "not UTF-8 text")))?;
            read_entry(&text)
                .map_err(|error| at(&place, error))
                .map(|(entry, origin)| IncomingEntry { place, entry, origin })
        })
        .collect::<Result<_>>()?;
    Ok(Incoming {
        entries,
        goals: Vec::new(),
        rhythm: None,
    })
}

/// The front matter of an entry's file; keys an editor added are ignored.
#[derive(Deserialize)]
struct FrontMatter {
    id: String,
    kind: Kind,
    occurred_at: DateTime<FixedOffset>,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    #[serde(default)]
    tags: Tags,
    #[serde(default)]
    starred: bool,
    #[serde(default)]
    mood: Option<u8>,
    #[serde(default)]
    lesson: Option<String>,
    #[serde(default)]
    adjust: Option<String>,
    #[serde(default)]
    milestone_id: Option<String>,
    #[serde(default)]
    people: Tags,
    #[serde(default)]
    shareable: bool,
}

/// Tags (or people) as a list, or as the single word an editor may leave when one is left.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Tags {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl Tags {
    fn into_list(self) -> Vec<String> {
        match self {
            Tags::None => Vec::new(),
            Tags::One(tag) => vec![tag],
            Tags::Many(tags) => tags,
        }
    }
}

fn read_entry(text: &str) -> Result<(NewEntry, Origin)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n");
    let no_front_matter = || Error::invalid("front matter", "the file does not start with a --- front matter block");
    let rest = text.strip_prefix("---\n").ok_or_else(no_front_matter)?;
    let (front, body) = match rest.split_once("\n---\n") {
        Some(parts) => parts,
        None => (rest.strip_suffix("\n---").ok_or_else(no_front_matter)?, ""),
    };
    // The parser counts lines from the block's first line, the one below the opening ---.
    let front: FrontMatter = serde_saphyr::from_str(front).map_err(|e| {
        let message = e.to_string();
        let first = message.lines().next().unwrap_or_default();
        Error::invalid(
            "front matter",
            format!(
                "below the first ---, {}",
                first.strip_prefix("error: ").unwrap_or(first)
            ),
        )
    })?;
    let tags = front.tags.into_list();
    let entry = NewEntry {
        tags,
        occurred_at: Some(front.occurred_at),
        mood: front.mood,
        starred: front.starred,
        lesson: front.lesson,
        adjust: front.adjust,
        milestone_id: front.milestone_id,
        // Files written before credits and sharing have neither: no one credited, private.
        people: front.people.into_list(),
        shareable: front.shareable,
        ..NewEntry::new(front.kind, body.strip_suffix('\n').unwrap_or(body))
    };
    let origin = Origin::Kept {
        id: front.id,
        created_at: front.created_at,
        updated_at: front.updated_at,
    };
    Ok((entry, origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LF: &str = "---\nid: \"0194f000-0000-7000-8000-000000000001\"\nkind: \"win\"\noccurred_at: \"2025-04-07T08:30:00+02:00\"\n\
        created_at: \"2025-04-07T08:31:00+02:00\"\nupdated_at: \"2025-04-07T08:31:00+02:00\"\ntags: [\"planning\"]\n\
        starred: true\nmood: null\nlesson: null\nadjust: null\nmilestone_id: null\n---\nFirst line\nSecond line\n";

    #[test]
    fn crlf_and_a_byte_order_mark_read_like_the_original() {
        let original = read_entry(LF).unwrap();
        let windows = format!("\u{feff}{}", LF.replace('\n', "\r\n"));
        assert_eq!(read_entry(&windows).unwrap(), original);
        assert_eq!(original.0.text, "First line\nSecond line");
    }

    #[test]
    fn front_matter_rewritten_by_an_editor_is_read_as_yaml() {
        let obsidian = "---\nid: 0194f000-0000-7000-8000-000000000001\nkind: setback\noccurred_at: 2025-04-07T08:30:00+02:00\n\
            created_at: 2025-04-07T08:31:00+02:00\nupdated_at: 2025-04-07T08:31:00+02:00\ntags:\n  - planning\n  - Mother's Day\n\
            lesson: I skipped the buffer day\naliases: []\ncssclasses:\n  - wide\n---\nSlipped\n";
        let (entry, _) = read_entry(obsidian).unwrap();
        assert_eq!(entry.kind, Kind::Setback);
        assert_eq!(entry.tags, ["planning", "Mother's Day"]);
        assert_eq!(entry.lesson.as_deref(), Some("I skipped the buffer day"));
        assert!(!entry.starred);
    }

    #[test]
    fn a_single_tag_and_an_empty_body_are_read() {
        let one = LF
            .replace("tags: [\"planning\"]", "tags: planning")
            .replace("---\nFirst line\nSecond line\n", "---");
        let (entry, _) = read_entry(&one).unwrap();
        assert_eq!(entry.tags, ["planning"]);
        assert_eq!(entry.text, "");
        assert!(read_entry("no front matter").is_err());
        let unknown_kind = LF.replace("kind: \"win\"", "kind: victory");
        let message = read_entry(&unknown_kind).unwrap_err().to_string();
        assert!(
            message.contains("below the first ---, line 2") && message.contains("victory"),
            "{message}"
        );
    }
}
