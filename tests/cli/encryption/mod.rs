//! `wins encrypt`, `decrypt`, `passphrase`, `recovery-key`, `lock` and `unlock` on real files: what an encrypted
//! journal shows to other tools, and what is refused untouched.

mod backups;
mod kills;
mod opening;
mod system_keyring;
mod with_other_tools;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Journal, exists, stderr};

pub(crate) const CANARY: &str = "quetzalcanary";
pub(crate) const PASSPHRASE: &str = "correct horse battery staple";
pub(crate) const NEW_PASSPHRASE: &str = "a whole new passphrase";

impl Journal {
    /// A file beside the journal holding `secret`, as a script or test gives a passphrase.
    pub(crate) fn secret_file(&self, name: &str, secret: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, format!("{secret}\n")).expect("the secret file is written");
        path.display().to_string()
    }

    /// A journal with `entries` entries, each holding the canary word, brought in by `wins import`.
    pub(crate) fn with_canaries(entries: usize) -> Journal {
        let journal = Journal::empty();
        let text: String = (0..entries)
            .map(|n| {
                format!(
                    "[2025-01-{:02} {:02}:{:02}] Win {n} with the {CANARY}\nWhat went well, {n} times over.\n\n",
                    n % 28 + 1,
                    n / 60 % 24,
                    n % 60
                )
            })
            .collect();
        let source = journal.dir.path().join("seed.txt");
        std::fs::write(&source, text).expect("the seed is written");
        journal.ok(&["import", &source.display().to_string(), "--from", "jrnl"]);
        std::fs::remove_file(source).expect("the seed is removed");
        journal
    }

    pub(crate) fn encrypted(entries: usize) -> (Journal, String) {
        let journal = Journal::with_canaries(entries);
        let secret = journal.secret_file("passphrase", PASSPHRASE);
        journal.ok(&["encrypt", "--passphrase-file", &secret]);
        (journal, secret)
    }

    /// How many entries `wins list` shows, given `secret` when the journal asks for one.
    pub(crate) fn entry_count(&self, secret: &str) -> usize {
        self.json(&["list", "-n", "100000", "--passphrase-file", secret])
            .as_array()
            .expect("an array")
            .len()
    }

    /// Every file in the journal's folder (the secret files aside) with its bytes.
    pub(crate) fn folder(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        std::fs::read_dir(self.dir.path())
            .expect("the folder is readable")
            .map(|entry| entry.expect("an entry").path())
            .filter(|path| !path.to_string_lossy().contains("passphrase"))
            .map(|path| {
                let bytes = std::fs::read(&path).expect("the file is readable");
                (path, bytes)
            })
            .collect()
    }

    pub(crate) fn is_plain(&self) -> bool {
        self.bytes().starts_with(b"SQLite format 3\0")
    }
}

/// The printable runs of four or more characters in `bytes`, as `strings` finds them.
pub(crate) fn strings(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|b| !(b.is_ascii_graphic() || *b == b' '))
        .filter(|run| run.len() >= 4)
        .map(|run| String::from_utf8_lossy(run).into_owned())
        .collect()
}

/// The recovery key `wins encrypt` or `wins recovery-key` printed: eight groups of eight characters.
pub(crate) fn recovery_key_in(printed: &str) -> &str {
    printed
        .split_whitespace()
        .find(|word| word.len() == 71 && word.matches('-').count() == 7)
        .unwrap_or_else(|| panic!("no recovery key printed: {printed}"))
}

pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[test]
fn an_encrypted_journal_shows_no_canary_and_no_database_yet_search_finds_every_one() {
    let journal = Journal::with_canaries(1000);
    assert!(
        strings(&journal.bytes()).iter().any(|s| s.contains(CANARY)),
        "the test can see the canary"
    );
    let secret = journal.secret_file("passphrase", PASSPHRASE);
    let printed = journal.ok(&["encrypt", "--passphrase-file", &secret]);
    let recovery = recovery_key_in(&printed);

    for file in [journal.path(), sidecar(&journal.path(), "-wal")] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(
            !strings(&bytes).iter().any(|s| s.contains(CANARY)),
            "{} shows the canary",
            file.display()
        );
        assert!(!strings(&bytes).iter().any(|s| s.contains("CREATE TABLE")));
    }
    let file = Command::new("file").arg(journal.path()).output().expect("file runs");
    let verdict = String::from_utf8_lossy(&file.stdout);
    assert!(file.status.success() && !verdict.contains("SQLite"), "{verdict}");
    let sqlite = Command::new("sqlite3")
        .arg(journal.path())
        .arg("SELECT count(*) FROM entries")
        .output()
        .expect("Debian's sqlite3 runs");
    assert!(
        !sqlite.status.success(),
        "sqlite3 read it: {}",
        String::from_utf8_lossy(&sqlite.stdout)
    );
    assert!(stderr(&sqlite).contains("not a database"), "{}", stderr(&sqlite));

    let hits = journal.json(&["search", CANARY, "-n", "2000", "--passphrase-file", &secret]);
    assert_eq!(hits.as_array().expect("an array").len(), 1000);
    // SMALL_WINS_PASSPHRASE_FILE names the file for scripts, too.
    let found = journal
        .command(&["search", "\"Win 999\"", "--json"])
        .env("SMALL_WINS_PASSPHRASE_FILE", &secret)
        .output()
        .expect("wins runs");
    assert!(found.status.success(), "{}", stderr(&found));
    // The recovery key opens it as well as the passphrase does (here from a file, as a script would).
    let recovery_file = journal.secret_file("passphrase-recovery", recovery);
    assert_eq!(journal.entry_count(&recovery_file), 1000);
    // After another write through wins, the -wal still holds nothing readable.
    journal.ok(&["add", &format!("Late {CANARY} win"), "--passphrase-file", &secret]);
    let wal = std::fs::read(sidecar(&journal.path(), "-wal")).unwrap_or_default();
    assert!(!strings(&wal).iter().any(|s| s.contains(CANARY)));
}

#[test]
fn without_a_passphrase_an_encrypted_journal_says_so_in_one_line_and_is_untouched() {
    let (journal, _secret) = Journal::encrypted(3);
    let before = journal.folder();
    let output = journal.run(&["list"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output).trim(),
        format!(
            "wins: {} is encrypted; unlock it with its passphrase",
            journal.path().display()
        )
    );
    assert_eq!(journal.folder(), before);
}

#[test]
fn a_wrong_passphrase_or_a_damaged_or_foreign_key_file_changes_no_byte() {
    let (journal, secret) = Journal::encrypted(3);
    let (other, _other_secret) = Journal::encrypted(1);
    let wrong = journal.secret_file("passphrase-wrong", "not the passphrase at all");
    let key_file = sidecar(&journal.path(), ".key");
    let original_key = std::fs::read(&key_file).expect("a key file");

    let mut damaged = original_key.clone();
    let middle = damaged.len() / 2;
    damaged[middle] = if damaged[middle] == b'0' { b'1' } else { b'0' };
    let cases: [(&str, Vec<u8>, &str, &str); 4] = [
        (
            "wrong passphrase",
            original_key.clone(),
            &wrong,
            "does not unlock the journal",
        ),
        ("damaged key file", damaged, &secret, ""),
        (
            "foreign key file",
            std::fs::read(sidecar(&other.path(), ".key")).expect("the other key file"),
            &secret,
            "belongs to another journal",
        ),
        ("not a key file", b"{\"format\":1}".to_vec(), &secret, "is damaged"),
    ];
    for (case, key, secret, message) in cases {
        std::fs::write(&key_file, &key).expect("the key file is written");
        let before = journal.folder();
        for args in [
            vec!["list", "--passphrase-file", secret],
            vec!["add", "Not written", "--passphrase-file", secret],
            vec!["decrypt", "--passphrase-file", secret],
        ] {
            let output = journal.run(&args);
            assert_eq!(output.status.code(), Some(1), "{case}: {args:?}");
            let line = stderr(&output);
            assert_eq!(line.lines().count(), 1, "{case}: {line}");
            assert!(line.contains(message), "{case}: {line}");
            assert_eq!(journal.folder(), before, "{case}: {args:?} changed the folder");
        }
    }
    std::fs::remove_file(&key_file).expect("the key file is removed");
    let before = journal.folder();
    let output = journal.run(&["list", "--passphrase-file", &secret]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not a Small Wins journal"),
        "{}",
        stderr(&output)
    );
    assert_eq!(journal.folder(), before);
}

