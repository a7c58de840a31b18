//! Which URLs are magic links worth sending to Stytch: the `gatehouse://auth/callback?...` the
//! OS hands over, or — pasted by a person whose deep link failed — the link exactly as the email
//! carries it, Stytch's `https://test.stytch.com/v1/magic_links/redirect?public_token=…&
//! stytch_token_type=…&token=…` (`https://stytch.com/…` live; Stytch docs,
//! guides/magic-links/email-magic-links/redirect-routing), read without following it and only
//! on the configured Stytch host. Plain functions of the URL and the configuration, so every rule
//! is unit-tested.

use stytch_b2b::{MagicLinkToken, Url};

/// The B2B redirect token types that carry an email magic link. `magic_links_token` is what
/// Stytch's SMS-OTP guide prints; the API reference names `multi_tenant_magic_links`.
const MAGIC_LINK_TOKEN_TYPES: &[&str] = &["multi_tenant_magic_links", "magic_links_token"];

/// Stytch tokens are URL-safe base64 (sometimes with `=` padding); anything else is not one.
const TOKEN_LENGTHS: std::ops::RangeInclusive<usize> = 16..=128;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkRejection {
    #[error("this is not a Gatehouse sign-in link")]
    NotOurs,
    #[error("this link is not an email sign-in link")]
    WrongTokenType,
    #[error("this link is damaged: its sign-in code is missing or malformed")]
    Malformed,
}

/// A real callback is a few hundred bytes; anything much longer is refused before parsing.
pub const MAX_LINK_BYTES: usize = 4096;

/// Parses a callback URL into its magic-link token, or says why it is refused.
pub fn parse_callback(raw: &str, scheme: &str) -> Result<MagicLinkToken, LinkRejection> {
    if raw.len() > MAX_LINK_BYTES {
        return Err(LinkRejection::Malformed);
    }
    let url = Url::parse(raw.trim()).map_err(|_| LinkRejection::Malformed)?;
    if url.scheme() != scheme || url.host_str() != Some("auth") || url.path() != "/callback" {
        return Err(LinkRejection::NotOurs);
    }
    token_of(&url)
}

/// The path of the link in Stytch's emails (Stytch docs, redirect routing).
const EMAIL_LINK_PATH: &str = "/v1/magic_links/redirect";

/// A callback URL, or the email's own link on the Stytch host `stytch` (the configured API
/// base): its token either way. The email's link is read, never followed.
pub fn parse_link(raw: &str, scheme: &str, stytch: &Url) -> Result<MagicLinkToken, LinkRejection> {
    if raw.len() > MAX_LINK_BYTES {
        return Err(LinkRejection::Malformed);
    }
    let url = Url::parse(raw.trim()).map_err(|_| LinkRejection::Malformed)?;
    if matches!(url.scheme(), "http" | "https") {
        if !is_stytch_email_link(&url, stytch) {
            return Err(LinkRejection::NotOurs);
        }
        return token_of(&url);
    }
    parse_callback(raw, scheme)
}

/// The email's link on the configured Stytch origin: same scheme, host and port as the API base;
/// Stytch's live API host `api.stytch.com` sends links from `stytch.com` (Stytch docs).
fn is_stytch_email_link(url: &Url, stytch: &Url) -> bool {
    let host = url.host_str();
    let same_origin = url.scheme() == stytch.scheme()
        && url.port_or_known_default() == stytch.port_or_known_default()
        && (host == stytch.host_str()
            || (stytch.host_str() == Some("api.stytch.com") && host == Some("stytch.com")));
    same_origin && url.path() == EMAIL_LINK_PATH && url.username().is_empty()
}

