//! otps/sms: send and authenticate as the second factor, both families.

mod common;

use common::{Harness, UnwrapStytchErr, FAMILIES};
use stytch_b2b::{
    DeliveryMethod, Error, ErrorType, FactorType, Family, IntermediateSessionToken, MfaMethod,
    SequenceOrder, SmsAuthenticateRequest, SmsCode, SmsSendRequest, E164,
};

#[tokio::test]
async fn member_without_phone_enrolls_one_and_gets_a_two_factor_session_in_both_families() {
    for family in FAMILIES {
        let h = Harness::start().await;
        h.require_mfa().await;
        let client = h.client(family);
        let primary = h.primary_factor(&client, "ada@example.com").await;
        let ist = primary.intermediate_session_token.expect("an IST");
        let member_id = primary.member_id.clone();
        let phone = E164::parse("+1 415 555 0199").unwrap();

        let sent = client
            .otps_sms_send(&SmsSendRequest::new(
                h.org_id(),
                member_id.clone(),
                Some(phone.clone()),
                Some(ist.clone()),
            ))
            .await
            .unwrap();
        assert_eq!(sent.status_code, 200);
        if family == Family::Backend {
            let m = sent.member.unwrap();
            assert_eq!(m.mfa_phone_number.as_deref(), Some("+14155550199"));
            assert!(!m.mfa_phone_number_verified);
        }
        let code = SmsCode::parse(&h.latest_sms_code("+14155550199").await).unwrap();

        let done = client
            .otps_sms_authenticate(&SmsAuthenticateRequest::new(
                h.org_id(),
                member_id,
                code,
                ist,
                Some(30),
            ))
            .await
            .unwrap();
        assert!(done.session_token.is_some() && done.session_jwt.is_some());
        assert!(done.member.mfa_enrolled && done.member.mfa_phone_number_verified);
        assert_eq!(done.member.default_mfa_method, Some(MfaMethod::SmsOtp));
        let session = done.member_session.expect("a session");
        let factors = &session.authentication_factors;
        assert_eq!(factors.len(), 2, "{family:?}");
        assert_eq!(factors[0].factor_type, FactorType::MagicLink);
        assert_eq!(factors[0].sequence_order, Some(SequenceOrder::Primary));
        assert_eq!(factors[1].factor_type, FactorType::Otp);
        assert_eq!(factors[1].delivery_method, DeliveryMethod::Sms);
        assert_eq!(factors[1].sequence_order, Some(SequenceOrder::Secondary));
        assert_eq!(
            factors[1]
                .phone_number_factor
                .as_ref()
                .unwrap()
                .phone_number,
            "+14155550199"
        );
        assert_eq!(
            (session.expires_at - session.started_at).whole_minutes(),
            30
        );
    }
}

#[tokio::test]
async fn wrong_code_expired_code_and_consumed_ist_are_typed_errors() {
    let h = Harness::start().await;
    h.require_mfa().await;
    let client = h.client(Family::Backend);
    let primary = h.primary_factor(&client, "grace@example.com").await;
    let ist = primary.intermediate_session_token.unwrap();
    let member = primary.member_id.clone();
    let real = h.latest_sms_code("+14155550123").await;
    let wrong = if real == "000000" { "111111" } else { "000000" };

    client
        .otps_sms_authenticate(&SmsAuthenticateRequest::new(
            h.org_id(),
            member.clone(),
            SmsCode::parse(wrong).unwrap(),
            ist.clone(),
            None,
        ))
        .await
        .unwrap_stytch_err(ErrorType::OtpCodeNotFound);

    h.advance_clock(121).await;
    client
        .otps_sms_authenticate(&SmsAuthenticateRequest::new(
            h.org_id(),
            member.clone(),
            SmsCode::parse(&real).unwrap(),
            ist.clone(),
            None,
        ))
        .await
        .unwrap_stytch_err(ErrorType::UnableToAuthOtpCode);

    // A new code to the number on file (no number given), then success; the IST is consumed.
    client
        .otps_sms_send(&SmsSendRequest::new(
            h.org_id(),
            member.clone(),
            None,
            Some(ist.clone()),
        ))
        .await
        .unwrap();
    let code = h.latest_sms_code("+14155550123").await;
    client
        .otps_sms_authenticate(&SmsAuthenticateRequest::new(
            h.org_id(),
            member.clone(),
            SmsCode::parse(&code).unwrap(),
            ist.clone(),
            None,
        ))
        .await
        .unwrap();
    client
        .otps_sms_authenticate(&SmsAuthenticateRequest::new(
            h.org_id(),
            member,
            SmsCode::parse(&code).unwrap(),
            ist,
            None,
        ))
        .await
        .unwrap_stytch_err(ErrorType::IntermediateSessionNotFound);
}

#[tokio::test]
async fn an_unknown_ist_is_intermediate_session_not_found() {
    let h = Harness::start().await;
    for family in FAMILIES {
        h.client(family)
            .otps_sms_authenticate(&SmsAuthenticateRequest::new(
                h.org_id(),
                h.member_id("grace@example.com"),
                SmsCode::parse("123456").unwrap(),
                IntermediateSessionToken::new("not-an-ist-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                None,
            ))
            .await
            .unwrap_stytch_err(ErrorType::IntermediateSessionNotFound);
    }
}

#[tokio::test]
async fn bad_phone_and_bad_code_never_reach_the_network() {
    let h = Harness::start().await;
    for bad in [
        "4155550123",
        "+1",
        "+10005550123",
        "+1415555012345678",
        "phone",
        "",
    ] {
        let e = E164::parse(bad).unwrap_err();
        assert_eq!(e.field, "phone_number");
        assert!(!e.reason.is_empty(), "{bad}: says why");
    }
    for bad in ["12345", "1234567", "12a456", "", "١٢٣٤٥٦"] {
        let e = SmsCode::parse(bad).unwrap_err();
        assert_eq!(e.field, "sms_code");
    }
    // The only way to call Stytch is with the validated types, so nothing could be sent:
    // prove the record is empty after all the refusals.
    let e: Error = E164::parse("not a number").unwrap_err().into();
    assert!(e.is_before_send() && !e.is_retryable());
    assert!(h.requests().await.is_empty());
}

#[tokio::test]
async fn an_invalid_session_duration_is_refused_before_sending_the_code() {
    let h = Harness::start().await;
    let e = h
        .client(Family::Sdk)
        .otps_sms_authenticate(&SmsAuthenticateRequest::new(
            h.org_id(),
            h.member_id("grace@example.com"),
            SmsCode::parse("123456").unwrap(),
            IntermediateSessionToken::new("ist"),
            Some(4),
        ))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidInput(_)));
    assert!(h.requests().await.is_empty());
}
