//! Files shaped like the ones people really bring from jrnl and Day One — every time format jrnl
//! writes, free-text tags, attachments of every kind, escaped Markdown, metadata and half-hour time
//! zones — come in whole, and leave again for those tools as they came.

use std::io::Write;
use std::path::PathBuf;

use serde_json::{Value, json};

use crate::Journal;
use crate::bad_input::refused;

/// Writes `contents` to `name` beside the journal and gives its path.
pub(crate) fn file(journal: &Journal, name: &str, contents: &[u8]) -> String {
    let path = journal.path().with_file_name(name);
    std::fs::write(&path, contents).expect("a file");
    path.to_str().expect("a UTF-8 path").to_owned()
}

/// A zip of `(name, contents)` members beside the journal.
pub(crate) fn zip(journal: &Journal, name: &str, members: &[(&str, &[u8])]) -> String {
    let path = journal.path().with_file_name(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("a file"));
    for (member, contents) in members {
        zip.start_file(*member, zip::write::SimpleFileOptions::default())
            .expect("a member");
        zip.write_all(contents).expect("written");
    }
    zip.finish().expect("a zip");
    path.to_str().expect("a UTF-8 path").to_owned()
}

/// A Day One export of these entries.
pub(crate) fn day_one(entries: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({ "metadata": { "version": "1.0" }, "entries": entries })).expect("JSON")
}

/// Every entry, oldest first, as `wins list --json` shows it.
pub(crate) fn entries(journal: &Journal, args: &[&str]) -> Vec<Value> {
    let mut with_list = vec!["list", "-n", "1000"];
    with_list.extend_from_slice(args);
    let mut all = journal.json(&with_list).as_array().expect("an array").clone();
    all.reverse();
    all
}

fn times(journal: &Journal) -> Vec<String> {
    entries(journal, &[])
        .iter()
        .map(|entry| entry["occurred_at"].as_str().expect("a time")[..16].to_owned())
        .collect()
}

fn export_to(journal: &Journal, format: &str, name: &str) -> PathBuf {
    let path = journal.path().with_file_name(name);
    journal.ok(&["export", "--format", format, "--out", path.to_str().expect("path")]);
    path
}

#[test]
fn jrnl_journals_in_every_timeformat_people_set_come_in_at_their_times() {
    let journals: [(&str, &[u8], [&str; 3]); 4] = [
        (
            "default.txt",
            b"[2025-11-02 12:10:00 AM] Wrote at midnight @win\n\n[2025-11-02 12:00:00 PM] Noon walk *\nbody line\n[2025-11-02 07:45:00 PM] Evening\n",
            ["2025-11-02T00:10", "2025-11-02T12:00", "2025-11-02T19:45"],
        ),
        (
            "seconds.txt",
            b"[2025-11-02 06:05:09] Early\n[2025-11-02 13:30:00] After lunch\n[2025-11-03 23:59:59] Late\n",
            ["2025-11-02T06:05", "2025-11-02T13:30", "2025-11-03T23:59"],
        ),
        (
            "european.txt",
            b"[02.11.2025 08:00] Second of November\n[01.12.2025 09:00] First of December\n[24.12.2025 18:00] Christmas Eve\n",
            ["2025-11-02T08:00", "2025-12-01T09:00", "2025-12-24T18:00"],
        ),
        (
            "us-12h.txt",
            b"[11/02/2025 09:00 AM] Sunday\n[11/28/2025 12:15 AM] After midnight\n[12/01/2025 01:00 PM] Monday\n",
            ["2025-11-02T09:00", "2025-11-28T00:15", "2025-12-01T13:00"],
        ),
    ];
    for (name, text, want) in journals {
        let journal = Journal::empty();
        journal.ok(&["import", &file(&journal, name, text)]);
        assert_eq!(times(&journal), want, "{name}");
        let texts: Vec<String> = entries(&journal, &[]).iter().map(|e| e["text"].to_string()).collect();
        assert!(
            texts.iter().all(|t| !t.contains("AM]") && !t.contains("PM]")),
            "{name}: {texts:?}"
        );
    }
    let journal = Journal::empty();
    journal.ok(&["import", &file(&journal, "default.txt", journals_default())]);
    let all = entries(&journal, &[]);
    assert_eq!(all[0]["kind"], "win");
    assert_eq!(
        (all[1]["starred"].clone(), all[1]["text"].clone()),
        (true.into(), "Noon walk\nbody line".into())
    );
}

