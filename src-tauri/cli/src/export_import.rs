//! `wins export` and `wins import`: journal files in and out, with a progress bar for a long import
//! when someone is watching.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::mpsc::{self, SyncSender};

use chrono::{DateTime, Local};
use indicatif::{ProgressBar, ProgressStyle};
use journal::export_import::{self, ImportFormat, ImportReport, IncomingEntry, IncomingHead, IncomingSink};

use crate::args::FilterArgs;
use crate::error::{CliError, Result};
use crate::fresh_journal::FreshJournal;
use crate::input;
use crate::output::{Output, printable};

/// Below this many entries an import is over before a bar would be read.
const BAR_FROM: usize = 2_000;
/// The reading thread hands checked entries over this many at a time: one at a time, the two
/// threads would wake each other up (a system call each way) for every entry.
const BATCH: usize = 256;
/// How many batches the reading thread may be ahead of the writing one, waiting in memory.
const BATCHES_AHEAD: usize = 4;

/// `encrypt` is `Some` for `--encrypt`, with the file holding the export's passphrase if given.
#[allow(clippy::too_many_arguments)]
pub fn export(
    path: &Path,
    format: &str,
    out_path: &Path,
    encrypt: Option<Option<&Path>>,
    filter: FilterArgs,
    now: &DateTime<Local>,
    json: bool,
    out: &mut Output,
) -> Result<()> {
    let format = format.parse()?;
    let filter = input::filter(filter, now)?;
    let passphrase = encrypt.map(crate::unlock::new_passphrase).transpose()?;
    let store = crate::unlock::open(path)?;
    let report = match passphrase {
        Some(passphrase) => export_import::export_encrypted(&store, format, out_path, &filter, now, &passphrase)?,
        None => {
            if journal::crypto::is_encrypted(path)? {
                eprintln!("Note: the journal is encrypted but this export is plain text; --encrypt protects it.");
            }
            export_import::export(&store, format, out_path, &filter, now)?
        }
    };
    if json {
        return out.json(&report);
    }
    out.line(&format!(
        "Exported {} {} to {} ({format}).",
        report.entries,
        if report.entries == 1 { "entry" } else { "entries" },
        report.path
    ))
}

/// The file `wins import` reads, and what the command line said about it.
pub struct ImportSource<'a> {
    pub path: &'a Path,
    /// The format named by `--from`, when the file's own shape is not to be trusted.
    pub from: Option<&'a str>,
    /// jrnl's `timeformat`, when the file's headers do not settle it.
    pub time_format: Option<&'a str>,
}

pub fn import(
    path: &Path,
    source: ImportSource<'_>,
    dry_run: bool,
    now: &DateTime<Local>,
    json: bool,
    out: &mut Output,
) -> Result<()> {
    let from: Option<ImportFormat> = source.from.map(str::parse).transpose()?;
    let fresh = FreshJournal::at(path)?;
    let target = fresh.as_ref().map_or(path, FreshJournal::path);
    // The file is read and checked on a second thread while this one writes the entries checked so
    // far. The journal is opened once the whole file has been read and parsed (a file that is not
    // one an import reads touches nothing); an entry found bad after that leaves it unchanged, and
    // where there was no journal, leaves none.
    let (head_sender, head_receiver) = mpsc::sync_channel(1);
    let (batch_sender, batch_receiver) = mpsc::sync_channel(BATCHES_AHEAD);
    let (format, mut report) = std::thread::scope(|scope| -> Result<(ImportFormat, ImportReport)> {
        let reader = scope.spawn(move || {
            let mut handing = Handing {
                head: head_sender,
                batches: batch_sender,
                batch: Vec::with_capacity(BATCH),
            };
            let format = export_import::read_source_into(source.path, from, source.time_format, &Local, &mut handing)?;
            handing.hand_over_batch();
            Ok(format)
        });
        let joined = |reader: std::thread::ScopedJoinHandle<'_, _>| {
            reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        };
        let Ok(head) = head_receiver.recv() else {
            // The reading stopped before the whole file was read: its error says why.
            let read: journal::Result<ImportFormat> = joined(reader);
            return Err(read
                .err()
                .map_or(CliError::Failed("the file could not be read"), CliError::from));
        };
        let bar = (std::io::stderr().is_terminal() && head.entries >= BAR_FROM).then(|| {
            let bar = ProgressBar::new(head.entries as u64);
            bar.set_style(
                ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} entries, {eta} left")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_message(if dry_run { "Checking" } else { "Importing" });
            bar
        });
        let imported = crate::unlock::open(target).and_then(|mut store| {
            Ok(
                store.import_entries(head, batch_receiver.iter().flatten(), dry_run, now, &mut |done, _| {
                    if let Some(bar) = &bar {
                        bar.set_position(done as u64);
                    }
                })?,
            )
        });
        // A failed write stops the reading at its next batch.
        drop(batch_receiver);
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        // The reading's error first: when it failed, the import stopped because of it.
        let format = joined(reader)?;
        Ok((format, imported?))
    })?;
    if let Some(fresh) = fresh.filter(|_| !dry_run) {
        fresh.keep()?;
    }
    report.format = Some(format);
    if json {
        return out.json(&report);
    }
    let entries = |n: u64| if n == 1 { "entry" } else { "entries" };
    let mut summary = format!(
        "{} {} {} from {format}",
        if dry_run { "Would import" } else { "Imported" },
        report.added,
        entries(report.added)
    );
    if report.goals_added > 0 {
        summary.push_str(&format!(" and {} goals", report.goals_added));
    }
    if report.reminders_added > 0 {
        summary.push_str(&format!(" and {} reminder rules", report.reminders_added));
    }
    if report.skipped > 0 {
        summary.push_str(&format!("; {} already in the journal", report.skipped));
    }
    out.line(&format!("{summary}."))?;
    if dry_run {
        for title in &report.titles {
            out.line(&format!("  {}", printable(title)))?;
        }
        if report.added as usize > report.titles.len() {
            out.line(&format!("  … and {} more", report.added as usize - report.titles.len()))?;
        }
    }
    Ok(())
}

/// Hands what the reading thread reads to the writing one.
struct Handing {
    head: SyncSender<IncomingHead>,
    batches: SyncSender<Vec<IncomingEntry>>,
    batch: Vec<IncomingEntry>,
}

impl Handing {
    /// Hands over the entries read since the last batch; false when the writing has stopped.
    fn hand_over_batch(&mut self) -> bool {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        self.batches.send(batch).is_ok()
    }
}

impl IncomingSink for Handing {
    fn head(&mut self, head: IncomingHead) -> bool {
        self.head.send(head).is_ok()
    }

    fn entry(&mut self, entry: IncomingEntry) -> bool {
        self.batch.push(entry);
        self.batch.len() < BATCH || self.hand_over_batch()
    }
}
