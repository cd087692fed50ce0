//! Reminders with the app closed: a systemd user timer that runs `wins remind run` every minute.
//! `wins remind install` and the Settings switch both write and remove it here, so they agree.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Error, Result};

/// The units' name: `small-wins-reminders.service` and `small-wins-reminders.timer`.
pub const UNIT_NAME: &str = "small-wins-reminders";

/// The timer's two unit files in a systemd user unit folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderTimer {
    pub service: PathBuf,
    pub timer: PathBuf,
}

impl ReminderTimer {
    /// The units in `$XDG_CONFIG_HOME/systemd/user` (or `~/.config/systemd/user`).
    pub fn in_user_config() -> Result<ReminderTimer> {
        let config = std::env::var_os("XDG_CONFIG_HOME")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::home_dir().map(|home| home.join(".config")))
            .ok_or_else(|| Error::Systemd("no place for user units: set XDG_CONFIG_HOME or HOME".to_owned()))?;
        Ok(ReminderTimer::in_folder(&config.join("systemd").join("user")))
    }

    pub fn in_folder(units: &Path) -> ReminderTimer {
        ReminderTimer {
            service: units.join(format!("{UNIT_NAME}.service")),
            timer: units.join(format!("{UNIT_NAME}.timer")),
        }
    }

    pub fn is_installed(&self) -> bool {
        self.timer.is_file()
    }

    /// Writes the units to run `wins remind run` (on `journal` when it is not the default), and
    /// starts the timer when systemd runs this session. Returns whether it was started: `false`
    /// where systemd is not the init system, and only the files were written.
    pub fn install(&self, wins: &Path, journal: Option<&Path>) -> Result<bool> {
        write_unit(&self.service, &service_unit(wins, journal)?)?;
        write_unit(&self.timer, TIMER_UNIT)?;
        if !systemd_is_init() {
            return Ok(false);
        }
        systemctl(&["daemon-reload"])?;
        systemctl(&["enable", "--now", &format!("{UNIT_NAME}.timer")])?;
        Ok(true)
    }

    /// Stops the timer (where systemd runs) and removes both units; true when there was one.
    pub fn uninstall(&self) -> Result<bool> {
        let was_installed = self.is_installed() || self.service.is_file();
        if was_installed && systemd_is_init() {
            systemctl(&["disable", "--now", &format!("{UNIT_NAME}.timer")])?;
        }
        for unit in [&self.timer, &self.service] {
            match std::fs::remove_file(unit) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(Error::Io {
                        path: unit.clone(),
                        source,
                    });
                }
            }
        }
        if was_installed && systemd_is_init() {
            systemctl(&["daemon-reload"])?;
        }
        Ok(was_installed)
    }
}

/// Whether systemd is the init system (`sd_booted`'s test); elsewhere nothing would run a timer.
pub fn systemd_is_init() -> bool {
    Path::new("/run/systemd/system").is_dir()
}

/// Every minute; `Persistent` runs once at wake or boot for minutes that passed while the machine
/// slept or was off, and the catch-up rule makes that one run show each missed reminder once.
const TIMER_UNIT: &str = "\
[Unit]
Description=Small Wins reminders, every minute

[Timer]
OnCalendar=minutely
Persistent=true
AccuracySec=1s

[Install]
WantedBy=timers.target
";

fn service_unit(wins: &Path, journal: Option<&Path>) -> Result<String> {
    let mut command = vec![quoted(wins)?];
    if let Some(journal) = journal {
        command.push("--db".to_owned());
        command.push(quoted(journal)?);
    }
    command.extend(["remind".to_owned(), "run".to_owned()]);
    Ok(format!(
        "[Unit]\nDescription=Small Wins reminders: show the ones that are due\n\n\
         [Service]\nType=oneshot\nExecStart={}\n\
         # The process that shows the notifications stays to hear a click after `run` exits.\n\
         KillMode=process\n",
        command.join(" ")
    ))
}

/// An absolute path as one `ExecStart` word: quoted, with systemd's specifiers (`%`) and variable
/// expansion (`$`) escaped.
fn quoted(path: &Path) -> Result<String> {
    let text = path
        .to_str()
        .filter(|text| path.is_absolute() && !text.contains(['\n', '\r']))
        .ok_or_else(|| {
            Error::invalid(
                "path",
                format!("{} cannot be written into a systemd unit", path.display()),
            )
        })?;
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('%', "%%")
        .replace('$', "$$");
    Ok(format!("\"{escaped}\""))
}

/// Writes a unit whole: a temporary file beside it, renamed over it.
fn write_unit(path: &Path, text: &str) -> Result<()> {
    let io_error = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(io_error)?;
    let mut file = tempfile::NamedTempFile::new_in(folder).map_err(io_error)?;
    file.write_all(text.as_bytes()).map_err(io_error)?;
    file.as_file().sync_all().map_err(io_error)?;
    file.persist(path).map_err(|e| io_error(e.error))?;
    Ok(())
}

fn systemctl(args: &[&str]) -> Result<()> {
    let output = Command::new("systemctl")
        .arg("--user")
        .args(args)
        .output()
        .map_err(|e| Error::Systemd(format!("cannot run systemctl: {e}")))?;
    if output.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&output.stderr);
    Err(Error::Systemd(format!(
        "systemctl --user {} failed: {}",
        args.join(" "),
        said.trim()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_service_runs_wins_with_the_journal_quoted_for_systemd() {
        let unit = service_unit(
            Path::new("/opt/small wins/wins"),
            Some(Path::new("/home/a/100% \"mine\"/$HOME.sqlite3")),
        )
        .unwrap();
        assert!(unit.contains(
            "ExecStart=\"/opt/small wins/wins\" --db \"/home/a/100%% \\\"mine\\\"/$$HOME.sqlite3\" remind run\n"
        ));
        assert!(service_unit(Path::new("wins"), None).is_err());
        assert!(service_unit(Path::new("/bin/wins"), Some(Path::new("/a\nb"))).is_err());
    }
}
