//! Living in the background: starting at login, and then a tray icon with "Log a win" and "Open",
//! and the app kept running when its window closes, so reminders still arrive.
//!
//! The tray comes with starting at login because that is when the app has no window to reach it
//! by; an app that quits with its window does not need one (and the indicator library costs about
//! 10 MB).

use std::time::Duration;

use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime, Window, WindowEvent};
use tauri_plugin_autostart::ManagerExt;

use crate::commands::Reply;
use crate::error::{CommandError, ShellErrorCode};
use crate::signals::{Destination, open_at};

/// The argument the login item starts Small Wins with: straight to the tray, no window.
pub const BACKGROUND_ARG: &str = "--background";

/// How long after start-up the tray icon appears: building it (the indicator library and its menu)
/// costs the first paint a noticeable moment, and nobody reaches for the tray that soon.
const TRAY_DELAY: Duration = Duration::from_secs(2);

/// At start-up: puts the tray icon up, once the window has had time to show, if Small Wins starts
/// at login.
pub fn install_soon_if_starting_at_login<R: Runtime>(app: &AppHandle<R>) -> std::io::Result<()> {
    if starts_at_login(app) != Some(true) {
        return Ok(());
    }
    let app = app.clone();
    std::thread::Builder::new().name("tray".into()).spawn(move || {
        std::thread::sleep(TRAY_DELAY);
        show_tray(&app, true);
    })?;
    Ok(())
}

/// Puts the tray icon up or takes it down, on the main thread as the toolkit needs.
fn show_tray<R: Runtime>(app: &AppHandle<R>, shown: bool) {
    let handle = app.clone();
    let scheduled = app.run_on_main_thread(move || {
        if !shown {
            handle.remove_tray_by_id(TRAY_ID);
        } else if handle.tray_by_id(TRAY_ID).is_none()
            && let Err(error) = install(&handle)
        {
            log::error!("the tray icon could not be shown: {error}");
        }
    });
    if let Err(error) = scheduled {
        log::error!("the tray icon could not be changed: {error}");
    }
}

const TRAY_ID: &str = "main";

fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let log_win = MenuItem::with_id(app, "log-win", "Log a win", true, None::<&str>)?;
    let open = MenuItem::with_id(app, "open", "Open Small Wins", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit Small Wins", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&log_win, &open, &PredefinedMenuItem::separator(app)?, &quit])?;
    let mut tray = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("Small Wins")
        .menu(&menu)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "log-win" => open_at(app, Some(Destination::Capture)),
            "open" => open_at(app, None),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

/// Whether Small Wins starts at login, or `None` where that cannot be told (as in tests).
pub fn starts_at_login<R: Runtime>(app: &AppHandle<R>) -> Option<bool> {
    app.try_state::<tauri_plugin_autostart::AutoLaunchManager>()?;
    app.autolaunch().is_enabled().ok()
}

pub fn set_start_at_login<R: Runtime>(app: &AppHandle<R>, enabled: bool) -> Reply<bool> {
    let unavailable = || CommandError::shell(ShellErrorCode::Autostart, "starting at login is not available here");
    app.try_state::<tauri_plugin_autostart::AutoLaunchManager>()
        .ok_or_else(unavailable)?;
    if enabled && let Ok(home) = app.path().home_dir() {
        // The login-item library creates `~/.config/autostart` but not a missing `~/.config`.
        let _ = std::fs::create_dir_all(home.join(".config"));
    }
    let manager = app.autolaunch();
    let result = if enabled { manager.enable() } else { manager.disable() };
    result.map_err(|error| {
        CommandError::shell(
            ShellErrorCode::Autostart,
            format!("could not change starting at login: {error}"),
        )
    })?;
    let now = starts_at_login(app).ok_or_else(unavailable)?;
    show_tray(app, now);
    Ok(now)
}

/// Closing the window of an app that starts at login hides it to the tray; otherwise it quits.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event
        && starts_at_login(window.app_handle()) == Some(true)
    {
        api.prevent_close();
        let _ = window.hide();
    }
}
