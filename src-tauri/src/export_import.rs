//! Export and import from the window: the dialogs that pick the file (opened here, the path kept
//! here), and an import's progress sent to the window while it runs.

use chrono::Local;
use journal::Filter;
use journal::export_import::{self, ExportFormat, ExportReport, ImportFormat, ImportReport};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{Runtime, State, WebviewWindow};
use ts_rs::TS;

use crate::commands::Reply;
use crate::picked_paths::{PickedPaths, Purpose, documents_folder, file_dialog};
use crate::state::JournalState;

/// How far an import has come, sent now and then while it runs.
#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct ImportProgress {
    pub done: u64,
    pub total: u64,
}

/// Opens the save dialog at `~/Documents/small-wins-2025-01-08.json` (or in the home folder when
/// there is no Documents), or a folder dialog for a Markdown export of a file per entry, and keeps
/// the pick for [`export_journal`]. Returns the path to show, or `None` when cancelled.
#[tauri::command(async)]
pub fn pick_export_path<R: Runtime>(
    window: WebviewWindow<R>,
    picked_paths: State<'_, PickedPaths>,
    format: ExportFormat,
    folder: bool,
) -> Reply<Option<String>> {
    if folder && format != ExportFormat::Markdown {
        let message = "only a Markdown export is written as a folder of files".to_owned();
        return Err(journal::Error::Invalid {
            field: "folder",
            message,
        }
        .into());
    }
    let dialog = file_dialog(&window, "Export the journal", &documents_folder()?);
    let picked = if folder {
        dialog.blocking_pick_folder()
    } else {
        let extension = format.extension();
        dialog
            .set_file_name(format!("small-wins-{}.{extension}", Local::now().format("%Y-%m-%d")))
            .add_filter(format!(".{extension} files"), &[extension])
            .blocking_save_file()
    };
    picked_paths.keep_answer(Purpose::Export, picked)
}

/// Writes the export to the path picked with [`pick_export_path`]; an existing file is replaced
/// only when the person said so.
#[tauri::command(async)]
pub fn export_journal(
    journal: State<'_, JournalState>,
    picked_paths: State<'_, PickedPaths>,
    format: ExportFormat,
    filter: Filter,
    replace: bool,
) -> Reply<ExportReport> {
    picked_paths.write_to(Purpose::Export, replace, |destination| {
        journal.with(|store| export_import::export(store, format, destination, &filter, &Local::now()))
    })
}

/// Opens the open dialog (a folder dialog for a Markdown folder) and keeps the pick for
/// [`import_journal`]. Returns the path to show, or `None` when cancelled.
#[tauri::command(async)]
pub fn pick_import_source<R: Runtime>(
    window: WebviewWindow<R>,
    picked_paths: State<'_, PickedPaths>,
    folder: bool,
) -> Reply<Option<String>> {
    let dialog = file_dialog(&window, "Import into the journal", &documents_folder()?);
    let picked = if folder {
        dialog.blocking_pick_folder()
    } else {
        dialog.blocking_pick_file()
    };
    picked_paths.keep_answer(Purpose::Import, picked)
}

/// Reads the whole file picked with [`pick_import_source`] first (a bad one changes nothing), then
/// writes it in one transaction. A dry run and the import after it read the same pick.
#[tauri::command(async)]
pub fn import_journal(
    journal: State<'_, JournalState>,
    picked_paths: State<'_, PickedPaths>,
    from: Option<ImportFormat>,
    dry_run: bool,
    progress: Channel<ImportProgress>,
) -> Reply<ImportReport> {
    let source = picked_paths.source(Purpose::Import)?;
    let (format, incoming) = export_import::read_source(&source, from, None, &Local)?;
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
