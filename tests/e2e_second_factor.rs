//! An authenticator app and recovery codes in the real window: Ada (no factor yet) chooses an
//! authenticator app, sets it up from the setup key the window shows (the test is her app: it
//! computes the codes from that key), saves her recovery codes, signs out; signs in again with a
//! code from the app; then with a recovery code, and is told how many are left. No SMS is sent on
//! any of these paths, and neither the key nor the recovery codes reach a log.

mod support;

use std::time::Duration;

use fantoccini::{Client, Locator};
use support::axe::{assert_notice_announced, check_screen};
use support::stack::{self, Family, Stack};
use support::window::{fits, in_view, notice, screen, submit, type_into};
use support::{screenshot, wait_for};

async fn text(client: &Client, css: &str) -> String {
    wait_for(client, css).await.text().await.unwrap()
}

/// Ada's `nth` email link, opened the way the desktop does.
async fn through_the_link(stack: &Stack, client: &Client, nth: usize) {
    screen(client, "sign_in").await;
    fits(
        client,
        &["#sign-in-title", "form#sign-in button[type='submit']"],
    )
    .await;
    type_into(client, "#email", "ada@example.com").await;
    submit(client, "sign-in").await;
    screen(client, "check_email").await;
    fits(client, &["#check-email-title", "#resend-link"]).await;
    let email = stack
        .emulator
        .wait_for_message("ada@example.com", nth)
        .await;
    stack::xdg_open(&stack.emulator.callback_url(&email).await);
}

