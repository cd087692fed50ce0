//! `wins goal`, `milestone`, `measure` and `check` as a person runs them: progress in both
//! directions, one celebration, linked wins, and bad input refused with the journal unchanged.

use serde_json::Value;

use crate::Journal;
use crate::bad_input::refused;

/// A goal with the seed's metric (41 → 35 min, due long after today) and a done-check; returns the
/// ids of the goal, the metric and the check.
fn goal_with_milestones(journal: &Journal) -> (String, String, String) {
    let goal = journal.json(&[
        "goal",
        "add",
        "Be a calmer, faster lead",
        "--why",
        "The team waits on me",
        "--due",
        "2099-12-31",
    ]);
    let goal_id = goal["id"].as_str().expect("the goal's id").to_owned();
    let metric = journal.json(&[
        "milestone",
        "add",
        &goal_id,
        "Answer team chat within 35 minutes",
        "--baseline",
        "41",
        "--target",
        "35",
        "--unit",
        "min",
        "--due",
        "2099-12-31",
    ]);
    let printed_goal_id = journal.printed_id(&["goal", "list"], &goal_id);
    let check = journal.ok(&["milestone", "add", &printed_goal_id, "Share the plan with the team"]);
    (
        goal_id,
        metric["id"].as_str().expect("the milestone's id").to_owned(),
        check.trim().to_owned(),
    )
}

fn milestone<'a>(goal: &'a Value, id: &str) -> &'a Value {
    goal["milestones"]
        .as_array()
        .expect("milestones")
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no milestone {id} in {goal}"))
}

#[test]
fn a_measurement_moves_the_milestone_down_toward_its_target() {
    let journal = Journal::empty();
    let (goal_id, metric_id, check_id) = goal_with_milestones(&journal);
    let progressed = journal.json(&[
        "measure",
        &metric_id,
        "38",
        "--note",
        "triage rota",
        "--at",
        "yesterday",
    ]);
    assert_eq!(progressed["milestone"]["progress"], 0.5);
    assert_eq!(progressed["milestone"]["latest"], 38.0);
    assert_eq!(progressed["milestone"]["pace"], "ahead");
    assert_eq!(progressed["celebration"], Value::Null);

    let goal = journal.json(&["goal", "show", &goal_id]);
    assert_eq!(goal["title"], "Be a calmer, faster lead");
    assert_eq!(goal["why"], "The team waits on me");
    assert_eq!(goal["due_on"], "2099-12-31");
    assert_eq!(goal["status"], "active");
    assert_eq!(goal["progress"], 0.25);
    let metric = milestone(&goal, &metric_id);
    assert_eq!(metric["metric"]["direction"], "down");
    assert_eq!(metric["metric"]["unit"], "min");
    assert_eq!(metric["progress"], 0.5);
    assert_eq!(metric["measurements"][0]["value"], 38.0);
    assert_eq!(metric["measurements"][0]["note"], "triage rota");
    assert_eq!(milestone(&goal, &check_id)["metric"], Value::Null);
    assert_eq!(milestone(&goal, &check_id)["progress"], 0.0);

    let listed = journal.ok(&["goal", "list"]);
    assert!(listed.contains("Be a calmer, faster lead"), "{listed}");
    assert!(
        listed.contains("[█████·····]  Answer team chat within 35 minutes  38 min,  50% of the way from 41 to 35 min"),
        "{listed}"
    );
}

#[test]
fn higher_is_better_when_the_target_is_above_the_baseline() {
    let journal = Journal::empty();
    let goal_id = journal.ok(&["goal", "add", "Read more"]).trim().to_owned();
    let id = journal.ok(&[
        "milestone",
        "add",
        &goal_id,
        "Pages a week",
        "--baseline",
        "20",
        "--target",
        "100",
    ]);
    let progressed = journal.json(&["measure", id.trim(), "40"]);
    assert_eq!(progressed["milestone"]["metric"]["direction"], "up");
    assert_eq!(progressed["milestone"]["metric"]["unit"], "");
    assert_eq!(progressed["milestone"]["progress"], 0.25);
    assert_eq!(progressed["milestone"]["pace"], "unscheduled");
    // Going the wrong way is no progress, not negative progress.
    assert_eq!(
        journal.json(&["measure", id.trim(), "-5"])["milestone"]["progress"],
        0.0
    );
}

