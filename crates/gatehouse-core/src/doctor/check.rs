//! One line of `gatehouse doctor`'s report, whichever side ran the check: the core's (the
//! configuration, Stytch, the clock) or the shell's (the keychain, the deep link, the bus name).

use gatehouse_i18n::{Args, Catalog};
use serde::Serialize;

/// One line of the doctor's report. `name` is the check's stable name (what `--json` gives
/// scripts); [`Check::label`] is the name a person reads; `detail` and `fix` are already said in
/// the configured language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub ok: bool,
    /// What was found, in plain words.
    pub detail: String,
    /// What to do about a failure.
    pub fix: Option<String>,
}

impl Check {
    pub fn pass(name: &'static str, detail: impl Into<String>) -> Self {
        Self {
            name,
            ok: true,
            detail: detail.into(),
            fix: None,
        }
    }

    /// A failure always says what to do about it.
    pub fn fail(name: &'static str, detail: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            name,
            ok: false,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }

    /// The check's name in `catalog`'s language (a name no catalog message has: as it is).
    pub fn label(&self, catalog: &Catalog) -> String {
        let id = match self.name {
            "configuration" => "doctor-check-configuration",
            "stytch" => "doctor-check-stytch",
            "clock" => "doctor-check-clock",
            "organization" => "doctor-check-organization",
            "app identifier" => "doctor-check-app-identifier",
            "email links" => "doctor-check-email-links",
            "sms codes" => "doctor-check-sms-codes",
            "authenticator apps" => "doctor-check-authenticator-apps",
            "authenticator setup" => "doctor-check-authenticator-setup",
            "keychain" => "doctor-check-keychain",
            "deep link" => "doctor-check-deep-link",
            "single instance" => "doctor-check-single-instance",
            other => return other.to_owned(),
        };
        catalog.message(id, &Args::new())
    }
}

#[cfg(test)]
mod tests {
    use super::Check;
    use gatehouse_i18n::{negotiate, Catalog};

    #[test]
    fn every_check_has_a_label_in_english_and_german() {
        let names = [
            ("configuration", "Konfiguration"),
            ("stytch", "Stytch"),
            ("clock", "Uhr"),
            ("organization", "Organisation"),
            ("app identifier", "App-Kennung"),
            ("email links", "E-Mail-Links"),
            ("sms codes", "SMS-Codes"),
            ("authenticator apps", "Authentifizierungs-Apps"),
            (
                "authenticator setup",
                "Einrichtung von Authentifizierungs-Apps",
            ),
            ("keychain", "Schlüsselbund"),
            ("deep link", "Deep Link"),
            ("single instance", "Einzelinstanz"),
        ];
        let german = Catalog::new(negotiate(&["de".to_owned()]));
        for (name, deutsch) in names {
            let check = Check::pass(name, "");
            assert_eq!(check.label(&Catalog::english()), name);
            assert_eq!(check.label(&german), deutsch);
        }
    }

    #[test]
    fn a_pass_has_no_fix_and_a_failure_always_has_one() {
        let pass = Check::pass("clock", "within 1 s of Stytch's");
        assert!(pass.ok);
        assert_eq!(pass.fix, None);
        let fail = Check::fail("clock", "90 s from Stytch's", "Set the clock automatically");
        assert!(!fail.ok);
        assert_eq!(fail.fix.as_deref(), Some("Set the clock automatically"));
        assert_eq!(
            serde_json::to_value(&fail).unwrap(),
            serde_json::json!({
                "name": "clock",
                "ok": false,
                "detail": "90 s from Stytch's",
                "fix": "Set the clock automatically"
            })
        );
    }
}
