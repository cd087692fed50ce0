//! The journal's read paths on generated journals: 100k entries (the figures issue #2 sets targets
//! for), a Goals screen of 50 milestones with 10k measurements (issue #4), and the reviews of a
//! 100k-entry journal with those goals (issue #5).

use std::collections::HashSet;

use criterion::{Criterion, criterion_group, criterion_main};
use journal::period::PeriodKind;
use journal::{Filter, RenderedGoal, RenderedReview, Store, synthetic};

const ENTRIES: usize = 100_000;

fn queries(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = synthetic::journal(&dir.path().join("journal.sqlite3"), ENTRIES).expect("the synthetic journal");

    let mut group = c.benchmark_group("100k entries");
    group.bench_function("newest page of 50", |b| {
        b.iter(|| store.list(&Filter::default(), 50, None).expect("a page"))
    });
    let middle = store
        .list(&Filter::default(), ENTRIES / 2, None)
        .expect("half the journal")
        .next;
    group.bench_function("page of 50 halfway down", |b| {
        b.iter(|| store.list(&Filter::default(), 50, middle.as_ref()).expect("a page"))
    });
    let tag = Filter {
        tags: vec![synthetic::TAG.to_owned()],
        ..Filter::default()
    };
    group.bench_function("tag filter, page of 50", |b| {
        b.iter(|| store.list(&tag, 50, None).expect("a page"))
    });
    group.bench_function("rare word, top 20", |b| {
        b.iter(|| {
            store
                .search(synthetic::RARE_WORD, &Filter::default(), 20)
                .expect("hits")
        })
    });
    group.bench_function("word in most entries, top 20", |b| {
        b.iter(|| {
            store
                .search(synthetic::COMMON_WORD, &Filter::default(), 20)
                .expect("hits")
        })
    });
    // At the newest entry every day has a win: a streak of nearly three years, the worst case.
    let newest = store.list(&Filter::default(), 1, None).expect("a page").entries[0].occurred_at;
    group.bench_function("today view with a three-year streak", |b| {
        b.iter(|| store.today_view(&newest).expect("today"))
    });
    group.finish();
}

const MILESTONES: usize = 50;
const MEASUREMENTS: usize = 10_000;

/// Everything the Goals screen asks the journal for, up to the JSON the window receives.
fn goal_screen(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(dir.path().join("journal.sqlite3")).expect("a new journal");
    // A benchmark stands where a front end does: it asks the clock, once.
    #[allow(clippy::disallowed_methods)]
    let now = chrono::Local::now().fixed_offset();
    synthetic::goals(&mut store, MILESTONES, MEASUREMENTS, now).expect("the synthetic goals");

    let mut group = c.benchmark_group("goal screen, 50 milestones, 10k measurements");
    group.bench_function("read goals with progress and pace", |b| {
        b.iter(|| store.goals(&now).expect("goals"))
    });
    group.bench_function("read, render and serialise for the window", |b| {
        b.iter(|| {
            let goals: Vec<RenderedGoal> = store
                .goals(&now)
                .expect("goals")
                .into_iter()
                .map(RenderedGoal::from)
                .collect();
            serde_json::to_vec(&goals).expect("JSON")
        })
    });
    // What the Goals screen asks for now: each chart as its points, and only the goals it lacks.
    let nothing_held = HashSet::new();
    group.bench_function("read, reduce to chart points, fingerprint and serialise", |b| {
        b.iter(|| serde_json::to_vec(&store.goals_screen(&nothing_held, &now).expect("goals")).expect("JSON"))
    });
    let every_goal_held: HashSet<String> = store
        .goals_screen(&nothing_held, &now)
        .expect("goals")
        .into_iter()
        .map(|update| update.fingerprint)
        .collect();
    group.bench_function("the same with every goal held by the window", |b| {
        b.iter(|| serde_json::to_vec(&store.goals_screen(&every_goal_held, &now).expect("goals")).expect("JSON"))
    });
    group.bench_function("today view with those milestones", |b| {
        b.iter(|| store.today_view(&now).expect("today"))
    });
    group.finish();
}

/// Building a review as the Reflect screen asks for it, up to the JSON the window receives.
fn reviews(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = synthetic::journal(&dir.path().join("journal.sqlite3"), ENTRIES).expect("the synthetic journal");
    let newest = store.list(&Filter::default(), 1, None).expect("a page").entries[0].occurred_at;
    synthetic::goals(&mut store, MILESTONES, MEASUREMENTS, newest).expect("the synthetic goals");

    let mut group = c.benchmark_group("reviews, 100k entries, 50 milestones, 10k measurements");
    for (name, kind) in [
        ("weekly review", PeriodKind::Week),
        ("monthly review", PeriodKind::Month),
        ("daily check-in", PeriodKind::Day),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let review = store.review(kind, newest.date_naive(), &newest).expect("a review");
                serde_json::to_vec(&RenderedReview::from(review)).expect("JSON")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, queries, goal_screen, reviews);
criterion_main!(benches);
