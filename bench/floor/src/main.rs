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
    // Run the way Small Wins is: software compositing and no JavaScript JIT on Linux (see
    // small_wins::configure_webkit).
    if cfg!(target_os = "linux") {
        for (variable, value) in [("WEBKIT_DISABLE_COMPOSITING_MODE", "1"), ("JSC_useJIT", "0")] {
            if std::env::var_os(variable).is_none() {
                // SAFETY: first thing in main, before any other thread exists.
                unsafe { std::env::set_var(variable, value) };
            }
        }
    }
    tauri::Builder::default()
        .manage(Launched(Instant::now()))
        .invoke_handler(tauri::generate_handler![app_ready])
        .run(tauri::generate_context!())
        .unwrap_or_else(|error| eprintln!("the floor app could not start: {error}"));
}
