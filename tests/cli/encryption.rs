//! `wins encrypt`, `decrypt`, `passphrase`, `lock` and `unlock` on real files: what an encrypted
//! journal shows to other tools, what is refused untouched, and what a kill -9 leaves.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{Journal, exists, stderr};

const CANARY: &str = "quetzalcanary";
const PASSPHRASE: &str = "correct horse battery staple";
const NEW_PASSPHRASE: &str = "a whole new passphrase";
const KILLS: usize = 30;

impl Journal {
    /// A file beside the journal holding `secret`, as a script or test gives a passphrase.
    fn secret_file(&self, name: &str, secret: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, format!("{secret}\n")).expect("the secret file is written");
        path.display().to_string()
    }

    /// A journal with `entries` entries, each holding the canary word, brought in by `wins import`.
    fn with_canaries(entries: usize) -> Journal {
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

    fn encrypted(entries: usize) -> (Journal, String) {
        let journal = Journal::with_canaries(entries);
        let secret = journal.secret_file("passphrase", PASSPHRASE);
        journal.ok(&["encrypt", "--passphrase-file", &secret]);
        (journal, secret)
    }

    /// How many entries `wins list` shows, given `secret` when the journal asks for one.
    fn entry_count(&self, secret: &str) -> usize {
        self.json(&["list", "-n", "100000", "--passphrase-file", secret])
            .as_array()
            .expect("an array")
            .len()
    }

    /// Every file in the journal's folder (the secret files aside) with its bytes.
    fn folder(&self) -> BTreeMap<PathBuf, Vec<u8>> {
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

    fn is_plain(&self) -> bool {
        self.bytes().starts_with(b"SQLite format 3\0")
    }
}

/// The printable runs of four or more characters in `bytes`, as `strings` finds them.
fn strings(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|b| !(b.is_ascii_graphic() || *b == b' '))
        .filter(|run| run.len() >= 4)
        .map(|run| String::from_utf8_lossy(run).into_owned())
        .collect()
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
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
    let recovery = printed
        .lines()
        .map(str::trim)
        .find(|line| line.len() == 71 && line.matches('-').count() == 7)
        .unwrap_or_else(|| panic!("no recovery key printed: {printed}"));

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

/// Starts `wins args`, kills it with SIGKILL at a random moment within `window`, and reaps it.
fn kill_during(journal: &Journal, args: &[&str], window: std::time::Duration, rng: &mut fastrand::Rng) -> bool {
    let mut child = journal
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("wins starts");
    std::thread::sleep(window.mul_f64(rng.f64()));
    let _ = child.kill();
    let status = child.wait().expect("wins is reaped");
    let mut stdout = String::new();
    let _ = child.stdout.take().expect("piped").read_to_string(&mut stdout);
    status.success()
}

/// How long `wins args` takes here, so that kills land before, during and after its work.
fn timed(journal: &Journal, args: &[&str]) -> std::time::Duration {
    let started = Instant::now();
    journal.ok(args);
    started.elapsed().mul_f64(1.3)
}

#[test]
fn a_kill_at_any_moment_of_encrypt_or_decrypt_leaves_a_whole_journal() {
    let entries = 300;
    let journal = Journal::with_canaries(entries);
    let secret = journal.secret_file("passphrase", PASSPHRASE);
    let encrypt = ["encrypt", "--passphrase-file", &secret];
    let decrypt = ["decrypt", "--passphrase-file", &secret];
    let encrypt_window = timed(&journal, &encrypt);
    let decrypt_window = timed(&journal, &decrypt);
    let mut rng = fastrand::Rng::with_seed(0x0c1f);
    let mut outcomes = BTreeMap::new();
    // Encrypt and decrypt take turns: a killed one is finished by a clean run before the next.
    for attempt in 0..KILLS * 2 {
        let encrypting = attempt % 2 == 0;
        assert_eq!(
            journal.is_plain(),
            encrypting,
            "attempt {attempt} starts from the other kind"
        );
        let (args, window) = if encrypting {
            (&encrypt, encrypt_window)
        } else {
            (&decrypt, decrypt_window)
        };
        kill_during(&journal, args, window, &mut rng);
        // Whatever the moment: the old journal or the complete new one, every entry in it.
        assert_eq!(journal.entry_count(&secret), entries, "attempt {attempt}");
        let finished = journal.is_plain() != encrypting;
        *outcomes
            .entry((if encrypting { "encrypt" } else { "decrypt" }, finished))
            .or_insert(0) += 1;
        if !finished {
            journal.ok(args);
        }
    }
    eprintln!("(command, finished before the kill) → kills: {outcomes:?}");
    let search = journal.json(&["search", CANARY, "-n", "1000"]);
    assert_eq!(search.as_array().expect("an array").len(), entries);
    // The clean runs left nothing of the killed ones behind.
    journal.ok(&encrypt);
    let names: Vec<String> = journal
        .folder()
        .into_keys()
        .map(|path| path.file_name().expect("a name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["journal.sqlite3", "journal.sqlite3.key"]);
}

#[test]
fn a_kill_at_any_moment_of_a_passphrase_change_leaves_the_old_or_the_new_passphrase() {
    let (journal, old_secret) = Journal::encrypted(10);
    let new_secret = journal.secret_file("passphrase-new", NEW_PASSPHRASE);
    let to_new = [
        "passphrase",
        "--passphrase-file",
        &old_secret,
        "--new-passphrase-file",
        &new_secret,
    ];
    let to_old = [
        "passphrase",
        "--passphrase-file",
        &new_secret,
        "--new-passphrase-file",
        &old_secret,
    ];
    let window = timed(&journal, &to_new);
    let mut current = &new_secret;
    let mut rng = fastrand::Rng::with_seed(0xbeef);
    for attempt in 0..KILLS {
        let args = if current == &new_secret { &to_old } else { &to_new };
        kill_during(&journal, args, window, &mut rng);
        let opens = |secret: &String| journal.run(&["list", "--passphrase-file", secret]).status.success();
        match (opens(&old_secret), opens(&new_secret)) {
            (true, false) => current = &old_secret,
            (false, true) => current = &new_secret,
            other => panic!("attempt {attempt}: old and new passphrase open it: {other:?}"),
        }
        assert_eq!(journal.entry_count(current), 10, "attempt {attempt}");
    }
}

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
