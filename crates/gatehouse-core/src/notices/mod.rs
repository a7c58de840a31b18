//! Every message the machine shows a person, and its stable code. The codes are an enum on both
//! sides (the UI's type is generated from [`NoticeCode`]); the words live here and nowhere else.
//! Refusals that IT fixes in the Stytch project have their own file, [`project`].

mod project;

use serde::Serialize;
use stytch_b2b::{Error as StytchError, ErrorType};
use time::OffsetDateTime;
use ts_rs::TS;

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

/// What went wrong with the keychain, as the end of a sentence ("… because {this}"), and what a
/// person can do about it: each kind of failure has its own words. The keychain's own detail
/// goes to the logs, not here.
fn keychain_trouble(e: &VaultError) -> (&'static str, &'static str) {
    match e {
        VaultError::Unavailable(_) => (
            "no keyring could be reached",
            "The keyring service (such as GNOME Keyring or KWallet) may not be running: if this keeps happening, ask IT.",
        ),
        VaultError::Locked(_) => (
            "your keyring is locked",
            "Unlock your keyring (it usually unlocks when you log in with your password).",
        ),
        VaultError::Refused(_) => (
            "your keyring refused Gatehouse",
            "Ask IT to let Gatehouse use your keyring.",
        ),
        VaultError::TimedOut(_) => (
            "your keyring did not answer in time",
            "It may be waiting for its password: look for a keyring prompt, or unlock your keyring.",
        ),
    }
}

/// The saved session could not be read at launch: the member signs in again.
pub fn keychain_unavailable(e: &VaultError) -> Notice {
    let (why, what_to_do) = keychain_trouble(e);
    Notice::info(
        NoticeCode::KeychainUnavailable,
        format!("Your saved sign-in could not be read because {why}. Sign in again. {what_to_do}"),
    )
}

/// A launch step past [`crate::machine::SLOW_STEP`]: what it waits for, and Try again.
pub fn waiting_for_keychain() -> Notice {
    Notice::info(
        NoticeCode::WaitingForKeychain,
        "Waiting for the system keychain to answer… If it keeps waiting, make sure your keyring is unlocked, then try again.",
    )
    .with_action(Action::Retry)
}

