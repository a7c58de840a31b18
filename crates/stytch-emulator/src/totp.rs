//! Authenticator-app codes (RFC 6238, computed by `totp-rs`) and the QR code that carries a
//! secret to the app: the `otpauth://` URL drawn as a PNG (`qrcodegen` + `png`, far lighter than
//! the `image` crate that totp-rs's own `qr` feature pulls in).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use qrcodegen::{QrCode, QrCodeEcc};
use rand::RngCore;
use totp_rs::{Algorithm, TOTP};

use crate::facts;

/// A fresh random secret of [`facts::TOTP_SECRET_BYTES`].
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; facts::TOTP_SECRET_BYTES];
    rand::thread_rng().fill_bytes(&mut secret);
    secret
}

fn generator(secret: &[u8]) -> TOTP {
    TOTP::new_unchecked(
        Algorithm::SHA1,
        facts::TOTP_DIGITS,
        facts::TOTP_SKEW_STEPS,
        facts::TOTP_STEP_SECONDS,
        secret.to_vec(),
    )
}

/// The time step `unix_seconds` falls in.
pub fn step_of(unix_seconds: u64) -> u64 {
    unix_seconds / facts::TOTP_STEP_SECONDS
}

/// The code of the step `unix_seconds` falls in.
pub fn code_at(secret: &[u8], unix_seconds: u64) -> String {
    generator(secret).generate(unix_seconds)
}

/// The step among the current one and [`facts::TOTP_SKEW_STEPS`] either side whose code is
/// `code`, if any.
pub fn matching_step(secret: &[u8], code: &str, unix_seconds: u64) -> Option<u64> {
    let totp = generator(secret);
    let now = step_of(unix_seconds);
    let skew = u64::from(facts::TOTP_SKEW_STEPS);
    (now.saturating_sub(skew)..=now + skew).find(|step| {
        let expected = totp.generate(step * facts::TOTP_STEP_SECONDS);
        constant_time_eq(expected.as_bytes(), code.as_bytes())
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The secret as authenticator apps take it: base32, no padding.
pub fn base32(secret: &[u8]) -> String {
    generator(secret).get_secret_base32()
}

/// Google's Key URI format: `otpauth://totp/<issuer>:<account>?secret=…&issuer=…`.
pub fn otpauth_url(secret: &[u8], issuer: &str, account_name: &str) -> String {
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}",
        percent(issuer),
        percent(account_name),
        base32(secret),
        percent(issuer)
    )
}

/// RFC 3986 percent-encoding of everything but the unreserved characters.
fn percent(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `url` as a QR code in a `data:` URL of a PNG, shaped as Stytch's (see [`facts::TOTP_QR_PREFIX`]).
pub fn qr_data_url(url: &str) -> String {
    let png = qr_png(url).unwrap_or_default();
    format!("{}{}", facts::TOTP_QR_PREFIX, STANDARD.encode(png))
}

/// A [`facts::TOTP_QR_PIXELS`]-square 16-bit greyscale PNG: dark modules black, a quiet zone of
/// four modules, the code centred.
fn qr_png(text: &str) -> Option<Vec<u8>> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let side = facts::TOTP_QR_PIXELS as i32;
    let modules = qr.size() + 8;
    let scale = (side / modules).max(1);
    let offset = (side - scale * qr.size()) / 2;
    let mut pixels = Vec::with_capacity((side * side * 2) as usize);
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (
                (x - offset).div_euclid(scale),
                (y - offset).div_euclid(scale),
            );
            let dark = x >= offset && y >= offset && qr.get_module(mx, my);
            let level: u16 = if dark { 0 } else { u16::MAX };
            pixels.extend_from_slice(&level.to_be_bytes());
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Sixteen);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&pixels).ok()?;
    writer.finish().ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, SHA-1: the secret "12345678901234567890" at T = 59 gives 94287082
    /// (8 digits); its last 6 digits are the 6-digit code.
    #[test]
    fn codes_match_the_rfc_test_vector() {
        assert_eq!(code_at(b"12345678901234567890", 59), "287082");
        assert_eq!(code_at(b"12345678901234567890", 1111111109), "081804");
    }

    #[test]
    fn one_step_either_side_matches_and_two_do_not() {
        let secret = b"12345678901234567890";
        let t = 1_000_000_020;
        let now = step_of(t);
        let at = |step: u64| code_at(secret, step * facts::TOTP_STEP_SECONDS);
        assert_eq!(matching_step(secret, &at(now), t), Some(now));
        assert_eq!(matching_step(secret, &at(now - 1), t), Some(now - 1));
        assert_eq!(matching_step(secret, &at(now + 1), t), Some(now + 1));
        assert_eq!(matching_step(secret, &at(now - 2), t), None);
        assert_eq!(matching_step(secret, "12345", t), None);
    }

    #[test]
    fn the_qr_code_is_a_200_pixel_16_bit_greyscale_png() {
        let url = otpauth_url(b"12345678901234567890", "Example Org", "ada@example.com");
        assert!(url.starts_with("otpauth://totp/Example%20Org:ada%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example%20Org"), "{url}");
        let data = qr_data_url(&url);
        let b64 = data.strip_prefix(facts::TOTP_QR_PREFIX).unwrap();
        let png = STANDARD.decode(b64).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(&png[16..24], &[0, 0, 0, 200, 0, 0, 0, 200]);
        assert_eq!(&png[24..26], &[16, 0], "depth 16, greyscale");
    }
}
