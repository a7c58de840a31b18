//! Why a vault call failed, in the four ways a person can act on differently: no keychain to
//! reach, a locked one, one that refuses Gatehouse, one that does not answer in time.

use std::time::Duration;

/// A failed vault call. Each variant carries a detail for logs (the keychain's own words, never
/// the secret); the notices and `gatehouse doctor` choose their words by the variant alone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// No keychain could be used: no Secret Service on the bus, no default keyring, no session.
    #[error("the keychain could not be reached ({0})")]
    Unavailable(String),
    /// The keychain is locked, and stayed so (its unlock prompt was dismissed, or none was shown).
    #[error("the keychain is locked ({0})")]
    Locked(String),
    /// The keychain answered and declined: access denied, or an entry it will not hand over.
    #[error("the keychain refused the operation ({0})")]
    Refused(String),
    /// No answer within the limit (`vault::bounded`, `gatehouse doctor`), or the bus gave up.
    #[error("the keychain did not answer in time ({0})")]
    TimedOut(String),
}

impl VaultError {
    /// A call given up on after `limit`: the one wording for every bound on the keychain.
    pub fn timed_out(limit: Duration) -> Self {
        Self::TimedOut(format!("no answer within {} s", limit.as_secs()))
    }

    /// A stable short name of the variant, for scripts and support: the words may change, this
    /// does not.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unavailable(_) => "keychain_unavailable",
            Self::Locked(_) => "keychain_locked",
            Self::Refused(_) => "keychain_refused",
            Self::TimedOut(_) => "keychain_timed_out",
        }
    }

    /// What the keychain itself said, for logs.
    pub fn detail(&self) -> &str {
        match self {
            Self::Unavailable(d) | Self::Locked(d) | Self::Refused(d) | Self::TimedOut(d) => d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_variant_has_its_own_stable_code() {
        let all = [
            VaultError::Unavailable("d".into()),
            VaultError::Locked("d".into()),
            VaultError::Refused("d".into()),
            VaultError::TimedOut("d".into()),
        ];
        let codes: Vec<_> = all.iter().map(VaultError::code).collect();
        assert_eq!(
            codes,
            [
                "keychain_unavailable",
                "keychain_locked",
                "keychain_refused",
                "keychain_timed_out"
            ]
        );
    }

    #[test]
    fn the_log_sentence_names_what_happened_and_keeps_the_detail() {
        let locked = VaultError::Locked("Secret Service: object locked".into());
        assert_eq!(
            locked.to_string(),
            "the keychain is locked (Secret Service: object locked)"
        );
        assert_eq!(locked.detail(), "Secret Service: object locked");
        assert_eq!(
            VaultError::timed_out(Duration::from_secs(8)).to_string(),
            "the keychain did not answer in time (no answer within 8 s)"
        );
    }
}
