//! SMS one-time passcodes: send and authenticate, each proving the primary factor with an
//! intermediate session token or a session; member locks after failed codes.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Map};
use time::OffsetDateTime;

use super::checks::{checked_locale, some};
use super::mfa::{
    failed, reset_failures, set_default_method, unlocked_member, CodeAuthenticate, Proof,
};
use super::{member_json, obj, org_json, respond};
use crate::error::ApiResult;
use crate::extract::{Ctx, StytchJson};
use crate::facts::{self, ErrorKind};
use crate::ids;
use crate::model::{FactorKind, Member, Message, SmsCode};
use crate::wording;
use crate::world::{valid_e164, World};
use crate::Emulator;

#[derive(Deserialize)]
#[allow(dead_code)]
pub(super) struct SmsSend {
    organization_id: String,
    member_id: String,
    mfa_phone_number: Option<String>,
    locale: Option<String>,
    intermediate_session_token: Option<String>,
    session_token: Option<String>,
    session_jwt: Option<String>,
    enable_autofill: Option<bool>,
}

/// Sends a code to the member's phone on file, or links the given number to a member without
/// one (unverified until a code is authenticated). A different number than the one on file is
/// refused. A member who already has an MFA factor must prove the primary factor (IST/session).
pub(super) async fn sms_send(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<SmsSend>,
) -> ApiResult<Response> {
    let now = emu.now();
    let locale = checked_locale(&ctx, some(b.locale), facts::SMS_LOCALES)?;
    let proof = Proof::given(
        &ctx,
        b.intermediate_session_token,
        b.session_token,
        b.session_jwt,
    )?;
    let mut w = emu.world();
    let (org, member) =
        unlocked_member(&w, &ctx, &b.organization_id, &b.member_id, "sms_otp", now)?;
    match proof {
        Some(proof) => {
            proof.check(&w, &ctx, &emu, &member, now)?;
        }
        None if member.mfa_enrolled || member.mfa_phone_number_verified => {
            return Err(ctx.err(
                facts::INVALID_SESSION_MISSING_PRIMARY_FACTOR,
                "This member already has an MFA factor: pass the intermediate_session_token (or a session) proving the primary factor.",
            ));
        }
        None => {}
    }
    let phone = phone_to_send_to(&emu, &ctx, &member, some(b.mfa_phone_number))?;
    if !member.has_phone() {
        let m = w.member_mut(&member.member_id);
        m.mfa_phone_number = phone.clone();
        m.phone_id = ids::id("member-phone-number", ctx.live);
        m.mfa_phone_number_verified = false;
        m.updated_at = now;
    }
    send_sms_code(
        &mut w,
        ctx.live,
        &member.member_id,
        &phone,
        &org.organization_name,
        locale.as_deref(),
        now,
    );
    if ctx.sdk() {
        return Ok(respond(&ctx, Map::new()));
    }
    let member = &w.members[&member.member_id];
    Ok(respond(
        &ctx,
        obj(json!({
            "member_id": member.member_id,
            "member": member_json(member, now),
            "organization": org_json(&org),
        })),
    ))
}

