//! What Gatehouse needs of a Stytch project's SDK configuration and redirect URLs, compared with
//! what the project has: one [`Item`] per need, and the smallest change that meets them all.
//! Pure functions: the command (`stytch_setup.rs`) reads, prints and writes.
//!
//! Why each need exists, with its public source, is noted at the need: the fields are
//! stytch-management-go `pkg/models/sdk/types.go` and terraform-provider-stytch
//! `docs/resources/b2b_sdk_config.md`, what Stytch does with them the Stytch docs pages named
//! there. Where each switch is in the dashboard: `gatehouse_core::stytch_dashboard`, the words the
//! app's refusals and `gatehouse doctor` use too.

use gatehouse_core::stytch_dashboard::{
    AUTHORIZED_APPS, CREATE_TOTPS, EMAIL_MAGIC_LINKS, ENABLE_SDK, FINGERPRINTING, HTTP_ONLY,
    MAX_SESSION, MEMBER_LOCKS, REDIRECT_URLS_PAGE, SDK_PAGE, SMS_OTP, TOTP,
};

use crate::management::{
    B2bSdkConfig, DfppaOnChallenge, DfppaSetting, HttpOnly, MemberLock, RedirectType, RedirectUrl,
    UrlType,
};

/// What this Gatehouse build needs of the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needs {
    /// What the app sends as `X-SDK-Client`'s `app.identifier`: tauri.conf.json's `identifier`.
    pub app_identifier: String,
    /// The session length Gatehouse asks Stytch for (`session_duration_minutes`).
    pub session_minutes: u32,
    /// Gatehouse's redirect URL, `{scheme}://auth/callback`.
    pub redirect_url: String,
}

/// How a setting compares with what Gatehouse needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    Differs,
    /// Shown, never changed: Gatehouse works with any value, or this tool cannot tell whether it
    /// does (an unset maximum session duration).
    Info,
    /// Could not be read: the dashboard steps stand in for it.
    Unread,
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub name: &'static str,
    /// The project's value, in words.
    pub current: String,
    /// What Gatehouse needs, in words.
    pub needed: String,
    pub verdict: Verdict,
    /// Why it matters, when that is not obvious: shown when the item is not ok.
    pub notes: Vec<String>,
    /// A recommendation that is not a requirement: shown whatever the verdict, never applied.
    pub advice: Option<String>,
    /// The dashboard steps that change it by hand.
    pub dashboard: String,
}

/// The sections of the SDK configuration a need can change: a change sends its whole section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Basic,
    Sessions,
    MagicLinks,
    Totps,
    Otps,
    Dfppa,
    Cookies,
}

/// What a need finds in a configuration.
struct Finding {
    current: String,
    /// Ok, Differs (`meet` changes it) or Info (shown, never changed).
    verdict: Verdict,
    notes: Vec<String>,
    advice: Option<String>,
}

/// One need on the SDK configuration: how it is judged and met, and where IT changes it by hand.
struct Need {
    name: &'static str,
    section: Section,
    needed: fn(&Needs) -> String,
    dashboard: fn(&Needs) -> String,
    judge: fn(&B2bSdkConfig, &Needs) -> Finding,
    /// Changes the configuration so that `judge` finds it ok, touching only its own section and
    /// never removing anything another app may use. Called only when `judge` finds it differs.
    meet: fn(&mut B2bSdkConfig, &Needs),
}

fn on_off(v: Option<bool>) -> &'static str {
    if v == Some(true) {
        "on"
    } else {
        "off"
    }
}

fn met(ok: bool) -> Verdict {
    if ok {
        Verdict::Ok
    } else {
        Verdict::Differs
    }
}

fn switch(v: Option<bool>) -> Finding {
    Finding {
        current: on_off(v).into(),
        verdict: met(v == Some(true)),
        notes: Vec::new(),
        advice: None,
    }
}

