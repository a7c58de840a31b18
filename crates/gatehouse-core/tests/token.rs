//! `gatehouse token`'s core against the emulator in-process: a JWT that verifies and names the
//! member, a fresh one when the last is nearly spent, "not signed in" (the vault wiped when Stytch
//! says the session ended), Stytch unreachable, the session left untouched, and the session token
//! never in what is returned.

use std::sync::Arc;

use emulator_control::{Control, Fault};
use gatehouse_core::token::{self, Token, TokenError, MIN_VALIDITY};
use gatehouse_core::{Clock, Config, ManualClock};
use gatehouse_test_kit::{app, TestVault};
use serde_json::{json, Value};
use stytch_emulator::{spawn, Emulator, RunningEmulator};

const SESSIONS_AUTHENTICATE: &str = "/sdk/v1/b2b/sessions/authenticate";

struct Harness {
    /// Taken to stop Stytch.
    emulator: Option<RunningEmulator>,
    control: Control,
    config: Config,
    vault: Arc<TestVault>,
    /// Moved in step with the emulator's clock.
    clock: ManualClock,
    organization_id: String,
    member_id: String,
}

impl Harness {
    /// Ada signed in: her session token (minted at the emulator) in the vault.
    async fn signed_in() -> (Harness, String) {
        let h = Self::signed_out().await;
        let token = h
            .control
            .mint_session(&h.organization_id, "ada@example.com")
            .await;
        h.vault.set(&token);
        (h, token)
    }

    async fn signed_out() -> Harness {
        let emulator = spawn(Emulator::demo()).await.unwrap();
        let control = Control::new(&emulator.base_url);
        let project = control.project().await;
        let organization = project.organization("example-org");
        let config = gatehouse_test_kit::config(&emulator);
        Harness {
            organization_id: organization.organization_id.clone(),
            member_id: organization.member("ada@example.com").member_id.clone(),
            emulator: Some(emulator),
            control,
            config,
            vault: Arc::default(),
            clock: ManualClock::new(),
        }
    }

    async fn fetch(&self) -> Result<Token, TokenError> {
        token::fetch(&self.config, self.vault.clone(), app(), &self.clock).await
    }

    /// Both clocks, Stytch's and Gatehouse's, move on by `seconds`.
    async fn advance(&self, seconds: u64) {
        self.control.advance_clock(seconds).await;
        self.clock
            .advance(time::Duration::seconds(seconds.try_into().unwrap()));
    }

    /// What Stytch (backend API) says of a session JWT or token: status and body.
    async fn stytch_check(&self, field: &str, value: &str) -> (u16, Value) {
        let body = json!({ field: value });
        self.control
            .backend_post("/v1/b2b/sessions/authenticate", &body)
            .await
    }
}

#[tokio::test]
async fn a_signed_in_member_gets_a_jwt_stytch_accepts_naming_them() {
    let (h, _) = Harness::signed_in().await;
    let token = h.fetch().await.expect("a token");
    let (status, body) = h.stytch_check("session_jwt", token.jwt.expose()).await;
    assert_eq!(status, 200, "Stytch accepts the JWT: {body}");
    assert_eq!(body["member"]["member_id"], h.member_id);
    assert_eq!(token.member_id.as_str(), h.member_id);
    assert_eq!(token.organization_id.as_str(), h.organization_id);
    assert_eq!(token.email, "ada@example.com");
    let left = token.expires_at - h.clock.now();
    assert!(
        left >= MIN_VALIDITY && left <= time::Duration::minutes(5),
        "{left}"
    );
}

