//! How entries look in a terminal: aligned lines, colour only for a person at a terminal.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};

use anstyle::{AnsiColor, Style};
use chrono::Local;
use journal::{Entry, Kind, Record, SearchHit, Store, TagCount};

use crate::error::Result;
use serde::Serialize;

/// Where output goes, and whether it may be coloured.
pub struct Output {
    out: io::StdoutLock<'static>,
    terminal: bool,
    colour: bool,
}

pub const DIM: Style = Style::new().dimmed();
pub const BOLD: Style = Style::new().bold();
const TAG: Style = AnsiColor::Cyan.on_default();
const STAR: Style = AnsiColor::Yellow.on_default();
const MATCH: Style = AnsiColor::Yellow.on_default().bold().underline();

impl Output {
    pub fn stdout() -> Output {
        let stdout = io::stdout();
        let terminal = stdout.is_terminal();
        // NO_COLOR (no-color.org): any non-empty value turns colour off.
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Output {
            terminal,
            colour: terminal && !no_colour,
            out: stdout.lock(),
        }
    }

    pub fn is_terminal(&self) -> bool {
        self.terminal
    }

    /// Whether [`Output::paint`] colours: a terminal, and no `NO_COLOR`.
    pub fn is_coloured(&self) -> bool {
        self.colour
    }

    pub fn json(&mut self, value: &impl Serialize) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.out, value).map_err(io::Error::from)?;
        writeln!(self.out)?;
        Ok(())
    }

    pub fn line(&mut self, text: &str) -> Result<()> {
        writeln!(self.out, "{text}")?;
        Ok(())
    }

    /// `text` in `style` when colour is on; journal text painted is made [`printable`] first.
    pub fn paint(&self, style: Style, text: &str) -> String {
        let text = printable(text);
        if self.colour {
            format!("{style}{text}{style:#}")
        } else {
            text.into_owned()
        }
    }

    /// One entry a line, newest first: short id, local time, kind, star, title and tags.
    pub fn entry_lines(&mut self, store: &Store, entries: &[Entry]) -> Result<()> {
        let ids = IdColumn::new(store, entries.iter())?;
        for (entry, short_id) in entries.iter().zip(&ids.short_ids) {
            self.entry_line(entry, &ids.pad(short_id))?;
        }
        Ok(())
    }

    /// Search results, best first: each entry's line, then the matching passage when the title
    /// does not already show it.
    pub fn search_hits(&mut self, store: &Store, hits: &[SearchHit]) -> Result<()> {
        let ids = IdColumn::new(store, hits.iter().map(|hit| &hit.entry))?;
        for (hit, short_id) in hits.iter().zip(&ids.short_ids) {
            self.entry_line(&hit.entry, &ids.pad(short_id))?;
            let plain: String = hit.snippet.iter().map(|part| part.text.as_str()).collect();
            if plain.trim() == hit.entry.title() {
                continue;
            }
            let snippet: String = hit
                .snippet
                .iter()
                .map(|part| {
                    if part.highlighted {
                        self.paint(MATCH, &part.text)
                    } else {
                        printable(&part.text).into_owned()
                    }
                })
                .collect();
            writeln!(self.out, "{}  {}", " ".repeat(ids.width), snippet.replace('\n', " "))?;
        }
        Ok(())
    }

    fn entry_line(&mut self, entry: &Entry, short_id: &str) -> Result<()> {
        let when = entry.occurred_at.with_timezone(&Local).format("%a %Y-%m-%d %H:%M");
        let kind = self.paint(kind_style(entry.kind), &format!("{:<7}", entry.kind.as_str()));
        let star = if entry.starred {
            self.paint(STAR, "★ ")
        } else {
            String::new()
        };
        let title = printable(entry.title());
        let title_words = title.to_lowercase();
        let unseen_tags: Vec<String> = entry
            .tags
            .iter()
            .filter(|tag| {
                let tag = tag.to_lowercase();
                !title_words.contains(&format!("#{tag}")) && !title_words.contains(&format!("@{tag}"))
            })
            .cloned()
            .collect();
        let tags = self.tags_inline(&unseen_tags);
        let line = format!("{}  {when}  {kind}  {star}{title}{tags}", self.paint(DIM, short_id));
        writeln!(self.out, "{}", line.trim_end())?;
        Ok(())
    }

    /// An entry in full, with its fields in an aligned block below the text.
    pub fn entry_block(&mut self, entry: &Entry) -> Result<()> {
        let mut lines = entry.text.lines();
        writeln!(self.out, "{}", self.paint(BOLD, lines.next().unwrap_or_default()))?;
        for line in lines {
            writeln!(self.out, "{}", printable(line))?;
        }
        writeln!(self.out)?;
        let mut fields: Vec<(&str, String)> = vec![
            ("id", entry.id.clone()),
            ("kind", self.paint(kind_style(entry.kind), entry.kind.as_str())),
            (
                "when",
                entry.occurred_at.format("%a %Y-%m-%d %H:%M (UTC%:z)").to_string(),
            ),
        ];
        if !entry.tags.is_empty() {
            fields.push(("tags", self.tags_inline(&entry.tags).trim_start().to_owned()));
        }
        if !entry.people.is_empty() {
            fields.push(("credits", entry.people.join(", ")));
        }
        if entry.shareable {
            fields.push(("shared", "yes".to_owned()));
        }
        if let Some(mood) = entry.mood {
            fields.push(("mood", format!("{mood}/5")));
        }
        if entry.starred {
            fields.push(("starred", self.paint(STAR, "★ yes")));
        }
        if let Some(lesson) = &entry.lesson {
            fields.push(("lesson", printable(lesson).into_owned()));
        }
        if let Some(adjust) = &entry.adjust {
            fields.push(("adjust", printable(adjust).into_owned()));
        }
        for (name, value) in fields {
            writeln!(self.out, "{}  {value}", self.paint(DIM, &format!("{name:<8}")))?;
        }
        Ok(())
    }

    pub fn tag_counts(&mut self, tags: &[TagCount]) -> Result<()> {
        let width = tags.iter().map(|t| t.name.chars().count() + 1).max().unwrap_or(0);
        for tag in tags {
            let name = self.paint(TAG, &format!("#{:<width$}", tag.name, width = width - 1));
            writeln!(self.out, "{name}  {:>6}", tag.count)?;
        }
        Ok(())
    }

    fn tags_inline(&self, tags: &[String]) -> String {
        tags.iter()
            .map(|tag| format!("  {}", self.paint(TAG, &format!("#{tag}"))))
            .collect()
    }
}

