//! Gatehouse in the employee's language (issue #21), in the real window: every screen of the
//! sign-in — the email, the check-email screen, a notice, the factor choice, a phone added, the
//! SMS code, signed in; an authenticator app set up, the recovery codes, a code from the app, a
//! recovery code instead; a workspace that cannot be opened; the configuration error — walked in German (from the desktop
//! session's `LANG`, as a German employee's computer says it) and in the pseudo-locale. On each:
//! nothing clipped or wider than the window, no string that skipped the catalog, no English left
//! in German, `<html lang>` set; screenshots as `target/e2e/<tag>-<screen>.png`. Stytch is asked
//! for the language where it offers it.

mod support;

use emulator_control::Fault;
use fantoccini::{Client, Locator};
use support::language::{check_screen, Lang};
use support::stack::{self, Family, Stack};
use support::window::{screen, submit, type_into};
use support::{wait_for, TauriDriver};

async fn click(client: &Client, css: &str) {
    wait_for(client, css).await.click().await.unwrap();
}

async fn sign_out(client: &Client) {
    screen(client, "signed_in").await;
    submit(client, "signed-in").await;
    screen(client, "sign_in").await;
}

/// The `nth` email link to `to`, opened the way the desktop does; returns the email.
async fn link(
    stack: &Stack,
    client: &Client,
    lang: &Lang,
    to: &str,
    nth: usize,
    check: bool,
) -> serde_json::Value {
    screen(client, "sign_in").await;
    type_into(client, "#email", to).await;
    submit(client, "sign-in").await;
    screen(client, "check_email").await;
    if check {
        check_screen(client, lang, "check-email").await;
    }
    let email = stack.emulator.wait_for_message(to, nth).await;
    stack::xdg_open(&stack.emulator.callback_url(&email).await);
    email
}

