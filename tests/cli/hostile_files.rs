//! Files that went through other programs or were made to hurt: spreadsheets that run formulas,
//! Markdown folders back from editors and Windows, zips re-made by macOS, devices and pipes given as
//! files, zip bombs, Small Wins JSON with broken integrity, and entry text that tries to leave the
//! HTML digest. Each comes in whole or is refused with one line, the journal unchanged.

use std::io::Write;

use serde_json::{Value, json};

use crate::Journal;
use crate::bad_input::refused;
use crate::other_tools::{day_one, entries, file, zip};

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised_and_keep_their_words() {
    let journal = Journal::empty();
    journal.add(&["--at", "2025-02-03 08:00", "--tag", "+1", "--", "=2+3 was the estimate"]);
    journal.add(&["--at", "2025-02-03 09:00", "--", "-5 kg since January"]);
    journal.add(&[
        "--at",
        "2025-02-03 10:00",
        "--setback",
        "--lesson",
        "@channel pings hide the real news",
        "--adjust=-write the summary first",
        "--",
        "Plain title, with a comma",
    ]);
    let path = journal.path().with_file_name("out.csv");
    journal.ok(&["export", "--format", "csv", "--out", path.to_str().expect("path")]);
    let csv = std::fs::read_to_string(&path).expect("csv");
    for neutralised in [
        "'=2+3 was the estimate",
        "'+1",
        "'-5 kg since January",
        "'@channel pings hide the real news",
        "'-write the summary first",
    ] {
        assert!(csv.contains(neutralised), "{neutralised:?} not in {csv}");
    }
    assert!(csv.contains("\"Plain title, with a comma\""), "{csv}");
    assert!(
        !csv.contains(",=") && !csv.contains(",\"=") && !csv.contains(",@"),
        "{csv}"
    );
}

/// An entry's file as Small Wins writes it, then as an editor leaves it.
const NOTE: &str = "---\nid: \"0194f000-0000-7000-8000-000000000001\"\nkind: \"setback\"\n\
    occurred_at: \"2025-04-08T17:10:00+02:00\"\ncreated_at: \"2025-04-08T17:11:00+02:00\"\n\
    updated_at: \"2025-04-08T17:11:00+02:00\"\ntags: [\"work\"]\nstarred: false\nmood: null\n\
    lesson: \"I skipped the buffer day\"\nadjust: \"Plan a spare day\"\nmilestone_id: null\n---\n\
    Milestone one slipped #work\nTwo days late.\n";

#[test]
fn markdown_folders_come_back_from_windows_and_editors() {
    let obsidian = "---\nid: 0194f000-0000-7000-8000-000000000001\nkind: setback\n\
        occurred_at: 2025-04-08T17:10:00+02:00\ncreated_at: 2025-04-08T17:11:00+02:00\n\
        updated_at: 2025-04-08T17:11:00+02:00\ntags:\n  - work\nlesson: I skipped the buffer day\n\
        adjust: 'Plan a spare day'\naliases: []\ncssclasses:\n  - wide\n---\nMilestone one slipped #work\nTwo days late.\n";
    let variants = [
        ("lf", NOTE.to_owned()),
        ("crlf", NOTE.replace('\n', "\r\n")),
        ("bom-crlf", format!("\u{feff}{}", NOTE.replace('\n', "\r\n"))),
        ("obsidian", obsidian.to_owned()),
    ];
    let mut seen = Vec::new();
    for (name, text) in variants {
        let journal = Journal::empty();
        let folder = journal.path().with_file_name("notes");
        std::fs::create_dir_all(&folder).expect("a folder");
        std::fs::write(folder.join("2025-04-08-1710-milestone.md"), text).expect("a file");
        journal.ok(&["import", folder.to_str().expect("path")]);
        let entry = entries(&journal, &[]).remove(0);
        for field in ["text", "lesson", "adjust"] {
            let value = entry[field].as_str().expect("a string");
            assert!(!value.contains(['\r', '\u{feff}']), "{name}: {field} {value:?}");
        }
        seen.push((name, entry));
    }
    for (name, entry) in &seen[1..] {
        assert_eq!(entry, &seen[0].1, "{name} differs from the LF original");
    }
    assert_eq!(seen[0].1["text"], "Milestone one slipped #work\nTwo days late.");
    assert_eq!(seen[0].1["occurred_at"], "2025-04-08T17:10:00+02:00");
}

/// A zip member: its name and contents.
type Member<'a> = (&'a str, &'a [u8]);

#[test]
fn day_one_zips_re_made_by_macos_or_windows_or_holding_several_journals_come_in() {
    let work = day_one(json!([{"uuid": "W1", "creationDate": "2025-01-02T10:00:00Z", "text": "Work journal"}]));
    let home = day_one(
        json!([{"uuid": "H1", "creationDate": "2025-01-03T10:00:00Z", "text": "Home journal",
        "photos": [{"identifier": "P", "md5": "ab", "type": "jpeg"}]}]),
    );
    let layouts: [(&str, Vec<Member>, Vec<&str>); 3] = [
        (
            "macos.zip",
            vec![
                ("Day One Export/Work.json", &work),
                ("__MACOSX/Day One Export/._Work.json", b"\x00\x05\x16\x07 resource fork"),
                ("Day One Export/._Work.json", b"\x00\x05\x16\x07"),
            ],
            vec!["Work journal"],
        ),
        (
            "windows.zip",
            vec![("export-2025/Work.json", &work)],
            vec!["Work journal"],
        ),
        (
            "two.zip",
            vec![
                ("Work.json", &work),
                ("Home/Home.json", &home),
                ("Home/photos/ab.jpeg", b"jpeg"),
            ],
            vec!["Work journal", "Home journal\n\n[photo](Home/photos/ab.jpeg)"],
        ),
    ];
    for (name, members, want) in layouts {
        let journal = Journal::empty();
        journal.ok(&["import", &zip(&journal, name, &members)]);
        let texts: Vec<Value> = entries(&journal, &[]).iter().map(|e| e["text"].clone()).collect();
        assert_eq!(
            texts,
            want.iter().map(|t| Value::from(*t)).collect::<Vec<_>>(),
            "{name}"
        );
    }
}

