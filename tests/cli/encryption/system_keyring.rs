//! The keyring slot on a real Secret Service (gnome-keyring in a D-Bus session of the test's own)
//! and the login session's cache of its secret in the kernel keyring (a session keyring of the
//! test's own, through `keyctl session`, so the test neither sees nor leaves the runner's keys).

use std::path::PathBuf;
use std::process::Command;

use super::sidecar;
use crate::{Journal, stderr};

/// Runs the shell `script` with gnome-keyring started and unlocked, `$WINS`, `$SECRET` (the
/// passphrase file) and `$HOME` (a folder of the test's own) set; a failing step exits with its
/// own code. Returns `$HOME`.
fn with_gnome_keyring(journal: &Journal, secret: &str, script: &str) -> PathBuf {
    let home = journal.dir.path().join("home");
    std::fs::create_dir(&home).expect("a home for the keyring");
    let script = format!(
        r#"eval "$(printf 'keyring password' | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null || exit 9
        {script}"#
    );
    let mut command = Command::new("dbus-run-session");
    command
        .args(["--", "keyctl", "session", "-", "sh", "-c", &script])
        .env("WINS", env!("CARGO_BIN_EXE_wins"))
        .env("SECRET", secret)
        .env("HOME", &home)
        .env("SMALL_WINS_DB", journal.path())
        .env("TZ", "Europe/Berlin")
        .env("XDG_DATA_HOME", journal.dir.path().join("xdg-unused"))
        .env_remove("XDG_RUNTIME_DIR")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("SMALL_WINS_PASSPHRASE_FILE");
    // A missing tool fails here, loudly: scripts/setup.sh --test installs dbus, gnome-keyring and keyutils.
    let output = command
        .output()
        .expect("dbus-run-session runs (install dbus, gnome-keyring and keyutils)");
    assert!(
        output.status.success(),
        "step {:?} failed: {}",
        output.status.code(),
        stderr(&output)
    );
    home
}

fn entries_listed(home: &std::path::Path, name: &str) -> usize {
    let listing: serde_json::Value =
        serde_json::from_slice(&std::fs::read(home.join(name)).expect("the listing")).expect("JSON");
    listing.as_array().expect("an array").len()
}

#[test]
fn the_system_keyring_unlocks_after_wins_unlock_until_wins_lock() {
    let (journal, secret) = Journal::encrypted(4);
    let home = with_gnome_keyring(
        &journal,
        &secret,
        r#"
        "$WINS" unlock --passphrase-file "$SECRET" || exit 10
        "$WINS" list --json > "$HOME/unlocked.json" || exit 11
        "$WINS" lock || exit 12
        "$WINS" list 2> "$HOME/locked.txt" && exit 13
        exit 0
        "#,
    );
    assert_eq!(
        entries_listed(&home, "unlocked.json"),
        4,
        "the keyring unlocked it with no passphrase"
    );
    let locked = std::fs::read_to_string(home.join("locked.txt")).expect("the refusal");
    assert!(
        locked.contains("is encrypted; unlock it with its passphrase"),
        "{locked}"
    );
    let key_file = std::fs::read_to_string(sidecar(&journal.path(), ".key")).expect("the key file");
    assert!(
        !key_file.contains("keyring"),
        "wins lock removed the keyring slot: {key_file}"
    );
}

/// A Secret Service out of reach: `wins` talks to a bus that is not there.
const NO_SECRET_SERVICE: &str = "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent";

#[test]
fn later_processes_of_the_session_unlock_from_its_cache_a_stale_one_is_replaced_and_wins_lock_clears_it() {
    let (journal, secret) = Journal::encrypted(3);
    let home = with_gnome_keyring(
        &journal,
        &secret,
        &format!(
            r#"
        "$WINS" unlock --passphrase-file "$SECRET" || exit 10
        keyctl show @s > "$HOME/cached.txt" || exit 11
        {NO_SECRET_SERVICE} "$WINS" list --json > "$HOME/from-cache.json" || exit 12
        # Another login session makes the slot again: this session's cached secret is stale now.
        keyctl session - "$WINS" unlock --passphrase-file "$SECRET" > /dev/null 2>&1 || exit 13
        "$WINS" list --json > "$HOME/past-stale.json" || exit 14
        {NO_SECRET_SERVICE} "$WINS" list --json > "$HOME/from-new-cache.json" || exit 15
        "$WINS" lock || exit 16
        keyctl show @s > "$HOME/after-lock.txt" || exit 17
        {NO_SECRET_SERVICE} "$WINS" list 2> "$HOME/locked.txt" && exit 18
        exit 0
        "#
        ),
    );
    let cached = std::fs::read_to_string(home.join("cached.txt")).expect("the session's keys");
    assert_eq!(cached.matches("small-wins:journal ").count(), 1, "{cached}");
    assert_eq!(
        entries_listed(&home, "from-cache.json"),
        3,
        "unlocked from the cache, the Secret Service out of reach"
    );
    assert_eq!(
        entries_listed(&home, "past-stale.json"),
        3,
        "a stale cached secret falls back to the Secret Service"
    );
    assert_eq!(
        entries_listed(&home, "from-new-cache.json"),
        3,
        "the cache holds the new secret"
    );
    let after_lock = std::fs::read_to_string(home.join("after-lock.txt")).expect("the session's keys");
    assert!(
        !after_lock.contains("small-wins"),
        "wins lock cleared the cache: {after_lock}"
    );
    let locked = std::fs::read_to_string(home.join("locked.txt")).expect("the refusal");
    assert!(
        locked.contains("is encrypted; unlock it with its passphrase"),
        "{locked}"
    );
}
