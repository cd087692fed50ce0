//! The commands through Tauri's real IPC layer on a mock runtime: what the webview receives.

use std::time::Instant;

use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

use crate::picked_paths::{PickedPaths, Purpose};
use crate::{JournalState, app_builder};

mod bindings;
mod command_names;
mod corrections;
mod encryption;
mod goals_screen;
mod picked_paths;
mod sync;
mod team;

struct App {
    dir: tempfile::TempDir,
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

fn app_with(prepare: impl FnOnce(&std::path::Path)) -> App {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    prepare(&path);
    let app = app_builder(mock_builder(), JournalState::open(&path, Instant::now()))
        .build(tauri::generate_context!())
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    App { dir, _app: app, window }
}

fn app() -> App {
    app_with(|_| {})
}

impl App {
    fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("journal.sqlite3")
    }

    /// Keeps `path` for `purpose` as the file dialog does when the person picks it.
    fn pick(&self, purpose: Purpose, path: &std::path::Path) {
        self.window.state::<PickedPaths>().keep(purpose, path.to_path_buf());
    }

    fn invoke(&self, command: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: command.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|body| body.deserialize::<Value>().unwrap())
    }
}

#[test]
fn a_win_added_shows_on_today_and_in_the_timeline() {
    let app = app();
    let added = app
        .invoke(
            "add_entry",
            json!({ "entry": { "kind": "win", "text": "Cut the stand-up #team", "tags": [], "starred": false } }),
        )
        .unwrap();
    assert_eq!(added["tags"], json!(["team"]));
    let today = app.invoke("today", json!({})).unwrap();
    assert_eq!(today["today"][0]["id"], added["id"]);
    assert_eq!(today["streak"], 1);
    let page = app
        .invoke("list_entries", json!({ "filter": {}, "limit": 50 }))
        .unwrap();
    assert_eq!(page["entries"][0]["text"], "Cut the stand-up #team");
    assert_eq!(page["next"], Value::Null);
    let hits = app
        .invoke(
            "search_entries",
            json!({ "query": "stand", "filter": { "kind": "win" }, "limit": 10 }),
        )
        .unwrap();
    assert_eq!(hits[0]["snippet"][1], json!({ "text": "stand", "highlighted": true }));
}

#[test]
fn an_entry_is_rendered_safely_edited_deleted_and_restored() {
    let app = app();
    let text = "**Bold** move <img src=x onerror=alert(1)> [x](javascript:alert(1))";
    let id = app
        .invoke(
            "add_entry",
            json!({ "entry": { "kind": "note", "text": text, "tags": [], "starred": false } }),
        )
        .unwrap()["id"]
        .clone();
    let shown = app.invoke("get_entry", json!({ "id": id })).unwrap();
    let html = shown["html"].as_str().unwrap();
    assert!(
        html.contains("<strong>Bold</strong>") && !html.contains("onerror") && !html.contains("javascript"),
        "{html}"
    );
    let edited = app
        .invoke(
            "edit_entry",
            json!({ "id": id, "changes": { "starred": true, "mood": 4 } }),
        )
        .unwrap();
    assert_eq!(
        (edited["entry"]["starred"].clone(), edited["entry"]["mood"].clone()),
        (json!(true), json!(4))
    );
    let cleared = app
        .invoke("edit_entry", json!({ "id": id, "changes": { "mood": null } }))
        .unwrap();
    assert_eq!(cleared["entry"]["mood"], Value::Null);
    app.invoke("delete_entry", json!({ "id": id })).unwrap();
    assert_eq!(
        app.invoke("list_entries", json!({ "filter": {}, "limit": 5 })).unwrap()["entries"],
        json!([])
    );
    app.invoke("restore_entry", json!({ "id": id })).unwrap();
    assert_eq!(app.invoke("list_tags", json!({})).unwrap(), json!([]));
    assert_eq!(
        app.invoke("list_entries", json!({ "filter": {}, "limit": 5 })).unwrap()["entries"][0]["id"],
        id
    );
}

