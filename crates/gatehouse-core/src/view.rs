//! What the webview sees: a view of the sign-in state, with no secret in it, and the errors a
//! command may answer with. The UI's types are generated from these (`ui/src/generated/`, by
//! `cargo test -p gatehouse-core`; CI fails on a difference), so the two cannot drift.

use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use ts_rs::TS;

use gatehouse_i18n::{Catalog, Text};

use crate::factor::FactorKind;
use crate::notices::NoticeCode;

// `Debug` prints the redacted view (`View::redacted`): a `{:?}` in a log line or a panic message
// never carries the setup key or recovery codes.
#[derive(Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct View {
    #[serde(flatten)]
    pub screen: Screen,
    /// The language the window speaks (BCP 47: `en`, `de`, `en-XA` for the pseudo-locale): the
    /// same catalog, chain and Intl locale as every sentence the core says.
    pub locale: String,
    pub dev_mode: bool,
    pub busy: bool,
    pub notice: Option<Notice>,
    /// What the window's title says: the screen's name, for screen readers and window switchers
    /// (the UI sets `document.title` from it, the shell the native window's title). Always
    /// [`window_title`] of `screen`: build views with [`View::new`].
    pub window_title: String,
}

impl std::fmt::Debug for View {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = self.redacted();
        f.debug_struct("View")
            .field("screen", &shown.screen)
            .field("dev_mode", &shown.dev_mode)
            .field("busy", &shown.busy)
            .field("notice", &shown.notice)
            .field("window_title", &shown.window_title)
            .finish()
    }
}

impl View {
    /// The view for a log line: the setup key, its QR code and recovery codes — in a view only
    /// to reach the person — replaced by `<redacted>`.
    pub fn redacted(&self) -> View {
        let mut view = self.clone();
        const HIDDEN: &str = "<redacted>";
        match &mut view.screen {
            Screen::EnrollTotp {
                qr_code, secret, ..
            } => {
                *qr_code = HIDDEN.into();
                *secret = HIDDEN.into();
            }
            Screen::RecoveryCodes { codes, .. } => {
                for code in codes.iter_mut() {
                    *code = HIDDEN.into();
                }
            }
            _ => {}
        }
        view
    }

    /// A view of `screen` in `catalog`'s language: titled after the screen, its notice said.
    pub fn new(
        screen: Screen,
        catalog: &Catalog,
        dev_mode: bool,
        busy: bool,
        notice: Option<&Notice>,
    ) -> Self {
        Self {
            window_title: catalog.say(&window_title(&screen)),
            locale: catalog.language().tag(),
            screen,
            dev_mode,
            busy,
            notice: notice.map(|n| n.said(catalog)),
        }
    }

    pub fn starting(dev_mode: bool, catalog: &Catalog) -> Self {
        Self::new(Screen::Starting, catalog, dev_mode, true, None)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "screen", rename_all = "snake_case")]
