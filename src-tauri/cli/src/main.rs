//! `wins`: the Small Wins journal in a terminal, on the same journal file as the desktop app.

mod args;
mod backup;
mod corrections;
mod encryption;
mod error;
mod export_import;
mod fresh_journal;
mod goals;
mod input;
mod insights;
mod output;
mod reflect;
mod remind_run;
mod settings;
mod sync;
mod team;
mod unlock;

use std::process::ExitCode;

use chrono::Local;
use clap::Parser;
use clap::error::ErrorKind;
use journal::{EntryChanges, Filter, Record};

use crate::args::{Cli, Command};
use crate::error::{CliError, Result};
use crate::input::EditOnly;
use crate::output::Output;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            // clap's first paragraph says what was wrong; the rest is advice about --help.
            let rendered = error.render().to_string();
            let what: Vec<&str> = rendered
                .split("\n\n")
                .next()
                .unwrap_or_default()
                .lines()
                .map(str::trim)
                .collect();
            eprintln!("wins: {}", what.join(" ").trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    let db = cli.db.clone();
    match run(cli).map_err(|error| error.with_recovery(db.as_deref())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.is_closed_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("wins: {}", error.line());
            ExitCode::from(error.exit_code())
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let now = Local::now();
    let journal_named = cli.db.is_some() || std::env::var_os("SMALL_WINS_DB").is_some_and(|p| !p.is_empty());
    let path = match cli.db {
        Some(path) => path,
        None => journal::default_journal_path()?,
    };
    unlock::configure(cli.passphrase_file);
    let mut out = Output::stdout();
    // Input is checked before the journal is opened, so a typo never creates or touches a file.
    match cli.command {
        Command::Add { text, fields, json } => {
            let mut draft = input::new_entry(text, fields, &now)?;
            let mut store = crate::unlock::open(&path)?;
            draft.milestone_id = draft
                .milestone_id
                .map(|id| store.resolve_id(Record::Milestone, &id))
                .transpose()?;
            let entry = store.add(draft, &now)?;
            team::suggest_sharing(&store, &entry)?;
            if json {
                return out.json(&entry);
            }
            out.line(&entry.id)?;
            // After the id, so a script reading the first line still gets it.
            if entry.kind == journal::Kind::Setback {
                let lessons = store.lessons_for(&entry.text, &entry.tags, Some(&entry.id), insights::LESSONS_SHOWN)?;
                insights::lessons(&lessons, &mut out)?;
            }
            Ok(())
        }
        Command::List { number, filter, json } => {
            let filter = input::filter(filter, &now)?;
            let store = crate::unlock::open(&path)?;
            let page = store.list(&filter, number, None)?;
            if json {
                return out.json(&page.entries);
            }
            if page.entries.is_empty() && out.is_terminal() {
                eprintln!("{}", empty_hint(&filter));
            }
            out.entry_lines(&store, &page.entries)
        }
        Command::Search {
            query,
            number,
            filter,
            json,
        } => {
            let filter = input::filter(filter, &now)?;
            let store = crate::unlock::open(&path)?;
            let hits = store.search(&query, &filter, number)?;
            if json {
                return out.json(&hits);
            }
            if hits.is_empty() && out.is_terminal() {
                eprintln!("Nothing matches {query:?}.");
            }
            out.search_hits(&store, &hits)
        }
        Command::Show { id, json } => {
            let store = crate::unlock::open(&path)?;
            let entry = store.get(&store.resolve_id(Record::Entry, &id)?)?;
            if json {
                out.json(&entry)
            } else {
                out.entry_block(&entry)
            }
        }
        Command::Edit {
            id,
            text,
            fields,
            win,
            untag,
            unstar,
            no_mood,
            no_milestone,
            uncredit,
            json,
        } => {
            let edit = EditOnly {
                win,
                untag,
                unstar,
                no_mood,
                no_milestone,
                uncredit,
            };
            let mut changes = input::entry_changes(text, fields, edit, &now)?;
            if changes == EntryChanges::default() {
                return Err(CliError::Usage(
                    "nothing to change: give new text or a flag such as --star (see wins edit --help)",
                ));
            }
            let mut store = crate::unlock::open(&path)?;
            let id = store.resolve_id(Record::Entry, &id)?;
            if let Some(Some(milestone)) = &changes.milestone_id {
                changes.milestone_id = Some(Some(store.resolve_id(Record::Milestone, milestone)?));
            }
            let entry = store.edit(&id, changes, &now)?;
            if json { out.json(&entry) } else { out.line(&entry.id) }
        }
        Command::Rm { id } => {
            let mut store = crate::unlock::open(&path)?;
            let entry = store.remove(&store.resolve_id(Record::Entry, &id)?, &now)?;
            let short_id = store.short_id(Record::Entry, &entry.id)?;
            out.line(&format!(
                "Deleted {short_id} {:?}. Undo with: wins restore {short_id}",
                entry.title()
            ))
        }
        Command::Restore { id } => {
            let mut store = crate::unlock::open(&path)?;
            let entry = store.restore(&store.resolve_id(Record::Entry, &id)?, &now)?;
            out.line(&format!(
                "Restored {} {:?}.",
                store.short_id(Record::Entry, &entry.id)?,
                entry.title()
            ))
        }
        Command::Tags { json } => {
            let tags = crate::unlock::open(&path)?.tags()?;
            if json { out.json(&tags) } else { out.tag_counts(&tags) }
        }
        Command::People { json } => {
            let people = crate::unlock::open(&path)?.people()?;
            if json {
                out.json(&people)
            } else {
                team::people(&people, &mut out)
            }
        }
        Command::Digest {
            period: _,
            date,
            since,
            until,
            format,
            out: destination,
            with_followups,
            json,
        } => {
            let request = team::DigestRequest {
                date,
                since,
                until,
                format,
                out: destination,
                with_followups,
                json,
            };
            team::digest(&path, request, &now, &mut out)
        }
        Command::Standup { date, format, json } => team::standup(&path, date.as_deref(), &format, json, &now, &mut out),
        Command::Goal(command) => goals::goal(command, &path, &now, &mut out),
        Command::Milestone(command) => goals::milestone(command, &path, &now, &mut out),
        Command::Measurement(command) => corrections::measurement(command, &path, &now, &mut out),
        Command::Measure {
            milestone_id,
            value,
            at,
            note,
            yes,
            json,
        } => {
            let draft = input::new_measurement(&value, at.as_deref(), note, &now)?;
            let mut store = crate::unlock::open(&path)?;
            let id = store.resolve_id(Record::Milestone, &milestone_id)?;
            let progressed = corrections::confirming(yes, |confirmed| {
                let draft = journal::NewMeasurement {
                    confirmed,
                    ..draft.clone()
                };
                store.measure(&id, draft, &now)
            })?;
            goals::progressed(&store, &progressed, json, &mut out)
        }
        Command::Export {
            format,
            out: out_path,
            encrypt,
            encrypt_passphrase_file,
            filter,
            json,
        } => {
            let sealed = encrypt.then_some(encrypt_passphrase_file.as_deref());
            export_import::export(&path, &format, &out_path, sealed, filter, &now, json, &mut out)
        }
        Command::Import {
            path: source,
            from,
            time_format,
            dry_run,
            json,
        } => export_import::import(
            &path,
            export_import::ImportSource {
                path: &source,
                from: from.as_deref(),
                time_format: time_format.as_deref(),
            },
            dry_run,
            &now,
            json,
            &mut out,
        ),
        Command::Check { milestone_id, json } => {
            let mut store = crate::unlock::open(&path)?;
            let progressed = store.check(&store.resolve_id(Record::Milestone, &milestone_id)?, &now)?;
            goals::progressed(&store, &progressed, json, &mut out)
        }
        Command::Backup {
            command,
            to,
            keep_daily,
            keep_weekly,
            keep_monthly,
            json,
        } => {
            let rotation = journal::Rotation {
                daily: keep_daily,
                weekly: keep_weekly,
                monthly: keep_monthly,
            };
            backup::backup(command, &path, to, rotation, json, &now, &mut out)
        }
        Command::Encrypt => encryption::encrypt(&path, &mut out),
        Command::Decrypt => encryption::decrypt(&path, &mut out),
        Command::Passphrase { new_passphrase_file } => {
            encryption::passphrase(&path, new_passphrase_file.as_deref(), &mut out)
        }
        Command::RecoveryKey => encryption::recovery_key(&path, &mut out),
        Command::Unlock => encryption::unlock_into_keyring(&path, &mut out),
        Command::Lock => encryption::lock(&path, &mut out),
        Command::Sync(sync) => sync::run(&path, sync, &now, &mut out),
        Command::Verify { json } => backup::verify(&path, json, &mut out),
        Command::Review {
            period,
            date,
            save,
            json,
        } => reflect::review(&path, &period, date.as_deref(), save, json, &now, &mut out),
        Command::Remind(command) => settings::remind(command, &path, journal_named, &now, &mut out),
        Command::Followup(command) => reflect::followup(command, &path, &now, &mut out),
        Command::Insights { since, until, json } => {
            insights::insights(&path, since.as_deref(), until.as_deref(), json, &now, &mut out)
        }
        Command::Onthisday { date, json } => insights::on_this_day(&path, date.as_deref(), json, &now, &mut out),
        Command::Settings {
            week_start,
            quiet,
            followup_days,
            weekly_streak_days,
            json,
        } => settings::settings(
            &path,
            week_start,
            quiet,
            followup_days,
            weekly_streak_days,
            json,
            &mut out,
        ),
    }
}

fn empty_hint(filter: &Filter) -> &'static str {
    if *filter == Filter::default() {
        "No entries yet. Log your first small win:  wins add \"Cut the stand-up to 12 minutes #team\""
    } else {
        "No entries match these filters."
    }
}
