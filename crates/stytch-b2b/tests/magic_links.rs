//! magic_links: login_or_signup email and authenticate, both families, with PKCE.

mod common;

use common::{Harness, UnwrapStytchErr, FAMILIES, REDIRECT};
use stytch_b2b::{
    EmailAddress, Error, ErrorType, FactorType, Family, LoginOrSignupRequest, MagicLinkToken,
    MagicLinksAuthenticateRequest, MemberStatus, PkceCodeVerifier, SecondaryAuthInitiated,
    SequenceOrder, Url,
};

fn request(h: &Harness, email: &str, verifier: &PkceCodeVerifier) -> LoginOrSignupRequest {
    LoginOrSignupRequest::new(h.org_id(), EmailAddress::parse(email).unwrap())
        .with_pkce(verifier)
        .with_redirect_url(Url::parse(REDIRECT).unwrap())
}

#[tokio::test]
async fn member_without_mfa_gets_a_session_from_the_link_in_both_families() {
    for family in FAMILIES {
        let h = Harness::start().await;
        let client = h.client(family);
        let verifier = PkceCodeVerifier::generate();
        let sent = client
            .magic_links_email_login_or_signup(&request(&h, "ada@example.com", &verifier))
            .await
            .unwrap();
        assert_eq!(sent.status_code, 200);
        match family {
            Family::Backend => {
                assert_eq!(sent.member_id, Some(h.member_id("ada@example.com")));
                assert_eq!(sent.member_created, Some(false));
                assert!(sent.member.is_some() && sent.organization.is_some());
            }
            Family::Sdk => assert!(sent.member.is_none(), "SDK: request_id and status only"),
        }
        let token = h.latest_magic_link_token("ada@example.com").await;
        let auth = client
            .magic_links_authenticate(&MagicLinksAuthenticateRequest::new(
                token,
                Some(verifier),
                Some(120),
            ))
            .await
            .unwrap();
        assert!(auth.member_authenticated, "{family:?}");
        assert!(auth.session_token.is_some() && auth.session_jwt.is_some());
        assert!(auth.intermediate_session_token.is_none(), "\"\" is no IST");
        assert!(auth.mfa_required.is_none() && auth.primary_required.is_none());
        let session = auth.member_session.expect("a session");
        assert_eq!(session.member_id, h.member_id("ada@example.com"));
        let minutes = (session.expires_at - session.started_at).whole_minutes();
        assert_eq!(minutes, 120);
        assert_eq!(session.authentication_factors.len(), 1);
        let f = &session.authentication_factors[0];
        assert_eq!(f.factor_type, FactorType::MagicLink);
        assert_eq!(f.sequence_order, Some(SequenceOrder::Primary));
        assert_eq!(
            f.email_factor.as_ref().unwrap().email_address,
            "ada@example.com"
        );
        assert_eq!(auth.member.status, MemberStatus::Active);
        assert!(auth.member.email_address_verified);
    }
}

#[tokio::test]
async fn new_address_signs_up_a_pending_member_who_becomes_active() {
    let h = Harness::start().await;
    let client = h.client(Family::Backend);
    let verifier = PkceCodeVerifier::generate();
    let sent = client
        .magic_links_email_login_or_signup(&request(&h, "margaret@example.com", &verifier))
        .await
        .unwrap();
    assert_eq!(sent.member_created, Some(true));
    assert_eq!(sent.member.unwrap().status, MemberStatus::Pending);
    let token = h.latest_magic_link_token("margaret@example.com").await;
    let auth = client
        .magic_links_authenticate(&MagicLinksAuthenticateRequest::new(
            token,
            Some(verifier),
            None,
        ))
        .await
        .unwrap();
    assert_eq!(auth.member.status, MemberStatus::Active);
}

#[tokio::test]
async fn member_with_enrolled_phone_gets_mfa_required_and_stytch_sends_the_sms() {
    for family in FAMILIES {
        let h = Harness::start().await;
        h.require_mfa().await;
        let auth = h
            .primary_factor(&h.client(family), "grace@example.com")
            .await;
        assert!(!auth.member_authenticated);
        assert!(
            auth.session_token.is_none(),
            "\"\" session_token is no session, not an error"
        );
        assert!(auth.session_jwt.is_none());
        assert!(auth.member_session.is_none());
        assert!(auth.intermediate_session_token.is_some());
        let mfa = auth.mfa_required.expect("mfa_required");
        assert_eq!(
            mfa.secondary_auth_initiated,
            Some(SecondaryAuthInitiated::SmsOtp)
        );
        let masked = mfa.member_options.unwrap().mfa_phone_number.unwrap();
        assert!(
            masked.ends_with("0123") && !masked.contains("415"),
            "{masked}"
        );
        assert_eq!(
            h.outbox("+14155550123").await.len(),
            1,
            "Stytch sent the code"
        );
    }
}

