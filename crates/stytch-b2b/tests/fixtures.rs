//! The guide's two sample responses, written out as JSON fixtures (the guide's `{...}` parts
//! filled in as the reference describes), parsed in both families' shapes.

use serde_json::Value;
use stytch_b2b::{
    decode_response, DeliveryMethod, Error, FactorType, Family, MagicLinksAuthenticateResponse,
    MemberStatus, MfaMethod, MfaPolicy, SequenceOrder, SmsAuthenticateResponse, StatusCode,
};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The same body in the SDK family's `{"data": …}` envelope.
fn enveloped(body: &str) -> String {
    let v: Value = serde_json::from_str(body).unwrap();
    serde_json::json!({ "data": v }).to_string()
}

fn parse<T: serde::de::DeserializeOwned>(family: Family, body: &str) -> T {
    decode_response(family, StatusCode::OK, None, body.as_bytes()).unwrap()
}

#[test]
fn the_guides_magic_link_response_with_mfa_required() {
    let body = fixture("magic_links_authenticate_mfa_required.json");
    for (family, body) in [
        (Family::Backend, body.clone()),
        (Family::Sdk, enveloped(&body)),
    ] {
        let r: MagicLinksAuthenticateResponse = parse(family, &body);
        assert!(!r.member_authenticated);
        assert_eq!(
            r.intermediate_session_token.as_ref().unwrap().expose(),
            "oNJB3foIA79dn_uNVMNghG_MGkKSLHnR65NsKXv0gZzY"
        );
        assert!(r.session_token.is_none(), "\"\" is no session");
        assert!(r.session_jwt.is_none());
        assert!(r.member_session.is_none());
        let mfa = r.mfa_required.as_ref().unwrap();
        assert!(mfa.member_options.is_none() && mfa.secondary_auth_initiated.is_none());
        assert!(r.primary_required.is_none());
        assert_eq!(
            r.member_id.as_str(),
            "member-test-20023bbf-8700-4312-969f-5245e4df5713"
        );
        assert_eq!(
            r.method_id,
            "member-email-test-67e95fda-8489-4433-bc32-0323c69244c3"
        );
        assert_eq!(
            r.request_id.as_str(),
            "request-id-test-4c1ebbfd-fe49-49ca-80dd-f495357cd0fd"
        );
        assert!(!r.reset_sessions);
        assert_eq!(r.status_code, 200);
        assert_eq!(r.member.status, MemberStatus::Active);
        assert!(r.member.mfa_phone_number.is_none());
        assert_eq!(r.member.roles[0].role_id, "stytch_member");
        assert_eq!(r.organization.mfa_policy, MfaPolicy::RequiredForAll);
        assert_eq!(r.organization.organization_id, r.organization_id);
    }
}

#[test]
fn the_guides_sms_response_with_a_session_and_two_factors() {
    let body = fixture("otps_sms_authenticate.json");
    for (family, body) in [
        (Family::Backend, body.clone()),
        (Family::Sdk, enveloped(&body)),
    ] {
        let r: SmsAuthenticateResponse = parse(family, &body);
        assert_eq!(
            r.session_token.as_ref().unwrap().expose(),
            "oFRmDIMpP-4xVHcJq1Rue4IJYn1ygGZfTjHtHyfzlyPZ"
        );
        assert!(r.session_jwt.is_some());
        assert!(r.member.mfa_enrolled && r.member.mfa_phone_number_verified);
        assert_eq!(r.member.mfa_phone_number.as_deref(), Some("+14155551234"));
        assert_eq!(r.member.default_mfa_method, Some(MfaMethod::SmsOtp));
        let s = r.member_session.as_ref().unwrap();
        assert_eq!(
            s.member_session_id.as_str(),
            "member-session-test-703b5e0a-4ac4-43f4-8bc6-67f9351cdb84"
        );
        assert_eq!(
            s.expires_at.unix_timestamp() - s.started_at.unix_timestamp(),
            3600
        );
        let [email, sms] = &s.authentication_factors[..] else {
            panic!("two factors")
        };
        assert_eq!(email.factor_type, FactorType::MagicLink);
        assert_eq!(email.delivery_method, DeliveryMethod::Email);
        assert_eq!(email.sequence_order, Some(SequenceOrder::Primary));
        assert_eq!(
            email.email_factor.as_ref().unwrap().email_id,
            "member-email-test-5d761b80-b178-4a13-aa12-7d91cc8903d6"
        );
        assert!(email.phone_number_factor.is_none());
        assert_eq!(sms.factor_type, FactorType::Otp);
        assert_eq!(sms.delivery_method, DeliveryMethod::Sms);
        assert_eq!(sms.sequence_order, Some(SequenceOrder::Secondary));
        assert_eq!(
            sms.phone_number_factor.as_ref().unwrap().phone_id,
            "member-phone-number-test-62280af5-c2ac-42e8-8518-c3c0abe7ace2"
        );
        assert!(s.custom_claims.is_empty());
    }
}

#[test]
fn unknown_fields_and_values_are_tolerated() {
    let mut v: Value =
        serde_json::from_str(&fixture("magic_links_authenticate_mfa_required.json")).unwrap();
    v["brand_new_top_level_field"] = serde_json::json!({"nested": [1, 2, 3]});
    v["member"]["status"] = "frozen".into();
    v["member"]["some_future_flag"] = true.into();
    v["organization"]["mfa_policy"] = "REQUIRED_FOR_ADMINS".into();
    v["mfa_required"]["secondary_auth_initiated"] = "whatsapp_otp".into();
    let r: MagicLinksAuthenticateResponse = parse(Family::Backend, &v.to_string());
    assert_eq!(r.member.status, MemberStatus::Unknown("frozen".into()));
    assert_eq!(r.organization.mfa_policy.as_str(), "REQUIRED_FOR_ADMINS");
    assert_eq!(
        r.mfa_required
            .unwrap()
            .secondary_auth_initiated
            .unwrap()
            .as_str(),
        "whatsapp_otp"
    );
}

#[test]
fn a_backend_body_read_as_sdk_is_a_decode_error_not_a_panic() {
    let body = fixture("otps_sms_authenticate.json");
    let e = decode_response::<SmsAuthenticateResponse>(
        Family::Sdk,
        StatusCode::OK,
        None,
        body.as_bytes(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::Decode { status: 200, .. }), "{e}");
}
