//! Conformance: the guide's whole flow and both MFA paths driven by Stytch's own `stytch`
//! crate, so that every response must deserialize into Stytch's generated types.

mod common;

use common::*;
use stytch::b2b::client::Client as B2b;
use stytch::client::{Client as Http, Vertical};

fn official_client(h: &Harness) -> (B2b, Http) {
    let base = url::Url::parse(&h.base).unwrap();
    let http = Http::new_with_base_url(
        h.emu().project_id(),
        h.emu().secret(),
        base.clone(),
        Vertical::B2B,
    )
    .unwrap();
    let fraud =
        Http::new_with_base_url(h.emu().project_id(), h.emu().secret(), base, Vertical::B2B)
            .unwrap();
    (B2b::new_with_http_client(http.clone(), fraud), http)
}

fn assert_stytch_ids(member: &stytch::b2b::organizations::Member) {
    assert!(member.member_id.starts_with("member-test-"));
    assert!(member.organization_id.starts_with("organization-test-"));
    assert!(member.created_at.is_some() && member.updated_at.is_some());
    assert_eq!(member.roles[0].role_id, "stytch_member");
}

#[tokio::test]
async fn the_guides_flow_for_a_member_without_a_phone() {
    use stytch::b2b::{magic_links, magic_links_email, organizations, otp_sms, sessions};
    let h = start().await;
    let (stytch, http) = official_client(&h);

    // Step 1: MFA required for all.
    let updated = stytch
        .organizations
        .update(organizations::UpdateRequest {
            organization_id: ORG.into(),
            mfa_policy: Some("REQUIRED_FOR_ALL".into()),
            ..Default::default()
        })
        .await
        .expect("update organization");
    assert_eq!(updated.organization.mfa_policy, "REQUIRED_FOR_ALL");
    assert_eq!(updated.status_code, 200);
    let got = stytch
        .organizations
        .get(organizations::GetRequest {
            organization_id: ORG.into(),
        })
        .await
        .expect("get organization");
    assert_eq!(got.organization.organization_slug, "example-org");
    assert_eq!(
        got.organization.email_allowed_domains,
        vec!["example.com".to_string()]
    );

    // Step 2: the email magic link.
    let sent = stytch
        .magic_links
        .email
        .login_or_signup(magic_links_email::LoginOrSignupRequest {
            organization_id: ORG.into(),
            email_address: ADA.into(),
            login_redirect_url: Some("gatehouse://auth/callback".into()),
            ..Default::default()
        })
        .await
        .expect("login_or_signup");
    assert!(!sent.member_created);
    assert_stytch_ids(&sent.member);
    let token = h.latest_token(ADA).await;
    let primary = stytch
        .magic_links
        .authenticate(magic_links::AuthenticateRequest {
            magic_links_token: token,
            ..Default::default()
        })
        .await
        .expect("magic link authenticate");

    // Step 3: the primary factor's response.
    assert!(!primary.member_authenticated);
    assert!(primary.member_session.is_none());
    assert_eq!(primary.session_token, "");
    assert_eq!(primary.session_jwt, "");
    assert!(!primary.intermediate_session_token.is_empty());
    let mfa = primary.mfa_required.expect("mfa_required");
    assert!(mfa.member_options.is_none());
    assert!(mfa.secondary_auth_initiated.is_none());
    assert!(primary.method_id.starts_with("member-email-test-"));
    assert_eq!(primary.member.status, "active");

    // Step 4: send the SMS to a new number.
    let sms = stytch
        .otps
        .sms
        .send(otp_sms::SendRequest {
            organization_id: primary.organization_id.clone(),
            member_id: primary.member_id.clone(),
            mfa_phone_number: Some("+14155551234".into()),
            intermediate_session_token: Some(primary.intermediate_session_token.clone()),
            ..Default::default()
        })
        .await
        .expect("sms send");
    assert_eq!(sms.member.mfa_phone_number, "+14155551234");
    assert!(!sms.member.mfa_phone_number_verified);

    // Step 5 and 6: authenticate the code; the fully minted session.
    let code = h.latest_code("+14155551234").await;
    let done = stytch
        .otps
        .sms
        .authenticate(otp_sms::AuthenticateRequest {
            organization_id: primary.organization_id.clone(),
            member_id: primary.member_id.clone(),
            code,
            intermediate_session_token: Some(primary.intermediate_session_token.clone()),
            ..Default::default()
        })
        .await
        .expect("sms authenticate");
    assert!(done.member.mfa_enrolled);
    assert!(done.member.mfa_phone_number_verified);
    assert_eq!(done.member.default_mfa_method, "sms_otp");
    let session = done.member_session.clone().expect("member_session");
    assert!(session
        .member_session_id
        .starts_with("member-session-test-"));
    assert_eq!(session.organization_slug, "example-org");
    assert_eq!(session.authentication_factors.len(), 2);
    let [email, sms_factor] = [
        &session.authentication_factors[0],
        &session.authentication_factors[1],
    ];
    assert!(matches!(
        email.type_,
        stytch::consumer::sessions::AuthenticationFactorType::MagicLink
    ));
    assert!(matches!(
        email.delivery_method,
        stytch::consumer::sessions::AuthenticationFactorDeliveryMethod::Email
    ));
    assert_eq!(email.email_factor.as_ref().unwrap().email_address, ADA);
    assert!(matches!(
        sms_factor.type_,
        stytch::consumer::sessions::AuthenticationFactorType::OTP
    ));
    assert!(matches!(
        sms_factor.delivery_method,
        stytch::consumer::sessions::AuthenticationFactorDeliveryMethod::Sms
    ));
    assert_eq!(
        sms_factor
            .phone_number_factor
            .as_ref()
            .unwrap()
            .phone_number,
        "+14155551234"
    );
    assert_eq!((session.expires_at - session.started_at).num_minutes(), 60);

    // Sessions: authenticate by token (extending), by JWT; the JWKS; revoke.
    let by_token = stytch
        .sessions
        .authenticate(sessions::AuthenticateRequest {
            session_token: Some(done.session_token.clone()),
            session_duration_minutes: Some(90),
            ..Default::default()
        })
        .await
        .expect("sessions authenticate by token");
    assert_eq!(
        by_token.member_session.member_session_id,
        session.member_session_id
    );
    assert_eq!(
        (by_token.member_session.expires_at - by_token.member_session.last_accessed_at)
            .num_minutes(),
        90
    );
    let by_jwt = stytch
        .sessions
        .authenticate(sessions::AuthenticateRequest {
            session_jwt: Some(by_token.session_jwt.clone()),
            ..Default::default()
        })
        .await
        .expect("sessions authenticate by JWT");
    assert_eq!(by_jwt.session_token, done.session_token);
    let jwks = stytch
        .sessions
        .get_jwks(sessions::GetJWKSRequest {
            project_id: h.emu().project_id().into(),
        })
        .await
        .expect("jwks");
    assert_eq!(jwks.keys[0].alg, "RS256");
    assert_eq!(jwks.keys[0].x5c.len(), 1);
    let header = jsonwebtoken::decode_header(&by_jwt.session_jwt).unwrap();
    let jwk = http
        .fetch_jwk(header.kid.as_deref().unwrap())
        .await
        .expect("the official client finds the kid");
    assert_eq!(jwk.kid, jwks.keys[0].kid);
    stytch
        .sessions
        .revoke(sessions::RevokeRequest {
            session_token: Some(done.session_token.clone()),
            ..Default::default()
        })
        .await
        .expect("revoke");
    let gone = stytch
        .sessions
        .authenticate(sessions::AuthenticateRequest {
            session_token: Some(done.session_token.clone()),
            ..Default::default()
        })
        .await;
    match gone {
        Err(stytch::Error::Response(e)) => {
            assert_eq!(e.status_code, 404);
            assert_eq!(e.error_type, "session_not_found");
            assert!(e.request_id.starts_with("request-id-test-"));
        }
        other => panic!("expected session_not_found, got {other:?}"),
    }
}

