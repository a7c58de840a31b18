//! Signing in with the keyboard alone (#21): no click anywhere, only keys sent through WebDriver
//! (Tab, Shift+Tab, Enter, Space and typing) to whatever has focus, the way a person without a
//! mouse works. On each screen focus lands where that person types next (the field, or the
//! heading where there is nothing to type yet), and the window's title names the screen.
//! The email's link arrives as in every other end-to-end test: through `xdg-open`.
//!
//! Ada, no factor yet: a text message — add a phone, type the code, signed in. Then, in a fresh
//! world, an authenticator app — a wrong code first (announced, focus back on the field), the
//! right one, the recovery codes saved (checkbox with Space, Continue with Enter) — and Sign out.

mod support;

use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Client;
use support::axe::{assert_notice_announced, assert_titled};
use support::stack::{self, Family, Stack};
use support::window::{notice, screen};
use support::{screenshot, wait_for};

/// Presses `keys` together (the first ones held, as modifiers), then lets go.
async fn press(client: &Client, keys: &[Key]) {
    let mut actions = KeyActions::new("keyboard".into());
    for key in keys {
        actions = actions.then(KeyAction::Down {
            value: (*key).into(),
        });
    }
    for key in keys.iter().rev() {
        actions = actions.then(KeyAction::Up {
            value: (*key).into(),
        });
    }
    client.perform_actions(actions).await.expect("press keys");
}

