//! A kill -9 at any moment of `wins encrypt`, `decrypt` or `passphrase` leaves a whole journal that
//! opens with the old or the new secret.

use std::collections::BTreeMap;
use std::io::Read;
use std::process::Stdio;
use std::time::Instant;

use super::{CANARY, NEW_PASSPHRASE, PASSPHRASE};
use crate::Journal;

const KILLS: usize = 30;

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