#[test]
fn reaching_a_target_or_ticking_a_check_logs_one_linked_win() {
    let journal = Journal::empty();
    let (goal_id, metric_id, check_id) = goal_with_milestones(&journal);
    let reached = journal.ok(&["measure", &metric_id, "35"]);
    assert!(reached.contains("Milestone reached! Logged a win"), "{reached}");
    journal.ok(&["measure", &metric_id, "36"]);
    journal.ok(&["measure", &metric_id, "34"]);
    let ticked = journal.json(&["check", &check_id]);
    assert_eq!(ticked["celebration"]["kind"], "win");
    assert_eq!(ticked["celebration"]["milestone_id"], check_id.as_str());
    assert_eq!(ticked["milestone"]["pace"], "done");
    assert_eq!(journal.json(&["check", &check_id])["celebration"], Value::Null);
    assert_eq!(
        journal.texts(&["--tag", "milestone"]),
        [
            "Reached milestone: Share the plan with the team\n\nDone.",
            "Reached milestone: Answer team chat within 35 minutes\n\n35 min, from 41 min toward 35 min."
        ]
    );

    let printed_metric_id = journal.printed_id(&["goal", "list"], &metric_id);
    let win = journal.json(&["add", "Cut stand-up to 12 minutes", "--milestone", &printed_metric_id]);
    assert_eq!(win["milestone_id"], metric_id.as_str());
    let goal = journal.json(&["goal", "show", &goal_id]);
    let linked: Vec<&str> = milestone(&goal, &metric_id)["linked"]
        .as_array()
        .expect("linked entries")
        .iter()
        .map(|entry| entry["text"].as_str().expect("text"))
        .collect();
    assert_eq!(linked.len(), 2, "{linked:?}");
    assert!(linked.contains(&"Cut stand-up to 12 minutes"));
    let shown = journal.ok(&["goal", "show", &goal_id]);
    assert!(shown.contains("moved by Cut stand-up to 12 minutes"), "{shown}");

    let printed_win_id = journal.printed_id(&["list"], win["id"].as_str().expect("id"));
    journal.ok(&["edit", &printed_win_id, "--no-milestone"]);
    assert_eq!(
        journal.json(&["show", win["id"].as_str().expect("id")])["milestone_id"],
        Value::Null
    );
}

#[test]
fn goals_are_finished_or_dropped() {
    let journal = Journal::empty();
    let (goal_id, _, _) = goal_with_milestones(&journal);
    let other = journal.ok(&["goal", "add", "Learn Rust"]).trim().to_owned();
    assert!(journal.ok(&["goal", "done", &goal_id]).contains("is done"));
    assert!(journal.ok(&["goal", "drop", &other]).contains("is dropped"));
    let statuses: Vec<Value> = journal
        .json(&["goal", "list"])
        .as_array()
        .expect("goals")
        .iter()
        .map(|goal| goal["status"].clone())
        .collect();
    assert_eq!(statuses, ["done", "dropped"]);
}

#[test]
fn bad_goal_input_is_refused_and_writes_nothing() {
    let journal = Journal::empty();
    let (goal_id, metric_id, check_id) = goal_with_milestones(&journal);
    refused(
        &journal,
        &["measure", &metric_id, "abc"],
        2,
        "value: \"abc\" is not a number",
    );
    refused(&journal, &["measure", &metric_id, "NaN"], 2, "not a number");
    refused(
        &journal,
        &["measure", &metric_id, "38", "--at", "someday"],
        2,
        "someday",
    );
    refused(
        &journal,
        &["measure", "ffffffff", "38"],
        1,
        "no milestone matches id \"ffffffff\"",
    );
    refused(&journal, &["measure", &check_id, "3"], 2, "is a done-check");
    refused(&journal, &["check", &metric_id], 2, "is measured, not ticked");
    refused(
        &journal,
        &[
            "milestone",
            "add",
            &goal_id,
            "Flat",
            "--baseline",
            "35",
            "--target",
            "35",
        ],
        2,
        "the target 35 equals the baseline",
    );
    refused(
        &journal,
        &[
            "milestone",
            "add",
            &goal_id,
            "Late",
            "--start",
            "2025-02-01",
            "--due",
            "2025-01-15",
        ],
        2,
        "due: 2025-01-15 is before the start, 2025-02-01",
    );
    refused(
        &journal,
        &["milestone", "add", &goal_id, "Half", "--baseline", "3"],
        2,
        "--target",
    );
    refused(
        &journal,
        &[
            "milestone",
            "add",
            &goal_id,
            "Words",
            "--baseline",
            "x",
            "--target",
            "3",
        ],
        2,
        "baseline: \"x\"",
    );
    refused(
        &journal,
        &["milestone", "add", "ffffffff", "Orphan"],
        1,
        "no goal matches id",
    );
    refused(
        &journal,
        &["milestone", "add", &goal_id, "  "],
        2,
        "a milestone needs a title",
    );
    refused(
        &journal,
        &["goal", "add", "Too late", "--due", "2001-01-01"],
        2,
        "due: 2001-01-01 is before today",
    );
    refused(&journal, &["goal", "add", " "], 2, "a goal needs a title");
    refused(&journal, &["goal", "show", "ffffffff"], 1, "no goal matches id");
    refused(&journal, &["goal", "done", "ffffffff"], 1, "no goal matches id");
    refused(
        &journal,
        &["add", "Linked to nothing", "--milestone", "ffffffff"],
        1,
        "no milestone matches id",
    );
    let goal = journal.json(&["goal", "show", &goal_id]);
    assert_eq!(goal["milestones"].as_array().expect("milestones").len(), 2);
    assert_eq!(milestone(&goal, &metric_id)["measurements"], Value::Array(Vec::new()));
}
