//! The folder export's guarantees, checked on real folders: whole or nothing under a new name,
//! one by one into a folder that is there, and no hang or leftover when a file cannot be written.

use std::fs;
use std::path::Path;

use super::folder_export::{ExportFile, FolderExport};

fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|item| item.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn two_files(folder: &Path) -> FolderExport {
    let file = |name: &str, text: &str| ExportFile {
        name: format!("{name}.md"),
        contents: format!("---\nid: \"{name}\"\n---\n{text}\n").into_bytes(),
        identity: format!("---\nid: \"{name}\"\n").into_bytes(),
    };
    let mut export = FolderExport::new(folder).unwrap();
    export
        .add_all([file("a", "first"), file("b", "second")].into_iter())
        .unwrap();
    export
}

#[cfg(target_os = "linux")]
#[test]
fn a_new_folder_appears_whole_with_nothing_left_beside_it() {
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("notes");
    let export = two_files(&folder);
    assert!(!folder.exists(), "no file is under its name before the export finishes");
    assert_eq!(
        names(parent.path()).len(),
        1,
        "only the staging folder, beside the destination"
    );
    export.finish().unwrap();
    assert_eq!(names(parent.path()), ["notes"]);
    assert_eq!(names(&folder), ["a.md", "b.md"]);
    assert_eq!(
        fs::read_to_string(folder.join("b.md")).unwrap(),
        "---\nid: \"b\"\n---\nsecond\n"
    );

    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    fs::create_dir(parent.path().join("made")).unwrap();
    assert_eq!(
        mode(&folder),
        mode(&parent.path().join("made")),
        "the folder as create_dir makes it"
    );
    assert_eq!(mode(&folder.join("a.md")), 0o600);
}

#[test]
fn a_file_that_cannot_be_written_stops_the_export_with_its_name_and_leaves_nothing() {
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("notes");
    // Many more files than the writers' queue holds, one of them early with a name no file
    // system takes (longer than 255 bytes): the export stops on it instead of waiting forever.
    let files = (0..500).map(|i| ExportFile {
        name: if i == 5 {
            format!("{}.md", "x".repeat(300))
        } else {
            format!("{i}.md")
        },
        contents: b"text\n".to_vec(),
        identity: Vec::new(),
    });
    let mut export = FolderExport::new(&folder).unwrap();
    let error = export.add_all(files).unwrap_err();
    assert!(error.to_string().contains("xxxxxxxx.md"), "{error}");
    drop(export);
    assert!(names(parent.path()).is_empty(), "{:?}", names(parent.path()));
}

#[test]
fn a_destination_written_with_dots_is_the_folder_it_names() {
    let parent = tempfile::tempdir().unwrap();
    two_files(&parent.path().join("new/.")).finish().unwrap();
    assert_eq!(names(&parent.path().join("new")), ["a.md", "b.md"]);
    two_files(&parent.path().join("up/down/..")).finish().unwrap();
    assert_eq!(names(&parent.path().join("up")), ["a.md", "b.md", "down"]);
    assert_eq!(names(parent.path()), ["new", "up"]);
}

#[test]
fn an_export_stopped_before_it_finishes_leaves_nothing() {
    let parent = tempfile::tempdir().unwrap();
    drop(two_files(&parent.path().join("notes")));
    assert!(names(parent.path()).is_empty());
    let there = parent.path().join("there");
    fs::create_dir(&there).unwrap();
    drop(two_files(&there));
    assert!(names(&there).is_empty());
}

#[test]
fn a_folder_made_meanwhile_gets_the_files_one_by_one_and_keeps_what_is_its_own() {
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("notes");
    let export = two_files(&folder);
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("mine.txt"), "my own\n").unwrap();
    export.finish().unwrap();
    assert_eq!(names(&folder), ["a.md", "b.md", "mine.txt"]);
    assert_eq!(names(parent.path()), ["notes"], "the staging folder is gone");

    let export = two_files(&folder);
    fs::remove_file(folder.join("b.md")).unwrap();
    fs::write(folder.join("b.md"), "my own b\n").unwrap();
    let error = export.finish().unwrap_err();
    assert!(error.to_string().contains("b.md"), "{error}");
    assert_eq!(fs::read_to_string(folder.join("b.md")).unwrap(), "my own b\n");
}
