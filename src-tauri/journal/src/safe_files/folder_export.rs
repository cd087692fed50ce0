//! A folder export's many files written safely at the cost of one sync: each file is written whole
//! into a hidden staging folder, all of them are made durable together, and only then do they get
//! their names. A kill leaves unfinished files in the staging folder, never under an entry's name;
//! a file the journal did not write is never replaced.
//!
//! Into a folder that is not there yet (on Linux), the staging folder is made beside it and
//! becomes it in one rename, so the export appears whole; into a folder that is there, the staging
//! folder is made inside it and each file is renamed into place, checked one by one.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError, mpsc};

use tempfile::{TempDir, TempPath};

use super::without_temporary_name;
use crate::export_import::io_error;
use crate::{Error, Result};

/// Where the staging folder's name starts, inside the destination or beside it.
const STAGING_PREFIX: &str = ".small-wins-export-";

/// The files of one folder export, written as they come and named all at once by [`finish`].
///
/// [`finish`]: FolderExport::finish
pub(crate) struct FolderExport {
    folder: PathBuf,
    staging: TempDir,
    /// The destination was not there: the staging folder, beside it, becomes it in one rename,
    /// under this path (the destination's parent and last name, so `notes/.` is `./notes`).
    becomes: Option<PathBuf>,
    staged: Vec<Staged>,
    names: HashSet<String>,
    /// The names in the folder when the export began: only these need a look before writing.
    existing: HashSet<std::ffi::OsString>,
}

/// How many threads create the export's files. Creating a file is the kernel's work and most of
/// an export's time; two threads creating files in one folder finish sooner than one on a machine
/// with two cores or more (`docs/benchmarks.md`, the Markdown folder export).
const WRITERS: usize = 2;

/// One file of an export: its name in the folder, its bytes, and how an earlier export's file of
/// the same record begins.
pub(crate) struct ExportFile {
    pub(crate) name: String,
    pub(crate) contents: Vec<u8>,
    pub(crate) identity: Vec<u8>,
}

/// A file written whole into the staging folder under its own name, waiting to be put in place.
struct Staged {
    name: String,
    /// How a file of the same record from an earlier export begins: only such a file is replaced.
    identity: Vec<u8>,
}

impl FolderExport {
    /// Starts an export into `folder`, made if it is not there.
    pub(crate) fn new(folder: &Path) -> Result<FolderExport> {
        // A destination ending in `..` has no last name a rename could give.
        let new_name = folder.file_name().filter(|_| cfg!(target_os = "linux"));
        let becomes = match new_name {
            Some(name) if !present(folder)? => {
                // `Path::parent` of a bare name is "", which the file system calls ".".
                let parent = folder.parent().filter(|parent| !parent.as_os_str().is_empty());
                Some(parent.unwrap_or(Path::new(".")).join(name))
            }
            _ => None,
        };
        let (staged_in, existing) = if let Some(parent) = becomes.as_deref().and_then(Path::parent) {
            fs::create_dir_all(parent).map_err(io_error(folder))?;
            (parent, HashSet::new())
        } else {
            fs::create_dir_all(folder).map_err(io_error(folder))?;
            let existing = fs::read_dir(folder)
                .map_err(io_error(folder))?
                .map(|item| item.map(|item| item.file_name()).map_err(io_error(folder)))
                .collect::<Result<_>>()?;
            (folder, existing)
        };
        // Made as `create_dir` would make the folder (the umask decides), since it may become it.
        #[cfg(unix)]
        let mode = std::os::unix::fs::PermissionsExt::from_mode(0o777);
        let mut builder = tempfile::Builder::new();
        builder.prefix(STAGING_PREFIX);
        #[cfg(unix)]
        builder.permissions(mode);
        let staging = builder
            .tempdir_in(staged_in)
            .map_err(without_temporary_name)
            .map_err(io_error(folder))?;
        Ok(FolderExport {
            folder: folder.to_owned(),
            staging,
            becomes,
            staged: Vec::new(),
            names: HashSet::new(),
            existing,
        })
    }

