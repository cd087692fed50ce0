//! Generates the app's permission manifest: one allow/deny permission per command, so the window's
//! capability can name exactly the commands it uses. The names come from `src/command_list.rs`,
//! the one list of the app's commands.

include!("src/command_list.rs");

const COMMANDS: &[&str] = app_commands!(command_names);

fn main() {
    println!("cargo:rerun-if-changed=src/command_list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    // A build script reports failure by panicking.
    .expect("the Tauri build configuration is valid");
}