/// `host` goes to the log, not to the person: a host name says nothing to them.
pub fn waiting_for_stytch(host: &str) -> Notice {
    tracing::info!(%host, "waiting for Stytch");
    Notice::info(
        NoticeCode::WaitingForStytch,
        "Waiting for the sign-in service to answer… Check your network connection, then try again.",
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
    Notice::info(
        NoticeCode::SessionEnded,
        "Your session has ended (it expired or was signed out elsewhere). Sign in again.",
    )
}

pub fn organization_not_found(value: &str) -> Notice {
    Notice::error(
        NoticeCode::OrganizationNotFound,
        format!("The sign-in service doesn't know your organization (“{value}”). Ask IT to check Gatehouse's configuration."),
    )
}

/// The configuration error's sentence: which setting named the organization, and who fixes it.
pub fn organization_not_found_for_it(what: &str, value: &str, set_in: &str) -> String {
    format!(
        "The sign-in service (Stytch) has no organization with the {what} \"{value}\" (set in {set_in}). Ask IT to check Gatehouse's configuration."
    )
}

pub fn invalid_email(reason: impl std::fmt::Display) -> Notice {
    Notice::error(
        NoticeCode::InvalidEmail,
        format!("That email address can't be used: {reason}."),
    )
}

pub fn email_refused_by_stytch() -> Notice {
    Notice::error(
        NoticeCode::InvalidEmail,
        "The sign-in service does not accept that email address. Check it for typos.",
    )
}

pub fn link_resent(email: &str) -> Notice {
    Notice::info(
        NoticeCode::LinkResent,
        format!("We sent a new link to {email}."),
    )
}

pub fn link_rejected(rejection: &LinkRejection) -> Notice {
    let message = match rejection {
        LinkRejection::NotOurs => "That link is not a Gatehouse sign-in link, so it was ignored.",
        LinkRejection::WrongTokenType => {
            "That link is for another kind of sign-in than the email link, so it was ignored."
        }
        LinkRejection::Malformed => {
            "That sign-in link is damaged or incomplete. Open the link from the email again, or paste all of it."
        }
    };
    Notice::error(NoticeCode::LinkRefused, message)
}

pub fn link_used() -> Notice {
    Notice::error(
        NoticeCode::LinkUsed,
        "That link has already been used. Each sign-in link works once; use the newest email, or send a new link.",
    )
}

pub fn link_not_expected() -> Notice {
    Notice::error(
        NoticeCode::LinkNotExpected,
        "That sign-in link was not requested from this app, or its sign-in was cancelled. Enter your email to get a new one.",
    )
}

/// What Stytch said about a magic-link token, in words.
pub fn link_refused_by_stytch(e: &StytchError, now: OffsetDateTime) -> Notice {
    match e.error_type() {
        Some(ErrorType::PkceMismatch | ErrorType::PkceExpectedCodeVerifier) => Notice::error(
            NoticeCode::LinkOtherDevice,
            "This link was requested on another device or in another sign-in, so it can't finish this one. Start again here and use the link from the new email.",
        )
        .with_action(Action::Restart),
        Some(ErrorType::UnableToAuthMagicLink) => Notice::error(
            NoticeCode::LinkExpired,
            "That link has expired or was already used. Send a new one.",
        ),
        Some(ErrorType::MagicLinkNotFound) => Notice::error(
            NoticeCode::LinkUnknown,
            "That link was not recognised. Use the newest email, or send a new link.",
        ),
        _ => problem(e, now),
    }
}

pub fn link_forged() -> Notice {
    Notice::error(
        NoticeCode::LinkForged,
        "That link signs in someone else, not the address you entered, so it was refused. Use the link from your own email.",
    )
}

pub fn primary_required() -> Notice {
    Notice::error(
        NoticeCode::PrimaryRequired,
        "Your organization requires another way to sign in (such as SSO), which Gatehouse does not offer. Ask IT.",
    )
}

pub fn unexpected_answer() -> Notice {
    Notice::error(
        NoticeCode::Unexpected,
        "The sign-in service answered in a way Gatehouse did not expect. Try again.",
    )
}

pub fn invalid_phone(reason: impl std::fmt::Display) -> Notice {
    Notice::error(
        NoticeCode::InvalidPhone,
        format!("That phone number can't be used: {reason}."),
    )
}

/// What Stytch said about an SMS send, in words.
pub fn send_refused(e: &StytchError, now: OffsetDateTime) -> Notice {
    match e.error_type() {
        Some(ErrorType::InvalidPhoneNumber) => Notice::error(
            NoticeCode::InvalidPhone,
            "That phone number can't be used. Check the country and the number.",
        ),
        Some(ErrorType::InvalidPhoneNumberCountryCode) => Notice::error(
            NoticeCode::PhoneCountryNotAllowed,
            "Your organization can't send codes to that country. Use another number or ask IT.",
        ),
        _ => problem(e, now),
    }
}

pub fn code_resent() -> Notice {
    Notice::info(
        NoticeCode::CodeResent,
        "We sent a new code. The earlier code no longer works.",
    )
}

pub fn sign_in_timed_out() -> Notice {
    Notice::error(
        NoticeCode::SignInTimedOut,
        "This sign-in took longer than 10 minutes, so it expired. Start again: you'll get a new email.",
    )
}

pub fn invalid_code() -> Notice {
    Notice::error(
        NoticeCode::InvalidCode,
        "The code is the 6 digits from the SMS.",
    )
}

pub fn wrong_code() -> Notice {
    Notice::error(
        NoticeCode::WrongCode,
        "That code isn't right. Check the SMS and try again.",
    )
}

/// A wrong code's notice, when `left` attempts remain before the member is locked: says how many
/// (a sentence of its own after the notice's).
pub fn near_lock(notice: Notice, left: u32) -> Notice {
    let warning = if left == 1 {
        "One more wrong code locks your account.".to_owned()
    } else {
        format!("{left} more wrong codes lock your account.")
    };
    Notice {
        message: format!("{} {warning}", notice.message),
        ..notice
    }
}

pub fn code_expired() -> Notice {
    Notice::error(
        NoticeCode::CodeExpired,
        "That code has expired (codes last 2 minutes). Send a new one.",
    )
}

/// The new session could not be saved: signed in for this run only.
pub fn not_remembered(e: &VaultError) -> Notice {
    let (why, what_to_do) = keychain_trouble(e);
    Notice::info(
        NoticeCode::NotRemembered,
        format!("You're signed in, but your session could not be saved because {why}, so you'll be asked again next time. {what_to_do}"),
    )
}

pub fn revoke_pending() -> Notice {
    Notice::info(
        NoticeCode::RevokePending,
        "You're signed out on this computer. The sign-in service could not be reached, so your session there will be ended as soon as it can be.",
    )
}

/// Signed out, but the session is still in the keychain: it must be removed there.
pub fn keychain_wipe_failed(e: &VaultError) -> Notice {
    let (why, what_to_do) = keychain_trouble(e);
    Notice::error(
        NoticeCode::KeychainWipeFailed,
        format!("You're signed out here, but the session could not be removed from the keychain because {why}. {what_to_do} Then remove Gatehouse's entry from your keychain, or ask IT to."),
    )
}

pub fn no_factor_allowed() -> Notice {
    Notice::error(
        NoticeCode::NoFactorAllowed,
        "Your organization requires a second step but allows no method Gatehouse offers. Ask IT.",
    )
}

pub fn invalid_totp_code() -> Notice {
    Notice::error(
        NoticeCode::InvalidTotpCode,
        "The code is the 6 digits your authenticator app shows for this account.",
    )
}

pub fn wrong_totp_code() -> Notice {
    Notice::error(
        NoticeCode::WrongTotpCode,
        "That code isn't right. Check the app shows this account, wait for a new code, and try again.",
    )
}

pub fn totp_code_used() -> Notice {
    Notice::error(
        NoticeCode::TotpCodeUsed,
        "That code was already used. Wait for your app to show the next one.",
    )
}

pub fn totp_setup_expired() -> Notice {
    Notice::error(
        NoticeCode::TotpSetupExpired,
        "This setup took too long and expired. Start again: you'll get a new setup key.",
    )
    .with_action(Action::Restart)
}

pub fn invalid_recovery_code() -> Notice {
    Notice::error(
        NoticeCode::InvalidRecoveryCode,
        "A recovery code is one of the codes you saved when you set up your authenticator app, like xxxx-xxxx-xxxx.",
    )
}

pub fn wrong_recovery_code() -> Notice {
    Notice::error(
        NoticeCode::WrongRecoveryCode,
        "That recovery code isn't right, or it was already used. Each code works once.",
    )
}

pub fn method_not_allowed() -> Notice {
    Notice::error(
        NoticeCode::MethodNotAllowed,
        "Your organization doesn't allow that method. Choose another way.",
    )
}

pub fn recovery_codes_renewed() -> Notice {
    Notice::info(
        NoticeCode::RecoveryCodesRenewed,
        "Your new recovery codes are ready; the old ones no longer work.",
    )
}

/// Stytch renewed the recovery codes while the member signed out: the old ones no longer work and
/// the new ones were never shown.
pub fn recovery_codes_lost() -> Notice {
    Notice::error(
        NoticeCode::RecoveryCodesLost,
        "Your recovery codes were renewed just as you signed out, so the old ones no longer work \
         and the new ones could not be shown. Sign in and get new ones.",
    )
}

/// Recovery codes were shown at an earlier launch and the window went away before the person
/// said they had saved them: they may have none. `can_renew` when signed in with an
/// authenticator app (the signed-in screen offers new codes); otherwise they sign in first.
pub fn recovery_codes_unconfirmed(email: &str, can_renew: bool) -> Notice {
    let then = if can_renew {
        "If you didn't keep them, choose New recovery codes below."
    } else {
        "If you didn't keep them, sign in with your authenticator app and choose New recovery codes."
    };
    Notice::info(
        NoticeCode::RecoveryCodesUnconfirmed,
        format!(
            "Last time, the recovery codes for {email} were shown but you didn't confirm that you saved them. {then}"
        ),
    )
}

/// Why the workspace's page could not be loaded, from the web engine's error text (WebKitGTK's
/// `load-failed`, libsoup and GLib wording), as the end of "… couldn't be opened: {this}".
pub fn workspace_cause(engine: &str) -> &'static str {
    let said = engine.to_ascii_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| said.contains(w));
    if any(&[
        "resolve",
        "name or service",
        "dns",
        "host not found",
        "unknown host",
    ]) {
        "its address could not be found (no network, or a name the network does not know)"
    } else if any(&["certificate", "tls", "ssl", "handshake"]) {
        "its security certificate was not accepted"
    } else if any(&[
        "refused",
        "connect",
        "unreachable",
        "timed out",
        "timeout",
        "reset",
    ]) {
        "its server did not answer"
    } else {
        "the page could not be loaded"
    }
}