/// Authenticates an SMS code against an IST (consumed: a session is minted with the email
/// factor then the SMS factor) or an existing session (the SMS factor is added).
pub(super) async fn sms_authenticate(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<CodeAuthenticate>,
) -> ApiResult<Response> {
    let now = emu.now();
    let (minutes, mut attempt) = b.begin(&emu, &ctx, "sms_otp", facts::SMS_CODE_DIGITS, now)?;
    let member_id = &attempt.member.member_id;
    let phone = redeem_code(&mut attempt.w, &ctx, member_id, &b.code, now)?;
    let m = attempt.w.member_mut(member_id);
    let enrollment = b.set_mfa_enrollment.as_deref();
    verify_phone(m, &ctx, &phone, enrollment, b.set_default_mfa, now);
    let kind = FactorKind::SmsOtp {
        phone_id: m.phone_id.clone(),
        phone_number: phone,
    };
    let claims = b.session_custom_claims.as_ref();
    let body = attempt.finish(&emu, &ctx, kind, minutes, claims);
    Ok(respond(&ctx, body))
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

/// A right code verifies its phone number and (unless `set_mfa_enrollment` is `unenroll`)
/// enrolls the member in SMS MFA, by default their default method; the member is unlocked.
fn verify_phone(
    m: &mut Member,
    ctx: &Ctx,
    phone: &str,
    set_mfa_enrollment: Option<&str>,
    set_default_mfa: Option<bool>,
    now: OffsetDateTime,
) {
    if m.phone_id.is_empty() {
        m.phone_id = ids::id("member-phone-number", ctx.live);
    }
    m.mfa_phone_number = phone.to_string();
    m.mfa_phone_number_verified = true;
    m.mfa_enrolled = set_mfa_enrollment != Some("unenroll");
    set_default_method(m, "sms_otp", set_default_mfa);
    reset_failures(m, now);
}

/// The number to send a code to: the one given (valid E.164, the one on file if there is one, in
/// a country SMS is enabled for) or the one on file.
fn phone_to_send_to(
    emu: &Emulator,
    ctx: &Ctx,
    member: &Member,
    given: Option<String>,
) -> ApiResult<String> {
    match given {
        Some(p) if !valid_e164(&p) => Err(ctx.err(
            facts::INVALID_PHONE_NUMBER,
            "mfa_phone_number is not a valid E.164 phone number, e.g. +14155551234.",
        )),
        Some(p) if member.has_phone() && p != member.mfa_phone_number => Err(ctx.err(
            facts::INVALID_PHONE_NUMBER,
            "mfa_phone_number does not match the member's phone number on file.",
        )),
        Some(p) => {
            let domestic = facts::DOMESTIC_SMS_PREFIXES
                .iter()
                .any(|c| p.starts_with(c));
            if !domestic && !emu.project().international_sms {
                return Err(ctx.err(
                    facts::INVALID_PHONE_NUMBER_COUNTRY_CODE,
                    "SMS to this country code is not enabled for the project.",
                ));
            }
            Ok(p)
        }
        None if member.has_phone() => Ok(member.mfa_phone_number.clone()),
        None => Err(ctx.err(
            facts::INVALID_PHONE_NUMBER,
            "mfa_phone_number is required: the member has no phone number on file.",
        )),
    }
}

/// Sends a new SMS code to `phone`; any earlier code of the member dies.
pub(super) fn send_sms_code(
    w: &mut World,
    live: bool,
    member_id: &str,
    phone: &str,
    org_name: &str,
    locale: Option<&str>,
    now: OffsetDateTime,
) {
    let code = ids::numeric_code(facts::SMS_CODE_DIGITS);
    let codes = w.sms_codes.entry(member_id.to_string()).or_default();
    codes.iter_mut().for_each(|c| c.dead = true);
    codes.push(SmsCode {
        code: code.clone(),
        phone_number: phone.to_string(),
        expires_at: now + facts::SMS_CODE_LIFETIME,
        dead: false,
    });
    if codes.len() > 32 {
        codes.remove(0);
    }
    w.send(Message {
        id: ids::id("sms", live),
        channel: "sms",
        to: phone.to_string(),
        sent_at: now,
        subject: String::new(),
        body: wording::sms(
            locale,
            &code,
            org_name,
            facts::SMS_CODE_LIFETIME.whole_minutes(),
        ),
        link: None,
        code: Some(code),
        locale: locale.map(str::to_owned),
    });
}

/// A code checked for the member: its phone number when right (the code dies); otherwise the
/// failure counts toward a lock, and the answer is the lock or what was wrong with the code.
fn redeem_code(
    w: &mut World,
    ctx: &Ctx,
    member_id: &str,
    code: &str,
    now: OffsetDateTime,
) -> ApiResult<String> {
    let kind = match check_code(w, member_id, code, now) {
        Ok(phone) => return Ok(phone),
        Err(kind) => kind,
    };
    let message = if kind == facts::OTP_CODE_NOT_FOUND {
        "The code is incorrect."
    } else {
        "The code has expired or was already used: request a new one."
    };
    Err(failed(w, ctx, member_id, now, kind, message))
}

/// Checks a code; on success the code dies and its phone number is returned.
fn check_code(
    w: &mut World,
    member_id: &str,
    code: &str,
    now: OffsetDateTime,
) -> Result<String, ErrorKind> {
    let codes = w.sms_codes.entry(member_id.to_string()).or_default();
    if let Some(active) = codes.iter_mut().find(|c| !c.dead && c.code == code) {
        if active.expires_at <= now {
            return Err(facts::UNABLE_TO_AUTH_OTP_CODE);
        }
        active.dead = true;
        return Ok(active.phone_number.clone());
    }
    if codes.iter().any(|c| c.code == code) {
        Err(facts::UNABLE_TO_AUTH_OTP_CODE)
    } else {
        Err(facts::OTP_CODE_NOT_FOUND)
    }
}
