//! The core's `Vault` on the OS keychain: each call runs on a blocking thread, so the async
//! runtime never waits on D-Bus.

use gatehouse_core::vault::{Answer, Vault};
use zeroize::Zeroizing;

use crate::keychain::{Keychain, KeychainError};

impl Vault for Keychain {
    fn store(&self, secret: String) -> Answer<'_, ()> {
        let keychain = self.clone();
        // The copy handed to the keychain is wiped once stored.
        let secret = Zeroizing::new(secret);
        Box::pin(blocking(move || keychain.store(&secret)))
    }

    fn load(&self) -> Answer<'_, Option<String>> {
        let keychain = self.clone();
        Box::pin(blocking(move || keychain.load()))
    }

    fn wipe(&self) -> Answer<'_, ()> {
        let keychain = self.clone();
        Box::pin(blocking(move || keychain.wipe()))
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, KeychainError> + Send + 'static,
) -> Result<T, String> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(e) => Err(format!("keychain task failed: {e}")),
    }
}
