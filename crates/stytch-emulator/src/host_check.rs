//! DNS rebinding protection for a listening emulator: a request is served only when the host it
//! names (its `Host` header, and the request target's authority when it has one) is an allowed
//! one, because a web page whose own host name resolves to this machine could otherwise read
//! `/emulator/project` (the project secret) and the outbox (every code).
//!
//! Allowed, each on the port actually bound: the bound address (`IP:PORT`, `[IPv6]:PORT`),
//! `localhost`, `127.0.0.1` and `[::1]`; plus the names added with [`AllowedHosts::allow`]
//! (the binary's `--allow-host NAME[:PORT]`, accepted only with `--allow-remote`). A host without
//! a port means port 80. Names match exactly, ignoring ASCII case: no suffixes, no wildcards.
//! There is deliberately no "any host" setting: a remote client that reaches the emulator by a
//! name or an address other than the bound one is served only once that name is allowed.
//! Anything else answers 421 `misdirected_request` in Stytch's error shape.
//!
//! [`crate::Emulator::router`] has no such check (it serves `oneshot` calls, which carry no
//! `Host`); [`crate::Emulator::router_for`], `spawn`, `serve_on` and the binary have it.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::StytchError;
use crate::facts;

/// The hosts (name and port) a listening emulator serves.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    port: u16,
    hosts: Vec<(String, u16)>,
}

impl AllowedHosts {
    /// The bound address, `localhost`, `127.0.0.1` and `[::1]`, on `bound`'s port.
    pub fn new(bound: SocketAddr) -> AllowedHosts {
        let port = bound.port();
        let names = [
            ip_name(bound.ip()),
            "localhost".into(),
            "127.0.0.1".into(),
            "[::1]".into(),
        ];
        AllowedHosts {
            port,
            hosts: names.into_iter().map(|name| (name, port)).collect(),
        }
    }

    /// Also serves `host`: a name or IP address, with `:PORT` or else on the bound port.
    pub fn allow(mut self, host: &str) -> Result<AllowedHosts, String> {
        let (name, port) = parse(host).ok_or_else(|| format!("not a host name: {host:?}"))?;
        self.hosts.push((name, port.unwrap_or(self.port)));
        Ok(self)
    }

    /// Whether a request naming `host` (a `Host` header's value) is served.
    pub fn allows(&self, host: &str) -> bool {
        parse(host).is_some_and(|(name, port)| {
            let port = port.unwrap_or(80);
            self.hosts.iter().any(|(n, p)| *n == name && *p == port)
        })
    }
}

/// An IP address as it appears in a `Host`: IPv6 in brackets.
fn ip_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// `NAME[:PORT]` as a canonical (lowercase; IP addresses normalized) name and the port if given;
/// `None` unless it is a host name, an IPv4 address or a bracketed IPv6 address.
pub(crate) fn parse(host: &str) -> Option<(String, Option<u16>)> {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => {
            let (ip, after) = rest.split_once(']')?;
            let ip: std::net::Ipv6Addr = ip.parse().ok()?;
            (ip_name(IpAddr::V6(ip)), after)
        }
        None => {
            let end = host.find(':').unwrap_or(host.len());
            let name = &host[..end];
            let valid = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
            if !valid {
                return None;
            }
            let name = match name.parse::<IpAddr>() {
                Ok(ip) => ip_name(ip),
                Err(_) => name.to_ascii_lowercase(),
            };
            (name, &host[end..])
        }
    };
    let port = match port {
        "" => None,
        p => Some(p.strip_prefix(':')?.parse::<u16>().ok()?),
    };
    Some((name, port))
}

/// The middleware's state: what is allowed, and whether error ids are live ones.
#[derive(Clone)]
pub(crate) struct HostCheck {
    pub hosts: Arc<AllowedHosts>,
    pub live: bool,
}

/// Refuses a request unless every host it names is allowed (and it names one).
pub(crate) async fn check(
    State(check): State<HostCheck>,
    request: Request,
    next: Next,
) -> Response {
    let header = request
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or("\u{fffd}").to_string());
    let target = request.uri().authority().map(|a| a.as_str().to_string());
    let named: Vec<String> = header.into_iter().chain(target).collect();
    let refused = named.iter().find(|h| !check.hosts.allows(h));
    if named.is_empty() || refused.is_some() {
        let shown = refused.map(String::as_str).unwrap_or("");
        tracing::warn!("refused a request for host {shown:?}: not an allowed host");
        return StytchError::new(
            facts::MISDIRECTED_REQUEST,
            format!(
                "This emulator does not serve the host {shown:?}: call it at 127.0.0.1:{0} or \
                 localhost:{0} (the binary serves other names with --allow-remote --allow-host NAME).",
                check.hosts.port
            ),
        )
        .live(check.live)
        .into_response();
    }
    next.run(request).await
}
