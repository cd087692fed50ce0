//! One journal on every desktop: each device writes its changes as immutable, encrypted segments
//! into a folder that a file replicator (Syncthing, Nextcloud, a USB stick) copies, and merges the
//! segments of the others. The live SQLite file never travels. `docs/sync.md` tells the whole
//! design; `docs/sync-folder.md` the files.

pub(crate) mod capture;
mod change;
mod conflicts;
mod emit;
mod exchange;
mod folder;
pub mod folder_key;
mod merge;
mod merge_tags;
mod publish;
pub mod segment;
mod setup;
mod snapshot;
mod status;
mod tables;
#[cfg(test)]
mod tests;

pub use exchange::{Synced, Warning};
pub use merge::Merged;
pub use snapshot::SnapshotWritten;
pub use status::{DeviceStatus, SyncConflict, SyncStatus};

/// A hybrid logical clock value as stored: UTC milliseconds shifted left by 16 bits, plus a counter
/// for changes within one millisecond (or after a clock that ran ahead).
pub(crate) const CLOCK_SHIFT: u32 = 16;

/// The UTC milliseconds of a clock value.
pub(crate) fn clock_millis(clock: i64) -> i64 {
    clock >> CLOCK_SHIFT
}
