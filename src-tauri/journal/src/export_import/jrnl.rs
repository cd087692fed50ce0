//! jrnl's two files: its plain-text journal and its JSON export, both read (tags from `@tag`, the
//! star, times in the local zone) and the JSON shape written for people leaving for jrnl.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use serde::{Deserialize, Serialize};

use super::archive::json_error;
use super::jrnl_time::{self, TimeFormats};
use super::{IncomingEntry, IncomingHead, IncomingSink, Origin, at};
use crate::tags::foreign_tag;
use crate::when::local_instant;
use crate::{Entry, Error, Kind, NewEntry, Result};

#[derive(Deserialize, Serialize)]
struct JrnlFile {
    tags: BTreeMap<String, u64>,
    entries: Vec<JrnlEntry>,
}

#[derive(Deserialize, Serialize)]
struct JrnlEntry {
    title: String,
    body: String,
    date: String,
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

/// Reads jrnl's JSON export (`jrnl --export json`) into `sink`.
pub(super) fn read_json<Tz: TimeZone>(text: &str, zone: &Tz, sink: &mut dyn IncomingSink) -> Result<()> {
    let file: JrnlFile = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let head = IncomingHead {
        entries: file.entries.len(),
        ..IncomingHead::default()
    };
    if !sink.head(head) {
        return Ok(());
    }
    let mut keys = Keys::default();
    for (index, entry) in file.entries.into_iter().enumerate() {
        let place = format!("entry {}", index + 1);
        let date = NaiveDate::parse_from_str(&entry.date, "%Y-%m-%d").map_err(|_| {
            at(
                &place,
                Error::invalid("date", format!("{:?} is not YYYY-MM-DD", entry.date)),
            )
        })?;
        let time = NaiveTime::parse_from_str(&entry.time, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(&entry.time, "%H:%M:%S"))
            .map_err(|_| at(&place, Error::invalid("time", format!("{:?} is not HH:MM", entry.time))))?;
        let read = Read {
            when: date.and_time(time),
            title: &entry.title,
            body: &entry.body,
            tags: &entry.tags,
            starred: entry.starred,
        };
        if !sink.entry(read.into_incoming(place, zone, &mut keys)?) {
            break;
        }
    }
    Ok(())
}

/// Reads jrnl's plain-text journal into `sink`: `[time] title`, then body lines up to the next
/// entry, the time in the format `time_format` names or the one format that fits every header.
pub(super) fn read_text<Tz: TimeZone>(
    text: &str,
    zone: &Tz,
    time_format: Option<&str>,
    sink: &mut dyn IncomingSink,
) -> Result<()> {
    let mut formats = TimeFormats::new(time_format);
    // (line number, stamp, title) of each header, then the body lines up to the next one.
    let mut headers: Vec<(usize, &str, &str, Vec<&str>)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if let Some((stamp, title)) = formats.header(line) {
            headers.push((index + 1, stamp, title, Vec::new()));
        } else if let Some((_, _, _, body)) = headers.last_mut() {
            body.push(line);
        } else if !line.trim().is_empty() {
            return Err(at(
                format!("line {}", index + 1),
                Error::invalid("entry", formats.expected()),
            ));
        }
    }
    let format = formats.settle(headers.iter().map(|(_, stamp, _, _)| *stamp))?;
    let head = IncomingHead {
        entries: headers.len(),
        ..IncomingHead::default()
    };
    if !sink.head(head) {
        return Ok(());
    }
    let mut keys = Keys::default();
    for (line, stamp, title, body) in headers {
        let when = jrnl_time::parse(stamp, format).map_err(|error| at(format!("line {line}"), error))?;
        if !sink.entry(finish((line, when, title, body), zone, &mut keys)?) {
            break;
        }
    }
    Ok(())
}

/// True when `text` looks like a jrnl plain-text journal: its first line is an entry header.
pub(super) fn looks_like_text(text: &str) -> bool {
    text.lines()
        .find(|line| !line.trim().is_empty())
        .and_then(|line| TimeFormats::new(None).header(line).map(|_| ()))
        .is_some()
}

fn finish<Tz: TimeZone>(
    (line, when, title, body): (usize, NaiveDateTime, &str, Vec<&str>),
    zone: &Tz,
    keys: &mut Keys,
) -> Result<IncomingEntry> {
    // jrnl marks a starred entry with a '*' at the end of its title line.
    let trimmed = title.trim_end();
    let (title, starred) = match trimmed.strip_suffix('*') {
        Some(rest) => (rest.trim_end(), true),
        None => (trimmed, false),
    };
    let body = body.join("\n");
    let read = Read {
        when,
        title,
        body: body.trim_end(),
        tags: &[],
        starred,
    };
    read.into_incoming(format!("line {line}"), zone, keys)
}

