//! The keys that wrap a secret in a slot, and the labels a slot's seal is bound to: derived alike
//! for the journal's key file and for a sync folder's keys, so both unlock the same way.

use zeroize::Zeroizing;

use super::{Argon2Cost, KEY_LEN, Passphrase, RecoveryKey};
use crate::{Error, Result};

pub(crate) fn slot_label(kind: &str, parameters: &[u8]) -> Vec<u8> {
    let mut label = kind.as_bytes().to_vec();
    label.push(0);
    label.extend_from_slice(parameters);
    label
}

pub(crate) fn passphrase_label(cost: Argon2Cost, salt: &[u8]) -> Vec<u8> {
    let mut parameters = Vec::new();
    for number in [cost.memory_kib, cost.passes, cost.lanes] {
        parameters.extend_from_slice(&number.to_le_bytes());
    }
    parameters.extend_from_slice(salt);
    slot_label("passphrase", &parameters)
}

/// Argon2id over the passphrase: the slow step that makes guessing expensive.
pub(crate) fn passphrase_wrap_key(
    passphrase: &Passphrase,
    salt: &[u8],
    cost: Argon2Cost,
) -> Result<Zeroizing<[u8; KEY_LEN]>> {
    let params = argon2::Params::new(cost.memory_kib, cost.passes, cost.lanes, Some(KEY_LEN))
        .map_err(|_| Error::Crypto("the key file's Argon2id parameters are out of range"))?;
    let argon2 = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    argon2
        .hash_password_into(passphrase.bytes(), salt, key.as_mut())
        .map_err(|_| Error::Crypto("could not derive a key from the passphrase"))?;
    Ok(key)
}

/// The recovery key has 256 random bits already: a hash, not a slow KDF, makes its wrap key.
pub(crate) fn recovery_wrap_key(recovery: &RecoveryKey) -> Zeroizing<[u8; KEY_LEN]> {
    super::derive(recovery.bytes(), b"small-wins recovery slot v1")
}
