//! The date patterns the page learnt in the person's locale (`ui/src/lib/dateFormats.ts`), kept in
//! the app's cache folder and sent with the page (`first_reads.rs`), so that later launches write
//! Today's dates without loading ICU's locale data into the page's process (about 2 MiB for as long
//! as the window runs). Kept with what taught them, the WebKit version and the ICU library under it:
//! either may bring new locale data, and the page then learns its patterns again.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};

use crate::commands::Reply;
use crate::error::CommandError;

/// The file in the app's cache folder (`$XDG_CACHE_HOME/<identifier>/` on Linux).
const FILE_NAME: &str = "date-formats.json";

/// The most the file may take, in bytes; the four patterns Today uses take 2–4 kB. A larger file is
/// not read, and patterns that would make one are not kept.
const LARGEST: usize = 64 * 1024;

/// The file: the page's text as it sent it, and what taught it (`taught_by`).
#[derive(Serialize, Deserialize)]
struct KeptFile {
    taught_by: String,
    formats: String,
}

/// What taught the page its patterns: the WebKit the window runs and the ICU library under it, as
/// "webkit 2.50.6, libicuuc.so.72.1" (a distribution may rebuild WebKit against a new ICU, whose
/// locale data may write dates otherwise, without changing WebKit's version). `None` where they
/// cannot be read: nothing is kept then, and the page writes its dates through `Intl`.
#[cfg(target_os = "linux")]
pub fn taught_by() -> Option<String> {
    // SAFETY: each returns a constant of the linked library; none takes an argument or needs
    // WebKit started.
    let (major, minor, micro) = unsafe {
        (
            webkit2gtk_sys::webkit_get_major_version(),
            webkit2gtk_sys::webkit_get_minor_version(),
            webkit2gtk_sys::webkit_get_micro_version(),
        )
    };
    // WebKit links ICU, so this process has mapped the same library file its page's process uses.
    let maps = BufReader::new(File::open("/proc/self/maps").ok()?);
    let icu = maps.lines().map_while(Result::ok).find_map(|line| {
        let file = line.rsplit('/').next()?;
        file.starts_with("libicuuc.so").then(|| file.to_owned())
    })?;
    Some(format!("webkit {major}.{minor}.{micro}, {icu}"))
}

/// Elsewhere the system's web view says nothing the shell can read of its locale data.
#[cfg(not(target_os = "linux"))]
pub fn taught_by() -> Option<String> {
    None
}

/// The page's kept text, if `folder` holds one `taught_by` the same web view and ICU. A file that
/// is missing, not a regular file, larger than 64 KiB, damaged or taught by another gives `None`:
/// the page then writes its dates through `Intl` and learns them again.
pub fn kept(folder: &Path, taught_by: &str) -> Option<String> {
    let path = folder.join(FILE_NAME);
    // Not opened unless a regular file: opening a FIFO would wait for a writer, at every start.
    if !std::fs::symlink_metadata(&path).ok()?.is_file() {
        return None;
    }
    let mut text = String::new();
    File::open(&path)
        .ok()?
        .take(LARGEST as u64 + 1)
        .read_to_string(&mut text)
        .ok()?;
    if text.len() > LARGEST {
        return None;
    }
    let file: KeptFile = serde_json::from_str(&text).ok()?;
    (file.taught_by == taught_by).then_some(file.formats)
}