/// The codes were written to the file the person chose: where.
pub fn recovery_codes_saved(path: &std::path::Path) -> Notice {
    Notice::info(
        NoticeCode::RecoveryCodesSaved,
        format!("Saved to {}.", path.display()),
    )
}

/// The first lines of a file of saved recovery codes: whose they are and how they are used.
pub fn recovery_codes_file_header(email: &str, organization: &str) -> String {
    format!(
        "Gatehouse recovery codes for {email} ({organization}).\nEach code signs you in once, in place of your authenticator app. Keep them somewhere safe.\n\n"
    )
}

/// The member is locked (too many wrong codes). `until` is when Stytch says the lock ends (the
/// Member object's `lock_expires_at`); Stytch's error itself does not say, and the project sets
/// how long a lock lasts, so without it no time is given.
pub fn member_locked(until: Option<OffsetDateTime>) -> Notice {
    match until {
        Some(until) => Notice::error(
            NoticeCode::MemberLocked,
            "Too many wrong codes: your account is locked. Try again when the time below has passed, or ask IT to unlock it.",
        )
        .with_action(Action::Restart)
        .retry_at(until),
        None => Notice::error(
            NoticeCode::MemberLocked,
            "Too many wrong codes: your account is locked for a while. Try again later, or ask IT to unlock it.",
        )
        .with_action(Action::Restart),
    }
}

