//! Goals, milestones and measurements against a real file: progress, the one celebration, links,
//! and bad input that writes nothing.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::journal;
use crate::error::Record;
use crate::goals::{GoalStatus, NewGoal, NewMeasurement, NewMilestone};
use crate::progress::{Direction, PaceStatus};
use crate::{EntryChanges, Error, Filter, Kind, NewEntry, Store};

/// Noon on 2025-01-16, one hour east of UTC: halfway through a milestone started on Jan 1 and due
/// at the end of Jan 30.
fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-01-16T12:00:00+01:00").unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The seed's example: response time in team chat from 41 down to 35 minutes.
fn response_time() -> NewMilestone {
    NewMilestone {
        title: "Answer team chat within 35 minutes".into(),
        started_on: Some(day("2025-01-01")),
        due_on: Some(day("2025-01-30")),
        baseline: Some(41.0),
        target: Some(35.0),
        unit: Some("min".into()),
    }
}

fn check(title: &str) -> NewMilestone {
    NewMilestone {
        title: title.into(),
        ..NewMilestone::default()
    }
}

fn goal_with(milestones: Vec<NewMilestone>) -> NewGoal {
    NewGoal {
        title: "Be a calmer, faster lead".into(),
        why: Some("The team waits on me.".into()),
        due_on: Some(day("2025-03-31")),
        milestones,
    }
}

