//! The team digest and the stand-up as text to send: Markdown, plain text that pastes cleanly into
//! chat or e-mail (no Markdown marks, wrapped at 72 columns), or one self-contained HTML page.

use std::fmt::Write;
use std::str::FromStr;

use pulldown_cmark::{Event, Parser};
use serde::{Deserialize, Serialize};
use textwrap::Options;
use ts_rs::TS;

use crate::export_import::html::{STYLE, escape};
use crate::markdown::to_safe_html;
use crate::team::{Digest, Standup, span_label};
use crate::{Entry, Error, MilestoneDue};

/// Where plain text wraps: what e-mail clients and chat windows show without a scroll.
const TEXT_WIDTH: usize = 72;

/// What a digest or stand-up is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TeamFormat {
    Markdown,
    Text,
    Html,
}

impl TeamFormat {
    /// The file name extension a saved digest in this format gets.
    pub fn extension(self) -> &'static str {
        match self {
            TeamFormat::Markdown => "md",
            TeamFormat::Text => "txt",
            TeamFormat::Html => "html",
        }
    }
}

impl FromStr for TeamFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "markdown" | "md" => Ok(TeamFormat::Markdown),
            "text" | "txt" => Ok(TeamFormat::Text),
            "html" => Ok(TeamFormat::Html),
            _ => Err(Error::invalid(
                "format",
                format!("{s:?} is not one of markdown, text, html"),
            )),
        }
    }
}

const NOTHING_SHARED: &str = "Nothing was shared in this period.";
const WHAT_TO_SHARE: &str = "To fill it, mark entries shareable (wins add --share, or wins edit ID --share): \
                             wins that credit a teammate (+Name) make the best kudos, and a setback with its \
                             lesson and adjustment helps the team learn too.";

/// One item of a section, whatever the format: a line and the lines under it.
struct Item {
    text: String,
    details: Vec<(&'static str, String)>,
}

impl Digest {
    pub fn render(&self, format: TeamFormat) -> String {
        let sections = self.sections();
        match format {
            TeamFormat::Markdown => markdown(&self.title, &sections, self.nothing_shared()),
            TeamFormat::Text => text(&self.title, &sections, self.nothing_shared()),
            TeamFormat::Html => html(&self.title, &sections, self.nothing_shared()),
        }
    }

