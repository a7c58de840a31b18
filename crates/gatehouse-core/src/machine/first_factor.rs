//! Which second factor comes first after the email link: a pure function of Stytch's answer (the
//! member's factors and default, the organization's allowed methods, whether Stytch already sent
//! the SMS) and the time, so the whole decision is one table of tests.

use stytch_b2b::{EmailAddress, MagicLinksAuthenticateResponse, MfaMethod, SecondaryAuthInitiated};
use time::OffsetDateTime;

use crate::factor::{factors_of, Allowed, FactorKind, SentCode, Step};
use crate::notices;
use crate::stytch_facts::INTERMEDIATE_SESSION_LIFETIME;
use crate::view::{mask_phone, Notice};

use super::second_factor::{SendReason, Then};
use super::state::{Mfa, NewSession};

/// What follows a link Stytch accepted.
pub(crate) enum FirstFactor {
    /// No second factor required: the link alone minted the session.
    SignedIn(NewSession),
    /// A second factor: its step, and the call that follows (an SMS to send, an authenticator
    /// registration to create).
    SecondFactor { mfa: Mfa, step: Step, then: Then },
    /// Nothing Gatehouse can finish: another primary factor, no allowed factor, a strange answer.
    Refused(Notice),
}

/// The decision for `answer` to the link `email` asked for, at `now`.
pub(crate) fn decide(
    answer: &MagicLinksAuthenticateResponse,
    email: EmailAddress,
    now: OffsetDateTime,
) -> FirstFactor {
    if answer.member_authenticated {
        match NewSession::from_answer(
            &answer.member,
            answer.session_token.clone(),
            answer.member_session.clone(),
            answer.session_jwt.clone(),
        ) {
            Ok(session) => return FirstFactor::SignedIn(session),
            // Accepted, but the session token left out: the project's HttpOnly cookies are
            // Enforced (stytch-browser `public/typeConfig.ts`).
            Err(None) => return FirstFactor::Refused(notices::tokens_hidden()),
            Err(Some(_)) => {}
        }
    }
    let (Some(mfa_required), Some(ist)) = (
        &answer.mfa_required,
        answer.intermediate_session_token.clone(),
    ) else {
        return FirstFactor::Refused(match (&answer.primary_required, &answer.mfa_required) {
            (Some(_), _) => notices::primary_required(),
            // MFA is required but the intermediate session was left out: HttpOnly Enforced.
            (None, Some(_)) => notices::tokens_hidden(),
            (None, None) => notices::unexpected_answer(),
        });
    };
    // A locked member cannot pass any second factor: say so, until when Stytch says, before a
    // code is sent that could not be used.
    if answer.member.is_locked {
        tracing::info!("the member is locked");
        return FirstFactor::Refused(notices::member_locked(answer.member.lock_expires_at));
    }
    let phone_on_file = mfa_required
        .member_options
        .as_ref()
        .and_then(|o| o.mfa_phone_number.clone())
        .or_else(|| {
            answer
                .member
                .mfa_phone_number
                .clone()
                .filter(|p| !p.is_empty())
        });
    let allowed = Allowed::of(&answer.organization);
    let auto_sent = matches!(
        mfa_required.secondary_auth_initiated,
        Some(SecondaryAuthInitiated::SmsOtp)
    );
    let mut mfa = Mfa {
        email,
        organization_id: answer.organization_id.clone(),
        member_id: answer.member_id.clone(),
        ist,
        ist_expires_at: now + INTERMEDIATE_SESSION_LIFETIME,
        factors: factors_of(
            mfa_required.member_options.as_ref(),
            phone_on_file.is_some(),
            allowed,
        ),
        enrolments: allowed.enrolments(),
        masked_phone: phone_on_file.as_deref().map(mask_phone),
        sms_sent_at: auto_sent.then_some(now),
        wrong_codes: 0,
    };
    // The member's default factor first: an authenticator app when that is their default (or
    // their only factor), else SMS. Stytch may have sent the SMS already.
    let has = |kind| mfa.factors.contains(&kind);
    let totp_first = has(FactorKind::Totp)
        && (answer.member.default_mfa_method == Some(MfaMethod::Totp) || !has(FactorKind::Sms));
    let (step, then) = if auto_sent {
        tracing::info!("MFA required; Stytch already sent the SMS code");
        // Stytch sent it: the phone exists, whatever the options said.
        if !has(FactorKind::Sms) {
            mfa.factors.insert(0, FactorKind::Sms);
        }
        (Step::sms_on_file(&mfa, Some(now)), Then::Nothing)
    } else if totp_first {
        tracing::info!("MFA required; the member's authenticator app");
        (Step::Totp, Then::Nothing)
    } else if has(FactorKind::Sms) {
        tracing::info!("MFA required; sending the SMS code");
        (
            Step::sms_on_file(&mfa, None),
            Then::SendSms(SendReason::AfterLink),
        )
    } else {
        match mfa.enrolments.as_slice() {
            [FactorKind::Sms] => {
                tracing::info!("MFA required; the member has no factor yet: a phone");
                (Step::EnrollPhone, Then::Nothing)
            }
            [FactorKind::Totp] => {
                tracing::info!("MFA required; the member has no factor yet: an app");
                (Step::Choose, Then::CreateTotp)
            }
            [] => return FirstFactor::Refused(notices::no_factor_allowed()),
            _ => {
                tracing::info!("MFA required; the member has no factor yet: choosing");
                (Step::Choose, Then::Nothing)
            }
        }
    };
    FirstFactor::SecondFactor { mfa, step, then }
}

