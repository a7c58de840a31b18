//! The endpoints, one module per area (organizations, members, magic links, SMS OTPs, TOTP,
//! recovery codes, sessions): public request and response types, private wire bodies, and the `Client`
//! methods. [`proof`] is what the MFA areas share: how the primary factor is proven; [`answer`]
//! declares the fields Stytch's answers share.

pub(crate) mod answer;
pub mod magic_links;
pub mod members;
pub mod organizations;
pub mod otps;
pub mod proof;
pub mod recovery_codes;
pub mod sessions;
pub mod totp;

use crate::validated::InvalidInput;

/// Session lifetimes Stytch accepts, in minutes.
pub const SESSION_DURATION_MINUTES: std::ops::RangeInclusive<u32> = 5..=527_040;
/// Stytch's default session lifetime; sent on the SDK paths, where the field is required.
pub const DEFAULT_SESSION_DURATION_MINUTES: u32 = 60;
/// Magic-link lifetimes Stytch accepts, in minutes.
pub const MAGIC_LINK_EXPIRATION_MINUTES: std::ops::RangeInclusive<u32> = 5..=10_080;

pub(crate) fn check_session_duration(m: Option<u32>) -> Result<(), InvalidInput> {
    match m {
        Some(m) if !SESSION_DURATION_MINUTES.contains(&m) => Err(InvalidInput::new(
            "session_duration_minutes",
            format!("{m} is outside 5..=527040"),
        )),
        _ => Ok(()),
    }
}

/// The `session_duration_minutes` a minting call sends: checked against Stytch's bounds, and on the
/// SDK path (where the field is required) Stytch's own default when none was asked for.
pub(crate) fn minted_session_duration(
    family: crate::config::Family,
    requested: Option<u32>,
) -> Result<Option<u32>, InvalidInput> {
    check_session_duration(requested)?;
    Ok(match family {
        crate::config::Family::Backend => requested,
        crate::config::Family::Sdk => Some(requested.unwrap_or(DEFAULT_SESSION_DURATION_MINUTES)),
    })
}

/// The top-level keys a request body serializes to: what the unit tests check a body may carry.
#[cfg(test)]
pub(crate) fn body_keys(body: &impl serde::Serialize) -> Vec<String> {
    match serde_json::to_value(body).unwrap() {
        serde_json::Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("{other}"),
    }
}

/// Ids and slugs go into the URL path: refuse anything that is not plainly URL-safe, so that a
/// value cannot change the path.
pub(crate) fn check_path_segment(field: &'static str, s: &str) -> Result<(), InvalidInput> {
    if s.is_empty() {
        return Err(InvalidInput::new(field, "it is empty"));
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
        || s == "."
        || s == ".."
    {
        return Err(InvalidInput::new(
            field,
            "it may contain only letters, digits, '-', '_', '.', '~'",
        ));
    }
    Ok(())
}