/// The needs on the SDK configuration, in the order the dashboard shows them.
fn sdk_needs() -> [Need; 8] {
    [
        Need {
            name: "SDK enabled",
            section: Section::Basic,
            needed: |_| "on".into(),
            // `basic.enabled`: "whether the B2B project SDK is enabled" (stytch-management-go).
            dashboard: |_| format!("{} → {}: turn on", SDK_PAGE, ENABLE_SDK.label),
            judge: |c, _| switch(c.basic.as_ref().and_then(|b| b.enabled)),
            meet: |c, _| c.basic.get_or_insert_with(Default::default).enabled = Some(true),
        },
        Need {
            name: "App identifier authorized",
            section: Section::Basic,
            needed: |n| format!("bundle IDs include {}", n.app_identifier),
            // "adding your app's bundle ID under Authorized applications" (stytch-ios README).
            dashboard: |n| {
                format!(
                    "{} → {}: add {}",
                    SDK_PAGE, AUTHORIZED_APPS.label, n.app_identifier
                )
            },
            judge: |c, n| {
                let ids = c
                    .basic
                    .as_ref()
                    .and_then(|b| b.bundle_ids.as_deref())
                    .unwrap_or_default();
                Finding {
                    current: if ids.is_empty() {
                        "no bundle IDs".into()
                    } else {
                        format!("bundle IDs {}", ids.join(", "))
                    },
                    verdict: met(ids.contains(&n.app_identifier)),
                    notes: vec![format!(
                        "{} is this build's identifier (tauri.conf.json); a company that builds \
                         Gatehouse under its own identifier authorizes that one (--app-identifier).",
                        n.app_identifier
                    )],
                    advice: None,
                }
            },
            meet: |c, n| {
                let ids = c
                    .basic
                    .get_or_insert_with(Default::default)
                    .bundle_ids
                    .get_or_insert_with(Vec::new);
                if !ids.contains(&n.app_identifier) {
                    ids.push(n.app_identifier.clone());
                }
            },
        },
        Need {
            name: "Email magic links",
            section: Section::MagicLinks,
            needed: |_| "on".into(),
            // Docs `api/errors/401`, endpoint_not_authorized_for_sdk: "toggle on the corresponding
            // Enabled methods".
            dashboard: |_| {
                format!(
                    "{} → {}: turn on (and Require PKCE)",
                    SDK_PAGE, EMAIL_MAGIC_LINKS.label
                )
            },
            judge: |c, _| {
                let links = c.magic_links.as_ref();
                let pkce = links.and_then(|m| m.pkce_required);
                let mut finding = switch(links.and_then(|m| m.enabled));
                finding.current = format!("{}, PKCE required {}", finding.current, on_off(pkce));
                // PKCE "prevents a malicious app from intercepting a redirect and authenticating
                // with the user's token" (stytch-management-go `B2BMagicLinksConfig`).
                if pkce != Some(true) {
                    finding.advice = Some(
                        "Recommended, not required: turn on Require PKCE. Gatehouse always sends \
                         a PKCE challenge, so a link started anywhere else is refused."
                            .into(),
                    );
                }
                finding
            },
            meet: |c, _| c.magic_links.get_or_insert_with(Default::default).enabled = Some(true),
        },
        Need {
            name: "SMS codes",
            section: Section::Otps,
            // `otps.sms_enabled`: "whether the SMS OTP endpoints are enabled in the SDK"
            // (stytch-management-go `pkg/models/sdk/types.go`).
            needed: |_| "on".into(),
            dashboard: |_| format!("{} → {}: turn on", SDK_PAGE, SMS_OTP.label),
            judge: |c, _| switch(c.otps.as_ref().and_then(|o| o.sms_enabled)),
            meet: |c, _| c.otps.get_or_insert_with(Default::default).sms_enabled = Some(true),
        },
        Need {
            name: "Authenticator apps",
            section: Section::Totps,
            // `totps.enabled` and `totps.create_totps`, "whether TOTP creation is enabled in the
            // SDK" (stytch-management-go `pkg/models/sdk/types.go`): two switches.
            needed: |_| "TOTP on, Create TOTPs on".into(),
            dashboard: |_| {
                format!(
                    "{} → {} and {}: turn on both",
                    SDK_PAGE, TOTP.label, CREATE_TOTPS.label
                )
            },
            judge: |c, _| {
                let totps = c.totps.as_ref();
                let (enabled, create) = (
                    totps.and_then(|t| t.enabled),
                    totps.and_then(|t| t.create_totps),
                );
                Finding {
                    current: format!("TOTP {}, Create TOTPs {}", on_off(enabled), on_off(create)),
                    verdict: met(enabled == Some(true) && create == Some(true)),
                    notes: vec!["Only needed if the organization allows authenticator apps \
                         (gatehouse-admin --organization ORG mfa-methods)."
                        .into()],
                    advice: None,
                }
            },
            meet: |c, _| {
                let totps = c.totps.get_or_insert_with(Default::default);
                totps.enabled = Some(true);
                totps.create_totps = Some(true);
            },
        },
        Need {
            name: "Maximum session duration",
            section: Section::Sessions,
            // `sessions.max_session_duration_minutes`, "the maximum session duration that can be
            // created in minutes" (stytch-management-go `pkg/models/sdk/types.go`).
            needed: |n| format!("at least {} minutes", n.session_minutes),
            dashboard: |n| {
                format!(
                    "{} → {}: set it to at least {} minutes",
                    SDK_PAGE, MAX_SESSION.label, n.session_minutes
                )
            },
            judge: |c, n| {
                // "… may not exceed the maximum session duration … set in the SDK Configuration
                // page" (stytch-browser `packages/core/src/public/common.ts`).
                let max = c
                    .sessions
                    .as_ref()
                    .and_then(|s| s.max_session_duration_minutes)
                    .filter(|&m| m > 0);
                let notes = vec![format!(
                    "{} minutes is --session-minutes: it must be at least [session] \
                     duration_minutes of /etc/gatehouse/config.toml (60 when unset).",
                    n.session_minutes
                )];
                match max {
                    // Unset, Stytch's own cap applies: Stytch does not publish it, and neither
                    // stytch-management-go nor terraform-provider-stytch's `b2b_sdk_config` gives
                    // a default. Setting one could shorten the sessions of every other app of the
                    // project, so it is shown and left alone.
                    None => Finding {
                        current: format!(
                            "not set at Stytch: Stytch's own limit applies (unpublished); if \
                             sign-in then says the session is too long, set it to at least {} \
                             minutes",
                            n.session_minutes
                        ),
                        verdict: Verdict::Info,
                        notes,
                        advice: None,
                    },
                    // Set below what Gatehouse asks for: IT asks for it, raised.
                    Some(m) => Finding {
                        current: format!("{m} minutes"),
                        verdict: met(m >= n.session_minutes),
                        notes,
                        advice: None,
                    },
                }
            },
            meet: |c, n| {
                c.sessions
                    .get_or_insert_with(Default::default)
                    .max_session_duration_minutes = Some(n.session_minutes)
            },
        },
        Need {
            name: "HttpOnly cookies",
            section: Section::Cookies,
            // `cookies.http_only`; ENFORCED omits the tokens from SDK answers (see
            // [`HttpOnly`]).
            needed: |_| "DISABLED or ENABLED, not ENFORCED".into(),
            dashboard: |_| {
                format!(
                    "{} → {}: Enabled or Disabled, not Enforced",
                    SDK_PAGE, HTTP_ONLY.label
                )
            },
            judge: |c, _| {
                let http_only = c.cookies.as_ref().and_then(|k| k.http_only.clone());
                Finding {
                    current: http_only
                        .as_ref()
                        .map_or("not set (DISABLED)".into(), |h| h.to_string()),
                    verdict: met(http_only != Some(HttpOnly::Enforced)),
                    notes: vec![
                        "Enforced, Stytch leaves the session token out of its answers, and a \
                         desktop app must keep it."
                            .into(),
                    ],
                    advice: None,
                }
            },
            // ENABLED, not DISABLED: the project had a custom domain (ENFORCED needs one), so web
            // apps keep their HttpOnly cookies; only the blocking goes.
            meet: |c, _| {
                c.cookies.get_or_insert_with(Default::default).http_only = Some(HttpOnly::Enabled)
            },
        },
        Need {
            name: "Device fingerprinting",
            section: Section::Dfppa,
            // `dfppa`, "the Device Fingerprinting Protected Auth configuration", `on_challenge`
            // "the action to take when a DFPPA 'challenge' verdict is returned"
            // (stytch-management-go `pkg/models/sdk/types.go`); the browser SDK answers a
            // challenge with a captcha (stytch-browser `packages/core`), which Gatehouse cannot.
            needed: |_| "DISABLED, PASSIVE, or ENABLED with on challenge ALLOW".into(),
            dashboard: |_| {
                format!(
                    "{} → {}: Disabled (or Passive)",
                    SDK_PAGE, FINGERPRINTING.label
                )
            },
            judge: |c, _| {
                let dfppa = c.dfppa.as_ref();
                let enabled = dfppa.and_then(|d| d.enabled.clone());
                let on_challenge = dfppa.and_then(|d| d.on_challenge.clone());
                let current = match (&enabled, &on_challenge) {
                    (None, _) => "not set (DISABLED)".into(),
                    (Some(e), None) => e.to_string(),
                    (Some(e), Some(a)) => format!("{e}, on challenge {a}"),
                };
                Finding {
                    current,
                    // A challenge Gatehouse cannot answer: a captcha, or a refusal. An action this
                    // tool does not know counts as one.
                    verdict: met(enabled != Some(DfppaSetting::Enabled)
                        || on_challenge == Some(DfppaOnChallenge::Allow)),
                    notes: vec!["Gatehouse cannot show a captcha.".into()],
                    advice: None,
                }
            },
            meet: |c, _| {
                c.dfppa.get_or_insert_with(Default::default).enabled = Some(DfppaSetting::Disabled)
            },
        },
    ]
}