#[test]
fn errors_reach_the_webview_as_code_and_message() {
    let app = app();
    let empty = app.invoke(
        "add_entry",
        json!({ "entry": { "kind": "win", "text": "  ", "tags": [], "starred": false } }),
    );
    assert_eq!(
        empty.unwrap_err(),
        json!({ "code": "invalid_input", "message": "text: an entry needs some text" })
    );
    let missing = app.invoke("get_entry", json!({ "id": "nope" }));
    assert_eq!(
        missing.unwrap_err(),
        json!({ "code": "not_found", "message": "no entry matches id \"nope\"" })
    );
    let mood = app.invoke(
        "add_entry",
        json!({ "entry": { "kind": "win", "text": "x", "mood": 9, "tags": [], "starred": false } }),
    );
    assert_eq!(mood.unwrap_err()["code"], "invalid_input");
}

#[test]
fn a_journal_that_cannot_be_opened_is_explained_on_every_call() {
    let app = app_with(|path| std::fs::write(path, "not a database").unwrap());
    let error = app.invoke("today", json!({})).unwrap_err();
    assert_eq!(error["code"], "not_a_journal");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("is not a Small Wins journal"),
        "{error}"
    );
}

#[test]
fn a_goal_is_broken_down_measured_and_celebrated_over_ipc() {
    let app = app();
    let goal = app
        .invoke(
            "add_goal",
            json!({ "goal": {
                "title": "Be a calmer, faster lead",
                "why": "The team **waits** on me <script>alert(1)</script>",
                "milestones": [
                    { "title": "Answer chat within 35 min", "baseline": 41, "target": 35, "unit": "min" },
                    { "title": "Share the plan" }
                ]
            } }),
        )
        .unwrap();
    assert_eq!(goal["why_html"], "<p>The team <strong>waits</strong> on me </p>\n");
    let metric = goal["goal"]["milestones"][0]["id"].clone();
    let check = goal["goal"]["milestones"][1]["id"].clone();
    let measured = app
        .invoke(
            "measure_milestone",
            json!({ "milestoneId": metric, "measurement": { "value": 38 } }),
        )
        .unwrap();
    assert_eq!(measured["milestone"]["progress"], 0.5);
    let ticked = app.invoke("check_milestone", json!({ "milestoneId": check })).unwrap();
    assert_eq!(ticked["celebration"]["milestone_id"], check);
    let linked = app
        .invoke(
            "add_entry",
            json!({ "entry": { "kind": "win", "text": "Cut stand-up to 12 minutes", "milestone_id": metric } }),
        )
        .unwrap();
    assert_eq!(linked["milestone_id"], metric);
    let goals = app.invoke("list_goals", json!({ "known": [] })).unwrap();
    assert_eq!(goals[0]["goal"]["progress"], 0.75);
    assert_eq!(
        goals[0]["goal"]["milestones"][0]["linked"][0]["text"],
        "Cut stand-up to 12 minutes"
    );

    let flat = app.invoke(
        "add_milestone",
        json!({ "goalId": goals[0]["goal"]["id"], "milestone": { "title": "Flat", "baseline": 3, "target": 3 } }),
    );
    assert_eq!(flat.unwrap_err()["code"], "invalid_input");
    let id = goals[0]["goal"]["id"].clone();
    let done = app
        .invoke("set_goal_status", json!({ "id": id, "status": "done" }))
        .unwrap();
    assert_eq!(done["goal"]["status"], "done");
    app.invoke("delete_goal", json!({ "id": id })).unwrap();
    assert_eq!(app.invoke("list_goals", json!({ "known": [] })).unwrap(), json!([]));
    app.invoke("restore_goal", json!({ "id": id })).unwrap();
    assert_eq!(
        app.invoke("list_goals", json!({ "known": [] })).unwrap()[0]["goal"]["id"],
        id
    );
}

