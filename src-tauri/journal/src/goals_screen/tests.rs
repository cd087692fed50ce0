//! The chart's points against every measurement, and the fingerprints against a real journal file.

use std::collections::HashSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use super::*;
use crate::goals::{NewGoal, NewMeasurement, NewMilestone};
use crate::{Kind, NewEntry};

fn at(rfc3339: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap()
}

/// `count` measurements an hour apart from `start`, valued 0, 1, 2, …
fn hourly(count: usize, start: &str) -> Vec<Measurement> {
    (0..count)
        .map(|i| Measurement {
            id: format!("m{i}"),
            value: i as f64,
            measured_at: at(start) + Duration::hours(i as i64),
            note: None,
        })
        .collect()
}

fn point(m: &Measurement) -> ChartPoint {
    ChartPoint(m.measured_at.timestamp_millis(), m.value)
}

#[test]
fn nothing_measured_draws_no_chart() {
    assert_eq!(chart_line(&[]), None);
}

#[test]
fn one_measurement_is_one_point() {
    let one = hourly(1, "2025-01-05T09:30:00+01:00");
    let chart = chart_line(&one).unwrap();
    assert_eq!(chart.points, [ChartPoint(1_736_065_800_000, 0.0)]);
    assert_eq!((chart.lowest, chart.highest), (0.0, 0.0));
}

#[test]
fn a_chart_with_room_for_every_measurement_draws_them_all() {
    let all = hourly(CHART_POINTS, "2025-01-01T00:00:00Z");
    let chart = chart_line(&all).unwrap();
    assert_eq!(chart.points, all.iter().map(point).collect::<Vec<_>>());
}

#[test]
fn past_the_chart_s_room_every_step_th_and_the_latest_are_drawn() {
    // 200 measurements: every second one from the first (100), then the latest, which is odd.
    let many = hourly(200, "2025-01-01T00:00:00Z");
    let chart = chart_line(&many).unwrap();
    let expected: Vec<ChartPoint> = (0..200).step_by(2).chain([199]).map(|i| point(&many[i])).collect();
    assert_eq!(chart.points, expected);
    // 111: every second one from the first ends on the latest, which is not drawn twice.
    let odd = hourly(CHART_POINTS + 1, "2025-01-01T00:00:00Z");
    let chart = chart_line(&odd).unwrap();
    assert_eq!(chart.points.len(), 56);
    assert_eq!(chart.points.last(), Some(&point(&odd[CHART_POINTS])));
}

#[test]
fn any_count_is_bounded_ordered_exact_and_keeps_the_first_and_the_latest() {
    for count in (1..=1_000).chain([9_999, 10_000, 123_457]) {
        let all = hourly(count, "2024-12-31T23:00:00-05:00");
        let chart = chart_line(&all).unwrap();
        let points = &chart.points;
        assert!(points.len() <= CHART_POINTS + 1, "{count}: {} points", points.len());
        assert!(
            points.len() >= count.min(CHART_POINTS / 2),
            "{count}: only {} points",
            points.len()
        );
        assert_eq!(points.first(), Some(&point(&all[0])), "{count}");
        assert_eq!(points.last(), Some(&point(&all[count - 1])), "{count}");
        // Each is a measurement as it was, at its own time, oldest first and none twice.
        for pair in points.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{count}: {pair:?}");
        }
        for &ChartPoint(millis, value) in points {
            assert_eq!(point(&all[value as usize]), ChartPoint(millis, value), "{count}");
        }
        assert_eq!((chart.lowest, chart.highest), (0.0, (count - 1) as f64));
    }
}

#[test]
fn the_scale_takes_in_values_that_are_not_drawn() {
    let mut many = hourly(300, "2025-01-01T00:00:00Z");
    // Step 3: measurements 1 and 2 are not drawn.
    many[1].value = -7.25;
    many[2].value = 1e6;
    let chart = chart_line(&many).unwrap();
    assert!(!chart.points.iter().any(|p| p.1 == -7.25 || p.1 == 1e6));
    assert_eq!((chart.lowest, chart.highest), (-7.25, 1e6));
}

#[test]
fn measurements_all_at_one_time_keep_their_order_and_bound() {
    let mut same = hourly(500, "2025-03-30T01:59:00+01:00");
    let instant = same[0].measured_at;
    for m in &mut same {
        m.measured_at = instant;
    }
    let chart = chart_line(&same).unwrap();
    assert!(chart.points.len() <= CHART_POINTS + 1);
    assert!(chart.points.iter().all(|p| p.0 == instant.timestamp_millis()));
    let values: Vec<f64> = chart.points.iter().map(|p| p.1).collect();
    let expected: Vec<f64> = (0..500).step_by(5).chain([499]).map(|i| i as f64).collect();
    assert_eq!(values, expected, "in the order they were logged, the latest last");
}

