//! Links `wins` as a position-dependent executable: as a PIE it applied some 53,000 relocations to
//! 1.5 MB of its data at every start, about 2 ms of a 7 ms `wins list` (bench/vs-sqlite3.sh), which
//! a fixed load address settles once, at link time. The shared libraries it loads keep their ASLR.

fn main() {
    println!("cargo:rustc-link-arg-bins=-no-pie");
}
