//! What encryption at rest costs on reads (issue #17): the read paths of one 100k-entry journal,
//! plain and encrypted, side by side in one run (target: encrypted ≤ 1.15× plain).

use criterion::{Criterion, criterion_group, criterion_main};
use journal::crypto::{self, KeyFile, Passphrase};
use journal::{Filter, Store, synthetic};
use zeroize::Zeroizing;

const ENTRIES: usize = 100_000;
const PASSPHRASE: &str = "correct horse battery staple";

fn passphrase() -> Passphrase {
    Passphrase::new(Zeroizing::new(PASSPHRASE.to_owned()))
}

/// One read the window or `wins` makes, run on either journal.
type Query<'a> = Box<dyn Fn(&Store) + 'a>;

fn plain_and_encrypted(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let plain_path = dir.path().join("plain.sqlite3");
    let encrypted_path = dir.path().join("encrypted.sqlite3");
    drop(synthetic::journal(&plain_path, ENTRIES).expect("the synthetic journal"));
    std::fs::copy(&plain_path, &encrypted_path).expect("a copy");
    crypto::encrypt_journal(&encrypted_path, &passphrase()).expect("encrypted");
    let master = KeyFile::read(&encrypted_path)
        .expect("the key file")
        .unlock_with_passphrase(&passphrase())
        .expect("unlocked");
    let stores = [
        ("plain", Store::open(&plain_path).expect("plain opens")),
        (
            "encrypted",
            Store::open_encrypted(&encrypted_path, &master).expect("encrypted opens"),
        ),
    ];

    let mut group = c.benchmark_group("100k entries, plain vs encrypted");
    let tag = Filter {
        tags: vec![synthetic::TAG.to_owned()],
        ..Filter::default()
    };
    let middle = stores[0]
        .1
        .list(&Filter::default(), ENTRIES / 2, None)
        .expect("half the journal")
        .next;
    let newest = stores[0].1.list(&Filter::default(), 1, None).expect("a page").entries[0].occurred_at;
    // Each query on the plain journal, then at once on the encrypted one, so that a machine whose
    // load changes during the run slows both sides of a ratio alike.
    let queries: [(&str, Query); 6] = [
        (
            "newest page of 50",
            Box::new(|store| drop(store.list(&Filter::default(), 50, None).expect("a page"))),
        ),
        (
            "page of 50 halfway down",
            Box::new(|store| drop(store.list(&Filter::default(), 50, middle.as_ref()).expect("a page"))),
        ),
        (
            "tag filter, page of 50",
            Box::new(|store| drop(store.list(&tag, 50, None).expect("a page"))),
        ),
        (
            "rare word, top 20",
            Box::new(|store| {
                drop(
                    store
                        .search(synthetic::RARE_WORD, &Filter::default(), 20)
                        .expect("hits"),
                )
            }),
        ),
        (
            "word in most entries, top 20",
            Box::new(|store| {
                drop(
                    store
                        .search(synthetic::COMMON_WORD, &Filter::default(), 20)
                        .expect("hits"),
                )
            }),
        ),
        (
            "today view with a three-year streak",
            Box::new(|store| drop(store.today_view(&newest).expect("today"))),
        ),
    ];
    for (query, run) in &queries {
        for (kind, store) in &stores {
            group.bench_function(format!("{query}, {kind}"), |b| b.iter(|| run(store)));
        }
    }
    group.finish();
}

criterion_group!(benches, plain_and_encrypted);
criterion_main!(benches);
