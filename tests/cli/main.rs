//! `wins` run as a person runs it: the built binary, a real journal file, a fixed time zone.

mod backup;
mod bad_input;
mod concurrency;
mod corrections;
mod durability;
mod encryption;
mod entries;
mod export_import;
mod files;
mod goals;
mod hostile_files;
mod insights;
mod other_tools;
mod reflect;
mod remind_run;
mod settings;
mod sync;
mod syncthing;
mod team;
mod terminal;
mod time_edges;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

/// A journal in a folder of its own, and the `wins` that writes to it.
pub struct Journal {
    dir: TempDir,
}

impl Journal {
    pub fn empty() -> Journal {
        Journal {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("journal.sqlite3")
    }

    /// `wins` with the journal named by SMALL_WINS_DB, in Berlin time (winter: UTC+1).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_wins"));
        command
            .args(args)
            .env("SMALL_WINS_DB", self.path())
            .env("TZ", "Europe/Berlin")
            .env_remove("NO_COLOR")
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-unused"));
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("wins runs")
    }

    /// Runs `wins` and expects success; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "wins {args:?} failed with {}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut with_json = args.to_vec();
        with_json.push("--json");
        let stdout = self.ok(&with_json);
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("wins {args:?} printed no JSON ({e}): {stdout}"))
    }

    /// Adds an entry and returns the id `wins add` printed.
    pub fn add(&self, args: &[&str]) -> String {
        let mut with_add = vec!["add"];
        with_add.extend_from_slice(args);
        // The first line: `add --setback` may print earlier lessons after it.
        self.ok(&with_add).lines().next().unwrap_or_default().trim().to_owned()
    }

    /// The `text` of every entry `wins list --json` returns for these arguments.
    pub fn texts(&self, args: &[&str]) -> Vec<String> {
        let mut with_list = vec!["list"];
        with_list.extend_from_slice(args);
        self.json(&with_list)
            .as_array()
            .expect("an array")
            .iter()
            .map(|entry| entry["text"].as_str().expect("text").to_owned())
            .collect()
    }

    /// The short id `wins` printed for `full_id` in the output of `listing` (`list`, `goal list`,
    /// `remind list`…): what a person copies from the screen, however close in time the records
    /// were made.
    pub fn printed_id(&self, listing: &[&str], full_id: &str) -> String {
        let printed = self.ok(listing);
        printed
            .split_whitespace()
            .filter(|word| word.len() >= 8 && word.len() < full_id.len() && full_id.starts_with(word))
            // A goal's short id can start its milestones' ids too; the record's own is the longest.
            .max_by_key(|word| word.len())
            .unwrap_or_else(|| panic!("wins {listing:?} printed no short id for {full_id}: {printed}"))
            .to_owned()
    }

    pub fn bytes(&self) -> Vec<u8> {
        std::fs::read(self.path()).unwrap_or_default()
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The characters `a` and `b` start with in common: a prefix that is ambiguous between them.
pub fn common_start<'a>(a: &'a str, b: &str) -> &'a str {
    let shared = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    &a[..shared]
}

pub fn exists(path: &Path) -> bool {
    path.try_exists().expect("the folder is readable")
}
