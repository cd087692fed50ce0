//! Links `wins` with packed relative relocations (RELR): as a plain PIE it applied some 53,000
//! relocations one by one to 1.5 MB of its data at every start, about 2 ms of a 7 ms `wins list`
//! (bench/vs-sqlite3.sh). RELR keeps the executable position-independent, so it keeps its ASLR.
//! A release build also puts the functions a command runs side by side (`startup-order.txt`), so a
//! start faults in fewer pages of code.

include!("../link_in_startup_order.rs");

fn main() {
    println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    link_in_startup_order();
}
