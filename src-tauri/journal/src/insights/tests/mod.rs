//! Insights pinned to exact numbers on a small hand-made journal in Berlin that crosses a year
//! boundary, both clock changes, a traveller's entry and a change of week start.

use chrono::{DateTime, NaiveDate, TimeZone};
use chrono_tz::Europe::Berlin;
use chrono_tz::Tz;

use super::*;
use crate::clock::DayOfWeek;
use crate::progress::PaceStatus;
use crate::{Kind, NewEntry, NewGoal, NewMilestone, Settings, Worked};

/// When these tests' entries were written: after every day they happened on.
fn written_at() -> DateTime<Tz> {
    Berlin.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap()
}

fn journal() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("journal.sqlite3")).unwrap();
    (dir, store)
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn berlin(text: &str) -> DateTime<Tz> {
    Berlin
        .from_local_datetime(&chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap())
        .earliest()
        .unwrap()
}

fn entry(kind: Kind, text: &str, at: &str) -> NewEntry {
    NewEntry {
        occurred_at: Some(DateTime::parse_from_rfc3339(at).unwrap()),
        ..NewEntry::new(kind, text)
    }
}

fn with_mood(mut draft: NewEntry, mood: u8) -> NewEntry {
    draft.mood = Some(mood);
    draft
}

fn setback(text: &str, lesson: &str, at: &str) -> NewEntry {
    NewEntry {
        lesson: Some(lesson.to_owned()),
        adjust: Some(format!("adjust: {lesson}")),
        ..entry(Kind::Setback, text, at)
    }
}

/// Late December 2024 to early January 2025, written in Berlin (UTC+1) but for one entry.
fn new_year(store: &mut Store) -> (String, String) {
    let ids = store
        .add_many(
            [
                entry(Kind::Win, "F: Sunday win", "2024-12-29T10:00:00+01:00"),
                setback(
                    "S2: skipped the run #health",
                    "Run before work",
                    "2024-12-29T19:00:00+01:00",
                ),
                with_mood(entry(Kind::Win, "A: Monday #team", "2024-12-30T09:00:00+01:00"), 4),
                with_mood(
                    entry(Kind::Win, "B: last thing of the year", "2024-12-31T23:30:00+01:00"),
                    2,
                ),
                // 23:30 UTC on 31 December: already New Year's Day in Berlin.
                entry(
                    Kind::Win,
                    "C: first thing of the year #team",
                    "2025-01-01T00:30:00+01:00",
                ),
                setback(
                    "S1: overslept the stand-up #team",
                    "Alarm at 7",
                    "2025-01-01T10:00:00+01:00",
                ),
                with_mood(entry(Kind::Note, "N: a quiet day", "2025-01-02T12:00:00+01:00"), 5),
                entry(Kind::Win, "D: Friday", "2025-01-03T09:00:00+01:00"),
                // Written in New York on Thursday evening: Friday 02:00 in the user's zone.
                entry(Kind::Win, "G: from New York", "2025-01-02T20:00:00-05:00"),
                entry(Kind::Win, "E: Sunday", "2025-01-05T11:00:00+01:00"),
                entry(Kind::Win, "Before the period", "2024-12-27T11:00:00+01:00"),
            ],
            &written_at(),
        )
        .unwrap();
    (ids[5].clone(), ids[1].clone())
}

fn counts(insights: &Insights) -> Vec<(String, u32, u32, u32, Option<f64>)> {
    insights
        .days
        .iter()
        .map(|d| (d.day.to_string(), d.wins, d.setbacks, d.notes, d.mood))
        .collect()
}