/// Types `text` into whatever has focus, a key at a time.
async fn type_keys(client: &Client, text: &str) {
    let mut actions = KeyActions::new("keyboard".into());
    for c in text.chars() {
        actions = actions
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    client.perform_actions(actions).await.expect("type keys");
}

/// What has focus (document.activeElement): whether it matches `css`, and what it is.
async fn focused(client: &Client, css: &str) -> (bool, String) {
    const SCRIPT: &str = "const el = document.activeElement; \
        if (!el) return [false, '(nothing)']; \
        const text = (el.textContent || '').trim().slice(0, 30); \
        return [el.matches(arguments[0]), el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (text ? ' \"' + text + '\"' : '')];";
    let value = client
        .execute(SCRIPT, vec![serde_json::json!(css)])
        .await
        .expect("activeElement");
    (
        value[0].as_bool().unwrap_or(false),
        value[1].as_str().unwrap_or("?").to_owned(),
    )
}

/// Waits (up to 10 s: a screen may load lazily) until focus is on the element `css` names.
async fn focus_lands_on(client: &Client, css: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (there, what) = focused(client, css).await;
        if there {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "focus is on {what}, not on {css}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Tabs forward until the element `css` names has focus, as a person would, failing after
/// `most` presses with the path focus took.
async fn tab_to(client: &Client, css: &str, most: usize) {
    let (mut there, what) = focused(client, css).await;
    let mut path = vec![what];
    for _ in 0..most {
        if there {
            return;
        }
        press(client, &[Key::Tab]).await;
        let (now, what) = focused(client, css).await;
        there = now;
        path.push(what);
    }
    assert!(there, "Tab never reached {css}: focus went {path:?}");
}

/// Ada's email, from the focused field: typed, then Enter; the link through xdg-open.
async fn email_then_link(stack: &Stack, client: &Client, nth: usize) {
    screen(client, "sign_in").await;
    assert_titled(client, "Sign in — Gatehouse").await;
    focus_lands_on(client, "#email").await;
    type_keys(client, "ada@example.com").await;
    press(client, &[Key::Enter]).await;
    screen(client, "check_email").await;
    assert_titled(client, "Check your email — Gatehouse").await;
    // Nothing to type here: focus starts at the heading, for a screen reader to read on.
    focus_lands_on(client, "#check-email-title").await;
    let email = stack
        .emulator
        .wait_for_message("ada@example.com", nth)
        .await;
    stack::xdg_open(&stack.emulator.callback_url(&email).await);
    screen(client, "choose_factor").await;
    assert_titled(client, "Choose a second step — Gatehouse").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_text_message_sign_in_with_the_keyboard_alone() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    stack.set_mfa_policy("REQUIRED_FOR_ALL");
    let driver = stack.driver();
    let client = driver.launch_app().await;

    email_then_link(&stack, &client, 1).await;
    // The choices are buttons: focus is on the first; Tab to a text message, Enter.
    tab_to(&client, "#choose-sms", 3).await;
    press(&client, &[Key::Enter]).await;

    screen(&client, "enroll_phone").await;
    assert_titled(&client, "Add a phone — Gatehouse").await;
    focus_lands_on(&client, "#phone").await;
    type_keys(&client, "+1 415 555 0199").await;
    press(&client, &[Key::Enter]).await;

    screen(&client, "enter_code").await;
    assert_titled(&client, "Enter the texted code — Gatehouse").await;
    focus_lands_on(&client, "#code").await;
    let sms = stack.emulator.wait_for_message("+14155550199", 1).await;
    // Six digits submit by themselves.
    type_keys(&client, sms["code"].as_str().unwrap()).await;

    screen(&client, "signed_in").await;
    assert_titled(&client, "Signed in — Gatehouse").await;
    focus_lands_on(&client, "#signed-in-title").await;
    assert!(stack::keychain_secret("session").is_some(), "signed in");
    screenshot(&client, "keyboard-sms-signed-in").await;
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_authenticator_app_sign_in_and_sign_out_with_the_keyboard_alone() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    stack.set_mfa_policy("REQUIRED_FOR_ALL");
    let driver = stack.driver();
    let client = driver.launch_app().await;

    email_then_link(&stack, &client, 1).await;
    tab_to(&client, "#choose-totp", 3).await;
    // A button takes Space as well as Enter.
    press(&client, &[Key::Space]).await;

    screen(&client, "enroll_totp").await;
    assert_titled(&client, "Set up an authenticator app — Gatehouse").await;
    // First the QR code to scan: focus starts at the heading; the field is a few Tabs on.
    focus_lands_on(&client, "#enroll-totp-title").await;
    tab_to(&client, "#code", 6).await;
    // The key as the page holds it (read, not clicked: the test is Ada's app).
    let key = wait_for(&client, "#totp-secret")
        .await
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default()
        .replace(' ', "");
    let right = stack.app_code(&key).await;
    let wrong: String = right
        .chars()
        .enumerate()
        .map(|(i, c)| match (i, c.to_digit(10)) {
            (0, Some(d)) => char::from_digit((d + 1) % 10, 10).unwrap(),
            _ => c,
        })
        .collect();
    type_keys(&client, &wrong).await;
    // The mistake is announced, and focus is back in the field with the wrong code selected:
    // typing replaces it.
    notice(&client, "wrong_totp_code").await;
    assert_notice_announced(&client, "error").await;
    focus_lands_on(&client, "#code").await;
    type_keys(&client, &stack.app_code(&key).await).await;

    screen(&client, "recovery_codes").await;
    assert_titled(&client, "Save your recovery codes — Gatehouse").await;
    focus_lands_on(&client, "#recovery-codes-title").await;
    tab_to(&client, "#codes-saved", 6).await;
    press(&client, &[Key::Space]).await;
    let checked = wait_for(&client, "#codes-saved")
        .await
        .prop("checked")
        .await
        .unwrap();
    assert_eq!(checked.as_deref(), Some("true"), "Space ticks the box");
    // Continue is next; Shift+Tab goes back to the box, Tab forward again.
    press(&client, &[Key::Tab]).await;
    focus_lands_on(&client, "#codes-continue").await;
    press(&client, &[Key::Shift, Key::Tab]).await;
    focus_lands_on(&client, "#codes-saved").await;
    press(&client, &[Key::Tab]).await;
    focus_lands_on(&client, "#codes-continue").await;
    press(&client, &[Key::Enter]).await;

    screen(&client, "signed_in").await;
    assert_titled(&client, "Signed in — Gatehouse").await;
    focus_lands_on(&client, "#signed-in-title").await;
    let session = stack::keychain_secret("session");
    assert!(session.is_some(), "signed in");
    // Sign out is the form's own button, after everything else on the screen.
    tab_to(&client, "form#signed-in button[type='submit']", 12).await;
    press(&client, &[Key::Enter]).await;
    screen(&client, "sign_in").await;
    assert_titled(&client, "Sign in — Gatehouse").await;
    focus_lands_on(&client, "#email").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while stack::keychain_secret("session").is_some() {
        assert!(Instant::now() < deadline, "signing out left the session");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    client.close().await.unwrap();
}
