//! On this day and lessons that come back, on the same hand-made journal as the streaks.

use super::*;

#[test]
fn on_this_day_brings_back_a_week_a_month_and_each_year_ago() {
    let (_dir, mut store) = journal();
    new_year(&mut store);
    store
        .add_many(
            [
                entry(Kind::Win, "A year ago today", "2024-01-05T09:00:00+01:00"),
                entry(Kind::Note, "A note is no lookback", "2024-01-05T10:00:00+01:00"),
                entry(Kind::Win, "Two years ago", "2023-01-05T23:59:00+01:00"),
                entry(Kind::Win, "Two years and a day ago", "2023-01-06T00:01:00+01:00"),
            ],
            &written_at(),
        )
        .unwrap();
    let now = berlin("2025-01-05 18:00");
    let found = store.on_this_day(day("2025-01-05"), &now).unwrap();
    let shown: Vec<(String, String, Vec<String>)> = found
        .lookbacks
        .iter()
        .map(|l| {
            (
                l.label.clone(),
                l.day.to_string(),
                l.entries.iter().map(|e| e.title().to_owned()).collect(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                "1 week ago".to_owned(),
                "2024-12-29".to_owned(),
                vec!["F: Sunday win".to_owned(), "S2: skipped the run #health".to_owned()]
            ),
            (
                "1 year ago".to_owned(),
                "2024-01-05".to_owned(),
                vec!["A year ago today".to_owned()]
            ),
            (
                "2 years ago".to_owned(),
                "2023-01-05".to_owned(),
                vec!["Two years ago".to_owned()]
            ),
        ]
    );
    assert_eq!(found.lookbacks[0].entries[1].lesson.as_deref(), Some("Run before work"));
    assert!(store.on_this_day(day("2022-06-01"), &now).unwrap().is_empty());
}

#[test]
fn lessons_come_back_by_tag_or_words_with_what_worked_first() {
    let (_dir, mut store) = journal();
    let ids = store
        .add_many(
            [
                setback(
                    "Missed the demo #demo",
                    "Ask for the slot early",
                    "2025-01-06T09:00:00+01:00",
                ),
                setback(
                    "Slides broke on stage #demo",
                    "Test on the projector",
                    "2025-01-07T09:00:00+01:00",
                ),
                setback(
                    "Late to the stand-up #team",
                    "Set an alarm",
                    "2025-01-08T09:00:00+01:00",
                ),
                entry(
                    Kind::Setback,
                    "Missed the deadline, no lesson #demo",
                    "2025-01-09T09:00:00+01:00",
                ),
                setback("Missed the bus", "Leave earlier", "2025-01-10T09:00:00+01:00"),
                entry(Kind::Win, "Missed nothing today #demo", "2025-01-11T09:00:00+01:00"),
            ],
            &written_at(),
        )
        .unwrap();
    let now = berlin("2025-01-20 09:00");
    store.answer_followup(&ids[0], Worked::No, None, &now).unwrap();
    store.answer_followup(&ids[1], Worked::Yes, None, &now).unwrap();
    let titles = |lessons: &[Lesson]| lessons.iter().map(|l| l.setback.title().to_owned()).collect::<Vec<_>>();
    let lessons = store.lessons_for("Missed the review #demo", &[], None, 3).unwrap();
    assert_eq!(
        titles(&lessons),
        ["Slides broke on stage #demo", "Missed the bus", "Missed the demo #demo"]
    );
    assert_eq!(lessons[0].followup.as_ref().map(|f| f.worked), Some(Worked::Yes));
    assert_eq!(lessons[0].shared_tags, ["demo"]);
    assert_eq!(lessons[0].setback.lesson.as_deref(), Some("Test on the projector"));
    // A tag given apart from the text counts too, and the setback itself is left out.
    let lessons = store
        .lessons_for("Overran again", &["#Team".to_owned()], None, 3)
        .unwrap();
    assert_eq!(titles(&lessons), ["Late to the stand-up #team"]);
    let lessons = store.lessons_for("Slides broke", &[], Some(&ids[1]), 3).unwrap();
    assert!(lessons.is_empty(), "{:?}", titles(&lessons));
    assert_eq!(
        store.lessons_for("Missed the demo #demo", &[], None, 1).unwrap().len(),
        1
    );
    assert!(store.lessons_for("", &[], None, 3).unwrap().is_empty());
}