#[test]
fn days_weeks_and_streaks_across_a_year_boundary_and_a_week_start_change() {
    let (_dir, mut store) = journal();
    let (s1, _) = new_year(&mut store);
    store
        .answer_followup(&s1, Worked::Yes, None, &berlin("2025-01-04 09:00"))
        .unwrap();
    let mut goal = store
        .add_goal(
            NewGoal {
                title: "Ship".to_owned(),
                milestones: vec![
                    NewMilestone {
                        title: "Demo done".to_owned(),
                        ..NewMilestone::default()
                    },
                    NewMilestone {
                        title: "Response time".to_owned(),
                        started_on: Some(day("2024-12-01")),
                        due_on: Some(day("2025-02-28")),
                        baseline: Some(41.0),
                        target: Some(35.0),
                        unit: Some("min".to_owned()),
                    },
                ],
                ..NewGoal::default()
            },
            &berlin("2024-12-01 09:00"),
        )
        .unwrap();
    let demo = goal.milestones.remove(0);
    // Ticking a check logs a win, on Friday.
    store.check(&demo.id, &berlin("2025-01-03 15:00")).unwrap();

    let now = berlin("2025-01-05 18:00");
    let insights = store.insights(day("2024-12-28"), day("2025-01-05"), &now).unwrap();
    assert_eq!(
        counts(&insights),
        [
            ("2024-12-28".to_owned(), 0, 0, 0, None),
            ("2024-12-29".to_owned(), 1, 1, 0, None),
            ("2024-12-30".to_owned(), 1, 0, 0, Some(4.0)),
            ("2024-12-31".to_owned(), 1, 0, 0, Some(2.0)),
            ("2025-01-01".to_owned(), 1, 1, 0, None),
            ("2025-01-02".to_owned(), 0, 0, 1, Some(5.0)),
            ("2025-01-03".to_owned(), 3, 0, 0, None),
            ("2025-01-04".to_owned(), 0, 0, 0, None),
            ("2025-01-05".to_owned(), 1, 0, 0, None),
        ]
    );
    let weeks: Vec<_> = insights
        .weeks
        .iter()
        .map(|w| (w.first.to_string(), w.wins, w.setbacks, w.days_with_wins, w.days))
        .collect();
    assert_eq!(
        weeks,
        [
            ("2024-12-23".to_owned(), 1, 1, 1, 2),
            ("2024-12-30".to_owned(), 7, 1, 5, 7)
        ]
    );
    assert_eq!(insights.weeks[1].win_day_share, 5.0 / 7.0);
    assert_eq!(
        insights.streak,
        Streaks {
            current: 1,
            longest: 4,
            weekly: 1,
            best_week: Some(BestWeek {
                first: day("2024-12-30"),
                wins: 7
            }),
        }
    );
    assert_eq!((insights.followups.yes, insights.followups.unanswered), (1, 1));
    assert_eq!((insights.followups.partly, insights.followups.no), (0, 0));
    let by_tag: Vec<_> = insights
        .followups
        .by_tag
        .iter()
        .map(|t| (t.tag.as_str(), t.yes, t.unanswered))
        .collect();
    assert_eq!(by_tag, [("health", 0, 1), ("team", 1, 0)]);
    assert_eq!(insights.followups.success_rate(), Some(1.0));
    let named = |tags: &[crate::TagCount]| tags.iter().map(|t| (t.name.clone(), t.count)).collect::<Vec<_>>();
    // The win a ticked milestone logs carries the tag `milestone`.
    assert_eq!(
        named(&insights.tags.wins),
        [("team".to_owned(), 2), ("milestone".to_owned(), 1)]
    );
    assert_eq!(
        named(&insights.tags.setbacks),
        [("health".to_owned(), 1), ("team".to_owned(), 1)]
    );
    assert_eq!(insights.milestones.reached, 1);
    let active: Vec<_> = insights
        .milestones
        .active
        .iter()
        .map(|m| (m.title.as_str(), m.pace))
        .collect();
    assert_eq!(active, [("Response time", PaceStatus::Behind)]);

    // Today, the weekly review and insights count the same way.
    assert_eq!(store.win_streak(&now).unwrap(), insights.streak.current);
    let review = store
        .review(crate::period::PeriodKind::Week, day("2025-01-01"), &now)
        .unwrap();
    let week = store.insights(day("2024-12-30"), day("2025-01-05"), &now).unwrap();
    assert_eq!((review.days_with_wins, review.longest_run), (5, 3));
    assert_eq!(week.streak.longest, 3);
    assert_eq!(review.followups, week.followups);
    assert!(
        review
            .markdown
            .contains("- Adjustments: 1 worked, 0 partly, 0 did not, 0 not answered yet."),
        "{}",
        review.markdown
    );

    // Weeks from Sunday regroup the same days.
    store
        .save_settings(Settings {
            week_start: DayOfWeek::Sunday,
            ..Settings::default()
        })
        .unwrap();
    let sunday = store.insights(day("2024-12-28"), day("2025-01-05"), &now).unwrap();
    assert_eq!(counts(&sunday), counts(&insights));
    let weeks: Vec<_> = sunday
        .weeks
        .iter()
        .map(|w| (w.first.to_string(), w.wins, w.setbacks, w.days_with_wins, w.days))
        .collect();
    assert_eq!(
        weeks,
        [
            ("2024-12-22".to_owned(), 0, 0, 0, 1),
            ("2024-12-29".to_owned(), 7, 2, 5, 7),
            ("2025-01-05".to_owned(), 1, 0, 1, 1),
        ]
    );
    // The week under way has one day with a win of three: it does not break the weekly streak.
    assert_eq!(sunday.streak.weekly, 1);
    store
        .save_settings(Settings {
            weekly_streak_days: 6,
            ..Settings::default()
        })
        .unwrap();
    assert_eq!(
        store
            .insights(day("2024-12-28"), day("2025-01-05"), &now)
            .unwrap()
            .streak
            .weekly,
        0
    );
}

#[test]
fn the_current_streak_reaches_back_before_the_period_and_waits_for_today() {
    let (_dir, mut store) = journal();
    new_year(&mut store);
    let morning = berlin("2025-01-02 08:00");
    // 2 January has no win yet; 29 December (before the period) ends the run at four days.
    let insights = store.insights(day("2024-12-30"), day("2025-01-02"), &morning).unwrap();
    assert_eq!(insights.streak.current, 4);
    assert_eq!(store.win_streak(&morning).unwrap(), 4);
    // Seen from a later day, 2 January has passed without a win.
    let later = store
        .insights(day("2024-12-30"), day("2025-01-02"), &berlin("2025-01-09 08:00"))
        .unwrap();
    assert_eq!(later.streak.current, 0);
    assert!(matches!(
        store.insights(day("2025-01-02"), day("2025-01-01"), &morning),
        Err(crate::Error::Invalid { .. })
    ));
}

