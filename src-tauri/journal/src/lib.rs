//! The Small Wins journal: entries that last, kept in one SQLite file and found in milliseconds.
//!
//! This crate is the product's core and needs no display: the `wins` CLI and the desktop shell are
//! thin front ends over [`Store`].

mod error;
mod location;
mod model;
mod store;
#[cfg(feature = "synthetic")]
pub mod synthetic;
mod tags;
pub mod when;

pub use error::{Error, Result};
pub use location::default_journal_path;
pub use model::{Entry, EntryChanges, Kind, NewEntry, TagCount};
pub use store::{Cursor, Filter, Page, SearchHit, SnippetPart, Store};
