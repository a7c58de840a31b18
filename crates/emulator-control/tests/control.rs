//! The client against a real (in-process) emulator.

use std::time::{Duration, Instant};

use emulator_control::{basic, query_param, Control, Fault, Method};
use serde_json::json;
use stytch_emulator::{spawn, Emulator, RunningEmulator, DEMO_ORGANIZATION_ID};

const LOGIN: &str = "/v1/b2b/magic_links/email/login_or_signup";

async fn start() -> (RunningEmulator, Control) {
    let running = spawn(Emulator::demo()).await.expect("the emulator starts");
    let control = Control::new(&running.base_url);
    (running, control)
}

async fn send_login_email(control: &Control, email: &str) {
    let body = json!({"organization_id": DEMO_ORGANIZATION_ID, "email_address": email});
    let (status, answer) = control.backend_post(LOGIN, &body).await;
    assert_eq!(status, 200, "{answer}");
}

#[test]
fn basic_is_the_base64_of_user_colon_pass() {
    assert_eq!(basic("a", "b"), "Basic YTpi");
    assert_eq!(
        query_param("x://h/p?a=1&token=t%2B", "token").unwrap(),
        "t+"
    );
    assert_eq!(query_param("not a url", "token"), None);
}

#[test]
fn the_workspace_url_is_the_base_port_on_localhost() {
    assert_eq!(
        Control::new("http://127.0.0.1:4321").workspace_url(),
        "http://localhost:4321/workspace/"
    );
    assert_eq!(
        Control::new("http://[::1]:80").workspace_url(),
        "http://localhost/workspace/"
    );
}

#[tokio::test]
async fn the_project_has_the_demo_credentials_organization_and_members() {
    let (running, control) = start().await;
    let project = control.project().await;
    assert_eq!(project.project_id, running.emulator.project_id());
    assert_eq!(project.secret, running.emulator.secret());
    assert_eq!(
        project.backend_auth(),
        basic(&project.project_id, &project.secret)
    );
    assert_eq!(
        project.sdk_auth(Some("session")),
        basic(&project.public_token, "session")
    );
    let org = project.organization("example-org");
    assert_eq!(org.organization_id, DEMO_ORGANIZATION_ID);
    assert_eq!(
        org.member("grace@example.com").mfa_phone_number,
        "+14155550123"
    );
}

#[tokio::test]
async fn an_emails_link_token_and_redirect_and_an_sms_code_are_read_from_the_outbox() {
    let (_running, control) = start().await;
    assert!(control.outbox("grace@example.com").await.is_empty());
    send_login_email(&control, "grace@example.com").await;
    let email = control.wait_for_message("grace@example.com", 1).await;
    assert_eq!(email.channel, "email");
    let link = control.latest_link("grace@example.com").await;
    assert_eq!(email.link.as_deref(), Some(link.as_str()));
    assert!(link.starts_with(control.base_url()), "{link}");

    let token = control.latest_magic_link_token("grace@example.com").await;
    let callback = control.latest_callback("grace@example.com").await;
    assert!(callback.starts_with("gatehouse://"), "{callback}");
    assert_eq!(query_param(&callback, "token").as_deref(), Some(&*token));

    // grace is enrolled in SMS MFA: the link's authentication sends her a code.
    let body = json!({ "magic_links_token": token });
    let (status, answer) = control
        .backend_post("/v1/b2b/magic_links/authenticate", &body)
        .await;
    assert_eq!(status, 200, "{answer}");
    let code = control.latest_sms_code("+14155550123").await;
    assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(control.outbox("+14155550123").await[0].code, Some(code));
}

#[tokio::test]
async fn each_message_s_locale_is_read_from_the_outbox() {
    let (_running, control) = start().await;
    let project = control.project().await;
    let member = &project
        .organization("example-org")
        .member("linus@example.com")
        .member_id;
    send_login_email(&control, "linus@example.com").await;
    let body = json!({"organization_id": DEMO_ORGANIZATION_ID, "email_address": "linus@example.com", "locale": "fr"});
    let (status, answer) = control.backend_post(LOGIN, &body).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        control.locales("linus@example.com", "email").await,
        [None, Some("fr".to_owned())]
    );
    let body =
        json!({"organization_id": DEMO_ORGANIZATION_ID, "member_id": member, "locale": "de-DE"});
    let (status, answer) = control.backend_post("/v1/b2b/otps/sms/send", &body).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        control.locales("+15555550123", "sms").await,
        [Some("de-DE".to_owned())]
    );
    assert!(control.locales("+15555550123", "email").await.is_empty());
}

#[tokio::test]
async fn faults_answer_their_status_then_stop_and_the_request_log_shows_them() {
    let (_running, control) = start().await;
    control.arm(&Fault::status(LOGIN, 503).times(2)).await;
    let body = json!({"organization_id": DEMO_ORGANIZATION_ID, "email_address": "ada@example.com"});
    let mut statuses = vec![];
    for _ in 0..3 {
        statuses.push(control.backend_post(LOGIN, &body).await.0);
    }
    assert_eq!(statuses, [503, 503, 200]);
    let calls = control.requests().await;
    let logged: Vec<(&str, &str, u16)> = calls
        .iter()
        .map(|c| (c.method.as_str(), c.path.as_str(), c.status))
        .collect();
    assert_eq!(
        logged,
        [
            ("POST", LOGIN, 503),
            ("POST", LOGIN, 503),
            ("POST", LOGIN, 200)
        ]
    );

    control.clear_requests().await;
    assert!(control.requests().await.is_empty());

    control.arm(&Fault::status(LOGIN, 500).times(5)).await;
    control.clear_faults().await;
    assert_eq!(control.backend_post(LOGIN, &body).await.0, 200);

    control
        .arm(&Fault::delay(LOGIN, Duration::from_millis(300)))
        .await;
    let started = Instant::now();
    let (status, _) = control.backend(Method::POST, LOGIN, &body).await;
    assert_eq!(status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn the_clock_moves_forward() {
    let (running, control) = start().await;
    let before = running.emulator.now();
    control.advance_clock(3600).await;
    assert!((running.emulator.now() - before).whole_seconds() >= 3600);
}

#[tokio::test]
async fn a_members_authenticator_app_code_is_read_from_the_control_surface() {
    let (_running, control) = start().await;
    let ada = control
        .project()
        .await
        .organization("example-org")
        .member("ada@example.com")
        .member_id
        .clone();
    let body = json!({"organization_id": DEMO_ORGANIZATION_ID, "member_id": ada});
    let (status, created) = control.backend_post("/v1/b2b/totp", &body).await;
    assert_eq!(status, 200, "{created}");
    let totp = control.totp(&ada).await;
    assert_eq!(totp.secret, created["secret"]);
    assert_eq!(totp.totp_registration_id, created["totp_registration_id"]);
    assert_eq!(totp.code.len(), 6);
    assert!((1..=30).contains(&totp.seconds_left));
    assert!(!totp.verified);
}
