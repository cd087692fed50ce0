//! The journals this process has open, so that nothing in it ever reads a live journal through a
//! file descriptor of its own.
//!
//! SQLite locks its files with POSIX advisory locks, and POSIX drops *every* lock a process holds
//! on a file when the process closes *any* descriptor of that file. Reading a live journal's first
//! bytes with `File::open` would therefore silently release SQLite's locks: another process would
//! take the write-ahead log for abandoned, checkpoint it and delete it, and this process's later
//! writes would go to an unlinked file no one else reads (the app's writes vanished this way when
//! its start-up backup opened the journal a second time). So a journal's first bytes are read once,
//! before SQLite opens it, and kept here for as long as a [`Store`](super::Store) has it open.

use std::fs::File;
use std::io::{self, Read};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// How many of a journal's first bytes are kept: SQLite's magic string, or SQLCipher's salt.
pub(crate) const HEAD_LEN: usize = 16;

/// A file by device and inode: the same file under any path, and a new file after a rename.
type FileId = (u64, u64);

struct OpenJournal {
    file: FileId,
    head: Vec<u8>,
    stores: usize,
}

static OPEN: Mutex<Vec<OpenJournal>> = Mutex::new(Vec::new());

/// The registry, held while a journal is being opened so that no other thread of this process
/// reads the file between SQLite opening it and its registration.
pub(crate) struct Registry(MutexGuard<'static, Vec<OpenJournal>>);

/// Keeps a journal's entry in the registry while its [`Store`](super::Store) lives.
#[derive(Debug)]
pub(crate) struct Registration(FileId);

/// What is at a journal's path.
pub(crate) enum Head {
    /// No file.
    Missing,
    /// A file that a `Store` of this process has open (and so was checked when it was opened),
    /// with its first bytes as they were then.
    Open(Vec<u8>),
    /// A file no `Store` of this process has open, with its first (up to [`HEAD_LEN`]) bytes.
    Closed(Vec<u8>),
}

impl Registry {
    pub(crate) fn lock() -> Registry {
        Registry(OPEN.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// What is at `path`, read from the registry when the file is open here.
    pub(crate) fn head(&self, path: &Path) -> io::Result<Head> {
        let Some(file) = file_id(path)? else {
            return Ok(Head::Missing);
        };
        if let Some(open) = self.0.iter().find(|open| open.file == file) {
            return Ok(Head::Open(open.head.clone()));
        }
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Head::Missing),
            Err(e) => return Err(e),
        };
        let mut head = Vec::with_capacity(HEAD_LEN);
        file.take(HEAD_LEN as u64).read_to_end(&mut head)?;
        Ok(Head::Closed(head))
    }

    /// Records that a `Store` has the journal at `path` open; `head` is what [`Registry::head`]
    /// read before SQLite opened it, or SQLite's magic for a journal SQLite has just created.
    pub(crate) fn register(&mut self, path: &Path, head: Vec<u8>) -> io::Result<Registration> {
        let file = file_id(path)?.ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        match self.0.iter_mut().find(|open| open.file == file) {
            Some(open) => open.stores += 1,
            None => self.0.push(OpenJournal { file, head, stores: 1 }),
        }
        Ok(Registration(file))
    }
}

/// What is at `path` (see [`Registry::head`]).
pub(crate) fn head(path: &Path) -> io::Result<Head> {
    Registry::lock().head(path)
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut open = Registry::lock();
        if let Some(at) = open.0.iter().position(|open| open.file == self.0) {
            open.0[at].stores -= 1;
            if open.0[at].stores == 0 {
                open.0.swap_remove(at);
            }
        }
    }
}

/// The file at `path` by device and inode, read with `stat` (which opens no descriptor).
fn file_id(path: &Path) -> io::Result<Option<FileId>> {
    match std::fs::metadata(path) {
        Ok(metadata) => Ok(Some((metadata.dev(), metadata.ino()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}
