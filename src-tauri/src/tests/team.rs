//! The Team screen's commands over IPC: only shared entries reach the window, and a saved digest
//! is the one shown, written where the dialog picked.

use chrono::Local;
use serde_json::json;

use super::app;
use crate::picked_paths::Purpose;

#[test]
fn the_digest_holds_only_shared_entries_and_is_saved_as_shown() {
    let app = app();
    let today = Local::now().date_naive().to_string();
    app.invoke(
        "add_entry",
        json!({ "entry": { "kind": "win", "text": "Demoed the search with +Ana", "shareable": true } }),
    )
    .unwrap();
    app.invoke(
        "add_entry",
        json!({ "entry": { "kind": "win", "text": "Secret plan", "people": ["ana"] } }),
    )
    .unwrap();
    assert_eq!(
        app.invoke("list_people", json!({})).unwrap(),
        json!([{ "name": "Ana", "count": 2 }])
    );

    let digest = app.invoke("team_digest", json!({ "date": today })).unwrap();
    let shown = digest["html"].as_str().unwrap();
    assert!(
        shown.contains("<h3>Ana</h3>") && shown.contains("Demoed the search"),
        "{shown}"
    );
    for form in ["html", "text", "markdown"] {
        assert!(!digest[form].as_str().unwrap().contains("Secret"), "{form}: {digest}");
    }
    assert_eq!(digest["nothing_shared"], false);

    let args = |replace: bool| json!({ "date": today, "format": "text", "replace": replace });
    assert_eq!(
        app.invoke("save_digest", args(false)).unwrap_err()["code"],
        "nothing_picked"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("digest.txt");
    app.pick(Purpose::Digest, &path);
    assert_eq!(app.invoke("save_digest", args(false)).unwrap(), digest["title"]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        digest["text"].as_str().unwrap()
    );
    let refused = app.invoke("save_digest", args(false)).unwrap_err();
    assert_eq!(refused["code"], "exists");
    app.invoke("save_digest", args(true)).unwrap();

    let standup = app.invoke("standup", json!({})).unwrap();
    assert!(standup["text"].as_str().unwrap().starts_with("Stand-up: "), "{standup}");
    assert_eq!(standup["checkin_private"], false);
    let new_year = app.invoke("standup", json!({ "date": "2025-01-01" })).unwrap();
    assert!(
        new_year["text"]
            .as_str()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .contains("1 January 2025"),
        "{new_year}"
    );
}