#[test]
fn devices_pipes_and_zip_bombs_are_refused_early_with_the_journal_unchanged() {
    let journal = Journal::empty();
    journal.add(&["A win to keep"]);
    refused(&journal, &["import", "/dev/zero"], 2, "not a regular file");
    let fifo = journal.path().with_file_name("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    refused(
        &journal,
        &["import", fifo.to_str().expect("path")],
        2,
        "not a regular file",
    );

    // 300 MB of blanks before a valid journal, deflated to well under 1 MB.
    let bomb = journal.path().with_file_name("bomb.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&bomb).expect("a file"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_level(Some(1))
        .large_file(true);
    writer.start_file("Journal.json", options).expect("a member");
    let blanks = vec![b' '; 1 << 20];
    for _ in 0..300 {
        writer.write_all(&blanks).expect("written");
    }
    writer
        .write_all(&day_one(
            json!([{"uuid": "B", "creationDate": "2025-01-06T10:00:00Z", "text": "after"}]),
        ))
        .expect("written");
    writer.finish().expect("a zip");
    refused(
        &journal,
        &["import", bomb.to_str().expect("path")],
        2,
        "an import reads at most",
    );
    assert_eq!(journal.texts(&[]), ["A win to keep"]);
}

/// Small Wins' own JSON around these entries and goals.
fn own(entries: Value, goals: Value) -> Vec<u8> {
    serde_json::to_vec(
        &json!({"format": "small-wins", "version": 1, "exported_at": "2025-01-06T10:00:00+00:00",
        "entries": entries, "goals": goals}),
    )
    .expect("JSON")
}

fn own_entry(id: &str, text: &str) -> Value {
    let at = "2025-01-06T10:00:00+00:00";
    json!({"id": id, "kind": "win", "text": text, "tags": [], "occurred_at": at, "created_at": at, "updated_at": at,
        "mood": null, "starred": false, "lesson": null, "adjust": null, "milestone_id": null})
}

fn linked_to(mut entry: Value, milestone: &str) -> Value {
    entry["milestone_id"] = milestone.into();
    entry
}

#[test]
fn own_json_with_broken_integrity_is_refused_whole_naming_the_place() {
    let journal = Journal::empty();
    journal.add(&["A win to keep"]);
    let one = "0194f000-0000-7000-8000-000000000001";
    let two = "0194f000-0000-7000-8000-000000000002";
    let at = "2025-01-06T10:00:00+00:00";
    let goal = |id: &str, milestone: &str| {
        json!({"id": id, "title": "g", "why": null, "due_on": null, "status": "active", "created_at": at, "updated_at": at,
            "milestones": [{"id": milestone, "title": "m", "started_on": "2025-01-06", "due_on": null, "baseline": null,
            "target": null, "unit": null, "done_at": null, "created_at": at, "updated_at": at, "measurements": []}]})
    };
    let cases = [
        (
            "dup.json",
            own(
                json!([own_entry(one, "first"), own_entry(two, "ok"), own_entry(one, "again")]),
                json!([]),
            ),
            "entry 3: id",
        ),
        (
            "short.json",
            own(json!([own_entry(one, "fine"), own_entry("a", "short id")]), json!([])),
            "entry 2: id: \"a\" is not",
        ),
        (
            "upper.json",
            own(json!([own_entry(&one.to_uppercase(), "shouting")]), json!([])),
            "entry 1: id",
        ),
        (
            "milestones.json",
            own(
                json!([]),
                json!([
                    goal(one, "0194f000-0000-7000-8000-0000000000b1"),
                    goal(two, "0194f000-0000-7000-8000-0000000000b1")
                ]),
            ),
            "goal 2",
        ),
        (
            "orphan.json",
            own(json!([linked_to(own_entry(one, "linked"), two)]), json!([])),
            "entry 1: milestone_id",
        ),
    ];
    for (name, contents, mentions) in cases {
        refused(&journal, &["import", &file(&journal, name, &contents)], 2, mentions);
    }
    assert_eq!(journal.texts(&[]), ["A win to keep"]);
}

#[test]
fn the_html_digest_keeps_no_scheme_relative_link_and_no_form_control() {
    let journal = Journal::empty();
    journal.add(&["Read [the notes](//tracker.example/x) and <a href=\"\\\\evil.example\">this</a>"]);
    journal.add(&["Checklist\n- [ ] stretch\n- [x] walk\n<input type=\"text\" name=\"q\"><button>Go</button>"]);
    journal.add(&["Photo [here](photos/ab.jpeg) and [site](https://example.org)"]);
    let path = journal.path().with_file_name("digest.html");
    journal.ok(&["export", "--format", "html", "--out", path.to_str().expect("path")]);
    let html = std::fs::read_to_string(&path).expect("the digest");
    for gone in ["//tracker.example", "evil.example", "<input", "<button", "<form"] {
        assert!(!html.contains(gone), "{gone} in {html}");
    }
    for kept in ["☐ stretch", "☑ walk", "href=\"https://example.org\"", "the notes"] {
        assert!(html.contains(kept), "{kept} not in {html}");
    }
}
