//! Rendering entry text to safe HTML (issue #13): an ordinary entry, a 1 MB entry (target ≤ 100 ms),
//! and hostile nesting at two sizes, whose times must grow no faster than their size.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use journal::markdown::to_safe_html;

fn markdown(c: &mut Criterion) {
    let mut group = c.benchmark_group("markdown");
    group.sample_size(10);
    let ordinary =
        "Shipped the **onboarding** checklist #work\n\n- [x] tests\n- a [link](https://example.com)\n".repeat(4);
    group.bench_function("ordinary entry", |b| b.iter(|| to_safe_html(&ordinary)));
    let line = "A long day of notes with *some* emphasis, a [link](https://example.com) and `code`.\n";
    let one_megabyte = line.repeat(1024 * 1024 / line.len());
    group.bench_function("1 MB entry", |b| b.iter(|| to_safe_html(&one_megabyte)));
    for n in [20_000, 80_000] {
        let hostile = [
            ("nested quotes", "> ".repeat(n) + "a"),
            ("nested divs", "<div>".repeat(n) + "x" + &"</div>".repeat(n)),
            (
                "nested emphasis",
                "*a **a ".repeat(n / 10) + "b" + &" a** a*".repeat(n / 10),
            ),
        ];
        for (name, text) in hostile {
            group.bench_with_input(BenchmarkId::new(name, n), &text, |b, text| {
                b.iter(|| to_safe_html(text))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, markdown);
criterion_main!(benches);
