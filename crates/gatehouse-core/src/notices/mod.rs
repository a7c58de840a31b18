//! Every message the machine shows a person, and its stable code. The codes are an enum on both
//! sides (the UI's type is generated from [`NoticeCode`]). The words are the catalog's
//! (`locales/<language>/notices.ftl`): a notice holds a message id and its arguments, said in the
//! person's language when the view is rendered.
//! Refusals that IT fixes in the Stytch project have their own file, [`project`].

mod project;

use serde::Serialize;
use stytch_b2b::{Error as StytchError, ErrorType, InvalidInput};
use time::OffsetDateTime;
use ts_rs::TS;

use crate::i18n::{Catalog, Text};
use crate::link::LinkRejection;
pub use project::{it_fix, refusal as project_refusal, tokens_hidden, Asked, Product};

use crate::stytch_facts::RATE_LIMIT_WAIT;
use crate::vault::VaultError;
use crate::view::{Action, Notice};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NoticeCode {
    KeychainUnavailable,
    SessionEnded,
    OrganizationNotFound,
    InvalidEmail,
    LinkResent,
    LinkRefused,
    LinkUsed,
    LinkNotExpected,
    LinkOtherDevice,
    LinkExpired,
    LinkUnknown,
    LinkForged,
    PrimaryRequired,
    InvalidPhone,
    PhoneCountryNotAllowed,
    CodeResent,
    SignInTimedOut,
    InvalidCode,
    WrongCode,
    CodeExpired,
    MemberLocked,
    NotRemembered,
    RevokePending,
    KeychainWipeFailed,
    RateLimited,
    StytchRefusedApp,
    AppNotAuthorized,
    ProductOff,
    RedirectUrlNotRegistered,
    SessionTooLong,
    TokensHidden,
    CaptchaRequired,
    StytchDown,
    NetworkDown,
    WaitingForKeychain,
    WaitingForStytch,
    NoFactorAllowed,
    InvalidTotpCode,
    WrongTotpCode,
    TotpCodeUsed,
    TotpSetupExpired,
    InvalidRecoveryCode,
    WrongRecoveryCode,
    MethodNotAllowed,
    RecoveryCodesRenewed,
    RecoveryCodesSaved,
    RecoveryCodesLost,
    RecoveryCodesUnconfirmed,
    Unexpected,
}

/// What went wrong with the keychain, as the catalog's `$trouble`: each kind of failure has its
/// own words for why and for what a person can do about it. The keychain's own detail goes to the
/// logs, not here.
fn keychain_trouble(e: &VaultError) -> &'static str {
    match e {
        VaultError::Unavailable(_) => "unavailable",
        VaultError::Locked(_) => "locked",
        VaultError::Refused(_) => "refused",
        VaultError::TimedOut(_) => "timed-out",
    }
}

/// The saved session could not be read at launch: the member signs in again.
pub fn keychain_unavailable(e: &VaultError) -> Notice {
    Notice::info(
        NoticeCode::KeychainUnavailable,
        Text::new("notice-keychain-unavailable").with("trouble", keychain_trouble(e)),
    )
}

/// A launch step past [`crate::machine::SLOW_STEP`]: what it waits for, and Try again.
pub fn waiting_for_keychain() -> Notice {
    Notice::info(
        NoticeCode::WaitingForKeychain,
        Text::new("notice-waiting-for-keychain"),
    )
    .with_action(Action::Retry)
}

/// `host` goes to the log, not to the person: a host name says nothing to them.
pub fn waiting_for_stytch(host: &str) -> Notice {
    tracing::info!(%host, "waiting for Stytch");
    Notice::info(
        NoticeCode::WaitingForStytch,
        Text::new("notice-waiting-for-sign-in-service"),
    )
    .with_action(Action::Retry)
}

impl NoticeCode {
    /// A notice that only says what a launch step is waiting for.
    pub fn is_waiting(self) -> bool {
        matches!(self, Self::WaitingForKeychain | Self::WaitingForStytch)
    }
}

pub fn session_ended() -> Notice {
    Notice::info(NoticeCode::SessionEnded, Text::new("notice-session-ended"))
}

pub fn organization_not_found(value: &str) -> Notice {
    Notice::error(
        NoticeCode::OrganizationNotFound,
        Text::new("notice-organization-not-found").with("organization", value),
    )
}