#[test]
fn a_new_passphrase_replaces_the_old_and_decrypt_gives_a_plain_journal_back() {
    let (journal, secret) = Journal::encrypted(5);
    let new_secret = journal.secret_file("passphrase-new", NEW_PASSPHRASE);
    let encrypted_bytes = journal.bytes();
    let short = journal.secret_file("passphrase-short", "short");
    let refused = journal.run(&[
        "passphrase",
        "--passphrase-file",
        &secret,
        "--new-passphrase-file",
        &short,
    ]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    journal.ok(&[
        "passphrase",
        "--passphrase-file",
        &secret,
        "--new-passphrase-file",
        &new_secret,
    ]);
    assert_eq!(journal.bytes(), encrypted_bytes, "only the key file is rewritten");
    assert_eq!(
        journal.run(&["list", "--passphrase-file", &secret]).status.code(),
        Some(1)
    );
    assert_eq!(journal.entry_count(&new_secret), 5);

    journal.ok(&["decrypt", "--passphrase-file", &new_secret]);
    assert!(journal.is_plain());
    assert!(!exists(&sidecar(&journal.path(), ".key")));
    assert_eq!(journal.texts(&["-n", "100"]).len(), 5);
    let decrypted_again = journal.run(&["decrypt"]);
    assert_eq!(decrypted_again.status.code(), Some(1));
    assert!(stderr(&decrypted_again).contains("is not encrypted"));
}

#[test]
fn a_new_recovery_key_replaces_the_old_one_and_a_wrong_secret_changes_no_byte() {
    let journal = Journal::with_canaries(3);
    let secret = journal.secret_file("passphrase", PASSPHRASE);
    let first = recovery_key_in(&journal.ok(&["encrypt", "--passphrase-file", &secret])).to_owned();
    let old_recovery = journal.secret_file("passphrase-recovery-old", &first);
    let before = journal.folder();

    let wrong = journal.secret_file("passphrase-wrong", "not the passphrase at all");
    let refused = journal.run(&["recovery-key", "--passphrase-file", &wrong]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert_eq!(stderr(&refused).lines().count(), 1, "{}", stderr(&refused));
    assert_eq!(journal.folder(), before, "a wrong secret changes nothing");

    let printed = journal.ok(&["recovery-key", "--passphrase-file", &secret]);
    assert!(
        printed.contains("The old recovery key no longer opens this journal"),
        "{printed}"
    );
    let second = recovery_key_in(&printed);
    assert_ne!(second, first);
    assert_eq!(
        journal.bytes(),
        before[&journal.path()],
        "only the key file is rewritten"
    );
    let new_recovery = journal.secret_file("passphrase-recovery-new", second);
    assert_eq!(journal.entry_count(&new_recovery), 3);
    assert_eq!(journal.entry_count(&secret), 3);
    let old_refused = journal.run(&["list", "--passphrase-file", &old_recovery]);
    assert_eq!(old_refused.status.code(), Some(1), "the old recovery key opens nothing");
}

#[test]
fn encrypt_waits_for_no_one_and_changes_nothing_while_another_program_has_the_journal_open() {
    let journal = Journal::with_canaries(3);
    let secret = journal.secret_file("passphrase", PASSPHRASE);
    let before = journal.bytes();
    // The app, say: a connection in WAL mode with a read under way. (This process must not open
    // the journal's file again until it is closed: closing any descriptor of a file drops every
    // POSIX lock this process holds on it, the connection's too.)
    let other = rusqlite::Connection::open(journal.path()).expect("the journal opens");
    let reading = other.unchecked_transaction().expect("a read transaction");
    let count: i64 = reading
        .query_row("SELECT count(*) FROM entries", [], |row| row.get(0))
        .expect("a count");
    assert_eq!(count, 3);
    let output = journal.run(&["encrypt", "--passphrase-file", &secret]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is in use: close Small Wins"),
        "{}",
        stderr(&output)
    );
    assert!(!exists(&sidecar(&journal.path(), ".key")));
    assert!(
        exists(&sidecar(&journal.path(), "-wal")),
        "the other program's -wal is left alone"
    );
    drop(reading);
    drop(other);
    assert_eq!(journal.bytes(), before);
    journal.ok(&["encrypt", "--passphrase-file", &secret]);
    assert!(!journal.is_plain());
}
