//! Two real Syncthing instances (Debian's `syncthing`) sharing one folder on 127.0.0.1: the file
//! replicator a journal's sync folder travels through, run as a user runs it, with discovery,
//! relays, NAT traversal and reporting off so that nothing leaves the machine.

use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

mod loopback;

/// The shared folder's id in both instances' configuration.
const FOLDER_ID: &str = "small-wins";
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(100);
/// Only turns a hang into a clear failure: Syncthing delivers in seconds, and no test relies on how
/// many.
const PATIENCE: Duration = Duration::from_secs(120);
/// What Syncthing logs once its REST API listens, followed by the address (its port chosen by the OS).
const GUI_LISTENING: &str = "GUI and API listening on ";

/// Two Syncthing processes that know each other and share one `sendreceive` folder. Dropping it
/// (also while a test panics) kills both and removes their homes and folders.
pub(crate) struct SyncthingPair {
    a: Instance,
    b: Instance,
    // Declared last: removed after both processes are gone.
    _root: TempDir,
}

impl SyncthingPair {
    /// Starts both instances, introduces their devices to each other and shares the folder. A
    /// machine without `syncthing` fails here, saying so.
    pub(crate) fn start() -> SyncthingPair {
        let root = tempfile::tempdir().expect("a temporary folder");
        // Both start at once; each learns its ports when its REST API answers.
        let mut a = Instance::spawn(root.path(), "a");
        let mut b = Instance::spawn(root.path(), "b");
        a.learn_addresses();
        b.learn_addresses();
        for (this, other) in [(&a, &b), (&b, &a)] {
            this.cli(&[
                "config",
                "devices",
                "add",
                "--device-id",
                &other.device_id,
                "--name",
                other.name,
            ]);
            this.share_folder_with(other);
        }
        // Only now, with everything in place on both sides, A dials B: one connection, not two
        // racing, nor a first one B refuses for not knowing A yet. (B's address for A stays
        // "dynamic", which finds nothing with discovery off; `devices add --addresses` panics in
        // Syncthing 1.19's cli.)
        a.cli(&["config", "devices", &b.device_id, "addresses", "add", &b.sync_address]);
        let pair = SyncthingPair { a, b, _root: root };
        pair.wait_until_connected();
        pair
    }

    /// Instance A's copy of the shared folder.
    pub(crate) fn folder_a(&self) -> &Path {
        &self.a.folder
    }

    /// Instance B's copy of the shared folder.
    pub(crate) fn folder_b(&self) -> &Path {
        &self.b.folder
    }

    /// Polls `condition` until it holds; after [`PATIENCE`] (or when a Syncthing process has ended)
    /// fails naming `what` it waited for, with the end of both logs.
    pub(crate) fn wait_until(&self, mut condition: impl FnMut() -> bool, what: &str) {
        wait_for(what, &[&self.a, &self.b], || condition().then_some(()));
    }

    /// Waits until both instances report a connection to each other.
    fn wait_until_connected(&self) {
        for (this, other) in [(&self.a, &self.b), (&self.b, &self.a)] {
            self.wait_until(
                || this.cli_json(&["show", "connections"])["connections"][&other.device_id]["connected"] == true,
                &format!("syncthing {} to connect to {}", this.name, other.name),
            );
        }
    }
}

/// One `syncthing serve` with a home of its own, its REST API and sync protocol on 127.0.0.1.
struct Instance {
    name: &'static str,
    folder: PathBuf,
    log: PathBuf,
    api_key: String,
    process: RefCell<Child>,
    /// `127.0.0.1:PORT` of the REST API, read from the log once it listens.
    gui_address: String,
    /// `tcp://127.0.0.1:PORT` other devices reach this one at.
    sync_address: String,
    device_id: String,
}