fn journals_default() -> &'static [u8] {
    b"[2025-11-02 12:10:00 AM] Wrote at midnight @win\n\n[2025-11-02 12:00:00 PM] Noon walk *\nbody line\n"
}

#[test]
fn an_ambiguous_date_order_is_named_with_time_format_and_prose_is_refused_by_line() {
    let journal = Journal::empty();
    let ambiguous = file(
        &journal,
        "ambiguous.txt",
        b"[03/04/2025 09:00] One\n[05/06/2025 10:00] Two\n",
    );
    refused(&journal, &["import", &ambiguous], 2, "--time-format");
    journal.ok(&["import", &ambiguous, "--time-format", "%d/%m/%Y %H:%M"]);
    assert_eq!(times(&journal), ["2025-04-03T09:00", "2025-06-05T10:00"]);

    let journal = Journal::empty();
    journal.ok(&["import", &ambiguous, "--time-format", "%m/%d/%Y %H:%M"]);
    assert_eq!(times(&journal), ["2025-03-04T09:00", "2025-05-06T10:00"]);

    let prose = file(&journal, "prose.txt", b"\n\nDear diary\n[2025-01-01 10:00] later\n");
    refused(&journal, &["import", &prose, "--from", "jrnl"], 2, "line 3");
    let journal = Journal::empty();
    let spelled = file(&journal, "spelled.txt", b"[Mar 04 2025, 21:05] Month names\n");
    journal.ok(&["import", &spelled, "--time-format", "%b %d %Y, %H:%M"]);
    assert_eq!(times(&journal), ["2025-03-04T21:05"]);
    let wrong = file(&journal, "wrong.txt", b"[2025-01-01 10:00] x\n");
    refused(
        &journal,
        &["import", &wrong, "--time-format", "%d.%m.%Y %H:%M"],
        2,
        "line 1",
    );
}

#[test]
fn free_text_tags_are_kept_as_written_found_by_any_case_and_leave_as_they_came() {
    let journal = Journal::empty();
    let export = day_one(json!([
        {"uuid": "A1", "creationDate": "2025-05-11T09:00:00Z", "text": "Breakfast in bed",
         "tags": ["Mother's Day", "family", "2025"], "starred": true},
        {"uuid": "A2", "creationDate": "2025-05-12T09:00:00Z", "text": "Lab day", "tags": ["R&D", "St. Malo"]},
        {"uuid": "A3", "creationDate": "2025-05-12T10:00:00Z", "text": "Odd tags", "tags": ["", "  ", "two\nlines"]},
    ]));
    journal.ok(&["import", &file(&journal, "tags.json", &export)]);
    let jrnl = br#"{"tags": {"@c++": 1}, "entries": [{"title": "Templates", "body": "", "date": "2025-05-13",
        "time": "10:00", "tags": ["@c++", "@work/q1"], "starred": false}]}"#;
    journal.ok(&["import", &file(&journal, "jrnl.json", jrnl)]);
    journal.add(&["Called her", "--tag", "mother's day", "--at", "2025-05-14 10:00"]);

    let by_tag = |tag: &str| journal.texts(&["--tag", tag]);
    assert_eq!(by_tag("MOTHER'S DAY"), ["Called her", "Breakfast in bed"]);
    assert_eq!(by_tag("r&d"), ["Lab day"]);
    assert_eq!(by_tag("st. malo"), ["Lab day"]);
    assert_eq!(by_tag("2025"), ["Breakfast in bed"]);
    assert_eq!(by_tag("two lines"), ["Odd tags"]);
    assert_eq!(by_tag("C++"), ["Templates"]);
    assert_eq!(by_tag("work/q1"), ["Templates"]);
    let names: Vec<Value> = journal
        .json(&["tags"])
        .as_array()
        .expect("tags")
        .iter()
        .map(|t| t["name"].clone())
        .collect();
    for written in ["Mother's Day", "R&D", "St. Malo", "2025", "c++", "work/q1"] {
        assert!(names.contains(&written.into()), "{written} not in {names:?}");
    }

    let day_one_out: Value =
        serde_json::from_slice(&std::fs::read(export_path(&journal, "dayone")).expect("export")).expect("JSON");
    assert_eq!(
        day_one_out["entries"][0]["tags"],
        json!(["2025", "family", "Mother's Day"])
    );
    let jrnl_out: Value =
        serde_json::from_slice(&std::fs::read(export_path(&journal, "jrnl")).expect("export")).expect("JSON");
    assert_eq!(jrnl_out["entries"][3]["tags"], json!(["@c++", "@work/q1"]));
}

