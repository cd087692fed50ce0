//! `wins people`, `digest` and `standup` as a person runs them: credits are counted, digests and
//! stand-ups hold only what was shared, and bad input is refused with nothing written.

use crate::bad_input::refused;
use crate::{Journal, stderr};

/// A week (6–12 January 2025) with shared wins crediting Ana and Ben, a shared setback, and a
/// private win that shares a tag, a person and a day with the shared ones.
fn shared_week(journal: &Journal) {
    journal.add(&[
        "Launched onboarding #work with +Ana",
        "--share",
        "--at",
        "2025-01-07 10:00",
    ]);
    journal.add(&[
        "Closed the hiring loop #work",
        "--credit",
        "Ben Okafor",
        "--credit",
        "ana",
        "--share",
        "--at",
        "2025-01-08 11:00",
    ]);
    journal.add(&["SECRET salary talk #work +Ana", "--at", "2025-01-08 12:00"]);
    journal.add(&[
        "--setback",
        "Missed the demo",
        "--lesson",
        "Demo early",
        "--adjust",
        "Dry run on Thursdays",
        "--share",
        "--at",
        "2025-01-09 15:00",
    ]);
}

#[test]
fn people_are_listed_with_counts_and_filter_the_list() {
    let journal = Journal::empty();
    shared_week(&journal);
    let people = journal.json(&["people"]);
    assert_eq!(
        people,
        serde_json::json!([{"name": "Ana", "count": 3}, {"name": "Ben Okafor", "count": 1}])
    );
    let listed = journal.ok(&["people"]);
    assert_eq!(listed, "Ana              3\nBen Okafor       1\n");
    assert_eq!(
        journal.texts(&["--person", "ben okafor"]),
        ["Closed the hiring loop #work"]
    );
    assert_eq!(journal.texts(&["--person", "Nobody"]), Vec::<String>::new());
}

#[test]
fn a_private_win_crediting_someone_suggests_sharing_and_edit_shares_it() {
    let journal = Journal::empty();
    let output = journal.run(&["add", "Fixed the build", "--credit", "Dev"]);
    assert!(output.status.success());
    let id = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    assert!(stderr(&output).contains("--share"), "{}", stderr(&output));
    assert_eq!(journal.json(&["show", &id])["shareable"], false);
    journal.ok(&["edit", &id, "--share", "--uncredit", "dev", "--credit", "Ezra"]);
    let shown = journal.json(&["show", &id]);
    assert_eq!(shown["shareable"], true);
    assert_eq!(shown["people"], serde_json::json!(["Ezra"]));
    let block = journal.ok(&["show", &id]);
    assert!(block.contains("\ncredits   Ezra\nshared    yes\n"), "{block}");
    journal.ok(&["edit", &id, "--no-share"]);
    assert_eq!(journal.json(&["show", &id])["shareable"], false);
}

#[test]
fn the_digest_of_a_week_holds_only_shared_entries_in_every_format() {
    let journal = Journal::empty();
    shared_week(&journal);
    let markdown = journal.ok(&["digest", "week", "--date", "2025-01-08"]);
    for expected in [
        "# Team digest: 6–12 January 2025\n",
        "## Progress\n\n### Ana\n\n- Launched onboarding #work with +Ana (Tue 7 Jan)\n- Closed the hiring loop #work (Wed 8 Jan)\n",
        "### Ben Okafor\n\n- Closed the hiring loop #work (Wed 8 Jan)\n",
        "## Problems\n\n- Missed the demo\n  - Lesson: Demo early\n  - Adjustment: Dry run on Thursdays\n",
        "## Kudos\n\n- Ana: 2 wins — Launched onboarding #work with +Ana; Closed the hiring loop #work\n",
    ] {
        assert!(markdown.contains(expected), "{expected:?} is missing from\n{markdown}");
    }
    let text = journal.ok(&["digest", "week", "--date", "2025-01-08", "--format", "text"]);
    assert!(
        text.starts_with("Team digest: 6–12 January 2025\n\nPROGRESS\nAna\n"),
        "{text}"
    );
    assert!(
        !text.contains("##") && text.lines().all(|line| line.chars().count() <= 72),
        "{text}"
    );
    let page = journal.path().with_file_name("digest.html");
    let page_arg = page.to_str().expect("a UTF-8 path");
    let said = journal.ok(&[
        "digest",
        "week",
        "--date",
        "2025-01-08",
        "--format",
        "html",
        "--out",
        page_arg,
    ]);
    assert!(said.contains("digest.html"), "{said}");
    let html = std::fs::read_to_string(&page).expect("the page was written");
    assert!(
        html.starts_with("<!doctype html>") && html.contains("<h3>Ben Okafor</h3>"),
        "{html}"
    );
    let json = journal.json(&["digest", "week", "--date", "2025-01-08"]);
    assert_eq!(json["kudos"].as_array().map(Vec::len), Some(2));
    for everything in [markdown, text, html, json.to_string()] {
        assert!(!everything.contains("SECRET"), "{everything}");
    }
}

