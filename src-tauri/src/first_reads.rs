//! The first screen's reads, sent with the page: the shell reads the encryption status, the damage
//! check and Today's view as it sets up, while WebKit starts the page's process, and writes them
//! into `index.html` as a JSON data block, so the page's script builds Today at once instead of
//! asking for them over IPC and waiting idle for the answers (`ui/src/lib/firstReads.ts` takes
//! them).
//!
//! Only the window's first load gets them: a page loaded again (a reload, a restarted web process)
//! asks over IPC as any screen does, so it never shows reads taken before it.

use std::borrow::Cow;
use std::sync::{Mutex, MutexGuard, PoisonError};

use journal::{Recovery, TodayView};
use serde::Serialize;
use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::{App, Assets, Context, Manager, Runtime};
use ts_rs::TS;

use crate::commands::Reply;
use crate::encryption::EncryptionStatus;
use crate::state::JournalState;

/// The element of `index.html` that carries the reads; `firstReads.ts` looks for this id.
const ELEMENT_ID: &str = "first-reads";

/// The three answers the page would otherwise ask for first, each as the command would give it:
/// `{ "Ok": value }` or `{ "Err": CommandError }`; and the date patterns the page learnt at an
/// earlier launch (`date_formats.rs`), as it sent them, or null.
#[derive(Serialize, TS)]
pub struct FirstReads {
    status: Reply<EncryptionStatus>,
    recovery: Reply<Option<Recovery>>,
    today: Reply<TodayView>,
    date_formats: Option<String>,
}

impl FirstReads {
    /// Reads them through the commands the page would call, so both ways answer alike.
    fn read<R: Runtime>(app: &App<R>) -> FirstReads {
        let journal = app.state::<JournalState>();
        FirstReads {
            status: crate::encryption::encryption_status(journal.clone()),
            recovery: crate::backups::journal_recovery(journal.clone()),
            today: crate::commands::today(journal.clone()),
            date_formats: crate::date_formats::folder(app)
                .zip(crate::date_formats::taught_by())
                .and_then(|(folder, taught_by)| crate::date_formats::kept(&folder, &taught_by)),
        }
    }
}

/// Serves the app's own files with the first reads written into `index.html` on its first load.
pub fn send_with_page<R: Runtime>(context: &mut Context<R>) {
    let embedded = context.set_assets(Box::new(NoFiles));
    context.set_assets(Box::new(WithFirstReads {
        embedded,
        reads: Mutex::new(None),
    }));
}

/// The app's files, and the first reads once read.
struct WithFirstReads<R: Runtime> {
    embedded: Box<dyn Assets<R>>,
    /// Read at setup, once the window is built; taken by the first page load.
    reads: Mutex<Option<String>>,
}

impl<R: Runtime> WithFirstReads<R> {
    /// The reads still to be sent; a panic elsewhere while they were held leaves them whole.
    fn reads(&self) -> MutexGuard<'_, Option<String>> {
        self.reads.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<R: Runtime> Assets<R> for WithFirstReads<R> {
    fn setup(&self, app: &App<R>) {
        self.embedded.setup(app);
        // Here rather than on a thread: the page's process takes far longer to start than these
        // reads (a few ms with 100,000 entries), and a thread would keep a heap arena of its own.
        *self.reads() = data_block(&FirstReads::read(app));
    }

    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        let file = self.embedded.get(key)?;
        if key.as_ref() != "/index.html" {
            return Some(file);
        }
        match self.reads().take() {
            Some(block) => Some(Cow::Owned(with_block(&file, &block))),
            None => Some(file),
        }
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        self.embedded.iter()
    }

    fn csp_hashes(&self, html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        self.embedded.csp_hashes(html_path)
    }
}

/// The reads as an HTML data block (`type="application/json"`: never run, so the CSP has nothing
/// to allow). Every `<` is written `\u003c`, so no journal text can close the element or open
/// another: the JSON means the same, and the HTML parser sees no tag inside it.
fn data_block(reads: &FirstReads) -> Option<String> {
    let json = serde_json::to_string(reads)
        // Plain data cannot fail to serialise; were it to, the page would ask for the reads itself.
        .inspect_err(|error| log::error!("the first reads could not be written: {error}"))
        .ok()?;
    Some(format!(
        r#"<script id="{ELEMENT_ID}" type="application/json">{}</script>"#,
        json.replace('<', r"\u003c")
    ))
}

/// `html` with `block` at the end of its head, where the page's script finds it before it runs.
fn with_block(html: &[u8], block: &str) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    match html.find("</head>") {
        Some(end) => [&html[..end], block, &html[end..]].concat().into_bytes(),
        None => html.into_owned().into_bytes(),
    }
}

/// Stands in for the app's files for the moment `send_with_page` takes them out of the context to
/// wrap them; never asked for anything.
struct NoFiles;

impl<R: Runtime> Assets<R> for NoFiles {
    fn get(&self, _key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        None
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(std::iter::empty())
    }

    fn csp_hashes(&self, _html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_journal_text_can_close_the_block_or_open_an_element() {
        let hostile = "</script><script>alert(1)</script><!-- <b>";
        let reads = FirstReads {
            status: Err(crate::CommandError::internal(hostile)),
            recovery: Ok(None),
            today: Err(crate::CommandError::internal("ok")),
            date_formats: Some(hostile.to_owned()),
        };
        let block = data_block(&reads).unwrap();
        let inner = block
            .strip_prefix(r#"<script id="first-reads" type="application/json">"#)
            .and_then(|rest| rest.strip_suffix("</script>"))
            .expect("one element");
        assert!(!inner.contains('<'), "{inner}");
        let parsed: serde_json::Value = serde_json::from_str(inner).unwrap();
        assert_eq!(parsed["status"]["Err"]["message"], hostile);
        assert_eq!(parsed["recovery"]["Ok"], serde_json::Value::Null);
        assert_eq!(parsed["date_formats"], hostile);
    }

    #[test]
    fn the_block_goes_at_the_end_of_the_head() {
        let html = b"<html><head><title>t</title></head><body></body></html>";
        let out = String::from_utf8(with_block(html, "<x></x>")).unwrap();
        assert_eq!(out, "<html><head><title>t</title><x></x></head><body></body></html>");
    }
}
