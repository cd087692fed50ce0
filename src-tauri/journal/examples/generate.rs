//! Writes a synthetic journal of N entries to a Small Wins database and, optionally, the same
//! entries as a jrnl plain-text journal, for benchmarks and side-by-side comparisons.
//!
//! `cargo run --release -p journal --features synthetic --example generate -- N DB [JRNL_FILE]`

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;

use journal::{Store, synthetic};

const SEED: u64 = 20_250_106;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(db)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: generate N DB [JRNL_FILE]");
        return ExitCode::from(2);
    };
    match generate(count, db, args.get(2)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("generate: {error}");
            ExitCode::FAILURE
        }
    }
}

fn generate(count: usize, db: &str, jrnl: Option<&String>) -> Result<(), Box<dyn std::error::Error>> {
    Store::open(db)?.add_many(synthetic::entries(count, SEED))?;
    if let Some(path) = jrnl {
        let mut out = BufWriter::new(File::create(path)?);
        synthetic::write_jrnl(synthetic::entries(count, SEED), &mut out)?;
    }
    Ok(())
}
