//! Refusals that come from how IT set up the Stytch project, not from anything the member did:
//! each names what IT changes, and where. The values named (the app identifier, the redirect URL,
//! the session length) are the ones this build and configuration really send ([`Asked`]), never
//! typed into the text. Where each switch is: [`crate::stytch_dashboard`].

use stytch_b2b::{Error as StytchError, ErrorType};

use crate::config::Config;
use crate::i18n::Text;
use crate::stytch_dashboard::{self as dashboard, Switch};
use crate::view::Notice;

use super::NoticeCode;

/// What Gatehouse asks of the Stytch project: the values a refusal names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// `X-SDK-Client`'s app identifier: the build's bundle identifier.
    pub app_identifier: String,
    /// The email link's redirect URL, for both Login and Sign-up.
    pub redirect_url: String,
    /// The session length asked for (`[session] duration_minutes`).
    pub session_minutes: u32,
}

impl Asked {
    pub fn new(config: &Config, app_identifier: &str) -> Asked {
        Asked {
            app_identifier: app_identifier.to_owned(),
            redirect_url: config.callback_url().to_string(),
            session_minutes: config.session_minutes.get(),
        }
    }
}

/// The switch of the SDK configuration a call needs (a call the SDK is off for answers
/// `endpoint_not_authorized_for_sdk`, Stytch docs `b2b/api/errors/401`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Product {
    /// The SDK itself (sessions, organization search).
    Sdk,
    /// Email magic links.
    EmailMagicLinks,
    /// SMS one-time codes.
    SmsOtp,
    /// Authenticator apps (TOTP), and their recovery codes (inferred: Stytch lists recovery
    /// codes under TOTP).
    Totp,
    /// Creating an authenticator registration: a switch of its own (`totps.create_totps`).
    CreateTotp,
}

impl Product {
    /// The switches a call needs: creating an authenticator needs TOTP itself too.
    fn switches(self) -> &'static [Switch] {
        match self {
            Product::Sdk => &[dashboard::ENABLE_SDK],
            Product::EmailMagicLinks => &[dashboard::EMAIL_MAGIC_LINKS],
            Product::SmsOtp => &[dashboard::SMS_OTP],
            Product::Totp => &[dashboard::TOTP],
            Product::CreateTotp => &[dashboard::TOTP, dashboard::CREATE_TOTPS],
        }
    }
}

const WHERE: &str = dashboard::SDK_PAGE;

/// The notice for a refusal IT fixes in the project, if `e` is one.
pub fn refusal(e: &StytchError, product: Product, asked: &Asked) -> Option<Notice> {
    let (code, it) = it_fix(e, product, asked)?;
    Some(for_it(code, &it))
}

