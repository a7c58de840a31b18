//! A vault in memory, or one that fails or hangs — standing in for the keychain only in tests of
//! the core's reaction (the real keychain has its own tests).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

use gatehouse_core::vault::{Answer, Vault, VaultError};

#[derive(Default)]
pub struct TestVault {
    pub value: Mutex<Option<String>>,
    /// Every store fails, as a locked collection does.
    pub broken: bool,
    /// How many loads from now never answer (a keychain that hangs).
    pub hanging_loads: AtomicU32,
}

impl TestVault {
    /// What the vault holds now.
    pub fn value(&self) -> Option<String> {
        self.value.lock().unwrap().clone()
    }

    /// Puts `value` in the vault, as an earlier run would have.
    pub fn set(&self, value: &str) {
        *self.value.lock().unwrap() = Some(value.to_owned());
    }
}

impl Vault for TestVault {
    fn store(&self, secret: String) -> Answer<'_, ()> {
        Box::pin(async move {
            if self.broken {
                return Err(VaultError::Locked("the collection is locked".into()));
            }
            *self.value.lock().unwrap() = Some(secret);
            Ok(())
        })
    }

    fn load(&self) -> Answer<'_, Option<String>> {
        Box::pin(async move {
            let hang = self
                .hanging_loads
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if hang {
                std::future::pending::<()>().await;
            }
            Ok(self.value())
        })
    }

    fn wipe(&self) -> Answer<'_, ()> {
        Box::pin(async move {
            *self.value.lock().unwrap() = None;
            Ok(())
        })
    }
}
