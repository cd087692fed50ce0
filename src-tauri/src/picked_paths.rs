//! The files the person picked in a file dialog the shell opened, kept on the Rust side: the
//! window's export, import and digest save write or read only these, so script running in the
//! window cannot name a path of its own (a Markdown export of crafted entries into `~/.bashrc`).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tauri::{Runtime, WebviewWindow};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};

use crate::commands::Reply;
use crate::error::{CommandError, ShellErrorCode};

/// What a picked path is for: each has a slot of its own, so picking an import file never changes
/// where an export goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Export,
    Import,
    Digest,
    /// The folder a replicator shares, to sync through.
    SyncFolder,
}

impl Purpose {
    fn slot(self) -> usize {
        self as usize
    }

    /// What the person is asked when nothing was picked yet.
    fn choose_first(self) -> &'static str {
        match self {
            Purpose::Export => "choose where the export goes first",
            Purpose::Import => "choose the file to import first",
            Purpose::Digest => "choose where the digest goes first",
            Purpose::SyncFolder => "choose the sync folder first",
        }
    }
}

const PURPOSES: usize = 4;

#[derive(Debug, Clone)]
struct Picked {
    path: PathBuf,
    /// The file existed when it was picked, so the save dialog asked before replacing it and the
    /// person said yes; spent by the first write, after which replacing it is asked again.
    replace_confirmed: bool,
}

/// The last path picked for each purpose. Kept until the next pick: an export can be written
/// again, and an import reads the file its dry run read.
#[derive(Debug, Default)]
pub struct PickedPaths {
    slots: Mutex<[Option<Picked>; PURPOSES]>,
}

impl PickedPaths {
    /// Keeps `path`, picked in a dialog, for `purpose`.
    pub fn keep(&self, purpose: Purpose, path: PathBuf) {
        let replace_confirmed = path.is_file();
        self.slots()[purpose.slot()] = Some(Picked {
            path,
            replace_confirmed,
        });
    }

    /// Keeps what a dialog answered for `purpose` and says what the window shows: the path, or
    /// `None` when the person cancelled (the earlier pick stays).
    pub fn keep_answer(&self, purpose: Purpose, answer: Option<FilePath>) -> Reply<Option<String>> {
        let Some(answer) = answer else { return Ok(None) };
        let path = answer
            .into_path()
            .map_err(|error| CommandError::internal(format!("the dialog gave no file path: {error}")))?;
        let shown = path.display().to_string();
        self.keep(purpose, path);
        Ok(Some(shown))
    }

    /// The file picked for `purpose` to read.
    pub fn source(&self, purpose: Purpose) -> Reply<PathBuf> {
        Ok(self.picked(purpose)?.path)
    }

    /// Runs `write` on the file picked for `purpose`. An existing file is replaced only when the
    /// person said so, in the window or in the dialog that picked it.
    pub fn write_to<T>(&self, purpose: Purpose, replace: bool, write: impl FnOnce(&Path) -> Reply<T>) -> Reply<T> {
        let picked = self.picked(purpose)?;
        if !replace && !picked.replace_confirmed && picked.path.is_file() {
            return Err(CommandError::shell(
                ShellErrorCode::Exists,
                format!("{} already exists", picked.path.display()),
            ));
        }
        let written = write(&picked.path)?;
        if let Some(kept) = self.slots()[purpose.slot()].as_mut()
            && kept.path == picked.path
        {
            kept.replace_confirmed = false;
        }
        Ok(written)
    }

    fn picked(&self, purpose: Purpose) -> Reply<Picked> {
        self.slots()[purpose.slot()]
            .clone()
            .ok_or_else(|| CommandError::shell(ShellErrorCode::NothingPicked, purpose.choose_first()))
    }

    /// A panic elsewhere while the lock was held leaves the paths as they were: still usable.
    fn slots(&self) -> MutexGuard<'_, [Option<Picked>; PURPOSES]> {
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `~/Documents`, or the home folder when there is none: where the window's file dialogs open.
pub fn documents_folder() -> Reply<PathBuf> {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .ok_or_else(|| CommandError::internal("no home folder to write into (HOME is not set)"))?;
    let documents = home.join("Documents");
    Ok(if documents.is_dir() { documents } else { home })
}

/// A file dialog over `window`, titled `title`, opening in `folder`.
pub fn file_dialog<R: Runtime>(window: &WebviewWindow<R>, title: &str, folder: &Path) -> FileDialogBuilder<R> {
    window
        .dialog()
        .file()
        .set_parent(window)
        .set_title(title)
        .set_directory(folder)
}