#[tokio::test]
async fn the_flow_for_a_member_with_a_phone_on_file() {
    use stytch::b2b::{magic_links, magic_links_email, otp_sms, sessions};
    let h = start().await;
    let (stytch, _) = official_client(&h);
    stytch
        .magic_links
        .email
        .login_or_signup(magic_links_email::LoginOrSignupRequest {
            organization_id: ORG.into(),
            email_address: GRACE.into(),
            pkce_code_challenge: Some("Cx2oXSOCvaw2A4yFXRtrY7Iw1s9nwj6-Ln7JlHQRAAk".into()),
            ..Default::default()
        })
        .await
        .expect("login_or_signup");
    let token = h.latest_token(GRACE).await;
    let primary = stytch
        .magic_links
        .authenticate(magic_links::AuthenticateRequest {
            magic_links_token: token.clone(),
            pkce_code_verifier: Some("a".repeat(64)),
            session_duration_minutes: Some(60),
            ..Default::default()
        })
        .await;
    // The verifier does not match this challenge: Stytch's error body deserializes.
    match primary {
        Err(stytch::Error::Response(e)) => assert_eq!(e.error_type, "pkce_mismatch"),
        other => panic!("expected pkce_mismatch, got {other:?}"),
    }
    let verifier = "0123456789abcdef".repeat(4);
    let challenge = {
        use base64::Engine as _;
        use sha2::Digest;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(sha2::Sha256::digest(verifier.as_bytes()))
    };
    stytch
        .magic_links
        .email
        .login_or_signup(magic_links_email::LoginOrSignupRequest {
            organization_id: ORG.into(),
            email_address: GRACE.into(),
            pkce_code_challenge: Some(challenge),
            ..Default::default()
        })
        .await
        .unwrap();
    let token = h.latest_token(GRACE).await;
    let primary = stytch
        .magic_links
        .authenticate(magic_links::AuthenticateRequest {
            magic_links_token: token,
            pkce_code_verifier: Some(verifier),
            ..Default::default()
        })
        .await
        .expect("magic link authenticate");
    let mfa = primary.mfa_required.expect("mfa_required");
    assert_eq!(mfa.secondary_auth_initiated.as_deref(), Some("sms_otp"));
    assert_eq!(
        mfa.member_options.expect("member_options").mfa_phone_number,
        "XXXXXXX0123"
    );
    assert_eq!(h.sms_count(GRACE_PHONE).await, 1);
    let code = h.latest_code(GRACE_PHONE).await;
    let done = stytch
        .otps
        .sms
        .authenticate(otp_sms::AuthenticateRequest {
            organization_id: ORG.into(),
            member_id: primary.member_id.clone(),
            code,
            intermediate_session_token: Some(primary.intermediate_session_token),
            session_duration_minutes: Some(30),
            ..Default::default()
        })
        .await
        .expect("sms authenticate");
    let session = done.member_session.expect("session");
    assert_eq!(session.authentication_factors.len(), 2);
    assert_eq!((session.expires_at - session.started_at).num_minutes(), 30);
    stytch
        .sessions
        .revoke(sessions::RevokeRequest {
            member_id: Some(primary.member_id),
            ..Default::default()
        })
        .await
        .expect("revoke all of grace's sessions");
}

