//! Generates the app's permission manifest: one allow/deny permission per command, so the window's
//! capability can name exactly the commands it uses. The names come from `src/command_list.rs`,
//! the one list of the app's commands. Links the app with packed relative relocations (RELR), as
//! `wins` is: as a plain PIE it read 1.7 MB of relocations and applied them one by one at every
//! start, and about 1 MiB of them stayed in the window's memory; RELR keeps the address
//! randomisation. A release build puts the functions the start runs side by side
//! (`startup-order.txt`, written by `scripts/startup-order.sh`): scattered, they kept 11.5 MiB of
//! the executable in the window's memory; together, 5.4 MiB.

include!("src/command_list.rs");
include!("link_in_startup_order.rs");

const COMMANDS: &[&str] = app_commands!(command_names);

fn main() {
    println!("cargo:rerun-if-changed=src/command_list.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
        link_in_startup_order();
    }
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    // A build script reports failure by panicking.
    .expect("the Tauri build configuration is valid");
}
