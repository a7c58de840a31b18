//! Organizations. Backend: get (by id or slug) and update (MFA policy and methods, name, slug,
//! domains). SDK: search by slug before sign-in, and the signed-in member's organization (`me`).
//! The SDK API has no "get by id or slug" route: a pre-sign-in lookup by id does not exist there.

use serde::{Deserialize, Serialize};

use crate::{
    api::check_path_segment,
    client::{to_body, Auth, Call, Client, Repeat},
    config::Family,
    error::Error,
    objects::{AuthMethods, MfaMethod, MfaMethods, MfaPolicy, Organization},
    routes,
    secret::SessionToken,
    serde_util::{empty_as_none, null_default},
    validated::{OrganizationId, OrganizationRef, OrganizationSlug, RequestId},
};

/// `{request_id, status_code, organization}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OrganizationResponse {
    /// Stytch's request id.
    #[serde(default)]
    pub request_id: RequestId,
    /// HTTP status as Stytch reports it.
    #[serde(default)]
    pub status_code: u16,
    /// The organization.
    pub organization: Organization,
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

/// The answer to organizations/search: `organization` is `None` for an unknown slug (Stytch
/// answers 200 with `null`, not an error).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OrganizationSearchResponse {
    /// Stytch's request id.
    #[serde(default)]
    pub request_id: RequestId,
    /// HTTP status as Stytch reports it.
    #[serde(default)]
    pub status_code: u16,
    /// The organization, or `None` when no organization has the slug.
    #[serde(default)]
    pub organization: Option<OrganizationSummary>,
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
        check_path_segment("organization", organization.as_str())?;
        self.execute(Call {
            route: &routes::BACKEND_ORGANIZATION_GET,
            params: &[organization.as_str()],
            body: None,
            auth: Auth::Default,
            repeat: Repeat::Safe,
        })
        .await
    }

    /// SDK: `POST /sdk/v1/b2b/organizations/search {organization_slug}` — the organization a
    /// slug names, or `None`. Safe to repeat (it changes nothing), so retried like a GET.
    pub async fn search_organization(
        &self,
        slug: &OrganizationSlug,
    ) -> Result<OrganizationSearchResponse, Error> {
        self.require(Family::Sdk, "organizations.search")?;
        self.execute(Call {
            route: &routes::SDK_ORGANIZATION_SEARCH,
            params: &[],
            body: Some(to_body(&SearchBody {
                organization_slug: slug.as_str(),
            })),
            auth: Auth::Default,
            repeat: Repeat::Safe,
        })
        .await
    }

    /// SDK: `GET /sdk/v1/b2b/organizations/me` with `public_token:session_token` — the signed-in
    /// member's organization. Retried when safe (a GET).
    pub async fn organization_of_session(
        &self,
        session_token: &SessionToken,
    ) -> Result<OrganizationResponse, Error> {
        self.require(Family::Sdk, "organizations.me")?;
        self.execute(Call {
            route: &routes::SDK_ORGANIZATION_ME,
            params: &[],
            body: None,
            auth: Auth::SdkSession(session_token),
            repeat: Repeat::Safe,
        })
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
        check_path_segment("organization_id", organization_id.as_str())?;
        self.execute(Call {
            route: &routes::BACKEND_ORGANIZATION_UPDATE,
            params: &[organization_id.as_str()],
            body: Some(to_body(update)),
            auth: Auth::Default,
            repeat: Repeat::IfNotSent,
        })
        .await
    }
}
