//! The intents the webview may send (the Tauri commands, by name) with their arguments. The UI's
//! `Intents` type is generated from this struct, so a renamed command or argument fails the UI's
//! type check; the shell's tests check that every command it registers is listed here.

use serde::Deserialize;
use ts_rs::TS;

/// No argument.
pub type NoArgs = ();

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct EmailArgs {
    pub email: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct LinkArgs {
    pub link: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct PhoneArgs {
    pub phone: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CodeArgs {
    pub code: String,
}

/// A code typed on the SMS or authenticator screen, with the screen's factor.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct FactorCodeArgs {
    pub factor: crate::factor::FactorKind,
    pub code: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct FactorArgs {
    pub factor: crate::factor::FactorKind,
}

/// Every intent, by command name. Each resolves to nothing: its outcome arrives as the next
/// view, and its failure as the view's notice (or a `CommandError`).
#[derive(Debug, Clone, TS)]
#[ts(export)]
pub struct Intents {
    pub start_sign_in: EmailArgs,
    pub resend_link: NoArgs,
    pub use_another_address: NoArgs,
    pub submit_link: LinkArgs,
    pub enroll_phone: PhoneArgs,
    pub submit_code: FactorCodeArgs,
    pub resend_code: NoArgs,
    pub restart: NoArgs,
    pub retry: NoArgs,
    pub sign_out: NoArgs,
    pub open_workspace: NoArgs,
    pub switch_factor: FactorArgs,
    pub submit_recovery_code: CodeArgs,
    pub recovery_codes_done: NoArgs,
    pub renew_recovery_codes: NoArgs,
    pub save_recovery_codes: NoArgs,
    // The setup key or the recovery codes on screen were copied; the clipboard forgets them.
    pub secret_copied: NoArgs,
}

/// The intent names, in the order of [`Intents`]'s fields.
pub const INTENTS: &[&str] = &[
    "start_sign_in",
    "resend_link",
    "use_another_address",
    "submit_link",
    "enroll_phone",
    "submit_code",
    "resend_code",
    "restart",
    "retry",
    "sign_out",
    "open_workspace",
    "switch_factor",
    "submit_recovery_code",
    "recovery_codes_done",
    "renew_recovery_codes",
    "save_recovery_codes",
    "secret_copied",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_intent_list_matches_the_generated_type() {
        let decl = Intents::decl(&ts_rs::Config::default());
        for name in INTENTS {
            assert!(
                decl.contains(&format!("{name}:")),
                "{name} missing from {decl}"
            );
        }
        assert_eq!(decl.matches(": ").count(), INTENTS.len(), "{decl}");
    }
}
