//! `gatehouse doctor`, the built binary, inside the desktop session: every check passes on a
//! working machine (configuration, Stytch, clock, organization, the real keychain, the deep-link
//! handler, the single-instance name), and each failure names itself with a fix — Stytch gone,
//! an unknown organization, another program handling the links, a running window holding the
//! name (a pass). Never a secret in what it prints.

mod support;

use std::process::Output;

use serde_json::Value;
use support::stack::{Family, Stack};

fn doctor(stack: &Stack, args: &[&str]) -> Output {
    let mut command = std::process::Command::new(support::app_binary());
    command.arg("doctor").args(args);
    for (key, value) in stack.app_env() {
        command.env(key, value);
    }
    command.output().expect("run gatehouse doctor")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn json(stack: &Stack) -> (i32, Value) {
    let output = doctor(stack, &["--json"]);
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&output)));
    (output.status.code().expect("an exit status"), report)
}

/// The check named `name` in a JSON report.
fn check<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name} check in {report}"))
}

fn assert_no_secret(stack: &Stack, output: &str) {
    for secret in [&stack.secret, &stack.public_token] {
        assert!(
            !output.contains(secret.as_str()),
            "a credential was printed"
        );
    }
}

#[tokio::test]
async fn on_a_working_machine_every_check_passes_and_says_where_each_setting_came_from() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let output = doctor(&stack, &[]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    for name in [
        "configuration",
        "stytch",
        "clock",
        "organization",
        "keychain",
        "deep link",
        "single instance",
    ] {
        assert!(
            said.contains(&format!("✓ {name}: ")),
            "{name} did not pass:\n{said}"
        );
    }
    assert!(!said.contains('✗'), "{said}");
    assert!(
        said.contains("found by POST /sdk/v1/b2b/organizations/search"),
        "{said}"
    );
    assert!(said.contains("runs this binary"), "{said}");
    assert_no_secret(&stack, &said);

    let (status, report) = json(&stack);
    assert_eq!(status, 0);
    assert_eq!(report["ok"], true);
    let settings = report["settings"].as_array().unwrap();
    let project = settings
        .iter()
        .find(|s| s["key"] == "stytch.project_id")
        .unwrap();
    assert_eq!(project["from"], stack.config.display().to_string());
    assert_eq!(project["enforced"], false);
    let scheme = settings
        .iter()
        .find(|s| s["key"] == "deep_link.scheme")
        .unwrap();
    assert_eq!(scheme["from"], "default");
    assert_no_secret(&stack, &report.to_string());

    // A window open: the single-instance name is held, by Gatehouse — still a pass.
    let driver = stack.driver();
    let client = driver.launch_app().await;
    let (status, report) = json(&stack);
    assert_eq!(status, 0, "{report}");
    let held = check(&report, "single instance");
    assert!(
        held["detail"]
            .as_str()
            .unwrap()
            .contains("held by a running Gatehouse"),
        "{held}"
    );
    client.close().await.unwrap();
}

#[tokio::test]
async fn each_failure_is_named_with_a_fix_and_the_exit_status_says_so() {
    let _one = support::exclusive().await;
    let mut stack = Stack::new(Family::Sdk).await;

    // Another program handles gatehouse:// links.
    let apps =
        std::path::PathBuf::from(std::env::var("XDG_DATA_HOME").unwrap()).join("applications");
    std::fs::write(
        apps.join("other.desktop"),
        "[Desktop Entry]\nType=Application\nName=Other\nExec=/bin/true %u\nMimeType=x-scheme-handler/gatehouse;\n",
    )
    .unwrap();
    let status = std::process::Command::new("xdg-mime")
        .args(["default", "other.desktop", "x-scheme-handler/gatehouse"])
        .status()
        .unwrap();
    assert!(status.success());
    let (status, report) = json(&stack);
    assert_eq!(status, 1);
    let link = check(&report, "deep link");
    assert_eq!(link["ok"], false, "{link}");
    assert!(
        link["fix"].as_str().unwrap().contains("xdg-mime default"),
        "{link}"
    );
    support::stack::install_desktop_entry();

    // An organization Stytch does not know.
    let config = std::fs::read_to_string(&stack.config).unwrap();
    std::fs::write(&stack.config, config.replace("example-org", "no-such-org")).unwrap();
    let (status, report) = json(&stack);
    assert_eq!(status, 1);
    let org = check(&report, "organization");
    assert_eq!(org["ok"], false);
    assert!(
        org["detail"].as_str().unwrap().contains("no-such-org"),
        "{org}"
    );
    assert!(
        org["fix"]
            .as_str()
            .unwrap()
            .contains(&stack.config.display().to_string()),
        "{org}"
    );
    std::fs::write(&stack.config, config).unwrap();

    // Stytch gone: reachability fails with what to check, the clock is not checked.
    stack.emulator.stop();
    let output = doctor(&stack, &[]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("✗ stytch: "), "{said}");
    assert!(
        said.contains("fix: Check the network, DNS and any proxy"),
        "{said}"
    );
    assert!(said.contains("✗ clock: not checked"), "{said}");
    assert!(said.contains("✓ keychain: "), "the rest still runs: {said}");
    assert_no_secret(&stack, &said);

    // An unusable configuration: named, with the file.
    std::fs::write(&stack.config, "[stytch]\n").unwrap();
    let output = doctor(&stack, &[]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(said.contains("✗ configuration: "), "{said}");
    assert!(said.contains(&stack.config.display().to_string()), "{said}");
}
