//! Second factors as data: which one is under way, what the machine remembers about it, and
//! which others the member could switch to. See the crate docs for how a factor is added.

use serde::Serialize;
use stytch_b2b::{MemberOptions, E164};
use time::OffsetDateTime;
use ts_rs::TS;

/// A second factor a member may use, as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
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
pub const SUPPORTED: &[FactorKind] = &[FactorKind::Sms];

/// The second factor under way and what it needs.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    /// The member has no factor yet: they enrol a phone.
    EnrollPhone,
    /// An SMS code is on its way or has arrived.
    Sms {
        /// `••• 1234`.
        masked_phone: String,
        /// The number the member entered (enrolment); `None` when Stytch has one on file.
        phone: Option<E164>,
        sent_at: OffsetDateTime,
    },
}

impl Step {
    /// The factor this step completes.
    pub(crate) fn kind(&self) -> FactorKind {
        match self {
            Step::EnrollPhone | Step::Sms { .. } => FactorKind::Sms,
        }
    }
}

/// The factors a member has, from Stytch's `mfa_required.member_options` (a phone, an
/// authenticator registration), limited to what this build supports.
pub(crate) fn factors_of(options: Option<&MemberOptions>, phone_on_file: bool) -> Vec<FactorKind> {
    let mut kinds = Vec::new();
    if phone_on_file {
        kinds.push(FactorKind::Sms);
    }
    if options.is_some_and(|o| o.totp_registration_id.is_some()) {
        kinds.push(FactorKind::Totp);
    }
    kinds.retain(|k| SUPPORTED.contains(k));
    kinds
}

/// The member's factors other than the one under way.
pub(crate) fn alternatives(all: &[FactorKind], current: FactorKind) -> Vec<FactorKind> {
    all.iter().copied().filter(|k| *k != current).collect()
}
