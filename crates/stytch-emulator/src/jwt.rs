//! Session JWTs: RS256 with a 2048-bit key generated once per process, served with its `kid`
//! (and a self-signed certificate for `x5c`) at the JWKS endpoint.

use std::sync::{Arc, OnceLock};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The signing key and what the JWKS endpoint publishes about it.
pub struct JwtKey {
    kid: String,
    /// ring signs RS256 several times faster than the `rsa` crate (which generates the key).
    ring_key: ring::rsa::KeyPair,
    rng: ring::rand::SystemRandom,
    verifying: VerifyingKey<Sha256>,
    public: RsaPublicKey,
    cert_der: Vec<u8>,
}

static GLOBAL: OnceLock<Arc<JwtKey>> = OnceLock::new();

impl JwtKey {
    /// The process-wide key: generated on first use (a second or so in a debug build), then
    /// shared by every emulator in the process, so tests do not each pay for key generation.
    pub fn global() -> Arc<JwtKey> {
        GLOBAL.get_or_init(|| Arc::new(JwtKey::generate())).clone()
    }

    fn generate() -> JwtKey {
        let mut rng = rand::thread_rng();
        let private = RsaPrivateKey::new(&mut rng, 2048).expect("RSA key generation");
        let public = RsaPublicKey::from(&private);
        let pkcs8 = private.to_pkcs8_der().expect("PKCS#8 encoding");
        let ring_key =
            ring::rsa::KeyPair::from_pkcs8(pkcs8.as_bytes()).expect("ring accepts the key");
        let signing = SigningKey::<Sha256>::new(private);
        let verifying = VerifyingKey::<Sha256>::new(public.clone());
        // Stytch key ids look like jwk-test-<uuid>.
        let kid = format!("jwk-test-{}", uuid::Uuid::new_v4());
        let cert_der = self_signed_certificate(&signing, &public);
        JwtKey {
            kid,
            ring_key,
            rng: ring::rand::SystemRandom::new(),
            verifying,
            public,
            cert_der,
        }
    }

    /// Signs `claims` as a compact JWS.
    pub fn sign(&self, claims: &Value) -> String {
        let header = json!({"alg": "RS256", "typ": "JWT", "kid": self.kid});
        let mut input = URL_SAFE_NO_PAD.encode(header.to_string());
        input.push('.');
        input.push_str(&URL_SAFE_NO_PAD.encode(claims.to_string()));
        let mut signature = vec![0u8; self.ring_key.public().modulus_len()];
        self.ring_key
            .sign(
                &ring::signature::RSA_PKCS1_SHA256,
                &self.rng,
                input.as_bytes(),
                &mut signature,
            )
            .expect("RS256 signing");
        input.push('.');
        input.push_str(&URL_SAFE_NO_PAD.encode(signature));
        input
    }

    /// Checks the signature and kid and returns the claims. Expiry is the caller's business:
    /// Stytch's sessions/authenticate accepts an expired JWT whose session is still alive.
    pub fn verify(&self, jwt: &str) -> Option<Value> {
        let mut parts = jwt.split('.');
        let (h, c, s) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(h).ok()?).ok()?;
        if header.get("alg")?.as_str()? != "RS256" || header.get("kid")?.as_str()? != self.kid {
            return None;
        }
        let signature = Signature::try_from(URL_SAFE_NO_PAD.decode(s).ok()?.as_slice()).ok()?;
        let signed = &jwt[..h.len() + 1 + c.len()];
        self.verifying.verify(signed.as_bytes(), &signature).ok()?;
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(c).ok()?).ok()
    }

    /// One entry of the JWKS `keys` array.
    pub fn jwk(&self) -> Value {
        json!({
            "kty": "RSA",
            "use": "sig",
            "key_ops": ["verify"],
            "alg": "RS256",
            "kid": self.kid,
            "x5c": [STANDARD.encode(&self.cert_der)],
            "x5tS256": URL_SAFE_NO_PAD.encode(Sha256::digest(&self.cert_der)),
            "n": URL_SAFE_NO_PAD.encode(self.public.n().to_bytes_be()),
            "e": URL_SAFE_NO_PAD.encode(self.public.e().to_bytes_be()),
        })
    }
}

// --- a minimal self-signed X.509 certificate, so that x5c / x5tS256 are real -----------------

fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    der(0x30, &parts.concat())
}

fn self_signed_certificate(signing: &SigningKey<Sha256>, public: &RsaPublicKey) -> Vec<u8> {
    // sha256WithRSAEncryption, NULL parameters.
    const SHA256_RSA: &[u8] = &[
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
    ];
    let cn = der(0x0c, b"stytch-emulator");
    let attribute = seq(&[&[0x06, 0x03, 0x55, 0x04, 0x03], &cn]);
    let name = seq(&[&der(0x31, &attribute)]);
    let utc = |at: time::OffsetDateTime| {
        let f = time::macros::format_description!(
            "[year repr:last_two][month][day][hour][minute][second]Z"
        );
        der(0x17, at.format(f).unwrap_or_default().as_bytes())
    };
    let now = time::OffsetDateTime::now_utc();
    let validity = seq(&[&utc(now), &utc(now + time::Duration::days(180))]);
    let mut serial = uuid::Uuid::new_v4().as_bytes().to_vec();
    serial[0] &= 0x7f; // positive INTEGER
    let spki = public
        .to_public_key_der()
        .map(|d| d.as_bytes().to_vec())
        .unwrap_or_default();
    let version = der(0xa0, &der(0x02, &[0x02]));
    let tbs = seq(&[
        &version,
        &der(0x02, &serial),
        SHA256_RSA,
        &name,
        &validity,
        &name,
        &spki,
    ]);
    let signature: Signature = signing.sign(&tbs);
    let mut bits = vec![0u8];
    bits.extend_from_slice(&signature.to_bytes());
    seq(&[&tbs, SHA256_RSA, &der(0x03, &bits)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_verifies_and_rejects_tampering() {
        let key = JwtKey::global();
        let jwt = key.sign(&json!({"sub": "member-test-1"}));
        assert_eq!(key.verify(&jwt).unwrap()["sub"], "member-test-1");
        let mut tampered = jwt.clone();
        tampered.replace_range(jwt.len() - 5..jwt.len() - 4, "A");
        let tampered = if tampered == jwt {
            jwt.replace('.', "..")
        } else {
            tampered
        };
        assert!(key.verify(&tampered).is_none());
        assert!(key.verify("not.a.jwt").is_none());
    }
}
