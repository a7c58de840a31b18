//! Stytch failing at every step of the real window's sign-in: a 503, a 429, a 10 s stall and a
//! dropped connection, each armed once on every call the sign-in makes (the launch's organization
//! lookup, the email, the link, the SMS the app sends, the code). After each, the person finishes
//! with what is on the screen: the address and the code stay typed, the link is tried again from
//! the window, the SMS is sent on request; one email and one SMS in all, and the session that
//! Stytch minted is the one in the keychain.

mod support;

use std::time::Duration;

use emulator_control::Fault;
use fantoccini::Client;
use support::stack::{self, Family, Stack};
use support::window::{displayed, quit, submit, type_into, value_of};
use support::{screenshot, wait_for};

/// linus has a phone on file but is not enrolled: under REQUIRED_FOR_ALL Stytch does not send
/// the code itself, so the app calls sms/send (a step of its own to fail).
const EMAIL: &str = "linus@example.com";
const PHONE: &str = "+15555550123";

/// Every call the sign-in makes, in order (the SDK API: the shipped configuration).
const STEPS: [&str; 5] = [
    "/sdk/v1/b2b/organizations/search",
    "/sdk/v1/b2b/magic_links/email/login_or_signup",
    "/sdk/v1/b2b/magic_links/authenticate",
    "/sdk/v1/b2b/otps/sms/send",
    "/sdk/v1/b2b/otps/sms/authenticate",
];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Unavailable,
    RateLimited,
    Stall,
    Dropped,
}

impl Kind {
    fn fault(self, path: &str) -> Fault {
        match self {
            Kind::Unavailable => Fault::status(path, 503),
            Kind::RateLimited => Fault::status(path, 429),
            Kind::Stall => Fault::delay(path, Duration::from_secs(10)),
            Kind::Dropped => Fault::drop_connection(path),
        }
    }

    /// A stall answers in the end: the person only waits.
    fn fails(self) -> bool {
        self != Kind::Stall
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Unavailable => "503",
            Kind::RateLimited => "429",
            Kind::Stall => "stall",
            Kind::Dropped => "dropped",
        }
    }
}

/// Waits until the screen is `name` with no call in flight: up to 45 s, as two stalled calls
/// in a row (the link, then the SMS the app sends) take 20 s by themselves.
async fn settled(client: &Client, name: &str) {
    let css = format!("main#app[data-screen='{name}'][data-busy='false']");
    if let Err(e) = client
        .wait()
        .at_most(Duration::from_secs(45))
        .for_element(fantoccini::Locator::Css(&css))
        .await
    {
        wait_for(client, &css).await; // fails with what the page says
        panic!("{css}: {e}");
    }
}

/// The failure shows as an error notice on the same screen; a 429 is waited out (Stytch's
/// Retry-After is 1 s here) before the person acts again.
async fn failed_on(client: &Client, kind: Kind, name: &str, shot: &str) {
    settled(client, name).await;
    wait_for(client, "#notice[data-kind='error']").await;
    screenshot(client, &format!("faults-{}-{shot}", kind.name())).await;
    if kind == Kind::RateLimited {
        tokio::time::sleep(Duration::from_millis(1200)).await;
    }
}

async fn sign_in_through(kind: Kind) {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    stack.set_mfa_policy("REQUIRED_FOR_ALL");
    for path in STEPS {
        stack.emulator.control.arm(&kind.fault(path)).await;
    }
    let driver = stack.driver();
    let client = driver.launch_app().await;

    // The launch: its organization lookup fails (or is slow, and the screen says for what).
    if kind == Kind::Stall {
        wait_for(&client, "#notice[data-code='waiting_for_stytch']").await;
    }
    settled(&client, "sign_in").await;
    if kind.fails() && displayed(&client, "#retry").await {
        if kind == Kind::RateLimited {
            tokio::time::sleep(Duration::from_millis(1200)).await;
        }
        wait_for(&client, "#retry").await.click().await.unwrap();
        settled(&client, "sign_in").await;
    }

    // The email: the address stays typed; the same button sends it.
    type_into(&client, "#email", EMAIL).await;
    submit(&client, "sign-in").await;
    if kind.fails() {
        failed_on(&client, kind, "sign_in", "email").await;
        assert_eq!(
            value_of(&client, "#email").await,
            EMAIL,
            "the address stays"
        );
        submit(&client, "sign-in").await;
    }
    settled(&client, "check_email").await;

    // The link: Try again in the window sends it again.
    let email = stack.emulator.wait_for_message(EMAIL, 1).await;
    let link = stack.emulator.callback_url(&email).await;
    stack::xdg_open(&link);
    if kind.fails() {
        failed_on(&client, kind, "check_email", "link").await;
        wait_for(&client, "#notice #retry")
            .await
            .click()
            .await
            .unwrap();
    }

    // The SMS the app sends: the screen says it was not sent (no timer), and its one button
    // sends it.
    if kind.fails() {
        failed_on(&client, kind, "enter_code", "send").await;
        let said = wait_for(&client, "#masked-phone")
            .await
            .text()
            .await
            .unwrap();
        assert!(said.starts_with("We couldn't text"), "{said}");
        assert!(
            !displayed(&client, "#code-timer").await,
            "no timer for no code"
        );
        let senders = client
            .find_all(fantoccini::Locator::Css("button[data-resend]"))
            .await
            .unwrap();
        assert_eq!(senders.len(), 1, "one button to send the code");
        wait_for(&client, "#resend-code")
            .await
            .click()
            .await
            .unwrap();
    }
    settled(&client, "enter_code").await;
    let sms = stack.emulator.wait_for_message(PHONE, 1).await;
    let code = sms["code"].as_str().unwrap().to_owned();

    // The code: it stays typed; Verify sends it again.
    type_into(&client, "#code", &code).await;
    if kind.fails() {
        failed_on(&client, kind, "enter_code", "code").await;
        assert_eq!(value_of(&client, "#code").await, code, "the code stays");
        submit(&client, "enter-code").await;
    }
    settled(&client, "signed_in").await;
    screenshot(&client, &format!("faults-{}-signed-in", kind.name())).await;

    assert_eq!(
        stack.emulator.messages(EMAIL).await.len(),
        1,
        "one email: the address was never sent twice"
    );
    assert_eq!(
        stack.emulator.messages(PHONE).await.len(),
        1,
        "one SMS: none sent unasked"
    );
    let token = stack::keychain_secret("session").expect("the minted session is kept");
    assert_eq!(
        stack.emulator.session_status(&token).await.0,
        200,
        "the keychain holds the live session"
    );
    let faulted: Vec<String> = stack
        .emulator
        .control
        .requests()
        .await
        .into_iter()
        .map(|c| c.path)
        .collect();
    for path in STEPS {
        assert!(faulted.iter().any(|p| p == path), "{path} was never called");
    }
    assert!(
        stack.emulator.control.faults_left().await.is_empty(),
        "every armed fault was met"
    );
    submit(&client, "signed-in").await;
    settled(&client, "sign_in").await;
    quit(client).await;
    drop(driver);
    // Every /sdk/v1 path the app called is a route Stytch's SDKs publish.
    assert!(stack.emulator.assert_only_sourced_sdk_routes().await >= 5);
    stack.assert_no_secrets(&[token, code]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn stytch_unavailable_at_every_step() {
    sign_in_through(Kind::Unavailable).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limited_at_every_step() {
    sign_in_through(Kind::RateLimited).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ten_second_stall_at_every_step() {
    sign_in_through(Kind::Stall).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dropped_connection_at_every_step() {
    sign_in_through(Kind::Dropped).await;
}
