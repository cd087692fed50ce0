//! `wins export` and `wins import` as a person runs them: a journal leaves and comes back, real files
//! from jrnl and Day One come in once, and a bad file is refused with the journal unchanged.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::Journal;
use crate::bad_input::refused;

/// The shared fixtures beside the clone; CI always has them.
fn shared_fixture(path: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures")
        .join(path);
    assert!(
        path.exists(),
        "{} is missing: the shared fixtures belong beside the clone",
        path.display()
    );
    path
}

fn filled() -> Journal {
    let journal = Journal::empty();
    journal.add(&[
        "Cut the stand-up to 12 minutes #team",
        "--at",
        "2025-01-06 09:30",
        "--star",
    ]);
    journal.add(&[
        "Missed the review",
        "--setback",
        "--lesson",
        "Start early",
        "--at",
        "2025-01-07 18:00",
    ]);
    journal.add(&["Zürich, \"quoted\", two\nlines", "--note", "--at", "2025-01-08 08:00"]);
    let goal = journal.ok(&["goal", "add", "Be calmer"]).trim().to_owned();
    let metric = journal.ok(&[
        "milestone",
        "add",
        &goal,
        "Reply within 35 min",
        "--baseline",
        "41",
        "--target",
        "35",
    ]);
    journal.ok(&["measure", metric.trim(), "38"]);
    journal
}

#[test]
fn a_journal_leaves_as_json_and_comes_back_whole_and_once() {
    let journal = filled();
    let file = journal.path().with_file_name("export.json");
    let file = file.to_str().expect("a UTF-8 path");
    let exported = journal.ok(&["export", "--format", "json", "--out", file]);
    assert_eq!(exported.trim(), format!("Exported 3 entries to {file} (json)."));

    let copy = Journal::empty();
    assert_eq!(
        copy.ok(&["import", file]).trim(),
        "Imported 3 entries from small-wins and 1 goals."
    );
    assert_eq!(copy.json(&["list"]), journal.json(&["list"]));
    assert_eq!(copy.json(&["goal", "list"]), journal.json(&["goal", "list"]));
    let again = copy.json(&["import", file]);
    assert_eq!((again["added"].clone(), again["skipped"].clone()), (0.into(), 3.into()));
}

#[test]
fn jrnl_and_day_one_files_import_once_and_a_dry_run_writes_nothing() {
    let journal = filled();
    let jrnl = shared_fixture("jrnl/sample.txt");
    let before = journal.bytes();
    let dry = journal.ok(&["import", jrnl.to_str().expect("path"), "--dry-run"]);
    assert!(
        dry.starts_with("Would import 5 entries from jrnl.\n  Broke the launch plan into five milestones."),
        "{dry}"
    );
    assert_eq!(journal.bytes(), before, "a dry run changed the journal");
    assert_eq!(journal.texts(&[]).len(), 3);

    let imported = journal.json(&["import", jrnl.to_str().expect("path")]);
    assert_eq!(imported["added"], 5);
    assert_eq!(
        journal.json(&["import", shared_fixture("jrnl/sample.json").to_str().expect("path")])["added"],
        0
    );
    let setbacks = journal.texts(&["--kind", "setback", "--since", "2024-09-01", "--until", "2024-09-30"]);
    assert_eq!(setbacks.len(), 1);
    assert!(setbacks[0].starts_with("Missed the review deadline by a day."));

    let day_one = shared_fixture("dayone/MyJournal.json");
    let report = journal.json(&["import", day_one.to_str().expect("path"), "--from", "dayone"]);
    assert_eq!(
        (report["format"].clone(), report["added"].clone()),
        ("dayone".into(), 1.into())
    );
    let entry = &journal.json(&["list", "--until", "2018-12-31"])[0];
    assert_eq!(entry["occurred_at"], "2018-04-21T18:57:04+01:00");
}

#[test]
fn every_export_format_writes_its_file() {
    let journal = filled();
    let dir = journal.path().with_file_name("exports");
    std::fs::create_dir_all(&dir).expect("a folder");
    for (format, name, starts) in [
        ("csv", "journal.csv", "id,kind,occurred_at,title,text,tags,starred"),
        ("markdown", "journal.md", "# Small Wins journal"),
        ("html", "digest.html", "<!doctype html>"),
        ("jrnl", "jrnl.json", "{"),
        ("dayone", "dayone.json", "{"),
    ] {
        let path = dir.join(name);
        journal.ok(&[
            "export",
            "--format",
            format,
            "--out",
            path.to_str().expect("path"),
            "--since",
            "2025-01-07",
        ]);
        let text = std::fs::read_to_string(&path).expect("the export");
        assert!(text.starts_with(starts), "{format}: {text}");
        assert!(!text.contains("Cut the stand-up"), "{format} ignored --since");
    }
    let folder = format!("{}/", dir.join("notes").display());
    let report: Value = journal.json(&["export", "--format", "markdown", "--out", &folder]);
    assert_eq!(report["entries"], 3);
    assert_eq!(std::fs::read_dir(dir.join("notes")).expect("the folder").count(), 3);
}

