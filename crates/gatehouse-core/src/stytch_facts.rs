//! What Gatehouse knows of Stytch's lifetimes, limits and languages, each with its source: the one
//! place the core reads them from (the machine says "expired" before Stytch does, the notices say
//! until when, the configuration checks its bounds, the requests name the person's language).
//! The client's own checks live in `stytch_b2b`.

use std::time::Duration;

use gatehouse_i18n::Language;
use stytch_b2b::{MagicLinkLocale, SmsLocale};

/// Session lengths Stytch accepts, and its default (stytch-node `lib/b2b/magic_links.ts`,
/// AuthenticateRequest: "a minimum of 5 and a maximum of 527040 minutes", "a 60 minute
/// duration"); the client checks them too.
pub use stytch_b2b::{DEFAULT_SESSION_DURATION_MINUTES, SESSION_DURATION_MINUTES};

/// The intermediate session token lives 10 minutes. No response carries its expiry: like
/// stytch-android (`common/Constants.kt`, IST_EXPIRATION_TIME), Gatehouse keeps the 10 minutes
/// itself; stytch-node `lib/b2b/magic_links.ts` ("default expiry of 10 minutes").
pub const INTERMEDIATE_SESSION_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// An SMS one-time code lives 2 minutes (stytch-node `lib/b2b/otp_sms.ts`, send: "OTP codes
/// expire after two minutes").
pub const SMS_CODE_LIFETIME: Duration = Duration::from_secs(2 * 60);

/// An email magic link lives 60 minutes unless the request says otherwise (stytch-node
/// `lib/b2b/magic_links_email.ts`, LoginOrSignupRequest: "Defaults to 60"); Gatehouse does not
/// change it, so an older waiting sign-in cannot finish.
pub const MAGIC_LINK_LIFETIME: Duration = Duration::from_secs(60 * 60);

// No lock duration here: a member lock lasts what the project sets (10 failures and an hour by
// default; threshold 1–100, 5 minutes–7 days: Stytch docs `resources/platform/user-locks`), and
// Gatehouse shows the end Stytch reports (the Member's `lock_expires_at`), never a guess.

/// Wrong codes in a row that lock a member, by default (Stytch docs `resources/platform/user-locks`);
/// a project may set 1 to 100 ([`LOCK_THRESHOLDS`]), which IT repeats in `[stytch] lock_threshold`.
pub const LOCK_THRESHOLD_DEFAULT: u32 = 10;
pub const LOCK_THRESHOLDS: std::ops::RangeInclusive<u32> = 1..=100;

/// Stytch's browser and mobile SDKs re-authenticate the session every 3 minutes in the background
/// (stytch-android `common/sessions/SessionAutoUpdater.kt`); so does Gatehouse.
pub const SESSION_CHECK_INTERVAL: Duration = Duration::from_secs(3 * 60);

/// How long to wait after a 429 that names no `Retry-After`: none is documented (Stytch docs,
/// "Rate limits": fixed intervals of about a second per address); inferred.
pub const RATE_LIMIT_WAIT: Duration = Duration::from_secs(30);

/// The language Stytch writes the sign-in email in, for the person's language: the magic-link
/// routes' own list (`en`, `es`, `pt-br`, `fr`: stytch-node `lib/b2b/magic_links_email.ts` and
/// `lib/b2b/magic_links.ts`), which has **no German**; a German speaker's email is left without
/// a locale and Stytch writes it in English ("if no value is provided, the copy defaults to
/// English"). The same list holds for the SMS Stytch sends itself after the link
/// (`magic_links/authenticate`'s `locale`).
pub fn email_locale(language: &Language) -> Option<MagicLinkLocale> {
    MagicLinkLocale::for_language(&language.tag())
}

/// The language Stytch writes an SMS code in when Gatehouse asks for one (`otps/sms/send`):
/// German is `de-DE` (stytch-node `lib/b2b/otp_sms.ts`, since 2efdf9d, 2025-04-14).
pub fn sms_locale(language: &Language) -> Option<SmsLocale> {
    SmsLocale::for_language(&language.tag())
}
