//! The view of a state — what the webview shows, with no secret but the setup key and recovery
//! codes it exists to show — and publishing it to the observer and the JWT sink.

use crate::factor::{alternatives, FactorKind, Step};
use crate::i18n::{Catalog, Text};
use crate::view::{
    mask_phone, rfc3339, FactorView, NewAuthenticatorOffer, RecoveryCodesLeft, Screen, View,
    WorkspaceView,
};

use super::email_link::LINK_RESEND_COOLDOWN;
use super::recovery_codes::RECOVERY_CODES_LOW;
use super::state::{NewAuthenticator, Phase, Recovery, State};
use super::Machine;

impl Machine {
    /// Reports the state's view, if it changed, and offers the session JWT to the workspace.
    pub(super) fn publish(&self, state: &State) {
        let view = self.render(state);
        let mut current = self.view.lock().unwrap_or_else(|e| e.into_inner());
        if *current != view {
            *current = view.clone();
            drop(current);
            let notice = view
                .notice
                .as_ref()
                .map(|n| format!("{:?}", n.code))
                .unwrap_or_else(|| "-".into());
            tracing::info!(
                screen = view.screen.name(),
                notice,
                busy = view.busy,
                "view"
            );
            // The whole payload the webview receives, for tests that scan it for secrets.
            // The setup key and recovery codes are in a view only to reach the person: never logged.
            tracing::debug!(payload = %serde_json::to_string(&view.redacted()).unwrap_or_default(), "view payload");
            (self.observer)(&view);
        }
        let (jwt, held) = match &state.phase {
            Phase::SignedIn { jwt, recovery, .. } => (jwt.as_ref(), recovery.is_some()),
            _ => (None, false),
        };
        self.jwt_sink.offer(jwt, held);
    }

    fn render(&self, state: &State) -> View {
        View::new(
            self.screen(state),
            &self.catalog,
            self.config.dev_mode(),
            state.in_flight,
            state.notice.as_ref(),
        )
    }

