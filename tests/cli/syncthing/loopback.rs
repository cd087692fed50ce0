//! Nothing of the Syncthing pair reaches beyond 127.0.0.1: every socket either process holds,
//! read from /proc while the two are connected.

use std::collections::BTreeSet;
use std::fs;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::SyncthingPair;

/// Every TCP and UDP socket the process `pid` holds: its local and remote address.
fn sockets_of(pid: u32) -> Vec<(SocketAddr, SocketAddr)> {
    let inodes: BTreeSet<String> = fs::read_dir(format!("/proc/{pid}/fd"))
        .expect("the process's descriptors are readable")
        .filter_map(|entry| fs::read_link(entry.ok()?.path()).ok())
        .filter_map(|target| {
            let target = target.to_string_lossy().into_owned();
            Some(target.strip_prefix("socket:[")?.strip_suffix(']')?.to_owned())
        })
        .collect();
    ["tcp", "tcp6", "udp", "udp6"]
        .iter()
        .flat_map(|table| {
            let rows = fs::read_to_string(format!("/proc/{pid}/net/{table}")).unwrap_or_default();
            rows.lines()
                .skip(1)
                .filter_map(|row| {
                    let columns: Vec<&str> = row.split_whitespace().collect();
                    inodes
                        .contains(*columns.get(9)?)
                        .then(|| (proc_address(columns[1]), proc_address(columns[2])))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// An address as /proc/net/tcp writes it: the IP's 32-bit words in hex, each in the machine's byte
/// order, a colon, the port in hex.
fn proc_address(text: &str) -> SocketAddr {
    let (ip, port) = text.split_once(':').expect("IP:port");
    let bytes: Vec<u8> = (0..ip.len() / 8)
        .flat_map(|word| {
            let word = u32::from_str_radix(&ip[word * 8..word * 8 + 8], 16).expect("a hex word");
            word.to_ne_bytes()
        })
        .collect();
    let ip = match <[u8; 16]>::try_from(bytes.as_slice()) {
        Ok(v6) => IpAddr::V6(Ipv6Addr::from(v6)),
        Err(_) => IpAddr::V4(Ipv4Addr::from(
            <[u8; 4]>::try_from(bytes.as_slice()).expect("4 or 16 bytes"),
        )),
    };
    SocketAddr::new(ip, u16::from_str_radix(port, 16).expect("a hex port"))
}

fn port_of(address: &str) -> u16 {
    address
        .rsplit(':')
        .next()
        .and_then(|port| port.parse().ok())
        .expect("an address ending in a port")
}

#[test]
fn both_instances_listen_and_connect_on_loopback_only() {
    let pair = SyncthingPair::start();
    for instance in [&pair.a, &pair.b] {
        let sockets = sockets_of(instance.pid());
        for (local, remote) in &sockets {
            assert!(
                local.ip().to_canonical().is_loopback()
                    && (remote.ip().is_unspecified() || remote.ip().to_canonical().is_loopback()),
                "syncthing {} holds a socket {local} ↔ {remote} beyond loopback: {sockets:?}",
                instance.name
            );
        }
        let ports: BTreeSet<u16> = sockets.iter().map(|(local, _)| local.port()).collect();
        for listening in [&instance.gui_address, &instance.sync_address] {
            assert!(
                ports.contains(&port_of(listening)),
                "syncthing {} listens on {listening}, but its sockets are {sockets:?}",
                instance.name
            );
        }
    }
}
