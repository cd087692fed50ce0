//! What Day One writes into an entry besides words — Markdown backslash escapes, attachments named
//! by `dayone-moment:` links, location and weather — turned into text a Small Wins entry keeps and
//! shows, and read back out of that text when the entry leaves for Day One again.

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::{Map, Value};

/// The fence of the block that keeps an entry's Day One metadata (location, weather…) in its text.
const METADATA_FENCE: &str = "```dayone";
/// The Day One fields kept in that block: what describes the moment, not how the app stored it.
pub(super) const METADATA_KEYS: [&str; 4] = ["location", "weather", "userActivity", "music"];

/// Text as the writer saw it: Day One escapes Markdown punctuation (`10\-minute`, `\(`, `week\.`).
pub(super) fn unescape_markdown(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next)) if next.is_ascii_punctuation() => {
                plain.push(next);
                chars.next();
            }
            _ => plain.push(c),
        }
    }
    plain
}

/// One file attached to a Day One entry, as its JSON lists it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Attachment {
    #[serde(default)]
    identifier: Option<String>,
    #[serde(default)]
    md5: Option<String>,
    /// The file's extension for photos and videos (`jpeg`, `mov`).
    #[serde(default, rename = "type")]
    extension: Option<String>,
    /// An audio recording's codec (`aac`); the file is an `.m4a`.
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    pdf_name: Option<String>,
}

/// The kinds of attachment Day One exports, each in its own folder of the zip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Media {
    Photo,
    Video,
    Audio,
    Pdf,
}

impl Media {
    fn label(self) -> &'static str {
        match self {
            Media::Photo => "photo",
            Media::Video => "video",
            Media::Audio => "audio",
            Media::Pdf => "PDF",
        }
    }

    fn folder(self) -> &'static str {
        match self {
            Media::Photo => "photos",
            Media::Video => "videos",
            Media::Audio => "audios",
            Media::Pdf => "pdfs",
        }
    }
}

/// Where the files of a journal are: the journal's folder inside its zip, and which files the zip
/// holds (`None` for a JSON file read alone, whose files cannot be checked).
pub(super) struct Files<'a> {
    pub folder: &'a str,
    pub present: Option<&'a HashSet<String>>,
}

/// Replaces every `dayone-moment:` link in `text` with a link to its file (or a note naming it when
/// the export has no file), and adds the attachments the text does not place at its end.
pub(super) fn place_attachments(text: &str, attachments: &[(Media, &Attachment)], files: &Files<'_>) -> String {
    let mut placed = HashSet::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("dayone-moment:") {
        let url_end = rest[start..]
            .find(|c: char| c == ')' || c.is_whitespace())
            .map_or(rest.len(), |end| start + end);
        let url = &rest[start..url_end];
        let identifier = url.rsplit('/').next().unwrap_or_default();
        // `![](url)` is replaced whole; a bare URL on its own.
        let (before, after) = match rest[..start].strip_suffix("![](") {
            Some(before) if rest[url_end..].starts_with(')') => (before, url_end + 1),
            _ => (&rest[..start], url_end),
        };
        out.push_str(before);
        let found = attachments.iter().position(|(_, a)| {
            a.identifier
                .as_deref()
                .is_some_and(|id| id.eq_ignore_ascii_case(identifier))
        });
        match found {
            Some(index) => {
                placed.insert(index);
                let (media, attachment) = attachments[index];
                out.push_str(&link(media, attachment, files));
            }
            None => out.push_str(&format!(
                "(a Day One attachment not in the export: {})",
                plain(identifier)
            )),
        }
        rest = &rest[after..];
    }
    out.push_str(rest);
    let unplaced: Vec<String> = attachments
        .iter()
        .enumerate()
        .filter(|(index, _)| !placed.contains(index))
        .map(|(_, (media, attachment))| link(*media, attachment, files))
        .collect();
    if unplaced.is_empty() {
        out
    } else {
        format!("{}\n\n{}", out.trim_end(), unplaced.join("\n"))
            .trim_start()
            .to_owned()
    }
}

