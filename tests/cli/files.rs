//! Paths that are not what they seem (folders, FIFOs, devices, planted symlinks) are refused with
//! one line that names them, at once and without touching them.

use std::fs;
use std::path::Path;

use crate::{Journal, stderr};

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}

fn assert_one_line_naming(output: &std::process::Output, path: &Path, what: &str) {
    let err = stderr(output);
    assert!(!output.status.success(), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("wins: ") && err.contains(&path.display().to_string()) && err.contains(what),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_journal_path_that_is_a_folder_fifo_or_device_is_refused_at_once() {
    let journal = Journal::empty();
    let fifo = journal.path().with_file_name("fifo.sqlite3");
    mkfifo(&fifo);
    let folder = journal.path().with_file_name("folder.sqlite3");
    fs::create_dir(&folder).unwrap();
    for (path, what) in [(&fifo, "not a regular file"), (&folder, "it is a folder")] {
        for args in [&["add", "x"][..], &["list"], &["goal", "list"]] {
            let output = journal
                .command(&[&["--db", path.to_str().unwrap()], args].concat())
                .output()
                .unwrap();
            assert_one_line_naming(&output, path, what);
            assert_eq!(output.status.code(), Some(1));
        }
    }
    assert!(!crate::exists(&fifo.with_file_name("fifo.sqlite3-wal")));
}

#[cfg(unix)]
#[test]
fn an_export_onto_a_fifo_or_device_is_refused_and_leaves_it_alone() {
    let journal = Journal::empty();
    journal.add(&["Shipped it"]);
    let fifo = journal.path().with_file_name("out.json");
    mkfifo(&fifo);
    for format in ["json", "csv", "html", "markdown"] {
        for path in [fifo.as_path(), Path::new("/dev/null")] {
            let output = journal.run(&["export", "--format", format, "--out", path.to_str().unwrap()]);
            assert_one_line_naming(&output, path, "is not a regular file");
            assert_eq!(output.status.code(), Some(2));
        }
    }
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(
        &fs::metadata(&fifo).unwrap().file_type()
    ));
}

#[cfg(unix)]
#[test]
fn a_markdown_folder_export_leaves_planted_symlinks_and_foreign_files_alone() {
    let journal = Journal::empty();
    journal.add(&["Shipped the checklist", "--at", "2025-01-06 10:00"]);
    let probe = journal.path().with_file_name("probe");
    journal.ok(&[
        "export",
        "--format",
        "markdown",
        "--out",
        &format!("{}/", probe.display()),
    ]);
    let name = fs::read_dir(&probe).unwrap().next().unwrap().unwrap().file_name();

    let profile = journal.path().with_file_name(".profile");
    fs::write(&profile, "export PATH=/usr/bin\n").unwrap();
    let shared = journal.path().with_file_name("shared");
    fs::create_dir(&shared).unwrap();
    std::os::unix::fs::symlink(&profile, shared.join(&name)).unwrap();
    let notes = journal.path().with_file_name("notes");
    fs::create_dir(&notes).unwrap();
    fs::write(notes.join(&name), "my own note\n").unwrap();
    for folder in [&shared, &notes] {
        let output = journal.run(&["export", "--format", "markdown", "--out", folder.to_str().unwrap()]);
        assert_one_line_naming(&output, &folder.join(&name), "was not written by Small Wins");
    }
    assert_eq!(fs::read_to_string(&profile).unwrap(), "export PATH=/usr/bin\n");
    assert_eq!(fs::read_to_string(notes.join(&name)).unwrap(), "my own note\n");
    // Its own earlier export is replaced, though.
    journal.ok(&["export", "--format", "markdown", "--out", probe.to_str().unwrap()]);
}
