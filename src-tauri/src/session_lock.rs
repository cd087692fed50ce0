//! Locks an encrypted journal when the desktop session locks or the machine is about to sleep,
//! as logind tells over the system D-Bus (its session `Lock` and its `PrepareForSleep` signals).
//! Where no logind answers (no system bus, a container) nothing is watched: the idle lock holds.

use tauri::{AppHandle, Runtime};
use zbus::blocking::{Connection, Proxy};
use zbus::zvariant::OwnedObjectPath;

use crate::encryption::lock_from_backend;

const LOGIND: &str = "org.freedesktop.login1";
const MANAGER_PATH: &str = "/org/freedesktop/login1";
const MANAGER: &str = "org.freedesktop.login1.Manager";
const SESSION: &str = "org.freedesktop.login1.Session";

/// Watches logind on threads of their own, for as long as the app runs.
pub fn watch<R: Runtime>(app: &AppHandle<R>) {
    let connection = match Connection::system() {
        Ok(connection) => connection,
        Err(error) => {
            log::info!("no system D-Bus, so no lock on session lock or suspend: {error}");
            return;
        }
    };
    let (sleep_app, sleep_connection) = (app.clone(), connection.clone());
    spawn("lock-on-suspend", move || {
        let manager = Proxy::new(&sleep_connection, LOGIND, MANAGER_PATH, MANAGER)?;
        for signal in manager.receive_signal("PrepareForSleep")? {
            // `true` before the sleep, `false` after waking.
            if matches!(signal.body().deserialize::<bool>(), Ok(true)) {
                lock_from_backend(&sleep_app);
            }
        }
        Ok(())
    });
    let app = app.clone();
    spawn("lock-on-session-lock", move || {
        let manager = Proxy::new(&connection, LOGIND, MANAGER_PATH, MANAGER)?;
        let session: OwnedObjectPath = manager.call("GetSessionByPID", &std::process::id())?;
        let session = Proxy::new(&connection, LOGIND, session, SESSION)?;
        for _ in session.receive_signal("Lock")? {
            lock_from_backend(&app);
        }
        Ok(())
    });
}

fn spawn(name: &str, watch: impl FnOnce() -> zbus::Result<()> + Send + 'static) {
    let thread = name.to_owned();
    let spawned = std::thread::Builder::new().name(thread.clone()).spawn(move || {
        if let Err(error) = watch() {
            log::info!("{thread}: logind cannot be watched: {error}");
        }
    });
    if let Err(error) = spawned {
        log::warn!("{name} could not start: {error}");
    }
}
