//! Tags: written inline as `#tag` (or jrnl's `@tag`), stored without the sigil, matched ignoring case.

use crate::{Error, Result};

/// The key two spellings of a tag share (`Focus` and `focus` are one tag).
pub(crate) fn tag_key(name: &str) -> String {
    name.to_lowercase()
}

/// A tag given on its own (a `--tag` value): an optional sigil, then letters, digits, `_` or `-`.
pub(crate) fn normalize_tag(raw: &str) -> Result<String> {
    let name = raw.trim();
    let name = name.strip_prefix(['#', '@']).unwrap_or(name);
    if name.is_empty() {
        return Err(Error::invalid("tag", "a tag needs at least one letter"));
    }
    if let Some(bad) = name.chars().find(|c| !is_tag_char(*c)) {
        return Err(Error::invalid(
            "tag",
            format!("{raw:?} contains {bad:?}; tags are letters, digits, '_' and '-'"),
        ));
    }
    if name.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::invalid("tag", format!("{raw:?} is only digits")));
    }
    Ok(name.to_owned())
}

/// The `#tag` and `@tag` words of a text, in order of appearance, without duplicates.
///
/// A sigil counts only at the start of a word (so `me@example.com` is no tag), must be followed by a
/// letter, digit or `_` (so a Markdown `# Heading` is no tag), and a tag of digits alone (`#42`) is an
/// issue number, not a tag.
pub(crate) fn inline_tags(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let at_word_start = previous.is_none_or(|p| !(p.is_alphanumeric() || p == '_' || p == '#' || p == '@'));
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
        let body = text[body_start..body_end].trim_end_matches('-');
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
    found
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
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
    fn normalizes_explicit_tags() {
        assert_eq!(normalize_tag("@team").unwrap(), "team");
        assert_eq!(normalize_tag(" #Deep_Work ").unwrap(), "Deep_Work");
        assert!(normalize_tag("#").is_err());
        assert!(normalize_tag("two words").is_err());
        assert!(normalize_tag("123").is_err());
    }
}