#[tokio::test]
async fn a_nearly_spent_jwt_is_replaced_by_a_fresh_one() {
    let (h, _) = Harness::signed_in().await;
    let first = h.fetch().await.expect("a token");
    // 4.5 minutes on: the first JWT has 30 s left, under the minute promised.
    h.advance(270).await;
    assert!(first.expires_at - h.clock.now() < MIN_VALIDITY);
    let second = h.fetch().await.expect("a fresh token");
    assert!(second.expires_at > first.expires_at, "a later exp");
    assert_ne!(second.jwt.expose(), first.jwt.expose());
    assert!(second.expires_at - h.clock.now() >= MIN_VALIDITY);
    let (status, _) = h.stytch_check("session_jwt", second.jwt.expose()).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn fetching_leaves_the_session_as_it_was() {
    let (h, session_token) = Harness::signed_in().await;
    let (_, before) = h.stytch_check("session_token", &session_token).await;
    h.fetch().await.expect("a token");
    h.fetch().await.expect("a second token");
    let (status, after) = h.stytch_check("session_token", &session_token).await;
    assert_eq!(status, 200, "the window's session still works");
    assert_eq!(
        after["member_session"]["expires_at"], before["member_session"]["expires_at"],
        "no duration was sent: the session's expiry did not move"
    );
    assert_eq!(
        h.vault.value(),
        Some(session_token),
        "the vault is untouched"
    );
}

#[tokio::test]
async fn an_empty_vault_is_not_signed_in() {
    let h = Harness::signed_out().await;
    let e = h.fetch().await.unwrap_err();
    assert!(matches!(e, TokenError::NotSignedIn(_)), "{e:?}");
    assert_eq!(e.exit_code(), 2);
    assert!(
        h.control.requests().await.is_empty(),
        "nothing to ask Stytch"
    );
}

#[tokio::test]
async fn a_revoked_session_is_not_signed_in_and_leaves_the_vault() {
    let (h, session_token) = Harness::signed_in().await;
    let revoke = json!({ "session_token": session_token });
    let (status, _) = h
        .control
        .backend_post("/v1/b2b/sessions/revoke", &revoke)
        .await;
    assert_eq!(status, 200);
    let e = h.fetch().await.unwrap_err();
    assert!(matches!(e, TokenError::NotSignedIn(_)), "{e:?}");
    assert_eq!(e.exit_code(), 2);
    assert_eq!(h.vault.value(), None, "wiped, as the app does");
}

#[tokio::test]
async fn stytch_down_or_busy_is_unreachable_and_keeps_the_session() {
    let (h, session_token) = Harness::signed_in().await;
    for status in [503, 429] {
        h.control
            .arm(&Fault::status(SESSIONS_AUTHENTICATE, status).times(10))
            .await;
        let e = h.fetch().await.unwrap_err();
        assert!(matches!(e, TokenError::Unreachable(_)), "{status}: {e:?}");
        assert_eq!(e.exit_code(), 3);
        h.control.clear_faults().await;
    }
    assert_eq!(h.vault.value(), Some(session_token), "never dropped");
}

#[tokio::test]
async fn a_stopped_stytch_is_unreachable() {
    let (mut h, session_token) = Harness::signed_in().await;
    let stytch = h.emulator.take().expect("running");
    let addr = stytch.addr;
    // Dropped, not shut down: a graceful shutdown would wait on the control's idle connections.
    drop(stytch);
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let e = h.fetch().await.unwrap_err();
    assert!(matches!(e, TokenError::Unreachable(_)), "{e:?}");
    assert_eq!(e.exit_code(), 3);
    assert_eq!(h.vault.value(), Some(session_token));
}

#[tokio::test]
async fn the_session_token_and_jwt_never_show_in_debug_or_messages() {
    let (h, session_token) = Harness::signed_in().await;
    let token = h.fetch().await.expect("a token");
    let shown = format!("{token:?}");
    assert!(!shown.contains(&session_token), "{shown}");
    assert!(
        !shown.contains(token.jwt.expose()),
        "the JWT is redacted: {shown}"
    );
    assert!(
        shown.contains(h.member_id.as_str()),
        "the rest is shown: {shown}"
    );

    h.control
        .arm(&Fault::status(SESSIONS_AUTHENTICATE, 503).times(10))
        .await;
    let down = h.fetch().await.unwrap_err();
    h.control.clear_faults().await;
    let revoke = json!({ "session_token": session_token });
    h.control
        .backend_post("/v1/b2b/sessions/revoke", &revoke)
        .await;
    let ended = h.fetch().await.unwrap_err();
    for e in [down, ended] {
        for shown in [format!("{e:?}"), e.to_string()] {
            assert!(!shown.contains(&session_token), "{shown}");
        }
    }
}

#[tokio::test]
async fn in_german_not_signed_in_and_stytch_gone_are_said_in_german() {
    let mut h = Harness::signed_out().await;
    h.config.language = gatehouse_core::i18n::negotiate(&["de".to_owned()]);
    let e = h.fetch().await.unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert_eq!(
        e.to_string(),
        "Sie sind nicht bei Gatehouse angemeldet. Öffnen Sie Gatehouse, melden Sie sich an und \
         versuchen Sie es dann erneut."
    );

    // The doctor, in the same language, when Stytch is gone.
    let stytch = h.emulator.take().expect("running");
    let addr = stytch.addr;
    drop(stytch);
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let checks =
        gatehouse_core::doctor::stytch(&h.config, app(), time::OffsetDateTime::now_utc()).await;
    let stytch = checks.iter().find(|c| c.name == "stytch").expect("a check");
    assert!(!stytch.ok);
    assert!(
        stytch
            .fix
            .as_deref()
            .unwrap_or("")
            .starts_with("Prüfen Sie Netzwerk, DNS"),
        "{stytch:?}"
    );
    let clock = checks.iter().find(|c| c.name == "clock").expect("a check");
    assert_eq!(clock.detail, "nicht geprüft: Stytch hat nicht geantwortet");
}
