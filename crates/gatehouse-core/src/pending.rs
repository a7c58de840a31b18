//! A sign-in waiting for its email link, kept in the keychain so that a link which *launches*
//! the app can still finish it (the PKCE verifier would otherwise die with the process).
//! The record: the send time, the email and the verifier, one per line.

use stytch_b2b::{EmailAddress, PkceCodeVerifier};
use time::OffsetDateTime;

use crate::stytch_facts::MAGIC_LINK_LIFETIME;

#[derive(Debug, Clone)]
pub(crate) struct PendingSignIn {
    pub email: EmailAddress,
    pub verifier: PkceCodeVerifier,
    pub sent_at: OffsetDateTime,
}

impl PendingSignIn {
    pub fn encode(&self) -> String {
        format!(
            "{}\n{}\n{}",
            self.sent_at.unix_timestamp(),
            self.email.as_str(),
            self.verifier.expose()
        )
    }

    /// The record, if it parses and its link can still work at `now`.
    pub fn decode(record: &str, now: OffsetDateTime) -> Option<Self> {
        let mut parts = record.splitn(3, '\n');
        let sent_at = OffsetDateTime::from_unix_timestamp(parts.next()?.parse().ok()?).ok()?;
        let email = EmailAddress::parse(parts.next()?).ok()?;
        let verifier = PkceCodeVerifier::new(parts.next()?);
        (now <= sent_at + MAGIC_LINK_LIFETIME).then_some(Self {
            email,
            verifier,
            sent_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_record_round_trips_until_its_link_expires() {
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let pending = PendingSignIn {
            email: EmailAddress::parse("ada@example.com").unwrap(),
            verifier: PkceCodeVerifier::generate(),
            sent_at: now,
        };
        let record = pending.encode();
        let back = PendingSignIn::decode(&record, now + Duration::from_secs(59 * 60)).unwrap();
        assert_eq!(back.email.as_str(), "ada@example.com");
        assert_eq!(back.verifier.expose(), pending.verifier.expose());
        assert!(PendingSignIn::decode(&record, now + Duration::from_secs(61 * 60)).is_none());
        assert!(PendingSignIn::decode("garbage", now).is_none());
    }
}
