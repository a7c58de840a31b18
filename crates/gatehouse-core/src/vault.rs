//! Where the machine keeps what must outlive the process (the session token, a sign-in waiting
//! for its link): an async trait, so the core does not block its runtime on a keychain call and
//! knows nothing of which keychain it is. The shell implements it on the OS keychain.

use std::future::Future;
use std::pin::Pin;

/// A vault's answer; the error is a sentence for logs and notices (never holds the secret).
pub type Answer<'a, T> = Pin<Box<dyn Future<Output = Result<T, String>> + Send + 'a>>;

pub trait Vault: Send + Sync {
    fn store(&self, secret: String) -> Answer<'_, ()>;
    fn load(&self) -> Answer<'_, Option<String>>;
    fn wipe(&self) -> Answer<'_, ()>;
}
