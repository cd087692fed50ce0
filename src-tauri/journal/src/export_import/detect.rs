//! Reading an import: telling the format from the file when the user does not name it, and making
//! sure what is read is text before any parser sees it.

use std::fs;
use std::io::Cursor;
use std::path::Path;

use chrono::TimeZone;
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::archive::Archive;
use super::{ImportFormat, Incoming, IncomingSink, dayone, io_error, jrnl, limits, markdown};
use crate::{Error, Result};

/// Reads `path` as `from`, or as whatever it turns out to be; jrnl's times are read in `zone`, in
/// the format `time_format` names when the file's headers could be read more than one way.
pub fn read_source<Tz: TimeZone>(
    path: &Path,
    from: Option<ImportFormat>,
    time_format: Option<&str>,
    zone: &Tz,
) -> Result<(ImportFormat, Incoming)> {
    let mut incoming = Incoming::default();
    let format = read_source_into(path, from, time_format, zone, &mut incoming)?;
    Ok((format, incoming))
}

/// [`read_source`], handing the file's head to `sink` once the whole file is read and parsed (a
/// file that is no such file fails before), then each entry as soon as it is checked (a bad entry
/// fails after the ones before it were handed on). jrnl's files are checked an entry at a time;
/// the others whole, then handed on.
pub fn read_source_into<Tz: TimeZone>(
    path: &Path,
    from: Option<ImportFormat>,
    time_format: Option<&str>,
    zone: &Tz,
    sink: &mut dyn IncomingSink,
) -> Result<ImportFormat> {
    let metadata = fs::metadata(path).map_err(io_error(path))?;
    if metadata.is_dir() {
        return match from {
            None | Some(ImportFormat::Markdown) => {
                markdown::read_folder(path)?.hand_to(sink);
                Ok(ImportFormat::Markdown)
            }
            Some(other) => Err(Error::invalid(
                "from",
                format!("{} is a folder, not a {other} file", path.display()),
            )),
        };
    }
    let file = limits::open_regular(path)?;
    let bytes = limits::read_bounded(file, &path.display().to_string())?;
    if bytes.starts_with(b"PK\x03\x04") {
        return match from {
            None | Some(ImportFormat::Dayone) => {
                dayone::read_zip(Cursor::new(bytes))?.hand_to(sink);
                Ok(ImportFormat::Dayone)
            }
            Some(other) => Err(Error::invalid(
                "from",
                format!("{} is a zip archive, not a {other} file", path.display()),
            )),
        };
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::invalid(
            "file",
            format!("line {line}: not UTF-8 text (byte {})", e.valid_up_to()),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = match from {
        Some(format) => format,
        // Only jrnl's text journal has a time format to name.
        None if time_format.is_some() && !text.trim_start().starts_with('{') => ImportFormat::Jrnl,
        None => detect(text)?,
    };
    match format {
        ImportFormat::SmallWins => Incoming::from(Archive::from_json(text)?).hand_to(sink),
        ImportFormat::Jrnl if text.trim_start().starts_with('{') => jrnl::read_json(text, zone, sink)?,
        ImportFormat::Jrnl => jrnl::read_text(text, zone, time_format, sink)?,
        ImportFormat::Dayone => dayone::read_json(text)?.hand_to(sink),
        ImportFormat::Markdown => {
            return Err(Error::invalid(
                "from",
                "a Markdown import is a folder of .md files written by Small Wins",
            ));
        }
    }
    Ok(format)
}

/// Which of the JSON files or jrnl's text `text` is, by its top-level keys or its first line.
fn detect(text: &str) -> Result<ImportFormat> {
    #[derive(Deserialize)]
    struct Keys {
        format: Option<String>,
        metadata: Option<IgnoredAny>,
        tags: Option<IgnoredAny>,
        entries: Option<IgnoredAny>,
    }
    // Each tool writes its tell-tale key first; reading only that spares parsing a big file twice.
    match first_key(text) {
        Some("format") => return Ok(ImportFormat::SmallWins),
        Some("metadata") => return Ok(ImportFormat::Dayone),
        Some("tags") => return Ok(ImportFormat::Jrnl),
        _ => {}
    }
    if text.trim_start().starts_with('{') {
        let keys: Keys = serde_json::from_str(text).map_err(|e| super::archive::json_error(&e))?;
        return match keys {
            Keys { format: Some(_), .. } => Ok(ImportFormat::SmallWins),
            Keys {
                metadata: Some(_),
                entries: Some(_),
                ..
            } => Ok(ImportFormat::Dayone),
            Keys {
                tags: Some(_),
                entries: Some(_),
                ..
            } => Ok(ImportFormat::Jrnl),
            _ => Err(Error::invalid(
                "file",
                "a JSON file, but not one Small Wins knows (its own export, jrnl's or Day One's); name it with --from",
            )),
        };
    }
    if jrnl::looks_like_text(text) {
        return Ok(ImportFormat::Jrnl);
    }
    Err(Error::invalid(
        "file",
        "cannot tell what this file is: not JSON, and its first line is not a jrnl entry header ([date time] title)",
    ))
}

/// The first key of a JSON object, when it is a plain string without escapes.
fn first_key(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix('{')?.trim_start().strip_prefix('"')?;
    let end = rest.find(['"', '\\'])?;
    (rest.as_bytes()[end] == b'"').then(|| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_key_tells_the_tool_and_anything_else_is_parsed() {
        assert_eq!(first_key(" {\n  \"tags\": {}"), Some("tags"));
        assert_eq!(first_key("{\"fo\\u0072mat\": 1}"), None);
        assert_eq!(first_key("[1]"), None);
        assert_eq!(
            detect("{\"entries\": [], \"metadata\": {}}").unwrap(),
            ImportFormat::Dayone
        );
        assert_eq!(detect("{\"format\": \"small-wins\"}").unwrap(), ImportFormat::SmallWins);
        assert!(detect("{\"notes\": []}").is_err());
    }
}
