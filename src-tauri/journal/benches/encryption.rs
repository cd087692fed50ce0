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
    for (kind, store) in &stores {
        let middle = store
            .list(&Filter::default(), ENTRIES / 2, None)
            .expect("half the journal")
            .next;
        let newest = store.list(&Filter::default(), 1, None).expect("a page").entries[0].occurred_at;
        group.bench_function(format!("newest page of 50, {kind}"), |b| {
            b.iter(|| store.list(&Filter::default(), 50, None).expect("a page"))
        });
        group.bench_function(format!("page of 50 halfway down, {kind}"), |b| {
            b.iter(|| store.list(&Filter::default(), 50, middle.as_ref()).expect("a page"))
        });
        group.bench_function(format!("tag filter, page of 50, {kind}"), |b| {
            b.iter(|| store.list(&tag, 50, None).expect("a page"))
        });
        group.bench_function(format!("rare word, top 20, {kind}"), |b| {
            b.iter(|| {
                store
                    .search(synthetic::RARE_WORD, &Filter::default(), 20)
                    .expect("hits")
            })
        });
        group.bench_function(format!("word in most entries, top 20, {kind}"), |b| {
            b.iter(|| {
                store
                    .search(synthetic::COMMON_WORD, &Filter::default(), 20)
                    .expect("hits")
            })
        });
        group.bench_function(format!("today view with a three-year streak, {kind}"), |b| {
            b.iter(|| store.today_view(&newest).expect("today"))
        });
    }
    group.finish();
}

criterion_group!(benches, plain_and_encrypted);
criterion_main!(benches);
