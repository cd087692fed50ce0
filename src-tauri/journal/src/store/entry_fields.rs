//! An entry's fields as a person gives them (a new draft, or changes to an entry), checked and
//! normalised once — tags and people deduplicated by key, reflection only on setbacks, text and mood
//! in range — before anything is written.

use chrono::{DateTime, FixedOffset};

use super::non_empty;
use crate::model::{Entry, EntryChanges, Kind, NewEntry};
use crate::people::{inline_people, normalize_person, person_key};
use crate::tags::{inline_tags, normalize_tag, tag_key};
use crate::{Error, Result};

/// An entry's user-editable fields once checked, ready to be written.
pub(super) struct Fields {
    pub(super) kind: Kind,
    pub(super) text: String,
    pub(super) tags: Vec<String>,
    pub(super) occurred_at: DateTime<FixedOffset>,
    pub(super) mood: Option<u8>,
    pub(super) starred: bool,
    pub(super) lesson: Option<String>,
    pub(super) adjust: Option<String>,
    pub(super) milestone_id: Option<String>,
    pub(super) people: Vec<String>,
    pub(super) shareable: bool,
}

impl Fields {
    pub(super) fn from_new(draft: NewEntry) -> Result<Fields> {
        refuse_reflection_unless_setback(draft.kind, &draft.lesson, &draft.adjust)?;
        let mut tags = Vec::new();
        for tag in &draft.tags {
            push_tag(&mut tags, normalize_tag(tag)?);
        }
        for tag in inline_tags(&draft.text) {
            push_tag(&mut tags, tag);
        }
        let mut people = Vec::new();
        for person in &draft.people {
            push_person(&mut people, normalize_person(person)?);
        }
        for person in inline_people(&draft.text) {
            push_person(&mut people, person);
        }
        Fields {
            kind: draft.kind,
            text: draft.text,
            tags,
            occurred_at: draft
                .occurred_at
                .ok_or_else(|| Error::invalid("occurred_at", "an entry needs the time it happened"))?,
            mood: draft.mood,
            starred: draft.starred,
            lesson: draft.lesson,
            adjust: draft.adjust,
            milestone_id: draft.milestone_id,
            people,
            shareable: draft.shareable,
        }
        .checked()
    }

    pub(super) fn from_changes(current: Entry, changes: EntryChanges) -> Result<Fields> {
        let kind = changes.kind.unwrap_or(current.kind);
        refuse_reflection_unless_setback(kind, &changes.lesson, &changes.adjust)?;
        let removed_keys: Vec<String> = changes
            .remove_tags
            .iter()
            .map(|tag| normalize_tag(tag).map(|name| tag_key(&name)))
            .collect::<Result<_>>()?;
        let dropped_inline: Vec<String> = match &changes.text {
            Some(_) => inline_tags(&current.text).iter().map(|t| tag_key(t)).collect(),
            None => Vec::new(),
        };
        let mut tags: Vec<String> = current
            .tags
            .into_iter()
            .filter(|tag| !removed_keys.contains(&tag_key(tag)) && !dropped_inline.contains(&tag_key(tag)))
            .collect();
        for tag in &changes.add_tags {
            push_tag(&mut tags, normalize_tag(tag)?);
        }
        let removed_people: Vec<String> = changes
            .remove_people
            .iter()
            .map(|person| normalize_person(person).map(|name| person_key(&name)))
            .collect::<Result<_>>()?;
        let dropped_inline_people: Vec<String> = match &changes.text {
            Some(_) => inline_people(&current.text).iter().map(|p| person_key(p)).collect(),
            None => Vec::new(),
        };
        let mut people: Vec<String> = current
            .people
            .into_iter()
            .filter(|p| !removed_people.contains(&person_key(p)) && !dropped_inline_people.contains(&person_key(p)))
            .collect();
        for person in &changes.add_people {
            push_person(&mut people, normalize_person(person)?);
        }
        let text = changes.text.unwrap_or(current.text);
        for tag in inline_tags(&text) {
            push_tag(&mut tags, tag);
        }
        for person in inline_people(&text) {
            push_person(&mut people, person);
        }
        Fields {
            kind,
            text,
            tags,
            occurred_at: changes.occurred_at.unwrap_or(current.occurred_at),
            mood: changes.mood.unwrap_or(current.mood),
            starred: changes.starred.unwrap_or(current.starred),
            lesson: changes.lesson.or(current.lesson),
            adjust: changes.adjust.or(current.adjust),
            milestone_id: changes.milestone_id.unwrap_or(current.milestone_id),
            people,
            shareable: changes.shareable.unwrap_or(current.shareable),
        }
        .checked()
    }

    fn checked(mut self) -> Result<Fields> {
        self.text = self.text.trim().to_owned();
        if self.text.is_empty() {
            return Err(Error::invalid("text", "an entry needs some text"));
        }
        if let Some(mood) = self.mood
            && !(1..=5).contains(&mood)
        {
            return Err(Error::invalid("mood", format!("{mood} is not a mood from 1 to 5")));
        }
        self.lesson = non_empty(self.lesson);
        self.adjust = non_empty(self.adjust);
        Ok(self)
    }
}

fn refuse_reflection_unless_setback(kind: Kind, lesson: &Option<String>, adjust: &Option<String>) -> Result<()> {
    if kind != Kind::Setback {
        if lesson.is_some() {
            return Err(Error::invalid("lesson", "only a setback has a lesson"));
        }
        if adjust.is_some() {
            return Err(Error::invalid("adjust", "only a setback has an adjustment"));
        }
    }
    Ok(())
}

fn push_tag(tags: &mut Vec<String>, tag: String) {
    let key = tag_key(&tag);
    if !tags.iter().any(|seen| tag_key(seen) == key) {
        tags.push(tag);
    }
}

fn push_person(people: &mut Vec<String>, person: String) {
    let key = person_key(&person);
    if !people.iter().any(|seen| person_key(seen) == key) {
        people.push(person);
    }
}
