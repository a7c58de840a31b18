//! Validated inputs: an email address, an E.164 phone number, the codes a person types (SMS,
//! TOTP, recovery), and the ids.
//! A value of these types has passed its check, so an unvalidated string cannot reach Stytch.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

/// Why an input was refused before any request was made. The text says what is wrong without
/// repeating the value (it may be a code or a phone number).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {field}: {reason}")]
pub struct InvalidInput {
    /// Which input: `"email_address"`, `"phone_number"`, `"sms_code"`, …
    pub field: &'static str,
    /// What is wrong, for logs and for the app to turn into words.
    pub reason: String,
}

impl InvalidInput {
    pub(crate) fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self {
            field,
            reason: reason.into(),
        }
    }
}

/// An email address that passed RFC 5322 syntax checks (`email_address` crate) and has a domain
/// with a dot. Stored as given, trimmed.
#[derive(Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Checks and wraps an address.
    pub fn parse(input: &str) -> Result<Self, InvalidInput> {
        let s = input.trim();
        if s.is_empty() {
            return Err(InvalidInput::new("email_address", "it is empty"));
        }
        let parsed = email_address::EmailAddress::from_str(s)
            .map_err(|e| InvalidInput::new("email_address", e.to_string()))?;
        // The crate accepts `a@localhost`; Stytch wants an address that can receive mail.
        let domain = parsed.domain();
        if !domain.contains('.') || domain.starts_with('[') {
            return Err(InvalidInput::new(
                "email_address",
                "the domain must be a DNS name with a dot",
            ));
        }
        Ok(Self(s.to_owned()))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for EmailAddress {
    type Err = InvalidInput;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EmailAddress({:?})", self.0)
    }
}

/// A phone number in E.164 form (`+14155550123`), parsed and validated with libphonenumber's
/// metadata (the `phonenumber` crate). National formats with spaces or dashes are accepted if
/// they carry a `+` country code; the stored value is the canonical E.164 string.
#[derive(Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct E164(String);

impl E164 {
    /// Parses and validates an international number.
    pub fn parse(input: &str) -> Result<Self, InvalidInput> {
        let s = input.trim();
        if s.is_empty() {
            return Err(InvalidInput::new("phone_number", "it is empty"));
        }
        if !s.starts_with('+') {
            return Err(InvalidInput::new(
                "phone_number",
                "it must start with + and the country code (E.164, e.g. +14155551234)",
            ));
        }
        let number = phonenumber::parse(None, s).map_err(|e| {
            InvalidInput::new("phone_number", format!("it is not a phone number ({e})"))
        })?;
        if !phonenumber::is_valid(&number) {
            return Err(InvalidInput::new(
                "phone_number",
                "it is not a valid number for its country code",
            ));
        }
        let e164 = number.format().mode(phonenumber::Mode::E164).to_string();
        Ok(Self(e164))
    }

    /// The number in E.164 form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for E164 {
    type Err = InvalidInput;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "E164({:?})", self.0)
    }
}

/// A code a person types, checked, kept secret: `Debug`/`Display` redact it, it has no
/// `Serialize` (request bodies borrow it with `expose()`), and it is zeroized when dropped.
macro_rules! typed_code {
    ($(#[$meta:meta])* $name:ident, $check:path) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            /// Checks a code as typed by a person (surrounding whitespace is ignored).
            pub fn parse(input: &str) -> Result<Self, InvalidInput> {
                $check(input.trim()).map(|()| Self(input.trim().to_owned()))
            }

            /// The code, to send to Stytch.
            pub fn expose(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = InvalidInput;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(<redacted>)"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<redacted>")
            }
        }

        impl Drop for $name {
            fn drop(&mut self) {
                zeroize::Zeroize::zeroize(&mut self.0);
            }
        }

        impl zeroize::ZeroizeOnDrop for $name {}
    };
}

/// Exactly 6 ASCII digits: SMS codes and TOTP codes alike.
fn six_digits(field: &'static str, s: &str) -> Result<(), InvalidInput> {
    let len = s.chars().count();
    if len != 6 {
        return Err(InvalidInput::new(
            field,
            format!("it must be exactly 6 digits, got {len} characters"),
        ));
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(InvalidInput::new(field, "it must contain digits 0-9 only"));
    }
    Ok(())
}

fn sms_code(s: &str) -> Result<(), InvalidInput> {
    six_digits("sms_code", s)
}

/// RFC 6238 codes of 6 digits, the length authenticator apps show by default. **Inferred**: no
/// public Stytch source read states the length.
fn totp_code(s: &str) -> Result<(), InvalidInput> {
    six_digits("totp_code", s)
}

/// The longest recovery code accepted. **Inferred**: Stytch issues 14-character codes, but
/// `POST /v1/b2b/totp/migrate` imports a customer's own (stytch crate src/b2b/totps.rs,
/// `MigrateRequest.recovery_codes`), whose length Stytch does not bound in public.
pub const RECOVERY_CODE_MAX_LEN: usize = 64;

