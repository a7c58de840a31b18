//! The core's `Vault` on the OS keychain: each call runs on a blocking thread, so the async
//! runtime never waits on D-Bus.

use gatehouse_core::vault::{Answer, Vault, VaultError};
use zeroize::Zeroizing;

use crate::keychain::Keychain;

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
    work: impl FnOnce() -> Result<T, VaultError> + Send + 'static,
) -> Result<T, VaultError> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        // The call panicked (or the runtime is shutting down): no keychain to be had this time.
        Err(e) => Err(VaultError::Unavailable(format!(
            "keychain task failed: {e}"
        ))),
    }
}
