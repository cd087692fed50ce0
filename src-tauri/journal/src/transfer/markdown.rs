//! Markdown exports: one readable file with days as headings, or a folder of one file per entry with
//! front matter (Obsidian reads it) that imports back without losing a field.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Incoming, IncomingEntry, Origin, at, io_error};
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
    fs::create_dir_all(folder).map_err(io_error(folder))?;
    for entry in entries {
        let path = folder.join(file_name(entry));
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
        fs::write(&path, text).map_err(io_error(&path))?;
    }
    Ok(())
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

/// Reads a folder written by [`write_folder`]: every `*.md` in it, in name order.
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
            let text = fs::read_to_string(path).map_err(io_error(path))?;
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

fn read_entry(text: &str) -> Result<(NewEntry, Origin)> {
    let no_front_matter = || Error::invalid("front matter", "the file does not start with a --- front matter block");
    let rest = text.strip_prefix("---\n").ok_or_else(no_front_matter)?;
    let (front, body) = rest.split_once("\n---\n").ok_or_else(no_front_matter)?;
    let mut fields = serde_json::Map::new();
    for (index, line) in front.lines().enumerate() {
        let (name, value) = line.split_once(": ").ok_or_else(|| {
            Error::invalid(
                "front matter",
                format!("line {}: expected `name: value`, found {line:?}", index + 2),
            )
        })?;
        let value: Value = serde_json::from_str(value).map_err(|e| {
            Error::invalid(
                "front matter",
                format!("line {}: {name}: {value:?} is not a value ({e})", index + 2),
            )
        })?;
        fields.insert(name.to_owned(), value);
    }
    let field = |name: &'static str| fields.get(name).cloned().unwrap_or(Value::Null);
    let kind: Kind = read("kind", field("kind"))?;
    let entry = NewEntry {
        tags: read("tags", field("tags"))?,
        occurred_at: Some(read("occurred_at", field("occurred_at"))?),
        mood: read("mood", field("mood"))?,
        starred: read("starred", field("starred"))?,
        lesson: read("lesson", field("lesson"))?,
        adjust: read("adjust", field("adjust"))?,
        milestone_id: read("milestone_id", field("milestone_id"))?,
        // Files written before credits and sharing have neither: no one credited, private.
        people: read::<Option<Vec<String>>>("people", field("people"))?.unwrap_or_default(),
        shareable: read::<Option<bool>>("shareable", field("shareable"))?.unwrap_or_default(),
        ..NewEntry::new(kind, body.strip_suffix('\n').unwrap_or(body))
    };
    let origin = Origin::Kept {
        id: read("id", field("id"))?,
        created_at: read::<DateTime<FixedOffset>>("created_at", field("created_at"))?,
        updated_at: read("updated_at", field("updated_at"))?,
    };
    Ok((entry, origin))
}

fn read<T: DeserializeOwned>(name: &'static str, value: Value) -> Result<T> {
    let shown = value.to_string();
    serde_json::from_value(value).map_err(|e| Error::invalid(name, format!("{shown} is not valid here ({e})")))
}
