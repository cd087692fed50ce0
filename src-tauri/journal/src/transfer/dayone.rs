//! Day One's JSON export, alone or in its zip (photos stay in the zip; entries link to them), read
//! with each entry's own time zone; and the same shape written for people leaving for Day One.

use std::io::{Read, Seek};

use chrono::{DateTime, FixedOffset, Offset, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::archive::json_error;
use super::jrnl::kind_from_tags;
use super::{Incoming, IncomingEntry, Origin, at};
use crate::{Entry, Error, Kind, NewEntry, Result};

/// What an entry with no words of its own (a photo alone, say) says, so it is not lost.
const NO_TEXT: &str = "(a Day One entry without text)";

#[derive(Deserialize)]
struct DayOneFile {
    #[allow(dead_code)]
    metadata: serde::de::IgnoredAny,
    entries: Vec<DayOneEntry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DayOneEntry {
    uuid: String,
    creation_date: DateTime<Utc>,
    #[serde(default)]
    time_zone: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
    #[serde(default)]
    photos: Vec<DayOnePhoto>,
}

#[derive(Deserialize)]
struct DayOnePhoto {
    identifier: String,
    md5: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// Reads a Day One JSON export.
pub(super) fn read_json(text: &str) -> Result<Incoming> {
    let file: DayOneFile = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let entries = file
        .entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            let place = format!("entry {} ({})", index + 1, entry.uuid);
            let mut read = incoming(entry).map_err(|error| at(&place, error))?;
            read.place = place;
            Ok(read)
        })
        .collect::<Result<_>>()?;
    Ok(Incoming {
        entries,
        goals: Vec::new(),
        rhythm: None,
    })
}

/// Reads every journal (`*.json` at the top of the archive) in a Day One zip export.
pub(super) fn read_zip(reader: impl Read + Seek) -> Result<Incoming> {
    let bad_zip = |e: zip::result::ZipError| Error::invalid("file", format!("not a readable zip archive: {e}"));
    let mut archive = zip::ZipArchive::new(reader).map_err(bad_zip)?;
    let mut names: Vec<String> = archive
        .file_names()
        .filter(|name| name.ends_with(".json") && !name.contains('/'))
        .map(str::to_owned)
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(Error::invalid(
            "file",
            "the zip holds no Day One journal (no .json file at its top)",
        ));
    }
    let mut all = Incoming::default();
    for name in names {
        let mut text = String::new();
        archive
            .by_name(&name)
            .map_err(bad_zip)?
            .read_to_string(&mut text)
            .map_err(|e| at(&name, Error::invalid("file", format!("not UTF-8 JSON: {e}"))))?;
        let journal = read_json(&text).map_err(|error| at(&name, error))?;
        all.entries.extend(journal.entries);
    }
    Ok(all)
}

fn incoming(entry: DayOneEntry) -> Result<IncomingEntry> {
    let zone_name = entry.time_zone.as_deref().unwrap_or("UTC");
    let zone: Tz = zone_name
        .parse()
        .map_err(|_| Error::invalid("timeZone", format!("{zone_name:?} is not a time zone")))?;
    let occurred_at = entry.creation_date.with_timezone(&zone).fixed_offset();
    let mut text = entry.text.unwrap_or_default();
    let mut unplaced = Vec::new();
    for photo in &entry.photos {
        let file = match (&photo.md5, &photo.kind) {
            (Some(md5), Some(kind)) => format!("photos/{md5}.{kind}"),
            _ => format!("photos/{}", photo.identifier),
        };
        let moment = format!("dayone-moment://{}", photo.identifier);
        if text.contains(&moment) {
            // An image that the webview would fetch becomes a link to the file beside the export.
            text = text.replace(&format!("![]({moment})"), &format!("[photo]({file})"));
            text = text.replace(&moment, &file);
        } else {
            unplaced.push(format!("[photo]({file})"));
        }
    }
    if !unplaced.is_empty() {
        text = format!("{}\n\n{}", text.trim_end(), unplaced.join(" "))
            .trim_start()
            .to_owned();
    }
    if text.trim().is_empty() {
        text = NO_TEXT.to_owned();
    }
    let new_entry = NewEntry {
        kind: kind_from_tags(&entry.tags, &text),
        // Day One allows spaces in tags; a tag here is one word.
        tags: entry
            .tags
            .iter()
            .map(|tag| tag.trim().replace(char::is_whitespace, "-"))
            .collect(),
        occurred_at: Some(occurred_at),
        starred: entry.starred,
        ..NewEntry::new(Kind::Note, text)
    };
    Ok(IncomingEntry {
        place: String::new(),
        entry: new_entry,
        origin: Origin::Foreign {
            key: format!("dayone:{}", entry.uuid),
        },
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DayOneOut<'a> {
    uuid: String,
    creation_date: String,
    modified_date: String,
    time_zone: String,
    text: &'a str,
    tags: &'a [String],
    starred: bool,
}

/// Writes entries as a Day One JSON export.
pub(super) fn write_json(entries: &[Entry], out: &mut impl std::io::Write) -> std::io::Result<()> {
    let utc = |at: &DateTime<FixedOffset>| at.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::Secs, true);
    let entries: Vec<DayOneOut> = entries
        .iter()
        .map(|entry| DayOneOut {
            uuid: entry.id.replace('-', "").to_uppercase(),
            creation_date: utc(&entry.occurred_at),
            modified_date: utc(&entry.updated_at),
            time_zone: zone_name(entry.occurred_at.offset().fix()),
            text: &entry.text,
            tags: &entry.tags,
            starred: entry.starred,
        })
        .collect();
    serde_json::to_writer_pretty(
        out,
        &serde_json::json!({ "metadata": { "version": "1.0" }, "entries": entries }),
    )
    .map_err(std::io::Error::from)
}

/// A zone name Day One understands for a fixed offset: `Etc/GMT-1` is one hour east of UTC.
fn zone_name(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    match (seconds % 3600, seconds / 3600) {
        (0, 0) => "UTC".to_owned(),
        (0, hours) if hours > 0 => format!("Etc/GMT-{hours}"),
        (0, hours) => format!("Etc/GMT+{}", -hours),
        _ => "UTC".to_owned(),
    }
}
