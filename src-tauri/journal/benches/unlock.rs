//! Unlocking an encrypted journal (issue #17): the key file read and Argon2id over the passphrase
//! (64 MiB, 3 passes, 4 lanes), the cost a person waits for once per start (target: ≤ 500 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use journal::Store;
use journal::crypto::{self, KeyFile, Passphrase};
use zeroize::Zeroizing;

const PASSPHRASE: &str = "correct horse battery staple";

fn passphrase() -> Passphrase {
    Passphrase::new(Zeroizing::new(PASSPHRASE.to_owned()))
}

fn unlock(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("journal.sqlite3");
    drop(Store::open(&path).expect("a new journal"));
    crypto::encrypt_journal(&path, &passphrase()).expect("encrypted");

    let mut group = c.benchmark_group("unlock");
    group.sample_size(10);
    group.bench_function("key file and passphrase (Argon2id, 64 MiB, 3 passes)", |b| {
        b.iter(|| {
            KeyFile::read(&path)
                .expect("the key file")
                .unlock_with_passphrase(&passphrase())
                .expect("unlocked")
        })
    });
    group.bench_function("unlock and open the journal", |b| {
        b.iter(|| {
            let master = KeyFile::read(&path)
                .expect("the key file")
                .unlock_with_passphrase(&passphrase())
                .expect("unlocked");
            Store::open_encrypted(&path, &master).expect("open")
        })
    });
    group.finish();
}

criterion_group!(benches, unlock);
criterion_main!(benches);
