//! The fields the answer types share, declared once: `request_id` and `status_code` in every
//! answer, and the member with the new session in the answers of the calls that finish MFA.

/// Declares a public answer type: `request_id` and `status_code` first (every answer type here
/// has them, defaulted so that an answer without them still decodes), then the given fields.
macro_rules! answer {
    ($(#[$meta:meta])* pub struct $name:ident { $($fields:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Deserialize)]
        pub struct $name {
            /// Stytch's request id.
            #[serde(default)]
            pub request_id: $crate::validated::RequestId,
            /// HTTP status as Stytch reports it.
            #[serde(default)]
            pub status_code: u16,
            $($fields)*
        }
    };
}
pub(crate) use answer;

/// Declares the answer of a call that finishes MFA (otps/sms/authenticate, totp/authenticate,
/// recovery_codes/recover): an [`answer!`] with the member, the organization and the full
/// session (a token or JWT Stytch sends as `""` reads as `None`), then the given fields.
macro_rules! mfa_session_answer {
    ($(#[$meta:meta])* pub struct $name:ident { $($fields:tt)* }) => {
        $crate::api::answer::answer! {
            $(#[$meta])*
            pub struct $name {
                /// The member.
                #[serde(default)]
                pub member_id: Option<$crate::validated::MemberId>,
                /// The member.
                pub member: $crate::objects::Member,
                /// The organization.
                pub organization: $crate::objects::Organization,
                /// The session token; `None` for `""`.
                #[serde(default, deserialize_with = "crate::serde_util::empty_as_none")]
                pub session_token: Option<$crate::secret::SessionToken>,
                /// The session JWT; `None` for `""`.
                #[serde(default, deserialize_with = "crate::serde_util::empty_as_none")]
                pub session_jwt: Option<$crate::secret::SessionJwt>,
                /// The session with both factors.
                #[serde(default)]
                pub member_session: Option<$crate::objects::MemberSession>,
                $($fields)*
            }
        }
    };
}
pub(crate) use mfa_session_answer;
