//! Sync through a folder that a file replicator (Syncthing, a USB stick, …) copies between devices.

pub mod folder_key;
pub mod segment;
