//! Correcting goals, milestones and measurements over IPC: the slip asked about by its code, and a
//! deleted measurement taking back "reached" until it is restored.

use serde_json::{Value, json};

use super::app;

#[test]
fn a_slip_is_confirmed_then_deleted_and_restored_over_ipc() {
    let app = app();
    let goal = app
        .invoke(
            "add_goal",
            json!({ "goal": {
                "title": "Grow two engineers into tech leads",
                "milestones": [{ "title": "Design reviews led by the team", "baseline": 0, "target": 6, "unit": "reviews" }]
            } }),
        )
        .unwrap();
    let goal_id = goal["goal"]["id"].clone();
    let milestone = goal["goal"]["milestones"][0]["id"].clone();
    let slip = json!({ "milestoneId": milestone, "measurement": { "value": 30 } });
    let refused = app.invoke("measure_milestone", slip).unwrap_err();
    assert_eq!(refused["code"], "needs_confirmation");
    let logged = app
        .invoke(
            "measure_milestone",
            json!({ "milestoneId": milestone, "measurement": { "value": 30, "confirmed": true } }),
        )
        .unwrap();
    assert_eq!(logged["milestone"]["pace"], "done");
    let measurement = logged["measurement_id"].clone();

    let deleted = app.invoke("delete_measurement", json!({ "id": measurement })).unwrap();
    assert_eq!(deleted["milestone"]["done_at"], Value::Null);
    assert!(deleted["milestone"]["linked"].as_array().unwrap().is_empty());
    let restored = app.invoke("restore_measurement", json!({ "id": measurement })).unwrap();
    assert_eq!(restored["celebration"]["id"], logged["celebration"]["id"]);

    let corrected = app
        .invoke(
            "edit_measurement",
            json!({ "id": measurement, "changes": { "value": 3 } }),
        )
        .unwrap();
    assert_eq!(corrected["milestone"]["progress"], 0.5);
    let edited = app
        .invoke(
            "edit_milestone",
            json!({ "id": milestone, "changes": { "target": 3, "due_on": null } }),
        )
        .unwrap();
    assert_eq!(edited["milestone"]["pace"], "done");
    let renamed = app
        .invoke(
            "edit_goal",
            json!({ "id": goal_id, "changes": { "title": "Grow two tech leads", "why": null } }),
        )
        .unwrap();
    assert_eq!(renamed["goal"]["title"], "Grow two tech leads");
    app.invoke("delete_milestone", json!({ "id": milestone })).unwrap();
    assert!(
        app.invoke("list_goals", json!({ "known": [] })).unwrap()[0]["goal"]["milestones"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    app.invoke("restore_milestone", json!({ "id": milestone })).unwrap();
    assert_eq!(
        app.invoke("list_goals", json!({ "known": [] })).unwrap()[0]["goal"]["milestones"][0]["id"],
        milestone
    );
}
