//! organizations: backend get by id and slug, and update; SDK search by slug, and `me`.

mod common;

use common::{Harness, UnwrapStytchErr};
use stytch_b2b::{
    Credentials, Error, ErrorType, Family, MfaMethod, MfaMethods, MfaPolicy, OrganizationId,
    OrganizationSlug, ProjectSecret, UpdateOrganizationRequest,
};

/// A backend-only endpoint called on an SDK client is refused before anything is sent.
async fn assert_unsupported_by_the_sdk_and_unsent<T: std::fmt::Debug>(
    h: &Harness,
    result: Result<T, Error>,
) {
    let e = result.unwrap_err();
    assert!(
        matches!(
            e,
            Error::Unsupported {
                family: Family::Sdk,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(h.requests().await.is_empty());
}

#[tokio::test]
async fn the_backend_gets_an_organization_by_id_and_by_slug() {
    let h = Harness::start().await;
    let client = h.client(Family::Backend);
    let by_id = client.get_organization(h.org_id()).await.unwrap();
    assert_eq!(by_id.organization.organization_id, h.org_id());
    assert_eq!(by_id.organization.organization_name, "Example Org");
    assert_eq!(by_id.organization.mfa_policy, MfaPolicy::Optional);
    assert!(by_id.request_id.as_str().starts_with("request-id-test-"));
    let by_slug = client
        .get_organization(OrganizationSlug::new("example-org"))
        .await
        .unwrap();
    assert_eq!(by_slug.organization, by_id.organization);
    assert_eq!(h.calls_to("/v1/b2b/organizations/example-org").await, 1);
}

#[tokio::test]
async fn the_sdk_has_no_get_by_id_or_slug_and_sends_nothing() {
    let h = Harness::start().await;
    let refused = h.client(Family::Sdk).get_organization(h.org_id()).await;
    assert_unsupported_by_the_sdk_and_unsent(&h, refused).await;
}

#[tokio::test]
async fn the_sdk_searches_a_slug_and_an_unknown_slug_is_none_not_an_error() {
    let h = Harness::start().await;
    let client = h.client(Family::Sdk);
    let found = client
        .search_organization(&OrganizationSlug::new("example-org"))
        .await
        .unwrap();
    let org = found.organization.expect("example-org exists");
    assert_eq!(org.organization_id, h.org_id());
    assert_eq!(org.organization_name, "Example Org");
    assert_eq!(org.organization_slug, "example-org");
    let missing = client
        .search_organization(&OrganizationSlug::new("no-such-org"))
        .await
        .unwrap();
    assert_eq!(missing.organization, None);
    assert_eq!(missing.status_code, 200);
    let calls = h.requests().await;
    assert_eq!(calls.len(), 2);
    assert!(calls
        .iter()
        .all(|(m, p, s)| m == "POST" && p == "/sdk/v1/b2b/organizations/search" && *s == 200));
    let e = h
        .client(Family::Backend)
        .search_organization(&OrganizationSlug::new("example-org"))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Unsupported { .. }), "{e:?}");
}

#[tokio::test]
async fn a_signed_in_sdk_caller_reads_its_organization_from_me() {
    let h = Harness::start().await;
    let client = h.client(Family::Sdk);
    let auth = h.primary_factor(&client, "ada@example.com").await;
    let token = auth.session_token.expect("a session: MFA is optional here");
    let me = client.organization_of_session(&token).await.unwrap();
    assert_eq!(me.organization.organization_id, h.org_id());
    assert_eq!(me.organization.organization_name, "Example Org");
    assert_eq!(h.calls_to("/sdk/v1/b2b/organizations/me").await, 1);
}

#[tokio::test]
async fn update_organization_sets_the_mfa_policy_and_methods() {
    let h = Harness::start().await;
    let client = h.client(Family::Backend);
    let updated = client
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
    let org = updated.organization;
    assert_eq!(org.mfa_policy, MfaPolicy::RequiredForAll);
    assert_eq!(org.mfa_methods, Some(MfaMethods::Restricted));
    assert_eq!(org.allowed_mfa_methods, vec![MfaMethod::SmsOtp]);
    let again = client.get_organization(h.org_id()).await.unwrap();
    assert_eq!(again.organization.mfa_policy, MfaPolicy::RequiredForAll);
    let puts = h.requests().await;
    assert!(puts
        .iter()
        .any(|(m, p, s)| m == "PUT" && p.ends_with(h.org_id().as_str()) && *s == 200));
}

#[tokio::test]
async fn update_organization_is_backend_only_and_sends_nothing_from_the_sdk_family() {
    let h = Harness::start().await;
    let sdk = h.client(Family::Sdk);
    let refused = sdk
        .update_organization(&h.org_id(), &UpdateOrganizationRequest::default())
        .await;
    assert_unsupported_by_the_sdk_and_unsent(&h, refused).await;
}

#[tokio::test]
async fn unknown_organization_is_organization_not_found() {
    let h = Harness::start().await;
    {
        let e = h
            .client(Family::Backend)
            .get_organization(OrganizationId::new(
                "organization-test-00000000-0000-4000-8000-000000000000",
            ))
            .await
            .unwrap_stytch_err(ErrorType::OrganizationNotFound);
        assert_eq!(e.status(), Some(404));
        assert!(e.request_id().is_some());
    }
}

#[tokio::test]
async fn a_path_changing_id_is_refused_before_the_network() {
    let h = Harness::start().await;
    let e = h
        .client(Family::Backend)
        .get_organization(OrganizationId::new("../sessions/jwks"))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidInput(_)), "{e:?}");
    assert!(h.requests().await.is_empty());
}

#[tokio::test]
async fn wrong_credentials_are_unauthorized_credentials_in_both_families() {
    let h = Harness::start().await;
    let mut backend = h.config(Family::Backend);
    backend.credentials = Credentials::Backend {
        project_id: h.project_id(),
        secret: ProjectSecret::new("secret-test-wrong"),
    };
    let mut sdk = h.config(Family::Sdk);
    sdk.credentials = Credentials::Sdk {
        public_token: stytch_b2b::PublicToken::new("public-token-test-wrong"),
    };
    for config in [backend, sdk] {
        let client = stytch_b2b::Client::new(config).unwrap();
        let e = match client.family() {
            Family::Backend => client.get_organization(h.org_id()).await.unwrap_err(),
            Family::Sdk => client
                .search_organization(&OrganizationSlug::new("example-org"))
                .await
                .unwrap_err(),
        };
        assert_eq!(
            e.error_type(),
            Some(&ErrorType::UnauthorizedCredentials),
            "{e:?}"
        );
        assert_eq!(e.status(), Some(401));
        assert!(!e.is_retryable());
    }
}
