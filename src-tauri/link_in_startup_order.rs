// Included by the window's and `wins`'s build scripts, which link the same way.

/// Asks lld to lay out the functions the crate's `startup-order.txt` names first, in its order, in
/// a release build (the list is written by `scripts/startup-order.sh`). A name the link does not
/// find (the list is older than the toolchain or a dependency) is passed over without a warning:
/// the list only moves code, so an old one costs memory and start time, never correctness.
///
/// Only for x86_64 Linux, where rustc links with its own lld (Rust 1.90 and later); other targets
/// link with the system's GNU ld, which has no symbol ordering.
fn link_in_startup_order() {
    println!("cargo:rerun-if-changed=startup-order.txt");
    let release = std::env::var("PROFILE").is_ok_and(|profile| profile == "release");
    let linked_by_lld = std::env::var("TARGET").is_ok_and(|target| target == "x86_64-unknown-linux-gnu");
    if release && linked_by_lld {
        let list = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("startup-order.txt");
        println!(
            "cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
            list.display()
        );
        println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}
