//! `wins review` and `wins followup`: the Reflect screen in a terminal — the check-in, the weekly
//! and monthly reviews, and whether a setback's adjustment worked.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Local};
use journal::Record;
use journal::period::PeriodKind;
use journal::when::When;

use crate::args::FollowupCommand;
use crate::error::{CliError, Result};
use crate::output::{BOLD, DIM, Output, printable};

pub fn review(
    path: &Path,
    period: &str,
    date: Option<&str>,
    save: bool,
    json: bool,
    now: &DateTime<Local>,
    out: &mut Output,
) -> Result<()> {
    let kind: PeriodKind = period.parse()?;
    let day = date.map(|date| When::parse_day(date, now)).transpose()?;
    let mut store = crate::unlock::open(path)?;
    let day = match day {
        Some(day) => day,
        None => store.review_day(kind, now)?,
    };
    let review = store.review(kind, day, now)?;
    if json {
        return out.json(&review);
    }
    if !save {
        return out.line(&printable(review.markdown.trim_end()));
    }
    let written = edit_in_editor(&review.markdown)?;
    if written.trim() == review.markdown.trim() || written.trim().is_empty() {
        eprintln!("Nothing written, so nothing was saved.");
        return Ok(());
    }
    let entry = store.save_reflection(kind, written, now)?;
    out.line(&format!(
        "Saved {} {:?}.",
        store.short_id(Record::Entry, &entry.id)?,
        entry.title()
    ))
}

/// Opens `text` in the user's `$VISUAL` or `$EDITOR` (run by the shell, so it may carry flags)
/// and returns what they saved.
fn edit_in_editor(text: &str) -> Result<String> {
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .find(|value| !value.is_empty())
        .ok_or(CliError::Usage(
            "--save opens your editor: set $EDITOR, e.g. EDITOR=nano",
        ))?;
    let failed = |what: String| CliError::Editor(format!("{what}; the review was not saved"));
    // A folder of its own (0700, random name), so no one else can read the review or plant a
    // symlink where the file will be; the file in it is created new (0600).
    let mut folder = tempfile::Builder::new();
    folder.prefix("small-wins-review-");
    #[cfg(unix)]
    folder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let folder = folder
        .tempdir()
        .map_err(|e| failed(format!("cannot make a private temporary folder: {e}")))?;
    let file = folder.path().join("review.md");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(&file)
        .and_then(|mut created| created.write_all(text.as_bytes()))
        .map_err(|e| failed(format!("cannot write {}: {e}", file.display())))?;
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{} \"$1\"", editor.to_string_lossy()))
        .arg("sh")
        .arg(&file)
        .status();
    let written = std::fs::read_to_string(&file);
    match status {
        Ok(status) if status.success() => {}
        Ok(status) => return Err(failed(format!("the editor exited with {status}"))),
        Err(e) => return Err(failed(format!("cannot start the editor: {e}"))),
    }
    written.map_err(|e| failed(format!("cannot read {}: {e}", file.display())))
}

pub fn followup(command: FollowupCommand, path: &Path, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    match command {
        FollowupCommand::List { json } => {
            let store = crate::unlock::open(path)?;
            let waiting = store.followups_due(now)?;
            if json {
                return out.json(&waiting);
            }
            if waiting.is_empty() && out.is_terminal() {
                eprintln!("No setback is waiting for its follow-up.");
            }
            for followup in &waiting {
                let setback = &followup.setback;
                let adjust = setback.adjust.as_deref().unwrap_or("(no adjustment noted)");
                let line = format!(
                    "{}  {}  {}",
                    out.paint(DIM, &store.short_id(Record::Entry, &setback.id)?),
                    out.paint(BOLD, setback.title()),
                    out.paint(DIM, &format!("adjusting: {adjust}"))
                );
                out.line(&line)?;
            }
            Ok(())
        }
        FollowupCommand::Answer {
            setback_id,
            worked,
            note,
            json,
        } => {
            let worked = worked.parse()?;
            let store = crate::unlock::open(path)?;
            let id = store.resolve_id(Record::Entry, &setback_id)?;
            let answer = store.answer_followup(&id, worked, note, now)?;
            if json {
                out.json(&answer)
            } else {
                out.line(&format!("Noted: the adjustment worked: {}.", answer.worked.as_str()))
            }
        }
    }
}
