//! Second factors as data: which one is under way, what the machine remembers about it, and
//! which others the member could switch to. See the crate docs for how a factor is added.

use serde::{Deserialize, Serialize};
use stytch_b2b::{
    MemberOptions, MfaMethod, MfaMethods, Organization, RecoveryCode, TotpQrCode, TotpSecret, E164,
};
use time::OffsetDateTime;
use ts_rs::TS;

use crate::stytch_facts::SMS_CODE_LIFETIME;

/// A second factor a member may use, as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FactorKind {
    /// A code by SMS to the member's phone.
    Sms,
    /// A code from an authenticator app (TOTP).
    Totp,
    /// A single-use recovery code.
    RecoveryCode,
}

/// The factors this build can complete. A factor Stytch offers but that is not listed here is
/// never offered to the member.
pub const SUPPORTED: &[FactorKind] = &[FactorKind::Sms, FactorKind::Totp, FactorKind::RecoveryCode];

/// The second factor under way and what it needs.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    /// The member has no factor yet and the organization allows more than one kind: they choose.
    Choose,
    /// The member has no factor yet: they enrol a phone.
    EnrollPhone,
    /// The member sets up an authenticator app: the QR code and setup key are on screen, the
    /// first code confirms it, and the recovery codes are shown once after that.
    EnrollTotp(TotpEnrolment),
    /// The SMS code: sent, or not (being sent, or the send failed: no code to wait for).
    Sms {
        /// `••• 1234`.
        masked_phone: String,
        /// The number the member entered (enrolment); `None` when Stytch has one on file.
        phone: Option<E164>,
        /// The code Stytch accepted to send; `None` until a send succeeds.
        code: Option<SentCode>,
    },
    /// A code from the member's authenticator app.
    Totp,
    /// One of the member's recovery codes.
    RecoveryCode,
}

/// An SMS code Stytch accepted to send: when, and until when it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SentCode {
    pub sent_at: OffsetDateTime,
    /// [`SMS_CODE_LIFETIME`] after it was sent, or sooner when Stytch says it expired.
    pub expires_at: OffsetDateTime,
}

impl SentCode {
    pub(crate) fn sent(at: OffsetDateTime) -> SentCode {
        SentCode {
            sent_at: at,
            expires_at: at + SMS_CODE_LIFETIME,
        }
    }

    /// When a new code may be asked for: [`SMS_RESEND_COOLDOWN`] after this one was sent, so an
    /// impatient resend does not kill a code still on its way — or as soon as it has expired
    /// (Stytch may say so sooner, when the clocks differ).
    pub(crate) fn resend_at(&self) -> OffsetDateTime {
        (self.sent_at + SMS_RESEND_COOLDOWN).min(self.expires_at)
    }
}

/// How long after a send "Send a new code" waits: Gatehouse's choice, as for the email link
/// (an SMS can take that long to arrive, and a new code kills the one on its way).
pub const SMS_RESEND_COOLDOWN: std::time::Duration = std::time::Duration::from_secs(30);

/// A new authenticator registration, from Stytch's `totp` create: what the person needs to add it
/// to their app, and the recovery codes that come with it.
#[derive(Debug, Clone)]
pub(crate) struct TotpEnrolment {
    pub qr_code: TotpQrCode,
    pub secret: TotpSecret,
    pub recovery_codes: Vec<RecoveryCode>,
}

impl Step {
    /// The factor this step completes (`None` while the member chooses).
    pub(crate) fn kind(&self) -> Option<FactorKind> {
        match self {
            Step::Choose => None,
            Step::EnrollPhone | Step::Sms { .. } => Some(FactorKind::Sms),
            Step::EnrollTotp(_) | Step::Totp => Some(FactorKind::Totp),
            Step::RecoveryCode => Some(FactorKind::RecoveryCode),
        }
    }

    pub(crate) fn is_enrolment(&self) -> bool {
        matches!(self, Step::Choose | Step::EnrollPhone | Step::EnrollTotp(_))
    }
}

/// The second factors the organization lets its members use: its `mfa_methods` and, when that is
/// `RESTRICTED`, its `allowed_mfa_methods` (Stytch: stytch-node `lib/b2b/organizations.ts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Allowed {
    pub sms: bool,
    pub totp: bool,
}

impl Allowed {
    pub(crate) fn of(organization: &Organization) -> Self {
        match organization.mfa_methods {
            Some(MfaMethods::Restricted) => Self {
                sms: organization
                    .allowed_mfa_methods
                    .contains(&MfaMethod::SmsOtp),
                totp: organization.allowed_mfa_methods.contains(&MfaMethod::Totp),
            },
            _ => Self {
                sms: true,
                totp: true,
            },
        }
    }

    /// What a member without a factor may enrol, in the order offered.
    pub(crate) fn enrolments(self) -> Vec<FactorKind> {
        let mut kinds = Vec::new();
        if self.sms {
            kinds.push(FactorKind::Sms);
        }
        if self.totp {
            kinds.push(FactorKind::Totp);
        }
        kinds
    }
}

/// The factors a member has, from Stytch's `mfa_required.member_options` (a phone, an
/// authenticator registration, whose recovery codes come with it), limited to what the
/// organization allows and this build supports.
pub(crate) fn factors_of(
    options: Option<&MemberOptions>,
    phone_on_file: bool,
    allowed: Allowed,
) -> Vec<FactorKind> {
    let mut kinds = Vec::new();
    if phone_on_file && allowed.sms {
        kinds.push(FactorKind::Sms);
    }
    if allowed.totp && options.is_some_and(|o| o.totp_registration_id.is_some()) {
        kinds.push(FactorKind::Totp);
        kinds.push(FactorKind::RecoveryCode);
    }
    kinds.retain(|k| SUPPORTED.contains(k));
    kinds
}

/// What the member could switch to from `step`: their other factors, or — while enrolling — the
/// other kinds the organization lets them enrol.
pub(crate) fn alternatives(
    all: &[FactorKind],
    enrolments: &[FactorKind],
    step: &Step,
) -> Vec<FactorKind> {
    let current = step.kind();
    let pool = if step.is_enrolment() { enrolments } else { all };
    match step {
        Step::Choose => Vec::new(),
        _ => pool
            .iter()
            .copied()
            .filter(|k| Some(*k) != current)
            .collect(),
    }
}