/// Printable ASCII without spaces, 1 to [`RECOVERY_CODE_MAX_LEN`] characters. Stytch's own codes
/// look like `ckss-2skx-ebow` (three groups of four lowercase letters and digits; the example
/// response of https://stytch.com/docs/api-reference/consumer/frontend-sdks/react/methods/totps/create),
/// but migrated codes may have any form, so only the bounds are checked (**inferred**).
fn recovery_code(s: &str) -> Result<(), InvalidInput> {
    if s.is_empty() {
        return Err(InvalidInput::new("recovery_code", "it is empty"));
    }
    if s.len() > RECOVERY_CODE_MAX_LEN {
        return Err(InvalidInput::new(
            "recovery_code",
            format!("it is longer than {RECOVERY_CODE_MAX_LEN} characters"),
        ));
    }
    if !s.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(InvalidInput::new(
            "recovery_code",
            "it may contain only printable ASCII characters without spaces",
        ));
    }
    Ok(())
}

typed_code!(
    /// A one-time SMS code: exactly 6 ASCII digits. A secret.
    SmsCode,
    sms_code
);
typed_code!(
    /// A code from an authenticator app (TOTP): exactly 6 ASCII digits. A secret.
    TotpCode,
    totp_code
);
typed_code!(
    /// A single-use recovery code, the fallback when the authenticator app is lost. A secret.
    /// Also how Stytch's answers carry them: they decode through the same check.
    RecoveryCode,
    recovery_code
);

impl<'de> Deserialize<'de> for RecoveryCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let code = RecoveryCode::parse(&s).map_err(serde::de::Error::custom);
        let mut s = s;
        zeroize::Zeroize::zeroize(&mut s);
        code
    }
}

macro_rules! id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id (not checked: Stytch is the judge of its ids).
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }
            /// The id.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
    };
}

id!(
    /// `organization-test-<uuid>` / `organization-live-<uuid>`.
    OrganizationId
);
id!(
    /// `member-test-<uuid>`.
    MemberId
);
id!(
    /// `member-session-test-<uuid>`.
    MemberSessionId
);
id!(
    /// A Stytch request id, `request-id-test-<uuid>`; quote it to Stytch support.
    RequestId
);
id!(
    /// `project-test-<uuid>` / `project-live-<uuid>`: not a secret (it is in every JWT's `aud`).
    ProjectId
);
id!(
    /// An organization slug such as `example-org`.
    OrganizationSlug
);

/// An organization named by id or by slug (the GET endpoint takes either in the same place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrganizationRef {
    /// `organization-test-…`.
    Id(OrganizationId),
    /// `example-org`.
    Slug(OrganizationSlug),
}

impl OrganizationRef {
    /// The path segment.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Id(id) => id.as_str(),
            Self::Slug(s) => s.as_str(),
        }
    }
}

impl OrganizationRef {
    /// An id (`organization-…`) or else a slug, each checked as its kind. The one place where
    /// "id or slug?" is decided, for the configuration and the admin tool alike.
    pub fn parse(value: &str) -> Result<Self, InvalidInput> {
        if value.starts_with("organization-") {
            OrganizationId::parse(value).map(Self::Id)
        } else {
            OrganizationSlug::parse(value).map(Self::Slug)
        }
    }
}

impl OrganizationId {
    /// `organization-test-…` / `organization-live-…`, safe in a URL path.
    pub fn parse(value: &str) -> Result<Self, InvalidInput> {
        crate::api::check_path_segment("organization_id", value)?;
        if !value.starts_with("organization-") {
            return Err(InvalidInput::new(
                "organization_id",
                "it is not a Stytch organization id (organization-…)",
            ));
        }
        Ok(Self::new(value))
    }
}

impl OrganizationSlug {
    /// A slug safe in a URL path (letters, digits, `-`, `_`, `.`, `~`).
    pub fn parse(value: &str) -> Result<Self, InvalidInput> {
        crate::api::check_path_segment("organization_slug", value)?;
        if value.len() > 128 {
            return Err(InvalidInput::new(
                "organization_slug",
                "it is longer than 128 characters",
            ));
        }
        Ok(Self::new(value))
    }
}

impl ProjectId {
    /// `project-test-…` or `project-live-…`.
    pub fn parse(value: &str) -> Result<Self, InvalidInput> {
        crate::api::check_path_segment("project_id", value)?;
        if !value.starts_with("project-test-") && !value.starts_with("project-live-") {
            return Err(InvalidInput::new(
                "project_id",
                "it is not a Stytch project id (project-test-… or project-live-…)",
            ));
        }
        Ok(Self::new(value))
    }
}

/// A session lifetime Stytch accepts: 5 to 527040 minutes (a year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SessionMinutes(u32);

