//! Why the window is built hidden (`"visible": false` in `tauri.conf.json`) and shown once its page
//! has first loaded: a window shown as it is built is blank until the page paints, and WebKitGTK,
//! asked to draw a page that has not painted yet, waits up to 500 ms for it on the main thread
//! (`DrawingAreaProxyCoordinatedGraphics::forceUpdateIfNeeded`) — a wait that, in about a third of
//! launches, the page's process cannot end because it is itself waiting on the main thread. Shown
//! once loaded, the window's first frame is the page's (`docs/benchmarks.md`).

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{Runtime, Webview};

/// The `on_page_load` handler that shows the window the first time its page has loaded, unless
/// Small Wins started in the background (at login), where the tray or a second launch shows it.
/// A page loaded again later (a reload) leaves the window as the person left it.
pub fn show_once_loaded<R: Runtime>(
    background: bool,
) -> impl Fn(&Webview<R>, &PageLoadPayload<'_>) + Send + Sync + 'static {
    let waiting = AtomicBool::new(!background);
    move |webview, payload| {
        if payload.event() == PageLoadEvent::Finished && waiting.swap(false, Ordering::Relaxed) {
            let window = webview.window();
            if let Err(error) = window.show().and_then(|()| window.set_focus()) {
                log::error!("the window could not be shown: {error}");
            }
        }
    }
}
