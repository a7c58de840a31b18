//! Ids, tokens and timestamps in Stytch's formats, and the emulator's movable clock.
//! Ids look like `member-test-<uuid>`; timestamps are RFC 3339 UTC with `Z`, whole seconds.

use std::sync::atomic::{AtomicI64, Ordering};

use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;
use rand::{Rng, RngCore};
use serde::Serializer;
use time::format_description::FormatItem;
use time::macros::format_description;
use time::OffsetDateTime;

fn env(live: bool) -> &'static str {
    if live {
        "live"
    } else {
        "test"
    }
}

/// `<kind>-test-<uuid>` (or `-live-`).
pub fn id(kind: &str, live: bool) -> String {
    format!("{kind}-{}-{}", env(live), uuid::Uuid::new_v4())
}

pub fn request_id(live: bool) -> String {
    id("request-id", live)
}

/// A magic link token: 32 random bytes, base64url with padding (44 chars, like Stytch's).
pub fn magic_link_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE.encode(bytes)
}

/// A session or intermediate session token: 44 base64url chars without padding.
pub fn opaque_token() -> String {
    let mut bytes = [0u8; 33];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A numeric one-time passcode.
pub fn numeric_code(digits: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..digits)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

/// A recovery code like Stytch's `ckss-2skx-ebow`: three groups of four lowercase letters and
/// digits (see [`crate::facts::RECOVERY_CODE_COUNT`]).
pub fn recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    let mut group = || -> String {
        (0..4)
            .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
            .collect()
    };
    format!("{}-{}-{}", group(), group(), group())
}

const RFC3339_Z: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");

/// RFC 3339 in UTC with a `Z` and whole seconds, as Stytch writes them.
pub fn timestamp(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(RFC3339_Z)
        .unwrap_or_default()
}

pub fn serialize_ts<S: Serializer>(at: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&timestamp(*at))
}

pub fn serialize_opt_ts<S: Serializer>(
    at: &Option<OffsetDateTime>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => s.serialize_str(&timestamp(*at)),
        None => s.serialize_none(),
    }
}

/// Wall-clock time plus an offset that only moves forward (POST /emulator/clock).
#[derive(Debug, Default)]
pub struct Clock {
    offset_seconds: AtomicI64,
}

impl Clock {
    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + time::Duration::seconds(self.offset_seconds())
    }

    pub fn offset_seconds(&self) -> i64 {
        self.offset_seconds.load(Ordering::Relaxed)
    }

    pub fn advance(&self, seconds: i64) {
        self.offset_seconds.fetch_add(seconds, Ordering::Relaxed);
    }
}

/// Masks a phone number to its last four digits: `+14155550123` → `XXXXXXX0123`.
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    let keep = digits.len().saturating_sub(4);
    digits
        .iter()
        .enumerate()
        .map(|(i, c)| if i < keep { 'X' } else { *c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_all_but_the_last_four_digits() {
        assert_eq!(mask_phone("+14155550123"), "XXXXXXX0123");
    }

    #[test]
    fn timestamps_end_in_z_with_whole_seconds() {
        let at = time::macros::datetime!(2023-08-15 19:29:37.123 UTC);
        assert_eq!(timestamp(at), "2023-08-15T19:29:37Z");
    }

    #[test]
    fn tokens_have_stytch_lengths() {
        assert_eq!(magic_link_token().len(), 44);
        assert_eq!(opaque_token().len(), 44);
        assert_eq!(numeric_code(6).len(), 6);
        let code = recovery_code();
        assert_eq!(code.len(), 14);
        assert!(code.split('-').all(|g| g.len() == 4
            && g.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())));
    }
}
