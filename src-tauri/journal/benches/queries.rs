//! The journal's read paths on a generated 100k-entry journal: the figures issue #2 sets targets for.

use criterion::{Criterion, criterion_group, criterion_main};
use journal::{Filter, Store, synthetic};

const ENTRIES: usize = 100_000;

fn queries(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(dir.path().join("journal.sqlite3")).expect("a new journal");
    store
        .add_many(synthetic::entries(ENTRIES, 1))
        .expect("the synthetic journal");

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

criterion_group!(benches, queries);
criterion_main!(benches);
