//! The date patterns the page learnt in the person's locale (`ui/src/lib/dateFormats.ts`), kept in
//! the app's cache folder and sent with the page (`first_reads.rs`), so that later launches write
//! Today's dates without loading ICU's locale data into the page's process (about 2 MiB for as long
//! as the window runs). Kept with the version of the WebKit that taught them: a new WebKit may bring
//! new locale data, and the page then learns its patterns again.

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};

use crate::commands::Reply;
use crate::error::CommandError;

/// The file in the app's cache folder (`$XDG_CACHE_HOME/<identifier>/` on Linux).
const FILE_NAME: &str = "date-formats.json";

/// The most the page's patterns may take, in bytes; the four Today uses take about 4 kB. A larger
/// file is not read and a larger text not kept.
const LARGEST: usize = 64 * 1024;

/// The file: the page's text as it sent it, and the WebKit it was learnt in.
#[derive(Serialize, Deserialize)]
struct KeptFile {
    webkit: String,
    formats: String,
}

/// The WebKit the window runs, as "2.50.1".
#[cfg(target_os = "linux")]
pub fn webkit_version() -> String {
    // SAFETY: each returns a constant of the linked library; none takes an argument or needs
    // WebKit started.
    let (major, minor, micro) = unsafe {
        (
            webkit2gtk_sys::webkit_get_major_version(),
            webkit2gtk_sys::webkit_get_minor_version(),
            webkit2gtk_sys::webkit_get_micro_version(),
        )
    };
    format!("{major}.{minor}.{micro}")
}

/// Elsewhere the system's web view has no version the shell can read; a kept pattern is then
/// learnt again only when the locale or the page's options change.
#[cfg(not(target_os = "linux"))]
pub fn webkit_version() -> String {
    String::new()
}

/// The page's kept text, if `folder` holds one learnt in `webkit`. A file that is missing, larger
/// than 64 KiB, damaged or of another WebKit gives `None`: the page then writes dates through
/// `Intl` and learns them again.
pub fn kept(folder: &Path, webkit: &str) -> Option<String> {
    let mut text = String::new();
    File::open(folder.join(FILE_NAME))
        .ok()?
        .take(LARGEST as u64 + 1)
        .read_to_string(&mut text)
        .ok()?;
    if text.len() > LARGEST {
        return None;
    }
    let file: KeptFile = serde_json::from_str(&text).ok()?;
    (file.webkit == webkit).then_some(file.formats)
}

/// Keeps the page's `formats` (JSON text, at most 64 KiB) for launches in `webkit`, replacing
/// what `folder` kept. Written to a temporary file renamed into place, so a reader finds the old
/// file or the new one whole. Not synced to disk: losing it costs one launch the locale's data.
///
/// Errors (`internal`: only the page sends it): text that is too large or not JSON, and a file that
/// cannot be written, named.
pub fn keep(folder: &Path, webkit: &str, formats: &str) -> Reply<()> {
    if formats.len() > LARGEST {
        let size = formats.len();
        return Err(CommandError::internal(format!(
            "the date patterns take {size} bytes, more than {LARGEST}"
        )));
    }
    serde_json::from_str::<serde::de::IgnoredAny>(formats)
        .map_err(|error| CommandError::internal(format!("the date patterns are not JSON: {error}")))?;
    let file = serde_json::to_vec(&KeptFile {
        webkit: webkit.to_owned(),
        formats: formats.to_owned(),
    })
    .map_err(|error| CommandError::internal(error.to_string()))?;
    let path = folder.join(FILE_NAME);
    let cannot =
        |error: std::io::Error| CommandError::internal(format!("{} could not be written: {error}", path.display()));
    std::fs::create_dir_all(folder).map_err(cannot)?;
    let mut temporary = tempfile::NamedTempFile::new_in(folder).map_err(cannot)?;
    temporary.write_all(&file).map_err(cannot)?;
    temporary.persist(&path).map_err(|error| cannot(error.error))?;
    Ok(())
}

/// The app's cache folder, where the patterns are kept.
pub fn folder<R: Runtime, M: Manager<R>>(app: &M) -> Option<std::path::PathBuf> {
    app.path()
        .app_cache_dir()
        .inspect_err(|error| log::warn!("no cache folder for the date patterns: {error}"))
        .ok()
}

/// Keeps the date patterns the page learnt, for the next launch's first reads.
#[tauri::command(async)]
pub fn remember_date_formats<R: Runtime>(app: AppHandle<R>, formats: String) -> Reply<()> {
    let folder = folder(&app).ok_or_else(|| CommandError::internal("the app has no cache folder"))?;
    keep(&folder, &webkit_version(), &formats)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMATS: &str = r#"{"locale":"de-DE","patterns":{}}"#;

    #[test]
    fn kept_patterns_come_back_only_for_the_webkit_that_taught_them() {
        let folder = tempfile::tempdir().unwrap();
        let cache = folder.path().join("cache");
        assert_eq!(kept(&cache, "2.50.1"), None, "nothing kept yet");
        keep(&cache, "2.50.1", FORMATS).unwrap();
        assert_eq!(kept(&cache, "2.50.1").as_deref(), Some(FORMATS));
        assert_eq!(kept(&cache, "2.52.0"), None, "another WebKit learns them again");
        keep(&cache, "2.52.0", r#"{"locale":"ja-JP"}"#).unwrap();
        assert_eq!(kept(&cache, "2.52.0").as_deref(), Some(r#"{"locale":"ja-JP"}"#));
        assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1, "no temporary file left");
    }

    #[test]
    fn text_that_is_not_json_or_too_large_is_refused_and_the_kept_file_stays() {
        let folder = tempfile::tempdir().unwrap();
        keep(folder.path(), "2.50.1", FORMATS).unwrap();
        let not_json = keep(folder.path(), "2.50.1", "{\"locale\":").unwrap_err();
        assert!(not_json.message.contains("not JSON"), "{}", not_json.message);
        let large = format!("\"{}\"", "x".repeat(LARGEST));
        let too_large = keep(folder.path(), "2.50.1", &large).unwrap_err();
        assert!(too_large.message.contains("more than 65536"), "{}", too_large.message);
        assert_eq!(kept(folder.path(), "2.50.1").as_deref(), Some(FORMATS));
    }

    #[test]
    fn a_damaged_or_oversized_file_is_not_read() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join(FILE_NAME), "{\"webkit\":\"2.50.1\",\"form").unwrap();
        assert_eq!(kept(folder.path(), "2.50.1"), None);
        let oversized = serde_json::to_string(&KeptFile {
            webkit: "2.50.1".into(),
            formats: "x".repeat(LARGEST),
        })
        .unwrap();
        std::fs::write(folder.path().join(FILE_NAME), oversized).unwrap();
        assert_eq!(kept(folder.path(), "2.50.1"), None);
    }
}