fn item(need: &Need, needs: &Needs, finding: Finding) -> Item {
    Item {
        name: need.name,
        current: finding.current,
        // An item shown and never changed says what it would take in its value.
        needed: match finding.verdict {
            Verdict::Info => String::new(),
            _ => (need.needed)(needs),
        },
        verdict: finding.verdict,
        notes: finding.notes,
        advice: finding.advice,
        dashboard: (need.dashboard)(needs),
    }
}

/// The SDK configuration's items.
pub fn sdk_items(config: &B2bSdkConfig, needs: &Needs) -> Vec<Item> {
    sdk_needs()
        .iter()
        .map(|need| item(need, needs, (need.judge)(config, needs)))
        .collect()
}

/// The SDK configuration's items when it could not be read: what is needed, and where.
pub fn sdk_items_unread(needs: &Needs, why: &str) -> Vec<Item> {
    sdk_needs()
        .iter()
        .map(|need| {
            item(
                need,
                needs,
                Finding {
                    current: format!("could not be read ({why})"),
                    verdict: Verdict::Unread,
                    notes: Vec::new(),
                    advice: None,
                },
            )
        })
        .collect()
}

/// The smallest `PUT …/sdk/b2b` body that meets every need that differs (an Info item is never
/// changed): only the sections that change, each whole as read (its other fields, known or not,
/// unchanged). `None` when nothing differs.
pub fn sdk_patch(config: &B2bSdkConfig, needs: &Needs) -> Option<B2bSdkConfig> {
    let mut met = config.clone();
    let mut touched = Vec::new();
    for need in sdk_needs().iter() {
        if (need.judge)(config, needs).verdict == Verdict::Differs {
            (need.meet)(&mut met, needs);
            touched.push(need.section);
        }
    }
    if touched.is_empty() {
        return None;
    }
    let take = |section: Section| touched.contains(&section);
    Some(B2bSdkConfig {
        basic: met.basic.filter(|_| take(Section::Basic)),
        sessions: met.sessions.filter(|_| take(Section::Sessions)),
        magic_links: met.magic_links.filter(|_| take(Section::MagicLinks)),
        totps: met.totps.filter(|_| take(Section::Totps)),
        otps: met.otps.filter(|_| take(Section::Otps)),
        dfppa: met.dfppa.filter(|_| take(Section::Dfppa)),
        cookies: met.cookies.filter(|_| take(Section::Cookies)),
        other: Default::default(),
    })
}