/// Noon on 2025-01-16, one hour east of UTC.
fn now() -> DateTime<FixedOffset> {
    at("2025-01-16T12:00:00+01:00")
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn goal(title: &str) -> NewGoal {
    NewGoal {
        title: title.into(),
        why: Some("The team **waits** on me.".into()),
        due_on: None,
        milestones: vec![NewMilestone {
            title: format!("{title}: answer within 35 minutes"),
            started_on: Some(day("2025-01-01")),
            due_on: Some(day("2025-01-30")),
            baseline: Some(41.0),
            target: Some(35.0),
            unit: Some("min".into()),
        }],
    }
}

/// Reads the screen with `known` fingerprints: the ids of the goals sent whole, and every fingerprint.
fn read(store: &Store, known: &HashSet<String>, now: &DateTime<FixedOffset>) -> (Vec<String>, HashSet<String>) {
    let updates = store.goals_screen(known, now).unwrap();
    let sent = updates
        .iter()
        .filter_map(|u| u.goal.as_ref().map(|g| g.id.clone()))
        .collect();
    (sent, updates.into_iter().map(|u| u.fingerprint).collect())
}

#[test]
fn only_goals_that_changed_since_the_window_read_them_are_sent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("journal.sqlite3")).unwrap();
    let calm = store.add_goal(goal("Calm"), &now()).unwrap();
    let fast = store.add_goal(goal("Fast"), &now()).unwrap();
    let (sent, known) = read(&store, &HashSet::new(), &now());
    assert_eq!(sent, [calm.id.as_str(), fast.id.as_str()]);

    // Nothing changed: nothing is sent, an hour later too (the pace mark moves by the day).
    let later = now() + Duration::hours(1);
    assert_eq!(read(&store, &known, &later).0, Vec::<String>::new());
    // An entry that moves no milestone changes no goal.
    store.add(NewEntry::new(Kind::Win, "Shipped the rota"), &later).unwrap();
    assert_eq!(read(&store, &known, &later), (vec![], known.clone()));

    // A measurement changes its goal only, and so does a win linked to its milestone.
    let milestone = &fast.milestones[0].id;
    store.measure(milestone, NewMeasurement::new(38.0), &later).unwrap();
    let (sent, measured) = read(&store, &known, &later);
    assert_eq!(sent, [fast.id.as_str()]);
    let linked = NewEntry {
        milestone_id: Some(milestone.clone()),
        ..NewEntry::new(Kind::Win, "Cut stand-up to 12 minutes")
    };
    store.add(linked, &later).unwrap();
    let (sent, linked) = read(&store, &measured, &later);
    assert_eq!(sent, [fast.id.as_str()]);
    let fast_now = &store.goals_screen(&HashSet::new(), &later).unwrap()[1];
    let shown = fast_now.goal.as_ref().unwrap();
    assert_eq!(
        shown.why_html.as_deref(),
        Some("<p>The team <strong>waits</strong> on me.</p>\n")
    );
    assert_eq!(shown.milestones[0].linked_count, 1);
    assert_eq!(shown.milestones[0].measurement_count, 1);
    assert_eq!(shown.milestones[0].latest, Some(38.0));

    // The next day every goal is sent again: its pace and its chart's time axis moved.
    let tomorrow = later + Duration::days(1);
    assert_eq!(read(&store, &linked, &tomorrow).0, [calm.id.as_str(), fast.id.as_str()]);
}

#[test]
fn the_pace_mark_is_sent_to_the_whole_percent_the_bar_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("journal.sqlite3")).unwrap();
    store.add_goal(goal("Calm"), &now()).unwrap();
    let goals = store.goals(&now()).unwrap();
    let exact = goals[0].milestones[0].expected.unwrap();
    assert!((exact - 15.5 / 30.0).abs() < 1e-9, "{exact}");
    let updates = store.goals_screen(&HashSet::new(), &now()).unwrap();
    assert_eq!(updates[0].goal.as_ref().unwrap().milestones[0].expected, Some(0.52));
}

#[test]
fn a_linked_list_shows_the_newest_five_and_counts_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("journal.sqlite3")).unwrap();
    let calm = store.add_goal(goal("Calm"), &now()).unwrap();
    for hour in 0..7 {
        let win = NewEntry {
            milestone_id: Some(calm.milestones[0].id.clone()),
            occurred_at: Some(now() - Duration::hours(7 - hour)),
            ..NewEntry::new(Kind::Win, format!("Win {hour}"))
        };
        store.add(win, &now()).unwrap();
    }
    let updates = store.goals_screen(&HashSet::new(), &now()).unwrap();
    let milestone = &updates[0].goal.as_ref().unwrap().milestones[0];
    assert_eq!(milestone.linked_count, 7);
    let titles: Vec<&str> = milestone.linked.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(titles, ["Win 6", "Win 5", "Win 4", "Win 3", "Win 2"]);
}