impl Instance {
    /// Starts `syncthing serve` with a new home; its addresses are learnt by [`Self::learn_addresses`].
    fn spawn(root: &Path, name: &'static str) -> Instance {
        let home = root.join(name).join("home");
        let folder = root.join(name).join("folder");
        // The marker Syncthing looks for before it trusts a folder's path (an unmounted disk
        // must not read as "everything deleted").
        fs::create_dir_all(folder.join(".stfolder")).expect("the folder is made");
        fs::create_dir_all(&home).expect("the home is made");
        let api_key: String = std::iter::repeat_with(fastrand::alphanumeric).take(32).collect();
        fs::write(home.join("config.xml"), config_xml(&api_key)).expect("config.xml is written");
        let log = home.join("syncthing.log");
        let log_file = fs::File::create(&log).expect("the log is created");
        let process = syncthing()
            .args([
                "serve",
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
                "--no-default-folder",
            ])
            .arg("--home")
            .arg(&home)
            // Runs Syncthing itself, not a monitor that restarts it: one process to kill.
            .env("STMONITORED", "yes")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("the log is shared"))
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|error| not_installed(&error));
        Instance {
            name,
            folder,
            log,
            api_key,
            process: RefCell::new(process),
            gui_address: String::new(),
            sync_address: String::new(),
            device_id: String::new(),
        }
    }

    /// Waits for the REST API's address in the log, then asks it for the device id and the port
    /// the OS gave the sync protocol.
    fn learn_addresses(&mut self) {
        let name = self.name;
        self.gui_address = wait_for(&format!("syncthing {name}'s REST API"), &[self], || {
            let log = fs::read_to_string(&self.log).ok()?;
            // Whole lines only: the last one may be half written.
            let mut lines = log.split_inclusive('\n').filter(|line| line.ends_with('\n'));
            let address = lines.find_map(|line| line.split_once(GUI_LISTENING))?.1;
            Some(address.trim().to_owned())
        });
        assert!(
            self.gui_address.starts_with("127.0.0.1:"),
            "syncthing {name}'s REST API listens on {} (127.0.0.1 only)",
            self.gui_address
        );
        let status = self.cli_json(&["show", "system"]);
        self.device_id = status["myID"].as_str().expect("a device id").to_owned();
        self.sync_address = status["connectionServiceStatus"]["tcp://127.0.0.1:0"]["lanAddresses"][0]
            .as_str()
            .filter(|address| address.starts_with("tcp://127.0.0.1:") && !address.ends_with(":0"))
            .unwrap_or_else(|| panic!("syncthing {name} listens for devices nowhere on 127.0.0.1: {status}"))
            .to_owned();
    }

    /// Adds the folder, shared with `other`, its changes seen by the file watcher within a
    /// second and by a rescan every five (the watcher's fallback).
    fn share_folder_with(&self, other: &Instance) {
        let path = self.folder.display().to_string();
        self.cli(&[
            "config",
            "folders",
            "add",
            "--id",
            FOLDER_ID,
            "--label",
            FOLDER_ID,
            "--path",
            &path,
            "--type",
            "sendreceive",
            "--rescan-intervals",
            "5",
            "--fswatcher-enabled",
            "--fswatcher-delays",
            "1",
        ]);
        self.cli(&[
            "config",
            "folders",
            FOLDER_ID,
            "devices",
            "add",
            "--device-id",
            &other.device_id,
        ]);
    }

    /// Runs `syncthing cli` (Syncthing's own REST client) against this instance; returns stdout.
    fn cli(&self, args: &[&str]) -> String {
        let output: Output = syncthing()
            .args(["cli", "--gui-address", &self.gui_address, "--gui-apikey", &self.api_key])
            .args(args)
            .output()
            .unwrap_or_else(|error| not_installed(&error));
        assert!(
            output.status.success(),
            "syncthing cli {args:?} against {} failed with {}: {}",
            self.name,
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    fn cli_json(&self, args: &[&str]) -> Value {
        let stdout = self.cli(args);
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("syncthing cli {args:?} printed no JSON ({e}): {stdout}"))
    }

    /// `Ok` while the process runs, else how it ended: why a wait stops early.
    fn state(&self) -> Result<(), String> {
        match self.process.borrow_mut().try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(format!("exited with {status}")),
            Err(error) => Err(format!("cannot be asked ({error})")),
        }
    }

    fn pid(&self) -> u32 {
        self.process.borrow().id()
    }

    fn log_tail(&self) -> String {
        let log = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let process = self.process.get_mut();
        let _ = process.kill();
        let _ = process.wait();
    }
}

