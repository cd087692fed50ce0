//! The window never leaves the app: a navigation to any page but the app's own (a link in an
//! entry or a goal, a script's `location = …`) is refused here, in the shell, whatever the page
//! does. Opening new windows is refused by the webview already (the app sets no handler for it).

use tauri::plugin::TauriPlugin;
use tauri::{Manager, Runtime, Url};

pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|webview, url| {
            let dev_server = tauri::is_dev()
                .then(|| webview.config().build.dev_url.clone())
                .flatten();
            let allowed = is_app_page(url, dev_server.as_ref());
            if !allowed {
                // Not the address: it may come from the journal, which logs never quote.
                log::warn!("the window was kept from leaving the app");
            }
            allowed
        })
        .build()
}

/// The app's own pages: `tauri://localhost` (`http(s)://tauri.localhost` on Windows), and Vite's
/// dev server while developing.
fn is_app_page(url: &Url, dev_server: Option<&Url>) -> bool {
    let own = match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    };
    own || dev_server.is_some_and(|dev| dev.origin() == url.origin())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(url: &str, dev: Option<&str>) -> bool {
        let dev = dev.map(|dev| Url::parse(dev).unwrap());
        is_app_page(&Url::parse(url).unwrap(), dev.as_ref())
    }

    #[test]
    fn only_the_apps_own_pages_are_allowed() {
        assert!(allowed("tauri://localhost/", None));
        assert!(allowed("tauri://localhost/index.html#today", None));
        assert!(allowed("http://tauri.localhost/", None));
        assert!(allowed("http://127.0.0.1:5173/", Some("http://127.0.0.1:5173")));
        for away in [
            "https://example.com/",
            "http://127.0.0.1:5173/",
            "tauri://evil.example/",
            "http://tauri.localhost.evil.example/",
            "http://tauri.localhost:8080/",
            "file:///home/someone/.bashrc",
            "javascript:alert(1)",
            "data:text/html,<h1>hi</h1>",
            "about:blank",
        ] {
            assert!(!allowed(away, None), "{away}");
        }
        assert!(!allowed("http://127.0.0.1:5174/", Some("http://127.0.0.1:5173")));
    }
}
