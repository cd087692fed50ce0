//! The app's own command line (`small-wins --help`, `--version`, `--background`), read before any
//! window or toolkit starts, so that a person at a terminal, or a machine with no display, gets one
//! plain answer instead of a toolkit's trace.

use clap::Parser;

use crate::signals::Destination;

/// How Small Wins was started.
#[derive(Debug, Parser)]
#[command(
    name = "small-wins",
    version,
    about = "Small Wins, the desktop journal for progress learning",
    after_help = "The journal is $SMALL_WINS_DB, or else $XDG_DATA_HOME/small-wins/journal.sqlite3 \
                  (~/.local/share/small-wins/journal.sqlite3). `wins --help` shows the terminal front end."
)]
pub struct Launch {
    /// Start in the tray without showing the window (as starting at login does)
    #[arg(long)]
    pub background: bool,

    /// Open this screen (a reminder's notification starts the app with it): capture, checkin,
    /// weekly_review, monthly_review, followups, team
    #[arg(long, value_name = "SCREEN")]
    pub open: Option<String>,

    /// Added by WebKitWebDriver when it starts the app for end-to-end tests; WebKit reads it, we don't.
    #[arg(long = "automation", hide = true)]
    _automation: bool,
}

impl Launch {
    /// The command line of this process; prints help, the version or a usage error and exits when
    /// that is what it asks for.
    pub fn from_args() -> Launch {
        let launch = Launch::parse();
        if let Some(missing) = missing_display() {
            eprintln!("small-wins: {missing}; `wins` works in a terminal without one");
            std::process::exit(1);
        }
        launch
    }

    /// The command line a second launch handed over (see the single-instance plugin), if it is one
    /// Small Wins reads.
    pub fn of_second_instance(args: &[String]) -> Option<Launch> {
        Launch::try_parse_from(args).ok()
    }

    /// The screen `--open` names, when it names one.
    pub fn destination(&self) -> Option<Destination> {
        self.open.as_deref().and_then(Destination::named)
    }
}

/// Why there is no display to open the window on, if there is none (Linux and the BSDs only: the
/// other systems always have one).
fn missing_display() -> Option<&'static str> {
    let has = |variable: &str| std::env::var_os(variable).is_some_and(|value| !value.is_empty());
    let needs_one = cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    ));
    (needs_one && !has("DISPLAY") && !has("WAYLAND_DISPLAY"))
        .then_some("no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<String> {
        words.iter().map(|word| word.to_string()).collect()
    }

    #[test]
    fn starting_at_login_asks_for_the_background() {
        let background = |words: &[&str]| Launch::of_second_instance(&args(words)).is_some_and(|l| l.background);
        assert!(background(&["small-wins", crate::tray::BACKGROUND_ARG]));
        assert!(!background(&["small-wins"]));
        assert!(Launch::of_second_instance(&args(&["small-wins", "--bogus"])).is_none());
    }
}
