//! sessions: authenticate (and extend), revoke, jwks; both families.

mod common;

use common::{Harness, UnwrapStytchErr, FAMILIES};
use stytch_b2b::{ErrorType, Family, SessionToken};

#[tokio::test]
async fn authenticate_extend_and_revoke_in_both_families() {
    for family in FAMILIES {
        let h = Harness::start().await;
        let client = h.client(family);
        let auth = h.primary_factor(&client, "ada@example.com").await;
        let token = auth.session_token.expect("a session");
        let first = auth.member_session.unwrap();

        let checked = client.sessions_authenticate(&token, None).await.unwrap();
        assert_eq!(
            checked.member_session.member_session_id,
            first.member_session_id
        );
        assert_eq!(
            checked.member_session.expires_at, first.expires_at,
            "not extended"
        );
        assert_eq!(checked.member.member_id, h.member_id("ada@example.com"));
        assert_eq!(checked.organization.organization_id, h.org_id());
        assert!(checked.session_jwt.is_some());

        let extended = client
            .sessions_authenticate(&token, Some(600))
            .await
            .unwrap();
        assert!(
            extended.member_session.expires_at > first.expires_at,
            "{family:?}"
        );

        let revoked = client.sessions_revoke(&token).await.unwrap();
        assert_eq!(revoked.status_code, 200);
        let e = client
            .sessions_authenticate(&token, None)
            .await
            .unwrap_stytch_err(ErrorType::SessionNotFound);
        assert_eq!(e.status(), Some(404));
        let p = h.prefix(family);
        assert_eq!(h.calls_to(&format!("{p}/sessions/authenticate")).await, 3);
        assert_eq!(h.calls_to(&format!("{p}/sessions/revoke")).await, 1);
    }
}

#[tokio::test]
async fn an_unknown_session_token_is_session_not_found() {
    let h = Harness::start().await;
    for family in FAMILIES {
        let e = h
            .client(family)
            .sessions_authenticate(
                &SessionToken::new("no-such-session-token-aaaaaaaaaaaaaaaaa"),
                None,
            )
            .await
            .unwrap_err();
        assert_eq!(
            e.error_type(),
            Some(&ErrorType::SessionNotFound),
            "{family:?} {e:?}"
        );
    }
}

#[tokio::test]
async fn a_session_expires_on_stytchs_clock() {
    let h = Harness::start().await;
    let client = h.client(Family::Backend);
    let token = h
        .primary_factor(&client, "ada@example.com")
        .await
        .session_token
        .unwrap();
    h.advance_clock(61 * 60).await;
    client
        .sessions_authenticate(&token, None)
        .await
        .unwrap_stytch_err(ErrorType::SessionNotFound);
}

#[tokio::test]
async fn jwks_in_both_families() {
    let h = Harness::start().await;
    for family in FAMILIES {
        let jwks = h
            .client(family)
            .sessions_jwks(&h.project_id())
            .await
            .unwrap();
        assert!(!jwks.keys.is_empty());
        let k = &jwks.keys[0];
        assert_eq!(k.kty, "RSA");
        assert_eq!(k.alg, "RS256");
        assert!(!k.kid.is_empty() && !k.n.is_empty() && !k.e.is_empty());
    }
    assert_eq!(
        h.calls_to("/v1/b2b/sessions/jwks/".to_owned().as_str())
            .await,
        0
    );
    // Both families fetch the same backend path (there is no SDK JWKS route), without credentials.
    let p = h.project_id();
    assert_eq!(h.calls_to(&format!("/v1/b2b/sessions/jwks/{p}")).await, 2);
    assert_eq!(
        h.calls_to(&format!("/sdk/v1/b2b/sessions/jwks/{p}")).await,
        0
    );
}

#[tokio::test]
async fn the_jwks_is_fetched_without_credentials() {
    let h = Harness::start().await;
    // Credentials the emulator would refuse anywhere else: the JWKS needs none, so they are not sent.
    let mut config = h.config(Family::Sdk);
    config.credentials = stytch_b2b::Credentials::Sdk {
        public_token: stytch_b2b::PublicToken::new("public-token-test-not-this-project"),
    };
    let jwks = stytch_b2b::Client::new(config)
        .unwrap()
        .sessions_jwks(&h.project_id())
        .await
        .unwrap();
    assert!(!jwks.keys.is_empty());
}

#[tokio::test]
async fn the_probe_fetches_the_jwks_once_and_reads_stytchs_clock() {
    let h = Harness::start().await;
    for family in FAMILIES {
        let probe = h.client(family).probe(&h.project_id()).await.unwrap();
        assert!(probe.keys > 0, "{probe:?}");
        assert!(probe.server_time.is_some(), "the Date header: {probe:?}");
    }
    let p = h.project_id();
    assert_eq!(h.calls_to(&format!("/v1/b2b/sessions/jwks/{p}")).await, 2);
}
