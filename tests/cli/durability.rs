//! An id that `wins add` printed survives a SIGKILL of the process at any moment.

use std::io::Read;
use std::process::Stdio;
use std::thread;
use std::time::Instant;

use crate::Journal;

const KILLS: usize = 40;

#[test]
fn every_printed_id_survives_sigkill_at_random_moments() {
    let journal = Journal::empty();
    journal.add(&["Seed entry so the schema exists"]);
    // How long one add takes here, so kills land before, during and after the write.
    let started = Instant::now();
    journal.add(&["Timing run"]);
    let window = started.elapsed().mul_f64(1.5);

    let mut rng = fastrand::Rng::with_seed(0x5eed);
    let (mut printed, mut killed_early) = (Vec::new(), 0);
    for attempt in 0..KILLS {
        let mut child = journal
            .command(&["add", &format!("Entry number {attempt} #durability"), "--mood", "3"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("wins starts");
        thread::sleep(window.mul_f64(rng.f64()));
        // SIGKILL: no destructors, no flushing, no chance to clean up.
        let _ = child.kill();
        let status = child.wait().expect("wins is reaped");
        let mut stdout = String::new();
        child
            .stdout
            .take()
            .expect("piped")
            .read_to_string(&mut stdout)
            .expect("stdout");
        match stdout.trim() {
            id if id.len() == 36 => printed.push(id.to_owned()),
            _ => killed_early += usize::from(!status.success()),
        }
    }
    eprintln!(
        "{} ids printed, {killed_early} processes killed before printing",
        printed.len()
    );

    let conn = rusqlite::Connection::open(journal.path()).expect("the journal opens");
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let fts: rusqlite::Result<()> =
        conn.execute_batch("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)");
    assert!(fts.is_ok(), "the search index is out of step: {fts:?}");
    drop(conn);
    for id in &printed {
        assert_eq!(
            journal.json(&["show", id])["id"],
            id.as_str(),
            "printed id {id} was lost"
        );
    }
    let listed = journal.json(&["list", "-n", "1000"]);
    assert!(listed.as_array().unwrap().len() >= printed.len() + 2);
}
