//! The floor app's one command gets a permission like Small Wins' commands do.

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&["app_ready"])),
    )
    // A build script reports failure by panicking.
    .expect("the Tauri build configuration is valid");
}