#[ts(export)]
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
        /// The link arrived but the sign-in service could not check it (network, outage): the
        /// screen says so, and Try again (the notice's) is the way forward, not a new email.
        link_check_failed: bool,
    },
    /// The member has no second factor yet and the organization allows several: they choose.
    ChooseFactor {
        organization_name: Option<String>,
        email: String,
        /// What they may set up, in the order offered.
        options: Vec<FactorKind>,
    },
    /// The member sets up an authenticator app. The QR code (`data:image/png;base64,…`) and the
    /// setup key are the one factor secret a view carries, by design: this screen is how they
    /// reach the person's app. Never logged, never kept after this screen.
    EnrollTotp {
        organization_name: Option<String>,
        email: String,
        qr_code: String,
        secret: String,
        alternatives: Vec<FactorKind>,
        /// Signed in (with a recovery code) and replacing a lost app: the old one and its
        /// recovery codes no longer work; "Not now" leads back to the signed-in screen, not to
        /// another email.
        replacing: bool,
    },
    /// The member has no second factor yet and enrols a phone.
    EnrollPhone {
        organization_name: Option<String>,
        email: String,
        default_country: String,
        /// Other factors the member could use instead (none yet for SMS-only organizations).
        alternatives: Vec<FactorKind>,
    },
    /// A code was sent (or is produced by the member's app) and is awaited.
    EnterCode {
        organization_name: Option<String>,
        email: String,
        /// Which second factor the code is for (`sms` or `totp`).
        factor: FactorKind,
        /// SMS only: where the code goes. `sent_at` and `code_expires_at` only once Stytch
        /// accepted to send it: both `None` on an SMS screen means no code was sent (being sent,
        /// or the send failed), and there is nothing to wait for.
        masked_phone: Option<String>,
        sent_at: Option<String>,
        code_expires_at: Option<String>,
        /// SMS only: when "Send a new code" works again (a new code kills the one on its way);
        /// `None` when it works now.
        resend_available_at: Option<String>,
        /// Other factors the member could switch to.
        alternatives: Vec<FactorKind>,
    },
    /// A recovery code instead of the second factor.
    EnterRecoveryCode {
        organization_name: Option<String>,
        email: String,
        alternatives: Vec<FactorKind>,
    },
    /// New recovery codes, shown once (after setting up an authenticator app, or renewed): the
    /// person copies or saves them, then says so. Like the setup key, by design in a view.
    RecoveryCodes {
        organization_name: Option<String>,
        email: String,
        codes: Vec<String>,
        /// Renewed: the old codes no longer work.
        rotated: bool,
        /// The window was asked to close with the codes unsaved: the screen says they will not be
        /// shown again, and a second close goes through.
        close_asked: bool,
    },
    SignedIn {
        organization_name: Option<String>,
        email: String,
        factors: Vec<FactorView>,
        session_expires_at: String,
        remembered: bool,
        /// The configured workspace, when there is one: the window shows it instead of this
        /// screen, unless it could not be opened.
        workspace: Option<WorkspaceView>,
        /// Just signed in with a recovery code: how many are left; the workspace waits until
        /// the person continues.
        recovery_codes_left: Option<RecoveryCodesLeft>,
        /// The member has an authenticator app, so recovery codes they can renew.
        can_renew_recovery_codes: bool,
        /// Signed in with a recovery code: "Set up a new authenticator app" is the main action.
        new_authenticator: Option<NewAuthenticatorOffer>,
    },
}

/// Where the replacement of a lost authenticator app stands, on the signed-in screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NewAuthenticatorOffer {
    /// Offered; the old app still works, if the person finds it.
    Offered,
    /// The old app and its recovery codes no longer work, and no new one is set up yet.
    OldRemoved,
}

/// How many recovery codes a member has left, and whether that is few enough to warn: the
/// threshold is the core's, the UI only shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecoveryCodesLeft {
    pub left: u32,
    pub low: bool,
}

/// The workspace as the signed-in screen names it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WorkspaceView {
    pub name: String,
    /// That the workspace's page could not be loaded, and why, as one sentence in the person's
    /// language ([`crate::notices::workspace_failed`]; the web engine's own words are in the
    /// log); `None` while it is shown (or being opened).
    pub failure: Option<String>,
}

impl Screen {
    pub fn name(&self) -> &'static str {
        match self {
            Screen::Starting => "starting",
            Screen::ConfigError { .. } => "config_error",
            Screen::SignIn { .. } => "sign_in",
            Screen::CheckEmail { .. } => "check_email",
            Screen::ChooseFactor { .. } => "choose_factor",
            Screen::EnrollTotp { .. } => "enroll_totp",
            Screen::EnterRecoveryCode { .. } => "enter_recovery_code",
            Screen::RecoveryCodes { .. } => "recovery_codes",
            Screen::EnrollPhone { .. } => "enroll_phone",
            Screen::EnterCode { .. } => "enter_code",
            Screen::SignedIn { .. } => "signed_in",
        }
    }
}

