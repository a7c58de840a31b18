//! A member's own factors: deleting the TOTP registration of a member who lost the app, so that a
//! new one can be created (Stytch refuses a second while one exists: `active_totp_exists`).

use crate::{
    api::answer::answer,
    call::Repeat,
    client::Client,
    config::Family,
    error::Error,
    objects::{Member, Organization},
    routes,
    validated::MemberId,
};

/// Whose TOTP registration to delete: the backend API names the member by id, the SDK API takes
/// the member from the session, which it requires (the same three fields as recovery codes'
/// get and rotate).
pub type DeleteTotpRequest = super::recovery_codes::RecoveryCodesRequest;

answer! {
    /// The answer to a TOTP deletion: the member, now without `totp_registration_id`.
    pub struct DeleteTotpResponse {
        /// The member.
        #[serde(default)]
        pub member_id: Option<MemberId>,
        /// The member.
        pub member: Member,
        /// The organization.
        pub organization: Organization,
    }
}

impl Client {
    /// Deletes the member's TOTP registration and, with it, its recovery codes. Backend:
    /// `DELETE /v1/b2b/organizations/{organization_id}/members/{member_id}/totp`; SDK:
    /// `DELETE /sdk/v1/b2b/organizations/members/deleteTOTP` as the session, no body. Repeated
    /// only when nothing was sent (a repeat after a success would answer that there is none).
    pub async fn members_delete_totp(
        &self,
        request: &DeleteTotpRequest,
    ) -> Result<DeleteTotpResponse, Error> {
        let call = request.call(
            self,
            &routes::BACKEND_MEMBERS_DELETE_TOTP,
            &routes::SDK_MEMBERS_DELETE_TOTP,
            Repeat::IfNotSent,
        )?;
        match self.family() {
            // stytch-node sends `{}` with its DELETE.
            Family::Backend => {
                call.path(&[
                    ("organization_id", request.organization_id.as_str()),
                    ("member_id", request.member_id.as_str()),
                ])?
                .json(&serde_json::json!({}))
                .send()
                .await
            }
            // stytch-browser's deleteMFATOTP and stytch-android's deleteMFATOTP send no body.
            Family::Sdk => call.send().await,
        }
    }
}