/// `config.xml` before the first start: the REST API and the sync protocol on 127.0.0.1 at ports
/// the OS picks, and every way out of the machine off. Devices and the folder come through
/// `syncthing cli … add`, which fills in Syncthing's defaults (a folder written here, or added as
/// JSON, gets zeros: no conflict copies kept, for one).
fn config_xml(api_key: &str) -> String {
    format!(
        r#"<configuration version="36">
    <gui enabled="true" tls="false">
        <address>127.0.0.1:0</address>
        <apikey>{api_key}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:0</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <reconnectionIntervalS>5</reconnectionIntervalS>
    </options>
</configuration>
"#
    )
}

fn syncthing() -> Command {
    Command::new("syncthing")
}

fn not_installed(error: &std::io::Error) -> ! {
    panic!(
        "cannot run `syncthing` ({error}): the sync tests run two real Syncthing instances; install \
         Debian's `syncthing` (scripts/setup.sh --test does)"
    )
}

/// Polls `probe` every [`POLL`] until it answers; fails naming `what` after [`PATIENCE`] or as soon
/// as one of `instances` has ended, with the end of their logs.
fn wait_for<T>(what: &str, instances: &[&Instance], mut probe: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(answer) = probe() {
            return answer;
        }
        let ended = instances.iter().any(|instance| instance.state().is_err());
        if ended || started.elapsed() > PATIENCE {
            let report: Vec<String> = instances
                .iter()
                .map(|instance| {
                    let state = instance.state().err().unwrap_or_else(|| "running".to_owned());
                    format!(
                        "syncthing {} ({state}), its log ends:\n{}",
                        instance.name,
                        instance.log_tail()
                    )
                })
                .collect();
            panic!(
                "waited {:.1} s for {what}, in vain\n{}",
                started.elapsed().as_secs_f64(),
                report.join("\n")
            );
        }
        std::thread::sleep(POLL);
    }
}

#[test]
fn a_file_written_in_one_folder_arrives_in_the_other_and_back() {
    let pair = SyncthingPair::start();
    // Nested as a journal's sync folder is, written by one device each.
    let from_a = Path::new("small-wins/journal/devices/a/1-1.seg");
    let from_b = Path::new("small-wins/journal/devices/b/1-1.seg");
    for (folder, file) in [(pair.folder_a(), from_a), (pair.folder_b(), from_b)] {
        fs::create_dir_all(folder.join(file).parent().expect("a parent")).expect("the folders are made");
    }

    fs::write(pair.folder_a().join(from_a), "written on A\n").expect("A's file is written");
    pair.wait_until(
        || fs::read_to_string(pair.folder_b().join(from_a)).is_ok_and(|text| text == "written on A\n"),
        "A's file in B's folder",
    );
    fs::write(pair.folder_b().join(from_b), "written on B\n").expect("B's file is written");
    pair.wait_until(
        || fs::read_to_string(pair.folder_a().join(from_b)).is_ok_and(|text| text == "written on B\n"),
        "B's file in A's folder",
    );

    for folder in [pair.folder_a(), pair.folder_b()] {
        let mut devices: Vec<String> = fs::read_dir(folder.join("small-wins/journal/devices"))
            .expect("the devices folder arrived")
            .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        devices.sort();
        assert_eq!(devices, ["a", "b"], "in {}", folder.display());
    }
}