#[test]
fn a_week_with_nothing_shared_says_so_and_a_span_can_be_given() {
    let journal = Journal::empty();
    journal.add(&["Private win +Ana", "--at", "2025-01-07 10:00"]);
    let empty = journal.ok(&["digest", "week", "--date", "2025-01-08", "--format", "text"]);
    assert!(empty.contains("Nothing was shared in this period."), "{empty}");
    assert!(empty.contains("--share") && !empty.contains("Private win"), "{empty}");
    journal.add(&["Shared win", "--share", "--at", "2025-01-02 10:00"]);
    let span = journal.ok(&["digest", "week", "--since", "2025-01-01", "--until", "2025-01-03"]);
    assert!(span.starts_with("# Team digest: 1–3 January 2025\n"), "{span}");
    assert!(span.contains("### Other wins\n\n- Shared win (Thu 2 Jan)\n"), "{span}");
}

#[test]
fn standup_reads_yesterdays_shared_wins_and_the_shared_check_in() {
    let journal = Journal::empty();
    shared_week(&journal);
    let checkin = journal.add(&[
        "--note",
        "--tag",
        "checkin",
        "--at",
        "2025-01-09 08:30",
        "Daily check-in: Thursday 9 January 2025\n\n## Today's focus\n\nPair on the beta\n\n## Blockers\n\nWaiting on legal\n",
    ]);
    let private = journal.run(&["standup", "--date", "2025-01-09"]);
    assert!(stderr(&private).contains("private"), "{}", stderr(&private));
    journal.ok(&["edit", &checkin, "--share"]);
    let standup = journal.ok(&["standup", "--date", "2025-01-09"]);
    assert_eq!(
        standup,
        "Stand-up: Thursday 9 January 2025\n\nYesterday\n- Closed the hiring loop #work\n\nToday\n- Pair on the \
         beta\n\nBlockers\n- Waiting on legal\n"
    );
    let markdown = journal.ok(&["standup", "--date", "2025-01-09", "--format", "markdown"]);
    assert!(
        markdown.starts_with("# Stand-up: Thursday 9 January 2025\n\n## Yesterday\n\n- Closed"),
        "{markdown}"
    );
    let json = journal.json(&["standup", "--date", "2025-01-09"]);
    assert_eq!(json["blockers"], "Waiting on legal");
}

#[test]
fn bad_team_input_is_refused_with_one_line_and_nothing_written() {
    let journal = Journal::empty();
    shared_week(&journal);
    refused(&journal, &["digest", "month"], 2, "week");
    refused(&journal, &["digest", "week", "--format", "pdf"], 2, "pdf");
    refused(
        &journal,
        &["digest", "week", "--since", "2025-01-09", "--until", "2025-01-01"],
        2,
        "before",
    );
    refused(&journal, &["digest", "week", "--date", "someday"], 2, "someday");
    refused(&journal, &["standup", "--format", "html"], 2, "html");
    refused(&journal, &["add", "Credit", "--credit", "+42"], 2, "+42");
    refused(&journal, &["list", "--person", "  "], 2, "person");
    refused(&journal, &["add", "Both", "--share", "--no-share"], 2, "--no-share");
}
