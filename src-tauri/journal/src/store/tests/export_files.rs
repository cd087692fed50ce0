//! Exports create their files the safe way: no writing through planted symlinks, onto FIFOs or
//! devices, or over files the journal did not write.

use std::fs;
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::{journal, win};
use crate::export_import::{ExportFormat, export};
use crate::{Filter, Store};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-01-16T12:00:00+01:00").unwrap()
}

fn export_to(store: &Store, format: ExportFormat, path: &Path) -> crate::Result<()> {
    export(store, format, path, &Filter::default(), &now()).map(drop)
}

/// A journal of one entry, and the name its Markdown folder export gives it.
fn one_entry() -> (tempfile::TempDir, Store, String) {
    let (dir, mut store) = journal();
    store
        .add(win("Shipped the checklist #work", "2025-01-06T10:00:00Z"), &now())
        .unwrap();
    let probe = dir.path().join("probe/");
    export_to(&store, ExportFormat::Markdown, &probe).unwrap();
    let name = fs::read_dir(&probe).unwrap().next().unwrap().unwrap().file_name();
    (dir, store, name.into_string().unwrap())
}

#[cfg(unix)]
#[test]
fn a_folder_export_never_writes_through_a_planted_symlink() {
    let (dir, store, name) = one_entry();
    for target_exists in [true, false] {
        let folder = dir.path().join(format!("shared-{target_exists}"));
        fs::create_dir(&folder).unwrap();
        let profile = dir.path().join(format!("profile-{target_exists}"));
        if target_exists {
            fs::write(&profile, "export PATH=/usr/bin\n").unwrap();
        }
        std::os::unix::fs::symlink(&profile, folder.join(&name)).unwrap();
        let error = export_to(&store, ExportFormat::Markdown, &folder).unwrap_err();
        assert!(error.to_string().contains("was not written by Small Wins"), "{error}");
        let after = fs::read_to_string(&profile).unwrap_or_default();
        assert!(!after.contains("Shipped"), "the export wrote through the symlink");
        assert!(
            fs::symlink_metadata(folder.join(&name))
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

#[test]
fn a_folder_export_leaves_a_foreign_file_of_the_same_name_alone() {
    let (dir, store, name) = one_entry();
    let folder = dir.path().join("notes");
    fs::create_dir(&folder).unwrap();
    for foreign in ["my own note\n", "---\nid: \"someone else\"\n---\nnot ours\n", ""] {
        fs::write(folder.join(&name), foreign).unwrap();
        let error = export_to(&store, ExportFormat::Markdown, &folder).unwrap_err();
        assert_eq!(error.code(), crate::ErrorCode::InvalidInput, "{error}");
        assert!(error.to_string().contains(&name), "{error}");
        assert_eq!(fs::read_to_string(folder.join(&name)).unwrap(), foreign);
    }
}

#[test]
fn a_refused_folder_export_names_no_file_at_all() {
    let (dir, mut store, _) = one_entry();
    store
        .add(win("A second entry", "2025-01-07T10:00:00Z"), &now())
        .unwrap();
    let probe = dir.path().join("probe-two/");
    export_to(&store, ExportFormat::Markdown, &probe).unwrap();
    let second = fs::read_dir(&probe)
        .unwrap()
        .map(|f| f.unwrap().file_name().into_string().unwrap())
        .find(|name| name.contains("a-second-entry"))
        .unwrap();
    // The user's file has the later entry's name: the earlier entry's file is not left behind either.
    let folder = dir.path().join("notes");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join(&second), "my own note\n").unwrap();
    let error = export_to(&store, ExportFormat::Markdown, &folder).unwrap_err();
    assert!(error.to_string().contains(&second), "{error}");
    let left: Vec<_> = fs::read_dir(&folder).unwrap().map(|f| f.unwrap().file_name()).collect();
    assert_eq!(left, [std::ffi::OsString::from(&second)]);
    assert_eq!(fs::read_to_string(folder.join(&second)).unwrap(), "my own note\n");
}

#[test]
fn a_folder_export_again_replaces_its_own_earlier_files() {
    let (dir, mut store, name) = one_entry();
    let folder = dir.path().join("probe");
    store
        .add(win("A second entry", "2025-01-07T10:00:00Z"), &now())
        .unwrap();
    export_to(&store, ExportFormat::Markdown, &folder).unwrap();
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 2);
    assert!(
        fs::read_to_string(folder.join(&name))
            .unwrap()
            .contains("Shipped the checklist")
    );
    // Nothing left over from the temporary files the export wrote through.
    assert!(
        fs::read_dir(&folder)
            .unwrap()
            .all(|f| f.unwrap().file_name().to_string_lossy().ends_with(".md"))
    );
}

#[cfg(unix)]
#[test]
fn an_export_onto_a_fifo_or_device_is_refused_and_leaves_it() {
    use std::os::unix::fs::FileTypeExt;
    let (dir, store, _) = one_entry();
    let fifo = dir.path().join("out.fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for format in [ExportFormat::Json, ExportFormat::Csv, ExportFormat::Markdown] {
        for path in [fifo.as_path(), Path::new("/dev/null")] {
            let error = export_to(&store, format, path).unwrap_err();
            assert!(error.to_string().contains("is not a regular file"), "{error}");
        }
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
}

#[cfg(unix)]
#[test]
fn a_file_export_is_private_and_names_the_users_path_when_it_fails() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, store, _) = one_entry();
    let out = dir.path().join("journal.json");
    export_to(&store, ExportFormat::Json, &out).unwrap();
    assert_eq!(fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    let missing = dir.path().join("no/such/folder/journal.csv");
    let error = export_to(&store, ExportFormat::Csv, &missing).unwrap_err();
    assert!(error.to_string().contains(&missing.display().to_string()), "{error}");
    assert!(!error.to_string().contains("at path"), "{error}");
    assert_eq!(
        error.to_string().matches(".tmp").count(),
        1,
        "only the user's path: {error}"
    );
}
