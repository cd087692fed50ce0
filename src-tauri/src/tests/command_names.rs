//! The window's capability and the UI's api module name exactly the commands in `command_list.rs`:
//! a command missing from either fails at run time in the window, so it fails here first.

use std::collections::BTreeSet;
use std::path::Path;

use crate::COMMAND_NAMES;

fn source(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn commands() -> BTreeSet<String> {
    COMMAND_NAMES.iter().map(|name| name.to_string()).collect()
}

#[test]
fn the_capability_allows_exactly_the_app_commands() {
    let capability: serde_json::Value =
        serde_json::from_str(&source("capabilities/main-window.json")).expect("the capability is JSON");
    let allowed: BTreeSet<String> = capability["permissions"]
        .as_array()
        .expect("a permissions list")
        .iter()
        .filter_map(|permission| permission.as_str())
        // The app's own permissions have no `plugin:` prefix.
        .filter(|permission| !permission.contains(':'))
        .map(|permission| {
            let command = permission.strip_prefix("allow-").expect("only allow- permissions");
            command.replace('-', "_")
        })
        .collect();
    assert_eq!(allowed, commands());
}

#[test]
fn the_ui_calls_exactly_the_app_commands() {
    let api = source("../ui/src/lib/api.ts");
    // Every command is called as `call<Type>("name", …)`.
    let called: BTreeSet<String> = api
        .split("(\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(name, _)| name))
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_owned)
        .collect();
    assert_eq!(called, commands());
}