/// The configuration error's sentence: which setting named the organization (`what`: `slug` or
/// `id`; `file`: the file that set it, `None` for the environment), and who fixes it.
pub fn organization_not_found_for_it(
    what: &'static str,
    value: &str,
    file: Option<&std::path::Path>,
) -> Text {
    let text = Text::new("notice-organization-not-found-for-it")
        .with("what", what)
        .with("value", value);
    match file {
        Some(file) => text
            .with("from", "file")
            .with("file", file.display().to_string()),
        None => text.with("from", "environment"),
    }
}

/// Which of the catalog's `$problem` variants an address refused before any request is
/// (stytch-b2b's `EmailAddress::parse` reasons; anything else is the address's syntax).
fn email_problem(e: &InvalidInput) -> &'static str {
    match e.reason.as_str() {
        "it is empty" => "empty",
        "the domain must be a DNS name with a dot" => "domain",
        _ => "other",
    }
}

pub fn invalid_email(e: InvalidInput) -> Notice {
    tracing::info!("email address refused: {e}");
    Notice::error(
        NoticeCode::InvalidEmail,
        Text::new("notice-invalid-email").with("problem", email_problem(&e)),
    )
}

pub fn email_refused_by_stytch() -> Notice {
    Notice::error(NoticeCode::InvalidEmail, Text::new("notice-email-refused"))
}

pub fn link_resent(email: &str) -> Notice {
    Notice::info(
        NoticeCode::LinkResent,
        Text::new("notice-link-resent").with("email", email),
    )
}

pub fn link_rejected(rejection: &LinkRejection) -> Notice {
    let reason = match rejection {
        LinkRejection::NotOurs => "not-ours",
        LinkRejection::WrongTokenType => "wrong-token-type",
        LinkRejection::Malformed => "malformed",
    };
    Notice::error(
        NoticeCode::LinkRefused,
        Text::new("notice-link-rejected").with("reason", reason),
    )
}

pub fn link_used() -> Notice {
    Notice::error(NoticeCode::LinkUsed, Text::new("notice-link-used"))
}

pub fn link_not_expected() -> Notice {
    Notice::error(
        NoticeCode::LinkNotExpected,
        Text::new("notice-link-not-expected"),
    )
}

/// What Stytch said about a magic-link token, in words.
pub fn link_refused_by_stytch(e: &StytchError, now: OffsetDateTime) -> Notice {
    match e.error_type() {
        Some(ErrorType::PkceMismatch | ErrorType::PkceExpectedCodeVerifier) => Notice::error(
            NoticeCode::LinkOtherDevice,
            Text::new("notice-link-other-device"),
        )
        .with_action(Action::Restart),
        Some(ErrorType::UnableToAuthMagicLink) => {
            Notice::error(NoticeCode::LinkExpired, Text::new("notice-link-expired"))
        }
        Some(ErrorType::MagicLinkNotFound) => {
            Notice::error(NoticeCode::LinkUnknown, Text::new("notice-link-unknown"))
        }
        _ => problem(e, now),
    }
}

pub fn link_forged() -> Notice {
    Notice::error(NoticeCode::LinkForged, Text::new("notice-link-forged"))
}

pub fn primary_required() -> Notice {
    Notice::error(
        NoticeCode::PrimaryRequired,
        Text::new("notice-primary-required"),
    )
}

pub fn unexpected_answer() -> Notice {
    Notice::error(
        NoticeCode::Unexpected,
        Text::new("notice-unexpected-answer"),
    )
}

/// Which of the catalog's `$problem` variants a number refused before any request is
/// (stytch-b2b's `E164::parse` reasons).
fn phone_problem(e: &InvalidInput) -> &'static str {
    let reason = e.reason.as_str();
    if reason == "it is empty" {
        "empty"
    } else if reason.starts_with("it must start with +") {
        "country-code"
    } else if reason.starts_with("it is not a phone number") {
        "not-a-number"
    } else {
        "invalid"
    }
}

pub fn invalid_phone(e: InvalidInput) -> Notice {
    tracing::info!("phone number refused: {e}");
    Notice::error(
        NoticeCode::InvalidPhone,
        Text::new("notice-invalid-phone").with("problem", phone_problem(&e)),
    )
}

