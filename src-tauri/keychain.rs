//! The OS keychain holding the member's session token: the Secret Service on Linux, Keychain on
//! macOS, Credential Manager on Windows — through `keyring`, never its in-memory mock.

use gatehouse_core::vault::VaultError;
use keyring::Entry;

use crate::keychain_error::vault_error;

/// The account under which the session token is stored; the service is the app identifier.
pub const SESSION_ACCOUNT: &str = "session";
/// The account holding a sign-in waiting for its email link, so a link that starts the app
/// (cold start) can still finish it.
pub const PENDING_SIGN_IN_ACCOUNT: &str = "pending-sign-in";
/// The account holding sessions signed out offline, still to be revoked at Stytch.
pub const REVOCATIONS_ACCOUNT: &str = "pending-revocation";
/// The account marking recovery codes shown but not confirmed saved (the member's email, never
/// a code), so that the next launch can say so.
pub const UNSAVED_CODES_ACCOUNT: &str = "unsaved-recovery-codes";

/// One secret in the keychain, addressed by the app identifier and an account name.
#[derive(Debug, Clone)]
pub struct Keychain {
    service: String,
    account: String,
}

impl Keychain {
    pub fn new(service: impl Into<String>, account: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            account: account.into(),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    fn entry(&self) -> Result<Entry, VaultError> {
        Entry::new(&self.service, &self.account).map_err(vault_error)
    }

    /// Stores `secret`, replacing whatever was there.
    pub fn store(&self, secret: &str) -> Result<(), VaultError> {
        self.entry()?.set_password(secret).map_err(vault_error)
    }

    /// The stored secret; `Ok(None)` when there is none.
    pub fn load(&self) -> Result<Option<String>, VaultError> {
        match self.entry()?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(vault_error(e)),
        }
    }

    /// Removes the stored secret; removing nothing succeeds.
    pub fn wipe(&self) -> Result<(), VaultError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(vault_error(e)),
        }
    }
}
