//! Where the session JWT goes when it changes: the shell sets it as the workspace's cookie. It is
//! the one credential that leaves the core, by design: 5 minutes long, never the session token,
//! and never in a view (views go to the local UI; the JWT goes to the workspace as a cookie).

use std::sync::Mutex;

use sha2::{Digest, Sha256};
use stytch_b2b::SessionJwt;

/// What happened to the session's JWT.
#[derive(Debug, Clone, Copy)]
pub enum JwtEvent<'a> {
    /// A session began (signed in, or restored at launch), or the person asked to open the
    /// workspace again: set the cookie and open the workspace.
    Open(&'a SessionJwt),
    /// The session check brought a new JWT: replace the cookie, leave the window where it is.
    Renewed(&'a SessionJwt),
    /// The local UI must be in front for a moment (new recovery codes, shown once): show it and
    /// keep the cookie; an `Open` follows when the person is done.
    Pause,
    /// The session ended (signed out, revoked, expired): delete the cookie, close the workspace.
    Ended,
}

/// Called at every [`JwtEvent`]. It runs under the machine's lock: it must not block or call
/// back into the machine.
pub type JwtObserver = Box<dyn Fn(JwtEvent<'_>) + Send + Sync>;

#[derive(Default)]
pub(crate) struct JwtSink {
    observer: Mutex<Option<JwtObserver>>,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// SHA-256 of the JWT last reported (`None`: none, or no session).
    last: Option<[u8; 32]>,
    /// The next offer reports `Open` even when the JWT is the one last reported.
    reopen: bool,
    /// `Pause` was reported and no `Open` since.
    paused: bool,
}

impl JwtSink {
    pub(crate) fn set(&self, observer: JwtObserver) {
        *self.observer.lock().unwrap_or_else(|e| e.into_inner()) = Some(observer);
    }

    /// The next offer of a JWT opens the workspace again.
    pub(crate) fn reopen(&self) {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).reopen = true;
    }

    /// Reports what changed since the last offer, if anything did. `held`: the session's local
    /// screens must stay in front (see [`JwtEvent::Pause`]).
    pub(crate) fn offer(&self, jwt: Option<&SessionJwt>, held: bool) {
        let fingerprint: Option<[u8; 32]> =
            jwt.map(|j| Sha256::digest(j.expose().as_bytes()).into());
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let event = match jwt {
            None if inner.last.is_none() => None,
            None => Some(JwtEvent::Ended),
            Some(_) if held && !inner.paused => Some(JwtEvent::Pause),
            Some(jwt) if held => (inner.last != fingerprint).then_some(JwtEvent::Renewed(jwt)),
            Some(jwt) if inner.last.is_none() || inner.reopen || inner.paused => {
                Some(JwtEvent::Open(jwt))
            }
            Some(jwt) if inner.last != fingerprint => Some(JwtEvent::Renewed(jwt)),
            Some(_) => None,
        };
        inner.paused = match event {
            Some(JwtEvent::Pause) => true,
            Some(JwtEvent::Open(_) | JwtEvent::Ended) => false,
            _ => inner.paused,
        };
        inner.last = fingerprint;
        inner.reopen = false;
        drop(inner);
        let Some(event) = event else { return };
        if let Some(observer) = &*self.observer.lock().unwrap_or_else(|e| e.into_inner()) {
            let kind = match event {
                JwtEvent::Open(_) => "open",
                JwtEvent::Renewed(_) => "renewed",
                JwtEvent::Pause => "pause",
                JwtEvent::Ended => "ended",
            };
            tracing::info!(event = kind, "session JWT");
            observer(event);
        }
    }
}
