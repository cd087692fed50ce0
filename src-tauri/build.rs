//! Generates the app's permission manifest: one allow/deny permission per command, so the window's
//! capability can name exactly the commands it uses.

const COMMANDS: &[&str] = &[
    "today",
    "list_entries",
    "search_entries",
    "get_entry",
    "add_entry",
    "edit_entry",
    "delete_entry",
    "restore_entry",
    "list_tags",
    "list_goals",
    "add_goal",
    "set_goal_status",
    "delete_goal",
    "restore_goal",
    "add_milestone",
    "measure_milestone",
    "check_milestone",
    "suggest_export_path",
    "export_journal",
    "import_journal",
    "review",
    "save_review",
    "list_followups",
    "answer_followup",
    "list_reminders",
    "add_reminder",
    "remove_reminder",
    "restore_reminder",
    "set_reminder_paused",
    "snooze_reminder",
    "get_settings",
    "save_settings",
    "set_start_at_login",
    "set_reminder_quiet_when_done",
    "set_reminders_when_closed",
    "watch_signals",
    "app_ready",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    // A build script reports failure by panicking.
    .expect("the Tauri build configuration is valid");
}
