//! Opening the journal whether it is plain or encrypted: every command goes through [`open`], which
//! unlocks an encrypted journal once per run through the keyring slot, the passphrase file
//! (`--passphrase-file` or `SMALL_WINS_PASSPHRASE_FILE`) or a prompt on the terminal.
//!
//! A passphrase is never taken from the command line or the environment itself: both are visible
//! to other users' processes.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use journal::Store;
use journal::crypto::{self, KeyFile, MasterKey, Passphrase};
use zeroize::Zeroizing;

use crate::error::{CliError, Result};

/// The environment variable that names a file holding the passphrase (never the passphrase).
pub const PASSPHRASE_FILE_VAR: &str = "SMALL_WINS_PASSPHRASE_FILE";
/// A passphrase file larger than this is not one.
const MAX_PASSPHRASE_FILE_BYTES: u64 = 4096;

/// Where this run reads passphrases from, set once from the command line.
static PASSPHRASE_FILE: OnceLock<Option<PathBuf>> = OnceLock::new();
/// The key of the journal this run unlocked, so a command that opens it twice asks once.
static UNLOCKED: Mutex<Option<(PathBuf, MasterKey)>> = Mutex::new(None);

/// Records `--passphrase-file`, or else `SMALL_WINS_PASSPHRASE_FILE`, for this run.
pub fn configure(passphrase_file: Option<PathBuf>) {
    let file = passphrase_file.or_else(|| {
        std::env::var_os(PASSPHRASE_FILE_VAR)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    let _ = PASSPHRASE_FILE.set(file);
}

/// The file this run reads passphrases from, if any.
pub fn passphrase_file() -> Option<&'static Path> {
    PASSPHRASE_FILE.get().and_then(Option::as_deref)
}

/// Opens the journal at `path`, unlocking it first when it is encrypted.
pub fn open(path: &Path) -> Result<Store> {
    if !crypto::is_encrypted(path)? {
        return Ok(Store::open(path)?);
    }
    let mut unlocked = UNLOCKED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((unlocked_path, master)) = unlocked.as_ref()
        && unlocked_path == path
    {
        return Ok(Store::open_encrypted(path, master)?);
    }
    let master = unlock(path)?;
    let opened = Store::open_encrypted(path, &master);
    // Kept even when the journal turns out damaged: its backups open with the same key.
    *unlocked = Some((path.to_owned(), master));
    Ok(opened?)
}

/// Runs `work` with the master key this run unlocked the journal at `path` with: `None` for a
/// plain journal, or one [`open`] has not unlocked.
pub fn with_key<T>(path: &Path, work: impl FnOnce(Option<&MasterKey>) -> T) -> T {
    let unlocked = UNLOCKED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let key = unlocked
        .as_ref()
        .filter(|(unlocked_path, _)| unlocked_path == path)
        .map(|(_, master)| master);
    work(key)
}

/// The master key of the encrypted journal at `path`: through the keyring slot when it has one
/// and the keyring answers, else through the passphrase file or a prompt.
pub fn unlock(path: &Path) -> Result<MasterKey> {
    let key_file = KeyFile::read(path)?;
    // A keyring that cannot be reached is no reason to fail: the passphrase still opens it.
    if let Ok(Some(master)) = crypto::unlock_with_keyring(&key_file, &crypto::keyring_entry(&key_file)) {
        return Ok(master);
    }
    unlock_with_secret(path, &key_file)
}

/// The master key through the passphrase file, or a passphrase or recovery key typed at a prompt.
pub fn unlock_with_secret(path: &Path, key_file: &KeyFile) -> Result<MasterKey> {
    let secret = match passphrase_file() {
        Some(file) => read_text(file)?,
        None if std::io::stdin().is_terminal() => {
            prompt(&format!("Passphrase (or recovery key) for {}: ", path.display()))?
        }
        None => return Err(CliError::Journal(journal::Error::Locked { path: path.to_owned() })),
    };
    Ok(key_file.unlock_with_secret(secret)?)
}

/// A passphrase that exists already (`what` names it): from `file` when given, else typed on the
/// terminal.
pub fn existing_passphrase(file: Option<&Path>, what: &str) -> Result<Passphrase> {
    match file {
        Some(file) => Ok(Passphrase::new(read_text(file)?)),
        None if std::io::stdin().is_terminal() => Ok(Passphrase::new(prompt(&format!("{what}: "))?)),
        None => Err(CliError::Usage(
            "no passphrase: run this in a terminal, or give the file that holds it",
        )),
    }
}

/// A new passphrase: from `file` when given, else typed twice on the terminal.
pub fn new_passphrase(file: Option<&Path>) -> Result<Passphrase> {
    if let Some(file) = file {
        return Ok(Passphrase::new_to_set(read_text(file)?)?);
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(
            "no new passphrase: run this in a terminal, or give the file that holds it",
        ));
    }
    let first = prompt("New passphrase: ")?;
    let passphrase = Passphrase::new_to_set(first.clone())?;
    if prompt("The same passphrase again: ")? != first {
        return Err(CliError::Failed("the two passphrases differ; nothing was changed"));
    }
    Ok(passphrase)
}

fn prompt(text: &str) -> Result<Zeroizing<String>> {
    rpassword::prompt_password(text).map(Zeroizing::new).map_err(|source| {
        CliError::Journal(journal::Error::Io {
            path: PathBuf::from("/dev/tty"),
            source,
        })
    })
}

/// The text of a passphrase file, read in bounded memory.
fn read_text(file: &Path) -> Result<Zeroizing<String>> {
    let io_error = |source| {
        CliError::Journal(journal::Error::Io {
            path: file.to_owned(),
            source,
        })
    };
    let mut bytes = Zeroizing::new(Vec::new());
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_PASSPHRASE_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_PASSPHRASE_FILE_BYTES {
        return Err(CliError::Journal(journal::Error::Invalid {
            field: "passphrase file",
            message: format!("{} is larger than a passphrase file can be", file.display()),
        }));
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        CliError::Journal(journal::Error::Invalid {
            field: "passphrase file",
            message: format!("{} is not UTF-8 text", file.display()),
        })
    })?;
    Ok(Zeroizing::new(text.to_owned()))
}
