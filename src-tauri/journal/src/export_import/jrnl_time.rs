//! The times at the head of jrnl entries. jrnl writes them with the user's `timeformat` (its
//! default is `%F %r`: `2024-03-05 12:30:00 AM`; people set 24-hour clocks, no seconds, other date
//! orders), and the file does not say which: the format is told from the headers when only one
//! fits them, and named with `--time-format` when several read them differently.

use chrono::NaiveDateTime;

use crate::{Error, Result};

/// Date orders jrnl users set, and the clocks they write after them.
const DATE_FORMATS: [&str; 8] = [
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m-%d-%Y",
];
const CLOCK_FORMATS: [&str; 4] = ["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p"];

/// The formats still possible for a journal's headers, narrowed by each header read.
pub(super) struct TimeFormats {
    candidates: Vec<String>,
    /// True when the user named the format: nothing is guessed.
    named: bool,
}

impl TimeFormats {
    /// Every format jrnl users set, or only `named`.
    pub(super) fn new(named: Option<&str>) -> TimeFormats {
        match named {
            Some(format) => TimeFormats {
                candidates: vec![format.to_owned()],
                named: true,
            },
            None => TimeFormats {
                candidates: DATE_FORMATS
                    .iter()
                    .flat_map(|date| CLOCK_FORMATS.iter().map(move |clock| format!("{date} {clock}")))
                    .collect(),
                named: false,
            },
        }
    }

    /// When `line` is an entry header under a format still possible, narrows the formats to those
    /// that read it and gives its stamp and title.
    pub(super) fn header<'a>(&mut self, line: &'a str) -> Option<(&'a str, &'a str)> {
        let (stamp, title) = split_header(line)?;
        let fits = |format: &String| NaiveDateTime::parse_from_str(stamp, format).is_ok();
        // Usually every format left fits (one, once the first header settled it): nothing to narrow.
        let fitting = self.candidates.iter().filter(|format| fits(format)).count();
        if fitting == 0 {
            return None;
        }
        if fitting < self.candidates.len() {
            self.candidates.retain(fits);
        }
        Some((stamp, title))
    }

    /// The one format to read the headers `stamps` with: refused when the formats left read them
    /// differently (`03/04/2024` is March or April).
    pub(super) fn settle<'a>(&self, stamps: impl Iterator<Item = &'a str> + Clone) -> Result<&str> {
        let Some((first, others)) = self.candidates.split_first() else {
            return Err(Error::invalid("time format", "no entry header in the file"));
        };
        for other in others {
            let differs = stamps.clone().find(|stamp| {
                NaiveDateTime::parse_from_str(stamp, first).ok() != NaiveDateTime::parse_from_str(stamp, other).ok()
            });
            if let Some(stamp) = differs {
                return Err(Error::invalid(
                    "time format",
                    format!(
                        "[{stamp}] reads as \"{first}\" and as \"{other}\"; say which with --time-format \"{first}\""
                    ),
                ));
            }
        }
        Ok(first)
    }

    /// What a header should look like, for the message about a line that is not one.
    pub(super) fn expected(&self) -> String {
        if self.named {
            format!(
                "a jrnl entry starts with [time] in the time format \"{}\"",
                self.candidates[0]
            )
        } else {
            "a jrnl entry starts with [date time], as jrnl's timeformat writes it (name it with --time-format)"
                .to_owned()
        }
    }
}

/// `[stamp] title` split in two (the title may be empty).
fn split_header(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('[')?;
    let close = rest.find(']')?;
    let title = &rest[close + 1..];
    if !(title.is_empty() || title.starts_with(' ')) {
        return None;
    }
    Some((&rest[..close], title.strip_prefix(' ').unwrap_or(title)))
}

/// Reads a header's stamp with the settled format.
pub(super) fn parse(stamp: &str, format: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(stamp, format)
        .map_err(|_| Error::invalid("time", format!("{stamp:?} does not fit the time format \"{format}\"")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settled(lines: &[&str], named: Option<&str>) -> Result<Vec<String>> {
        let mut formats = TimeFormats::new(named);
        let stamps: Vec<&str> = lines
            .iter()
            .filter_map(|line| formats.header(line))
            .map(|(stamp, _)| stamp)
            .collect();
        let format = formats.settle(stamps.iter().copied())?.to_owned();
        stamps
            .iter()
            .map(|stamp| parse(stamp, &format).map(|when| when.format("%Y-%m-%d %H:%M:%S").to_string()))
            .collect()
    }

    #[test]
    fn twelve_hour_clocks_read_midnight_and_noon_right() {
        let lines = [
            "[2024-03-05 12:30:00 AM] a",
            "[2024-03-05 12:05:00 PM] b",
            "[2024-03-06 11:45:00 pm] c",
        ];
        assert_eq!(
            settled(&lines, None).unwrap(),
            ["2024-03-05 00:30:00", "2024-03-05 12:05:00", "2024-03-06 23:45:00"]
        );
        assert_eq!(
            settled(&["[2024-03-05 12:30 AM] a"], None).unwrap(),
            ["2024-03-05 00:30:00"]
        );
    }

    #[test]
    fn a_later_header_settles_the_date_order() {
        let lines = ["[03/04/2024 09:00] a", "not a header [x]", "[25/04/2024 18:30] b"];
        assert_eq!(
            settled(&lines, None).unwrap(),
            ["2024-04-03 09:00:00", "2024-04-25 18:30:00"]
        );
        let dotted = ["[05.03.2024 21:15:09] a"];
        assert_eq!(settled(&dotted, None).unwrap(), ["2024-03-05 21:15:09"]);
    }

    #[test]
    fn an_ambiguous_order_asks_for_the_format_and_a_named_one_is_used() {
        let lines = ["[03/04/2024 09:00] a", "[05/06/2024 10:00] b"];
        let error = settled(&lines, None).unwrap_err().to_string();
        assert!(error.contains("--time-format"), "{error}");
        assert_eq!(
            settled(&lines, Some("%m/%d/%Y %H:%M")).unwrap(),
            ["2024-03-04 09:00:00", "2024-05-06 10:00:00"]
        );
        assert_eq!(
            settled(&["[2024-03-05 12:30:00 PM] x"], Some("%F %r")).unwrap(),
            ["2024-03-05 12:30:00"]
        );
    }
}
