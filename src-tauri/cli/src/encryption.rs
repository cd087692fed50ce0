//! `wins encrypt`, `decrypt`, `passphrase`, `recovery-key`, `lock` and `unlock`: turning encryption
//! at rest on and off, changing the passphrase or the recovery key, and the OS keyring slot that
//! unlocks without typing.

use std::path::Path;

use journal::crypto::{self, KeyFile, RecoveryKey};

use crate::error::{CliError, Result};
use crate::output::Output;
use crate::unlock;

pub fn encrypt(path: &Path, out: &mut Output) -> Result<()> {
    if crypto::is_encrypted(path)? {
        return Err(journal::Error::AlreadyEncrypted { path: path.to_owned() }.into());
    }
    if !path.exists() {
        return Err(CliError::Failed("there is no journal there yet: add an entry first"));
    }
    let passphrase = unlock::new_passphrase(unlock::passphrase_file())?;
    let recovery = crypto::encrypt_journal(path, &passphrase)?;
    out.line(&format!("Encrypted {}.", path.display()))?;
    print_recovery_key(&recovery, out)?;
    out.line("Copies made before now (backups, synced folders) are still plain: delete them yourself.")
}

pub fn recovery_key(path: &Path, out: &mut Output) -> Result<()> {
    let key_file = read_encrypted(path)?;
    // As for a new passphrase: whoever replaces the recovery key must know a secret.
    let master = unlock::unlock_with_secret(path, &key_file)?;
    let recovery = crypto::new_recovery_key(path, &master)?;
    out.line("The old recovery key no longer opens this journal; the passphrase is unchanged.")?;
    print_recovery_key(&recovery, out)
}

fn print_recovery_key(recovery: &RecoveryKey, out: &mut Output) -> Result<()> {
    out.line("Your recovery key (shown this once; keep it apart from the passphrase):")?;
    out.line(&format!("  {}", recovery.display().as_str()))?;
    out.line("Lose both the passphrase and the recovery key and the journal is lost for good.")
}

pub fn decrypt(path: &Path, out: &mut Output) -> Result<()> {
    if !crypto::is_encrypted(path)? {
        return Err(journal::Error::NotEncrypted { path: path.to_owned() }.into());
    }
    let key_file = KeyFile::read(path)?;
    let master = unlock::unlock(path)?;
    crypto::decrypt_journal(path, &master)?;
    // The keyring's secret opened nothing but this journal's key file, which is gone.
    let _ = crypto::keyring_entry(&key_file).delete();
    out.line(&format!(
        "Decrypted {}: it is a plain SQLite file again.",
        path.display()
    ))
}

pub fn passphrase(path: &Path, new_passphrase_file: Option<&Path>, out: &mut Output) -> Result<()> {
    let key_file = read_encrypted(path)?;
    // The current passphrase (or recovery key) is asked for even when the keyring could unlock:
    // whoever changes the passphrase must know a secret.
    let master = unlock::unlock_with_secret(path, &key_file)?;
    let passphrase = unlock::new_passphrase(new_passphrase_file)?;
    crypto::change_passphrase(path, &master, &passphrase)?;
    out.line("Passphrase changed; the recovery key is unchanged.")
}

pub fn unlock_into_keyring(path: &Path, out: &mut Output) -> Result<()> {
    let key_file = read_encrypted(path)?;
    let master = unlock::unlock_with_secret(path, &key_file)?;
    let entry = crypto::keyring_entry(&key_file);
    crypto::remember_in_keyring(path, &master, &entry)?;
    out.line("The system keyring now unlocks this journal; wins lock stops it.")
}

pub fn lock(path: &Path, out: &mut Output) -> Result<()> {
    let key_file = read_encrypted(path)?;
    let entry = crypto::keyring_entry(&key_file);
    crypto::forget_in_keyring(path, &entry)?;
    out.line("The system keyring no longer unlocks this journal; the passphrase is needed again.")
}

fn read_encrypted(path: &Path) -> Result<KeyFile> {
    if !crypto::is_encrypted(path)? {
        return Err(journal::Error::NotEncrypted { path: path.to_owned() }.into());
    }
    Ok(KeyFile::read(path)?)
}
