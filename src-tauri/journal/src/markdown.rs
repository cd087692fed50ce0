//! Entry text as HTML that is safe to put in the webview: rendered here, sanitised here, never raw.

use std::borrow::Cow;
use std::collections::HashSet;

use ammonia::UrlRelative;
use pulldown_cmark::{Event, Options, Parser, html};
use serde::Serialize;
use ts_rs::TS;

use crate::{Entry, Goal, Review};

/// An entry with its text rendered for display.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RenderedEntry {
    pub entry: Entry,
    /// Sanitised HTML of `entry.text`.
    pub html: String,
}

impl From<Entry> for RenderedEntry {
    fn from(entry: Entry) -> Self {
        let html = to_safe_html(&entry.text);
        RenderedEntry { entry, html }
    }
}

/// A goal with its "why" rendered for display.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RenderedGoal {
    pub goal: Goal,
    /// Sanitised HTML of `goal.why`.
    pub why_html: Option<String>,
}

impl From<Goal> for RenderedGoal {
    fn from(goal: Goal) -> Self {
        let why_html = goal.why.as_deref().map(to_safe_html);
        RenderedGoal { goal, why_html }
    }
}

/// A review with its pre-filled part (everything above the prompts) rendered for display.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RenderedReview {
    pub review: Review,
    /// Sanitised HTML of the review's summary.
    pub summary_html: String,
}

impl From<Review> for RenderedReview {
    fn from(review: Review) -> Self {
        let summary_html = to_safe_html(&review.summary_markdown());
        RenderedReview { review, summary_html }
    }
}

/// Above this size an entry is shown as plain text: a journal entry is rarely longer, and
/// rendering and sanitising stay fast for one that is.
const MAX_RENDERED_BYTES: usize = 128 * 1024;

/// Markup nested deeper than this (quotes in quotes, lists in lists, elements in elements) is
/// shown as plain text: no one writes it, and the sanitiser's cost grows with the depth.
const MAX_NESTING: usize = 32;

/// Text with more `<` and `&` (tags and character references) than this is shown as plain text:
/// long runs of them cost the parsers time that grows faster than the text.
const MAX_TAGS_AND_REFERENCES: usize = 1024;

/// Renders Markdown to HTML keeping only harmless markup: no script, no event handlers, no styles,
/// no images or other remote content, and links only to http(s) and mail addresses.
///
/// Rendering is bounded: text too large or nested too deep comes back as plain text (escaped,
/// with its line breaks), so one hostile entry cannot hold the window or the journal's lock.
pub fn to_safe_html(markdown: &str) -> String {
    render(markdown, Checkboxes::Inputs)
}

/// Like [`to_safe_html`], for a page that leaves the app (the HTML digest): no form control at all,
/// a task list's boxes drawn as ☐ and ☑.
pub fn to_printable_html(markdown: &str) -> String {
    render(markdown, Checkboxes::Characters)
}

/// How a task list's boxes are shown: as disabled inputs in the app, as characters on paper.
#[derive(Clone, Copy, PartialEq)]
enum Checkboxes {
    Inputs,
    Characters,
}

fn render(markdown: &str, checkboxes: Checkboxes) -> String {
    let tags_and_references = markdown.bytes().filter(|b| matches!(b, b'<' | b'&')).count();
    if markdown.len() > MAX_RENDERED_BYTES || tags_and_references > MAX_TAGS_AND_REFERENCES {
        return plain_text_html(markdown);
    }
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES;
    let mut depth = 0usize;
    let mut events = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            return plain_text_html(markdown);
        }
        // A journal is written line by line: a line break typed is a line break shown.
        events.push(match event {
            Event::SoftBreak => Event::HardBreak,
            Event::TaskListMarker(done) if checkboxes == Checkboxes::Characters => {
                Event::Text(if done { "☑ " } else { "☐ " }.into())
            }
            other => other,
        });
    }
    let mut rendered = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut rendered, events.into_iter());
    let mut sanitiser = ammonia::Builder::default();
    sanitiser
        .rm_tags(["img"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(UrlRelative::Custom(Box::new(not_scheme_relative)))
        .link_rel(Some("noopener noreferrer nofollow"));
    if checkboxes == Checkboxes::Inputs {
        sanitiser
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tags(["input"]);
    }
    sanitiser.clean(&rendered).to_string()
}

/// A relative link is kept (an attachment beside the export), except a scheme-relative one
/// (`//host/…`, or with backslashes, which browsers read as slashes): that one leaves the page.
fn not_scheme_relative(url: &str) -> Option<Cow<'_, str>> {
    let leaves = url.len() >= 2 && url[..2].chars().all(|c| c == '/' || c == '\\');
    (!leaves).then_some(Cow::Borrowed(url))
}

