//! The follow-up on a setback: some days later, did the adjustment work?

use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Entry, Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Worked {
    Yes,
    Partly,
    No,
}

impl Worked {
    pub fn as_str(self) -> &'static str {
        match self {
            Worked::Yes => "yes",
            Worked::Partly => "partly",
            Worked::No => "no",
        }
    }
}

impl FromStr for Worked {
    type Err = Error;

    fn from_str(input: &str) -> Result<Worked> {
        [Worked::Yes, Worked::Partly, Worked::No]
            .into_iter()
            .find(|worked| worked.as_str().eq_ignore_ascii_case(input.trim()))
            .ok_or_else(|| Error::invalid("worked", format!("{input:?} is not one of yes, partly, no")))
    }
}

/// The user's answer, stored with the setback.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FollowupAnswer {
    pub worked: Worked,
    pub note: Option<String>,
    pub answered_at: DateTime<FixedOffset>,
}

/// A setback whose follow-up day has come.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Followup {
    pub setback: Entry,
    pub due_on: NaiveDate,
}
