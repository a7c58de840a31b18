//! Where the machine keeps what must outlive the process (the session token, a sign-in waiting
//! for its link): an async trait, so the core does not block its runtime on a keychain call and
//! knows nothing of which keychain it is. The shell implements it on the OS keychain.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

mod error;

pub use error::VaultError;

/// A vault's answer; the error says which kind of failure it was (never holds the secret).
pub type Answer<'a, T> = Pin<Box<dyn Future<Output = Result<T, VaultError>> + Send + 'a>>;

pub trait Vault: Send + Sync {
    fn store(&self, secret: String) -> Answer<'_, ()>;
    fn load(&self) -> Answer<'_, Option<String>>;
    fn wipe(&self) -> Answer<'_, ()>;
}

/// How long a keychain call may take before it counts as failed. A Secret Service that is
/// starting, locked behind a prompt nobody sees, or gone from the bus otherwise holds a call for
/// D-Bus's default 25 s (inferred from libdbus's default reply timeout), and the launch with it.
/// `gatehouse doctor`'s keychain probe is held to the same limit.
pub const KEYCHAIN_LIMIT: Duration = Duration::from_secs(8);

/// `vault` with every call bounded by `limit`: past it the call is [`VaultError::TimedOut`] (the
/// call itself may still finish later, its answer unused).
pub fn bounded(vault: Arc<dyn Vault>, limit: Duration) -> Arc<dyn Vault> {
    Arc::new(Bounded { vault, limit })
}

struct Bounded {
    vault: Arc<dyn Vault>,
    limit: Duration,
}

impl Bounded {
    fn within<'a, T: Send + 'a>(&self, call: Answer<'a, T>) -> Answer<'a, T> {
        let limit = self.limit;
        Box::pin(async move {
            tokio::time::timeout(limit, call)
                .await
                .unwrap_or_else(|_| Err(VaultError::timed_out(limit)))
        })
    }
}

impl Vault for Bounded {
    fn store(&self, secret: String) -> Answer<'_, ()> {
        self.within(self.vault.store(secret))
    }
    fn load(&self) -> Answer<'_, Option<String>> {
        self.within(self.vault.load())
    }
    fn wipe(&self) -> Answer<'_, ()> {
        self.within(self.vault.wipe())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Hanging;

    impl Vault for Hanging {
        fn store(&self, _: String) -> Answer<'_, ()> {
            Box::pin(std::future::pending())
        }
        fn load(&self) -> Answer<'_, Option<String>> {
            Box::pin(std::future::pending())
        }
        fn wipe(&self) -> Answer<'_, ()> {
            Box::pin(std::future::pending())
        }
    }

    #[tokio::test]
    async fn a_call_past_the_limit_is_timed_out() {
        let limit = Duration::from_millis(10);
        let vault = bounded(Arc::new(Hanging), limit);
        assert_eq!(vault.load().await, Err(VaultError::timed_out(limit)));
        assert!(matches!(
            vault.store("s".into()).await,
            Err(VaultError::TimedOut(_))
        ));
    }
}
