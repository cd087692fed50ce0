//! Reviews, settings, reminders and follow-ups against a real journal file.

use chrono::{DateTime, Duration, NaiveDate, TimeZone};
use chrono_tz::Europe::Berlin;
use chrono_tz::Tz;

use super::{journal, now, win};
use crate::clock::{DayOfWeek, parse_time};
use crate::goals::{NewGoal, NewMeasurement, NewMilestone};
use crate::period::PeriodKind;
use crate::schedule::QuietHours;
use crate::{Error, Kind, NewEntry, NewReminder, ReminderKind, Settings, Snooze, Store, Worked};

pub(super) fn berlin(text: &str) -> DateTime<Tz> {
    Berlin
        .from_local_datetime(&chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap())
        .earliest()
        .unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn setback(text: &str, when: &str, lesson: &str, adjust: &str) -> NewEntry {
    NewEntry {
        lesson: Some(lesson.into()),
        adjust: Some(adjust.into()),
        ..win(text, when)
    }
    .into_setback()
}

trait IntoSetback {
    fn into_setback(self) -> NewEntry;
}

impl IntoSetback for NewEntry {
    fn into_setback(self) -> NewEntry {
        NewEntry {
            kind: Kind::Setback,
            ..self
        }
    }
}

pub(super) fn reminder(kind: ReminderKind, time: &str, day: Option<&str>) -> NewReminder {
    NewReminder {
        kind,
        time: time.into(),
        day: day.map(Into::into),
        quiet_when_done: None,
    }
}

/// Three weeks of entries around the week of 6–12 January 2025.
fn three_weeks(store: &mut Store) {
    store
        .add(
            win("Before: shipped the old thing", "2025-01-05T23:30:00+01:00"),
            &now(),
        )
        .unwrap();
    store
        .add(
            win("Cut the stand-up to 12 minutes", "2025-01-06T09:30:00+01:00"),
            &now(),
        )
        .unwrap();
    store
        .add(
            win("Paired with Sam on the parser", "2025-01-07T15:00:00+01:00"),
            &now(),
        )
        .unwrap();
    store
        .add(
            setback(
                "Missed the demo",
                "2025-01-08T11:00:00+01:00",
                "Ask for the slot early",
                "Noon check-in",
            ),
            &now(),
        )
        .unwrap();
    store
        .add(win("Answered chat in 30 minutes", "2025-01-08T16:00:00+01:00"), &now())
        .unwrap();
    store.add(NewEntry::new(Kind::Note, "Just a note"), &now()).unwrap();
    store
        .add(win("After: next week's win", "2025-01-13T00:30:00+01:00"), &now())
        .unwrap();
}

#[test]
fn a_weekly_review_holds_that_weeks_wins_setbacks_and_streak_and_nothing_else() {
    let (_dir, mut store) = journal();
    three_weeks(&mut store);
    let review = store
        .review(PeriodKind::Week, day("2025-01-08"), &berlin("2025-01-10 16:00"))
        .unwrap();
    assert_eq!(review.title, "Weekly review: 6–12 January 2025");
    let wins: Vec<_> = review.wins.iter().map(|w| w.title()).collect();
    assert_eq!(
        wins,
        [
            "Cut the stand-up to 12 minutes",
            "Paired with Sam on the parser",
            "Answered chat in 30 minutes"
        ]
    );
    assert_eq!(review.setbacks.len(), 1);
    assert_eq!((review.days_with_wins, review.longest_run), (3, 3));
    let text = &review.markdown;
    for expected in [
        "Weekly review: 6–12 January 2025\n",
        "## Wins (3)",
        "- Mon 6 Jan: Cut the stand-up to 12 minutes",
        "## Setbacks (1)",
        "- Wed 8 Jan: Missed the demo\n  - Learned: Ask for the slot early\n  - Adjusting: Noon check-in",
        "- Wins on 3 of 7 days; longest run 3 days.",
        "## What went well\n\n## What I'll change\n",
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
    for other in ["Before:", "After:", "Just a note"] {
        assert!(!text.contains(other), "{other:?} in\n{text}");
    }
    let answered = review.compose(&["Shipped on time".into(), " Ask earlier \n".into()]);
    assert!(answered.ends_with("## What went well\n\nShipped on time\n\n## What I'll change\n\nAsk earlier\n"));
}

#[test]
fn the_week_follows_the_chosen_start_day_and_months_their_calendar() {
    let (_dir, mut store) = journal();
    three_weeks(&mut store);
    store
        .save_settings(Settings {
            week_start: DayOfWeek::Sunday,
            ..Settings::default()
        })
        .unwrap();
    let review = store
        .review(PeriodKind::Week, day("2025-01-08"), &berlin("2025-01-10 16:00"))
        .unwrap();
    assert_eq!(review.title, "Weekly review: 5–11 January 2025");
    // Sunday the 5th at 23:30 in Berlin now falls inside the week.
    assert_eq!(review.wins.len(), 4);
    let month = store
        .review(PeriodKind::Month, day("2025-01-20"), &berlin("2025-01-31 10:00"))
        .unwrap();
    assert_eq!(month.title, "Monthly review: January 2025");
    assert_eq!(month.wins.len(), 5);
}

#[test]
fn a_review_shows_how_milestones_moved_in_the_period() {
    let (_dir, mut store) = journal();
    let now = berlin("2025-01-10 12:00");
    let goal = store
        .add_goal(
            NewGoal {
                title: "Calmer lead".into(),
                why: None,
                due_on: None,
                milestones: vec![NewMilestone {
                    title: "Reply time".into(),
                    started_on: Some(day("2025-01-01")),
                    due_on: Some(day("2025-01-30")),
                    baseline: Some(41.0),
                    target: Some(35.0),
                    unit: Some("min".into()),
                }],
            },
            &berlin("2025-01-01 09:00"),
        )
        .unwrap();
    let milestone = &goal.milestones[0].id;
    let measured = |value, at: &str| NewMeasurement {
        measured_at: Some(DateTime::parse_from_rfc3339(at).unwrap()),
        ..NewMeasurement::new(value)
    };
    store
        .measure(milestone, measured(40.0, "2025-01-03T10:00:00+01:00"), &now)
        .unwrap();
    store
        .measure(milestone, measured(39.0, "2025-01-07T10:00:00+01:00"), &now)
        .unwrap();
    store
        .measure(milestone, measured(38.0, "2025-01-09T10:00:00+01:00"), &now)
        .unwrap();
    let review = store.review(PeriodKind::Week, day("2025-01-08"), &now).unwrap();
    assert_eq!(review.milestones.len(), 1);
    assert!(
        review
            .markdown
            .contains("- Reply time (Calmer lead): 40 → 38 min (target 35 min)"),
        "{}",
        review.markdown
    );
    let earlier = store.review(PeriodKind::Week, day("2024-12-23"), &now).unwrap();
    assert!(earlier.milestones.is_empty());
}

#[test]
fn a_check_in_looks_at_yesterday_and_saves_as_a_checkin_note() {
    let (_dir, mut store) = journal();
    three_weeks(&mut store);
    let checkin = store
        .review(PeriodKind::Day, day("2025-01-08"), &berlin("2025-01-08 09:00"))
        .unwrap();
    assert_eq!(checkin.title, "Daily check-in: Wednesday 8 January 2025");
    let wins: Vec<_> = checkin.wins.iter().map(|w| w.title()).collect();
    assert_eq!(wins, ["Paired with Sam on the parser"]);
    assert!(checkin.markdown.contains("## Yesterday's wins (1)"));
    assert!(checkin.markdown.ends_with("## Today's focus\n\n## Blockers\n"));
    let saved = store
        .save_reflection(
            PeriodKind::Day,
            checkin.compose(&["The parser".into(), "None".into()]),
            &now(),
        )
        .unwrap();
    assert_eq!(
        (saved.kind, saved.tags.as_slice()),
        (Kind::Note, ["checkin".to_owned()].as_slice())
    );
    assert_eq!(saved.title(), "Daily check-in: Wednesday 8 January 2025");
    let review = store
        .save_reflection(PeriodKind::Week, "Weekly review\n\nGood".into(), &now())
        .unwrap();
    assert_eq!(review.tags, ["review"]);
}

#[test]
fn a_saved_review_carries_its_own_tags_not_those_of_the_entries_it_quotes() {
    let (_dir, mut store) = journal();
    let sunday = "2025-01-12T10:00:00+01:00";
    store
        .add(
            win("Handed the on-call rota to +Priya #delegation @oncall", sunday),
            &now(),
        )
        .unwrap();
    store
        .add(
            setback(
                "Answered a 2am page #support",
                sunday,
                "I still own #oncall",
                "Trust +Tom",
            ),
            &now(),
        )
        .unwrap();
    let week = store
        .review(PeriodKind::Week, day("2025-01-08"), &berlin("2025-01-13 09:00"))
        .unwrap();
    assert!(
        week.markdown
            .contains("- Sun 12 Jan: Handed the on-call rota to \\+Priya \\#delegation \\@oncall"),
        "{}",
        week.markdown
    );
    let rendered = crate::RenderedReview::from(week.clone());
    assert!(
        rendered
            .summary_html
            .contains("Handed the on-call rota to +Priya #delegation @oncall"),
        "{}",
        rendered.summary_html
    );
    let saved = store
        .save_reflection(
            PeriodKind::Week,
            week.compose(&["Let go of the rota #growth".into()]),
            &now(),
        )
        .unwrap();
    assert_eq!(saved.tags, ["growth", "review"]);
    assert!(saved.people.is_empty(), "{:?}", saved.people);
    // Starring or editing it later reads the same text the same way.
    let starred = store
        .edit(
            &saved.id,
            crate::EntryChanges {
                starred: Some(true),
                ..Default::default()
            },
            &now(),
        )
        .unwrap();
    assert_eq!(starred.tags, ["growth", "review"]);
}

#[test]
fn settings_default_save_and_refuse_nonsense_unchanged() {
    let (_dir, store) = journal();
    assert_eq!(store.settings().unwrap(), Settings::default());
    let quiet = QuietHours {
        from: parse_time("from", "22:00").unwrap(),
        until: parse_time("until", "07:00").unwrap(),
    };
    let chosen = Settings {
        week_start: DayOfWeek::Sunday,
        quiet_hours: Some(quiet),
        followup_days: 3,
        weekly_streak_days: 4,
    };
    store.save_settings(chosen).unwrap();
    assert_eq!(store.settings().unwrap(), chosen);
    for bad in [
        Settings {
            followup_days: 0,
            ..chosen
        },
        Settings {
            weekly_streak_days: 8,
            ..chosen
        },
        Settings {
            quiet_hours: Some(QuietHours {
                from: quiet.from,
                until: quiet.from,
            }),
            ..chosen
        },
    ] {
        assert!(matches!(store.save_settings(bad), Err(Error::Invalid { .. })));
    }
    assert_eq!(store.settings().unwrap(), chosen);
}

#[test]
fn rules_are_added_listed_paused_resumed_and_removed() {
    let (_dir, store) = journal();
    let now = berlin("2025-01-08 12:00");
    let friday = store
        .add_reminder(reminder(ReminderKind::Weekly, "16:00", Some("fri")), &now)
        .unwrap();
    assert_eq!(friday.description, "Weekly review every Friday at 16:00");
    assert_eq!(
        friday.next_due_at.with_timezone(&Berlin).to_rfc3339(),
        "2025-01-10T16:00:00+01:00"
    );
    let monthly = store
        .add_reminder(reminder(ReminderKind::Monthly, "10:00", Some("1")), &now)
        .unwrap();
    assert_eq!(
        monthly.next_due_at.with_timezone(&Berlin).to_rfc3339(),
        "2025-02-01T10:00:00+01:00"
    );
    for bad in [
        reminder(ReminderKind::Weekly, "16:00", None),
        reminder(ReminderKind::Weekly, "16:00", Some("someday")),
        reminder(ReminderKind::Monthly, "10:00", Some("32")),
        reminder(ReminderKind::Daily, "25:00", None),
        reminder(ReminderKind::Daily, "09:00", Some("mon")),
    ] {
        let error = store.add_reminder(bad.clone(), &now).unwrap_err();
        assert!(matches!(error, Error::Invalid { .. }), "{bad:?}: {error}");
    }
    assert_eq!(store.reminders().unwrap().len(), 2);
    let paused = store.set_reminder_paused(&friday.id, true, &now).unwrap();
    assert!(paused.paused);
    assert_eq!(store.next_reminder_due().unwrap(), Some(monthly.next_due_at));
    // Resumed three weeks later: the paused Fridays do not fire; the next one does.
    let resumed = store
        .set_reminder_paused(&friday.id, false, &berlin("2025-01-29 12:00"))
        .unwrap();
    assert_eq!(
        resumed.next_due_at.with_timezone(&Berlin).to_rfc3339(),
        "2025-01-31T16:00:00+01:00"
    );
    store.remove_reminder(&monthly.id, &now).unwrap();
    assert_eq!(store.reminders().unwrap(), std::slice::from_ref(&resumed));
    assert!(matches!(store.reminder(&monthly.id), Err(Error::Deleted { .. })));
    let back = store
        .restore_reminder(&monthly.id, &berlin("2025-03-15 12:00"))
        .unwrap();
    assert_eq!(
        back.next_due_at.with_timezone(&Berlin).to_rfc3339(),
        "2025-04-01T10:00:00+02:00"
    );
    assert!(matches!(
        store.restore_reminder(&monthly.id, &now),
        Err(Error::NotDeleted { .. })
    ));
}

#[test]
fn a_rule_whose_slots_passed_while_nothing_ran_fires_once_then_moves_on() {
    let (_dir, mut store) = journal();
    let daily = store
        .add_reminder(
            reminder(ReminderKind::Daily, "09:00", None),
            &berlin("2025-01-01 12:00"),
        )
        .unwrap();
    assert!(
        store
            .fire_due_reminders(&berlin("2025-01-02 08:59"))
            .unwrap()
            .is_empty()
    );
    // Asleep from the 2nd to the 5th: four slots missed, one firing.
    let back = berlin("2025-01-05 13:00");
    let fired = store.fire_due_reminders(&back).unwrap();
    assert_eq!(fired.len(), 1);
    assert_eq!(
        (fired[0].reminder_id.as_str(), fired[0].title.as_str()),
        (daily.id.as_str(), "Daily check-in")
    );
    assert_eq!(
        fired[0].due_at.with_timezone(&Berlin).to_rfc3339(),
        "2025-01-02T09:00:00+01:00"
    );
    assert!(store.fire_due_reminders(&back).unwrap().is_empty());
    let stored = store.reminder(&daily.id).unwrap();
    assert_eq!(
        stored.next_due_at.with_timezone(&Berlin).to_rfc3339(),
        "2025-01-06T09:00:00+01:00"
    );
    assert_eq!(stored.last_fired_at, Some(back.to_utc()));
}

#[test]
fn reminders_wait_out_quiet_hours_and_snooze() {
    let (_dir, mut store) = journal();
    store
        .save_settings(Settings {
            quiet_hours: Some(QuietHours {
                from: parse_time("from", "22:00").unwrap(),
                until: parse_time("until", "07:00").unwrap(),
            }),
            ..Settings::default()
        })
        .unwrap();
    let late = store
        .add_reminder(
            reminder(ReminderKind::Daily, "23:00", None),
            &berlin("2025-01-08 12:00"),
        )
        .unwrap();
    assert!(
        store
            .fire_due_reminders(&berlin("2025-01-08 23:00"))
            .unwrap()
            .is_empty()
    );
    let held = store.reminder(&late.id).unwrap();
    assert_eq!(
        held.next_due_at.with_timezone(&Berlin).to_rfc3339(),
        "2025-01-09T07:00:00+01:00"
    );
    let morning = berlin("2025-01-09 07:00");
    assert_eq!(store.fire_due_reminders(&morning).unwrap().len(), 1);
    assert_eq!(
        store
            .reminder(&late.id)
            .unwrap()
            .next_due_at
            .with_timezone(&Berlin)
            .to_rfc3339(),
        "2025-01-09T23:00:00+01:00"
    );
    let snoozed = store.snooze_reminder(&late.id, Snooze::TenMinutes, &morning).unwrap();
    assert_eq!(snoozed.next_due_at, (morning + Duration::minutes(10)).to_utc());
    let tomorrow = store.snooze_reminder(&late.id, Snooze::Tomorrow, &morning).unwrap();
    assert_eq!(
        tomorrow.next_due_at.with_timezone(&Berlin).to_rfc3339(),
        "2025-01-10T23:00:00+01:00"
    );
}

#[test]
fn a_setback_is_followed_up_once_after_its_days_and_the_answer_is_kept_with_it() {
    let (_dir, mut store) = journal();
    three_weeks(&mut store);
    let missed = store
        .list(&crate::Filter::default(), 50, None)
        .unwrap()
        .entries
        .into_iter()
        .find(|entry| entry.kind == Kind::Setback)
        .unwrap();
    store
        .add_reminder(
            reminder(ReminderKind::Followup, "18:00", None),
            &berlin("2025-01-08 12:00"),
        )
        .unwrap();
    // Day 6 after the setback: nothing waits, so the rule stays silent (and has not fired).
    assert!(store.followups_due(&berlin("2025-01-14 18:00")).unwrap().is_empty());
    assert!(
        store
            .fire_due_reminders(&berlin("2025-01-14 18:00"))
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.reminders().unwrap()[0].last_fired_at, None);
    let waiting = store.followups_due(&berlin("2025-01-15 18:00")).unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].due_on, day("2025-01-15"));
    let fired = store.fire_due_reminders(&berlin("2025-01-15 18:00")).unwrap();
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0].title, "Did the adjustment work?");
    assert_eq!(fired[0].body, "“Missed the demo”: you planned to Noon check-in");
    // Asked once: the next evening stays silent, though the answer is still awaited.
    assert!(
        store
            .fire_due_reminders(&berlin("2025-01-16 18:00"))
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.followups_due(&berlin("2025-01-16 18:00")).unwrap().len(), 1);
    let answer = store
        .answer_followup(
            &missed.id,
            Worked::Partly,
            Some("Noon works, Fridays not".into()),
            &berlin("2025-01-16 19:00"),
        )
        .unwrap();
    assert_eq!(answer.worked, Worked::Partly);
    assert!(store.followups_due(&berlin("2025-01-16 19:00")).unwrap().is_empty());
    assert_eq!(store.followup_answer(&missed.id).unwrap(), Some(answer));
    let review = store
        .review(PeriodKind::Week, day("2025-01-08"), &berlin("2025-01-17 10:00"))
        .unwrap();
    assert!(
        review
            .markdown
            .contains("  - Did it work? partly: Noon works, Fridays not")
    );
    let win = review.wins[0].id.clone();
    let refused = store.answer_followup(&win, Worked::Yes, None, &berlin("2025-01-16 19:00"));
    assert!(matches!(refused, Err(Error::Invalid { .. })));
}