#[test]
fn bad_files_are_refused_with_the_place_and_change_nothing() {
    let journal = filled();
    let dir = journal.path().with_file_name("bad");
    std::fs::create_dir_all(&dir).expect("a folder");
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("a file");
        path.to_str().expect("path").to_owned()
    };
    let invalid = shared_fixture("dayone/invalid.json");
    refused(
        &journal,
        &["import", invalid.to_str().expect("path")],
        2,
        "file: line 6, column 0: EOF while parsing",
    );
    let bad_date = write(
        "bad.json",
        r#"{"tags": {}, "entries": [{"title": "x", "body": "", "date": "2024-13-01", "time": "10:00"}]}"#,
    );
    refused(
        &journal,
        &["import", &bad_date],
        2,
        "entry 1: date: \"2024-13-01\" is not YYYY-MM-DD",
    );
    let prose = write("prose.txt", "Dear diary,\ntoday was fine.\n");
    refused(&journal, &["import", &prose], 2, "cannot tell what this file is");
    let stray = write("stray.txt", "a line before any entry\n[2024-01-01 10:00] Fine\n");
    refused(
        &journal,
        &["import", &stray, "--from", "jrnl"],
        2,
        "line 1: entry: a jrnl entry starts with",
    );
    let not_utf8 = dir.join("latin1.txt");
    std::fs::write(&not_utf8, b"[2024-01-01 10:00] caf\xe9\n").expect("a file");
    refused(
        &journal,
        &["import", not_utf8.to_str().expect("path")],
        2,
        "line 1: not UTF-8 text",
    );
    refused(
        &journal,
        &["import", &prose, "--from", "evernote"],
        2,
        "\"evernote\" is not one of",
    );
    refused(&journal, &["import", "/no/such/file.json"], 1, "/no/such/file.json");
    let out = dir.join("x.txt");
    refused(
        &journal,
        &["export", "--format", "pdf", "--out", out.to_str().expect("path")],
        2,
        "\"pdf\" is not one of",
    );
    assert!(!out.exists());
}

/// jrnl's JSON export of `count` entries a minute apart from 1 March 2024, entry `bad` (from 1)
/// with a time that is none.
fn large_jrnl_file(path: &Path, count: usize, bad: usize) {
    let entries: Vec<Value> = (1..=count)
        .map(|n| {
            let time = if n == bad {
                "25:00".to_owned()
            } else {
                format!("{:02}:{:02}", (n % 1440) / 60, n % 60)
            };
            serde_json::json!({
                "title": format!("Win {n} #big"),
                "body": "",
                "date": format!("2024-03-{:02}", 1 + n / 1440),
                "time": time,
                "tags": ["@big"],
                "starred": false,
            })
        })
        .collect();
    let file = serde_json::json!({"tags": {"@big": count}, "entries": entries});
    std::fs::write(path, file.to_string()).expect("a file");
}

#[test]
fn a_bad_entry_near_the_end_of_a_large_file_is_named_and_changes_nothing() {
    // More entries than are read ahead of the writing, and enough for the staged import: most of
    // them are written (staged) before the bad one is read.
    let journal = filled();
    let file = journal.path().with_file_name("large.json");
    large_jrnl_file(&file, 3_000, 2_990);
    refused(
        &journal,
        &["import", file.to_str().expect("path")],
        2,
        "entry 2990: time: \"25:00\" is not HH:MM",
    );
    assert_eq!(journal.texts(&[]).len(), 3);
    // A journal that cannot be opened stops the reading: the journal's error, at once.
    let not_a_journal = Journal::empty();
    std::fs::write(not_a_journal.path(), "not a journal").expect("a file");
    large_jrnl_file(&file, 3_000, 0);
    let output = not_a_journal.run(&["import", file.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    let said = crate::stderr(&output);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("journal.sqlite3"), "{said}");
    assert_eq!(std::fs::read(not_a_journal.path()).expect("the file"), b"not a journal");
    // Where there was no journal, the import makes it whole or not at all: nothing is left behind.
    let nothing = Journal::empty();
    large_jrnl_file(&file, 3_000, 2_990);
    refused(
        &nothing,
        &["import", file.to_str().expect("path")],
        2,
        "entry 2990: time: \"25:00\" is not HH:MM",
    );
    let left: Vec<_> = std::fs::read_dir(nothing.path().parent().expect("its folder"))
        .expect("the folder")
        .map(|entry| entry.expect("an entry").file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // A good file into no journal makes it, whole.
    large_jrnl_file(&file, 3_000, 0);
    nothing.ok(&["import", file.to_str().expect("path")]);
    assert_eq!(nothing.texts(&["-n", "5000"]).len(), 3_000);
}
