//! A hostile page configured as the workspace (the emulator's `/workspace/hostile/`, served
//! without a CSP), in the real window, after a real sign-in: everything it tries fails for it.
//! Ada signs in with an authenticator app she sets up, saves her recovery codes, and the page
//! opens in the workspace's window, where, without a click, it invokes commands, forces Tauri's
//! IPC onto postMessage and races a navigation to the local UI with bursts of `sign_out` and
//! `renew_recovery_codes`, points iframes, `location` and `window.open` at `smb:`, `file:`,
//! `gatehouse:` and other sites, starts a download, and listens for views; then a person's clicks
//! open `smb:`, `file:`, the local UI and `gatehouse:` in new windows, fire a burst of 50
//! windows, and click a download link. Ada then makes new recovery codes in the local window
//! while the page listens. Stub programs for `smb:`, files and the web record what the desktop
//! was asked to open.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Client;
use support::stack::{self, Family, Stack};
use support::window::{screen, submit, to_local, to_workspace, type_into, window_count};
use support::{screenshot, wait_for};

async fn text(client: &Client, css: &str) -> String {
    wait_for(client, css).await.text().await.unwrap()
}

/// Waits until `css`'s text satisfies `done` (20 s), and returns it.
async fn text_when(client: &Client, css: &str, done: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = text(client, css).await;
        if done(&now) {
            return now;
        }
        assert!(Instant::now() < deadline, "{css} stayed {now:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn lines(record: &Path) -> Vec<String> {
    std::fs::read_to_string(record)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Stytch calls whose path contains `part`.
async fn calls(stack: &Stack, part: &str) -> usize {
    let requests = stack.emulator.requests().await;
    requests
        .iter()
        .filter(|(path, _)| path.contains(part))
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_workspace_reaches_no_command_no_view_no_local_ui_and_nothing_on_the_desktop() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    stack.set_mfa_policy("REQUIRED_FOR_ALL");
    let hostile = format!("{}hostile/", stack.workspace_url());

    // What the desktop is asked to open lands in these files; downloads would land in `saved`.
    let record = stack.dir.path();
    stack::install_stub_browser(&record.join("browser.txt"));
    stack::install_stub_handler(
        "stub-smb",
        &["x-scheme-handler/smb"],
        &record.join("smb.txt"),
    );
    stack::install_stub_handler(
        "stub-files",
        &["text/plain", "inode/directory", "application/octet-stream"],
        &record.join("files.txt"),
    );
    let saved = record.join("downloads");
    std::fs::create_dir_all(&saved).unwrap();
    let config = std::env::var("XDG_CONFIG_HOME").expect("XDG_CONFIG_HOME (desktop-session.sh)");
    std::fs::write(
        Path::new(&config).join("user-dirs.dirs"),
        format!("XDG_DOWNLOAD_DIR=\"{}\"\n", saved.display()),
    )
    .unwrap();

    let driver = stack.driver_with(&[
        ("GATEHOUSE_WORKSPACE_URL", hostile.as_str()),
        ("GATEHOUSE_WORKSPACE_NAME", "Hostile Workspace"),
    ]);
    let client = driver.launch_app().await;

    // Ada: the link (opened as the desktop does), an authenticator app, her recovery codes.
    screen(&client, "sign_in").await;
    type_into(&client, "#email", "ada@example.com").await;
    submit(&client, "sign-in").await;
    screen(&client, "check_email").await;
    let email = stack.emulator.wait_for_message("ada@example.com", 1).await;
    stack::xdg_open(&stack.emulator.callback_url(&email).await);
    screen(&client, "choose_factor").await;
    wait_for(&client, "#choose-totp")
        .await
        .click()
        .await
        .unwrap();
    screen(&client, "enroll_totp").await;
    let key = text(&client, "#totp-secret").await.replace(' ', "");
    type_into(&client, "#code", &stack.app_code(&key).await).await;
    screen(&client, "recovery_codes").await;
    wait_for(&client, "#codes-saved")
        .await
        .click()
        .await
        .unwrap();
    wait_for(&client, "#codes-continue")
        .await
        .click()
        .await
        .unwrap();
    screen(&client, "signed_in").await;
    let token = stack::keychain_secret("session").expect("the session is kept");
    // From here on, a gatehouse: link the page makes the desktop open is recorded, not run.
    stack::install_stub_handler(
        "stub-gatehouse",
        &["x-scheme-handler/gatehouse"],
        &record.join("gatehouse.txt"),
    );

    // The page, in the workspace's window, does everything it can without a click.
    let local = to_workspace(&client, &hostile).await;
    text_when(&client, "#loaded", |t| t == "yes").await;
    let race = text_when(&client, "#race", |t| t.starts_with("done:")).await;
    assert!(
        race.ends_with("allowed 0"),
        "the race ran a command: {race}"
    );
    let invoked = text(&client, "#invoke").await;
    assert!(
        invoked.contains("current_view: refused") && invoked.contains("sign_out: refused"),
        "{invoked}"
    );
    assert!(!invoked.contains("ALLOWED"), "{invoked}");

    // A person's clicks: other programs' schemes and the local UI in new windows, a burst of
    // 50 windows, a download link.
    for button in [
        "#open-smb",
        "#open-file",
        "#open-local",
        "#open-gatehouse",
        "#burst",
        "#download",
    ] {
        wait_for(&client, button).await.click().await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    screenshot(&client, "16-hostile-workspace").await;

    // The page is where it was, in its own window; no other window opened.
    let url = client.current_url().await.unwrap();
    assert!(
        url.as_str().starts_with(&hostile),
        "the page navigated to {url}"
    );
    assert_eq!(window_count(&client).await, 2, "a window opened");
    to_local(&client, &local).await;
    let url = client.current_url().await.unwrap();
    assert_eq!(
        url.scheme(),
        "tauri",
        "the local UI's window left its origin: {url}"
    );
    screen(&client, "signed_in").await;

    // The desktop opened one web page, for the burst a person clicked, and nothing else.
    assert_eq!(
        lines(&record.join("browser.txt")),
        ["https://example.com/burst?n=0"]
    );
    for other in ["smb.txt", "files.txt", "gatehouse.txt"] {
        assert_eq!(lines(&record.join(other)), Vec::<String>::new(), "{other}");
    }
    let downloaded: Vec<_> = std::fs::read_dir(&saved).unwrap().collect();
    assert!(
        downloaded.is_empty(),
        "a download was saved: {downloaded:?}"
    );
    let home = std::env::var("HOME").unwrap();
    let in_home = std::fs::read_dir(Path::new(&home).join("Downloads"))
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with("hostile-download")
                })
                .count()
        })
        .unwrap_or(0);
    assert_eq!(in_home, 0, "a download was saved in ~/Downloads");

    // Stytch saw no revoke and no rotation; the session is still Ada's, in the keychain.
    assert_eq!(
        calls(&stack, "/sessions/revoke").await,
        0,
        "a revoke reached Stytch"
    );
    assert_eq!(
        calls(&stack, "/recovery_codes/rotate").await,
        0,
        "a rotation reached Stytch"
    );
    assert_eq!(
        stack::keychain_secret("session").as_deref(),
        Some(token.as_str())
    );
    let (status, _) = stack.emulator.session_status(&token).await;
    assert_eq!(status, 200, "the session was ended");

    // New recovery codes, in the local window, while the page listens: it hears nothing.
    let views_before = stack.app_log_text().matches("view screen=").count();
    wait_for(&client, "#renew-codes")
        .await
        .click()
        .await
        .unwrap();
    // Replacing the codes asks first (the current ones stop working at once).
    wait_for(&client, "#renew-codes-confirm")
        .await
        .click()
        .await
        .unwrap();
    screen(&client, "recovery_codes").await;
    assert!(stack.app_log_text().matches("view screen=").count() > views_before);
    assert_eq!(calls(&stack, "/recovery_codes/rotate").await, 1);
    let codes = client
        .find_all(fantoccini::Locator::Css("#recovery-codes li"))
        .await
        .unwrap();
    let mut new_codes = Vec::new();
    for code in codes {
        new_codes.push(code.text().await.unwrap());
    }
    assert_eq!(new_codes.len(), 10);
    let _ = to_workspace(&client, &hostile).await;
    assert_eq!(
        text(&client, "#heard").await,
        "0",
        "the page heard: {}",
        text(&client, "#heard-detail").await
    );
    let page = text(&client, "body").await;
    for code in &new_codes {
        assert!(
            !page.contains(code.as_str()),
            "a recovery code reached the page"
        );
    }

    // The app logged what it refused by scheme and host, never a whole URL.
    let log = stack.app_log_text();
    for refused in [
        "smb://fileserver",
        "file:",
        "gatehouse:",
        "tauri://localhost",
    ] {
        assert!(
            log.contains(&format!("to={refused}")),
            "no refusal of {refused} logged"
        );
    }
    for never in [
        "share/clicked",
        "token=clicked",
        "token=from-a-frame",
        "burst?n=",
        "by=script",
    ] {
        assert!(!log.contains(never), "a whole URL was logged ({never})");
    }

    to_local(&client, &local).await;
    client.close().await.unwrap();
    drop(driver);
    let mut secrets = vec![token, key];
    secrets.extend(new_codes);
    stack.assert_no_secrets(&secrets).await;
}