/// A Markdown link to an attachment's file, or a note when there is no such file. Names from the
/// file are data: only a hex md5 and a short alphanumeric extension ever make up a path.
fn link(media: Media, attachment: &Attachment, files: &Files<'_>) -> String {
    let label = match (&attachment.pdf_name, media) {
        (Some(name), Media::Pdf) => format!("PDF: {}", plain(name)),
        _ => media.label().to_owned(),
    };
    let extension = match media {
        Media::Audio => Some("m4a"),
        Media::Pdf => Some("pdf"),
        Media::Photo | Media::Video => attachment.extension.as_deref().or(attachment.format.as_deref()),
    };
    let md5 = attachment
        .md5
        .as_deref()
        .filter(|md5| !md5.is_empty() && md5.len() <= 64 && md5.chars().all(|c| c.is_ascii_hexdigit()));
    let extension =
        extension.filter(|ext| !ext.is_empty() && ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_alphanumeric()));
    let path = match (md5, extension) {
        (Some(md5), Some(ext)) => Some(format!(
            "{}{}/{md5}.{}",
            files.folder,
            media.folder(),
            ext.to_lowercase()
        )),
        _ => None,
    };
    match path {
        Some(path) if files.present.is_none_or(|present| present.contains(&path)) => format!("[{label}]({path})"),
        _ => {
            let name = attachment.identifier.as_deref().map(plain).unwrap_or_default();
            format!("({label} {name} — its file is not in the Day One export)")
        }
    }
}

/// A name from a file shown as words: letters, digits and a few signs, nothing that makes markup.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
        .take(120)
        .collect()
}

/// `text` with the entry's Day One metadata kept at its end as a fenced JSON block the entry shows.
pub(super) fn with_metadata(text: String, metadata: &Map<String, Value>) -> String {
    if metadata.is_empty() {
        return text;
    }
    let json = serde_json::to_string_pretty(metadata).unwrap_or_default();
    format!("{}\n\n{METADATA_FENCE}\n{json}\n```", text.trim_end())
        .trim_start()
        .to_owned()
}

/// Splits an entry's text into its words and the Day One metadata block at its end, if any.
pub(super) fn split_metadata(text: &str) -> (&str, Map<String, Value>) {
    let Some(start) = text.rfind(METADATA_FENCE) else {
        return (text, Map::new());
    };
    let block = &text[start + METADATA_FENCE.len()..];
    let Some(json) = block.trim_end().strip_suffix("```") else {
        return (text, Map::new());
    };
    match serde_json::from_str::<Map<String, Value>>(json) {
        Ok(metadata) => (text[..start].trim_end(), metadata),
        Err(_) => (text, Map::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backslash_escapes_become_the_punctuation_typed() {
        assert_eq!(
            unescape_markdown(r"a 10\-minute walk \(twice\)\. C:\\tmp \n stays"),
            r"a 10-minute walk (twice). C:\tmp \n stays"
        );
        assert_eq!(
            unescape_markdown(r"\#not\-a\-tag \*bold\* \_x\_"),
            "#not-a-tag *bold* _x_"
        );
        assert_eq!(unescape_markdown("ends with \\"), "ends with \\");
    }

    #[test]
    fn metadata_goes_into_the_text_and_comes_back_out() {
        let mut metadata = Map::new();
        metadata.insert("weather".into(), serde_json::json!({"temperatureCelsius": 8.5}));
        let text = with_metadata("Walked to work".into(), &metadata);
        assert!(text.starts_with("Walked to work\n\n```dayone\n"), "{text}");
        assert_eq!(split_metadata(&text), ("Walked to work", metadata));
        assert_eq!(split_metadata("no block").1, Map::new());
    }

    #[test]
    fn names_from_the_file_never_make_a_path_outside_the_folder() {
        let hostile: Attachment =
            serde_json::from_str(r#"{"identifier":"../../x","md5":"../../etc/passwd","type":"jpeg"}"#).unwrap();
        let files = Files {
            folder: "",
            present: None,
        };
        let text = place_attachments("", &[(Media::Photo, &hostile)], &files);
        assert!(!text.contains("](") && !text.contains('/'), "{text}");
        let odd_type: Attachment = serde_json::from_str(r#"{"identifier":"A","md5":"0a1b","type":"/../j"}"#).unwrap();
        let text = place_attachments("", &[(Media::Video, &odd_type)], &files);
        assert!(!text.contains("]("), "{text}");
    }
}
