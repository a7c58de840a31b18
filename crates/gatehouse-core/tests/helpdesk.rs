//! Every code a notice can carry is in the README's helpdesk table (issue #23, item 10): the
//! window shows "Reference: <code>" under each error, and the helpdesk looks it up there. The
//! codes are read from the UI's generated type, which `cargo test` regenerates from
//! `NoticeCode` (the test script fails when it differs from the committed one).

use std::path::Path;

#[test]
fn every_notice_code_is_in_the_readme_s_helpdesk_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let generated = std::fs::read_to_string(root.join("ui/src/generated/NoticeCode.ts")).unwrap();
    let codes: Vec<&str> = generated
        .split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, code)| code)
        .collect();
    assert!(codes.len() > 40, "{codes:?}");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let table = readme
        .split("### Helpdesk: reference codes")
        .nth(1)
        .expect("the README's helpdesk section");
    let missing: Vec<&&str> = codes
        .iter()
        .filter(|code| !table.contains(&format!("| `{code}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "not in the README's helpdesk table: {missing:?}"
    );
}