/// The keys of the entries read so far: an entry's key is a hash of its time and words, and a
/// second identical entry in the same file gets the next number after it.
#[derive(Default)]
struct Keys {
    /// How many entries so far had each hash.
    seen: HashMap<u64, u32>,
}

impl Keys {
    fn next(&mut self, when: NaiveDateTime, title: &str, body: &str) -> String {
        let hash = fnv1a(&[minute_stamp(when).as_str(), title, body]);
        let count = self.seen.entry(hash).or_default();
        *count += 1;
        if *count == 1 {
            format!("jrnl:{hash:016x}")
        } else {
            format!("jrnl:{hash:016x}#{count}")
        }
    }
}

/// `when` as `%Y-%m-%d %H:%M`, written directly for the years of four digits: chrono reads the
/// format string again for every entry.
fn minute_stamp(when: NaiveDateTime) -> String {
    if (0..=9999).contains(&when.year()) {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            when.year(),
            when.month(),
            when.day(),
            when.hour(),
            when.minute()
        )
    } else {
        when.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// FNV-1a, 64 bits: stable across builds and platforms, which a standard library hasher is not.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// One jrnl entry as either of its files holds it.
struct Read<'a> {
    when: NaiveDateTime,
    title: &'a str,
    body: &'a str,
    tags: &'a [String],
    starred: bool,
}

impl Read<'_> {
    fn into_incoming<Tz: TimeZone>(self, place: String, zone: &Tz, keys: &mut Keys) -> Result<IncomingEntry> {
        let key = keys.next(self.when, self.title, self.body);
        let occurred_at = local_instant(zone, self.when, &self.when.to_string()).map_err(|error| at(&place, error))?;
        let text = if self.body.is_empty() {
            self.title.to_owned()
        } else {
            format!("{}\n{}", self.title, self.body)
        };
        let tags: Vec<String> = self.tags.iter().filter_map(|tag| foreign_tag(tag)).collect();
        let entry = NewEntry {
            kind: kind_from_tags(&tags, &text),
            tags,
            occurred_at: Some(occurred_at),
            starred: self.starred,
            ..NewEntry::new(Kind::Note, text)
        };
        Ok(IncomingEntry {
            place,
            entry,
            origin: Origin::Foreign { key },
        })
    }
}

/// Tools without kinds often tag them: `@win` / `#setback` make a win or a setback, else a note.
pub(super) fn kind_from_tags(tags: &[String], text: &str) -> Kind {
    let inline = crate::tags::inline_tags(text);
    let tagged = |name: &str| tags.iter().chain(&inline).any(|tag| tag.eq_ignore_ascii_case(name));
    if tagged("setback") {
        Kind::Setback
    } else if tagged("win") {
        Kind::Win
    } else {
        Kind::Note
    }
}

/// Writes entries (oldest first) as jrnl's JSON export, with tags as `@tag`.
pub(super) fn write_json(entries: &[Entry], out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut tags = BTreeMap::new();
    let entries: Vec<JrnlEntry> = entries
        .iter()
        .map(|entry| {
            let jrnl_tags: Vec<String> = entry.tags.iter().map(|tag| format!("@{tag}")).collect();
            for tag in &jrnl_tags {
                *tags.entry(tag.clone()).or_insert(0) += 1;
            }
            let (title, body) = entry.text.split_once('\n').unwrap_or((&entry.text, ""));
            let local = entry.occurred_at;
            JrnlEntry {
                title: title.to_owned(),
                body: body.to_owned(),
                date: local.format("%Y-%m-%d").to_string(),
                time: local.format("%H:%M").to_string(),
                tags: jrnl_tags,
                starred: entry.starred,
            }
        })
        .collect();
    serde_json::to_writer_pretty(out, &JrnlFile { tags, entries }).map_err(std::io::Error::from)
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn a_minute_stamp_is_what_chrono_writes(seconds in -400_000_000_000_i64..400_000_000_000) {
            let when = DateTime::from_timestamp(seconds, 0).unwrap().naive_utc();
            prop_assert_eq!(minute_stamp(when), when.format("%Y-%m-%d %H:%M").to_string());
        }
    }
}