/// For a refusal IT fixes in the project: its code and what IT changes, and where (also
/// `gatehouse doctor`'s fix).
pub fn it_fix(e: &StytchError, product: Product, asked: &Asked) -> Option<(NoticeCode, String)> {
    Some(match e.error_type()? {
        ErrorType::BadAppBundleForStytchSdk
        | ErrorType::InvalidMobileIdentifier
        | ErrorType::BadDomainForStytchSdk => (
            NoticeCode::AppNotAuthorized,
            format!(
                "{WHERE} → {}: add “{}” ({}).",
                dashboard::AUTHORIZED_APPS.label,
                asked.app_identifier,
                dashboard::AUTHORIZED_APPS.field
            ),
        ),
        ErrorType::EndpointNotAuthorizedForSdk => (
            NoticeCode::ProductOff,
            format!(
                "{WHERE}: turn on {}.",
                product
                    .switches()
                    .iter()
                    .map(|s| s.named())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        ),
        ErrorType::NoMatchForProvidedMagicLinkUrl
        | ErrorType::InvalidLoginRedirectUrl
        | ErrorType::InvalidSignupRedirectUrl => (
            NoticeCode::RedirectUrlNotRegistered,
            format!(
                "{}: add “{}” with both types, Login and Sign-up.",
                dashboard::REDIRECT_URLS_PAGE,
                asked.redirect_url
            ),
        ),
        ErrorType::InvalidSessionDuration => (
            NoticeCode::SessionTooLong,
            format!(
                "Gatehouse asks for {} minutes ([session] duration_minutes), more than the project allows: raise {} ({WHERE}) to at least {}, or lower duration_minutes.",
                asked.session_minutes,
                dashboard::MAX_SESSION.named(),
                asked.session_minutes
            ),
        ),
        ErrorType::CnameRequiredForHttpOnlyCookies | ErrorType::CnameInvalidForHttpOnlyCookies => {
            (NoticeCode::TokensHidden, http_only())
        }
        ErrorType::CaptchaRequired | ErrorType::CaptchaFailed => (
            NoticeCode::CaptchaRequired,
            format!(
                "{WHERE} → {}: turn it off (or set its challenge action to Allow); Gatehouse cannot show a captcha.",
                dashboard::FINGERPRINTING.named()
            ),
        ),
        _ => return None,
    })
}

/// What IT changes when HttpOnly cookies are Enforced.
fn http_only() -> String {
    format!(
        "{WHERE} → {}: choose Disabled or Enabled, not Enforced; Enforced hides the session a desktop app must keep.",
        dashboard::HTTP_ONLY.named()
    )
}

/// An answer that carries no token although Stytch accepted the call: the project's HttpOnly
/// cookies are Enforced, which leaves tokens out of response bodies (stytch-browser
/// `packages/core/src/public/typeConfig.ts`, `OpaqueTokens`).
pub fn tokens_hidden() -> Notice {
    for_it(NoticeCode::TokensHidden, &http_only())
}

/// The member cannot act on it: say that the sign-in is not set up yet, then IT's instruction.
/// The instruction stays in English whatever the person's language: it names the Stytch
/// dashboard's labels as the (English-only) dashboard shows them, and is the very sentence
/// `gatehouse doctor` and `gatehouse-admin` say.
fn for_it(code: NoticeCode, it: &str) -> Notice {
    Notice::error(code, Text::new("notice-project-refusal").with("fix", it))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked() -> Asked {
        Asked {
            app_identifier: "com.acme.gate".into(),
            redirect_url: "acmegate://auth/callback".into(),
            session_minutes: 480,
        }
    }

    fn refused(error_type: &str) -> StytchError {
        StytchError::Stytch {
            status: 400,
            error_type: ErrorType::parse(error_type),
            error_message: String::new(),
            request_id: None,
            error_url: None,
            retry_after: None,
        }
    }

    /// The notice for `error_type`, said in English.
    fn said(error_type: &str, product: Product) -> Notice {
        refusal(&refused(error_type), product, &asked())
            .expect(error_type)
            .said(&crate::i18n::Catalog::english())
    }

    #[test]
    fn each_refusal_names_what_it_changes_with_the_values_really_asked() {
        let cases = [
            (
                "bad_app_bundle_for_stytch_sdk",
                NoticeCode::AppNotAuthorized,
                "“com.acme.gate”",
            ),
            (
                "invalid_mobile_identifier",
                NoticeCode::AppNotAuthorized,
                "Authorized applications",
            ),
            (
                "no_match_for_provided_magic_link_url",
                NoticeCode::RedirectUrlNotRegistered,
                "“acmegate://auth/callback” with both types, Login and Sign-up",
            ),
            (
                "invalid_signup_redirect_url",
                NoticeCode::RedirectUrlNotRegistered,
                "Redirect URLs",
            ),
            (
                "invalid_session_duration",
                NoticeCode::SessionTooLong,
                "at least 480",
            ),
            (
                "cname_required_for_http_only_cookies",
                NoticeCode::TokensHidden,
                "not Enforced",
            ),
            (
                "captcha_required",
                NoticeCode::CaptchaRequired,
                "Device fingerprinting protection",
            ),
        ];
        for (error_type, code, names) in cases {
            let notice = said(error_type, Product::Sdk);
            assert_eq!(notice.code, code, "{error_type}");
            assert!(
                notice.message.contains(names),
                "{error_type}: {}",
                notice.message
            );
            assert!(notice.message.contains("Ask IT"), "{}", notice.message);
        }
    }

    #[test]
    fn a_switched_off_product_names_its_own_switch() {
        let switches = [
            (Product::Sdk, "Enable SDK"),
            (Product::EmailMagicLinks, "Email magic links"),
            (Product::SmsOtp, "SMS OTP"),
            (Product::Totp, "“TOTP”"),
            (
                Product::CreateTotp,
                "“TOTP” (totps.enabled) and “Create TOTPs”",
            ),
        ];
        for (product, switch) in switches {
            let notice = said("endpoint_not_authorized_for_sdk", product);
            assert_eq!(notice.code, NoticeCode::ProductOff);
            assert!(
                notice.message.contains(switch),
                "{product:?}: {}",
                notice.message
            );
        }
    }

    #[test]
    fn other_failures_are_not_the_project_s_setup() {
        for error_type in [
            "too_many_requests",
            "otp_code_not_found",
            "unauthorized_credentials",
        ] {
            assert!(refusal(&refused(error_type), Product::Sdk, &asked()).is_none());
        }
    }
}
