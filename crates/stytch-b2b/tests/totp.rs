//! TOTP and recovery codes as the second factor, both families, against the emulator; codes are
//! computed from the secret with totp-rs, as an authenticator app would.

mod common;

use common::{Harness, UnwrapStytchErr, FAMILIES};
use stytch_b2b::{
    Client, DeliveryMethod, Error, ErrorType, FactorType, Family, IntermediateSessionToken,
    MemberId, MfaMethod, MfaMethods, MfaPolicy, RecoverRequest, RecoveryCode, RecoveryCodesRequest,
    SessionToken, SmsAuthenticateRequest, SmsCode, TotpAuthenticateRequest, TotpCode,
    TotpCreateRequest, TotpCreateResponse, UpdateOrganizationRequest,
};
use totp_rs::{Algorithm, Secret, TOTP};

/// The code `secret` gives `offset_steps` 30-second steps from the emulator's now.
fn code(h: &Harness, secret: &str, offset_steps: i64) -> TotpCode {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().unwrap();
    let totp = TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes).unwrap();
    let at = h.emu.emulator.now().unix_timestamp() + offset_steps * 30;
    TotpCode::parse(&totp.generate(at as u64)).unwrap()
}

fn other_than(c: &TotpCode) -> TotpCode {
    TotpCode::parse(if c.expose() == "000000" {
        "111111"
    } else {
        "000000"
    })
    .unwrap()
}

/// A primary factor under REQUIRED_FOR_ALL: the member and the IST.
async fn ist(h: &Harness, client: &Client, email: &str) -> (MemberId, IntermediateSessionToken) {
    let primary = h.primary_factor(client, email).await;
    (
        primary.member_id,
        primary.intermediate_session_token.expect("an IST"),
    )
}

async fn create(
    h: &Harness,
    client: &Client,
    member: &MemberId,
    ist: &IntermediateSessionToken,
) -> TotpCreateResponse {
    client
        .totp_create(&TotpCreateRequest::new(
            h.org_id(),
            member.clone(),
            Some(ist.clone().into()),
        ))
        .await
        .unwrap()
}

/// ada enrols TOTP in `client`'s family: the create answer and the session token.
async fn enrol_ada(h: &Harness, client: &Client) -> (TotpCreateResponse, SessionToken) {
    let (member, ist) = ist(h, client, "ada@example.com").await;
    let created = create(h, client, &member, &ist).await;
    let done = client
        .totp_authenticate(&TotpAuthenticateRequest::new(
            h.org_id(),
            member,
            code(h, created.secret.expose(), 0),
            ist,
            Some(30),
        ))
        .await
        .unwrap();
    (created, done.session_token.expect("a session"))
}

#[tokio::test]
async fn an_authenticator_app_gives_a_two_factor_session_in_both_families() {
    for family in FAMILIES {
        let h = Harness::start().await;
        h.require_mfa().await;
        let client = h.client(family);
        let (member, ist) = ist(&h, &client, "ada@example.com").await;
        let created = create(&h, &client, &member, &ist).await;
        assert_eq!(created.secret.expose().len(), 32, "{family:?}");
        assert!(created
            .qr_code
            .expose()
            .starts_with("data:image/png;base64,"));
        assert_eq!(created.recovery_codes.len(), 10);
        let shown = format!("{created:?}");
        assert!(!shown.contains(created.secret.expose()), "{shown}");
        assert!(
            !shown.contains(created.recovery_codes[0].expose()),
            "{shown}"
        );

        let mut request = TotpAuthenticateRequest::new(
            h.org_id(),
            member,
            code(&h, created.secret.expose(), 0),
            ist,
            Some(30),
        );
        request.set_default_mfa = Some(true);
        let done = client.totp_authenticate(&request).await.unwrap();
        assert!(done.session_token.is_some() && done.session_jwt.is_some());
        assert!(done.member.mfa_enrolled);
        assert_eq!(
            done.member.totp_registration_id.as_deref(),
            Some(created.totp_registration_id.as_str())
        );
        assert_eq!(done.member.default_mfa_method, Some(MfaMethod::Totp));
        let session = done.member_session.expect("a session");
        let factors = &session.authentication_factors;
        assert_eq!(factors[0].factor_type, FactorType::MagicLink);
        assert_eq!(factors[1].factor_type, FactorType::Totp);
        assert_eq!(factors[1].delivery_method, DeliveryMethod::AuthenticatorApp);
        assert_eq!(
            (session.expires_at - session.started_at).whole_minutes(),
            30
        );

        // The next sign-in names the registration in mfa_required.
        let next = h.primary_factor(&client, "ada@example.com").await;
        let options = next.mfa_required.unwrap().member_options.unwrap();
        assert_eq!(
            options.totp_registration_id.as_deref(),
            Some(created.totp_registration_id.as_str())
        );
    }
}

