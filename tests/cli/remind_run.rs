//! `wins remind run`, `install` and `uninstall` as the timer and a person run them: each test starts
//! a display, a session bus and the dunst notification daemon of its own (and fails if it cannot),
//! runs `wins` at fixed times with libfaketime, and counts what dunst was given.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::Journal;
use crate::bad_input::refused;

/// Xvfb, a session bus and dunst, stopped when dropped.
struct Desktop {
    children: Vec<Child>,
    display: String,
    bus: String,
    _dir: tempfile::TempDir,
}

/// Starts `program` and returns it with the first line it prints (a display number, an address).
fn started_with_line(command: &mut Command) -> (Child, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let mut line = String::new();
    let stdout = child.stdout.take().expect("its output");
    BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap_or_else(|e| panic!("{command:?} printed nothing: {e}"));
    assert!(!line.trim().is_empty(), "{command:?} exited without printing");
    (child, line.trim().to_owned())
}

impl Desktop {
    fn start() -> Desktop {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (xvfb, display) =
            started_with_line(Command::new("Xvfb").args(["-displayfd", "1", "-screen", "0", "640x480x24"]));
        let (bus_daemon, bus) =
            started_with_line(Command::new("dbus-daemon").args(["--session", "--nofork", "--print-address=1"]));
        let config = dir.path().join("dunstrc");
        // Notifications stay until closed and alike ones are not merged, so each one shown counts.
        std::fs::write(&config, "[global]\n    timeout = 0\n    stack_duplicates = false\n").expect("dunst's config");
        let dunst = Command::new("dunst")
            .arg("-config")
            .arg(&config)
            .env("DISPLAY", format!(":{display}"))
            .env("DBUS_SESSION_BUS_ADDRESS", &bus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dunst starts (apt install dunst)");
        let desktop = Desktop {
            children: vec![dunst, bus_daemon, xvfb],
            display,
            bus,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while desktop.dunstctl(&["count", "displayed"]).is_none() {
            assert!(Instant::now() < deadline, "dunst did not come up on the session bus");
            std::thread::sleep(Duration::from_millis(50));
        }
        desktop
    }

    fn dunstctl(&self, args: &[&str]) -> Option<String> {
        let output = Command::new("dunstctl")
            .args(args)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .output()
            .expect("dunstctl runs");
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    fn count(&self, which: &str) -> usize {
        let count = self.dunstctl(&["count", which]).expect("dunst answers");
        count
            .parse()
            .unwrap_or_else(|_| panic!("dunstctl count {which} said {count:?}"))
    }

    /// Every notification dunst was given: waiting, on screen, or closed.
    fn shown(&self) -> usize {
        ["waiting", "displayed", "history"]
            .into_iter()
            .map(|which| self.count(which))
            .sum()
    }

    /// The summaries of every notification, once all are closed.
    fn summaries(&self) -> Vec<String> {
        let mut summaries: Vec<String> = self.notifications().into_iter().map(|(summary, _)| summary).collect();
        summaries.sort();
        summaries
    }

    /// The summary and body of every notification, once all are closed.
    fn notifications(&self) -> Vec<(String, String)> {
        self.close_all();
        let history: serde_json::Value =
            serde_json::from_str(&self.dunstctl(&["history"]).expect("dunst's history")).expect("JSON");
        let text = |n: &serde_json::Value, field: &str| n[field]["data"].as_str().expect("a text").to_owned();
        history["data"][0]
            .as_array()
            .expect("a list")
            .iter()
            .map(|n| (text(n, "summary"), text(n, "body")))
            .collect()
    }

    /// `wins` on `journal` at the local time `at`, from which its clock runs on. libfaketime is
    /// preloaded rather than run through the `faketime` wrapper, which would wait for the process
    /// `wins remind run` leaves behind to hear a click.
    fn wins(&self, journal: &Journal, at: &str, args: &[&str]) -> Command {
        let mut command = journal.command(args);
        command
            .env("LD_PRELOAD", libfaketime())
            .env("FAKETIME", format!("@{at}"))
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .env("DISPLAY", format!(":{}", self.display));
        command
    }

    fn ok(&self, journal: &Journal, at: &str, args: &[&str]) -> String {
        let output = self.wins(journal, at, args).output().expect("wins runs");
        assert!(
            output.status.success(),
            "wins {args:?} at {at}: {}",
            crate::stderr(&output)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    /// Closes every notification (each stays counted in dunst's history).
    fn close_all(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.count("waiting") + self.count("displayed") > 0 {
            assert!(Instant::now() < deadline, "dunst did not close its notifications");
            self.dunstctl(&["close-all"]);
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The faketime library (apt install faketime), wherever the system's multiarch folder is.
pub(crate) fn libfaketime() -> std::path::PathBuf {
    std::fs::read_dir("/usr/lib")
        .expect("/usr/lib is readable")
        .filter_map(|entry| Some(entry.ok()?.path().join("faketime/libfaketime.so.1")))
        .chain([Path::new("/usr/lib/faketime/libfaketime.so.1").to_owned()])
        .find(|library| library.is_file())
        .expect("libfaketime is installed (apt install faketime)")
}

impl Drop for Desktop {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[test]
fn a_daily_rule_missed_for_three_days_shows_once_and_a_second_run_shows_nothing() {
    let desktop = Desktop::start();
    let journal = Journal::empty();
    desktop.ok(
        &journal,
        "2025-01-05 12:00:00",
        &["remind", "add", "daily", "--time", "09:00"],
    );
    let fired = desktop.ok(&journal, "2025-01-08 10:00:00", &["remind", "run"]);
    assert_eq!(
        fired,
        "Daily check-in: What is today's focus, and what might get in the way?\n"
    );
    assert_eq!(desktop.shown(), 1);
    let again = desktop.ok(&journal, "2025-01-08 10:00:00", &["remind", "run", "--json"]);
    assert_eq!(again.trim(), "[]");
    assert_eq!(desktop.shown(), 1);
    assert_eq!(desktop.summaries(), ["Daily check-in"]);
}

#[test]
fn a_saved_check_in_keeps_a_quiet_rule_silent_and_an_always_rule_still_fires() {
    let desktop = Desktop::start();
    let journal = Journal::empty();
    let at = "2025-01-05 12:00:00";
    let quiet = desktop.ok(&journal, at, &["remind", "add", "daily", "--time", "09:00"]);
    assert!(!quiet.contains("even when done"), "{quiet}");
    let always = desktop.ok(&journal, at, &["remind", "add", "daily", "--time", "09:30", "--always"]);
    assert!(
        always.contains("Daily check-in at 09:30  next Mon 6 Jan 09:30, even when done"),
        "{always}"
    );
    let saved = desktop
        .wins(&journal, "2025-01-08 08:00:00", &["review", "day", "--save"])
        .env("EDITOR", "sh -c 'printf \"The parser\\n\" >> \"$1\"' --")
        .env_remove("VISUAL")
        .output()
        .expect("wins runs");
    assert!(saved.status.success(), "{}", crate::stderr(&saved));
    let fired = desktop.ok(&journal, "2025-01-08 10:00:00", &["remind", "run", "--json"]);
    let fired: serde_json::Value = serde_json::from_str(&fired).expect("JSON");
    assert_eq!(fired.as_array().map(Vec::len), Some(1), "{fired}");
    assert_eq!(fired[0]["title"], "Daily check-in");
    assert_eq!(desktop.shown(), 1);
    // The next day has no check-in yet: both speak.
    desktop.ok(&journal, "2025-01-09 10:00:00", &["remind", "run"]);
    assert_eq!(desktop.shown(), 3);
}

#[test]
fn a_nudge_is_silent_on_a_day_with_a_win_and_speaks_on_a_day_without() {
    let desktop = Desktop::start();
    let journal = Journal::empty();
    let added = desktop.ok(
        &journal,
        "2025-01-07 12:00:00",
        &["remind", "add", "nudge", "--time", "20:00"],
    );
    assert!(added.contains("Nudge when no win is logged, daily at 20:00"), "{added}");
    journal.add(&["Answered chat in 30 minutes", "--at", "2025-01-07 16:00"]);
    assert_eq!(desktop.ok(&journal, "2025-01-07 20:30:00", &["remind", "run"]), "");
    assert_eq!(desktop.shown(), 0);
    let fired = desktop.ok(&journal, "2025-01-08 20:30:00", &["remind", "run"]);
    assert_eq!(
        fired,
        "Today's small win: No win logged today — what went well, however small?\n"
    );
    assert_eq!(desktop.summaries(), ["Today's small win"]);
}

#[test]
fn a_digest_reminder_says_how_much_is_shared_and_no_entry_text() {
    let desktop = Desktop::start();
    let journal = Journal::empty();
    // 2025-01-10 is a Friday.
    let added = desktop.ok(
        &journal,
        "2025-01-06 12:00:00",
        &["remind", "add", "digest", "--day", "fri", "--time", "16:00"],
    );
    assert!(
        added.contains("Team digest every Friday at 16:00  next Fri 10 Jan 16:00"),
        "{added}"
    );
    journal.add(&["Shipped the parser with +Ana", "--share", "--at", "2025-01-07 10:00"]);
    journal.add(&["Asked for the raise", "--at", "2025-01-08 10:00"]);
    let fired = desktop.ok(&journal, "2025-01-10 16:30:00", &["remind", "run"]);
    assert_eq!(
        fired,
        "Team digest: This week: 1 win and 0 setbacks shared. Copy the digest for the team.\n"
    );
    let shown = desktop.notifications();
    assert_eq!(
        shown,
        [(
            "Team digest".to_owned(),
            "This week: 1 win and 0 setbacks shared. Copy the digest for the team.".to_owned()
        )]
    );
    refused(
        &journal,
        &["remind", "add", "digest", "--time", "16:00"],
        2,
        "a digest reminder needs a day",
    );
    refused(
        &journal,
        &["remind", "add", "digest", "--day", "fri", "--time", "16:00", "--always"],
        2,
        "fires every week",
    );
}

#[test]
fn two_runs_started_together_show_a_due_reminder_once() {
    let desktop = Desktop::start();
    for round in 1..=20 {
        let journal = Journal::empty();
        desktop.ok(
            &journal,
            "2025-01-05 12:00:00",
            &["remind", "add", "daily", "--time", "09:00"],
        );
        let runs: Vec<Child> = (0..2)
            .map(|_| {
                desktop
                    .wins(&journal, "2025-01-08 10:00:00", &["remind", "run", "--json"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("wins starts")
            })
            .collect();
        let outputs: Vec<Output> = runs
            .into_iter()
            .map(|run| run.wait_with_output().expect("wins runs"))
            .collect();
        let fired: usize = outputs
            .iter()
            .map(|output| {
                assert!(output.status.success(), "{}", crate::stderr(output));
                let fired: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
                fired.as_array().expect("a list").len()
            })
            .sum();
        assert_eq!(fired, 1, "round {round}");
        assert_eq!(desktop.shown(), round, "round {round}");
    }
}

#[test]
fn install_writes_a_timer_systemd_accepts_and_uninstall_removes_it() {
    let journal = Journal::empty();
    let config = tempfile::tempdir().expect("a temporary folder");
    let units = config.path().join("systemd/user");
    let run = |args: &[&str]| {
        journal
            .command(args)
            .env("XDG_CONFIG_HOME", config.path())
            .output()
            .expect("wins runs")
    };
    let installed = run(&["remind", "install"]);
    assert!(installed.status.success(), "{}", crate::stderr(&installed));
    let said = String::from_utf8_lossy(&installed.stdout);
    assert!(
        said.contains("small-wins-reminders.timer: `wins remind run` every minute"),
        "{said}"
    );
    if !Path::new("/run/systemd/system").is_dir() {
        assert_eq!(
            crate::stderr(&installed).lines().count(),
            1,
            "one line says systemd is not here"
        );
        assert!(crate::stderr(&installed).contains("systemd is not the init system here"));
    }
    let service = std::fs::read_to_string(units.join("small-wins-reminders.service")).expect("the service");
    let timer = std::fs::read_to_string(units.join("small-wins-reminders.timer")).expect("the timer");
    let wins = std::path::absolute(env!("CARGO_BIN_EXE_wins")).expect("an absolute path");
    let exec = format!(
        "ExecStart=\"{}\" --db \"{}\" remind run\n",
        wins.display(),
        journal.path().display()
    );
    assert!(service.contains(&exec), "{service}");
    assert!(service.contains("Type=oneshot\n"), "{service}");
    for field in ["OnCalendar=minutely\n", "Persistent=true\n", "WantedBy=timers.target\n"] {
        assert!(timer.contains(field), "{field:?} is missing from\n{timer}");
    }
    let runtime = tempfile::tempdir().expect("a temporary folder");
    if let Ok(verified) = Command::new("systemd-analyze")
        .args(["--user", "verify"])
        .arg(units.join("small-wins-reminders.timer"))
        .arg(units.join("small-wins-reminders.service"))
        .env("XDG_RUNTIME_DIR", runtime.path())
        .env("XDG_CONFIG_HOME", config.path())
        .output()
    {
        assert!(verified.status.success(), "{}", crate::stderr(&verified));
        assert_eq!(crate::stderr(&verified), "", "systemd-analyze warns");
    }
    let removed = run(&["remind", "uninstall"]);
    assert!(String::from_utf8_lossy(&removed.stdout).contains("Removed small-wins-reminders.timer"));
    assert!(!units.join("small-wins-reminders.timer").exists());
    assert!(!units.join("small-wins-reminders.service").exists());
    let again = run(&["remind", "uninstall"]);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        "No reminder timer was installed.\n"
    );
}

#[test]
fn a_nudge_cannot_be_told_to_fire_always() {
    let journal = Journal::empty();
    journal.ok(&["remind", "add", "daily", "--time", "09:00"]);
    refused(
        &journal,
        &["remind", "add", "nudge", "--time", "20:00", "--always"],
        2,
        "only ever fires when there is something to do",
    );
    refused(
        &journal,
        &[
            "remind",
            "add",
            "daily",
            "--time",
            "09:00",
            "--always",
            "--quiet-when-done",
        ],
        2,
        "cannot be used with",
    );
}
