//! Tags: free text as their writer typed it (`Mother's Day`, `R&D`, `2023`), matched by a
//! case-insensitive key; written inline as `#tag` (or jrnl's `@tag`) when they are one word.

use crate::{Error, Result};

/// The key two spellings of a tag share (`Focus` and `focus` are one tag).
pub(crate) fn tag_key(name: &str) -> String {
    name.to_lowercase()
}

/// The longest tag, in characters: a label, not a paragraph.
const MAX_TAG_CHARS: usize = 100;

/// A tag given on its own (a `--tag` value, another tool's tag): any text, kept as written, with an
/// optional leading sigil dropped and runs of white space made one space.
pub(crate) fn normalize_tag(raw: &str) -> Result<String> {
    let name = raw.trim();
    let name = name.strip_prefix(['#', '@']).unwrap_or(name);
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::invalid("tag", "a tag needs at least one letter"));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid("tag", format!("{raw:?} contains a control character")));
    }
    if name.chars().count() > MAX_TAG_CHARS {
        return Err(Error::invalid(
            "tag",
            format!("a tag is at most {MAX_TAG_CHARS} characters"),
        ));
    }
    Ok(name)
}

/// A tag from another tool's file, kept as nearly as a tag can hold it: control characters become
/// spaces and a tag past [`MAX_TAG_CHARS`] is cut there, so that one odd tag never refuses a file;
/// `None` for a blank one.
pub(crate) fn foreign_tag(raw: &str) -> Option<String> {
    let spaced: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_TAG_CHARS + 1)
        .collect();
    let name = spaced.trim().trim_start_matches(['#', '@']);
    let name: String = name.chars().take(MAX_TAG_CHARS).collect();
    normalize_tag(&name).ok()
}

/// The `#tag` and `@tag` words of a text, in order of appearance, without duplicates.
///
/// A sigil counts only at the start of a word (so `me@example.com` is no tag) and not after a
/// Markdown escape (`\#support` is the text `#support`, as a review quotes an entry), must be followed by a
/// letter, digit or `_` (so a Markdown `# Heading` is no tag), and a tag of digits alone (`#42`) is an
/// issue number, not a tag. Inside the word `+`, `/` and `.` count too (jrnl's `@c++`, `@work/q1`,
/// `#v1.2`), but not at its end, where they are punctuation. A tag with spaces or other signs is
/// given on its own (`--tag "Mother's Day"`).
pub(crate) fn inline_tags(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    // Only a sigil starts a tag, and a tag's body holds none: the scan goes from sigil to sigil
    // (an import reads every entry's text this way, most of them without a single tag).
    let mut from = 0;
    while let Some(offset) = text[from..].find(['#', '@']) {
        let start = from + offset;
        let body_start = start + 1;
        from = body_start;
        let previous = text[..start].chars().next_back();
        if !starts_a_word(previous) {
            continue;
        }
        let body_end = text[body_start..]
            .find(|next: char| !is_tag_char(next))
            .map_or(text.len(), |end| body_start + end);
        from = body_end;
        keep_tag(&text[body_start..body_end], &mut found);
    }
    found
}

/// Whether a sigil after `previous` (`None`: the text's start) starts a word: not inside one, and
/// not escaped.
fn starts_a_word(previous: Option<char>) -> bool {
    previous.is_none_or(|p| !(p.is_alphanumeric() || matches!(p, '_' | '#' | '@' | '\\')))
}

/// Adds the tag whose body (after its sigil) is `body` to `found`, unless it is no tag (it starts
/// with neither a letter, a digit nor `_`, or is digits alone) or one found already.
fn keep_tag(body: &str, found: &mut Vec<String>) {
    let body = body.trim_end_matches(['-', '.', '/']);
    let starts_well = body
        .chars()
        .next()
        .is_some_and(|first| first.is_alphanumeric() || first == '_');
    if starts_well && !body.chars().all(|ch| ch.is_ascii_digit()) {
        let key = tag_key(body);
        if !found.iter().any(|seen| tag_key(seen) == key) {
            found.push(body.to_owned());
        }
    }
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '/' | '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_hash_and_at_tags() {
        assert_eq!(inline_tags("Shipped it #work with @Team!"), ["work", "Team"]);
    }

    #[test]
    fn ignores_headings_emails_numbers_and_repeats() {
        let text = "# Heading\nmail me@example.com about #42, #Focus and #focus.\n## Sub";
        assert_eq!(inline_tags(text), ["Focus"]);
    }

    #[test]
    fn keeps_unicode_and_hyphens_but_not_trailing_punctuation() {
        assert_eq!(inline_tags("(#déjà-vu) #café. #x-"), ["déjà-vu", "café", "x"]);
    }

    #[test]
    fn an_escaped_sign_is_text_not_a_tag() {
        assert_eq!(inline_tags("Quoted \\#support and \\@oncall, kept #growth"), ["growth"]);
    }

    #[test]
    fn inline_tags_hold_jrnl_signs_inside_the_word() {
        assert_eq!(
            inline_tags("Learnt @c++ for @work/q1, shipped #v1.2. Done #ok/"),
            ["c++", "work/q1", "v1.2", "ok"]
        );
    }

    #[test]
    fn normalizes_explicit_tags() {
        assert_eq!(normalize_tag("@team").unwrap(), "team");
        assert_eq!(normalize_tag(" #Deep_Work ").unwrap(), "Deep_Work");
        assert!(normalize_tag("#").is_err());
        assert!(normalize_tag("tab\u{7}bell").is_err());
        assert!(normalize_tag(&"x".repeat(101)).is_err());
    }

    #[test]
    fn another_tools_tag_never_refuses_its_file() {
        assert_eq!(foreign_tag("@work/q1").as_deref(), Some("work/q1"));
        assert_eq!(foreign_tag("line\nbreak").as_deref(), Some("line break"));
        assert_eq!(foreign_tag(&"long ".repeat(40)).map(|t| t.chars().count()), Some(99));
        assert_eq!(foreign_tag("  "), None);
        assert_eq!(foreign_tag("@"), None);
    }

    #[test]
    fn a_tag_given_on_its_own_is_free_text_as_written() {
        assert_eq!(normalize_tag("Mother's Day").unwrap(), "Mother's Day");
        assert_eq!(normalize_tag("  St.   Malo ").unwrap(), "St. Malo");
        assert_eq!(normalize_tag("R&D").unwrap(), "R&D");
        assert_eq!(normalize_tag("2023").unwrap(), "2023");
        assert_eq!(tag_key("Mother's DAY"), tag_key("mother's day"));
    }

    /// The scan character by character that `inline_tags` replaced, to compare with.
    fn inline_tags_char_by_char(text: &str) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        let mut previous: Option<char> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            let at_word_start = starts_a_word(previous);
            previous = Some(c);
            if !(at_word_start && (c == '#' || c == '@')) {
                continue;
            }
            let body_start = start + c.len_utf8();
            let mut body_end = body_start;
            while let Some(&(i, next)) = chars.peek() {
                if !is_tag_char(next) {
                    break;
                }
                body_end = i + next.len_utf8();
                previous = Some(next);
                chars.next();
            }
            keep_tag(&text[body_start..body_end], &mut found);
        }
        found
    }

    proptest::proptest! {
        #[test]
        fn going_from_sigil_to_sigil_finds_what_reading_every_character_finds(
            text in "[#@a-zA-Z0-9_.+/\\\\ \n,é😀-]{0,40}"
        ) {
            proptest::prop_assert_eq!(inline_tags(&text), inline_tags_char_by_char(&text));
        }
    }
}
