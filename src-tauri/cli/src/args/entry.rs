//! What `add`, `edit` and the listing commands share: an entry's fields, and the filters.

use clap::Args;

/// What an entry says about itself, shared by `add` and `edit`.
#[derive(Debug, Args)]
pub struct EntryFields {
    /// It is a setback: something went wrong, and there is a lesson in it
    #[arg(long, conflicts_with = "note")]
    pub setback: bool,
    /// What I learned (setbacks)
    #[arg(long, value_name = "L")]
    pub lesson: Option<String>,
    /// What I will adjust (setbacks)
    #[arg(long, value_name = "A")]
    pub adjust: Option<String>,
    /// It is a note, neither win nor setback
    #[arg(long)]
    pub note: bool,
    /// A tag (repeatable; #tags in the text count too)
    #[arg(long, value_name = "T")]
    pub tag: Vec<String>,
    /// How it felt, from 1 (low) to 5 (high)
    #[arg(long, value_name = "1-5")]
    pub mood: Option<u8>,
    /// Star it
    #[arg(long)]
    pub star: bool,
    /// When it happened: YYYY-MM-DD, 'YYYY-MM-DD HH:MM', RFC 3339, today, yesterday or now
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// Link it to the milestone it moved (the milestone's id or an unambiguous start of it)
    #[arg(long, value_name = "MILESTONE_ID")]
    pub milestone: Option<String>,
    /// Credit a person (repeatable; +Name and +"Full Name" in the text count too)
    #[arg(long, value_name = "NAME")]
    pub credit: Vec<String>,
    /// Let it appear in team digests and stand-ups (entries are private by default)
    #[arg(long, conflicts_with = "no_share")]
    pub share: bool,
    /// Keep it private
    #[arg(long)]
    pub no_share: bool,
}

#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only this kind: win, setback or note
    #[arg(long, value_name = "K")]
    pub kind: Option<String>,
    /// Only entries with this tag (repeatable: all of them)
    #[arg(long, value_name = "T")]
    pub tag: Vec<String>,
    /// Only starred entries
    #[arg(long)]
    pub starred: bool,
    /// From this date or time on
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this date (its whole day) or time
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only entries crediting this person
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
}
