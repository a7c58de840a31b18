//! PKCE for email magic links: binds a link to the app instance that asked for it.
//! Verifier = 32 bytes from the OS random source as 64 hex chars (as Stytch's SDKs do);
//! challenge = base64url without padding of SHA-256 over the verifier's ASCII (RFC 7636 S256).

use std::fmt;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use rand::RngCore as _;
use serde::Serialize;
use sha2::{Digest as _, Sha256};

/// The PKCE code verifier: kept by the app, sent only to `magic_links/authenticate`.
#[derive(Clone, PartialEq, Eq)]
pub struct PkceCodeVerifier(String);

impl PkceCodeVerifier {
    /// A fresh verifier: 32 bytes from the operating system's random source, hex-encoded.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(hex(&bytes))
    }

    /// Restores a verifier kept elsewhere (e.g. across a restart while awaiting the link).
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The challenge to send with `magic_links/email/login_or_signup`.
    pub fn challenge(&self) -> PkceCodeChallenge {
        PkceCodeChallenge::s256(&self.0)
    }

    /// The verifier value, for the request body or secure storage only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PkceCodeVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PkceCodeVerifier(<redacted>)")
    }
}

impl fmt::Display for PkceCodeVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The PKCE code challenge (public: it travels in the email request).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct PkceCodeChallenge(String);

impl PkceCodeChallenge {
    /// base64url-no-pad(SHA-256(verifier ASCII)).
    pub fn s256(verifier: &str) -> Self {
        Self(URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())))
    }

    /// The challenge string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PkceCodeChallenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    s
}

impl Drop for PkceCodeVerifier {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl zeroize::ZeroizeOnDrop for PkceCodeVerifier {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_matches_rfc7636_appendix_b() {
        let v = PkceCodeVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(
            v.challenge().as_str(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn challenge_of_a_hex_verifier_matches_a_precomputed_vector() {
        // printf %s 000102…1f (hex of bytes 0..32) | sha256 | base64url, computed with openssl.
        let bytes: Vec<u8> = (0u8..32).collect();
        let v = PkceCodeVerifier::new(hex(&bytes));
        assert_eq!(
            v.expose(),
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
        );
        assert_eq!(v.challenge().as_str(), HEX_VECTOR_CHALLENGE);
    }

    const HEX_VECTOR_CHALLENGE: &str = "bIbGqsX7JLz12ZOct9fVZFzjlBj0SeA7Ji3U-hS0uSs";

    #[test]
    fn generated_verifiers_are_64_lowercase_hex_and_distinct() {
        let a = PkceCodeVerifier::generate();
        let b = PkceCodeVerifier::generate();
        assert_eq!(a.expose().len(), 64);
        assert!(a
            .expose()
            .bytes()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)));
        assert_ne!(a, b);
        let c = a.challenge();
        assert_eq!(c.as_str().len(), 43);
        assert!(!c.as_str().contains(['=', '+', '/']));
        assert!(!format!("{a:?}{a}").contains(a.expose()));
    }
}