/// The desktop's clipboard (xclip), once `ready` holds for it (or after 15 s).
async fn clipboard_when(ready: impl Fn(&str) -> bool) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let out = std::process::Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .output()
            .expect("xclip (scripts/bootstrap.sh installs it)");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        if ready(&text) || std::time::Instant::now() > deadline {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn set_clipboard(text: &str) {
    use std::io::Write;
    let mut child = std::process::Command::new("xclip")
        .args(["-i", "-selection", "clipboard"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("xclip");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    child.wait().unwrap();
}

async fn sign_out(client: &Client) {
    screen(client, "signed_in").await;
    submit(client, "signed-in").await;
    screen(client, "sign_in").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_authenticator_app_is_set_up_then_signs_in_and_a_recovery_code_does_too() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    stack.set_mfa_policy("REQUIRED_FOR_ALL");
    // Development only: the clipboard forgets a copied secret after 3 s instead of a minute.
    let driver = stack.driver_with(&[("GATEHOUSE_CLIPBOARD_SECONDS", "3")]);
    let client = driver.launch_app().await;

    // Ada has no second factor: she chooses an authenticator app.
    through_the_link(&stack, &client, 1).await;
    screen(&client, "choose_factor").await;
    screenshot(&client, "10-choose-factor").await;
    wait_for(&client, "#choose-totp")
        .await
        .click()
        .await
        .unwrap();
    screen(&client, "enroll_totp").await;
    let qr = wait_for(&client, "#totp-qr")
        .await
        .attr("src")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(qr.starts_with("data:image/png;base64,"), "{qr}");
    // The page opens at its heading, with the field and Verify in view (#23 item 5).
    let focused = client.active_element().await.unwrap();
    assert_eq!(
        focused.attr("id").await.unwrap().as_deref(),
        Some("enroll-totp-title")
    );
    let verify = "form#enroll-totp button[type='submit']";
    fits(
        &client,
        &["#enroll-totp-title", "#totp-qr", "#code", verify],
    )
    .await;
    screenshot(&client, "11-enroll-totp").await;
    check_screen(
        &client,
        "enroll-totp",
        "Set up an authenticator app — Gatehouse",
    )
    .await;
    // The setup key is folded under "Can't scan the code?" (read here as the page holds it).
    let key = wait_for(&client, "#totp-secret")
        .await
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default()
        .replace(' ', "");
    assert_eq!(key.len(), 32, "{key}");
    // Folded: the details element is closed (WebDriver's "displayed" does not look at <details>).
    let open = client
        .execute("return document.getElementById('totp-key').open;", vec![])
        .await
        .unwrap();
    assert_eq!(
        open,
        serde_json::Value::Bool(false),
        "the key is folded away"
    );

    // A wrong first code: its message at the field too, not only above the heading.
    let right = stack.app_code(&key).await;
    let wrong: String = right
        .chars()
        .enumerate()
        .map(|(i, c)| match (i, c.to_digit(10)) {
            (0, Some(d)) => char::from_digit((d + 1) % 10, 10).unwrap(),
            _ => c,
        })
        .collect();
    type_into(&client, "#code", &wrong).await;
    notice(&client, "wrong_totp_code").await;
    assert_eq!(
        text(&client, "#code-error").await,
        text(&client, "#notice-message").await
    );
    // Focus went to the field (its code selected), scrolling it into view with its message.
    in_view(
        &client,
        &["label[for='code']", "#code-error", "#code", verify],
    )
    .await;
    screenshot(&client, "11-enroll-totp-wrong-code").await;
    assert_notice_announced(&client, "error").await;
    check_screen(
        &client,
        "enroll-totp-wrong-code",
        "Set up an authenticator app — Gatehouse",
    )
    .await;

    // "Can't scan the code?" shows the key; Copy key puts it on the clipboard, then it is gone.
    wait_for(&client, "#totp-key summary")
        .await
        .click()
        .await
        .unwrap();
    assert_eq!(text(&client, "#totp-secret").await.replace(' ', ""), key);
    wait_for(&client, "#copy-secret")
        .await
        .click()
        .await
        .unwrap();
    assert_eq!(clipboard_when(|c| !c.is_empty()).await, key);
    type_into(&client, "#code", &stack.app_code(&key).await).await;

    // The recovery codes, once; Continue only after "I have saved them".
    screen(&client, "recovery_codes").await;
    fits(&client, &["#recovery-codes-title", "#codes-continue"]).await;
    screenshot(&client, "12-recovery-codes").await;
    check_screen(
        &client,
        "recovery-codes",
        "Save your recovery codes — Gatehouse",
    )
    .await;
    let mut codes = Vec::new();
    for item in client
        .find_all(Locator::Css("#recovery-codes li"))
        .await
        .unwrap()
    {
        codes.push(item.text().await.unwrap());
    }
    assert_eq!(codes.len(), 10, "{codes:?}");
    assert_eq!(
        clipboard_when(|c| c.is_empty()).await,
        "",
        "the setup key was forgotten"
    );
    // Copy: the codes, one per line; something the person copies after them is kept.
    wait_for(&client, "#copy-codes")
        .await
        .click()
        .await
        .unwrap();
    assert_eq!(clipboard_when(|c| !c.is_empty()).await, codes.join("\n"));
    set_clipboard("something else");
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(clipboard_when(|c| !c.is_empty()).await, "something else");
    let proceed = wait_for(&client, "#codes-continue").await;
    assert!(!proceed.is_enabled().await.unwrap());
    wait_for(&client, "#codes-saved")
        .await
        .click()
        .await
        .unwrap();
    proceed.click().await.unwrap();
    screen(&client, "signed_in").await;
    let token = stack::keychain_secret("session").expect("the session is kept");
    sign_out(&client).await;

    // Next time: the app's code (a new 30-second step: a code signs in once).
    stack.emulator.advance_clock(31).await;
    through_the_link(&stack, &client, 2).await;
    screen(&client, "enter_code").await;
    assert_eq!(
        text(&client, "#enter-code-title").await,
        "Enter the code from your authenticator app"
    );
    fits(
        &client,
        &[
            "#enter-code-title",
            "#code",
            "form#enter-code button[type='submit']",
        ],
    )
    .await;
    screenshot(&client, "13-enter-totp").await;
    check_screen(
        &client,
        "enter-code-totp",
        "Enter the authenticator app's code — Gatehouse",
    )
    .await;
    type_into(&client, "#code", &stack.app_code(&key).await).await;
    sign_out(&client).await;

    // Then a recovery code, through "Use another way".
    stack.emulator.advance_clock(31).await;
    through_the_link(&stack, &client, 3).await;
    screen(&client, "enter_code").await;
    wait_for(&client, "#other-ways summary")
        .await
        .click()
        .await
        .unwrap();
    wait_for(&client, "#use-recovery_code")
        .await
        .click()
        .await
        .unwrap();
    screen(&client, "enter_recovery_code").await;
    screenshot(&client, "14-enter-recovery-code").await;
    check_screen(
        &client,
        "enter-recovery-code",
        "Enter a recovery code — Gatehouse",
    )
    .await;
    type_into(&client, "#recovery-code", &codes[0]).await;
    submit(&client, "enter-recovery-code").await;
    screen(&client, "signed_in").await;
    assert_eq!(
        text(&client, "#recovery-left").await,
        "You signed in with a recovery code. 9 left. If your phone or authenticator app is lost, set up a new one now."
    );
    let factors = text(&client, "#factors").await;
    assert!(factors.contains("Recovery code"), "{factors}");
    screenshot(&client, "15-recovery-code-used").await;
    check_screen(&client, "signed-in-recovery-code", "Signed in — Gatehouse").await;
    // The way forward and the way out, both without scrolling (#23: this screen was too tall).
    fits(
        &client,
        &[
            "#signed-in-title",
            "#new-authenticator",
            "form#signed-in button[type='submit']",
        ],
    )
    .await;
    // The way forward for a lost phone (#23): a new app, set up with the session in hand.
    wait_for(&client, "#new-authenticator")
        .await
        .click()
        .await
        .unwrap();
    screen(&client, "enroll_totp").await;
    assert_eq!(
        text(&client, "#enroll-totp-title").await,
        "Add a new authenticator app"
    );
    screenshot(&client, "16-new-authenticator").await;
    check_screen(
        &client,
        "enroll-totp-replacing",
        "Set up an authenticator app — Gatehouse",
    )
    .await;

    // Not one SMS on any of these paths.
    let sms = stack
        .emulator
        .requests()
        .await
        .into_iter()
        .filter(|(path, _)| path.contains("/otps/sms/"))
        .count();
    assert_eq!(sms, 0, "an SMS was asked for");
    tokio::time::sleep(Duration::from_millis(300)).await;
    client.close().await.unwrap();
    drop(driver);
    assert!(stack.emulator.assert_only_sourced_sdk_routes().await >= 5);
    let mut secrets = vec![token, key];
    secrets.extend(codes);
    stack.assert_no_secrets(&secrets).await;
}
