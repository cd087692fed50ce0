//! Correcting goals, milestones and measurements against a real file: a slip taken back takes back
//! the milestone's "reached" and its win, Undo brings both back, and an unlikely value waits for a
//! confirmation.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::journal;
use crate::error::Record;
use crate::export_import::{ExportFormat, export, read_source};
use crate::goals::{GoalChanges, MeasurementChanges, MilestoneChanges, NewGoal, NewMeasurement, NewMilestone};
use crate::progress::PaceStatus;
use crate::{Error, ErrorCode, Filter, Store};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-01-16T12:00:00+01:00").unwrap()
}

fn later() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-01-17T08:00:00+01:00").unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Design reviews led by the team: from 0 up to 6.
fn reviews() -> NewMilestone {
    NewMilestone {
        title: "Design reviews led by Priya or Tom".into(),
        started_on: Some(day("2025-01-01")),
        due_on: Some(day("2025-02-28")),
        baseline: Some(0.0),
        target: Some(6.0),
        unit: Some("reviews".into()),
    }
}

/// A journal with one goal and its metric milestone; returns the goal's and milestone's ids.
fn goal(store: &mut Store) -> (String, String) {
    let goal = store
        .add_goal(
            NewGoal {
                title: "Grow two engineers into tech leads".into(),
                milestones: vec![reviews()],
                ..NewGoal::default()
            },
            &now(),
        )
        .unwrap();
    let milestone = goal.milestones[0].id.clone();
    (goal.id, milestone)
}

fn confirmed(value: f64) -> NewMeasurement {
    NewMeasurement {
        confirmed: true,
        ..NewMeasurement::new(value)
    }
}

/// The texts of the live wins that celebrate reaching a milestone.
fn celebrations(store: &Store) -> Vec<String> {
    let filter = Filter {
        tags: vec!["milestone".into()],
        ..Filter::default()
    };
    store
        .list(&filter, 10, None)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.text)
        .collect()
}

#[test]
fn an_unlikely_value_is_refused_until_confirmed_and_nothing_is_written() {
    let (_dir, mut store) = journal();
    let (_, milestone) = goal(&mut store);
    let refused = store
        .measure(&milestone, NewMeasurement::new(30.0), &now())
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::NeedsConfirmation);
    assert_eq!(
        refused.to_string(),
        "value: 30 reviews is far past the target (0 reviews toward 6 reviews); confirm to log it"
    );
    assert!(store.milestone(&milestone, &now()).unwrap().measurements.is_empty());
    assert!(celebrations(&store).is_empty());
    let logged = store.measure(&milestone, confirmed(30.0), &now()).unwrap();
    assert!(logged.celebration.is_some());
    assert!(logged.measurement_id.is_some());
}

#[test]
fn deleting_the_slip_takes_back_reached_and_its_win_and_undo_brings_both_back() {
    let (_dir, mut store) = journal();
    let (_, milestone) = goal(&mut store);
    store.measure(&milestone, NewMeasurement::new(2.0), &now()).unwrap();
    let slip = store.measure(&milestone, confirmed(30.0), &now()).unwrap();
    let win = slip.celebration.unwrap();
    assert_eq!(slip.milestone.pace, PaceStatus::Done);
    let slip_id = slip.measurement_id.unwrap();

    let taken_back = store.remove_measurement(&slip_id, &later()).unwrap();
    assert_eq!(taken_back.milestone.done_at, None);
    assert_eq!(taken_back.milestone.latest, Some(2.0));
    assert_ne!(taken_back.milestone.pace, PaceStatus::Done);
    assert!(celebrations(&store).is_empty());
    assert!(matches!(store.get(&win.id), Err(Error::Deleted { .. })));
    assert!(matches!(
        store.remove_measurement(&slip_id, &later()),
        Err(Error::Deleted {
            record: Record::Measurement,
            ..
        })
    ));

    let undone = store.restore_measurement(&slip_id, &later()).unwrap();
    assert_eq!(undone.milestone.pace, PaceStatus::Done);
    assert_eq!(undone.celebration.as_ref().map(|e| &e.id), Some(&win.id));
    assert_eq!(celebrations(&store), [win.text]);
    assert!(matches!(
        store.restore_measurement(&slip_id, &later()),
        Err(Error::NotDeleted { .. })
    ));
}

#[test]
fn correcting_a_value_moves_reached_both_ways() {
    let (_dir, mut store) = journal();
    let (_, milestone) = goal(&mut store);
    let slip = store.measure(&milestone, confirmed(30.0), &now()).unwrap();
    let id = slip.measurement_id.unwrap();
    let to = |value: f64| MeasurementChanges {
        value: Some(value),
        ..MeasurementChanges::default()
    };
    let corrected = store.edit_measurement(&id, to(3.0), &later()).unwrap();
    assert_eq!(
        (corrected.milestone.latest, corrected.milestone.progress),
        (Some(3.0), 0.5)
    );
    assert_eq!(corrected.milestone.done_at, None);
    assert!(celebrations(&store).is_empty());
    // An unlikely correction waits for a confirmation too.
    let refused = store.edit_measurement(&id, to(-20.0), &later()).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::NeedsConfirmation);
    assert_eq!(store.milestone(&milestone, &later()).unwrap().latest, Some(3.0));

    let reached = store.edit_measurement(&id, to(6.0), &later()).unwrap();
    let win = reached
        .celebration
        .expect("a correction that reaches the target is celebrated");
    assert!(
        win.text.contains("6 reviews, from 0 reviews toward 6 reviews."),
        "{}",
        win.text
    );
    assert_eq!(celebrations(&store), [win.text]);

    let note = MeasurementChanges {
        note: Some(Some("  counted again  ".into())),
        measured_at: Some(DateTime::parse_from_rfc3339("2025-01-10T09:00:00+01:00").unwrap()),
        ..MeasurementChanges::default()
    };
    let noted = store.edit_measurement(&id, note, &later()).unwrap().milestone;
    assert_eq!(noted.measurements[0].note.as_deref(), Some("counted again"));
    assert_eq!(
        noted.measurements[0].measured_at.to_rfc3339(),
        "2025-01-10T09:00:00+01:00"
    );
}

