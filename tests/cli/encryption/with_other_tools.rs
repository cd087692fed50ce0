//! Encryption with the tools around it: a real gnome-keyring, Debian's `age`, a terminal.

use std::process::{Command, Stdio};

use super::{CANARY, sidecar, strings};
use crate::{Journal, stderr};

/// The keyring slot on a real Secret Service: gnome-keyring in a D-Bus session of the test's own.
#[test]
fn the_system_keyring_unlocks_after_wins_unlock_until_wins_lock() {
    let (journal, secret) = Journal::encrypted(4);
    let home = journal.dir.path().join("home");
    std::fs::create_dir(&home).expect("a home for the keyring");
    let script = r#"
        eval "$(printf 'keyring password' | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null || exit 9
        "$WINS" unlock --passphrase-file "$SECRET" || exit 10
        "$WINS" list --json > "$HOME/unlocked.json" || exit 11
        "$WINS" lock || exit 12
        "$WINS" list 2> "$HOME/locked.txt" && exit 13
        exit 0
    "#;
    let mut command = Command::new("dbus-run-session");
    command
        .args(["--", "sh", "-c", script])
        .env("WINS", env!("CARGO_BIN_EXE_wins"))
        .env("SECRET", &secret)
        .env("HOME", &home)
        .env("SMALL_WINS_DB", journal.path())
        .env("TZ", "Europe/Berlin")
        .env("XDG_DATA_HOME", journal.dir.path().join("xdg-unused"))
        .env_remove("XDG_RUNTIME_DIR")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("SMALL_WINS_PASSPHRASE_FILE");
    // A missing dbus-run-session or gnome-keyring fails here, loudly: scripts/setup.sh --test installs them.
    let output = command
        .output()
        .expect("dbus-run-session runs (install dbus and gnome-keyring)");
    assert!(
        output.status.success(),
        "step {:?} failed: {}",
        output.status.code(),
        stderr(&output)
    );
    let unlocked: serde_json::Value =
        serde_json::from_slice(&std::fs::read(home.join("unlocked.json")).expect("the listing")).expect("JSON");
    assert_eq!(
        unlocked.as_array().expect("an array").len(),
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

/// Runs Debian's `age -d` on `sealed` with `passphrase` typed at its prompt (through `script`,
/// as age reads passphrases from a terminal only); returns what it wrote, if it succeeded.
fn age_decrypt(journal: &Journal, sealed: &str, passphrase: &str) -> Option<String> {
    let opened = journal.dir.path().join("opened.json");
    let _ = std::fs::remove_file(&opened);
    let mut child = Command::new("script")
        .args([
            "-qec",
            &format!("age -d -o '{}' '{sealed}'", opened.display()),
            "/dev/null",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("script (bsdutils) runs");
    std::io::Write::write_all(
        &mut child.stdin.take().expect("piped"),
        format!("{passphrase}\n").as_bytes(),
    )
    .expect("the passphrase is typed");
    let status = child.wait().expect("age finishes");
    status
        .success()
        .then(|| std::fs::read_to_string(&opened).expect("age wrote the file"))
}

#[test]
fn an_encrypted_export_is_read_by_the_age_tool_and_a_plain_one_says_it_is_plain() {
    let (journal, secret) = Journal::encrypted(7);
    let export_secret = journal.secret_file("passphrase-export", "the export passphrase");
    let sealed = journal.dir.path().join("journal.json.age").display().to_string();
    let exported = journal.run(&[
        "export",
        "--format",
        "json",
        "--out",
        &sealed,
        "--encrypt",
        "--encrypt-passphrase-file",
        &export_secret,
        "--passphrase-file",
        &secret,
    ]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    assert!(stderr(&exported).is_empty(), "{}", stderr(&exported));
    let bytes = std::fs::read(&sealed).expect("the export");
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    assert!(!strings(&bytes).iter().any(|s| s.contains(CANARY)));

    assert!(age_decrypt(&journal, &sealed, "not the export passphrase").is_none());
    let opened = age_decrypt(&journal, &sealed, "the export passphrase").expect("age opens it");
    let archive: serde_json::Value = serde_json::from_str(&opened).expect("the JSON export");
    assert_eq!(archive["entries"].as_array().expect("entries").len(), 7);

    let plain = journal.dir.path().join("journal.json").display().to_string();
    let exported = journal.run(&[
        "export",
        "--format",
        "json",
        "--out",
        &plain,
        "--passphrase-file",
        &secret,
    ]);
    assert!(exported.status.success());
    assert!(
        stderr(&exported).contains("this export is plain text"),
        "{}",
        stderr(&exported)
    );
}

/// Runs `wins args` under a pseudo-terminal (util-linux `script`) with `typed` as what a person
/// types at its prompts; returns whether it succeeded and what the terminal showed.
fn at_terminal(journal: &Journal, args: &str, typed: &str) -> (bool, String) {
    let mut child = Command::new("script")
        .args([
            "--quiet",
            "--return",
            "--command",
            &format!("{} {args}", env!("CARGO_BIN_EXE_wins")),
            "/dev/null",
        ])
        .env("SMALL_WINS_DB", journal.path())
        .env("TZ", "Europe/Berlin")
        .env_remove("SMALL_WINS_PASSPHRASE_FILE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("util-linux `script` runs (apt-get install bsdutils)");
    std::io::Write::write_all(&mut child.stdin.take().expect("piped"), typed.as_bytes()).expect("typed");
    let output = child.wait_with_output().expect("wins finishes");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn at_a_terminal_encrypt_asks_twice_and_every_command_asks_for_the_passphrase_or_recovery_key() {
    let journal = Journal::with_canaries(2);
    let (ok, shown) = at_terminal(&journal, "encrypt", "first passphrase\nsecond passphrase\n");
    assert!(!ok && shown.contains("the two passphrases differ"), "{shown}");
    assert!(journal.is_plain());

    let (ok, shown) = at_terminal(&journal, "encrypt", "typed passphrase\ntyped passphrase\n");
    assert!(ok, "{shown}");
    assert!(
        shown.contains("New passphrase:") && shown.contains("The same passphrase again:"),
        "{shown}"
    );
    assert!(!journal.is_plain());
    let recovery = shown
        .split_whitespace()
        .find(|word| word.len() == 71 && word.matches('-').count() == 7)
        .unwrap_or_else(|| panic!("no recovery key shown: {shown}"))
        .to_owned();

    let (ok, shown) = at_terminal(&journal, "list", "typed passphrase\n");
    assert!(ok && shown.contains("Passphrase (or recovery key) for"), "{shown}");
    assert_eq!(shown.matches(CANARY).count(), 2, "{shown}");
    let (ok, shown) = at_terminal(&journal, "search 'Win 1'", &format!("{recovery}\n"));
    assert!(ok && shown.contains(CANARY), "{shown}");
    let (ok, shown) = at_terminal(&journal, "list", "not the passphrase\n");
    assert!(!ok && shown.contains("does not unlock the journal"), "{shown}");
}
