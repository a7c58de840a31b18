//! Secret values: project secret, tokens, the PKCE verifier, a TOTP secret and its QR code.
//! Each is a newtype whose `Debug` and `Display` print a redaction and which has no `Serialize`;
//! the only way to read one is `expose()`, which the request bodies of this crate call. Each is
//! wiped from memory (`zeroize`) when dropped.

use std::fmt;

macro_rules! secret {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Wraps a value received from Stytch, configuration or the keychain.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The secret value. Call it only to hand the value to Stytch or to a secure store;
            /// never log it.
            pub fn expose(&self) -> &str {
                &self.0
            }

            /// Consumes the wrapper and returns the secret value (e.g. to store it in the keychain).
            pub fn into_exposed(mut self) -> String {
                std::mem::take(&mut self.0)
            }
        }

        impl Drop for $name {
            fn drop(&mut self) {
                zeroize::Zeroize::zeroize(&mut self.0);
            }
        }

        impl zeroize::ZeroizeOnDrop for $name {}

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "(<redacted>)"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<redacted>")
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map(Self)
            }
        }
    };
}

secret!(
    /// The project secret of the backend API. It can call every admin endpoint: it must never
    /// ship inside an installer.
    ProjectSecret
);
secret!(
    /// The public token of the client SDK API (`public-token-test-…` / `public-token-live-…`).
    /// Not secret in Stytch's sense, but it identifies the project: treated like one.
    PublicToken
);
secret!(
    /// An opaque member session token (lives as long as the session; stored in the keychain).
    SessionToken
);
secret!(
    /// A signed session JWT (lives 5 minutes). Check it offline with
    /// [`SessionJwtVerifier`](crate::SessionJwtVerifier).
    SessionJwt
);
secret!(
    /// The intermediate session token (IST) that proves the primary factor; lives 10 minutes
    /// and is consumed by the second factor.
    IntermediateSessionToken
);
secret!(
    /// The single-use token from an email magic link's redirect URL (`token=` query parameter).
    MagicLinkToken
);

secret!(
    /// A TOTP registration's shared secret (base32), for an authenticator app. Shown to the member
    /// once, when they enrol; never logged or stored by Gatehouse.
    TotpSecret
);
secret!(
    /// A TOTP registration's QR code: the secret as an image, `data:image/png;base64,…`
    /// (Stytch's docs: "The QR code image encoded in base64"). As secret as the secret itself.
    TotpQrCode
);

macro_rules! from_string {
    ($($name:ident),*) => {$(
        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
    )*};
}
from_string!(SessionToken, SessionJwt, IntermediateSessionToken);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_redact() {
        let t = SessionToken::new("s3cr3t-value");
        assert_eq!(format!("{t:?}"), "SessionToken(<redacted>)");
        assert_eq!(format!("{t}"), "<redacted>");
        assert_eq!(t.expose(), "s3cr3t-value");
    }
}