/// Words for failures that are not about what the member typed.
pub fn problem(error: &StytchError, now: OffsetDateTime) -> Notice {
    match error {
        // A lock is a 429 too, but not a rate limit: its answer does not say until when.
        StytchError::Stytch { error_type: ErrorType::UserLockLimitReached, .. } => member_locked(None),
        StytchError::Stytch { error_type: ErrorType::TooManyRequests, retry_after, .. } => {
            let wait = retry_after.unwrap_or(RATE_LIMIT_WAIT);
            // The wait is said once, by the notice's live countdown (`retry_at`); the window
            // holds the screen's actions until then.
            Notice::error(
                NoticeCode::RateLimited,
                "Too many attempts in a short time. Wait for the countdown below, then try again.",
            )
            .retry_at(now + wait)
        }
        StytchError::Stytch { error_type: ErrorType::UnauthorizedCredentials, .. } => Notice::error(
            NoticeCode::StytchRefusedApp,
            "Gatehouse is not set up correctly: the sign-in service refused its credentials. Ask IT to check the project id and public token.",
        ),
        StytchError::Stytch { status, .. } if *status >= 500 => Notice::error(
            NoticeCode::StytchDown,
            "The sign-in service is having trouble right now. Nothing was lost: try again in a minute.",
        ),
        StytchError::Transport { .. } | StytchError::Timeout { .. } => Notice::error(
            NoticeCode::NetworkDown,
            "The sign-in service can't be reached. Check your network connection, then try again: nothing was lost.",
        ),
        _ => Notice::error(NoticeCode::Unexpected, "Something went wrong with the sign-in service. Try again."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_failure() -> [VaultError; 4] {
        [
            VaultError::Unavailable("org.freedesktop.DBus.Error.ServiceUnknown".into()),
            VaultError::Locked("Secret Service: object locked".into()),
            VaultError::Refused("org.freedesktop.DBus.Error.AccessDenied".into()),
            VaultError::timed_out(crate::vault::KEYCHAIN_LIMIT),
        ]
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
                assert!(
                    notice
                        .said(&gatehouse_i18n::Catalog::english())
                        .message
                        .contains(why),
                    "{}: {}",
                    e.code(),
                    notice.said(&gatehouse_i18n::Catalog::english()).message
                );
                assert!(
                    notice
                        .said(&gatehouse_i18n::Catalog::english())
                        .message
                        .contains(what_to_do),
                    "{}: {}",
                    e.code(),
                    notice.said(&gatehouse_i18n::Catalog::english()).message
                );
            }
        }
    }

    #[test]
    fn the_keychain_s_own_detail_stays_in_the_logs() {
        for e in every_failure() {
            for notice in [
                keychain_unavailable(&e),
                not_remembered(&e),
                keychain_wipe_failed(&e),
            ] {
                assert!(
                    !notice
                        .said(&gatehouse_i18n::Catalog::english())
                        .message
                        .contains(e.detail()),
                    "{}",
                    notice.said(&gatehouse_i18n::Catalog::english()).message
                );
            }
        }
    }

    /// Words an employee does not know: the service's brand, Stytch's jargon, a host name.
    const JARGON: [&str; 5] = ["Stytch", "slug", "revoke", "http", ".com"];

    #[test]
    fn what_an_employee_reads_names_no_stytch_no_jargon_and_no_host() {
        let now = OffsetDateTime::UNIX_EPOCH;
        let stytch = |error_type: &str, status: u16| StytchError::Stytch {
            status,
            error_type: ErrorType::parse(error_type),
            error_message: "Stytch's own words".into(),
            request_id: None,
            error_url: Some("https://stytch.com/docs/api/errors/400".into()),
            retry_after: None,
        };
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
        said.extend([
            waiting_for_stytch("test.stytch.com"),
            waiting_for_keychain(),
            session_ended(),
            organization_not_found("acme"),
            email_refused_by_stytch(),
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
            wrong_totp_code(),
            totp_code_used(),
            totp_setup_expired(),
            wrong_recovery_code(),
            method_not_allowed(),
            recovery_codes_renewed(),
            recovery_codes_lost(),
            recovery_codes_unconfirmed("ada@example", true),
            recovery_codes_unconfirmed("ada@example", false),
            member_locked(None),
        ]);
        for notice in said {
            for word in JARGON {
                assert!(
                    !notice
                        .said(&gatehouse_i18n::Catalog::english())
                        .message
                        .contains(word),
                    "{:?} says {word:?}: {}",
                    notice.code,
                    notice.said(&gatehouse_i18n::Catalog::english()).message
                );
            }
        }
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
            let cause = workspace_cause(engine);
            assert!(cause.contains(said), "{engine} → {cause}");
            assert!(!cause.contains(engine), "{cause}");
        }
    }

    #[test]
    fn each_situation_keeps_its_code_and_its_consequence() {
        let e = VaultError::Locked("x".into());
        let read = keychain_unavailable(&e);
        assert_eq!(read.code, NoticeCode::KeychainUnavailable);
        assert!(read
            .said(&gatehouse_i18n::Catalog::english())
            .message
            .contains("Sign in again."));
        let saved = not_remembered(&e);
        assert_eq!(saved.code, NoticeCode::NotRemembered);
        assert!(saved
            .said(&gatehouse_i18n::Catalog::english())
            .message
            .contains("you'll be asked again next time"));
        let wiped = keychain_wipe_failed(&e);
        assert_eq!(wiped.code, NoticeCode::KeychainWipeFailed);
        assert!(wiped
            .said(&gatehouse_i18n::Catalog::english())
            .message
            .contains("remove Gatehouse's entry from your keychain"));
    }
}
