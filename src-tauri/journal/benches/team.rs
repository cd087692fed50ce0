//! Building the team digest and the stand-up on the 100k-entry synthetic journal (issue #16: a
//! week's digest in at most 20 ms), a third of whose entries are shared and a fifth credit someone.

use chrono::Days;
use criterion::{Criterion, criterion_group, criterion_main};
use journal::period::{Period, PeriodKind};
use journal::{Filter, TeamFormat, synthetic};

const ENTRIES: usize = 100_000;
const MILESTONES: usize = 50;
const MEASUREMENTS: usize = 10_000;

fn team(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = synthetic::journal(&dir.path().join("journal.sqlite3"), ENTRIES).expect("the synthetic journal");
    let newest = store.list(&Filter::default(), 1, None).expect("a page").entries[0].occurred_at;
    synthetic::goals(&mut store, MILESTONES, MEASUREMENTS, newest).expect("the synthetic goals");
    let week_start = store.settings().expect("settings").week_start;
    // The last whole week of the journal, as a leader sends it on the Monday after.
    let last_week = newest.date_naive() - Days::new(7);
    let week = Period::containing(PeriodKind::Week, last_week, week_start);

    let mut group = c.benchmark_group("team, 100k entries, 50 milestones, 10k measurements");
    group.bench_function("week's digest, built and rendered as Markdown", |b| {
        b.iter(|| {
            store
                .digest(week.first, week.last, false, &newest)
                .expect("a digest")
                .render(TeamFormat::Markdown)
        })
    });
    group.bench_function("week's digest as plain text wrapped at 72", |b| {
        b.iter(|| {
            store
                .digest(week.first, week.last, false, &newest)
                .expect("a digest")
                .render(TeamFormat::Text)
        })
    });
    group.bench_function("stand-up", |b| {
        b.iter(|| {
            store
                .standup(newest.date_naive(), &newest)
                .expect("a stand-up")
                .render(TeamFormat::Text)
        })
    });
    group.finish();
}

criterion_group!(benches, team);
criterion_main!(benches);