/// Keeps the page's `formats` (JSON text) as taught by `taught_by`, replacing what `folder` kept,
/// whole or not at all (`journal::write_whole`).
///
/// Errors: `internal` (only the page sends it) for text that is not JSON or would make a file
/// larger than 64 KiB; the journal's `io` error naming the file when it cannot be written.
pub fn keep(folder: &Path, taught_by: &str, formats: &str) -> Reply<()> {
    serde_json::from_str::<serde::de::IgnoredAny>(formats)
        .map_err(|error| CommandError::internal(format!("the date patterns are not JSON: {error}")))?;
    let file = serde_json::to_vec(&KeptFile {
        taught_by: taught_by.to_owned(),
        formats: formats.to_owned(),
    })
    .map_err(|error| CommandError::internal(error.to_string()))?;
    if file.len() > LARGEST {
        let size = file.len();
        return Err(CommandError::internal(format!(
            "the date patterns take {size} bytes, more than {LARGEST}"
        )));
    }
    let path = folder.join(FILE_NAME);
    let cannot = |source| journal::Error::Io {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(folder).map_err(cannot)?;
    journal::write_whole(&path, "date formats", |out| out.write_all(&file).map_err(cannot))?;
    Ok(())
}

/// The app's cache folder, where the patterns are kept.
pub fn folder<R: Runtime, M: Manager<R>>(app: &M) -> Option<PathBuf> {
    app.path()
        .app_cache_dir()
        .inspect_err(|error| log::warn!("no cache folder for the date patterns: {error}"))
        .ok()
}

/// Keeps the date patterns the page learnt, for the next launch's first reads; keeps nothing where
/// what taught them cannot be told (see `taught_by`).
#[tauri::command(async)]
pub fn remember_date_formats<R: Runtime>(app: AppHandle<R>, formats: String) -> Reply<()> {
    let Some(taught_by) = taught_by() else {
        return Ok(());
    };
    let folder = folder(&app).ok_or_else(|| CommandError::internal("the app has no cache folder"))?;
    keep(&folder, &taught_by, &formats)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMATS: &str = r#"{"locale":"de-DE","patterns":{}}"#;

    #[test]
    fn kept_patterns_come_back_only_for_what_taught_them() {
        let folder = tempfile::tempdir().unwrap();
        let cache = folder.path().join("cache");
        assert_eq!(kept(&cache, "2.50.1"), None, "nothing kept yet");
        keep(&cache, "2.50.1", FORMATS).unwrap();
        assert_eq!(kept(&cache, "2.50.1").as_deref(), Some(FORMATS));
        assert_eq!(kept(&cache, "2.52.0"), None, "another WebKit or ICU learns them again");
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
        // Each `"` of the text is escaped again in the file: the file's size is what is limited.
        let quotes = format!("[{}]", vec!["\"\""; LARGEST / 5].join(","));
        assert!(quotes.len() < LARGEST);
        assert!(keep(folder.path(), "2.50.1", &quotes).is_err());
        assert_eq!(kept(folder.path(), "2.50.1").as_deref(), Some(FORMATS));
    }

    #[test]
    fn a_damaged_or_oversized_file_is_not_read() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join(FILE_NAME), "{\"webkit\":\"2.50.1\",\"form").unwrap();
        assert_eq!(kept(folder.path(), "2.50.1"), None);
        let oversized = serde_json::to_string(&KeptFile {
            taught_by: "2.50.1".into(),
            formats: "x".repeat(LARGEST),
        })
        .unwrap();
        std::fs::write(folder.path().join(FILE_NAME), oversized).unwrap();
        assert_eq!(kept(folder.path(), "2.50.1"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_fifo_in_its_place_is_not_opened() {
        use std::os::unix::ffi::OsStrExt;
        let folder = tempfile::tempdir().unwrap();
        let path = std::ffi::CString::new(folder.path().join(FILE_NAME).as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
        assert_eq!(
            kept(folder.path(), "2.50.1"),
            None,
            "answered at once, without waiting for a writer"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn what_taught_them_names_the_webkit_and_the_icu_library() {
        let taught_by = taught_by().expect("WebKit and ICU are linked");
        let (webkit, icu) = taught_by.split_once(", ").unwrap();
        let version = webkit.strip_prefix("webkit ").unwrap();
        assert_eq!(
            version.split('.').filter(|part| part.parse::<u32>().is_ok()).count(),
            3,
            "{taught_by}"
        );
        assert!(icu.starts_with("libicuuc.so."), "{taught_by}");
    }
}