impl Step {
    /// The SMS code step for the phone on file, its code sent at `sent_at` (`None`: not yet).
    pub(crate) fn sms_on_file(mfa: &Mfa, sent_at: Option<OffsetDateTime>) -> Step {
        Step::Sms {
            masked_phone: mfa.masked_phone.clone().unwrap_or_else(|| mask_phone("")),
            phone: None,
            code: sent_at.map(SentCode::sent),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const ORG: &str = "organization-test-1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b";
    const MEMBER: &str = "member-test-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    /// Stytch's answer to the link for a member with `member` fields, an organization allowing
    /// `allowed` (`None`: every method), and `mfa` as `mfa_required` (`Value::Null`: none).
    fn answer(
        member: Value,
        allowed: Option<&[&str]>,
        mfa: Value,
    ) -> MagicLinksAuthenticateResponse {
        let mut m = json!({
            "organization_id": ORG, "member_id": MEMBER, "email_address": "ada@example.com",
            "status": "active",
        });
        m.as_object_mut()
            .unwrap()
            .extend(member.as_object().unwrap().clone());
        let mut organization = json!({
            "organization_id": ORG, "organization_name": "Example Org",
            "organization_slug": "example-org", "mfa_policy": "REQUIRED_FOR_ALL",
        });
        if let Some(allowed) = allowed {
            organization["mfa_methods"] = json!("RESTRICTED");
            organization["allowed_mfa_methods"] = json!(allowed);
        }
        let body = json!({
            "member_id": MEMBER, "organization_id": ORG, "member": m,
            "organization": organization, "member_authenticated": false,
            "intermediate_session_token": "ist-test-abc", "mfa_required": mfa,
        });
        serde_json::from_value(body).unwrap()
    }

    fn now() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
    }

    /// The decision in words: `step then` and the factors offered, or `refused <code>`.
    fn decided(answer: &MagicLinksAuthenticateResponse) -> String {
        let email = EmailAddress::parse("ada@example.com").unwrap();
        match decide(answer, email, now()) {
            FirstFactor::SignedIn(_) => "signed in".into(),
            FirstFactor::Refused(notice) => format!("refused {:?}", notice.code),
            FirstFactor::SecondFactor { mfa, step, then } => {
                assert_eq!(mfa.ist_expires_at, now() + INTERMEDIATE_SESSION_LIFETIME);
                let step = match step {
                    Step::Choose => "choose",
                    Step::EnrollPhone => "enroll_phone",
                    Step::EnrollTotp(_) => "enroll_totp",
                    Step::Sms { .. } => "sms",
                    Step::Totp => "totp",
                    Step::RecoveryCode => "recovery_code",
                };
                let then = match then {
                    Then::Nothing => "",
                    Then::SendSms(_) => " +send",
                    Then::CreateTotp => " +create_totp",
                };
                format!("{step}{then} {:?}", mfa.factors)
            }
        }
    }

    /// A case: its name, the member's fields, the allowed methods, `mfa_required`, the decision.
    type Case<'a> = (&'a str, Value, Option<&'a [&'a str]>, Value, &'a str);