#[test]
fn a_long_streak_before_the_period_is_counted_across_a_clock_change() {
    let (_dir, mut store) = journal();
    // A win every day at noon for 100 days from 1 January 2025, but for the 10th, across the clock
    // change of 30 March: the streak reaches back 89 days before a one-day period.
    let first = day("2025-01-01");
    let wins = (0..100u64).filter(|n| *n != 9).map(|n| {
        let noon = Berlin
            .from_local_datetime(&(first + chrono::Days::new(n)).and_hms_opt(12, 0, 0).unwrap())
            .unwrap();
        NewEntry {
            occurred_at: Some(noon.fixed_offset()),
            ..NewEntry::new(Kind::Win, format!("Win {n}"))
        }
    });
    store.add_many(wins, &written_at()).unwrap();
    let last = first + chrono::Days::new(99);
    let next_morning = berlin("2025-04-11 08:00");
    let insights = store.insights(last, last, &next_morning).unwrap();
    assert_eq!(insights.streak.current, 90, "11 January to 10 April");
    // The same as Today counts, one day at a time, when that day is today without a win yet.
    assert_eq!(store.win_streak(&next_morning).unwrap(), 90);
    let whole = store.insights(first, last, &next_morning).unwrap();
    assert_eq!(whole.streak.current, 90);
    assert_eq!(whole.streak.longest, 90);
}

#[test]
fn days_are_local_days_across_both_clock_changes() {
    let (_dir, mut store) = journal();
    store
        .add_many(
            [
                entry(Kind::Win, "late on Saturday", "2025-03-29T23:30:00+01:00"),
                entry(Kind::Win, "early on the short Sunday", "2025-03-30T00:30:00+01:00"),
                entry(Kind::Win, "late on the short Sunday", "2025-03-30T23:30:00+02:00"),
                entry(
                    Kind::Setback,
                    "just after midnight in summer time",
                    "2025-03-31T00:15:00+02:00",
                ),
                entry(Kind::Win, "early on the long Sunday", "2025-10-26T00:30:00+02:00"),
                entry(Kind::Win, "late on the long Sunday", "2025-10-26T23:30:00+01:00"),
                entry(Kind::Win, "Monday in winter time", "2025-10-27T00:10:00+01:00"),
            ],
            &written_at(),
        )
        .unwrap();
    let now = berlin("2025-11-01 12:00");
    let spring = store.insights(day("2025-03-29"), day("2025-03-31"), &now).unwrap();
    assert_eq!(
        counts(&spring),
        [
            ("2025-03-29".to_owned(), 1, 0, 0, None),
            ("2025-03-30".to_owned(), 2, 0, 0, None),
            ("2025-03-31".to_owned(), 0, 1, 0, None),
        ]
    );
    let autumn = store.insights(day("2025-10-25"), day("2025-10-27"), &now).unwrap();
    let wins: Vec<u32> = autumn.days.iter().map(|d| d.wins).collect();
    assert_eq!(wins, [0, 2, 1]);
    assert_eq!(autumn.streak.longest, 2);
}

#[test]
fn days_of_a_half_hour_zone_are_counted_as_those_of_a_whole_hour_one() {
    // India's days start at 18:30 UTC, between two of the hourly tallies; Berlin's on the hour.
    let (_dir, mut store) = journal();
    store
        .add_many(
            [
                with_mood(entry(Kind::Win, "before Kolkata's midnight", "2025-03-10T18:20:00Z"), 4),
                with_mood(entry(Kind::Win, "after Kolkata's midnight", "2025-03-10T18:40:00Z"), 1),
                entry(Kind::Note, "a Kolkata morning", "2025-03-11T03:00:00Z"),
                with_mood(entry(Kind::Setback, "a Berlin evening", "2025-03-11T22:50:00Z"), 2),
            ],
            &written_at(),
        )
        .unwrap();
    let kolkata = chrono_tz::Asia::Kolkata.with_ymd_and_hms(2025, 4, 1, 12, 0, 0).unwrap();
    let india = store.insights(day("2025-03-10"), day("2025-03-12"), &kolkata).unwrap();
    assert_eq!(
        counts(&india),
        [
            ("2025-03-10".to_owned(), 1, 0, 0, Some(4.0)),
            ("2025-03-11".to_owned(), 1, 0, 1, Some(1.0)),
            ("2025-03-12".to_owned(), 0, 1, 0, Some(2.0)),
        ]
    );
    let germany = store
        .insights(day("2025-03-10"), day("2025-03-12"), &berlin("2025-04-01 12:00"))
        .unwrap();
    assert_eq!(
        counts(&germany),
        [
            ("2025-03-10".to_owned(), 2, 0, 0, Some(2.5)),
            ("2025-03-11".to_owned(), 0, 1, 1, Some(2.0)),
            ("2025-03-12".to_owned(), 0, 0, 0, None),
        ]
    );
}

mod looking_back;