/// What Stytch said about an SMS send, in words.
pub fn send_refused(e: &StytchError, now: OffsetDateTime) -> Notice {
    match e.error_type() {
        Some(ErrorType::InvalidPhoneNumber) => {
            Notice::error(NoticeCode::InvalidPhone, Text::new("notice-phone-refused"))
        }
        Some(ErrorType::InvalidPhoneNumberCountryCode) => Notice::error(
            NoticeCode::PhoneCountryNotAllowed,
            Text::new("notice-phone-country-not-allowed"),
        ),
        _ => problem(e, now),
    }
}

pub fn code_resent() -> Notice {
    Notice::info(NoticeCode::CodeResent, Text::new("notice-code-resent"))
}

pub fn sign_in_timed_out() -> Notice {
    Notice::error(
        NoticeCode::SignInTimedOut,
        Text::new("notice-sign-in-timed-out"),
    )
}

pub fn invalid_code() -> Notice {
    Notice::error(NoticeCode::InvalidCode, Text::new("notice-invalid-code"))
}

pub fn wrong_code() -> Notice {
    Notice::error(NoticeCode::WrongCode, Text::new("notice-wrong-code"))
}

/// A wrong code's notice, when `left` attempts remain before the member is locked: the same
/// words, then how many (one message per wrong code, so each language words the whole of it).
pub fn near_lock(notice: Notice, left: u32) -> Notice {
    let id = match notice.code {
        NoticeCode::WrongCode => "notice-wrong-code-near-lock",
        NoticeCode::WrongTotpCode => "notice-wrong-totp-code-near-lock",
        NoticeCode::WrongRecoveryCode => "notice-wrong-recovery-code-near-lock",
        other => {
            tracing::warn!(code = ?other, "no words for a lock warning after this notice");
            return notice;
        }
    };
    Notice {
        text: Text::new(id).with("left", left),
        ..notice
    }
}

pub fn code_expired() -> Notice {
    Notice::error(NoticeCode::CodeExpired, Text::new("notice-code-expired"))
}

/// The new session could not be saved: signed in for this run only.
pub fn not_remembered(e: &VaultError) -> Notice {
    Notice::info(
        NoticeCode::NotRemembered,
        Text::new("notice-not-remembered").with("trouble", keychain_trouble(e)),
    )
}

pub fn revoke_pending() -> Notice {
    Notice::info(
        NoticeCode::RevokePending,
        Text::new("notice-revoke-pending"),
    )
}

/// Signed out, but the session is still in the keychain: it must be removed there.
pub fn keychain_wipe_failed(e: &VaultError) -> Notice {
    Notice::error(
        NoticeCode::KeychainWipeFailed,
        Text::new("notice-keychain-wipe-failed").with("trouble", keychain_trouble(e)),
    )
}

pub fn no_factor_allowed() -> Notice {
    Notice::error(
        NoticeCode::NoFactorAllowed,
        Text::new("notice-no-factor-allowed"),
    )
}

pub fn invalid_totp_code() -> Notice {
    Notice::error(
        NoticeCode::InvalidTotpCode,
        Text::new("notice-invalid-totp-code"),
    )
}

pub fn wrong_totp_code() -> Notice {
    Notice::error(
        NoticeCode::WrongTotpCode,
        Text::new("notice-wrong-totp-code"),
    )
}

pub fn totp_code_used() -> Notice {
    Notice::error(NoticeCode::TotpCodeUsed, Text::new("notice-totp-code-used"))
}

pub fn totp_setup_expired() -> Notice {
    Notice::error(
        NoticeCode::TotpSetupExpired,
        Text::new("notice-totp-setup-expired"),
    )
    .with_action(Action::Restart)
}

pub fn invalid_recovery_code() -> Notice {
    Notice::error(
        NoticeCode::InvalidRecoveryCode,
        Text::new("notice-invalid-recovery-code"),
    )
}

pub fn wrong_recovery_code() -> Notice {
    Notice::error(
        NoticeCode::WrongRecoveryCode,
        Text::new("notice-wrong-recovery-code"),
    )
}

pub fn method_not_allowed() -> Notice {
    Notice::error(
        NoticeCode::MethodNotAllowed,
        Text::new("notice-method-not-allowed"),
    )
}