#[tokio::test]
async fn signup_of_a_new_member_and_a_session_without_mfa() {
    use stytch::b2b::{magic_links, magic_links_email, sessions};
    let h = start().await;
    let (stytch, _) = official_client(&h);
    let sent = stytch
        .magic_links
        .email
        .login_or_signup(magic_links_email::LoginOrSignupRequest {
            organization_id: ORG.into(),
            email_address: "katherine@example.com".into(),
            signup_expiration_minutes: Some(30),
            ..Default::default()
        })
        .await
        .expect("signup");
    assert!(sent.member_created);
    assert_eq!(sent.member.status, "pending");
    let token = h.latest_token("katherine@example.com").await;
    let auth = stytch
        .magic_links
        .authenticate(magic_links::AuthenticateRequest {
            magic_links_token: token,
            session_custom_claims: Some(serde_json::json!({"team": "ops"})),
            ..Default::default()
        })
        .await
        .expect("authenticate");
    assert!(auth.member_authenticated);
    assert!(auth.mfa_required.is_none());
    assert_eq!(auth.member.status, "active");
    let session = auth.member_session.expect("session");
    assert_eq!(session.custom_claims.unwrap()["team"], "ops");
    let again = stytch
        .sessions
        .authenticate(sessions::AuthenticateRequest {
            session_token: Some(auth.session_token),
            ..Default::default()
        })
        .await
        .expect("sessions authenticate");
    assert_eq!(again.member.email_address, "katherine@example.com");
}

