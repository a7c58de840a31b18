//! The intents the webview may send (the Tauri commands, by name) with their arguments. Their one
//! list is intents/list.rs; the UI's `Intents` type is generated from the struct expanded here, so
//! a renamed command or argument fails the UI's type check, and the app registers and permits
//! exactly the listed commands (plus the `current_view` read) by expanding the same list.

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

// `Intents` and `INTENTS` are both expanded from the one list in intents/list.rs, field by field
// in the list's order, so the type the UI is generated from and the names cannot differ.
macro_rules! intents {
    ($($name:ident: $args:ty,)*) => {
        /// Every intent, by command name. Each resolves to nothing: its outcome arrives as the next
        /// view, and its failure as the view's notice (or a `CommandError`).
        #[derive(Debug, Clone, TS)]
        #[ts(export)]
        pub struct Intents {
            $(pub $name: $args,)*
        }

        /// The intent names, in the order of [`Intents`]'s fields.
        pub const INTENTS: &[&str] = &[$(stringify!($name),)*];
    };
}

include!("intents/list.rs");

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
