//! What a person at a terminal sees: aligned columns, colour there, and never with NO_COLOR or a pipe.

use std::process::Command;

use crate::Journal;

/// Runs `wins` under a pseudo-terminal (util-linux `script`), as if typed at a prompt.
pub(crate) fn at_terminal(journal: &Journal, args: &str, no_colour: bool) -> String {
    let wins = env!("CARGO_BIN_EXE_wins");
    let mut command = Command::new("script");
    command
        .args([
            "--quiet",
            "--return",
            "--command",
            &format!("{wins} {args}"),
            "/dev/null",
        ])
        .env("SMALL_WINS_DB", journal.path())
        .env("TZ", "Europe/Berlin");
    if no_colour {
        command.env("NO_COLOR", "1");
    } else {
        command.env_remove("NO_COLOR");
    }
    let output = command
        .output()
        .expect("util-linux `script` runs (apt-get install bsdutils)");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn seeded() -> Journal {
    let journal = Journal::empty();
    journal.add(&[
        "Cut the stand-up to 12 minutes",
        "--tag",
        "team",
        "--at",
        "2025-01-06 09:15",
        "--star",
    ]);
    journal.add(&["Missed the review", "--setback", "--at", "2025-01-07 18:20"]);
    journal.add(&["Read a chapter @reading", "--note", "--at", "2025-01-08 21:00"]);
    journal
}

#[test]
fn list_lines_up_its_columns() {
    let journal = seeded();
    let listing = journal.ok(&["list"]);
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 3, "{listing}");
    assert!(
        lines[0].contains("  Wed 2025-01-08 21:00  note     Read a chapter @reading"),
        "{listing}"
    );
    assert!(
        lines[1].contains("  Tue 2025-01-07 18:20  setback  Missed the review"),
        "{listing}"
    );
    assert!(
        lines[2].contains("  Mon 2025-01-06 09:15  win      ★ Cut the stand-up to 12 minutes  #team"),
        "{listing}"
    );
    let date_column: Vec<usize> = lines.iter().map(|line| line.find("202").unwrap()).collect();
    assert!(date_column.iter().all(|&c| c == date_column[0]), "{listing}");
    assert!(!listing.contains('\x1b'), "colour in piped output: {listing:?}");
}

#[test]
fn colour_only_at_a_terminal_without_no_color() {
    let journal = seeded();
    let coloured = at_terminal(&journal, "list", false);
    assert!(coloured.contains("\x1b[32m"), "no colour at a terminal: {coloured:?}");
    let plain = at_terminal(&journal, "list", true);
    assert!(!plain.contains('\x1b'), "colour despite NO_COLOR: {plain:?}");
    assert!(plain.contains("Missed the review"));
}

#[test]
fn an_empty_journal_teaches_what_to_do() {
    let journal = Journal::empty();
    let output = at_terminal(&journal, "list", true);
    assert!(output.contains("wins add"), "{output}");
}
