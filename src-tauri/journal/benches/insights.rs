//! Insights, On this day and lessons that come back on the 100k-entry synthetic journal (three
//! years, 2021 to early 2024), the figures issue #14 sets targets for.

use chrono::{Days, TimeZone};
use chrono_tz::Europe::Berlin;
use criterion::{Criterion, criterion_group, criterion_main};
use journal::{Filter, Insights, synthetic};

const ENTRIES: usize = 100_000;

fn insights(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = synthetic::journal(&dir.path().join("journal.sqlite3"), ENTRIES).expect("the synthetic journal");
    let newest = store.list(&Filter::default(), 1, None).expect("a page").entries[0].occurred_at;
    let now = Berlin.from_utc_datetime(&newest.naive_utc());
    let today = now.date_naive();
    let week_start = store.settings().expect("settings").week_start;
    let (year_start, _) = Insights::default_period(today, week_start);
    let three_years_ago = today - Days::new(3 * 365);

    let mut group = c.benchmark_group("insights, 100k entries");
    group.bench_function("a year (53 weeks)", |b| {
        b.iter(|| store.insights(year_start, today, &now).expect("insights"))
    });
    group.bench_function("three years", |b| {
        b.iter(|| store.insights(three_years_ago, today, &now).expect("insights"))
    });
    group.bench_function("on this day", |b| {
        b.iter(|| store.on_this_day(today, &now).expect("on this day"))
    });
    // A setback being typed: a few common words of the journal and one of its tags.
    let draft = "Missed the release deadline again, the demo slides were late @planning";
    group.bench_function("lessons that come back", |b| {
        b.iter(|| store.lessons_for(draft, &[], None, 3).expect("lessons"))
    });
    group.finish();
}

criterion_group!(benches, insights);
criterion_main!(benches);