/// Text shown as it was typed: escaped by the sanitiser's own escaper, line breaks kept.
fn plain_text_html(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(ammonia::clean_text).collect();
    format!("<p>{}</p>\n", lines.join("<br>\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_link_leaves_by_a_scheme_relative_url() {
        for hostile in [
            "[x](//evil.example/a)",
            "<a href=\"//evil.example\">x</a>",
            "<a href=\"\\\\evil.example\">x</a>",
            "<a href=\"/\\evil\">x</a>",
        ] {
            for html in [to_safe_html(hostile), to_printable_html(hostile)] {
                assert!(!html.contains("evil"), "{hostile} -> {html}");
            }
        }
        assert!(to_safe_html("[photo](photos/a.jpeg)").contains("href=\"photos/a.jpeg\""));
    }

    #[test]
    fn the_printable_page_has_no_form_control() {
        let text = "- [ ] todo\n- [x] done\n\n<input type=\"text\" value=\"x\"><form><button>b</button></form>";
        let html = to_printable_html(text);
        assert!(
            !html.contains("<input") && !html.contains("<form") && !html.contains("<button"),
            "{html}"
        );
        assert!(html.contains("☐ todo") && html.contains("☑ done"), "{html}");
        assert!(to_safe_html("- [x] done").contains("<input"));
    }

    #[test]
    fn renders_markdown() {
        let html = to_safe_html("**Shipped** it\n\n- [x] tests\n- ~~bugs~~");
        assert!(html.contains("<strong>Shipped</strong>"), "{html}");
        assert!(html.contains("<del>bugs</del>"), "{html}");
        assert!(html.contains("checkbox"), "{html}");
    }

    #[test]
    fn keeps_line_breaks_as_typed() {
        assert_eq!(
            to_safe_html("first line\nsecond line"),
            "<p>first line<br>\nsecond line</p>\n"
        );
    }

    #[test]
    fn strips_everything_that_could_run_or_load() {
        let hostile = "<script>document.title='x'</script>\n<img src=x onerror=alert(1)>\n\
                       [click](javascript:alert(1)) <a href=\"data:text/html,x\">d</a>\n\
                       ![remote](https://example.com/t.png) <div style=\"position:fixed\" onclick=\"x()\">s</div>\n\
                       <iframe src=\"https://example.com\"></iframe>";
        let html = to_safe_html(hostile);
        for banned in [
            "<script",
            "onerror",
            "href=\"javascript",
            "href=\"data",
            "<img",
            "style=",
            "onclick",
            "<iframe",
        ] {
            assert!(!html.contains(banned), "{banned} survived in {html}");
        }
        let link = to_safe_html("[click](javascript:alert(1)) and ![remote](https://example.com/t.png)");
        assert!(!link.contains("javascript") && !link.contains("<img"), "{link}");
        assert!(link.contains(">click</a>"), "the link text is kept: {link}");
    }

    #[test]
    fn keeps_safe_links_and_marks_them() {
        let html = to_safe_html("[notes](https://example.com/notes)");
        assert!(html.contains("href=\"https://example.com/notes\""), "{html}");
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""), "{html}");
    }

    #[test]
    fn deep_nesting_and_huge_text_come_back_as_plain_text() {
        for hostile in [
            "> ".repeat(MAX_NESTING + 1) + "a",
            "- ".repeat(MAX_NESTING + 1) + "a",
            "<div>".repeat(MAX_TAGS_AND_REFERENCES + 1) + "x",
            "&#x".repeat(MAX_TAGS_AND_REFERENCES + 1),
            "*a **a ".repeat(1000) + "b" + &" a** a*".repeat(1000),
            format!("{}<script>x</script>", "word ".repeat(MAX_RENDERED_BYTES / 5 + 1)),
        ] {
            let html = to_safe_html(&hostile);
            assert!(
                html.starts_with("<p>") && !html.contains("<blockquote") && !html.contains("<li"),
                "{}",
                &html[..80]
            );
            assert!(!html.contains("<script") && !html.contains("<div"), "markup survived");
        }
        assert_eq!(
            to_safe_html(&format!("{}\n<b>", "> ".repeat(40)))
                .matches("<br>")
                .count(),
            1
        );
    }

    #[test]
    fn nesting_within_the_limit_is_still_rendered() {
        let html = to_safe_html(&("> ".repeat(5) + "quoted"));
        assert_eq!(html.matches("<blockquote>").count(), 5, "{html}");
        let html = to_safe_html("- a\n  - b\n    - c");
        assert_eq!(html.matches("<ul>").count(), 3, "{html}");
    }
}
