//! Encryption with the tools around it: Debian's `age`, a terminal.

use std::process::{Command, Stdio};

use super::{CANARY, recovery_key_in, strings};
use crate::{Journal, stderr};

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
    let recovery = recovery_key_in(&shown).to_owned();

    let (ok, shown) = at_terminal(&journal, "list", "typed passphrase\n");
    assert!(ok && shown.contains("Passphrase (or recovery key) for"), "{shown}");
    assert_eq!(shown.matches(CANARY).count(), 2, "{shown}");
    let (ok, shown) = at_terminal(&journal, "search 'Win 1'", &format!("{recovery}\n"));
    assert!(ok && shown.contains(CANARY), "{shown}");
    let (ok, shown) = at_terminal(&journal, "list", "not the passphrase\n");
    assert!(!ok && shown.contains("does not unlock the journal"), "{shown}");
}
