//! What the webview sees: a view of the sign-in state, with no secret in it. The UI's
//! `ui/src/types.ts` mirrors these types; change both together.

use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    #[serde(flatten)]
    pub screen: Screen,
    pub dev_mode: bool,
    pub busy: bool,
    pub notice: Option<Notice>,
}

impl View {
    pub fn starting(dev_mode: bool) -> Self {
        Self {
            screen: Screen::Starting,
            dev_mode,
            busy: true,
            notice: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub enum Screen {
    Starting,
    ConfigError {
        file: Option<String>,
        message: String,
    },
    SignIn {
        organization_name: Option<String>,
        email: Option<String>,
    },
    CheckEmail {
        organization_name: Option<String>,
        email: String,
        sent_at: String,
        resend_available_at: String,
    },
    EnrollPhone {
        organization_name: Option<String>,
        email: String,
        default_country: String,
    },
    EnterCode {
        organization_name: Option<String>,
        email: String,
        masked_phone: String,
        sent_at: String,
        code_expires_at: String,
    },
    SignedIn {
        organization_name: Option<String>,
        email: String,
        factors: Vec<FactorView>,
        session_expires_at: String,
        remembered: bool,
    },
}

impl Screen {
    pub fn name(&self) -> &'static str {
        match self {
            Screen::Starting => "starting",
            Screen::ConfigError { .. } => "config_error",
            Screen::SignIn { .. } => "sign_in",
            Screen::CheckEmail { .. } => "check_email",
            Screen::EnrollPhone { .. } => "enroll_phone",
            Screen::EnterCode { .. } => "enter_code",
            Screen::SignedIn { .. } => "signed_in",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorView {
    pub kind: String,
    pub label: String,
    pub last_authenticated_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    Error,
    Info,
}

/// What the person can do about a notice, offered as a button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Restart,
    ResendCode,
    Retry,
}

/// A message for the person on the current screen; `code` is stable, for tests and the UI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub code: &'static str,
    pub message: String,
    pub action: Option<Action>,
    pub retry_at: Option<String>,
}

impl Notice {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Error,
            code,
            message: message.into(),
            action: None,
            retry_at: None,
        }
    }

    pub fn info(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Info,
            ..Self::error(code, message)
        }
    }

    pub fn with_action(mut self, action: Action) -> Self {
        self.action = Some(action);
        self
    }

    /// When trying again can work (a rate limit); the UI counts down to it.
    pub fn retry_at(mut self, at: OffsetDateTime) -> Self {
        self.retry_at = Some(rfc3339(at));
        self
    }
}

pub fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// `XXXXXXX1234` (Stytch's mask) or `+14155550123` → `••• 1234`: only the last four digits.
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    format!("••• {tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_is_masked_to_its_last_four_digits() {
        assert_eq!(mask_phone("+14155550123"), "••• 0123");
        assert_eq!(mask_phone("XXXXXXX1234"), "••• 1234");
    }

    #[test]
    fn the_view_serializes_flat_with_its_screen_name() {
        let view = View {
            screen: Screen::SignIn {
                organization_name: Some("Example Org".into()),
                email: None,
            },
            dev_mode: true,
            busy: false,
            notice: Some(Notice::error("x", "y").with_action(Action::Restart)),
        };
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["screen"], "sign_in");
        assert_eq!(json["organization_name"], "Example Org");
        assert_eq!(json["notice"]["action"], "restart");
        assert_eq!(json["notice"]["kind"], "error");
    }
}