fn export_path(journal: &Journal, format: &str) -> PathBuf {
    export_to(journal, format, &format!("out-{format}.json"))
}

#[test]
fn every_day_one_attachment_is_a_link_where_it_was_or_a_note_naming_it() {
    let journal = Journal::empty();
    let entries_json = day_one(json!([
        {"uuid": "M1", "creationDate": "2025-03-01T10:00:00Z",
         "text": "Talk ![](dayone-moment:/video/V1) then ![](dayone-moment:/audio/U1) and dayone-moment:/pdfAttachment/P1 end ![](dayone-moment://F1)",
         "videos": [{"identifier": "V1", "md5": "aa11", "type": "mp4"}],
         "audios": [{"identifier": "U1", "md5": "bb22", "format": "aac"}],
         "pdfAttachments": [{"identifier": "P1", "md5": "cc33", "pdfName": "slides [final].pdf"}],
         "photos": [{"identifier": "F1", "md5": "dd44", "type": "png"}]},
        {"uuid": "M2", "creationDate": "2025-03-02T10:00:00Z", "text": "Unplaced and missing",
         "videos": [{"identifier": "V2", "md5": "ee55", "type": "mov"}],
         "photos": [{"identifier": "F2", "type": "jpeg"}, {"identifier": "F3", "md5": "../../etc/passwd", "type": "jpeg"}]},
        {"uuid": "M3", "creationDate": "2025-03-03T10:00:00Z", "text": "![](dayone-moment:/video/GONE)"},
    ]));
    let export = zip(
        &journal,
        "export.zip",
        &[
            ("Export/Journal.json", &entries_json),
            ("Export/videos/aa11.mp4", b"v"),
            ("Export/audios/bb22.m4a", b"a"),
            ("Export/pdfs/cc33.pdf", b"p"),
            ("Export/photos/dd44.png", b"f"),
        ],
    );
    journal.ok(&["import", &export]);
    let texts: Vec<String> = entries(&journal, &[])
        .iter()
        .map(|e| e["text"].as_str().expect("text").to_owned())
        .collect();
    assert_eq!(
        texts[0],
        "Talk [video](Export/videos/aa11.mp4) then [audio](Export/audios/bb22.m4a) and \
         [PDF: slides final.pdf](Export/pdfs/cc33.pdf) end [photo](Export/photos/dd44.png)"
    );
    assert!(texts[1].starts_with("Unplaced and missing\n\n"), "{}", texts[1]);
    assert!(
        texts[1].contains("(video V2 — its file is not in the Day One export)"),
        "{}",
        texts[1]
    );
    assert!(
        texts[1].contains("(photo F2 — its file is not in the Day One export)"),
        "{}",
        texts[1]
    );
    assert!(
        texts[1].contains("(photo F3 — its file is not in the Day One export)"),
        "{}",
        texts[1]
    );
    assert_eq!(texts[2], "(a Day One attachment not in the export: GONE)");
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("dayone-moment") && !t.contains("passwd")),
        "{texts:?}"
    );
}

