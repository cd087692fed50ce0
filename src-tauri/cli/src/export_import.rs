//! `wins export` and `wins import`: journal files in and out, with a progress bar for a long import
//! when someone is watching.

use std::io::IsTerminal;
use std::path::Path;

use chrono::{DateTime, Local};
use indicatif::{ProgressBar, ProgressStyle};
use journal::export_import::{self, ImportFormat};

use crate::args::FilterArgs;
use crate::error::Result;
use crate::input;
use crate::output::{Output, printable};

/// Below this many entries an import is over before a bar would be read.
const BAR_FROM: usize = 2_000;

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
    // Read and check the whole file before the journal is opened: a bad file touches nothing.
    let (format, incoming) = export_import::read_source(source.path, from, source.time_format, &Local)?;
    let bar = (std::io::stderr().is_terminal() && incoming.entries.len() >= BAR_FROM).then(|| {
        let bar = ProgressBar::new(incoming.entries.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} entries, {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_message(if dry_run { "Checking" } else { "Importing" });
        bar
    });
    let mut report = crate::unlock::open(path)?.import(incoming, dry_run, now, &mut |done, _| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
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
