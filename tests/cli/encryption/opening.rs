//! How many times a command opens the journal: every SQLite connection to an encrypted journal
//! sets up SQLCipher's key and decrypts the pages it reads again, so `wins` opens it once, as it
//! does a plain journal. Counted by the kernel (inotify), not timed.

use std::mem::MaybeUninit;

use rustix::fs::inotify;

use crate::Journal;

/// How many SQLite connections running `wins args` made to the journal: each opens its `-wal`.
fn connections_made(journal: &Journal, args: &[&str]) -> usize {
    let watcher =
        inotify::init(inotify::CreateFlags::NONBLOCK | inotify::CreateFlags::CLOEXEC).expect("an inotify instance");
    inotify::add_watch(&watcher, journal.dir.path(), inotify::WatchFlags::OPEN).expect("the folder is watched");
    journal.ok(args);
    let wal = format!(
        "{}-wal",
        journal.path().file_name().expect("a file name").to_string_lossy()
    );
    let mut buffer = [MaybeUninit::uninit(); 4096];
    let mut events = inotify::Reader::new(&watcher, &mut buffer);
    let mut made = 0;
    loop {
        match events.next() {
            Err(rustix::io::Errno::WOULDBLOCK) => return made,
            Err(error) => panic!("reading the folder's events failed: {error}"),
            Ok(event) => made += usize::from(event.file_name().is_some_and(|name| name.to_bytes() == wal.as_bytes())),
        }
    }
}

#[test]
fn a_command_opens_an_encrypted_journal_once_as_it_does_a_plain_one() {
    let (encrypted, secret) = Journal::encrypted(3);
    let plain = Journal::with_canaries(3);
    for args in [&["list"][..], &["search", "win"], &["list", "--tag", "nothing"]] {
        let with_secret = [args, &["--passphrase-file", &secret]].concat();
        // The first open after `wins encrypt` switches the journal back to write-ahead logging.
        encrypted.ok(&with_secret);
        assert_eq!(connections_made(&encrypted, &with_secret), 1, "{args:?}");
        assert_eq!(connections_made(&plain, args), 1, "{args:?}");
    }
}
