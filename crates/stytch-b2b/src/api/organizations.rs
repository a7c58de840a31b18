//! Organizations. Backend: get (by id or slug) and update (MFA policy and methods, name, slug,
//! domains). SDK: search by slug before sign-in, and the signed-in member's organization (`me`).
//! The SDK API has no "get by id or slug" route: a pre-sign-in lookup by id does not exist there.

use serde::{Deserialize, Serialize};

use crate::{
    api::answer::answer,
    call::{Auth, Repeat},
    client::Client,
    config::Family,
    error::Error,
    objects::{AuthMethods, MfaMethod, MfaMethods, MfaPolicy, Organization},
    routes,
    secret::SessionToken,
    serde_util::{empty_as_none, null_default},
    validated::{OrganizationId, OrganizationRef, OrganizationSlug},
};

answer! {
    /// `{request_id, status_code, organization}`.
    pub struct OrganizationResponse {
        /// The organization.
        pub organization: Organization,
    }
}

/// The fields of an organization update; `None` leaves a field as it is. Holds no secret.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateOrganizationRequest {
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// New slug.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_slug: Option<String>,
    /// `REQUIRED_FOR_ALL` | `OPTIONAL` (existing sessions stay valid when tightened).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mfa_policy: Option<MfaPolicy>,
    /// `ALL_ALLOWED` | `RESTRICTED`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mfa_methods: Option<MfaMethods>,
    /// Under `RESTRICTED`: `sms_otp`, `totp`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_mfa_methods: Option<Vec<MfaMethod>>,
    /// Email domains for JIT provisioning and invites.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_allowed_domains: Option<Vec<String>>,
}

/// The part of an organization Stytch's SDK search answers with before anyone signs in
/// (stytch-android `InternalOrganizationData` in `B2BResponseData.kt`). Missing fields read as empty.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OrganizationSummary {
    /// The id.
    pub organization_id: OrganizationId,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub organization_name: String,
    /// The slug.
    #[serde(default, deserialize_with = "null_default")]
    pub organization_slug: String,
    /// Logo URL (may be empty).
    #[serde(default, deserialize_with = "null_default")]
    pub organization_logo_url: String,
    /// `ALL_ALLOWED` | `RESTRICTED`.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub auth_methods: Option<AuthMethods>,
    /// Under `RESTRICTED`: the allowed primary methods.
    #[serde(default, deserialize_with = "null_default")]
    pub allowed_auth_methods: Vec<String>,
    /// `REQUIRED_FOR_ALL` | `OPTIONAL`, when Stytch includes it.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub mfa_policy: Option<MfaPolicy>,
}

answer! {
    /// The answer to organizations/search: `organization` is `None` for an unknown slug (Stytch
    /// answers 200 with `null`, not an error).
    pub struct OrganizationSearchResponse {
        /// The organization, or `None` when no organization has the slug.
        #[serde(default)]
        pub organization: Option<OrganizationSummary>,
    }
}

#[derive(Serialize)]
struct SearchBody<'a> {
    organization_slug: &'a str,
}

impl Client {
    /// Backend: `GET /v1/b2b/organizations/{organization_id}` — by id or slug. Retried when safe
    /// (a GET). The SDK family has no such route: [`Error::Unsupported`] without a request (use
    /// [`Client::search_organization`] or [`Client::organization_of_session`]).
    pub async fn get_organization(
        &self,
        organization: impl Into<OrganizationRef>,
    ) -> Result<OrganizationResponse, Error> {
        self.require(Family::Backend, "organizations.get")?;
        let organization = organization.into();
        self.call(&routes::BACKEND_ORGANIZATION_GET, Repeat::Safe)
            .path(&[("organization", organization.as_str())])?
            .send()
            .await
    }

    /// SDK: `POST /sdk/v1/b2b/organizations/search {organization_slug}` — the organization a
    /// slug names, or `None`. Safe to repeat (it changes nothing), so retried like a GET.
    pub async fn search_organization(
        &self,
        slug: &OrganizationSlug,
    ) -> Result<OrganizationSearchResponse, Error> {
        self.require(Family::Sdk, "organizations.search")?;
        let body = SearchBody {
            organization_slug: slug.as_str(),
        };
        let call = self.call(&routes::SDK_ORGANIZATION_SEARCH, Repeat::Safe);
        call.json(&body).send().await
    }

    /// SDK: `GET /sdk/v1/b2b/organizations/me` with `public_token:session_token` — the signed-in
    /// member's organization. Retried when safe (a GET).
    pub async fn organization_of_session(
        &self,
        session_token: &SessionToken,
    ) -> Result<OrganizationResponse, Error> {
        self.require(Family::Sdk, "organizations.me")?;
        self.call(&routes::SDK_ORGANIZATION_ME, Repeat::Safe)
            .auth(Auth::SdkSession(session_token))
            .send()
            .await
    }

    /// `PUT /b2b/organizations/{organization_id}`. Backend family only (an admin action; the
    /// SDK family answers [`Error::Unsupported`] without a request). Repeated only if the
    /// connection failed.
    pub async fn update_organization(
        &self,
        organization_id: &OrganizationId,
        update: &UpdateOrganizationRequest,
    ) -> Result<OrganizationResponse, Error> {
        self.require(Family::Backend, "organizations.update")?;
        self.call(&routes::BACKEND_ORGANIZATION_UPDATE, Repeat::IfNotSent)
            .path(&[("organization_id", organization_id.as_str())])?
            .json(update)
            .send()
            .await
    }
}