#[tokio::test]
async fn a_wrong_code_and_a_code_two_steps_old_are_invalid_totp_code() {
    let h = Harness::start().await;
    h.require_mfa().await;
    let client = h.client(Family::Backend);
    let (member, ist) = ist(&h, &client, "ada@example.com").await;
    let created = create(&h, &client, &member, &ist).await;
    let secret = created.secret.expose();
    let attempt = |code: TotpCode| {
        let request =
            TotpAuthenticateRequest::new(h.org_id(), member.clone(), code, ist.clone(), None);
        let client = client.clone();
        async move { client.totp_authenticate(&request).await }
    };
    attempt(other_than(&code(&h, secret, 0)))
        .await
        .unwrap_stytch_err(ErrorType::InvalidTotpCode);
    attempt(code(&h, secret, -2))
        .await
        .unwrap_stytch_err(ErrorType::InvalidTotpCode);
    attempt(code(&h, secret, -1))
        .await
        .expect("one step back is accepted");
}

#[tokio::test]
async fn recovery_codes_recover_once_and_get_and_rotate_in_both_families() {
    for family in FAMILIES {
        let h = Harness::start().await;
        h.require_mfa().await;
        let client = h.client(family);
        let (created, session) = enrol_ada(&h, &client).await;
        let member = h.member_id("ada@example.com");
        let (_, ist) = ist(&h, &client, "ada@example.com").await;
        let recover = |code: &RecoveryCode, ist: &IntermediateSessionToken| {
            let request =
                RecoverRequest::new(h.org_id(), member.clone(), code.clone(), ist.clone(), None);
            let client = client.clone();
            async move { client.recovery_codes_recover(&request).await }
        };
        let first = &created.recovery_codes[0];
        let recovered = recover(first, &ist).await.unwrap();
        assert_eq!(recovered.recovery_codes_remaining, 9, "{family:?}");
        assert!(recovered.session_token.is_some());
        let factors = recovered.member_session.unwrap().authentication_factors;
        assert_eq!(factors[1].factor_type, FactorType::RecoveryCodes);
        let (_, ist) = self::ist(&h, &client, "ada@example.com").await;
        recover(first, &ist)
            .await
            .unwrap_stytch_err(ErrorType::InvalidRecoveryCode);

        let whose = RecoveryCodesRequest {
            organization_id: h.org_id(),
            member_id: member.clone(),
            session_token: Some(session),
        };
        let got = client.recovery_codes_get(&whose).await.unwrap();
        assert_eq!(got.recovery_codes.len(), 9);
        assert!(!got.recovery_codes.contains(first));
        let rotated = client.recovery_codes_rotate(&whose).await.unwrap();
        assert_eq!(rotated.recovery_codes.len(), 10);
        let e = recover(&got.recovery_codes[0], &ist).await.unwrap_err();
        assert_eq!(
            e.error_type(),
            Some(&ErrorType::InvalidRecoveryCode),
            "old codes die"
        );
        recover(&rotated.recovery_codes[0], &ist).await.unwrap();
    }
}

#[tokio::test]
async fn the_sdk_names_the_member_by_session_and_refuses_to_guess() {
    let h = Harness::start().await;
    let whose = RecoveryCodesRequest {
        organization_id: h.org_id(),
        member_id: h.member_id("ada@example.com"),
        session_token: None,
    };
    let e = h
        .client(Family::Sdk)
        .recovery_codes_get(&whose)
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::InvalidInput(ref i) if i.field == "session_token"),
        "{e:?}"
    );
    assert!(h.requests().await.is_empty());
}

