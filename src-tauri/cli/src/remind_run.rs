//! `wins remind run`, `install` and `uninstall`: reminders delivered with the app closed.
//!
//! `run` claims the due reminders in the journal, then hands them to a `wins remind deliver` of its
//! own that shows them over D-Bus and stays to hear a click (which starts Small Wins at the
//! reminder's screen), so `run` itself exits as soon as each notification is up.

use std::io::{BufRead, BufReader, Read, Write};
#[cfg(unix)]
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::{DateTime, Local};
use journal::Firing;
use journal::timer::{ReminderTimer, UNIT_NAME};

use crate::error::{CliError, Result};
use crate::output::Output;

/// The most `deliver` reads from `run`: far more than a day of reminders.
const MOST_FIRINGS_JSON: u64 = 1 << 20;

pub fn run(path: &Path, json: bool, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    let firings = crate::unlock::open(path)?.fire_due_reminders(now)?;
    let shown = if firings.is_empty() {
        Ok(())
    } else {
        hand_to_deliverer(&firings)
    };
    if json {
        out.json(&firings)?;
    } else {
        firings.iter().try_for_each(|firing| out.line(&firing.to_string()))?;
    }
    shown
}

/// Starts `wins remind deliver` in a process group of its own (it outlives this one, and a
/// Ctrl-C here) and waits until it has shown every firing or said why not.
fn hand_to_deliverer(firings: &[Firing]) -> Result<()> {
    let failed = |what: String| CliError::Notification(format!("the reminders could not be shown: {what}"));
    let wins = std::env::current_exe().map_err(|e| failed(format!("cannot find wins itself: {e}")))?;
    let json = serde_json::to_vec(firings).map_err(|e| failed(e.to_string()))?;
    let mut command = Command::new(wins);
    command
        .args(["remind", "deliver"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    #[cfg(unix)]
    command.process_group(0);
    let mut deliverer = command
        .spawn()
        .map_err(|e| failed(format!("cannot start wins remind deliver: {e}")))?;
    if let Some(mut stdin) = deliverer.stdin.take() {
        stdin.write_all(&json).map_err(|e| failed(e.to_string()))?;
    }
    let stdout = deliverer
        .stdout
        .take()
        .ok_or_else(|| failed("no answer from wins remind deliver".to_owned()))?;
    let mut answers = BufReader::new(stdout).lines();
    for _ in firings {
        match answers.next() {
            Some(Ok(answer)) if answer == SHOWN => {}
            Some(Ok(answer)) => return Err(CliError::Notification(answer)),
            Some(Err(e)) => return Err(failed(e.to_string())),
            None => return Err(failed("wins remind deliver stopped".to_owned())),
        }
    }
    Ok(())
}

/// How long `deliver` stays to hear a click.
const LONGEST_WAIT: std::time::Duration = std::time::Duration::from_secs(12 * 60 * 60);

/// What `deliver` prints for each notification that is up.
const SHOWN: &str = "shown";

/// `wins remind deliver`: shows the firings read on stdin, says `shown` (or why not) for each on a
/// line, then waits for clicks until each notification is closed.
pub fn deliver() -> Result<()> {
    let mut json = Vec::new();
    std::io::stdin().take(MOST_FIRINGS_JSON).read_to_end(&mut json)?;
    let firings: Vec<Firing> = serde_json::from_slice(&json)
        .map_err(|e| CliError::Notification(format!("wins remind deliver reads firings as JSON: {e}")))?;
    let mut stdout = std::io::stdout();
    let mut waiting = Vec::new();
    for firing in firings {
        match notification::show(&firing) {
            Ok(handle) => {
                writeln!(stdout, "{SHOWN}")?;
                waiting.push((handle, firing.kind.screen()));
            }
            Err(error) => writeln!(stdout, "the notification could not be shown: {error}")?,
        }
        stdout.flush()?;
    }
    // A notification closed before its wait began is never heard of; none waits for ever.
    std::thread::spawn(|| {
        std::thread::sleep(LONGEST_WAIT);
        std::process::exit(0)
    });
    let clicks: Vec<_> = waiting
        .into_iter()
        .map(|(handle, screen)| std::thread::spawn(move || notification::open_on_click(handle, screen)))
        .collect();
    for click in clicks {
        let _ = click.join();
    }
    Ok(())
}

#[cfg(target_os = "linux")]
mod notification {
    use std::process::Command;

    use journal::Firing;
    use notify_rust::{Notification, NotificationHandle};

    pub fn show(firing: &Firing) -> notify_rust::error::Result<NotificationHandle> {
        Notification::new()
            .appname("Small Wins")
            .summary(&firing.title)
            // Daemons may read the body as markup; an entry's title is text.
            .body(
                &firing
                    .body
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;"),
            )
            .action("default", "Open")
            .show()
    }

    /// Starts Small Wins at `screen` when the notification is clicked; a running one is brought
    /// forward there instead (it allows one instance).
    pub fn open_on_click(handle: NotificationHandle, screen: &'static str) {
        handle.wait_for_action(|action| {
            if action == "default" {
                let _ = Command::new(super::app_path()).args(["--open", screen]).spawn();
            }
        });
    }
}

#[cfg(not(target_os = "linux"))]
mod notification {
    use journal::Firing;

    pub struct Unsupported;

    pub fn show(_: &Firing) -> Result<Unsupported, &'static str> {
        Err("wins shows notifications on Linux only; keep Small Wins running for reminders")
    }

    pub fn open_on_click(_: Unsupported, _: &'static str) {}
}

/// The desktop app: installed beside `wins`, or else on the PATH.
fn app_path() -> PathBuf {
    std::env::current_exe()
        .ok()
        .map(|wins| wins.with_file_name("small-wins"))
        .filter(|app| app.is_file())
        .unwrap_or_else(|| PathBuf::from("small-wins"))
}

/// `wins remind install`: the timer runs this very `wins`, on `journal` when one was named.
pub fn install(journal: Option<&Path>, out: &mut Output) -> Result<()> {
    let wins = std::env::current_exe().map_err(|e| CliError::Notification(format!("cannot find wins itself: {e}")))?;
    let journal = journal.map(absolute).transpose()?;
    let timer = ReminderTimer::in_user_config()?;
    let started = timer.install(&wins, journal.as_deref())?;
    out.line(&format!(
        "Wrote {} and {}: `wins remind run` every minute.",
        timer.service.display(),
        timer.timer.display()
    ))?;
    if !started {
        eprintln!(
            "systemd is not the init system here, so nothing starts {UNIT_NAME}.timer; reminders arrive while Small Wins runs."
        );
    }
    Ok(())
}

pub fn uninstall(out: &mut Output) -> Result<()> {
    if ReminderTimer::in_user_config()?.uninstall()? {
        out.line(&format!("Removed {UNIT_NAME}.timer and its service."))
    } else {
        out.line("No reminder timer was installed.")
    }
}

fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|source| {
        CliError::Journal(journal::Error::Io {
            path: path.to_owned(),
            source,
        })
    })
}
