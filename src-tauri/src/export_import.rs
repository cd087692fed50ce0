//! Export and import from the window: where an export goes unless the person picks a place, and an
//! import's progress sent to the window while it runs.

use std::path::{Path, PathBuf};

use chrono::Local;
use journal::Filter;
use journal::export_import::{self, ExportFormat, ExportReport, ImportFormat, ImportReport};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;
use ts_rs::TS;

use crate::commands::Reply;
use crate::error::{CommandError, ShellErrorCode};
use crate::state::JournalState;

/// How far an import has come, sent now and then while it runs.
#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct ImportProgress {
    pub done: u64,
    pub total: u64,
}

/// `~/Documents/small-wins-2025-01-08.json` (or the home folder when there is no Documents): where
/// an export goes unless the person picks another place.
#[tauri::command(async)]
pub fn suggest_export_path(format: ExportFormat) -> Reply<String> {
    let name = format!("small-wins-{}.{}", Local::now().format("%Y-%m-%d"), format.extension());
    Ok(documents_folder()?.join(name).display().to_string())
}

/// `~/Documents`, or the home folder when there is none: where a file the window writes goes by default.
pub(crate) fn documents_folder() -> Reply<PathBuf> {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .ok_or_else(|| CommandError::internal("no home folder to write into (HOME is not set)"))?;
    let documents = home.join("Documents");
    Ok(if documents.is_dir() { documents } else { home })
}

/// Refuses to write over an existing file unless the person said to replace it.
pub(crate) fn refuse_existing(destination: &Path, replace: bool) -> Reply<()> {
    if !replace && destination.is_file() {
        return Err(CommandError::shell(
            ShellErrorCode::Exists,
            format!("{} already exists", destination.display()),
        ));
    }
    Ok(())
}

/// Writes the export; an existing file is replaced only when the person said so.
#[tauri::command(async)]
pub fn export_journal(
    journal: State<'_, JournalState>,
    format: ExportFormat,
    path: String,
    filter: Filter,
    replace: bool,
) -> Reply<ExportReport> {
    let destination = Path::new(&path);
    refuse_existing(destination, replace)?;
    journal.with(|store| export_import::export(store, format, destination, &filter, &Local::now()))
}

/// Reads the whole file first (a bad one changes nothing), then writes it in one transaction.
#[tauri::command(async)]
pub fn import_journal(
    journal: State<'_, JournalState>,
    path: String,
    from: Option<ImportFormat>,
    dry_run: bool,
    progress: Channel<ImportProgress>,
) -> Reply<ImportReport> {
    let (format, incoming) = export_import::read_source(Path::new(&path), from, None, &Local)?;
    let mut report = journal.with(|store| {
        store.import(incoming, dry_run, &Local::now(), &mut |done, total| {
            // A window that went away mid-import does not stop the import.
            let _ = progress.send(ImportProgress {
                done: done as u64,
                total: total as u64,
            });
        })
    })?;
    report.format = Some(format);
    Ok(report)
}
