//! People credited on entries: written inline as `+Name` or `+"Ana Lima"`, stored like tags (the
//! spelling first used, matched ignoring case), so a win can be celebrated with the team.

use crate::{Error, Result};

/// The longest name a credit may carry, in characters.
const MAX_NAME_CHARS: usize = 100;

/// The key two spellings of a person share (`Ana lima`, `ana  Lima` and `Ana Lima` are one person).
pub(crate) fn person_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A person given on their own (a `--credit` value): an optional `+`, optional quotes, then a name
/// with at least one letter; runs of blanks become one space.
pub(crate) fn normalize_person(raw: &str) -> Result<String> {
    let name = raw.trim();
    let name = name.strip_prefix('+').unwrap_or(name);
    let name = name
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(name);
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if !name.chars().any(char::is_alphabetic) {
        return Err(Error::invalid(
            "person",
            format!("{raw:?} is not a name: a name needs at least one letter"),
        ));
    }
    if let Some(bad) = name.chars().find(|c| c.is_control() || *c == '"') {
        return Err(Error::invalid("person", format!("{raw:?} contains {bad:?}")));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            "person",
            format!("a name is at most {MAX_NAME_CHARS} characters"),
        ));
    }
    Ok(name)
}

/// The `+Name` and `+"Full Name"` credits of a text, in order of appearance, without duplicates.
///
/// A `+` counts only at the start of a word (so `a+b` and `me+news@example.com` credit nobody) and
/// not after a Markdown escape (`\+Ana`, as a review quotes an entry); a
/// bare name is letters, digits, `-` and `.` with at least one letter, not followed by `@` (so
/// `+ana@example.com` is an address), and loses a trailing `.` or `-` (the end of a sentence).
pub(crate) fn inline_people(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    // Only a `+` starts a credit: the scan goes from one to the next, past any name it credited.
    let mut from = 0;
    while let Some(offset) = text[from..].find('+') {
        let plus = from + offset;
        from = plus + 1;
        let previous = text[..plus].chars().next_back();
        if !starts_a_credit(previous) {
            continue;
        }
        let (name, consumed) = credit_after_plus(&text[from..]);
        keep_person(name, &mut found);
        from += consumed;
    }
    found
}

/// Whether a `+` after `previous` (`None`: the text's start) starts a credit: not inside a word or
/// an address, and not escaped.
fn starts_a_credit(previous: Option<char>) -> bool {
    previous.is_none_or(|p| !(p.is_alphanumeric() || matches!(p, '_' | '+' | '.' | '-' | '\\')))
}

/// Adds `name`, when there is one, to `found`, unless it is the same person as one found already.
fn keep_person(name: Option<String>, found: &mut Vec<String>) {
    if let Some(name) = name {
        let key = person_key(&name);
        if !found.iter().any(|seen| person_key(seen) == key) {
            found.push(name);
        }
    }
}

/// The name a `+` starts (if any) and how many bytes after the `+` it used.
fn credit_after_plus(after: &str) -> (Option<String>, usize) {
    if let Some(quoted) = after.strip_prefix('"') {
        let Some(close) = quoted.find(['"', '\n']) else {
            return (None, 0);
        };
        if !quoted[close..].starts_with('"') {
            return (None, 0);
        }
        let name = normalize_person(&quoted[..close]).ok();
        return (name, close + 2);
    }
    let end = after
        .char_indices()
        .find(|(_, c)| !is_bare_name_char(*c))
        .map_or(after.len(), |(i, _)| i);
    if after[end..].starts_with('@') {
        return (None, end);
    }
    let name = after[..end].trim_end_matches(['.', '-']);
    let is_name = name.chars().next().is_some_and(char::is_alphanumeric) && name.chars().any(char::is_alphabetic);
    (is_name.then(|| name.to_owned()), end)
}

fn is_bare_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '.'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_bare_and_quoted_credits() {
        assert_eq!(
            inline_people("Shipped the demo with +Ana and +\"Ana Lima\"; thanks +j.r-smith."),
            ["Ana", "Ana Lima", "j.r-smith"]
        );
    }

    #[test]
    fn an_escaped_plus_credits_nobody() {
        assert_eq!(inline_people("Quoting \\+Ana, thanks +Tom"), ["Tom"]);
    }

    #[test]
    fn an_email_address_is_not_a_person() {
        assert!(inline_people("mail ana+news@example.com or +ana@example.com").is_empty());
    }

    #[test]
    fn a_plus_inside_a_word_or_a_number_is_not_a_person() {
        assert!(inline_people("a+b=c, 1+1, +1 from me, C++ and + alone").is_empty());
    }

    #[test]
    fn repeats_in_another_case_count_once_and_an_open_quote_credits_nobody() {
        assert_eq!(inline_people("+Ana +ana +ANA"), ["Ana"]);
        assert!(inline_people("+\"Ana\nLima\"").is_empty());
    }

    #[test]
    fn normalizes_explicit_credits() {
        assert_eq!(normalize_person(" +Ana ").unwrap(), "Ana");
        assert_eq!(normalize_person("\"Ana   Lima\"").unwrap(), "Ana Lima");
        assert_eq!(normalize_person("Ana Lima").unwrap(), "Ana Lima");
        assert!(normalize_person("").is_err());
        assert!(normalize_person("+42").is_err());
        assert!(normalize_person(&"a".repeat(101)).is_err());
        assert_eq!(person_key("Ana  LIMA"), person_key("ana lima"));
    }

    /// The scan character by character that `inline_people` replaced, to compare with.
    fn inline_people_char_by_char(text: &str) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        let mut previous: Option<char> = None;
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let after = &rest[c.len_utf8()..];
            let at_word_start = starts_a_credit(previous);
            if c == '+' && at_word_start {
                let (name, consumed) = credit_after_plus(after);
                keep_person(name, &mut found);
                if consumed > 0 {
                    previous = after[..consumed].chars().last();
                    rest = &after[consumed..];
                    continue;
                }
            }
            previous = Some(c);
            rest = after;
        }
        found
    }

    proptest::proptest! {
        #[test]
        fn going_from_plus_to_plus_finds_what_reading_every_character_finds(
            text in "[+\"a-zA-Z0-9_.@/\\\\ \n,é😀-]{0,40}"
        ) {
            proptest::prop_assert_eq!(inline_people(&text), inline_people_char_by_char(&text));
        }
    }
}
