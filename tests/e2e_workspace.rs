//! The workspace after sign-in, in the real window: the emulator's demo workspace verifies the
//! `stytch_session_jwt` cookie against the JWKS on every page, the way a company backend would.
//! The window shows it after the code; the cookie is renewed with the session; a session revoked
//! elsewhere returns the window to the email screen with the cookie gone; the workspace can call
//! no Gatehouse command; a link off its origin does not navigate it.

mod support;

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use support::stack::{self, Family, Stack};
use support::window::{notice, screen, type_into};
use support::{screenshot, wait_for};

async fn text(client: &Client, css: &str) -> String {
    wait_for(client, css).await.text().await.unwrap()
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
    let client = driver.launch_app().await;

    // Sign in: email, link, the SMS Stytch sent itself.
    screen(&client, "sign_in").await;
    type_into(&client, "#email", "grace@example.com").await;
    wait_for(&client, "form#sign-in button[type='submit']")
        .await
        .click()
        .await
        .unwrap();
    screen(&client, "check_email").await;
    let email = stack
        .emulator
        .wait_for_message("grace@example.com", 1)
        .await;
    stack::xdg_open(&stack.emulator.callback_url(&email).await);
    screen(&client, "enter_code").await;
    let sms = stack.emulator.wait_for_message("+14155550123", 1).await;
    type_into(&client, "#code", sms["code"].as_str().unwrap()).await;

    // The workspace, verified by its own server.
    assert_eq!(text(&client, "#member-email").await, "grace@example.com");
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
    assert!(
        stack
            .app_log_text()
            .contains("url=https://example.com/elsewhere"),
        "the off-origin link went to the system browser"
    );

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
    screen(&client, "sign_in").await;
    notice(&client, "session_ended").await;
    screenshot(&client, "08-workspace-session-ended").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !stack.app_log_text().contains("cookies_left=Ok(0)") {
        assert!(
            Instant::now() < deadline,
            "the workspace's cookie was not read back as gone"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(stack::keychain_secret("session"), None);

    client.close().await.unwrap();
    drop(driver);
    stack.assert_no_secrets(&[token]).await;
}