#[tokio::test]
async fn member_without_phone_under_required_mfa_gets_no_member_options() {
    let h = Harness::start().await;
    h.require_mfa().await;
    let auth = h
        .primary_factor(&h.client(Family::Backend), "ada@example.com")
        .await;
    let mfa = auth.mfa_required.expect("mfa_required");
    assert!(mfa.member_options.is_none());
    assert!(mfa.secondary_auth_initiated.is_none());
}

#[tokio::test]
async fn pkce_mismatch_missing_verifier_reuse_and_unknown_token_are_typed() {
    for family in FAMILIES {
        let h = Harness::start().await;
        let client = h.client(family);
        let verifier = PkceCodeVerifier::generate();
        client
            .magic_links_email_login_or_signup(&request(&h, "ada@example.com", &verifier))
            .await
            .unwrap();
        let token = h.latest_magic_link_token("ada@example.com").await;

        let other = PkceCodeVerifier::generate();
        client
            .magic_links_authenticate(&MagicLinksAuthenticateRequest::new(
                token.clone(),
                Some(other),
                None,
            ))
            .await
            .unwrap_stytch_err(ErrorType::PkceMismatch);

        client
            .magic_links_authenticate(&MagicLinksAuthenticateRequest::new(
                token.clone(),
                None,
                None,
            ))
            .await
            .unwrap_stytch_err(ErrorType::PkceExpectedCodeVerifier);

        client
            .magic_links_authenticate(&MagicLinksAuthenticateRequest::new(
                token.clone(),
                Some(verifier.clone()),
                None,
            ))
            .await
            .unwrap();
        let e = client
            .magic_links_authenticate(&MagicLinksAuthenticateRequest::new(
                token,
                Some(verifier),
                None,
            ))
            .await
            .unwrap_stytch_err(ErrorType::UnableToAuthMagicLink);
        assert_eq!(e.status(), Some(401));

        let e = client
            .magic_links_authenticate(&MagicLinksAuthenticateRequest::new(
                MagicLinkToken::new("CprTtwhnRNiMBiUS2jSLcWYrfuO2POeBNdo5HhW6qTN="),
                None,
                None,
            ))
            .await
            .unwrap_stytch_err(ErrorType::MagicLinkNotFound);
        assert_eq!(e.status(), Some(404));
    }
}

#[tokio::test]
async fn an_expired_link_is_unable_to_auth_magic_link() {
    let h = Harness::start().await;
    let client = h.client(Family::Backend);
    let verifier = PkceCodeVerifier::generate();
    client
        .magic_links_email_login_or_signup(
            &request(&h, "ada@example.com", &verifier).with_expiration_minutes(5),
        )
        .await
        .unwrap();
    let token = h.latest_magic_link_token("ada@example.com").await;
    h.advance_clock(6 * 60).await;
    client
        .magic_links_authenticate(&MagicLinksAuthenticateRequest::new(
            token,
            Some(verifier),
            None,
        ))
        .await
        .unwrap_stytch_err(ErrorType::UnableToAuthMagicLink);
}

#[tokio::test]
async fn bad_email_and_bad_lifetimes_never_reach_the_network() {
    let h = Harness::start().await;
    for bad in [
        "",
        "ada",
        "ada@",
        "ada@localhost",
        "a b@example.com",
        "ada@@example.com",
    ] {
        let e = EmailAddress::parse(bad).unwrap_err();
        assert_eq!(e.field, "email_address");
        assert!(!e.reason.is_empty());
    }
    let client = h.client(Family::Backend);
    let verifier = PkceCodeVerifier::generate();
    let e = client
        .magic_links_email_login_or_signup(
            &request(&h, "ada@example.com", &verifier).with_expiration_minutes(4),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput(i) if i.field == "login_expiration_minutes"),
        "{e:?}"
    );
    let e = client
        .magic_links_authenticate(&MagicLinksAuthenticateRequest::new(
            MagicLinkToken::new("x"),
            None,
            Some(527_041),
        ))
        .await
        .unwrap_err();
    assert!(matches!(&e, Error::InvalidInput(i) if i.field == "session_duration_minutes"));
    assert!(h.requests().await.is_empty(), "nothing was sent");
}
