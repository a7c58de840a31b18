//! `gatehouse token`, the built binary, inside the desktop session: the session token in the
//! real Secret Service (stored with the app's keychain adapter under the app's identifier), the
//! emulator as a process on loopback, the configuration and environment the app runs with.

mod support;

use std::process::Output;

use gatehouse_lib::identity::IDENTIFIER;
use gatehouse_lib::keychain::{Keychain, SESSION_ACCOUNT};
use serde_json::{json, Value};
use support::stack::{self, Family, Stack};
use time::{format_description::well_known::Rfc3339, OffsetDateTime};

/// Runs `gatehouse token ARGS` with the app's environment.
fn token(stack: &Stack, args: &[&str]) -> Output {
    let mut command = std::process::Command::new(support::app_binary());
    command.arg("token").args(args);
    for (key, value) in stack.app_env() {
        command.env(key, value);
    }
    command.output().expect("run gatehouse token")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The exit status, failing with what the command said when it did not exit normally.
fn status(output: &Output) -> i32 {
    output.status.code().unwrap_or_else(|| {
        panic!(
            "no exit status ({}): {}",
            output.status,
            text(&output.stderr)
        )
    })
}

/// Fails if the session token shows anywhere in what the command printed.
fn assert_never_shows(output: &Output, session_token: &str) {
    for stream in [&output.stdout, &output.stderr] {
        assert!(
            !text(stream).contains(session_token),
            "the session token was printed"
        );
    }
}

/// Ada signed in: a session minted at the emulator, kept where the app keeps it.
async fn sign_in(stack: &Stack) -> String {
    let session_token = stack
        .emulator
        .control
        .mint_session(&stack.organization_id, "ada@example.com")
        .await;
    Keychain::new(IDENTIFIER, SESSION_ACCOUNT)
        .store(&session_token)
        .expect("store the session in the Secret Service");
    session_token
}

/// What Stytch (the emulator's backend API) says of a session JWT.
async fn stytch_check(stack: &Stack, jwt: &str) -> (u16, Value) {
    let body = json!({ "session_jwt": jwt });
    stack
        .emulator
        .control
        .backend_post("/v1/b2b/sessions/authenticate", &body)
        .await
}

#[test]
fn the_identifier_is_the_one_the_end_to_end_tests_read_the_keychain_under() {
    assert_eq!(IDENTIFIER, stack::SERVICE);
}

#[tokio::test]
async fn signed_in_it_prints_a_jwt_stytch_accepts() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let session_token = sign_in(&stack).await;
    let output = token(&stack, &[]);
    assert_never_shows(&output, &session_token);
    assert_eq!(status(&output), 0, "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let jwt = stdout.strip_suffix('\n').expect("one line");
    assert!(!jwt.contains('\n'), "only the JWT: {stdout}");
    let (code, body) = stytch_check(&stack, jwt).await;
    assert_eq!(code, 200, "Stytch accepts it as a session JWT: {body}");
    assert_eq!(body["member"]["email_address"], "ada@example.com");
    assert_eq!(
        stack::keychain_secret(SESSION_ACCOUNT).as_deref(),
        Some(session_token.as_str()),
        "the session stays in the keychain"
    );
}

#[tokio::test]
async fn json_names_the_member_and_when_the_jwt_expires() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let session_token = sign_in(&stack).await;
    let output = token(&stack, &["--json"]);
    assert_never_shows(&output, &session_token);
    assert_eq!(status(&output), 0, "{}", text(&output.stderr));
    let answer: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    let mut keys: Vec<&str> = answer
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["email", "expires_at", "jwt", "member_id", "organization_id"]
    );
    let project = stack.emulator.project().await;
    let ada = project
        .organization("example-org")
        .member("ada@example.com");
    assert_eq!(answer["email"], "ada@example.com");
    assert_eq!(answer["member_id"], ada.member_id);
    assert_eq!(answer["organization_id"], stack.organization_id);
    let expires_at =
        OffsetDateTime::parse(answer["expires_at"].as_str().unwrap(), &Rfc3339).expect("RFC 3339");
    let left = expires_at - OffsetDateTime::now_utc();
    assert!(
        left >= time::Duration::seconds(60) && left <= time::Duration::minutes(5),
        "{left}"
    );
    let (code, _) = stytch_check(&stack, answer["jwt"].as_str().unwrap()).await;
    assert_eq!(code, 200);
}

#[tokio::test]
async fn an_empty_keychain_is_exit_2() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let output = token(&stack, &[]);
    assert_eq!(status(&output), 2, "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
    assert!(
        text(&output.stderr).contains("not signed in"),
        "{}",
        text(&output.stderr)
    );
}

#[tokio::test]
async fn in_german_an_empty_keychain_says_so_in_german() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let mut command = std::process::Command::new(support::app_binary());
    command.arg("token").envs(stack.app_env());
    let output = command
        .env("GATEHOUSE_LOCALE", "de")
        .output()
        .expect("run gatehouse token");
    assert_eq!(status(&output), 2, "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains(
            "gatehouse token: Sie sind nicht bei Gatehouse angemeldet. Öffnen Sie Gatehouse, \
             melden Sie sich an und versuchen Sie es dann erneut."
        ),
        "{}",
        text(&output.stderr)
    );
}

#[tokio::test]
async fn a_revoked_session_is_exit_2_and_leaves_the_keychain() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let session_token = sign_in(&stack).await;
    stack
        .emulator
        .post_as_backend(
            "/v1/b2b/sessions/revoke",
            json!({ "session_token": session_token }),
        )
        .await;
    let output = token(&stack, &[]);
    assert_never_shows(&output, &session_token);
    assert_eq!(status(&output), 2, "{}", text(&output.stderr));
    assert_eq!(
        stack::keychain_secret(SESSION_ACCOUNT),
        None,
        "wiped from the Secret Service, as the app does"
    );
}

#[tokio::test]
async fn stytch_gone_is_exit_3_and_keeps_the_session() {
    let _one = support::exclusive().await;
    let mut stack = Stack::new(Family::Sdk).await;
    let session_token = sign_in(&stack).await;
    stack.emulator.stop();
    let output = token(&stack, &[]);
    assert_never_shows(&output, &session_token);
    assert_eq!(status(&output), 3, "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
    assert!(
        text(&output.stderr).contains("can't be reached"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(
        stack::keychain_secret(SESSION_ACCOUNT).as_deref(),
        Some(session_token.as_str())
    );
}

#[tokio::test]
async fn a_broken_config_file_is_exit_4_naming_the_file() {
    let _one = support::exclusive().await;
    let stack = Stack::new(Family::Sdk).await;
    let session_token = sign_in(&stack).await;
    std::fs::write(&stack.config, "[stytch\nproject_id = ").unwrap();
    let output = token(&stack, &[]);
    assert_never_shows(&output, &session_token);
    assert_eq!(status(&output), 4, "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
    let config = stack.config.display().to_string();
    assert!(
        text(&output.stderr).contains(&config),
        "{}",
        text(&output.stderr)
    );
}
