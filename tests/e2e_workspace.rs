//! The workspace after sign-in, in a real window of its own: the emulator's demo workspace
//! verifies the `stytch_session_jwt` cookie against the JWKS on every page, the way a company
//! backend would. Its window opens after the code; the cookie is renewed with the session; a
//! session revoked elsewhere closes it and brings the local window back on the email screen with
//! the cookie gone; the workspace can call no Gatehouse command; a link off its origin does not
//! navigate it. A workspace that cannot be reached closes and gives the local screen with Try
//! again; the keyboard shortcut signs out from the workspace itself. What a hostile page cannot
//! do is in e2e_hostile_workspace.rs.

mod support;

use std::time::{Duration, Instant};

use emulator_control::Fault;
use fantoccini::{Client, Locator};
use support::axe::{assert_notice_announced, check_screen};
use support::stack::{self, Family, Stack};
use support::window::{
    notice, press_keys_in, screen, to_local, to_workspace, type_into, window_count,
};
use support::{screenshot, wait_for};

async fn text(client: &Client, css: &str) -> String {
    wait_for(client, css).await.text().await.unwrap()
}

/// The text of `css` on the workspace's page (the local signed-in screen has a `#member-email`
/// too): waits until the window shows the workspace, retrying while a navigation makes a found
/// element stale.
async fn on_workspace(client: &Client, workspace: &str, css: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let here = client.current_url().await.map(|u| u.to_string());
        if here.as_deref().is_ok_and(|u| u.starts_with(workspace)) {
            if let Ok(element) = client.find(Locator::Css(css)).await {
                if let Ok(text) = element.text().await {
                    return text;
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "the workspace never showed {css} (window at {here:?})"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The workspace page's JWT fingerprint, reloading until it differs from `old` (or 30 s).
async fn renewed_jwt(client: &Client, old: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        client.refresh().await.unwrap();
        if let Ok(el) = client.find(Locator::Css("#jwt-id")).await {
            let now = el.text().await.unwrap();
            if now != old {
                return now;
            }
        }
        assert!(
            Instant::now() < deadline,
            "the workspace never saw a renewed JWT"
        );
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// Signs grace in through the window (her `nth` sign-in of the run): email, the link through
/// xdg-open, the SMS Stytch sent.
async fn sign_in_as_grace(stack: &Stack, client: &Client, nth: usize) {
    screen(client, "sign_in").await;
    type_into(client, "#email", "grace@example.com").await;
    wait_for(client, "form#sign-in button[type='submit']")
        .await
        .click()
        .await
        .unwrap();
    screen(client, "check_email").await;
    let email = stack
        .emulator
        .wait_for_message("grace@example.com", nth)
        .await;
    stack::xdg_open(&stack.emulator.callback_url(&email).await);
    screen(client, "enter_code").await;
    let sms = stack.emulator.wait_for_message("+14155550123", nth).await;
    type_into(client, "#code", sms["code"].as_str().unwrap()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_workspace_opens_with_the_session_jwt_follows_its_renewal_and_closes_with_it() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let workspace = stack.workspace_url();
    let driver = stack.driver_with(&[
        ("GATEHOUSE_WORKSPACE_URL", workspace.as_str()),
        ("GATEHOUSE_WORKSPACE_NAME", "Example Workspace"),
        // Development only: the session check every 5 s instead of 3 minutes.
        ("GATEHOUSE_SESSION_CHECK_SECONDS", "5"),
    ]);
    let browsed = std::env::temp_dir().join(format!("browsed-{}.txt", std::process::id()));
    stack::install_stub_browser(&browsed);
    let client = driver.launch_app().await;

    sign_in_as_grace(&stack, &client, 1).await;

    // The workspace, in a window of its own, verified by its own server.
    let local = to_workspace(&client, &workspace).await;
    let shown = on_workspace(&client, &workspace, "#member-email").await;
    assert_eq!(shown, "grace@example.com");
    assert_eq!(text(&client, "#organization-name").await, "Example Org");
    let url = client.current_url().await.unwrap();
    assert!(url.as_str().starts_with(&workspace), "{url}");
    screenshot(&client, "07-workspace").await;

    // No IPC from the workspace.
    wait_for(&client, "#try-ipc").await.click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let ipc = loop {
        let result = text(&client, "#ipc-result").await;
        if !(result.is_empty() || result == "trying") || Instant::now() > deadline {
            break result;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(ipc, "no IPC", "the workspace reached a Gatehouse command");

    // A link off the workspace's origin does not navigate it.
    wait_for(&client, "#off-origin")
        .await
        .click()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let url = client.current_url().await.unwrap();
    assert!(url.as_str().starts_with(&workspace), "navigated to {url}");
    // A link asking for a new window opens none either.
    wait_for(&client, "#off-origin-blank")
        .await
        .click()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        window_count(&client).await,
        2,
        "a window opened besides the local UI's and the workspace's"
    );
    let url = client.current_url().await.unwrap();
    assert!(url.as_str().starts_with(&workspace), "navigated to {url}");
    // Both went to the system browser (this session's stub records what it is given).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let opened = std::fs::read_to_string(&browsed).unwrap_or_default();
        let count = opened
            .lines()
            .filter(|l| *l == "https://example.com/elsewhere")
            .count();
        if count == 2 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the system browser was not given the off-origin links (it got {opened:?}; the app said: {})",
            stack
                .app_log_text()
                .lines()
                .filter(|l| l.contains("browser") || l.contains("window"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // Six minutes on Stytch's clock: the first JWT has expired, the next check renews it.
    let first = text(&client, "#jwt-id").await;
    stack.emulator.advance_clock(6 * 60).await;
    let second = renewed_jwt(&client, &first).await;
    assert_ne!(first, second);
    assert_eq!(text(&client, "#member-email").await, "grace@example.com");

    // Revoked elsewhere: the window returns to the email screen and says why.
    let token = stack::keychain_secret("session").expect("the session token is kept");
    let revoked = stack
        .emulator
        .post_as_backend(
            "/v1/b2b/sessions/revoke",
            serde_json::json!({ "session_token": token }),
        )
        .await;
    assert_eq!(revoked["status_code"], 200, "{revoked}");
    to_local(&client, &local).await;
    screen(&client, "sign_in").await;
    notice(&client, "session_ended").await;
    screenshot(&client, "08-workspace-session-ended").await;
    assert_notice_announced(&client, "info").await;
    check_screen(&client, "sign-in-session-ended", "Sign in — Gatehouse").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !stack.app_log_text().contains("cookies_left=Ok(0)") {
        assert!(
            Instant::now() < deadline,
            "the workspace's cookie was not read back as gone"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(stack::keychain_secret("session"), None);
    wait_for_windows(&client, 1, &stack).await;

    client.close().await.unwrap();
    drop(driver);
    // Every /sdk/v1 path the app called is a route Stytch's SDKs publish.
    assert!(stack.emulator.assert_only_sourced_sdk_routes().await >= 5);
    stack.assert_no_secrets(&[token]).await;
}

/// Waits until WebDriver sees `n` windows (the workspace's closes with the session).
async fn wait_for_windows(client: &Client, n: usize, stack: &Stack) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while window_count(client).await != n {
        assert!(
            Instant::now() < deadline,
            "{} windows, not {n}; the app said:\n{}",
            window_count(client).await,
            stack.app_log_text()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_workspace_gives_the_local_screen_with_try_again_and_the_shortcut_signs_out()
{
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let workspace = stack.workspace_url();
    let driver = stack.driver_with(&[
        ("GATEHOUSE_WORKSPACE_URL", workspace.as_str()),
        ("GATEHOUSE_WORKSPACE_NAME", "Example Workspace"),
    ]);
    let client = driver.launch_app().await;
    // The workspace's server cuts the connection (twice: a web engine may retry once).
    let path = url_path(&workspace);
    let cut = Fault::drop_connection(path.clone()).times(2);
    stack.emulator.control.arm(&cut).await;
    sign_in_as_grace(&stack, &client, 1).await;

    // Not a blank window: the workspace's closes, and the local signed-in screen says what
    // failed and offers Try again.
    screen(&client, "signed_in").await;
    let status = wait_for(&client, "#workspace-retry").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    let said = loop {
        let said = text(&client, "#workspace-status").await;
        if said.starts_with("Example Workspace couldn't be opened: ") {
            break said;
        }
        assert!(
            Instant::now() < deadline,
            "the failure was never shown: {said}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(status.is_displayed().await.unwrap(), "{said}: no Try again");
    // In a person's words, not the web engine's.
    assert!(
        !said.contains("Could not connect") && !said.contains("Error"),
        "{said}"
    );
    let url = client.current_url().await.unwrap();
    assert!(!url.as_str().starts_with(&workspace), "still on {url}");
    wait_for_windows(&client, 1, &stack).await;
    screenshot(&client, "09-workspace-unreachable").await;
    check_screen(&client, "workspace-failed", "Signed in — Gatehouse").await;

    // The server is back: Try again opens the workspace with the session.
    stack.emulator.control.clear_faults().await;
    status.click().await.unwrap();
    let local = to_workspace(&client, &workspace).await;
    let shown = on_workspace(&client, &workspace, "#member-email").await;
    assert_eq!(shown, "grace@example.com");
    let token = stack::keychain_secret("session").expect("the session token is kept");
    // The workspace keeps something in its storage (the probe counts visits in localStorage).
    client.refresh().await.unwrap();
    let visits = on_workspace(&client, &workspace, "#storage").await;
    assert_eq!(visits, "2", "two visits counted");

    // The keyboard shortcut signs out from the workspace itself (its page has no command).
    press_keys_in("^Example Workspace — Gatehouse$", "ctrl+shift+l");
    wait_for_windows(&client, 1, &stack).await;
    to_local(&client, &local).await;
    screen(&client, "sign_in").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while stack::keychain_secret("session").is_some() {
        assert!(
            Instant::now() < deadline,
            "the session stayed in the keychain"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(stack.app_log_text().contains("sign out from the menu"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while !stack.app_log_text().contains("cookies_left=Ok(0)") {
        assert!(
            Instant::now() < deadline,
            "the workspace's cookie was not read back as gone"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    client.close().await.unwrap();
    drop(driver);
    // Every /sdk/v1 path the app called is a route Stytch's SDKs publish.
    assert!(stack.emulator.assert_only_sourced_sdk_routes().await >= 5);
    stack.assert_no_secrets(&[token]).await;
}

/// The path of the workspace's page (`/workspace/`), for arming a fault on it.
fn url_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme
        .find('/')
        .map_or("/".to_owned(), |i| after_scheme[i..].to_owned())
}
