//! Where the session JWT goes when it changes: the shell sets it as the workspace's cookie. It is
//! the one credential that leaves the core, by design: 5 minutes long, never the session token,
//! and never in a view (views go to the local UI; the JWT goes to the workspace as a cookie).

use std::sync::Mutex;

use sha2::{Digest, Sha256};
use stytch_b2b::SessionJwt;

/// Called with the new JWT when one is minted or renewed, and with `None` when the session ends
/// (signed out, revoked, expired). It runs under the machine's lock: it must not block or call
/// back into the machine.
pub type JwtObserver = Box<dyn Fn(Option<&SessionJwt>) + Send + Sync>;

#[derive(Default)]
pub(crate) struct JwtSink {
    observer: Mutex<Option<JwtObserver>>,
    /// SHA-256 of the JWT last reported (`None`: none, or no session).
    last: Mutex<Option<[u8; 32]>>,
}

impl JwtSink {
    pub(crate) fn set(&self, observer: JwtObserver) {
        *self.observer.lock().unwrap_or_else(|e| e.into_inner()) = Some(observer);
    }

    /// Reports `jwt` if it differs from the one last reported.
    pub(crate) fn offer(&self, jwt: Option<&SessionJwt>) {
        let fingerprint: Option<[u8; 32]> =
            jwt.map(|j| Sha256::digest(j.expose().as_bytes()).into());
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if *last == fingerprint {
            return;
        }
        *last = fingerprint;
        drop(last);
        if let Some(observer) = &*self.observer.lock().unwrap_or_else(|e| e.into_inner()) {
            tracing::info!(session = jwt.is_some(), "session JWT changed");
            observer(jwt);
        }
    }
}
