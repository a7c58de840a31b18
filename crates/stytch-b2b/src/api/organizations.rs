//! Organizations: get (by id or slug) and update (MFA policy and methods, name, slug, domains).

use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::{
    api::check_path_segment,
    client::{to_body, Auth, Call, Client, Repeat},
    config::Family,
    error::Error,
    objects::{MfaMethod, MfaMethods, MfaPolicy, Organization},
    validated::{OrganizationId, OrganizationRef, RequestId},
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

impl Client {
    /// `GET /b2b/organizations/{organization_id}` — by id or slug. Retried when safe (a GET).
    pub async fn get_organization(
        &self,
        organization: impl Into<OrganizationRef>,
    ) -> Result<OrganizationResponse, Error> {
        let organization = organization.into();
        check_path_segment("organization", organization.as_str())?;
        self.execute(Call {
            method: Method::GET,
            path: format!("/organizations/{}", organization.as_str()),
            body: None,
            auth: Auth::Default,
            repeat: Repeat::Safe,
            endpoint: "organizations.get",
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
        if self.family() != Family::Backend {
            return Err(Error::Unsupported {
                endpoint: "organizations.update",
                family: self.family(),
            });
        }
        check_path_segment("organization_id", organization_id.as_str())?;
        self.execute(Call {
            method: Method::PUT,
            path: format!("/organizations/{}", organization_id.as_str()),
            body: Some(to_body(update)),
            auth: Auth::Default,
            repeat: Repeat::IfNotSent,
            endpoint: "organizations.update",
        })
        .await
    }
}