/// The magic-link token of a link's query: `stytch_token_type` one of the email link's, and a
/// plausible `token`, each once.
fn token_of(url: &Url) -> Result<MagicLinkToken, LinkRejection> {
    let mut token_type = None;
    let mut token = None;
    for (key, value) in url.query_pairs() {
        let slot = match key.as_ref() {
            "stytch_token_type" => &mut token_type,
            "token" => &mut token,
            _ => continue,
        };
        if slot.is_some() {
            return Err(LinkRejection::Malformed);
        }
        *slot = Some(value.into_owned());
    }
    match token_type.as_deref() {
        Some(t) if MAGIC_LINK_TOKEN_TYPES.contains(&t) => {}
        Some(_) => return Err(LinkRejection::WrongTokenType),
        None => return Err(LinkRejection::Malformed),
    }
    let token = token.ok_or(LinkRejection::Malformed)?;
    let plausible = TOKEN_LENGTHS.contains(&token.len())
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '='));
    if !plausible {
        return Err(LinkRejection::Malformed);
    }
    Ok(MagicLinkToken::new(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=";

    fn ok(url: &str) -> String {
        parse_callback(url, "gatehouse")
            .unwrap()
            .expose()
            .to_owned()
    }

    #[test]
    fn the_email_s_own_link_is_read_on_the_configured_stytch_host_only() {
        let test = Url::parse("https://test.stytch.com").unwrap();
        let live = Url::parse("https://api.stytch.com").unwrap();
        let emulator = Url::parse("http://127.0.0.1:4010").unwrap();
        let link = |origin: &str| {
            format!("{origin}/v1/magic_links/redirect?public_token=public-token-test-1&stytch_token_type=multi_tenant_magic_links&token={TOKEN}")
        };
        let read = |raw: &str, base: &Url| {
            parse_link(raw, "gatehouse", base).map(|t| t.expose().to_owned())
        };
        assert_eq!(
            read(&link("https://test.stytch.com"), &test),
            Ok(TOKEN.to_owned())
        );
        assert_eq!(
            read(&link("https://stytch.com"), &live),
            Ok(TOKEN.to_owned())
        );
        assert_eq!(
            read(&link("http://127.0.0.1:4010"), &emulator),
            Ok(TOKEN.to_owned())
        );
        // Another host, another port, plain http to a TLS host, another path: not ours.
        for refused in [
            link("https://evil.example"),
            link("https://stytch.com"),
            link("http://test.stytch.com"),
            link("http://127.0.0.1:4011"),
            format!("https://test.stytch.com/v1/other?stytch_token_type=multi_tenant_magic_links&token={TOKEN}"),
        ] {
            let base = if refused.contains("127.0.0.1") { &emulator } else { &test };
            assert_eq!(read(&refused, base), Err(LinkRejection::NotOurs), "{refused}");
        }
        // The callback still works, and the email link's token rules are the callback's.
        let callback = format!(
            "gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token={TOKEN}"
        );
        assert_eq!(read(&callback, &test), Ok(TOKEN.to_owned()));
        let sso = format!(
            "https://test.stytch.com/v1/magic_links/redirect?stytch_token_type=sso&token={TOKEN}"
        );
        assert_eq!(read(&sso, &test), Err(LinkRejection::WrongTokenType));
    }

    #[test]
    fn a_magic_link_callback_yields_its_token() {
        let url = format!(
            "gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token={TOKEN}"
        );
        assert_eq!(ok(&url), TOKEN);
        let guide = format!("gatehouse://auth/callback?slug=example-org&stytch_token_type=magic_links_token&token={TOKEN}");
        assert_eq!(ok(&guide), TOKEN);
    }

    #[test]
    fn links_for_another_app_or_path_are_not_ours() {
        for url in [
            format!("otherapp://auth/callback?stytch_token_type=multi_tenant_magic_links&token={TOKEN}"),
            format!("gatehouse://evil/callback?stytch_token_type=multi_tenant_magic_links&token={TOKEN}"),
            format!("gatehouse://auth/other?stytch_token_type=multi_tenant_magic_links&token={TOKEN}"),
            format!("https://auth/callback?stytch_token_type=multi_tenant_magic_links&token={TOKEN}"),
        ] {
            assert_eq!(parse_callback(&url, "gatehouse"), Err(LinkRejection::NotOurs), "{url}");
        }
    }

    #[test]
    fn other_token_types_are_refused() {
        let url = format!("gatehouse://auth/callback?stytch_token_type=sso&token={TOKEN}");
        assert_eq!(
            parse_callback(&url, "gatehouse"),
            Err(LinkRejection::WrongTokenType)
        );
    }

    #[test]
    fn malformed_links_are_refused() {
        for url in [
            "not a url".to_owned(),
            "gatehouse://auth/callback".to_owned(),
            "gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links".to_owned(),
            "gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token=short".to_owned(),
            "gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token=%3Cscript%3Ealert(1)%3C%2Fscript%3Exxxxxxxx".to_owned(),
            format!("gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token={TOKEN}&token={TOKEN}"),
            format!("gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token={}", "a".repeat(200)),
        ] {
            assert_eq!(parse_callback(&url, "gatehouse"), Err(LinkRejection::Malformed), "{url}");
        }
    }

    #[test]
    fn a_link_longer_than_4_kib_is_refused_before_parsing() {
        let padding = "a".repeat(MAX_LINK_BYTES);
        let url = format!("gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token={TOKEN}&x={padding}");
        assert_eq!(
            parse_callback(&url, "gatehouse"),
            Err(LinkRejection::Malformed)
        );
    }

    #[test]
    fn the_configured_scheme_is_the_one_accepted() {
        let url = format!(
            "acme-signin://auth/callback?stytch_token_type=multi_tenant_magic_links&token={TOKEN}"
        );
        assert!(parse_callback(&url, "acme-signin").is_ok());
        assert_eq!(
            parse_callback(&url, "gatehouse"),
            Err(LinkRejection::NotOurs)
        );
    }
}