#[test]
fn day_one_escapes_are_read_as_typed_and_metadata_leaves_again() {
    let journal = Journal::empty();
    let export = day_one(json!([
        {"uuid": "E1", "creationDate": "2025-02-01T10:00:00Z", "text": "A 5\\-km run \\(slow\\)\\. Next: 6\\-km\\!"},
        {"uuid": "E2", "creationDate": "2025-02-02T10:00:00Z", "text": "\\#1 priority, \\*not\\* bold, C:\\\\Users"},
        {"uuid": "E3", "creationDate": "2025-02-03T10:00:00Z", "text": "Coffee in the square\\.",
         "location": {"placeName": "Café Central", "latitude": 48.2104, "longitude": 16.3655},
         "weather": {"conditionsDescription": "Partly Cloudy", "temperatureCelsius": 8.5}},
    ]));
    journal.ok(&["import", &file(&journal, "escaped.json", &export)]);
    let all = entries(&journal, &[]);
    assert_eq!(all[0]["text"], "A 5-km run (slow). Next: 6-km!");
    assert_eq!(all[1]["text"], "#1 priority, *not* bold, C:\\Users");
    let third = all[2]["text"].as_str().expect("text");
    assert!(third.starts_with("Coffee in the square.\n\n```dayone\n"), "{third}");
    assert!(
        third.contains("Café Central") && third.contains("Partly Cloudy"),
        "{third}"
    );

    let csv = std::fs::read_to_string(export_to(&journal, "csv", "out.csv")).expect("csv");
    assert!(
        csv.contains("A 5-km run (slow). Next: 6-km!") && !csv.contains("5\\-km"),
        "{csv}"
    );
    let out: Value =
        serde_json::from_slice(&std::fs::read(export_path(&journal, "dayone")).expect("export")).expect("JSON");
    let left = &out["entries"][2];
    assert_eq!(left["text"], "Coffee in the square.");
    assert_eq!(left["location"]["placeName"], "Café Central");
    assert_eq!(left["weather"]["temperatureCelsius"], 8.5);
}

#[test]
fn entries_keep_their_local_wall_time_and_offset_through_day_one() {
    let journal = Journal::empty();
    let export = day_one(json!([
        {"uuid": "Z1", "creationDate": "2025-01-10T03:30:00Z", "timeZone": "Asia/Kolkata", "text": "India"},
        {"uuid": "Z2", "creationDate": "2025-01-10T22:00:00Z", "timeZone": "Australia/Adelaide", "text": "Adelaide summer"},
        {"uuid": "Z3", "creationDate": "2025-01-11T12:00:00Z", "timeZone": "America/St_Johns", "text": "St John's winter"},
        {"uuid": "Z4", "creationDate": "2025-07-11T12:00:00Z", "timeZone": "America/St_Johns", "text": "St John's summer"},
        {"uuid": "Z5", "creationDate": "2025-03-30T00:30:00Z", "timeZone": "Europe/Berlin", "text": "Before the change"},
        {"uuid": "Z6", "creationDate": "2025-03-30T01:30:00Z", "timeZone": "Europe/Berlin", "text": "After the change"},
    ]));
    journal.ok(&["import", &file(&journal, "zones.json", &export)]);
    let want = [
        "2025-01-10T09:00:00+05:30",
        "2025-01-11T08:30:00+10:30",
        "2025-01-11T08:30:00-03:30",
        "2025-03-30T01:30:00+01:00",
        "2025-03-30T03:30:00+02:00",
        "2025-07-11T09:30:00-02:30",
    ];
    let stamps = |journal: &Journal| -> Vec<String> {
        entries(journal, &[])
            .iter()
            .map(|e| e["occurred_at"].as_str().expect("time").to_owned())
            .collect()
    };
    assert_eq!(stamps(&journal), want);
    let back = Journal::empty();
    let out = export_path(&journal, "dayone");
    back.ok(&["import", out.to_str().expect("path")]);
    assert_eq!(stamps(&back), want);
    let jrnl: Value =
        serde_json::from_slice(&std::fs::read(export_path(&journal, "jrnl")).expect("export")).expect("JSON");
    assert_eq!(
        (jrnl["entries"][0]["date"].clone(), jrnl["entries"][0]["time"].clone()),
        ("2025-01-10".into(), "09:00".into())
    );
}
