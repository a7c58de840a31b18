//! The OS keychain holding the member's session token: the Secret Service on Linux, Keychain on
//! macOS, Credential Manager on Windows — through `keyring`, never its in-memory mock.

use keyring::Entry;

/// The account name under which the session token is stored; the service is the app identifier.
const ACCOUNT: &str = "session";

#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    #[error("the keychain could not be reached: {0}")]
    Unavailable(String),
    #[error("the keychain refused the operation: {0}")]
    Refused(String),
}

impl From<keyring::Error> for KeychainError {
    fn from(error: keyring::Error) -> Self {
        match error {
            keyring::Error::PlatformFailure(e) | keyring::Error::NoStorageAccess(e) => {
                KeychainError::Unavailable(e.to_string())
            }
            other => KeychainError::Refused(other.to_string()),
        }
    }
}

/// One secret in the keychain, addressed by the app identifier.
#[derive(Debug, Clone)]
pub struct Keychain {
    service: String,
}

impl Keychain {
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    pub fn account(&self) -> &'static str {
        ACCOUNT
    }

    fn entry(&self) -> Result<Entry, KeychainError> {
        Ok(Entry::new(&self.service, ACCOUNT)?)
    }

    /// Stores `secret`, replacing whatever was there.
    pub fn store(&self, secret: &str) -> Result<(), KeychainError> {
        Ok(self.entry()?.set_password(secret)?)
    }

    /// The stored secret; `Ok(None)` when there is none.
    pub fn load(&self) -> Result<Option<String>, KeychainError> {
        match self.entry()?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Removes the stored secret; removing nothing succeeds.
    pub fn wipe(&self) -> Result<(), KeychainError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}