    fn screen(&self, state: &State) -> Screen {
        let organization_name = state.organization.as_ref().and_then(|o| o.name.clone());
        match &state.phase {
            Phase::Starting => Screen::Starting,
            Phase::Misconfigured { file, message } => Screen::ConfigError {
                file: file.clone(),
                message: message.clone(),
            },
            Phase::SignedOut => Screen::SignIn {
                organization_name,
                email: state.last_email.clone(),
            },
            Phase::AwaitingLink { email, sent_at, .. } => Screen::CheckEmail {
                organization_name,
                email: email.as_str().to_owned(),
                sent_at: rfc3339(*sent_at),
                resend_available_at: rfc3339(*sent_at + LINK_RESEND_COOLDOWN),
                link_check_failed: state.link_to_retry.is_some(),
            },
            Phase::SecondFactor { mfa, step } => {
                let alternatives = alternatives(&mfa.factors, &mfa.enrolments, step);
                let email = mfa.email.as_str().to_owned();
                match step {
                    Step::Choose => Screen::ChooseFactor {
                        organization_name,
                        email,
                        options: mfa.enrolments.clone(),
                    },
                    Step::EnrollTotp(enrolment) => Screen::EnrollTotp {
                        organization_name,
                        email,
                        qr_code: enrolment.qr_code.expose().to_owned(),
                        secret: enrolment.secret.expose().to_owned(),
                        alternatives,
                        replacing: false,
                    },
                    Step::Totp => Screen::EnterCode {
                        organization_name,
                        email,
                        factor: FactorKind::Totp,
                        masked_phone: None,
                        sent_at: None,
                        code_expires_at: None,
                        resend_available_at: None,
                        alternatives,
                    },
                    Step::RecoveryCode => Screen::EnterRecoveryCode {
                        organization_name,
                        email,
                        alternatives,
                    },
                    Step::EnrollPhone => Screen::EnrollPhone {
                        organization_name,
                        email,
                        default_country: self.config.default_country.clone(),
                        alternatives,
                    },
                    Step::Sms {
                        masked_phone, code, ..
                    } => Screen::EnterCode {
                        organization_name,
                        email,
                        factor: FactorKind::Sms,
                        masked_phone: Some(masked_phone.clone()),
                        sent_at: code.map(|c| rfc3339(c.sent_at)),
                        code_expires_at: code.map(|c| rfc3339(c.expires_at)),
                        resend_available_at: code.map(|c| rfc3339(c.resend_at())),
                        alternatives,
                    },
                }
            }
            Phase::SignedIn {
                email,
                recovery: Some(Recovery::NewCodes { codes, rotated }),
                ..
            } => Screen::RecoveryCodes {
                organization_name,
                email: email.clone(),
                codes: codes.iter().map(|c| c.expose().to_owned()).collect(),
                rotated: *rotated,
                close_asked: state.close_asked,
            },
            Phase::SignedIn {
                email,
                new_authenticator: Some(NewAuthenticator::Enrolling(enrolment)),
                ..
            } => Screen::EnrollTotp {
                organization_name,
                email: email.clone(),
                qr_code: enrolment.qr_code.expose().to_owned(),
                secret: enrolment.secret.expose().to_owned(),
                alternatives: Vec::new(),
                replacing: true,
            },
            Phase::SignedIn {
                email,
                session,
                remembered,
                totp,
                recovery,
                new_authenticator,
                ..
            } => Screen::SignedIn {
                organization_name,
                email: email.clone(),
                factors: session
                    .authentication_factors
                    .iter()
                    .map(|f| factor_view(&self.catalog, f))
                    .collect(),
                session_expires_at: rfc3339(session.expires_at),
                remembered: *remembered,
                workspace: self.config.workspace.as_ref().map(|w| WorkspaceView {
                    name: w.name.clone(),
                    failure: state.workspace_failure.clone(),
                }),
                recovery_codes_left: match (recovery, new_authenticator) {
                    // The codes went with the old registration.
                    (_, Some(NewAuthenticator::OldRemoved)) => None,
                    (Some(Recovery::CodeUsed { left }), _) => Some(RecoveryCodesLeft {
                        left: *left,
                        low: *left < RECOVERY_CODES_LOW,
                    }),
                    _ => None,
                },
                can_renew_recovery_codes: *totp,
                new_authenticator: match new_authenticator {
                    Some(NewAuthenticator::Offered) => Some(NewAuthenticatorOffer::Offered),
                    Some(NewAuthenticator::OldRemoved) => Some(NewAuthenticatorOffer::OldRemoved),
                    // Rendered as the setup screen above.
                    Some(NewAuthenticator::Enrolling(_)) | None => None,
                },
            },
        }
    }
}

/// One factor of the session, named in `catalog`'s language.
fn factor_view(catalog: &Catalog, factor: &stytch_b2b::AuthenticationFactor) -> FactorView {
    // The email link's address is the member's, already on the screen: not said twice.
    let (kind, label) = if factor.email_factor.is_some() {
        ("email", Text::new("notice-factor-email"))
    } else if let Some(phone) = &factor.phone_number_factor {
        (
            "sms",
            Text::new("notice-factor-sms").with("phone", mask_phone(&phone.phone_number)),
        )
    } else if factor.factor_type == stytch_b2b::FactorType::Totp {
        ("totp", Text::new("notice-factor-totp"))
    } else if factor.factor_type == stytch_b2b::FactorType::RecoveryCodes {
        ("recovery_code", Text::new("notice-factor-recovery-code"))
    } else {
        // A factor Gatehouse does not offer (SSO, …): the sign-in service's own name for it.
        let label = factor.factor_type.as_str().to_owned();
        return FactorView {
            kind: "other".to_owned(),
            label,
            last_authenticated_at: last_authenticated_at(factor),
        };
    };
    FactorView {
        kind: kind.to_owned(),
        label: catalog.say(&label),
        last_authenticated_at: last_authenticated_at(factor),
    }
}

fn last_authenticated_at(factor: &stytch_b2b::AuthenticationFactor) -> String {
    factor
        .last_authenticated_at
        .map(rfc3339)
        .unwrap_or_default()
}