pub fn recovery_codes_renewed() -> Notice {
    Notice::info(
        NoticeCode::RecoveryCodesRenewed,
        Text::new("notice-recovery-codes-renewed"),
    )
}

/// Stytch renewed the recovery codes while the member signed out: the old ones no longer work and
/// the new ones were never shown.
pub fn recovery_codes_lost() -> Notice {
    Notice::error(
        NoticeCode::RecoveryCodesLost,
        Text::new("notice-recovery-codes-lost"),
    )
}

/// Recovery codes were shown at an earlier launch and the window went away before the person
/// said they had saved them: they may have none. `can_renew` when signed in with an
/// authenticator app (the signed-in screen offers new codes); otherwise they sign in first.
pub fn recovery_codes_unconfirmed(email: &str, can_renew: bool) -> Notice {
    Notice::info(
        NoticeCode::RecoveryCodesUnconfirmed,
        Text::new("notice-recovery-codes-unconfirmed")
            .with("email", email)
            .with("renew", if can_renew { "yes" } else { "no" }),
    )
}

/// The workspace `name` could not be loaded, and why, from the web engine's error text
/// (WebKitGTK's `load-failed`, libsoup and GLib wording): one sentence, the cause a selector.
pub fn workspace_failed(name: &str, engine: &str) -> Text {
    let said = engine.to_ascii_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| said.contains(w));
    let cause = if any(&[
        "resolve",
        "name or service",
        "dns",
        "host not found",
        "unknown host",
    ]) {
        "address"
    } else if any(&["certificate", "tls", "ssl", "handshake"]) {
        "certificate"
    } else if any(&[
        "refused",
        "connect",
        "unreachable",
        "timed out",
        "timeout",
        "reset",
    ]) {
        "server"
    } else {
        "other"
    };
    Text::new("notice-workspace-failed")
        .with("workspace", name)
        .with("cause", cause)
}

/// The codes were written to the file the person chose: where.
pub fn recovery_codes_saved(path: &std::path::Path) -> Notice {
    Notice::info(
        NoticeCode::RecoveryCodesSaved,
        Text::new("notice-recovery-codes-saved").with("path", path.display().to_string()),
    )
}

/// The first lines of a file of saved recovery codes, in `catalog`'s language: whose they are
/// and how they are used; a blank line ends them.
pub fn recovery_codes_file_header(catalog: &Catalog, email: &str, organization: &str) -> String {
    let header = catalog.say(
        &Text::new("notice-recovery-codes-file-header")
            .with("email", email)
            .with("organization", organization),
    );
    format!("{header}\n\n")
}

/// The member is locked (too many wrong codes). `until` is when Stytch says the lock ends (the
/// Member object's `lock_expires_at`); Stytch's error itself does not say, and the project sets
/// how long a lock lasts, so without it no time is given.
pub fn member_locked(until: Option<OffsetDateTime>) -> Notice {
    match until {
        Some(until) => Notice::error(
            NoticeCode::MemberLocked,
            Text::new("notice-member-locked-until"),
        )
        .with_action(Action::Restart)
        .retry_at(until),
        None => Notice::error(NoticeCode::MemberLocked, Text::new("notice-member-locked"))
            .with_action(Action::Restart),
    }
}