impl SessionMinutes {
    /// Stytch's default, 60.
    pub const DEFAULT: SessionMinutes =
        SessionMinutes(crate::api::DEFAULT_SESSION_DURATION_MINUTES);

    pub fn parse(minutes: u32) -> Result<Self, InvalidInput> {
        crate::api::check_session_duration(Some(minutes))?;
        Ok(Self(minutes))
    }

    pub const fn get(self) -> u32 {
        self.0
    }
}

impl From<OrganizationId> for OrganizationRef {
    fn from(id: OrganizationId) -> Self {
        Self::Id(id)
    }
}

impl From<OrganizationSlug> for OrganizationRef {
    fn from(s: OrganizationSlug) -> Self {
        Self::Slug(s)
    }
}

impl From<&OrganizationId> for OrganizationRef {
    fn from(id: &OrganizationId) -> Self {
        Self::Id(id.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_accepts_ordinary_and_refuses_garbage() {
        assert_eq!(
            EmailAddress::parse(" ada@example.com ").unwrap().as_str(),
            "ada@example.com"
        );
        assert!(EmailAddress::parse("").is_err());
        assert!(EmailAddress::parse("ada").is_err());
        assert!(EmailAddress::parse("ada@").is_err());
        assert!(EmailAddress::parse("@example.com").is_err());
        assert!(EmailAddress::parse("ada@localhost").is_err());
        assert!(EmailAddress::parse("a b@example.com").is_err());
        let e = EmailAddress::parse("ada@@example.com").unwrap_err();
        assert_eq!(e.field, "email_address");
    }

    #[test]
    fn e164_parses_with_the_phone_library() {
        assert_eq!(
            E164::parse("+14155550123").unwrap().as_str(),
            "+14155550123"
        );
        assert_eq!(
            E164::parse("+1 415-555-0123").unwrap().as_str(),
            "+14155550123"
        );
        assert_eq!(
            E164::parse("+44 20 7946 0958").unwrap().as_str(),
            "+442079460958"
        );
        let no_plus = E164::parse("4155550123").unwrap_err();
        assert!(no_plus.reason.contains("must start with +"), "{no_plus}");
        assert!(E164::parse("+1").is_err());
        assert!(E164::parse("+1415555012345678").is_err());
        assert!(E164::parse("+abc").is_err());
        // Right length, but no such area code.
        let bad = E164::parse("+10005550123").unwrap_err();
        assert!(bad.reason.contains("not a valid number"), "{bad}");
        assert!(E164::parse("").is_err());
    }

    #[test]
    fn sms_code_is_exactly_six_ascii_digits() {
        assert_eq!(SmsCode::parse("012345").unwrap().expose(), "012345");
        assert_eq!(SmsCode::parse(" 123456\n").unwrap().expose(), "123456");
        for bad in ["12345", "1234567", "12345a", "١٢٣٤٥٦", "12 345", ""] {
            let e = SmsCode::parse(bad).unwrap_err();
            assert_eq!(e.field, "sms_code");
        }
        assert!(SmsCode::parse("12345")
            .unwrap_err()
            .reason
            .contains("got 5"));
    }

    #[test]
    fn sms_code_is_redacted() {
        let c = SmsCode::parse("987654").unwrap();
        assert!(!format!("{c:?}{c}").contains("987654"));
    }

    #[test]
    fn totp_code_is_exactly_six_ascii_digits_and_redacted() {
        let c = TotpCode::parse(" 004211 ").unwrap();
        assert_eq!(c.expose(), "004211");
        assert_eq!(format!("{c:?}"), "TotpCode(<redacted>)");
        assert_eq!(format!("{c}"), "<redacted>");
        for bad in ["12345", "1234567", "12345a", "١٢٣٤٥٦", "12 345", ""] {
            assert_eq!(
                TotpCode::parse(bad).unwrap_err().field,
                "totp_code",
                "{bad}"
            );
        }
    }

    #[test]
    fn recovery_code_is_bounded_printable_ascii_and_redacted() {
        let c = RecoveryCode::parse(" ckss-2skx-ebow\n").unwrap();
        assert_eq!(c.expose(), "ckss-2skx-ebow");
        assert!(!format!("{c:?}{c}").contains("ckss"));
        assert!(RecoveryCode::parse(&"a".repeat(RECOVERY_CODE_MAX_LEN)).is_ok());
        for bad in ["", "ckss 2skx ebow", "ckss-2skx-ébow", &"a".repeat(65)] {
            assert_eq!(
                RecoveryCode::parse(bad).unwrap_err().field,
                "recovery_code",
                "{bad:?}"
            );
        }
        let from_stytch: RecoveryCode = serde_json::from_str("\"hi08-n5tk-lns5\"").unwrap();
        assert_eq!(from_stytch.expose(), "hi08-n5tk-lns5");
        assert!(serde_json::from_str::<RecoveryCode>("\"with space\"").is_err());
    }
}
