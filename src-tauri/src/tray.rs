//! Living in the tray: the icon with "Log a win" and "Open", starting at login, and keeping the app
//! running when the window closes once it starts at login, so reminders still arrive.

use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime, Window, WindowEvent};
use tauri_plugin_autostart::ManagerExt;

use crate::commands::Reply;
use crate::error::CommandError;
use crate::signals::{Destination, open_at};

/// The argument the login item starts Small Wins with: straight to the tray, no window.
pub const BACKGROUND_ARG: &str = "--background";

pub fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let log_win = MenuItem::with_id(app, "log-win", "Log a win", true, None::<&str>)?;
    let open = MenuItem::with_id(app, "open", "Open Small Wins", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit Small Wins", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&log_win, &open, &PredefinedMenuItem::separator(app)?, &quit])?;
    let mut tray = TrayIconBuilder::with_id("main")
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
    let unavailable = || CommandError {
        code: "autostart".to_owned(),
        message: "starting at login is not available here".to_owned(),
    };
    app.try_state::<tauri_plugin_autostart::AutoLaunchManager>()
        .ok_or_else(unavailable)?;
    if enabled && let Ok(home) = app.path().home_dir() {
        // The login-item library creates `~/.config/autostart` but not a missing `~/.config`.
        let _ = std::fs::create_dir_all(home.join(".config"));
    }
    let manager = app.autolaunch();
    let result = if enabled { manager.enable() } else { manager.disable() };
    result.map_err(|error| CommandError {
        code: "autostart".to_owned(),
        message: format!("could not change starting at login: {error}"),
    })?;
    starts_at_login(app).ok_or_else(unavailable)
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
