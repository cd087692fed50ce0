//! An empty Tauri 2 window that reports when its page has painted, as Small Wins reports its timeline.

use std::time::Instant;

struct Launched(Instant);

#[tauri::command]
fn app_ready(launched: tauri::State<'_, Launched>) {
    println!(
        "first timeline painted {} ms after launch",
        launched.0.elapsed().as_millis()
    );
}

fn main() {
    // Built the way Small Wins is: software compositing on Linux (see small_wins::run).
    if cfg!(target_os = "linux") && std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: first thing in main, before any other thread exists.
        unsafe { std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1") };
    }
    tauri::Builder::default()
        .manage(Launched(Instant::now()))
        .invoke_handler(tauri::generate_handler![app_ready])
        .run(tauri::generate_context!())
        .unwrap_or_else(|error| eprintln!("the floor app could not start: {error}"));
}
