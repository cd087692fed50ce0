// The app's commands, listed once. `lib.rs` registers their handlers from this list and `build.rs`
// (which includes this file) makes one permission per name from it; tests check the window's
// capability and `ui/src/lib/api.ts` against it. A plain comment, not `//!`: `include!` in the build
// script cannot take an inner attribute.

/// Calls `$callback![module::command, …]` with every command of the app.
macro_rules! app_commands {
    ($($callback:tt)+) => {
        $($callback)+![
            commands::today,
            commands::journal_written_elsewhere,
            commands::list_entries,
            commands::search_entries,
            commands::get_entry,
            commands::add_entry,
            commands::edit_entry,
            commands::delete_entry,
            commands::restore_entry,
            commands::list_tags,
            commands::list_goals,
            commands::list_measurements,
            commands::add_goal,
            commands::set_goal_status,
            commands::delete_goal,
            commands::restore_goal,
            commands::add_milestone,
            commands::measure_milestone,
            commands::check_milestone,
            corrections::edit_goal,
            corrections::edit_milestone,
            corrections::delete_milestone,
            corrections::restore_milestone,
            corrections::edit_measurement,
            corrections::delete_measurement,
            corrections::restore_measurement,
            export_import::pick_export_path,
            export_import::export_journal,
            export_import::pick_import_source,
            export_import::import_journal,
            reflect::review,
            reflect::save_review,
            reflect::list_followups,
            reflect::answer_followup,
            settings::list_reminders,
            settings::add_reminder,
            settings::remove_reminder,
            settings::restore_reminder,
            settings::set_reminder_paused,
            settings::snooze_reminder,
            settings::get_settings,
            settings::save_settings,
            settings::set_start_at_login,
            settings::set_reminder_quiet_when_done,
            settings::set_reminders_when_closed,
            signals::watch_signals,
            commands::app_ready,
            date_formats::remember_date_formats,
            insights::insights,
            insights::on_this_day,
            insights::lessons_for,
            drafts::get_draft,
            drafts::save_draft,
            drafts::discard_draft,
            team::list_people,
            team::team_digest,
            team::pick_digest_path,
            team::save_digest,
            team::standup,
            encryption::encryption_status,
            encryption::unlock_journal,
            encryption::lock_journal,
            encryption::encrypt_journal,
            encryption::decrypt_journal,
            encryption::change_passphrase,
            encryption::new_recovery_key,
            encryption::set_remembered,
            encryption::set_idle_lock,
            backups::list_backups,
            backups::restore_backup,
            backups::journal_recovery,
            sync::sync_status,
            sync::sync_now,
            sync::pick_sync_folder,
            sync::set_up_sync,
            sync::join_sync,
            sync::leave_sync,
            sync::list_sync_conflicts,
            sync::resolve_sync_conflict,
        ]
    };
}

/// The commands' names, from their paths: `command_names![commands::today]` is `&["today"]`.
#[allow(unused_macros)]
macro_rules! command_names {
    ($($module:ident :: $command:ident),* $(,)?) => {
        &[$(stringify!($command)),*]
    };
}