/// The window's title on each screen: every title in one place, named by screen (the code
/// screen by its factor: an SMS code and an app's code are two screens to the person). The UI
/// and the native window both show what this says; a screen reader reads it on arrival and a
/// window switcher lists it (messages `window-title-<screen>`, locales/*/titles.ftl).
pub fn window_title(screen: &Screen) -> Text {
    Text::new(match screen {
        Screen::Starting => "window-title-starting",
        Screen::ConfigError { .. } => "window-title-config-error",
        Screen::SignIn { .. } => "window-title-sign-in",
        Screen::CheckEmail { .. } => "window-title-check-email",
        Screen::ChooseFactor { .. } => "window-title-choose-factor",
        Screen::EnrollTotp { .. } => "window-title-enroll-totp",
        Screen::EnrollPhone { .. } => "window-title-enroll-phone",
        Screen::EnterCode {
            factor: FactorKind::Totp,
            ..
        } => "window-title-enter-code-app",
        Screen::EnterCode { .. } => "window-title-enter-code-sms",
        Screen::EnterRecoveryCode { .. } => "window-title-enter-recovery-code",
        Screen::RecoveryCodes { .. } => "window-title-recovery-codes",
        Screen::SignedIn { .. } => "window-title-signed-in",
    })
}

/// One factor of the signed-in session, in words.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FactorView {
    /// `email`, `sms`, `totp`, `recovery_code`, or `other`.
    pub kind: String,
    pub label: String,
    pub last_authenticated_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NoticeKind {
    Error,
    Info,
}

/// What the person can do about a notice, offered as a button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Action {
    Restart,
    Retry,
}

/// A message for the person on the current screen; `code` is stable, for tests and the UI.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Notice {
    pub kind: NoticeKind,
    pub code: NoticeCode,
    /// What it says, in the person's language: `text` said by the catalog when the view is
    /// rendered ([`Notice::said`]); empty before.
    pub message: String,
    /// The sentence, before a language (a catalog message id and its arguments).
    #[serde(skip)]
    #[ts(skip)]
    pub text: Text,
    pub action: Option<Action>,
    pub retry_at: Option<String>,
}

impl Notice {
    pub fn error(code: NoticeCode, text: impl Into<Text>) -> Self {
        Self {
            kind: NoticeKind::Error,
            code,
            message: String::new(),
            text: text.into(),
            action: None,
            retry_at: None,
        }
    }

    pub fn info(code: NoticeCode, text: impl Into<Text>) -> Self {
        Self {
            kind: NoticeKind::Info,
            ..Self::error(code, text)
        }
    }

    /// This notice with its message in `catalog`'s language.
    pub fn said(&self, catalog: &Catalog) -> Self {
        Self {
            message: catalog.say(&self.text),
            ..self.clone()
        }
    }

    pub fn with_action(mut self, action: Action) -> Self {
        self.action = Some(action);
        self
    }

    /// When trying again can work (a rate limit, a lock); the UI counts down to it.
    pub fn retry_at(mut self, at: OffsetDateTime) -> Self {
        self.retry_at = Some(rfc3339(at));
        self
    }
}

/// Why a command could not run, as the webview receives it: `{kind, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct CommandError {
    pub kind: CommandErrorKind,
    /// Plain words for the person.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CommandErrorKind {
    /// The configuration is unusable; the screen already says why.
    NotConfigured,
    /// The recovery codes could not be written to the file the person chose.
    SaveFailed,
}

impl CommandError {
    /// The codes could not be written where the person chose: `reason` is the system's words.
    pub fn save_failed(catalog: &Catalog, reason: &str) -> Self {
        Self {
            kind: CommandErrorKind::SaveFailed,
            message: catalog.say(&Text::new("notice-command-save-failed").with("reason", reason)),
        }
    }

    /// The codes left the screen before the file was chosen.
    pub fn codes_gone(catalog: &Catalog) -> Self {
        Self {
            kind: CommandErrorKind::SaveFailed,
            message: catalog.say(&Text::new("notice-command-codes-gone")),
        }
    }

