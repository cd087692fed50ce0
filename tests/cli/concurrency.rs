//! Several `wins` processes writing one journal at once: every write waits its turn and succeeds.

use std::process::{Child, Stdio};
use std::thread;

use crate::{Journal, stderr};

/// Runs `writers` loops of `adds` sequential `wins add` processes side by side; returns the
/// failures each writer saw.
fn concurrent_adds(journal: &Journal, writers: usize, adds: usize) -> Vec<String> {
    thread::scope(|scope| {
        let loops: Vec<_> = (0..writers)
            .map(|writer| {
                scope.spawn(move || {
                    (0..adds)
                        .filter_map(|i| {
                            let output = journal.run(&["add", &format!("writer {writer} entry {i}")]);
                            (!output.status.success()).then(|| stderr(&output))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        loops.into_iter().flat_map(|handle| handle.join().unwrap()).collect()
    })
}

#[test]
fn two_writers_adding_at_once_never_fail() {
    let journal = Journal::empty();
    journal.add(&["Baseline entry"]);
    let failures = concurrent_adds(&journal, 2, 40);
    assert!(
        failures.is_empty(),
        "{} adds failed, e.g. {}",
        failures.len(),
        failures[0]
    );
    assert_eq!(journal.texts(&["-n", "100"]).len(), 81);
}

#[test]
fn four_writers_adding_at_once_never_fail() {
    let journal = Journal::empty();
    journal.add(&["Baseline entry"]);
    let failures = concurrent_adds(&journal, 4, 25);
    assert!(
        failures.is_empty(),
        "{} adds failed, e.g. {}",
        failures.len(),
        failures[0]
    );
    let texts = journal.texts(&["-n", "200"]);
    for writer in 0..4 {
        for i in 0..25 {
            assert!(
                texts.contains(&format!("writer {writer} entry {i}")),
                "writer {writer} entry {i} is missing"
            );
        }
    }
}

#[test]
fn readers_and_writers_of_other_records_at_once_never_fail() {
    let journal = Journal::empty();
    journal.add(&["Baseline entry"]);
    let commands: [&[&str]; 4] = [
        &["goal", "add", "A goal"],
        &["remind", "add", "daily", "--time", "09:00"],
        &["list", "-n", "5"],
        &["settings", "--followup-days", "5"],
    ];
    thread::scope(|scope| {
        let writer = scope.spawn(|| concurrent_adds(&journal, 1, 30));
        for round in 0..10 {
            for command in commands {
                let output = journal.run(command);
                assert!(
                    output.status.success(),
                    "round {round}, wins {command:?}: {}",
                    stderr(&output)
                );
            }
        }
        let failures = writer.join().unwrap();
        assert!(
            failures.is_empty(),
            "{} adds failed, e.g. {}",
            failures.len(),
            failures[0]
        );
    });
}

#[test]
fn processes_starting_together_on_a_missing_journal_all_succeed() {
    for round in 0..5 {
        let journal = Journal::empty();
        let children: Vec<Child> = (0..6)
            .map(|process| {
                journal
                    .command(&["add", &format!("round {round} process {process}")])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("wins starts")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().expect("wins ends");
            assert!(output.status.success(), "round {round}: {}", stderr(&output));
        }
        assert_eq!(journal.texts(&[]).len(), 6, "round {round}");
    }
}