/// The types Gatehouse's redirect URL must be valid for: a magic link is a login for a member and
/// a sign-up for someone the organization provisions on the way (Gatehouse sends both
/// `login_redirect_url` and `signup_redirect_url`, `stytch-b2b` `api/magic_links.rs`); Stytch
/// validates each type by exact match (docs `b2b/api/url-validation`).
const REDIRECT_TYPES: [RedirectType; 2] = [RedirectType::Login, RedirectType::Signup];

const NAME_REDIRECT: &str = "Redirect URL";

fn redirect_needed(needs: &Needs) -> String {
    format!("{} for LOGIN and SIGNUP", needs.redirect_url)
}

/// Docs `b2b/guides/passwords/api`: "click + Create redirect URL and provide a URL and set the
/// Type"; the types are Login, Sign-up, Invite, Reset password (docs
/// `workspace-management/redirect-urls`).
fn redirect_dashboard(needs: &Needs) -> String {
    format!(
        "{} → + Create redirect URL (or edit it): {} with the types Login and Sign-up",
        REDIRECT_URLS_PAGE, needs.redirect_url
    )
}

/// A change to the redirect URLs that registers Gatehouse's.
#[derive(Debug, Clone, PartialEq)]
pub enum RedirectChange {
    /// The URL is not registered: create it with these types.
    Create(Vec<UrlType>),
    /// The URL lacks a type: its full new list, the types it had first, unchanged.
    Update(Vec<UrlType>),
}