/// Words for failures that are not about what the member typed.
pub fn problem(error: &StytchError, now: OffsetDateTime) -> Notice {
    match error {
        // A lock is a 429 too, but not a rate limit: its answer does not say until when.
        StytchError::Stytch {
            error_type: ErrorType::UserLockLimitReached,
            ..
        } => member_locked(None),
        StytchError::Stytch {
            error_type: ErrorType::TooManyRequests,
            retry_after,
            ..
        } => {
            let wait = retry_after.unwrap_or(RATE_LIMIT_WAIT);
            // The wait is said once, by the notice's live countdown (`retry_at`); the window
            // holds the screen's actions until then.
            Notice::error(NoticeCode::RateLimited, Text::new("notice-rate-limited"))
                .retry_at(now + wait)
        }
        StytchError::Stytch {
            error_type: ErrorType::UnauthorizedCredentials,
            ..
        } => Notice::error(
            NoticeCode::StytchRefusedApp,
            Text::new("notice-app-refused"),
        ),
        StytchError::Stytch { status, .. } if *status >= 500 => {
            Notice::error(NoticeCode::StytchDown, Text::new("notice-service-down"))
        }
        StytchError::Transport { .. } | StytchError::Timeout { .. } => {
            Notice::error(NoticeCode::NetworkDown, Text::new("notice-network-down"))
        }
        _ => Notice::error(NoticeCode::Unexpected, Text::new("notice-service-trouble")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{negotiate, Catalog};
    use stytch_b2b::{EmailAddress, E164};

    fn english(notice: &Notice) -> String {
        notice.said(&Catalog::english()).message
    }

    fn german() -> Catalog {
        Catalog::new(negotiate(&["de".to_owned()]))
    }

    fn every_failure() -> [VaultError; 4] {
        [
            VaultError::Unavailable("org.freedesktop.DBus.Error.ServiceUnknown".into()),
            VaultError::Locked("Secret Service: object locked".into()),
            VaultError::Refused("org.freedesktop.DBus.Error.AccessDenied".into()),
            VaultError::timed_out(crate::vault::KEYCHAIN_LIMIT),
        ]
    }

    fn stytch(error_type: &str, status: u16) -> StytchError {
        StytchError::Stytch {
            status,
            error_type: ErrorType::parse(error_type),
            error_message: "Stytch's own words".into(),
            request_id: None,
            error_url: Some("https://stytch.com/docs/api/errors/400".into()),
            retry_after: None,
        }
    }

    /// Every notice an employee may read, in each of its variants.
    fn every_notice() -> Vec<Notice> {
        let now = OffsetDateTime::UNIX_EPOCH;
        let failures = [
            stytch("too_many_requests", 429),
            stytch("user_lock_limit_reached", 429),
            stytch("internal_server_error", 500),
            stytch("unauthorized_credentials", 401),
            stytch("invalid_phone_number", 400),
            stytch("invalid_phone_number_country_code", 400),
            stytch("magic_link_not_found", 404),
            stytch("unable_to_auth_magic_link", 401),
            stytch("pkce_mismatch", 400),
            stytch("something_new", 400),
        ];
        let mut said: Vec<Notice> = Vec::new();
        for e in &failures {
            said.extend([
                problem(e, now),
                send_refused(e, now),
                link_refused_by_stytch(e, now),
            ]);
        }
        for e in every_failure() {
            said.extend([
                keychain_unavailable(&e),
                not_remembered(&e),
                keychain_wipe_failed(&e),
            ]);
        }
        for rejection in [
            LinkRejection::NotOurs,
            LinkRejection::WrongTokenType,
            LinkRejection::Malformed,
        ] {
            said.push(link_rejected(&rejection));
        }
        for email in ["", "ada@localhost", "ada at example"] {
            said.push(invalid_email(EmailAddress::parse(email).unwrap_err()));
        }
        for phone in ["", "0301234567", "+1 not a number", "+1 555"] {
            said.push(invalid_phone(E164::parse(phone).unwrap_err()));
        }
        for left in [1, 2] {
            said.extend([
                near_lock(wrong_code(), left),
                near_lock(wrong_totp_code(), left),
                near_lock(wrong_recovery_code(), left),
            ]);
        }
        said.extend([
            waiting_for_stytch("test.stytch.com"),
            waiting_for_keychain(),
            session_ended(),
            organization_not_found("acme"),
            email_refused_by_stytch(),
            link_resent("ada@example"),
            link_used(),
            link_not_expected(),
            link_forged(),
            primary_required(),
            unexpected_answer(),
            code_resent(),
            sign_in_timed_out(),
            invalid_code(),
            wrong_code(),
            code_expired(),
            revoke_pending(),
            no_factor_allowed(),
            invalid_totp_code(),
            wrong_totp_code(),
            totp_code_used(),
            totp_setup_expired(),
            invalid_recovery_code(),
            wrong_recovery_code(),
            method_not_allowed(),
            recovery_codes_renewed(),
            recovery_codes_lost(),
            recovery_codes_unconfirmed("ada@example", true),
            recovery_codes_unconfirmed("ada@example", false),
            recovery_codes_saved(std::path::Path::new("/home/ada/codes.txt")),
            member_locked(None),
            member_locked(Some(now)),
        ]);
        said
    }

    #[test]
    fn each_keychain_failure_says_what_happened_and_what_to_do_in_its_own_words() {
        let expected = [
            ("no keyring could be reached", "ask IT"),
            ("your keyring is locked", "Unlock your keyring"),
            (
                "your keyring refused Gatehouse",
                "Ask IT to let Gatehouse use your keyring",
            ),
            (
                "your keyring did not answer in time",
                "look for a keyring prompt",
            ),
        ];
        for (e, (why, what_to_do)) in every_failure().iter().zip(expected) {
            for notice in [
                keychain_unavailable(e),
                not_remembered(e),
                keychain_wipe_failed(e),
            ] {
                let said = english(&notice);
                assert!(said.contains(why), "{}: {said}", e.code());
                assert!(said.contains(what_to_do), "{}: {said}", e.code());
            }
        }
    }

    #[test]
    fn the_keychain_s_own_detail_stays_in_the_logs() {
        for catalog in [Catalog::english(), german()] {
            for e in every_failure() {
                for notice in [
                    keychain_unavailable(&e),
                    not_remembered(&e),
                    keychain_wipe_failed(&e),
                ] {
                    let said = notice.said(&catalog).message;
                    assert!(!said.contains(e.detail()), "{said}");
                }
            }
        }
    }

    /// Words an employee does not know: the service's brand, Stytch's jargon, a host name.
    const JARGON: [&str; 5] = ["Stytch", "slug", "revoke", "http", ".com"];

    fn assert_no_jargon(catalog: &Catalog) {
        for notice in every_notice() {
            let said = notice.said(catalog).message;
            for word in JARGON {
                assert!(
                    !said.to_lowercase().contains(&word.to_lowercase()),
                    "{:?} in {} says {word:?}: {said}",
                    notice.code,
                    catalog.language().tag()
                );
            }
        }
    }

    #[test]
    fn what_an_employee_reads_names_no_stytch_no_jargon_and_no_host() {
        assert_no_jargon(&Catalog::english());
    }

    #[test]
    fn what_an_employee_reads_in_german_names_no_stytch_no_jargon_and_no_host() {
        assert_no_jargon(&german());
    }

    /// Every `"notice-…"` id in the core's source: what the code can ask the catalog for.
    fn ids_in_the_source() -> Vec<String> {
        fn walk(dir: &std::path::Path, ids: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, ids);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for piece in text.split("\"notice-").skip(1) {
                        let id: String = piece
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                            .collect();
                        if !id.is_empty() && piece[id.len()..].starts_with('"') {
                            ids.push(format!("notice-{id}"));
                        }
                    }
                }
            }
        }
        let mut ids = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut ids,
        );
        ids.sort();
        ids.dedup();
        ids
    }

    #[test]
    fn every_notice_id_the_code_uses_is_in_english_and_german() {
        let ids = ids_in_the_source();
        assert!(ids.len() > 50, "the scan finds the ids: {ids:?}");
        for catalog in [Catalog::english(), german()] {
            for id in &ids {
                assert!(
                    catalog.has_own(id),
                    "{} lacks {id}",
                    catalog.language().tag()
                );
            }
        }
    }

    #[test]
    fn every_notice_is_a_sentence_of_the_catalog_with_all_its_arguments() {
        for catalog in [Catalog::english(), german()] {
            for notice in every_notice() {
                let said = notice.said(&catalog).message;
                assert!(
                    catalog.has_own(notice.text.id()),
                    "{} lacks {}",
                    catalog.language().tag(),
                    notice.text.id()
                );
                assert_ne!(said, notice.text.id());
                // Fluent prints a missing argument as `{$name}`.
                assert!(!said.contains('{'), "{:?}: {said}", notice.code);
            }
        }
    }

    #[test]
    fn attempts_left_take_their_plural_form_in_each_language() {
        let cases = [
            (
                Catalog::english(),
                "One more wrong code locks your account.",
                "3 more wrong codes lock your account.",
            ),
            (
                german(),
                "Nach einem weiteren falschen Code wird Ihr Konto gesperrt.",
                "Nach 3 weiteren falschen Codes wird Ihr Konto gesperrt.",
            ),
        ];
        for (catalog, one, three) in cases {
            for wrong in [wrong_code(), wrong_totp_code(), wrong_recovery_code()] {
                let first = wrong.said(&catalog).message;
                let said = near_lock(wrong.clone(), 1).said(&catalog).message;
                assert_eq!(said, format!("{first} {one}"));
                let said = near_lock(wrong, 3).said(&catalog).message;
                assert_eq!(said, format!("{first} {three}"));
            }
        }
    }

    #[test]
    fn a_refused_address_or_number_says_what_is_wrong_with_it() {
        let email = |input: &str| english(&invalid_email(EmailAddress::parse(input).unwrap_err()));
        assert!(email("  ").contains("it is empty"));
        assert!(email("ada@localhost").contains("domain name with a dot"));
        assert!(email("ada at example").contains("not a valid address"));
        let phone = |input: &str| english(&invalid_phone(E164::parse(input).unwrap_err()));
        assert!(phone("").contains("it is empty"));
        assert!(phone("0301234567").contains("the country code"));
        assert!(phone("+1 not a number").contains("not a phone number"));
        assert!(phone("+1 555").contains("not a valid number"));
    }

    #[test]
    fn the_recovery_codes_file_says_whose_they_are_in_the_person_s_language() {
        let header = recovery_codes_file_header(&Catalog::english(), "ada@example", "Acme");
        assert_eq!(
            header,
            "Gatehouse recovery codes for ada@example (Acme).\nEach code signs you in once, in place of your authenticator app. Keep them somewhere safe.\n\n"
        );
        let header = recovery_codes_file_header(&german(), "ada@example", "Acme");
        assert!(
            header.starts_with("Gatehouse-Wiederherstellungscodes für ada@example (Acme).\n"),
            "{header}"
        );
        assert!(header.ends_with(".\n\n"), "{header}");
    }

    #[test]
    fn the_web_engine_s_words_become_a_cause_a_person_understands() {
        let cases = [
            (
                "Error resolving “work.example.com”: Name or service not known",
                "address could not be found",
            ),
            (
                "Could not connect: Connection refused",
                "server did not answer",
            ),
            (
                "Unacceptable TLS certificate",
                "certificate was not accepted",
            ),
            ("Load request cancelled", "could not be loaded"),
        ];
        for (engine, said) in cases {
            let cause = Catalog::english().say(&workspace_failed("Example Workspace", engine));
            assert!(cause.contains(said), "{engine} → {cause}");
            assert!(!cause.contains(engine), "{cause}");
            let german = german().say(&workspace_failed("Example Workspace", engine));
            assert!(
                german.starts_with("Example Workspace konnte nicht geöffnet werden: "),
                "{german}"
            );
            assert!(
                cause.starts_with("Example Workspace couldn't be opened: "),
                "{cause}"
            );
        }
    }

    #[test]
    fn the_configuration_screen_names_the_setting_that_named_the_organization() {
        let from_file = Catalog::english().say(&organization_not_found_for_it(
            "slug",
            "acme",
            Some(std::path::Path::new("/etc/gatehouse/config.toml")),
        ));
        assert!(
            from_file.contains("the slug \"acme\" (set in /etc/gatehouse/config.toml)"),
            "{from_file}"
        );
        let from_environment =
            Catalog::english().say(&organization_not_found_for_it("id", "organization-1", None));
        assert!(
            from_environment.contains("the id \"organization-1\" (set in the environment"),
            "{from_environment}"
        );
        let german = german().say(&organization_not_found_for_it("id", "organization-1", None));
        assert!(german.contains("mit der ID „organization-1“"), "{german}");
    }

    #[test]
    fn each_situation_keeps_its_code_and_its_consequence() {
        let e = VaultError::Locked("x".into());
        let read = keychain_unavailable(&e);
        assert_eq!(read.code, NoticeCode::KeychainUnavailable);
        assert!(english(&read).contains("Sign in again."));
        let saved = not_remembered(&e);
        assert_eq!(saved.code, NoticeCode::NotRemembered);
        assert!(english(&saved).contains("you'll be asked again next time"));
        let wiped = keychain_wipe_failed(&e);
        assert_eq!(wiped.code, NoticeCode::KeychainWipeFailed);
        assert!(english(&wiped).contains("remove Gatehouse's entry from your keychain"));
    }
}
