//! Correcting goals, milestones and measurements as a person runs `wins`: a slip taken back takes
//! back the milestone's "reached" and its win, restore brings both back, and an unlikely value is
//! confirmed first.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::bad_input::refused;
use crate::{Journal, stderr};

/// A goal with a metric from 0 up to 6 reviews; returns the goal's and the milestone's ids.
fn goal_with_reviews(journal: &Journal) -> (String, String) {
    let goal = journal.json(&[
        "goal",
        "add",
        "Grow two engineers into tech leads",
        "--due",
        "2099-12-31",
    ]);
    let goal_id = goal["id"].as_str().unwrap().to_owned();
    let milestone = journal.json(&[
        "milestone",
        "add",
        &goal_id,
        "Design reviews led by Priya or Tom",
        "--baseline",
        "0",
        "--target",
        "6",
        "--unit",
        "reviews",
    ]);
    (goal_id, milestone["id"].as_str().unwrap().to_owned())
}

fn celebrations(journal: &Journal) -> Vec<String> {
    journal.texts(&["--tag", "milestone"])
}

fn milestone(journal: &Journal, goal_id: &str) -> Value {
    journal.json(&["goal", "show", goal_id])["milestones"][0].clone()
}

#[test]
fn a_slip_is_refused_without_yes_and_taken_back_with_its_win() {
    let journal = Journal::empty();
    let (goal_id, milestone_id) = goal_with_reviews(&journal);
    refused(
        &journal,
        &["measure", &milestone_id, "30"],
        1,
        "30 reviews is far past the target (0 reviews toward 6 reviews); confirm to log it: run again with --yes",
    );
    let logged = journal.json(&["measure", &milestone_id, "30", "--yes"]);
    let measurement_id = logged["measurement_id"]
        .as_str()
        .expect("measure --json prints the measurement's id");
    assert_eq!(logged["milestone"]["pace"], "done");
    assert_eq!(celebrations(&journal).len(), 1);

    let printed = journal.printed_id(&["goal", "show", &goal_id], measurement_id);
    let deleted = journal.ok(&["measurement", "rm", &printed]);
    assert!(
        deleted.contains(&format!("Undo with: wins measurement restore {printed}")),
        "{deleted}"
    );
    let after = milestone(&journal, &goal_id);
    assert_eq!(
        (after["done_at"].clone(), after["latest"].clone()),
        (Value::Null, Value::Null)
    );
    assert!(celebrations(&journal).is_empty());

    journal.ok(&["measurement", "restore", &printed]);
    assert_eq!(milestone(&journal, &goal_id)["pace"], "done");
    assert_eq!(celebrations(&journal).len(), 1);

    // Corrected to what was meant, the milestone is no longer reached; corrected to the target, it is.
    let corrected = journal.json(&["measurement", "edit", &printed, "--value", "3"]);
    assert_eq!(corrected["milestone"]["latest"], 3.0);
    assert_eq!(corrected["milestone"]["done_at"], Value::Null);
    assert!(celebrations(&journal).is_empty());
    let reached = journal.ok(&[
        "measurement",
        "edit",
        &printed,
        "--value",
        "6",
        "--note",
        "counted twice",
    ]);
    assert!(reached.contains("Milestone reached! Logged a win"), "{reached}");
    assert_eq!(celebrations(&journal).len(), 1);
    refused(
        &journal,
        &["measurement", "edit", &printed, "--value", "-40"],
        1,
        "far the wrong way",
    );
    refused(&journal, &["measurement", "edit", &printed], 2, "nothing to change");
    refused(
        &journal,
        &["measurement", "rm", "ffffffff"],
        1,
        "no measurement matches",
    );
}

#[test]
fn at_a_terminal_an_unlikely_value_is_asked_about() {
    let journal = Journal::empty();
    let (goal_id, milestone_id) = goal_with_reviews(&journal);
    for (answer, logged) in [("n\n", 0), ("y\n", 1)] {
        let mut script = Command::new("script")
            .args([
                "--quiet",
                "--return",
                "--command",
                &format!("{} measure {milestone_id} 30", env!("CARGO_BIN_EXE_wins")),
                "/dev/null",
            ])
            .env("SMALL_WINS_DB", journal.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("util-linux `script` runs (apt-get install bsdutils)");
        script.stdin.take().unwrap().write_all(answer.as_bytes()).unwrap();
        let output = script.wait_with_output().unwrap();
        let shown = String::from_utf8_lossy(&output.stdout);
        assert!(shown.contains("far past the target"), "{shown} {}", stderr(&output));
        assert!(shown.contains("Log it? [y/N]"), "{shown}");
        let measured = milestone(&journal, &goal_id)["measurements"].as_array().unwrap().len();
        assert_eq!(measured, logged, "after answering {answer:?}: {shown}");
    }
}

#[test]
fn goals_and_milestones_are_corrected_deleted_and_restored() {
    let journal = Journal::empty();
    let (goal_id, milestone_id) = goal_with_reviews(&journal);
    let goal = journal.json(&[
        "goal",
        "edit",
        &goal_id,
        "--title",
        "Grow two tech leads",
        "--why",
        "The team can't scale through me",
        "--no-due",
    ]);
    assert_eq!(
        (goal["title"].clone(), goal["why"].clone(), goal["due_on"].clone()),
        (
            "Grow two tech leads".into(),
            "The team can't scale through me".into(),
            Value::Null
        )
    );
    refused(&journal, &["goal", "edit", &goal_id], 2, "nothing to change");
    refused(
        &journal,
        &["goal", "edit", &goal_id, "--title", " "],
        2,
        "a goal needs a title",
    );

    journal.ok(&["measure", &milestone_id, "4"]);
    let lowered = journal.ok(&["milestone", "edit", &milestone_id, "--target", "4"]);
    assert!(lowered.contains("Milestone reached!"), "{lowered}");
    let raised = journal.json(&["milestone", "edit", &milestone_id, "--target", "8"]);
    assert_eq!(raised["milestone"]["done_at"], Value::Null);
    assert!(celebrations(&journal).is_empty());
    refused(
        &journal,
        &["milestone", "edit", &milestone_id, "--baseline", "8"],
        2,
        "equals the baseline",
    );

    let printed = journal.printed_id(&["goal", "list"], &milestone_id);
    let deleted = journal.ok(&["milestone", "rm", &printed]);
    assert!(deleted.contains("Undo with: wins milestone restore"), "{deleted}");
    assert!(
        journal.json(&["goal", "show", &goal_id])["milestones"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    journal.ok(&["milestone", "restore", &printed]);
    assert_eq!(
        milestone(&journal, &goal_id)["title"],
        "Design reviews led by Priya or Tom"
    );

    let deleted = journal.ok(&["goal", "rm", &goal_id]);
    assert!(deleted.contains("Undo with: wins goal restore"), "{deleted}");
    assert!(journal.json(&["goal", "list"]).as_array().unwrap().is_empty());
    journal.ok(&["goal", "restore", &goal_id]);
    assert_eq!(journal.json(&["goal", "list"]).as_array().unwrap().len(), 1);
}