    pub fn not_configured(catalog: &Catalog) -> Self {
        Self {
            kind: CommandErrorKind::NotConfigured,
            message: catalog.say(&Text::new("notice-command-not-configured")),
        }
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

    fn english() -> Catalog {
        Catalog::english()
    }

    #[test]
    fn a_phone_is_masked_to_its_last_four_digits() {
        assert_eq!(mask_phone("+14155550123"), "••• 0123");
        assert_eq!(mask_phone("XXXXXXX1234"), "••• 1234");
    }

    #[test]
    fn the_window_title_names_the_screen_and_tells_the_two_code_screens_apart() {
        let code = |factor| Screen::EnterCode {
            organization_name: None,
            email: "ada@example.com".into(),
            factor,
            masked_phone: None,
            sent_at: None,
            code_expires_at: None,
            resend_available_at: None,
            alternatives: vec![],
        };
        let titles = [
            window_title(&Screen::Starting),
            window_title(&Screen::SignIn {
                organization_name: None,
                email: None,
            }),
            window_title(&code(FactorKind::Sms)),
            window_title(&code(FactorKind::Totp)),
        ]
        .map(|title| english().say(&title));
        for title in &titles {
            assert!(title.ends_with(" — Gatehouse"), "{title}");
        }
        let distinct: std::collections::HashSet<_> = titles.iter().collect();
        assert_eq!(distinct.len(), titles.len(), "{titles:?}");
        assert_eq!(
            View::starting(false, &english()).window_title,
            english().say(&window_title(&Screen::Starting))
        );
    }

    #[test]
    fn the_view_serializes_flat_with_its_screen_name() {
        let view = View::new(
            Screen::SignIn {
                organization_name: Some("Example Org".into()),
                email: None,
            },
            &english(),
            true,
            false,
            Some(
                &Notice::error(NoticeCode::Unexpected, Text::new("notice-service-trouble"))
                    .with_action(Action::Restart),
            ),
        );
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["screen"], "sign_in");
        assert_eq!(json["window_title"], "Sign in — Gatehouse");
        assert_eq!(json["organization_name"], "Example Org");
        assert_eq!(json["notice"]["action"], "restart");
        assert_eq!(json["notice"]["kind"], "error");
        assert_eq!(json["notice"]["code"], "unexpected");
    }

    #[test]
    fn a_logged_view_never_carries_the_setup_key_or_recovery_codes() {
        let enrol = View::new(
            Screen::EnrollTotp {
                organization_name: None,
                email: "ada@example.com".into(),
                qr_code: "data:image/png;base64,QUJD".into(),
                secret: "BTGNX5RKJRMQWQFRQKTG34JCF6XDRHZS".into(),
                alternatives: vec![],
                replacing: false,
            },
            &english(),
            false,
            false,
            None,
        );
        let codes = View::new(
            Screen::RecoveryCodes {
                organization_name: None,
                email: "ada@example.com".into(),
                codes: vec!["ckss-2skx-ebow".into()],
                rotated: false,
                close_asked: false,
            },
            &english(),
            false,
            false,
            None,
        );
        for (view, secret) in [
            (enrol, "BTGNX5RKJRMQWQFRQKTG34JCF6XDRHZS"),
            (codes, "ckss-2skx-ebow"),
        ] {
            let logged = serde_json::to_string(&view.redacted()).unwrap();
            assert!(
                !logged.contains(secret) && !logged.contains("QUJD"),
                "{logged}"
            );
            let debugged = format!("{view:?} {view:#?}");
            assert!(
                !debugged.contains(secret) && !debugged.contains("QUJD"),
                "{debugged}"
            );
            assert!(serde_json::to_string(&view).unwrap().contains(secret));
        }
    }

    #[test]
    fn a_command_error_reaches_the_webview_as_kind_and_message() {
        let json = serde_json::to_value(CommandError::not_configured(&Catalog::english())).unwrap();
        assert_eq!(json["kind"], "not_configured");
        assert!(json["message"].as_str().unwrap().contains("not configured"));
    }
}
