//! Where the session token is kept between launches: the OS keychain, behind a small async
//! trait so the sign-in core does not block its runtime on D-Bus calls.

use std::future::Future;
use std::pin::Pin;

use crate::keychain::Keychain;

type Answer<'a, T> = Pin<Box<dyn Future<Output = Result<T, String>> + Send + 'a>>;

pub trait Vault: Send + Sync {
    fn store(&self, token: String) -> Answer<'_, ()>;
    fn load(&self) -> Answer<'_, Option<String>>;
    fn wipe(&self) -> Answer<'_, ()>;
}

impl Vault for Keychain {
    fn store(&self, token: String) -> Answer<'_, ()> {
        let keychain = self.clone();
        Box::pin(blocking(move || keychain.store(&token)))
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
    work: impl FnOnce() -> Result<T, crate::keychain::KeychainError> + Send + 'static,
) -> Result<T, String> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(e) => Err(format!("keychain task failed: {e}")),
    }
}
