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

/// Terminal control sequences an imported entry could carry: a clipboard write (OSC 52), a
/// window title, clearing the screen, invisible text, a bell, a C1 CSI and a DEL.
const HOSTILE: [&str; 7] = [
    "\x1b]52;c;ZWNobyBwd25lZA==\x07",
    "\x1b]0;pwned-title\x1b\\",
    "\x1b[2J",
    "\x1b[8m",
    "\x07\x07",
    "\u{9b}31m",
    "\x7f",
];

fn hostile_journal() -> (Journal, String, String) {
    let journal = Journal::empty();
    let text = format!("Visible win {}\nsecond line {}", HOSTILE.join(" "), HOSTILE[2]);
    let id = journal.add(&[&text, "--at", "2025-01-08 10:00"]);
    let lesson = format!("lesson {}", HOSTILE[0]);
    journal.add(&[
        "--setback",
        &format!("Setback {}", HOSTILE[1]),
        "--lesson",
        &lesson,
        "--adjust",
        HOSTILE[3],
        "--at",
        "2025-01-08 11:00",
    ]);
    let goal = journal
        .ok(&["goal", "add", &format!("Goal {}", HOSTILE[1]), "--why", HOSTILE[0]])
        .trim()
        .to_owned();
    journal.ok(&["milestone", "add", &goal, &format!("Milestone {}", HOSTILE[4])]);
    (journal, id, goal)
}

/// True when `output` carries a control character other than newline and tab, outside the
/// colour sequences `wins` itself writes (`ESC [ digits;… m`).
fn obeys_journal_controls(output: &str) -> bool {
    output.split('\x1b').enumerate().any(|(i, part)| {
        let part = if i == 0 {
            part
        } else {
            let own = part
                .strip_prefix('[')
                .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ';'));
            match own.and_then(|rest| rest.strip_prefix('m')) {
                Some(rest) => rest,
                None => return true,
            }
        };
        part.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    })
}

#[test]
fn journal_text_cannot_drive_the_terminal_through_a_pipe() {
    let (journal, id, goal) = hostile_journal();
    for args in [
        &["list"][..],
        &["show", &id],
        &["search", "visible"],
        &["goal", "list"],
        &["goal", "show", &goal],
        &["review", "week", "--date", "2025-01-08"],
        &["followup", "list"],
        &["tags"],
    ] {
        let output = journal.ok(args);
        assert!(
            !obeys_journal_controls(&output),
            "wins {args:?} printed raw controls: {output:?}"
        );
    }
    let shown = journal.ok(&["show", &id]);
    assert!(shown.contains("Visible win ␛]52;c;ZWNobyBwd25lZA==␇"), "{shown}");
    assert!(shown.contains("second line ␛[2J"), "{shown}");
}

#[test]
fn journal_text_cannot_drive_the_terminal_in_colour() {
    let (journal, id, goal) = hostile_journal();
    for args in [
        "list".to_owned(),
        format!("show {id}"),
        "search visible".into(),
        "goal list".into(),
        format!("goal show {goal}"),
    ] {
        let output = at_terminal(&journal, &args, false);
        assert!(output.contains("\x1b["), "wins {args} is coloured at a terminal");
        assert!(
            !obeys_journal_controls(&output),
            "wins {args} printed raw controls: {output:?}"
        );
    }
}

#[test]
fn an_error_quoting_a_huge_or_hostile_value_is_one_short_line() {
    let journal = Journal::empty();
    for value in ["x".repeat(100_000), format!("2025-01-0{}", HOSTILE.join("\n"))] {
        let output = journal.run(&["list", "--since", &value]);
        let err = crate::stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err:?}");
        assert!(err.chars().count() <= 310 && err.starts_with("wins: "), "{err:?}");
        assert!(!obeys_journal_controls(&err), "{err:?}");
    }
}
