//! The Goals screen over IPC: each chart as its points, only the goals that changed sent again, and
//! one milestone's every measurement on request.

use serde_json::{Value, json};

use super::app;

#[test]
fn goals_come_as_chart_points_and_only_changed_ones_again() {
    let app = app();
    let add = |title: &str| {
        app.invoke(
            "add_goal",
            json!({ "goal": {
                "title": title,
                "milestones": [{ "title": format!("{title}: reviews"), "baseline": 0, "target": 300 }]
            } }),
        )
        .unwrap()["goal"]
            .clone()
    };
    let (calm, fast) = (add("Calm"), add("Fast"));
    let metric = fast["milestones"][0]["id"].clone();
    for value in 1..=250 {
        app.invoke(
            "measure_milestone",
            json!({ "milestoneId": metric, "measurement": { "value": value } }),
        )
        .unwrap();
    }

    let first = app.invoke("list_goals", json!({ "known": [] })).unwrap();
    let ids: Vec<&Value> = first.as_array().unwrap().iter().map(|g| &g["id"]).collect();
    assert_eq!(ids, [&calm["id"], &fast["id"]]);
    let milestone = &first[1]["goal"]["milestones"][0];
    assert_eq!(milestone["measurement_count"], 250);
    assert_eq!(milestone["latest"], 250.0);
    let chart = &milestone["chart"];
    let points = chart["points"].as_array().unwrap();
    // Step 3 over 250: 84 points, the latest (index 249) among them.
    assert_eq!(points.len(), 84);
    assert_eq!((&points[0][1], &points[83][1]), (&json!(1.0), &json!(250.0)));
    assert!(points[0][0].is_i64(), "milliseconds since the epoch: {}", points[0][0]);
    assert_eq!((&chart["lowest"], &chart["highest"]), (&json!(1.0), &json!(250.0)));
    assert!(first[1]["goal"]["milestones"][0].get("measurements").is_none());

    let fingerprints: Vec<Value> = first
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["fingerprint"].clone())
        .collect();
    let again = app.invoke("list_goals", json!({ "known": fingerprints })).unwrap();
    assert_eq!((&again[0]["goal"], &again[1]["goal"]), (&Value::Null, &Value::Null));
    app.invoke(
        "measure_milestone",
        json!({ "milestoneId": metric, "measurement": { "value": 251 } }),
    )
    .unwrap();
    let changed = app.invoke("list_goals", json!({ "known": fingerprints })).unwrap();
    assert_eq!(changed[0]["goal"], Value::Null);
    assert_eq!(changed[1]["goal"]["milestones"][0]["latest"], 251.0);

    let all = app
        .invoke("list_measurements", json!({ "milestoneId": metric }))
        .unwrap();
    let values: Vec<f64> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, (1..=251).map(f64::from).collect::<Vec<_>>());
    let missing = app
        .invoke("list_measurements", json!({ "milestoneId": "nope" }))
        .unwrap_err();
    assert_eq!(missing["code"], "not_found");
}