#[test]
fn goals_and_milestones_are_edited_deleted_and_restored() {
    let (_dir, mut store) = journal();
    let (goal_id, milestone) = goal(&mut store);
    let edited = store
        .edit_goal(
            &goal_id,
            GoalChanges {
                title: Some("Grow two tech leads".into()),
                why: Some(Some("The team can't scale through me.".into())),
                due_on: Some(Some(day("2025-06-30"))),
            },
            &later(),
        )
        .unwrap();
    assert_eq!(
        (edited.title.as_str(), edited.why.as_deref(), edited.due_on),
        (
            "Grow two tech leads",
            Some("The team can't scale through me."),
            Some(day("2025-06-30"))
        )
    );
    let cleared = store
        .edit_goal(
            &goal_id,
            GoalChanges {
                why: Some(None),
                ..GoalChanges::default()
            },
            &later(),
        )
        .unwrap();
    assert_eq!((cleared.title.as_str(), cleared.why), ("Grow two tech leads", None));
    let blank = GoalChanges {
        title: Some("  ".into()),
        ..GoalChanges::default()
    };
    assert!(matches!(
        store.edit_goal(&goal_id, blank, &later()),
        Err(Error::Invalid { .. })
    ));

    // Lowering the target to what was measured reaches it; raising it again takes that back.
    store.measure(&milestone, NewMeasurement::new(4.0), &now()).unwrap();
    let target = |target: f64| MilestoneChanges {
        target: Some(target),
        ..MilestoneChanges::default()
    };
    let lowered = store.edit_milestone(&milestone, target(4.0), &later()).unwrap();
    assert!(lowered.celebration.is_some());
    assert_eq!(lowered.milestone.pace, PaceStatus::Done);
    let raised = store.edit_milestone(&milestone, target(8.0), &later()).unwrap();
    assert_eq!(raised.milestone.done_at, None);
    assert!(celebrations(&store).is_empty());
    let same = MilestoneChanges {
        baseline: Some(8.0),
        ..MilestoneChanges::default()
    };
    assert!(matches!(
        store.edit_milestone(&milestone, same, &later()),
        Err(Error::Invalid { .. })
    ));
    let renamed = MilestoneChanges {
        title: Some("Design reviews led by the team".into()),
        due_on: Some(None),
        ..MilestoneChanges::default()
    };
    let renamed = store.edit_milestone(&milestone, renamed, &later()).unwrap().milestone;
    assert_eq!(
        (renamed.title.as_str(), renamed.due_on, renamed.metric.unwrap().target),
        ("Design reviews led by the team", None, 8.0)
    );

    store.remove_milestone(&milestone, &later()).unwrap();
    assert!(store.goal(&goal_id, &later()).unwrap().milestones.is_empty());
    assert!(matches!(
        store.edit_milestone(&milestone, target(5.0), &later()),
        Err(Error::Deleted { .. })
    ));
    store.restore_milestone(&milestone, &later()).unwrap();
    assert_eq!(store.goal(&goal_id, &later()).unwrap().milestones.len(), 1);
}

#[test]
fn corrections_and_deletes_round_trip_through_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let (_a, mut original) = journal();
    let (goal_id, milestone) = goal(&mut original);
    let kept = original.measure(&milestone, NewMeasurement::new(2.0), &now()).unwrap();
    let slip = original.measure(&milestone, confirmed(30.0), &now()).unwrap();
    original
        .remove_measurement(&slip.measurement_id.unwrap(), &later())
        .unwrap();
    original
        .edit_measurement(
            &kept.measurement_id.unwrap(),
            MeasurementChanges {
                value: Some(3.0),
                ..MeasurementChanges::default()
            },
            &later(),
        )
        .unwrap();
    let file = dir.path().join("export.json");
    export(&original, ExportFormat::Json, &file, &Filter::default(), &later()).unwrap();

    let (_b, mut copy) = journal();
    let (_, incoming) = read_source(&file, None, None, &chrono_tz::Europe::Berlin).unwrap();
    copy.import(incoming, false, &later(), &mut |_, _| {}).unwrap();
    let milestone = &copy.goal(&goal_id, &later()).unwrap().milestones[0];
    let values: Vec<f64> = milestone.measurements.iter().map(|m| m.value).collect();
    assert_eq!(values, [3.0]);
    assert_eq!(milestone.done_at, None);
    assert!(celebrations(&copy).is_empty());
}
