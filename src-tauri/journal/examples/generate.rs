//! Writes a synthetic journal of N entries to a Small Wins database and, optionally, the same
//! entries as a jrnl plain-text journal, for benchmarks and side-by-side comparisons.
//!
//! `cargo run --release -p journal --features synthetic --example generate -- N DB [JRNL_FILE]`
//!
//! With `--goals MILESTONES MEASUREMENTS DB` it writes goals instead: the Goals screen's benchmark load.

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;

use journal::{Store, synthetic};

const SEED: u64 = 20_250_106;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--goals") {
        let number = |index: usize| args.get(index).and_then(|n| n.parse::<usize>().ok());
        let (Some(milestones), Some(measurements), Some(db)) = (number(1), number(2), args.get(3)) else {
            eprintln!("usage: generate --goals MILESTONES MEASUREMENTS DB");
            return ExitCode::from(2);
        };
        return report(generate_goals(milestones, measurements, db));
    }
    let (Some(count), Some(db)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: generate N DB [JRNL_FILE]");
        return ExitCode::from(2);
    };
    report(generate(count, db, args.get(2)))
}

fn report(outcome: Result<(), Box<dyn std::error::Error>>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("generate: {error}");
            ExitCode::FAILURE
        }
    }
}

fn generate(count: usize, db: &str, jrnl: Option<&String>) -> Result<(), Box<dyn std::error::Error>> {
    synthetic::write(&mut Store::open(db)?, synthetic::entries(count, SEED))?;
    if let Some(path) = jrnl {
        let mut out = BufWriter::new(File::create(path)?);
        synthetic::write_jrnl(synthetic::entries(count, SEED), &mut out)?;
    }
    Ok(())
}

fn generate_goals(milestones: usize, measurements: usize, db: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut store = Store::open(db)?;
    // The generator stands where a front end does: it asks the clock, once.
    #[allow(clippy::disallowed_methods)]
    let now = chrono::Local::now().fixed_offset();
    synthetic::goals(&mut store, milestones, measurements, now)?;
    Ok(())
}