#[test]
fn reminders_settings_and_reviews_go_through_their_commands() {
    let app = app();
    let added = app
        .invoke(
            "add_reminder",
            json!({ "reminder": { "kind": "weekly", "time": "16:00", "day": "fri" } }),
        )
        .unwrap();
    assert_eq!(added["description"], "Weekly review every Friday at 16:00");
    let refused = app
        .invoke(
            "add_reminder",
            json!({ "reminder": { "kind": "weekly", "time": "16:00" } }),
        )
        .unwrap_err();
    assert_eq!(
        refused,
        json!({ "code": "invalid_input", "message": "day: a weekly reminder needs a day, e.g. fri" })
    );
    let paused = app
        .invoke("set_reminder_paused", json!({ "id": added["id"], "paused": true }))
        .unwrap();
    assert_eq!(paused["paused"], true);
    assert_eq!(app.invoke("list_reminders", json!({})).unwrap()[0]["paused"], true);
    assert_eq!(added["quiet_when_done"], true);
    let always = app
        .invoke(
            "set_reminder_quiet_when_done",
            json!({ "id": added["id"], "quietWhenDone": false }),
        )
        .unwrap();
    assert_eq!(always["quiet_when_done"], false);
    let nudge = app
        .invoke(
            "add_reminder",
            json!({ "reminder": { "kind": "nudge", "time": "20:00" } }),
        )
        .unwrap();
    assert_eq!(nudge["description"], "Nudge when no win is logged, daily at 20:00");
    let open = |args: &[&str]| {
        crate::launch::Launch::of_second_instance(&args.iter().map(|arg| arg.to_string()).collect::<Vec<_>>())
            .and_then(|launch| launch.destination())
    };
    // `wins remind run` names the screen by the journal's word for it; the app reads it back.
    assert_eq!(nudge["kind"], "nudge");
    let nudge_screen = journal::ReminderKind::Nudge.screen();
    assert_eq!(
        open(&["small-wins", "--open", nudge_screen]),
        Some(crate::signals::Destination::Capture)
    );
    assert_eq!(
        open(&["small-wins", "--open", "weekly_review"]),
        Some(crate::signals::Destination::WeeklyReview)
    );
    let digest = app
        .invoke(
            "add_reminder",
            json!({ "reminder": { "kind": "digest", "time": "16:00", "day": "fri" } }),
        )
        .unwrap();
    assert_eq!(digest["description"], "Team digest every Friday at 16:00");
    assert_eq!(
        open(&["small-wins", "--open", journal::ReminderKind::Digest.screen()]),
        Some(crate::signals::Destination::Team)
    );
    assert_eq!(open(&["small-wins", "--open", "nowhere"]), None);
    assert_eq!(open(&["small-wins", "--open"]), None);

    let settings = app.invoke("get_settings", json!({})).unwrap();
    assert_eq!(settings["settings"]["week_start"], "monday");
    // The mock app has no login item to ask about.
    assert_eq!(settings["start_at_login"], Value::Null);
    let quiet =
        json!({ "week_start": "sunday", "quiet_hours": { "from": "22:00", "until": "07:00" }, "followup_days": 5 });
    // A setting left out keeps its default.
    let mut saved = quiet.clone();
    saved["weekly_streak_days"] = json!(3);
    assert_eq!(
        app.invoke("save_settings", json!({ "settings": quiet })).unwrap(),
        saved
    );

    app.invoke(
        "add_entry",
        json!({ "entry": { "kind": "win", "text": "Shipped <img src=x onerror=alert(1)>it" } }),
    )
    .unwrap();
    let today = chrono::Local::now().date_naive();
    let review = app.invoke("review", json!({ "kind": "week", "date": today })).unwrap();
    let html = review["summary_html"].as_str().unwrap();
    assert!(html.contains("Shipped it") && !html.contains("onerror"), "{html}");
    assert_eq!(
        review["review"]["prompts"],
        json!(["What went well", "What I'll change"])
    );
    let empty = app
        .invoke("save_review", json!({ "kind": "week", "answers": ["  ", ""] }))
        .unwrap_err();
    assert_eq!(empty["code"], "invalid_input");
    let saved = app
        .invoke(
            "save_review",
            json!({ "kind": "week", "answers": ["Shipped on time", ""] }),
        )
        .unwrap();
    assert_eq!(saved["tags"], json!(["review"]));
    assert!(
        saved["text"]
            .as_str()
            .unwrap()
            .contains("## What went well\n\nShipped on time\n")
    );
}