#[tokio::test]
async fn an_organization_restricted_to_sms_refuses_totp_in_both_families() {
    let h = Harness::start().await;
    h.client(Family::Backend)
        .update_organization(
            &h.org_id(),
            &UpdateOrganizationRequest {
                mfa_policy: Some(MfaPolicy::RequiredForAll),
                mfa_methods: Some(MfaMethods::Restricted),
                allowed_mfa_methods: Some(vec![MfaMethod::SmsOtp]),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    for family in FAMILIES {
        let client = h.client(family);
        let (member, ist) = ist(&h, &client, "ada@example.com").await;
        let e = client
            .totp_create(&TotpCreateRequest::new(
                h.org_id(),
                member,
                Some(ist.into()),
            ))
            .await
            .unwrap_err();
        assert_eq!(
            e.error_type(),
            Some(&ErrorType::OperationRestrictedByOrganizationMfaMethods),
            "{family:?}: {e:?}"
        );
    }
}

#[tokio::test]
async fn sms_and_totp_failures_together_lock_the_member_at_ten() {
    let h = Harness::start().await;
    h.require_mfa().await;
    let client = h.client(Family::Backend);
    // grace signs in with her phone, then adds an authenticator app with that session.
    let (member, ist) = ist(&h, &client, "grace@example.com").await;
    let sms = SmsCode::parse(&h.latest_sms_code("+14155550123").await).unwrap();
    let signed_in = client
        .otps_sms_authenticate(&SmsAuthenticateRequest::new(
            h.org_id(),
            member.clone(),
            sms,
            ist,
            None,
        ))
        .await
        .unwrap();
    let session = signed_in.session_token.unwrap();
    let created = client
        .totp_create(&TotpCreateRequest::new(
            h.org_id(),
            member.clone(),
            Some(session.clone().into()),
        ))
        .await
        .unwrap();
    let secret = created.secret.expose();
    client
        .totp_authenticate(&TotpAuthenticateRequest::new(
            h.org_id(),
            member.clone(),
            code(&h, secret, 0),
            session,
            None,
        ))
        .await
        .unwrap();

    let (_, ist) = self::ist(&h, &client, "grace@example.com").await;
    let sms = SmsCode::parse(&h.latest_sms_code("+14155550123").await).unwrap();
    let wrong_sms = SmsCode::parse(if sms.expose() == "000000" {
        "111111"
    } else {
        "000000"
    })
    .unwrap();
    for _ in 0..5 {
        client
            .otps_sms_authenticate(&SmsAuthenticateRequest::new(
                h.org_id(),
                member.clone(),
                wrong_sms.clone(),
                ist.clone(),
                None,
            ))
            .await
            .unwrap_stytch_err(ErrorType::OtpCodeNotFound);
    }
    let totp = |code: TotpCode| {
        let request =
            TotpAuthenticateRequest::new(h.org_id(), member.clone(), code, ist.clone(), None);
        let client = client.clone();
        async move { client.totp_authenticate(&request).await }
    };
    for _ in 0..4 {
        totp(other_than(&code(&h, secret, 0)))
            .await
            .unwrap_stytch_err(ErrorType::InvalidTotpCode);
    }
    let e = totp(other_than(&code(&h, secret, 0)))
        .await
        .unwrap_stytch_err(ErrorType::UserLockLimitReached);
    assert!(!e.is_retryable());
    let e = totp(code(&h, secret, 0)).await.unwrap_err();
    assert_eq!(
        e.error_type(),
        Some(&ErrorType::UserLockLimitReached),
        "locked: {e:?}"
    );
}

#[tokio::test]
async fn a_lost_app_is_deleted_then_replaced_in_both_families() {
    for family in FAMILIES {
        let h = Harness::start().await;
        h.require_mfa().await;
        let client = h.client(family);
        let (_, session) = enrol_ada(&h, &client).await;
        let member = h.member_id("ada@example.com");
        let again =
            TotpCreateRequest::new(h.org_id(), member.clone(), Some(session.clone().into()));
        client
            .totp_create(&again)
            .await
            .unwrap_stytch_err(ErrorType::ActiveTotpExists);

        let whose = stytch_b2b::DeleteTotpRequest {
            organization_id: h.org_id(),
            member_id: member.clone(),
            session_token: Some(session.clone()),
        };
        h.clear_requests().await;
        let deleted = client.members_delete_totp(&whose).await.unwrap();
        assert_eq!(deleted.member.totp_registration_id, None, "{family:?}");
        let calls = h.requests().await;
        let want = match family {
            Family::Sdk => "/sdk/v1/b2b/organizations/members/deleteTOTP".to_owned(),
            Family::Backend => format!(
                "/v1/b2b/organizations/{}/members/{}/totp",
                h.org_id().as_str(),
                member.as_str()
            ),
        };
        assert_eq!(calls.len(), 1, "{calls:?}");
        assert_eq!(
            (calls[0].0.as_str(), calls[0].1.as_str()),
            ("DELETE", want.as_str())
        );
        client
            .members_delete_totp(&whose)
            .await
            .unwrap_stytch_err(ErrorType::TotpNotFound);

        let created = client.totp_create(&again).await.unwrap();
        assert_eq!(created.recovery_codes.len(), 10, "{family:?}");
    }
}
