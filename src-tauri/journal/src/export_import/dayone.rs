//! Day One's JSON export, alone or in its zip (attachments stay in the zip; entries link to them),
//! read with each entry's own time zone; and the same shape written for people leaving for Day One.

use std::collections::HashSet;
use std::io::{Read, Seek};

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::archive::json_error;
use super::dayone_text::{
    Attachment, Files, METADATA_KEYS, Media, place_attachments, split_metadata, unescape_markdown, with_metadata,
};
use super::jrnl::kind_from_tags;
use super::zones::{self, zone_name};
use super::{Incoming, IncomingEntry, Origin, at, limits};
use crate::tags::foreign_tag;
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
    photos: Vec<Attachment>,
    #[serde(default)]
    videos: Vec<Attachment>,
    #[serde(default)]
    audios: Vec<Attachment>,
    #[serde(default)]
    pdf_attachments: Vec<Attachment>,
    #[serde(default)]
    location: Option<Value>,
    #[serde(default)]
    weather: Option<Value>,
    #[serde(default)]
    user_activity: Option<Value>,
    #[serde(default)]
    music: Option<Value>,
}

/// Reads a Day One JSON export.
pub(super) fn read_json(text: &str) -> Result<Incoming> {
    read_journal(
        text,
        &Files {
            folder: "",
            present: None,
        },
    )
}

fn read_journal(text: &str, files: &Files<'_>) -> Result<Incoming> {
    let file: DayOneFile = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let entries = file
        .entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            let place = format!("entry {} ({})", index + 1, entry.uuid);
            let mut read = incoming(entry, files).map_err(|error| at(&place, error))?;
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

/// Reads every journal (`*.json`, wherever it is: a zip re-made by macOS or Windows has a top
/// folder, and `__MACOSX/` copies that are not journals) in a Day One zip export. The sizes the zip
/// declares are checked before anything is inflated, and what is inflated is counted as it comes.
pub(super) fn read_zip(reader: impl Read + Seek) -> Result<Incoming> {
    let bad_zip = |e: zip::result::ZipError| Error::invalid("file", format!("not a readable zip archive: {e}"));
    let mut archive = zip::ZipArchive::new(reader).map_err(bad_zip)?;
    let present: HashSet<String> = archive.file_names().map(str::to_owned).collect();
    let mut names: Vec<String> = present.iter().filter(|name| is_journal_name(name)).cloned().collect();
    names.sort();
    if names.is_empty() {
        return Err(Error::invalid(
            "file",
            "the zip holds no Day One journal (no .json file)",
        ));
    }
    let mut declared: u64 = 0;
    for name in &names {
        declared = declared.saturating_add(archive.by_name(name).map_err(bad_zip)?.size());
    }
    limits::check_size(declared, "the journals in the zip")?;
    let mut all = Incoming::default();
    for name in names {
        let member = archive.by_name(&name).map_err(bad_zip)?;
        let bytes = limits::read_bounded(member, &name)?;
        let text =
            String::from_utf8(bytes).map_err(|e| at(&name, Error::invalid("file", format!("not UTF-8 JSON: {e}"))))?;
        let folder = name.rfind('/').map_or("", |slash| &name[..=slash]);
        let files = Files {
            folder,
            present: Some(&present),
        };
        let journal = read_journal(text.trim_start_matches('\u{feff}'), &files).map_err(|error| at(&name, error))?;
        all.entries.extend(journal.entries);
    }
    Ok(all)
}

/// A journal in a zip: a `.json` file that is not one of the `__MACOSX/` or `._` copies macOS adds.
fn is_journal_name(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    name.to_ascii_lowercase().ends_with(".json")
        && !name.starts_with("__MACOSX/")
        && !name.contains("/__MACOSX/")
        && !base.starts_with("._")
}

fn incoming(entry: DayOneEntry, files: &Files<'_>) -> Result<IncomingEntry> {
    let zone_name = entry.time_zone.as_deref().unwrap_or("UTC");
    let zone = zones::zone(zone_name)
        .ok_or_else(|| Error::invalid("timeZone", format!("{zone_name:?} is not a time zone")))?;
    let occurred_at = zones::in_zone(&entry.creation_date, &zone).ok_or_else(|| {
        Error::invalid(
            "creationDate",
            format!("{} is outside the years time zones cover", entry.creation_date),
        )
    })?;
    let attachments: Vec<(Media, &Attachment)> = [
        (Media::Photo, &entry.photos),
        (Media::Video, &entry.videos),
        (Media::Audio, &entry.audios),
        (Media::Pdf, &entry.pdf_attachments),
    ]
    .into_iter()
    .flat_map(|(media, list)| list.iter().map(move |attachment| (media, attachment)))
    .collect();
    let text = unescape_markdown(entry.text.as_deref().unwrap_or_default());
    let mut text = place_attachments(&text, &attachments, files);
    if text.trim().is_empty() {
        text = NO_TEXT.to_owned();
    }
    let metadata: Map<String, Value> = METADATA_KEYS
        .into_iter()
        .zip([entry.location, entry.weather, entry.user_activity, entry.music])
        .filter_map(|(key, value)| value.map(|value| (key.to_owned(), value)))
        .collect();
    let text = with_metadata(text, &metadata);
    let new_entry = NewEntry {
        kind: kind_from_tags(&entry.tags, &text),
        tags: entry.tags.iter().filter_map(|tag| foreign_tag(tag)).collect(),
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
    /// A zone whose wall clock at that moment is the entry's own (half- and quarter-hour ones too).
    time_zone: String,
    text: &'a str,
    tags: &'a [String],
    starred: bool,
    /// Location, weather… kept in the entry's text since it came from Day One.
    #[serde(flatten)]
    metadata: Map<String, Value>,
}

/// Writes entries as a Day One JSON export.
pub(super) fn write_json(entries: &[Entry], out: &mut impl std::io::Write) -> std::io::Result<()> {
    let utc = |at: &DateTime<FixedOffset>| at.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::Secs, true);
    let entries: Vec<DayOneOut> = entries
        .iter()
        .map(|entry| {
            let (text, metadata) = split_metadata(&entry.text);
            DayOneOut {
                uuid: entry.id.replace('-', "").to_uppercase(),
                creation_date: utc(&entry.occurred_at),
                modified_date: utc(&entry.updated_at),
                time_zone: zone_name(&entry.occurred_at),
                text,
                tags: &entry.tags,
                starred: entry.starred,
                metadata,
            }
        })
        .collect();
    serde_json::to_writer_pretty(
        out,
        &serde_json::json!({ "metadata": { "version": "1.0" }, "entries": entries }),
    )
    .map_err(std::io::Error::from)
}