/// Journal text as it may reach a terminal: control characters other than newline and tab (ESC,
/// BEL, the rest of C0, DEL and C1) are shown as visible symbols instead of being obeyed, so an
/// imported entry cannot set the window title, clear the screen or write the clipboard.
pub fn printable(text: &str) -> Cow<'_, str> {
    let obeyed = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(obeyed) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                // The Unicode "Control Pictures" block: ␀ … ␟, and ␡ for DEL.
                '\0'..='\x1f' if obeyed(c) => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\x7f' => '\u{2421}',
                c if obeyed(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

fn kind_style(kind: Kind) -> Style {
    match kind {
        Kind::Win => AnsiColor::Green.on_default().bold(),
        Kind::Setback => AnsiColor::Magenta.on_default().bold(),
        Kind::Note => AnsiColor::Blue.on_default(),
    }
}

/// Short ids of the entries shown, padded to one width so the columns after them line up.
struct IdColumn {
    short_ids: Vec<String>,
    width: usize,
}

impl IdColumn {
    fn new<'a>(store: &Store, entries: impl Iterator<Item = &'a Entry>) -> Result<IdColumn> {
        let ids: Vec<&str> = entries.map(|entry| entry.id.as_str()).collect();
        let short_ids = store.short_ids(Record::Entry, &ids)?;
        let width = short_ids.iter().map(String::len).max().unwrap_or(0);
        Ok(IdColumn { short_ids, width })
    }

    fn pad(&self, short_id: &str) -> String {
        format!("{short_id:<width$}", width = self.width)
    }
}