fn rows(store: &Store, table: &str) -> i64 {
    store
        .conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn value(value: f64) -> NewMeasurement {
    NewMeasurement::new(value)
}

#[test]
fn a_goal_is_written_with_its_milestones_and_read_back_with_progress() {
    let (_dir, mut store) = journal();
    let goal = store
        .add_goal(goal_with(vec![response_time(), check("Share the plan")]), &now())
        .unwrap();
    assert_eq!(goal.status, GoalStatus::Active);
    assert_eq!(goal.why.as_deref(), Some("The team waits on me."));
    let [metric, tick] = &goal.milestones[..] else {
        panic!("{goal:?}")
    };
    let measured = metric.metric.as_ref().unwrap();
    assert_eq!(
        (measured.baseline, measured.target, measured.unit.as_str()),
        (41.0, 35.0, "min")
    );
    assert_eq!(measured.direction, Direction::Down);
    assert_eq!(
        (metric.latest, metric.progress, metric.pace),
        (None, 0.0, PaceStatus::Behind)
    );
    assert!(tick.metric.is_none());
    // A check without a due date starts today and keeps no pace.
    assert_eq!(
        (tick.started_on, tick.pace),
        (day("2025-01-16"), PaceStatus::Unscheduled)
    );
    assert_eq!(store.goals(&now()).unwrap(), vec![goal]);
}

#[test]
fn measurements_move_progress_and_the_latest_by_time_counts() {
    let (_dir, mut store) = journal();
    let goal = store.add_goal(goal_with(vec![response_time()]), &now()).unwrap();
    let id = &goal.milestones[0].id;
    let at = |text: &str| Some(DateTime::parse_from_rfc3339(text).unwrap());
    let later = NewMeasurement {
        measured_at: at("2025-01-15T09:00:00+01:00"),
        note: Some("  after the new triage rota ".into()),
        ..value(38.0)
    };
    let progressed = store.measure(id, later, &now()).unwrap();
    assert_eq!(progressed.milestone.progress, 0.5);
    assert_eq!(progressed.milestone.pace, PaceStatus::OnPace);
    assert!(progressed.celebration.is_none());
    // A back-dated measurement is history, not the latest.
    let earlier = NewMeasurement {
        measured_at: at("2025-01-05T09:00:00+01:00"),
        ..value(40.0)
    };
    let milestone = store.measure(id, earlier, &now()).unwrap().milestone;
    assert_eq!((milestone.latest, milestone.progress), (Some(38.0), 0.5));
    let values: Vec<f64> = milestone.measurements.iter().map(|m| m.value).collect();
    assert_eq!(values, [40.0, 38.0]);
    assert_eq!(
        milestone.measurements[1].note.as_deref(),
        Some("after the new triage rota")
    );
    assert_eq!(store.goal(&goal.id, &now()).unwrap().progress, 0.5);
}

#[test]
fn reaching_the_target_writes_one_linked_win_however_often_it_is_measured() {
    let (_dir, mut store) = journal();
    let goal = store.add_goal(goal_with(vec![response_time()]), &now()).unwrap();
    let id = &goal.milestones[0].id;
    let reached = store.measure(id, value(35.0), &now()).unwrap();
    let win = reached.celebration.expect("reaching the target is celebrated");
    assert_eq!(win.kind, Kind::Win);
    assert_eq!(win.title(), "Reached milestone: Answer team chat within 35 minutes");
    assert!(win.text.contains("35 min, from 41 min toward 35 min"), "{}", win.text);
    assert_eq!(win.milestone_id.as_deref(), Some(id.as_str()));
    assert_eq!(win.tags, ["milestone"]);
    assert_eq!(reached.milestone.pace, PaceStatus::Done);
    assert_eq!(reached.milestone.linked, vec![win.clone()]);
    // Slipping back and reaching it again is not a second milestone.
    for again in [37.0, 34.0, 35.0] {
        assert!(store.measure(id, value(again), &now()).unwrap().celebration.is_none());
    }
    let wins = store
        .list(
            &Filter {
                kind: Some(Kind::Win),
                ..Filter::default()
            },
            10,
            None,
        )
        .unwrap()
        .entries;
    assert_eq!(wins, vec![win]);
}

#[test]
fn ticking_a_check_celebrates_once_and_checks_and_metrics_are_not_confused() {
    let (_dir, mut store) = journal();
    let goal = store
        .add_goal(goal_with(vec![check("Share the plan"), response_time()]), &now())
        .unwrap();
    let (tick, metric) = (&goal.milestones[0].id, &goal.milestones[1].id);
    let ticked = store.check(tick, &now()).unwrap();
    assert_eq!(
        (ticked.milestone.progress, ticked.milestone.pace),
        (1.0, PaceStatus::Done)
    );
    assert_eq!(ticked.celebration.unwrap().title(), "Reached milestone: Share the plan");
    assert!(store.check(tick, &now()).unwrap().celebration.is_none());
    let wrong = store.measure(tick, value(3.0), &now()).unwrap_err();
    assert_eq!(
        wrong.to_string(),
        "value: \"Share the plan\" is a done-check: tick it instead of measuring it"
    );
    let wrong = store.check(metric, &now()).unwrap_err();
    assert!(wrong.to_string().contains("is measured, not ticked"), "{wrong}");
    assert_eq!(rows(&store, "measurements"), 0);
    assert_eq!(rows(&store, "entries"), 1);
}

#[test]
fn bad_milestones_are_refused_and_nothing_of_the_goal_is_written() {
    let (_dir, mut store) = journal();
    let cases = [
        (
            NewMilestone {
                target: Some(41.0),
                ..response_time()
            },
            "target: the target 41 equals the baseline; a milestone has to move one way or the other",
        ),
        (
            NewMilestone {
                due_on: Some(day("2024-12-31")),
                ..response_time()
            },
            "due: 2024-12-31 is before the start, 2025-01-01",
        ),
        (
            NewMilestone {
                target: None,
                ..response_time()
            },
            "target: a metric needs a target as well as a baseline",
        ),
        (
            NewMilestone {
                baseline: None,
                ..response_time()
            },
            "baseline: a metric needs a baseline as well as a target",
        ),
        (
            NewMilestone {
                unit: Some("min".into()),
                ..check("Share the plan")
            },
            "unit: only a metric has a unit: give a baseline and a target too",
        ),
        (
            NewMilestone {
                baseline: Some(f64::NAN),
                ..response_time()
            },
            "baseline: NaN is not a number",
        ),
        (check("   "), "title: a milestone needs a title"),
    ];
    for (bad, message) in cases {
        // The good milestone before the bad one is not written either.
        let error = store
            .add_goal(goal_with(vec![response_time(), bad]), &now())
            .unwrap_err();
        assert!(error.is_usage());
        assert_eq!(error.to_string(), message);
    }
    let past = NewGoal {
        due_on: Some(day("2025-01-15")),
        ..goal_with(vec![])
    };
    assert_eq!(
        store.add_goal(past, &now()).unwrap_err().to_string(),
        "due: 2025-01-15 is before today, 2025-01-16"
    );
    assert_eq!((rows(&store, "goals"), rows(&store, "milestones")), (0, 0));
}

#[test]
fn unknown_and_deleted_ids_are_named_in_the_error() {
    let (_dir, mut store) = journal();
    let goal = store.add_goal(goal_with(vec![response_time()]), &now()).unwrap();
    let milestone = goal.milestones[0].id.clone();
    let error = store.measure("0190-nope", value(1.0), &now()).unwrap_err();
    assert_eq!(error.to_string(), "no milestone matches id \"0190-nope\"");
    let error = store.add_milestone("nope", check("x"), &now()).unwrap_err();
    assert_eq!(error.to_string(), "no goal matches id \"nope\"");
    assert!(store.measure(&milestone, value(f64::INFINITY), &now()).is_err());

    store.remove_goal(&goal.id, &now()).unwrap();
    assert!(store.goals(&now()).unwrap().is_empty());
    assert!(matches!(
        store.goal(&goal.id, &now()),
        Err(Error::Deleted {
            record: Record::Goal,
            ..
        })
    ));
    assert!(matches!(
        store.milestone(&milestone, &now()),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(store.restore_goal(&goal.id, &now()).unwrap().milestones.len(), 1);
    assert!(matches!(
        store.restore_goal(&goal.id, &now()),
        Err(Error::NotDeleted { .. })
    ));
    assert_eq!(rows(&store, "measurements"), 0);
}

#[test]
fn entries_link_to_the_milestone_they_moved() {
    let (_dir, mut store) = journal();
    let goal = store.add_goal(goal_with(vec![response_time()]), &now()).unwrap();
    let milestone = goal.milestones[0].id.clone();
    let win = store
        .add(
            NewEntry {
                milestone_id: Some(milestone.clone()),
                ..NewEntry::new(Kind::Win, "Cut stand-up to 12 minutes")
            },
            &now(),
        )
        .unwrap();
    assert_eq!(win.milestone_id.as_deref(), Some(milestone.as_str()));
    assert_eq!(store.milestone(&milestone, &now()).unwrap().linked, vec![win.clone()]);

    let unlinked = store
        .edit(
            &win.id,
            EntryChanges {
                milestone_id: Some(None),
                ..EntryChanges::default()
            },
            &now(),
        )
        .unwrap();
    assert_eq!(unlinked.milestone_id, None);
    assert!(store.milestone(&milestone, &now()).unwrap().linked.is_empty());

    let stray = NewEntry {
        milestone_id: Some("nope".into()),
        ..NewEntry::new(Kind::Win, "Linked to nothing")
    };
    assert_eq!(
        store.add(stray, &now()).unwrap_err().to_string(),
        "no milestone matches id \"nope\""
    );
    assert_eq!(rows(&store, "entries"), 1);
}

#[test]
fn active_goals_come_first_and_status_changes_stick() {
    let (_dir, mut store) = journal();
    let first = store.add_goal(goal_with(vec![]), &now()).unwrap();
    let second = store
        .add_goal(
            NewGoal {
                title: "Run 5 km".into(),
                ..NewGoal::default()
            },
            &now(),
        )
        .unwrap();
    let done = store.set_goal_status(&first.id, GoalStatus::Done, &now()).unwrap();
    assert_eq!(done.status, GoalStatus::Done);
    let order: Vec<String> = store.goals(&now()).unwrap().into_iter().map(|g| g.id).collect();
    assert_eq!(order, [second.id, first.id]);
}

#[test]
fn today_shows_milestones_that_are_overdue_behind_or_due_soon() {
    let (_dir, mut store) = journal();
    let soon = NewMilestone {
        title: "Due in three days".into(),
        due_on: Some(day("2025-01-19")),
        ..check("")
    };
    let later = NewMilestone {
        title: "Due in spring".into(),
        due_on: Some(day("2025-04-30")),
        ..check("")
    };
    let overdue = NewMilestone {
        title: "Was due last week".into(),
        started_on: Some(day("2025-01-01")),
        due_on: Some(day("2025-01-09")),
        ..check("")
    };
    let goal = store
        .add_goal(
            goal_with(vec![soon, response_time(), later, overdue, check("Someday")]),
            &now(),
        )
        .unwrap();
    let titles = |store: &Store| -> Vec<String> {
        let view = store.today_view(&now()).unwrap();
        view.milestones.into_iter().map(|due| due.milestone.title).collect()
    };
    assert_eq!(
        titles(&store),
        [
            "Was due last week",
            "Due in three days",
            "Answer team chat within 35 minutes"
        ]
    );
    store.measure(&goal.milestones[1].id, value(35.0), &now()).unwrap();
    assert_eq!(titles(&store), ["Was due last week", "Due in three days"]);
    store.set_goal_status(&goal.id, GoalStatus::Dropped, &now()).unwrap();
    assert!(titles(&store).is_empty());
}