    /// The PPP sections and kudos as (heading, subheading, items).
    fn sections(&self) -> Vec<Section> {
        let progress = self
            .progress
            .iter()
            .map(|group| {
                let heading = group.person.clone().unwrap_or_else(|| "Other wins".to_owned());
                (Some(heading), group.wins.iter().map(win_item).collect())
            })
            .collect();
        let mut plans: Vec<Item> = self.plans.iter().map(plan_item).collect();
        if let Some(change) = &self.will_change {
            plans.push(Item {
                text: format!("What I'll change: {change}"),
                details: Vec::new(),
            });
        }
        let problems = self
            .problems
            .iter()
            .map(|shared| {
                let setback = &shared.setback;
                let mut details = Vec::new();
                details.extend(setback.lesson.clone().map(|lesson| ("Lesson", lesson)));
                details.extend(setback.adjust.clone().map(|adjust| ("Adjustment", adjust)));
                if let Some(answer) = &shared.followup {
                    let note = answer
                        .note
                        .as_deref()
                        .map(|note| format!(": {note}"))
                        .unwrap_or_default();
                    details.push(("Did it work?", format!("{}{note}", answer.worked.as_str())));
                }
                Item {
                    text: setback.title().to_owned(),
                    details,
                }
            })
            .collect();
        let kudos = self
            .kudos
            .iter()
            .map(|kudos| Item {
                text: format!(
                    "{}: {} — {}",
                    kudos.person,
                    crate::store::counted(kudos.wins.len() as u64, "win"),
                    kudos.wins.join("; ")
                ),
                details: Vec::new(),
            })
            .collect();
        vec![
            ("Progress", progress),
            ("Plans", vec![(None, plans)]),
            ("Problems", vec![(None, problems)]),
            ("Kudos", vec![(None, kudos)]),
        ]
    }
}

fn win_item(win: &Entry) -> Item {
    Item {
        text: format!("{} ({})", win.title(), win.occurred_at.format("%a %-d %b")),
        details: Vec::new(),
    }
}

fn plan_item(due: &MilestoneDue) -> Item {
    let milestone = &due.milestone;
    let due_on = milestone
        .due_on
        .map(|on| format!(", due {}", on.format("%a %-d %b")))
        .unwrap_or_default();
    Item {
        text: format!(
            "{} ({}): {:.0}%{due_on}",
            milestone.title,
            due.goal_title,
            milestone.progress * 100.0
        ),
        details: Vec::new(),
    }
}

/// A section's items, under a subheading or not (Progress has one per person).
type Group = (Option<String>, Vec<Item>);
/// A heading and its groups.
type Section = (&'static str, Vec<Group>);
type Sections = [Section];

fn markdown(title: &str, sections: &Sections, nothing_shared: bool) -> String {
    let mut out = format!("# {title}\n");
    if nothing_shared {
        let _ = write!(out, "\n{NOTHING_SHARED} {WHAT_TO_SHARE}\n");
    }
    for (heading, groups) in sections {
        let _ = write!(out, "\n## {heading}\n");
        if groups.iter().all(|(_, items)| items.is_empty()) {
            out.push_str("\n- None.\n");
        }
        for (subheading, items) in groups {
            if let Some(subheading) = subheading {
                let _ = write!(out, "\n### {subheading}\n");
            }
            if !items.is_empty() {
                out.push('\n');
            }
            for item in items {
                let _ = writeln!(out, "- {}", item.text);
                for (label, detail) in &item.details {
                    let _ = writeln!(out, "  - {label}: {detail}");
                }
            }
        }
    }
    out
}

fn text(title: &str, sections: &Sections, nothing_shared: bool) -> String {
    let mut out = String::new();
    push_wrapped(&mut out, &plain(title), "", "");
    if nothing_shared {
        out.push('\n');
        push_wrapped(&mut out, &format!("{NOTHING_SHARED} {WHAT_TO_SHARE}"), "", "");
    }
    for (heading, groups) in sections {
        let _ = write!(out, "\n{}\n", heading.to_uppercase());
        if groups.iter().all(|(_, items)| items.is_empty()) {
            out.push_str("- None.\n");
        }
        for (subheading, items) in groups {
            if let Some(subheading) = subheading {
                let _ = writeln!(out, "{subheading}");
            }
            for item in items {
                push_wrapped(&mut out, &plain(&item.text), "- ", "  ");
                for (label, detail) in &item.details {
                    push_wrapped(&mut out, &format!("{label}: {}", plain(detail)), "  ", "    ");
                }
            }
        }
    }
    out
}

fn html(title: &str, sections: &Sections, nothing_shared: bool) -> String {
    let mut out = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
        title = escape(title)
    );
    if nothing_shared {
        let _ = writeln!(out, "<p>{} {}</p>", escape(NOTHING_SHARED), escape(WHAT_TO_SHARE));
    }
    for (heading, groups) in sections {
        let _ = writeln!(out, "<h2>{heading}</h2>");
        if groups.iter().all(|(_, items)| items.is_empty()) {
            out.push_str("<p>None.</p>\n");
        }
        for (subheading, items) in groups {
            if let Some(subheading) = subheading {
                let _ = writeln!(out, "<h3>{}</h3>", escape(subheading));
            }
            if items.is_empty() {
                continue;
            }
            out.push_str("<ul>\n");
            for item in items {
                let _ = write!(out, "<li>{}", to_safe_html(&item.text));
                for (label, detail) in &item.details {
                    let _ = write!(
                        out,
                        "<p class=\"reflection\"><strong>{label}:</strong> {}</p>",
                        escape(detail)
                    );
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

impl Standup {
    /// Plain text (the default, for chat) or Markdown.
    pub fn render(&self, format: TeamFormat) -> String {
        let title = format!("Stand-up: {}", span_label(self.day, self.day));
        let yesterday: Vec<String> = self.yesterday.iter().map(|win| win.title().to_owned()).collect();
        let lines = |answer: &Option<String>| -> Vec<String> {
            match answer {
                Some(answer) => answer
                    .lines()
                    .map(|line| line.trim_start_matches("- ").to_owned())
                    .collect(),
                None => Vec::new(),
            }
        };
        let parts = [
            ("Yesterday", yesterday),
            ("Today", lines(&self.focus)),
            ("Blockers", lines(&self.blockers)),
        ];
        let markdown = format == TeamFormat::Markdown;
        let mut out = if markdown {
            format!("# {title}\n")
        } else {
            format!("{title}\n")
        };
        for (heading, items) in parts {
            if markdown {
                let _ = write!(out, "\n## {heading}\n\n");
            } else {
                let _ = write!(out, "\n{heading}\n");
            }
            let items: Vec<&str> = items
                .iter()
                .map(String::as_str)
                .filter(|item| !item.trim().is_empty())
                .collect();
            if items.is_empty() {
                out.push_str("- None.\n");
            }
            for item in items {
                if markdown {
                    let _ = writeln!(out, "- {item}");
                } else {
                    push_wrapped(&mut out, &plain(item), "- ", "  ");
                }
            }
        }
        out
    }
}

/// Appends `text` wrapped at [`TEXT_WIDTH`], its first line after `first`, the others after `rest`.
fn push_wrapped(out: &mut String, text: &str, first: &str, rest: &str) {
    let options = Options::new(TEXT_WIDTH).initial_indent(first).subsequent_indent(rest);
    out.push_str(&textwrap::fill(text, options));
    out.push('\n');
}

/// Markdown as the words a reader sees: marks, links' targets and HTML left out, lines joined.
fn plain(markdown: &str) -> String {
    let mut words = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(text) | Event::Code(text) => words.push_str(&text),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => words.push(' '),
            _ => {}
        }
    }
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        markdown.trim().to_owned()
    } else {
        words
    }
}
