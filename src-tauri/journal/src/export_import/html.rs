//! A printable digest of a period as one self-contained HTML page: no script, no remote content,
//! no form control, entry text rendered and sanitised like everywhere else.

use std::io::{self, Write};

use crate::markdown::to_printable_html;
use crate::{Entry, Goal, Insights, Kind};

pub(crate) const STYLE: &str = "body{font-family:sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2421;\
line-height:1.5}h1{margin-bottom:0}.range{color:#5f6b66;margin-top:.2rem}h2{margin-top:2rem;border-bottom:1px solid \
#d9dfdb;padding-bottom:.2rem;font-size:1.15rem}article{margin:.8rem 0;padding:.5rem .8rem;border-left:4px solid \
#3b5ba5;break-inside:avoid}article.win{border-color:#237a52}article.setback{border-color:#a15c07}\
article header{font-size:.85rem;color:#5f6b66}.reflection{font-size:.92rem}.tags{font-size:.85rem;color:#2f7d5b}\
.goal{margin:.6rem 0}.bar{height:8px;background:#d9dfdb;border-radius:4px;overflow:hidden;max-width:20rem}\
.bar div{height:100%;background:#237a52}@media print{body{margin:0}}";

/// Writes the digest of `entries` (oldest first), the charts of their `insights`, and the goals as
/// they stand.
pub(super) fn write(
    entries: &[Entry],
    goals: &[Goal],
    insights: Option<&Insights>,
    out: &mut impl Write,
) -> io::Result<()> {
    let range = match (entries.first(), entries.last()) {
        (Some(first), Some(last)) => format!(
            "{} – {}",
            first.occurred_at.format("%-d %B %Y"),
            last.occurred_at.format("%-d %B %Y")
        ),
        _ => "No entries".to_owned(),
    };
    writeln!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>Small Wins — {range}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>Small Wins</h1>\n\
         <p class=\"range\">{range}</p>"
    )?;
    let count = |kind| entries.iter().filter(|entry| entry.kind == kind).count();
    writeln!(
        out,
        "<p><strong>{}</strong> wins · <strong>{}</strong> setbacks · <strong>{}</strong> notes</p>",
        count(Kind::Win),
        count(Kind::Setback),
        count(Kind::Note)
    )?;
    if let Some(insights) = insights {
        super::digest_charts::write(insights, out)?;
    }
    if !goals.is_empty() {
        writeln!(out, "<h2>Goals</h2>")?;
        for goal in goals {
            writeln!(
                out,
                "<div class=\"goal\"><strong>{}</strong> ({}, {:.0}%)",
                escape(&goal.title),
                goal.status,
                goal.progress * 100.0
            )?;
            for milestone in &goal.milestones {
                writeln!(
                    out,
                    "<div>{} — {:.0}%</div><div class=\"bar\"><div style=\"width:{:.0}%\"></div></div>",
                    escape(&milestone.title),
                    milestone.progress * 100.0,
                    milestone.progress * 100.0
                )?;
            }
            writeln!(out, "</div>")?;
        }
    }
    let mut day = String::new();
    for entry in entries {
        let this_day = entry.occurred_at.format("%A, %-d %B %Y").to_string();
        if this_day != day {
            writeln!(out, "<h2>{this_day}</h2>")?;
            day = this_day;
        }
        let star = if entry.starred { " · ★" } else { "" };
        writeln!(
            out,
            "<article class=\"{kind}\"><header>{} · {kind}{star}</header>\n{}",
            entry.occurred_at.format("%H:%M"),
            to_printable_html(&entry.text),
            kind = entry.kind,
        )?;
        for (label, text) in [("What I learned", &entry.lesson), ("What I'll adjust", &entry.adjust)] {
            if let Some(text) = text {
                writeln!(
                    out,
                    "<p class=\"reflection\"><strong>{label}:</strong> {}</p>",
                    escape(text)
                )?;
            }
        }
        if !entry.tags.is_empty() {
            let tags: Vec<String> = entry.tags.iter().map(|tag| format!("#{}", escape(tag))).collect();
            writeln!(out, "<p class=\"tags\">{}</p>", tags.join(" "))?;
        }
        writeln!(out, "</article>")?;
    }
    writeln!(out, "</body>\n</html>")
}

/// Text as HTML character data: the five characters that could start markup, escaped.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}