    /// Writes every file of `files` into the staging folder, [`WRITERS`] at a time, while `files`
    /// makes the next ones. A file already in the destination under a file's name is replaced
    /// only when it begins with that file's `identity` (an earlier export of the same record);
    /// anything else there (a file of the user's, a symlink, a folder) is refused now, before any
    /// file is named. Something put there after the export began is refused when the file is named.
    pub(crate) fn add_all(&mut self, files: impl Iterator<Item = ExportFile>) -> Result<()> {
        let staging = self.staging.path().to_owned();
        let folder = self.folder.clone();
        let (jobs, queue) = mpsc::sync_channel::<ExportFile>(WRITERS * 16);
        let queue = Mutex::new(queue);
        let failed = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let writers: Vec<_> = (0..WRITERS)
                .map(|_| {
                    scope.spawn(|| -> Result<()> {
                        let mut written = Ok(());
                        loop {
                            // Locked only while waiting for the next file, never while writing one;
                            // the lock guards nothing a panic could leave half done.
                            let next = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
                            let Ok(file) = next else { return written };
                            // After an error the queue is still emptied, so the export never waits
                            // on a full queue; no more files are written.
                            if written.is_ok() && !failed.load(Ordering::Relaxed) {
                                written = write_new(&staging.join(&file.name), &file.contents)
                                    .map_err(io_error(&folder.join(&file.name)));
                                failed.fetch_or(written.is_err(), Ordering::Relaxed);
                            }
                        }
                    })
                })
                .collect();
            let mut checked = Ok(());
            for file in files {
                checked = self.check(&file.name, &file.identity);
                if checked.is_err() || failed.load(Ordering::Relaxed) {
                    break;
                }
                // The writers hold the queue until `jobs` is dropped, so sending cannot fail.
                let _ = jobs.send(file);
            }
            drop(jobs);
            let written = writers
                .into_iter()
                .try_for_each(|writer| writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
            checked.and(written)
        })
    }

    /// Takes `name` for this export: refused for a second record under it, or when something in
    /// the destination under it is not an earlier export of the same record.
    fn check(&mut self, name: &str, identity: &[u8]) -> Result<()> {
        let path = self.folder.join(name);
        // Two records of this export under one name: the second would replace the first.
        let taken = self.existing.contains(std::ffi::OsStr::new(name)) && !replaceable(&path, identity)?;
        if !self.names.insert(name.to_owned()) || taken {
            return Err(foreign(&path));
        }
        self.staged.push(Staged {
            name: name.to_owned(),
            identity: identity.to_vec(),
        });
        Ok(())
    }

    /// Makes every written file durable, then gives each its name, and the names durable too.
    pub(crate) fn finish(self) -> Result<()> {
        #[cfg(target_os = "linux")]
        {
            let staging = File::open(self.staging.path()).map_err(io_error(&self.folder))?;
            rustix::fs::syncfs(&staging)
                .map_err(std::io::Error::from)
                .map_err(io_error(&self.folder))?;
            if let Some(becomes) = self.becomes.clone() {
                return self.rename_whole(&becomes);
            }
        }
        self.rename_each()
    }

    /// The staging folder becomes the destination, unless something took its name meanwhile: then
    /// the files go into that one by one, checked as any folder that was there.
    #[cfg(target_os = "linux")]
    fn rename_whole(self, becomes: &Path) -> Result<()> {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, self.staging.path(), CWD, becomes, RenameFlags::NOREPLACE) {
            Ok(()) => {
                // Renamed away: nothing is left at the staging name for its cleanup to remove.
                let staging = self.staging.keep();
                // The new name survives power loss once the folder it is in is synced.
                File::open(staging.parent().unwrap_or(Path::new(".")))
                    .and_then(|parent| parent.sync_all())
                    .map_err(io_error(&self.folder))
            }
            Err(rustix::io::Errno::EXIST) => self.rename_each(),
            Err(e) => Err(io_error(&self.folder)(e.into())),
        }
    }

    /// Gives each file its name in the destination, checking what is there first.
    fn rename_each(self) -> Result<()> {
        for staged in &self.staged {
            let path = self.folder.join(&staged.name);
            let file = TempPath::try_from_path(self.staging.path().join(&staged.name)).map_err(io_error(&path))?;
            // Naming the finished file fails when anything (a symlink too) took the name meanwhile.
            let file = match file.persist_noclobber(&path) {
                Ok(()) => continue,
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => e.path,
                Err(e) => return Err(io_error(&path)(without_temporary_name(e.error))),
            };
            if !replaceable(&path, &staged.identity)? {
                return Err(foreign(&path));
            }
            // A rename replaces the name itself, so a symlink swapped in meanwhile is replaced, not followed.
            file.persist(&path)
                .map_err(|e| without_temporary_name(e.error))
                .map_err(io_error(&path))?;
        }
        // The new names, all in this one folder, survive power loss once the folder is synced.
        #[cfg(unix)]
        File::open(&self.folder)
            .and_then(|folder| folder.sync_all())
            .map_err(io_error(&self.folder))?;
        Ok(())
    }
}

/// Writes a new file at `path`, which must not exist: private, as every file the journal writes.
fn write_new(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    // Where one sync of the whole file system is not at hand, each file is synced as written.
    #[cfg(not(target_os = "linux"))]
    file.sync_all()?;
    Ok(())
}

/// True when something (a folder, a file, a symlink, even a dangling one) is at `path`.
fn present(path: &Path) -> Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io_error(path)(e)),
    }
}

/// True when nothing is at `path`, or an earlier export's file of the same record (beginning with
/// `identity`): a regular file, never a symlink; only read, so one swapped in meanwhile does no harm.
fn replaceable(path: &Path, identity: &[u8]) -> Result<bool> {
    let existing = match fs::symlink_metadata(path) {
        Ok(existing) => existing,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(io_error(path)(e)),
    };
    if !existing.file_type().is_file() {
        return Ok(false);
    }
    let mut head = Vec::new();
    File::open(path)
        .and_then(|file| file.take(identity.len() as u64).read_to_end(&mut head))
        .map_err(io_error(path))?;
    Ok(head == identity)
}

fn foreign(path: &Path) -> Error {
    Error::invalid(
        "out",
        format!(
            "{} is there already and was not written by Small Wins; move it away or export to another folder",
            path.display()
        ),
    )
}