    #[test]
    fn the_first_second_factor_follows_the_member_the_organization_and_stytch() {
        let phone = json!({"member_options": {"mfa_phone_number": "XXXXXXX0123"}});
        let app = json!({"member_options": {"totp_registration_id": "member-totp-test-1"}});
        let both = json!({"member_options": {"mfa_phone_number": "XXXXXXX0123", "totp_registration_id": "member-totp-test-1"}});
        let sent = json!({"member_options": {"mfa_phone_number": "XXXXXXX0123"}, "secondary_auth_initiated": "sms_otp"});
        let none = json!({"member_options": null});
        let totp_default = json!({"default_mfa_method": "totp"});
        let table: &[Case] = &[
            (
                "a phone: send the code",
                json!({}),
                None,
                phone.clone(),
                "sms +send [Sms]",
            ),
            (
                "Stytch sent it: show the code screen",
                json!({}),
                None,
                sent.clone(),
                "sms [Sms]",
            ),
            (
                "sent, though the options named no phone",
                json!({}),
                None,
                json!({"secondary_auth_initiated": "sms_otp"}),
                "sms [Sms]",
            ),
            (
                "an app only",
                json!({}),
                None,
                app.clone(),
                "totp [Totp, RecoveryCode]",
            ),
            (
                "both, SMS by default",
                json!({}),
                None,
                both.clone(),
                "sms +send [Sms, Totp, RecoveryCode]",
            ),
            (
                "both, the app by default",
                totp_default.clone(),
                None,
                both.clone(),
                "totp [Sms, Totp, RecoveryCode]",
            ),
            (
                "both, SMS not allowed",
                json!({}),
                Some(&["totp"]),
                both.clone(),
                "totp [Totp, RecoveryCode]",
            ),
            (
                "both, the app not allowed",
                totp_default,
                Some(&["sms_otp"]),
                both,
                "sms +send [Sms]",
            ),
            (
                "the phone from the member when options lack it",
                json!({"mfa_phone_number": "+14155550123"}),
                None,
                none.clone(),
                "sms +send [Sms]",
            ),
            (
                "nothing yet, every method: choose",
                json!({}),
                None,
                none.clone(),
                "choose []",
            ),
            (
                "nothing yet, SMS only: a phone",
                json!({}),
                Some(&["sms_otp"]),
                none.clone(),
                "enroll_phone []",
            ),
            (
                "nothing yet, the app only: create it",
                json!({}),
                Some(&["totp"]),
                none.clone(),
                "choose +create_totp []",
            ),
            (
                "nothing yet, nothing allowed",
                json!({}),
                Some(&[]),
                none,
                "refused NoFactorAllowed",
            ),
            (
                "a phone, SMS not allowed, nothing else",
                json!({}),
                Some(&["totp"]),
                phone,
                "choose +create_totp []",
            ),
        ];
        for (case, member, allowed, mfa, expected) in table {
            let answer = answer(member.clone(), *allowed, mfa.clone());
            assert_eq!(decided(&answer), *expected, "{case}");
        }
    }

    #[test]
    fn an_answer_without_mfa_or_session_is_refused_in_words() {
        let mut answer = answer(json!({}), None, Value::Null);
        answer.intermediate_session_token = None;
        assert_eq!(decided(&answer), "refused Unexpected");
        answer.primary_required =
            serde_json::from_value(json!({"allowed_auth_methods": ["sso"]})).unwrap();
        assert_eq!(decided(&answer), "refused PrimaryRequired");
    }

    #[test]
    fn a_locked_member_is_told_until_when_stytch_says_before_any_code_is_sent() {
        let locked = json!({"is_locked": true, "lock_expires_at": "2027-01-15T08:05:00Z"});
        let phone = json!({"member_options": {"mfa_phone_number": "XXXXXXX0123"}});
        let answer = answer(locked, None, phone);
        let email = EmailAddress::parse("ada@example.com").unwrap();
        let FirstFactor::Refused(notice) = decide(&answer, email, now()) else {
            panic!("refused");
        };
        assert_eq!(notice.code, crate::notices::NoticeCode::MemberLocked);
        assert_eq!(
            notice.retry_at.as_deref(),
            Some("2027-01-15T08:05:00Z"),
            "Stytch's time, not a guess"
        );
    }

    #[test]
    fn tokens_left_out_of_the_answer_mean_httponly_is_enforced() {
        // Stytch sends `""` for a token it leaves out; the client reads it as none.
        let mut mfa = answer(json!({}), None, json!({"member_options": null}));
        mfa.intermediate_session_token = None;
        assert_eq!(decided(&mfa), "refused TokensHidden");
        let mut signed_in = answer(json!({}), None, Value::Null);
        signed_in.member_authenticated = true;
        signed_in.intermediate_session_token = None;
        assert_eq!(decided(&signed_in), "refused TokensHidden");
    }

    #[test]
    fn a_link_alone_signs_in_when_stytch_minted_a_session() {
        let mut answer = answer(json!({}), None, Value::Null);
        answer.member_authenticated = true;
        answer.session_token = Some(stytch_b2b::SessionToken::new(
            "session-token-test".to_owned(),
        ));
        // No session object: not a session, so not signed in (the answer is unexpected).
        assert_eq!(decided(&answer), "refused Unexpected");
        answer.member_session = serde_json::from_value(json!({
            "member_session_id": "member-session-test-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            "member_id": MEMBER, "organization_id": ORG,
            "started_at": "2027-01-15T08:00:00Z", "last_accessed_at": "2027-01-15T08:00:00Z",
            "expires_at": "2027-01-15T09:00:00Z",
        }))
        .unwrap();
        assert_eq!(decided(&answer), "signed in");
    }
}
