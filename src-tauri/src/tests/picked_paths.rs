//! The window's file commands over IPC: they write and read only the paths picked in a dialog the
//! shell opened, never one the window names, and the window has no dialog of its own.

use serde_json::{Value, json};

use super::{App, app};
use crate::picked_paths::Purpose;

fn export(app: &App, replace: bool) -> Result<Value, Value> {
    app.invoke(
        "export_journal",
        json!({ "format": "json", "filter": {}, "replace": replace }),
    )
}

#[test]
fn an_export_is_written_only_where_the_dialog_picked_and_never_over_a_file_unasked() {
    let app = app();
    app.invoke("add_entry", json!({ "entry": { "kind": "win", "text": "Shipped it" } }))
        .unwrap();
    assert_eq!(
        export(&app, true).unwrap_err(),
        json!({ "code": "nothing_picked", "message": "choose where the export goes first" })
    );

    let dir = tempfile::tempdir().unwrap();
    let picked = dir.path().join("journal.json");
    app.pick(Purpose::Export, &picked);
    // A path the window names is no argument of the command: it is never written.
    let planted = dir.path().join(".bashrc");
    let named = json!({ "format": "json", "filter": {}, "replace": true, "path": planted });
    let report = app.invoke("export_journal", named).unwrap();
    assert_eq!(
        (report["entries"].clone(), report["path"].clone()),
        (json!(1), json!(picked.display().to_string()))
    );
    assert!(!planted.exists());
    assert!(std::fs::read_to_string(&picked).unwrap().contains("Shipped it"));

    assert_eq!(
        export(&app, false).unwrap_err(),
        json!({ "code": "exists", "message": format!("{} already exists", picked.display()) })
    );
    assert_eq!(export(&app, true).unwrap()["entries"], 1);
}

#[test]
fn a_file_that_existed_when_picked_is_replaced_once_as_the_save_dialog_confirmed() {
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let picked = dir.path().join("old-export.json");
    std::fs::write(&picked, "an older export").unwrap();
    // The save dialog asked before replacing it, so the first export writes without asking again…
    app.pick(Purpose::Export, &picked);
    assert_eq!(export(&app, false).unwrap()["entries"], 0);
    assert_ne!(std::fs::read_to_string(&picked).unwrap(), "an older export");
    // …and the next one asks, as an export onto any existing file does.
    assert_eq!(export(&app, false).unwrap_err()["code"], "exists");
    // A file that appeared after it was picked was never confirmed.
    let later = dir.path().join("later.json");
    app.pick(Purpose::Export, &later);
    std::fs::write(&later, "written meanwhile").unwrap();
    assert_eq!(export(&app, false).unwrap_err()["code"], "exists");
    assert_eq!(std::fs::read_to_string(&later).unwrap(), "written meanwhile");
}

#[test]
fn an_import_reads_the_picked_file_for_its_check_and_for_itself() {
    let app = app();
    let import = |dry_run: bool| {
        app.invoke(
            "import_journal",
            json!({ "from": "jrnl", "dryRun": dry_run, "progress": "__CHANNEL__:1" }),
        )
    };
    assert_eq!(
        import(true).unwrap_err(),
        json!({ "code": "nothing_picked", "message": "choose the file to import first" })
    );
    let dir = tempfile::tempdir().unwrap();
    let picked = dir.path().join("journal.txt");
    std::fs::write(&picked, "[2025-01-06 09:00] Cut the stand-up to 12 minutes.\n").unwrap();
    // Picking where an export goes is another slot: the import still reads its own pick.
    app.pick(Purpose::Import, &picked);
    app.pick(Purpose::Export, &dir.path().join("export.json"));

    let checked = import(true).unwrap();
    assert_eq!(
        (checked["dry_run"].clone(), checked["added"].clone()),
        (json!(true), json!(1))
    );
    assert_eq!(checked["titles"], json!(["Cut the stand-up to 12 minutes."]));
    assert_eq!(import(false).unwrap()["added"], 1);
    let listed = app.invoke("list_entries", json!({ "filter": {}, "limit": 5 })).unwrap();
    assert_eq!(listed["entries"][0]["text"], "Cut the stand-up to 12 minutes.");
    assert_eq!(import(false).unwrap()["skipped"], 1);
}

#[test]
fn a_folder_picked_for_a_markdown_export_gets_a_file_per_entry() {
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    app.invoke("add_entry", json!({ "entry": { "kind": "win", "text": "Shipped it" } }))
        .unwrap();
    app.pick(Purpose::Export, dir.path());
    let report = app
        .invoke(
            "export_journal",
            json!({ "format": "markdown", "filter": {}, "replace": false }),
        )
        .unwrap();
    assert_eq!(report["entries"], 1);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn the_window_has_no_dialog_and_its_file_commands_take_no_path() {
    let capability: Value =
        serde_json::from_str(include_str!("../../capabilities/main-window.json")).expect("the capability is JSON");
    let plugins: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("a permissions list")
        .iter()
        .filter_map(Value::as_str)
        .filter(|permission| permission.contains(':'))
        .collect();
    assert_eq!(plugins, ["clipboard-manager:allow-write-text"]);

    // The window's api module passes no path to a command that writes or reads a file.
    let api = include_str!("../../../ui/src/lib/api.ts");
    for command in ["export_journal", "import_journal", "save_digest"] {
        let call = api
            .split(&format!("(\"{command}\""))
            .nth(1)
            .and_then(|rest| rest.split_once(')'))
            .map(|(args, _)| args)
            .unwrap_or_else(|| panic!("api.ts calls {command}"));
        assert!(!call.contains("path"), "{command} is called with {call}");
    }
}