#[tokio::test]
async fn totp_and_recovery_codes_answer_in_the_official_types() {
    use stytch::b2b::{magic_links, magic_links_email, recovery_codes, totps};
    let h = start().await;
    let (stytch, _) = official_client(&h);
    h.set_mfa_policy("REQUIRED_FOR_ALL").await;
    let ist = || async {
        stytch
            .magic_links
            .email
            .login_or_signup(magic_links_email::LoginOrSignupRequest {
                organization_id: ORG.into(),
                email_address: ADA.into(),
                ..Default::default()
            })
            .await
            .expect("login_or_signup");
        stytch
            .magic_links
            .authenticate(magic_links::AuthenticateRequest {
                magic_links_token: h.latest_token(ADA).await,
                ..Default::default()
            })
            .await
            .expect("magic link authenticate")
    };
    let primary = ist().await;
    let created = stytch
        .totps
        .create(totps::CreateRequest {
            organization_id: ORG.into(),
            member_id: primary.member_id.clone(),
            intermediate_session_token: Some(primary.intermediate_session_token.clone()),
            ..Default::default()
        })
        .await
        .expect("totp create");
    assert_eq!(created.recovery_codes.len(), 10);
    assert_eq!(created.status_code, 200);
    let code = h.ctl.current_totp_code(&primary.member_id).await;
    let done = stytch
        .totps
        .authenticate(totps::AuthenticateRequest {
            organization_id: ORG.into(),
            member_id: primary.member_id.clone(),
            code,
            intermediate_session_token: Some(primary.intermediate_session_token),
            ..Default::default()
        })
        .await
        .expect("totp authenticate");
    assert_eq!(
        done.member.totp_registration_id,
        created.totp_registration_id
    );
    let factors = done.member_session.expect("session").authentication_factors;
    assert!(matches!(
        factors[1].type_,
        stytch::consumer::sessions::AuthenticationFactorType::TOTP
    ));
    assert!(matches!(
        factors[1].delivery_method,
        stytch::consumer::sessions::AuthenticationFactorDeliveryMethod::AuthenticatorApp
    ));
    assert_eq!(
        factors[1]
            .authenticator_app_factor
            .as_ref()
            .unwrap()
            .totp_id,
        created.totp_registration_id
    );

    // The official get sends `{}` and repeats the ids in the query.
    let got = stytch
        .recovery_codes
        .get(recovery_codes::GetRequest {
            organization_id: ORG.into(),
            member_id: done.member_id.clone(),
        })
        .await
        .expect("recovery codes get");
    assert_eq!(got.recovery_codes, created.recovery_codes);
    let rotated = stytch
        .recovery_codes
        .rotate(recovery_codes::RotateRequest {
            organization_id: ORG.into(),
            member_id: done.member_id.clone(),
        })
        .await
        .expect("recovery codes rotate");
    assert_ne!(rotated.recovery_codes, created.recovery_codes);
    let again = ist().await;
    let recovered = stytch
        .recovery_codes
        .recover(recovery_codes::RecoverRequest {
            organization_id: ORG.into(),
            member_id: done.member_id.clone(),
            recovery_code: rotated.recovery_codes[0].clone(),
            intermediate_session_token: Some(again.intermediate_session_token),
            ..Default::default()
        })
        .await
        .expect("recover");
    assert_eq!(recovered.recovery_codes_remaining, 9);
    let factors = recovered
        .member_session
        .expect("session")
        .authentication_factors;
    assert!(matches!(
        factors[1].type_,
        stytch::consumer::sessions::AuthenticationFactorType::RecoveryCodes
    ));
}