/// Every screen, in `lang`; `env` gives the app its language.
async fn walk(lang: Lang, env: &[(&str, &str)]) -> Stack {
    let stack = Stack::new(Family::Sdk).await;
    stack.set_mfa_policy("REQUIRED_FOR_ALL");
    let driver = stack.driver_with(env);
    let client = driver.launch_app().await;

    // Sign in, and a notice on it.
    screen(&client, "sign_in").await;
    check_screen(&client, &lang, "sign-in").await;
    type_into(&client, "#email", "not an address").await;
    submit(&client, "sign-in").await;
    wait_for(&client, "#notice-message").await;
    check_screen(&client, &lang, "sign-in-notice").await;

    // Ada: no factor yet; she adds a phone and types the SMS code.
    link(&stack, &client, &lang, "ada@example.com", 1, true).await;
    screen(&client, "choose_factor").await;
    check_screen(&client, &lang, "choose-factor").await;
    click(&client, "#choose-sms").await;
    screen(&client, "enroll_phone").await;
    check_screen(&client, &lang, "enroll-phone").await;
    type_into(&client, "#phone", "+1 415 555 0199").await;
    submit(&client, "enroll-phone").await;
    screen(&client, "enter_code").await;
    let sms = stack.emulator.wait_for_message("+14155550199", 1).await;
    check_screen(&client, &lang, "enter-code-sms").await;
    type_into(&client, "#code", sms["code"].as_str().unwrap()).await;
    screen(&client, "signed_in").await;
    check_screen(&client, &lang, "signed-in").await;
    sign_out(&client).await;

    // Alan: an authenticator app, its recovery codes, then a code from it and a recovery code.
    link(&stack, &client, &lang, "alan@example.com", 1, false).await;
    screen(&client, "choose_factor").await;
    click(&client, "#choose-totp").await;
    screen(&client, "enroll_totp").await;
    check_screen(&client, &lang, "enroll-totp").await;
    let key = wait_for(&client, "#totp-secret")
        .await
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default()
        .replace(' ', "");
    type_into(&client, "#code", &stack.app_code(&key).await).await;
    screen(&client, "recovery_codes").await;
    check_screen(&client, &lang, "recovery-codes").await;
    let first_code = client
        .find(Locator::Css("#recovery-codes li"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    click(&client, "#codes-saved").await;
    click(&client, "#codes-continue").await;
    sign_out(&client).await;
    stack.emulator.advance_clock(31).await;
    link(&stack, &client, &lang, "alan@example.com", 2, false).await;
    screen(&client, "enter_code").await;
    check_screen(&client, &lang, "enter-code-app").await;
    click(&client, "#other-ways summary").await;
    click(&client, "#use-recovery_code").await;
    screen(&client, "enter_recovery_code").await;
    check_screen(&client, &lang, "enter-recovery-code").await;
    type_into(&client, "#recovery-code", &first_code).await;
    submit(&client, "enter-recovery-code").await;
    screen(&client, "signed_in").await;
    check_screen(&client, &lang, "signed-in-recovery-code").await;
    client.close().await.unwrap();
    drop(driver);

    // A workspace that cannot be opened: Alan's kept session is restored at the next launch,
    // the workspace's server cuts the connection, and the local screen says so.
    let workspace = stack.workspace_url();
    let mut with_workspace = env.to_vec();
    with_workspace.extend([
        ("GATEHOUSE_WORKSPACE_URL", workspace.as_str()),
        ("GATEHOUSE_WORKSPACE_NAME", "Example Workspace"),
    ]);
    let path = workspace
        .split_once("//")
        .map_or("/", |(_, rest)| &rest[rest.find('/').unwrap_or(0)..]);
    let cut = Fault::drop_connection(path.to_owned()).times(2);
    stack.emulator.control.arm(&cut).await;
    let driver = stack.driver_with(&with_workspace);
    let client = driver.launch_app().await;
    screen(&client, "signed_in").await;
    let retry = wait_for(&client, "#workspace-retry").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !retry.is_displayed().await.unwrap_or(false) {
        assert!(
            std::time::Instant::now() < deadline,
            "the failure was never shown"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    check_screen(&client, &lang, "workspace-failed").await;
    client.close().await.unwrap();
    drop(driver);
    stack.emulator.control.clear_faults().await;

    // The configuration error, in the same language.
    let broken = stack.dir.path().join("broken.toml");
    std::fs::write(&broken, "[stytch]\nproject_id = \"not a project\"\n").unwrap();
    let mut env_broken: Vec<(String, String)> = stack.app_env();
    env_broken.retain(|(k, _)| k != "GATEHOUSE_CONFIG");
    env_broken.push(("GATEHOUSE_CONFIG".into(), broken.display().to_string()));
    env_broken.extend(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let driver = TauriDriver::start_logging(&env_broken, &stack.app_log);
    let client = driver.launch_app().await;
    screen(&client, "config_error").await;
    check_screen(&client, &lang, "config-error").await;
    client.close().await.unwrap();
    drop(driver);
    stack
}

/// Names and values the window shows as they are, in every language.
const DATA: &[&str] = &[
    "ada@example.com",
    "alan@example.com",
    "Example Org",
    "Example Workspace",
    "Gatehouse",
    "not an address",
];

#[tokio::test(flavor = "multi_thread")]
async fn a_german_desktop_session_gets_a_german_window_and_german_sms() {
    let _one = support::exclusive().await;
    let lang = Lang::new("de", DATA);
    let stack = walk(
        lang,
        &[
            ("LANG", "de_DE.UTF-8"),
            ("LC_ALL", "de_DE.UTF-8"),
            ("LANGUAGE", ""),
        ],
    )
    .await;
    // Stytch is asked for German where it offers it: the SMS (`de-DE`); its emails come in
    // English, French, Spanish and Portuguese only, so the email is asked for none.
    let sms = stack.emulator.wait_for_message("+14155550199", 1).await;
    assert_eq!(sms["locale"], "de-DE", "{sms}");
    let email = stack.emulator.wait_for_message("ada@example.com", 1).await;
    assert!(
        email["locale"].is_null() || email["locale"] == "en",
        "no German email from Stytch: {email}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_pseudo_locale_on_every_screen_finds_no_untranslated_or_clipped_text() {
    let _one = support::exclusive().await;
    let lang = Lang::new("en-XA", DATA);
    walk(lang, &[("GATEHOUSE_LOCALE", "en-XA")]).await;
}
