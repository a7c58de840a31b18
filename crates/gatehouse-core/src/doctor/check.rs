//! One line of `gatehouse doctor`'s report, whichever side ran the check: the core's (the
//! configuration, Stytch, the clock) or the shell's (the keychain, the deep link, the bus name).

use serde::Serialize;

/// One line of the doctor's report.
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
}

#[cfg(test)]
mod tests {
    use super::Check;

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
