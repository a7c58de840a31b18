//! The product, end to end: the real window through WebDriver under Xvfb, the emulator as a
//! process on loopback, links delivered by xdg-open, the session in the real Secret Service.

mod support;

use std::time::Duration;

use fantoccini::{Client, Locator};
use support::axe::{assert_notice_announced, check_screen};
use support::stack::{self, Family, Stack};
use support::window::{displayed, notice, quit, screen, submit, type_into, value_of};
use support::{screenshot, wait_for};

/// Stytch calls the app made, from the emulator's request log, after `skip` earlier ones
/// (the email's own link, which the person's browser follows, is not the app's call).
async fn calls_since(stack: &Stack, skip: usize) -> Vec<(String, u16)> {
    let log = stack.emulator.requests().await.into_iter().skip(skip);
    log.filter(|(path, _)| !path.ends_with("/magic_links/redirect"))
        .collect()
}

/// Opens the `n`-th email's link to `to` the way the desktop does, and returns the link.
async fn open_email_link(stack: &Stack, to: &str, n: usize) -> String {
    let email = stack.emulator.wait_for_message(to, n).await;
    let link = stack.emulator.callback_url(&email).await;
    stack::xdg_open(&link);
    link
}

async fn start_sign_in(client: &Client, email: &str) {
    screen(client, "sign_in").await;
    type_into(client, "#email", email).await;
    submit(client, "sign-in").await;
    screen(client, "check_email").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_guides_flow_for_a_member_without_a_phone_then_restore_and_sign_out() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Backend).await;
    let step1 = stack.set_mfa_policy("REQUIRED_FOR_ALL");
    assert!(step1.contains("mfa_policy REQUIRED_FOR_ALL"), "{step1}");

    let driver = stack.driver();
    let client = driver.launch_app().await;
    screen(&client, "sign_in").await;
    let heading = wait_for(&client, "form#sign-in")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        heading.contains("Example Org"),
        "the organization's name is shown: {heading}"
    );
    assert!(
        displayed(&client, "#dev-mode").await,
        "running on a secret shows development mode"
    );
    screenshot(&client, "01-sign-in").await;
    check_screen(&client, "sign-in", "Sign in — Gatehouse").await;

    let before = stack.emulator.requests().await.len();
    start_sign_in(&client, "ada@example.com").await;
    screenshot(&client, "02-check-email").await;
    check_screen(&client, "check-email", "Check your email — Gatehouse").await;
    let email = stack.emulator.wait_for_message("ada@example.com", 1).await;
    let link = stack.emulator.callback_url(&email).await;
    assert!(link.starts_with("gatehouse://auth/callback?"), "{link}");
    stack::xdg_open(&link);

    // No factor yet: she chooses a text message (the organization also allows an app).
    screen(&client, "choose_factor").await;
    check_screen(&client, "choose-factor", "Choose a second step — Gatehouse").await;
    wait_for(&client, "#choose-sms")
        .await
        .click()
        .await
        .unwrap();
    screen(&client, "enroll_phone").await;
    screenshot(&client, "03-enroll-phone").await;
    check_screen(&client, "enroll-phone", "Add a phone — Gatehouse").await;
    type_into(&client, "#phone", "+1 415 555 0199").await;
    submit(&client, "enroll-phone").await;
    screen(&client, "enter_code").await;
    let masked = wait_for(&client, "#masked-phone")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        masked.contains("0199") && !masked.contains("415"),
        "the phone is masked: {masked}"
    );
    screenshot(&client, "04-enter-code").await;
    check_screen(
        &client,
        "enter-code-sms",
        "Enter the texted code — Gatehouse",
    )
    .await;

    let sms = stack.emulator.wait_for_message("+14155550199", 1).await;
    let code = sms["code"].as_str().unwrap().to_owned();
    type_into(&client, "#code", &code).await; // six digits submit by themselves
    screen(&client, "signed_in").await;
    let factors = client
        .find_all(Locator::Css("ul#factors li"))
        .await
        .unwrap();
    assert_eq!(factors.len(), 2, "the email factor and the SMS factor");
    assert!(wait_for(&client, "#member-email")
        .await
        .text()
        .await
        .unwrap()
        .contains("ada@example.com"));
    screenshot(&client, "05-signed-in").await;
    check_screen(&client, "signed-in", "Signed in — Gatehouse").await;

    let calls = calls_since(&stack, before).await;
    let paths: Vec<&str> = calls.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/v1/b2b/magic_links/email/login_or_signup",
            "/v1/b2b/magic_links/authenticate",
            "/v1/b2b/otps/sms/send",
            "/v1/b2b/otps/sms/authenticate"
        ],
        "exactly the protocol's four calls"
    );

    let token = stack::keychain_secret("session").expect("the session token is in the keychain");
    assert_eq!(
        stack.emulator.session_status(&token).await.0,
        200,
        "the keychain holds the live session token"
    );
    quit(client).await;

    // Restart: signed in without being asked.
    let client = driver.launch_app().await;
    screen(&client, "signed_in").await;
    assert!(wait_for(&client, "#member-email")
        .await
        .text()
        .await
        .unwrap()
        .contains("ada@example.com"));

    submit(&client, "signed-in").await;
    screen(&client, "sign_in").await;
    assert_eq!(
        stack::keychain_secret("session"),
        None,
        "sign-out wipes the keychain"
    );
    let (status, body) = stack.emulator.session_status(&token).await;
    assert_eq!(
        (status, body["error_type"].as_str()),
        (404, Some("session_not_found"))
    );
    quit(client).await;
    drop(driver);

    let project_secret = stack.secret.clone();
    stack
        .assert_no_secrets(&[
            token,
            code,
            link.split("token=").nth(1).unwrap().to_owned(),
            project_secret,
        ])
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_enrolled_member_gets_exactly_one_sms_and_a_wrong_code_keeps_the_screen() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let driver = stack.driver();
    let client = driver.launch_app().await;
    screen(&client, "sign_in").await;
    assert!(
        displayed(&client, "#dev-mode").await,
        "the development switch (the emulator's address in a user file) shows the banner"
    );

    let before = stack.emulator.requests().await.len();
    let sms_before = stack.emulator.messages("+14155550123").await.len();
    start_sign_in(&client, "grace@example.com").await;
    open_email_link(&stack, "grace@example.com", 1).await;
    screen(&client, "enter_code").await;

    let sms = stack
        .emulator
        .wait_for_message("+14155550123", sms_before + 1)
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        stack.emulator.messages("+14155550123").await.len(),
        sms_before + 1,
        "Stytch sent the SMS itself: the app must not send a second"
    );
    let code = sms["code"].as_str().unwrap().to_owned();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    type_into(&client, "#code", wrong).await;
    notice(&client, "wrong_code").await;
    screen(&client, "enter_code").await;
    assert_eq!(
        value_of(&client, "#code").await,
        wrong,
        "what was typed is kept"
    );
    screenshot(&client, "06-wrong-code").await;
    assert_notice_announced(&client, "error").await;
    check_screen(
        &client,
        "enter-code-wrong-code",
        "Enter the texted code — Gatehouse",
    )
    .await;

    type_into(&client, "#code", &code).await;
    screen(&client, "signed_in").await;
    let calls = calls_since(&stack, before).await;
    let paths: Vec<&str> = calls.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/sdk/v1/b2b/magic_links/email/login_or_signup",
            "/sdk/v1/b2b/magic_links/authenticate",
            "/sdk/v1/b2b/otps/sms/authenticate",
            "/sdk/v1/b2b/otps/sms/authenticate"
        ],
        "three protocol calls (plus the one wrong code): no sms/send"
    );
    let token = stack::keychain_secret("session").expect("session kept");
    submit(&client, "signed-in").await;
    screen(&client, "sign_in").await;
    quit(client).await;
    drop(driver);
    // The whole run, launch included: only routes Stytch's own SDKs call.
    let checked = stack.emulator.assert_only_sourced_sdk_routes().await;
    assert!(checked >= 6, "{:?}", stack.emulator.requests().await);
    stack
        .assert_no_secrets(&[token, code, stack.public_token.clone()])
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_code_is_resent_and_an_expired_sign_in_starts_over() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Backend).await;
    let driver = stack.driver();
    let client = driver.launch_app().await;

    start_sign_in(&client, "grace@example.com").await;
    open_email_link(&stack, "grace@example.com", 1).await;
    screen(&client, "enter_code").await;
    let first = stack.emulator.wait_for_message("+14155550123", 1).await;

    stack.emulator.advance_clock(130).await;
    type_into(&client, "#code", first["code"].as_str().unwrap()).await;
    notice(&client, "code_expired").await;
    screenshot(&client, "07-code-expired").await;
    wait_for(&client, "#resend-code")
        .await
        .click()
        .await
        .unwrap();
    notice(&client, "code_resent").await;
    let second = stack.emulator.wait_for_message("+14155550123", 2).await;
    type_into(&client, "#code", second["code"].as_str().unwrap()).await;
    screen(&client, "signed_in").await;
    submit(&client, "signed-in").await;

    // A second sign-in that takes longer than the intermediate session lives.
    start_sign_in(&client, "grace@example.com").await;
    open_email_link(&stack, "grace@example.com", 2).await;
    screen(&client, "enter_code").await;
    let third = stack.emulator.wait_for_message("+14155550123", 3).await;
    stack.emulator.advance_clock(11 * 60).await;
    type_into(&client, "#code", third["code"].as_str().unwrap()).await;
    screen(&client, "sign_in").await;
    notice(&client, "sign_in_timed_out").await;
    assert_eq!(
        value_of(&client, "#email").await,
        "grace@example.com",
        "the address is kept"
    );
    screenshot(&client, "08-sign-in-timed-out").await;
    quit(client).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unrequested_replayed_and_malformed_links_never_reach_stytch() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Backend).await;
    let driver = stack.driver();
    let client = driver.launch_app().await;
    screen(&client, "sign_in").await;

    // A real link, but requested elsewhere (straight at the API), while no sign-in waits.
    let stranger = stack
        .emulator
        .post_as_backend(
            "/v1/b2b/magic_links/email/login_or_signup",
            serde_json::json!({"organization_id": stack.organization_id, "email_address": "alan@example.com"}),
        )
        .await;
    assert_eq!(stranger["status_code"], 200);
    let stray = stack.emulator.wait_for_message("alan@example.com", 1).await;
    let stray_link = stack.emulator.callback_url(&stray).await;
    let before = stack.emulator.requests().await.len();
    stack::xdg_open(&stray_link);
    notice(&client, "link_not_expected").await;
    screenshot(&client, "09-link-not-requested").await;
    check_screen(&client, "sign-in-link-not-expected", "Sign in — Gatehouse").await;

    start_sign_in(&client, "ada@example.com").await;
    stack::xdg_open("gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token=%3Cnot-a-token%3E");
    notice(&client, "link_refused").await;
    stack::xdg_open("gatehouse://auth/elsewhere?stytch_token_type=multi_tenant_magic_links&token=abcdefghijklmnopqrstuvwxyz");
    notice(&client, "link_refused").await;
    screen(&client, "check_email").await;

    let email = stack.emulator.wait_for_message("ada@example.com", 1).await;
    let link = stack.emulator.callback_url(&email).await;
    stack::xdg_open(&link);
    screen(&client, "signed_in").await; // the organization does not require MFA
    stack::xdg_open(&link);
    notice(&client, "link_used").await;

    let authenticates = calls_since(&stack, before)
        .await
        .into_iter()
        .filter(|(path, _)| path.ends_with("/magic_links/authenticate"))
        .count();
    assert_eq!(
        authenticates, 1,
        "only the requested link reached Stytch, once"
    );
    quit(client).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_that_launches_the_app_lands_on_the_code_screen() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let driver = stack.driver();
    let client = driver.launch_app().await;
    start_sign_in(&client, "grace@example.com").await;
    quit(client).await;
    drop(driver);

    let email = stack
        .emulator
        .wait_for_message("grace@example.com", 1)
        .await;
    let link = stack.emulator.callback_url(&email).await;
    let log = stack.dir.path().join("cold-start.log");
    let mut opener = stack::xdg_open_launching(&link, &stack.app_env(), &log);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("screen=\"enter_code\"") || text.contains("screen=enter_code") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the cold-started app never reached the code screen:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The link's token is on no command line (world-readable in /proc): the launcher handed it
    // over in the environment, and xdg-open, which had it on its own, has returned.
    let pids = std::process::Command::new("pgrep")
        .args(["-f", "gatehouse"])
        .output()
        .unwrap();
    let token = emulator_control::query_param(&link, "token").expect("the link's token");
    for pid in String::from_utf8_lossy(&pids.stdout).split_whitespace() {
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&cmdline).contains(&token),
            "process {pid} has the link's token on its command line"
        );
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while opener.try_wait().unwrap().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "xdg-open still waits with the link on its command line"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let shot = support::artifacts_dir().join("10-cold-start-enter-code.png");
    let status = std::process::Command::new("import")
        .args(["-window", "root"])
        .arg(&shot)
        .status()
        .unwrap();
    assert!(status.success(), "screenshot of the cold-started window");
    stack::kill_apps();
    let _ = opener.wait();
    stack.emulator.wait_for_message("+14155550123", 1).await;
    assert!(stack.emulator.assert_only_sourced_sdk_routes().await >= 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_secret_in_the_config_file_opens_a_screen_that_names_the_file() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let text = std::fs::read_to_string(&stack.config).unwrap();
    std::fs::write(
        &stack.config,
        text.replace(
            "[stytch]\n",
            &format!("[stytch]\nsecret = \"{}\"\n", stack.secret),
        ),
    )
    .unwrap();
    let driver = stack.driver();
    let client = driver.launch_app().await;
    screen(&client, "config_error").await;
    let file = wait_for(&client, "#config-file")
        .await
        .text()
        .await
        .unwrap();
    assert!(file.contains(&stack.config.display().to_string()), "{file}");
    let message = wait_for(&client, "#config-message")
        .await
        .text()
        .await
        .unwrap();
    assert!(message.contains("secret"), "{message}");
    assert!(
        !message.contains(&stack.secret),
        "the secret itself is not shown"
    );
    screenshot(&client, "00-config-error").await;
    check_screen(&client, "config-error", "Setup problem — Gatehouse").await;
    quit(client).await;
}

/// The deep link did not come back (a browser that would not hand it over): the person copies the
/// link as the email carries it — Stytch's `https://…/v1/magic_links/redirect?…` — and pastes it.
/// Gatehouse reads its token on the configured Stytch host, without following it.
#[tokio::test(flavor = "multi_thread")]
async fn the_link_as_the_email_carries_it_pasted_signs_in() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let driver = stack.driver();
    let client = driver.launch_app().await;
    start_sign_in(&client, "grace@example.com").await;
    let email = stack
        .emulator
        .wait_for_message("grace@example.com", 1)
        .await;
    let link = email["link"].as_str().expect("the email's link").to_owned();
    assert!(
        link.starts_with("http"),
        "what the email really contains: {link}"
    );
    wait_for(&client, "#paste summary")
        .await
        .click()
        .await
        .unwrap();
    type_into(&client, "#link", &link).await;
    screenshot(&client, "paste-email-link").await;
    submit(&client, "paste-link").await;
    screen(&client, "enter_code").await;
    let followed = stack
        .emulator
        .requests()
        .await
        .into_iter()
        .filter(|(path, _)| path.ends_with("/magic_links/redirect"))
        .count();
    assert_eq!(followed, 0, "the link was read, never followed");
    quit(client).await;
}
