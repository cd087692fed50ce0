//! The keyring slot's secret cached for the login session in the Linux kernel keyring (keyutils),
//! so that a `wins` process after the first does not pay the Secret Service's D-Bus key exchange
//! and round trips (17–19 ms a process) for it.
//!
//! What is cached is the slot's wrap secret, never the master key: it opens nothing without the
//! key file's keyring slot, so `wins lock` (which removes the slot) disarms every copy of it, in
//! this session or another. The key lives in the session keyring only (not the user's persistent
//! keyring, which outlives the login by days), readable only by processes that possess it — this
//! login's — and expires [`LIFETIME_SECONDS`] after the Secret Service gave it, so a Secret
//! Service locked meanwhile is asked again soon. The cache is an optimisation only: any failure
//! (no kernel keyrings, a container's seccomp filter) is a miss, never an error.

use zeroize::Zeroizing;

use super::KEY_LEN;

/// How long a cached secret lives: the window's default idle lock.
const LIFETIME_SECONDS: usize = 10 * 60;

/// The session keyring's entry for one journal's keyring slot secret.
pub(super) struct SessionCache {
    description: String,
}

impl SessionCache {
    /// The entry for the journal named `journal_id` (its key file's journal salt).
    pub(super) fn for_journal(journal_id: &str) -> SessionCache {
        SessionCache {
            description: format!("small-wins:journal {journal_id}"),
        }
    }

    /// The cached secret, if this session has one.
    pub(super) fn get(&self) -> Option<Zeroizing<[u8; KEY_LEN]>> {
        imp::get(&self.description)
    }

    /// Caches `secret` for this session (replacing an older one), for [`LIFETIME_SECONDS`].
    pub(super) fn put(&self, secret: &[u8]) {
        imp::put(&self.description, secret);
    }

    /// Removes the cached secret from this session, if there is one.
    pub(super) fn clear(&self) {
        imp::clear(&self.description);
    }
}

#[cfg(target_os = "linux")]
mod imp {
    use linux_keyutils::{Key, KeyRing, KeyRingIdentifier};
    use zeroize::Zeroizing;

    use super::{KEY_LEN, LIFETIME_SECONDS};

    /// The session keyring (a process that has none gets the user's session keyring, as the kernel
    /// gives it; none is created).
    fn session() -> Option<KeyRing> {
        KeyRing::from_special_id(KeyRingIdentifier::Session, false).ok()
    }

    fn find(description: &str) -> Option<Key> {
        session()?.search(description).ok()
    }

    pub(super) fn get(description: &str) -> Option<Zeroizing<[u8; KEY_LEN]>> {
        let key = find(description)?;
        let mut secret = Zeroizing::new([0u8; KEY_LEN]);
        // A payload of another length is not a secret this module wrote.
        (key.read(&mut *secret).ok()? == KEY_LEN).then_some(secret)
    }

    pub(super) fn put(description: &str, secret: &[u8]) {
        let Some(session) = session() else { return };
        if let Ok(key) = session.add_key(description, secret)
            && key.set_timeout(LIFETIME_SECONDS).is_err()
        {
            // A secret that would not expire is not kept.
            let _ = key.invalidate();
        }
    }

    pub(super) fn clear(description: &str) {
        // Invalidated, the key leaves every keyring at once and its payload is wiped.
        if let Some(key) = find(description) {
            let _ = key.invalidate();
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use zeroize::Zeroizing;

    use super::KEY_LEN;

    pub(super) fn get(_description: &str) -> Option<Zeroizing<[u8; KEY_LEN]>> {
        None
    }

    pub(super) fn put(_description: &str, _secret: &[u8]) {}

    pub(super) fn clear(_description: &str) {}
}