fn gatehouse_url<'a>(urls: &'a [RedirectUrl], needs: &Needs) -> Option<&'a RedirectUrl> {
    urls.iter().find(|u| u.url == needs.redirect_url)
}

/// The redirect URL's item.
pub fn redirect_item(urls: &[RedirectUrl], needs: &Needs) -> Item {
    let found = gatehouse_url(urls, needs);
    let (current, ok) = match found {
        None => ("not registered".to_owned(), false),
        Some(u) => {
            let types: Vec<&str> = u.valid_types.iter().map(|t| t.kind.as_str()).collect();
            let has = |kind: &RedirectType| u.valid_types.iter().any(|t| &t.kind == kind);
            (
                if types.is_empty() {
                    "registered with no type".into()
                } else {
                    format!("registered for {}", types.join(", "))
                },
                REDIRECT_TYPES.iter().all(has),
            )
        }
    };
    Item {
        name: NAME_REDIRECT,
        current,
        needed: redirect_needed(needs),
        verdict: if ok { Verdict::Ok } else { Verdict::Differs },
        notes: Vec::new(),
        advice: None,
        dashboard: redirect_dashboard(needs),
    }
}

/// The redirect URL's item when the list could not be read.
pub fn redirect_item_unread(needs: &Needs, why: &str) -> Item {
    Item {
        name: NAME_REDIRECT,
        current: format!("could not be read ({why})"),
        needed: redirect_needed(needs),
        verdict: Verdict::Unread,
        notes: Vec::new(),
        advice: None,
        dashboard: redirect_dashboard(needs),
    }
}

/// What registers Gatehouse's redirect URL for both types; `None` when it is.
pub fn redirect_change(urls: &[RedirectUrl], needs: &Needs) -> Option<RedirectChange> {
    match gatehouse_url(urls, needs) {
        None => Some(RedirectChange::Create(
            REDIRECT_TYPES
                .iter()
                .cloned()
                .map(UrlType::not_default)
                .collect(),
        )),
        Some(u) => {
            let missing: Vec<UrlType> = REDIRECT_TYPES
                .iter()
                .filter(|kind| !u.valid_types.iter().any(|t| &t.kind == *kind))
                .cloned()
                .map(UrlType::not_default)
                .collect();
            (!missing.is_empty()).then(|| {
                RedirectChange::Update(u.valid_types.iter().cloned().chain(missing).collect())
            })
        }
    }
}

/// Member locks are "configurable at the project level via the dashboard" (Stytch docs
/// `resources/platform/user-locks`), where [`MEMBER_LOCKS`] says; the Management API reads them
/// from the environment's `user_lock_*` fields (stytch-management-go
/// `pkg/models/environments/types.go`).
const NAME_LOCK: &str = "Member lock";

const LOCK_NOTE: &str = "Informational: Gatehouse shows the lock time Stytch reports.";

/// The member lock: shown, never changed.
pub fn member_lock_item(lock: &MemberLock) -> Item {
    let threshold = lock.threshold();
    let self_serve = match lock.user_lock_self_serve_enabled {
        Some(true) => ", with an unlock email",
        _ => "",
    };
    Item {
        name: NAME_LOCK,
        current: format!(
            "{threshold} failed attempts lock a member for {}{self_serve}",
            duration_words(lock.ttl_seconds())
        ),
        // Gatehouse works with any lock.
        needed: String::new(),
        verdict: Verdict::Info,
        notes: vec![LOCK_NOTE.into()],
        advice: None,
        dashboard: MEMBER_LOCKS.into(),
    }
}

/// The member lock when the environment could not be read.
pub fn member_lock_item_unread(why: &str) -> Item {
    Item {
        name: NAME_LOCK,
        current: format!("could not be read ({why})"),
        // Gatehouse works with any lock.
        needed: String::new(),
        verdict: Verdict::Unread,
        notes: vec![LOCK_NOTE.into()],
        advice: None,
        dashboard: MEMBER_LOCKS.into(),
    }
}

/// "1 hour", "30 minutes", "7 days", "90 seconds".
fn duration_words(seconds: u32) -> String {
    let plural = |n: u32, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match seconds {
        s if s > 0 && s % 86_400 == 0 => plural(s / 86_400, "day"),
        s if s > 0 && s % 3_600 == 0 => plural(s / 3_600, "hour"),
        s if s > 0 && s % 60 == 0 => plural(s / 60, "minute"),
        s => plural(s, "second"),
    }
}

#[cfg(test)]
mod tests;
