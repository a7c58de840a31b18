//! `keyring`'s errors as the core's [`VaultError`]: which of the four failures each one is.
//!
//! On Linux (the Secret Service through `dbus-secret-service`) `keyring` folds several causes
//! into two variants, so the error inside is read too:
//! - `NoStorageAccess` is `Locked` (never raised by dbus-secret-service 4.1), `Prompt` (the unlock
//!   prompt was dismissed) or `NoResult` (no default collection: a keyring daemon without a
//!   login keyring). The first two are a locked keyring; the last, no usable keyring.
//! - `PlatformFailure` is everything else, most often a D-Bus error whose name tells: no bus or
//!   no Secret Service on it (unavailable), `org.freedesktop.Secret.Error.IsLocked` (gnome-keyring's
//!   "Cannot create an item in a locked collection"), `AccessDenied`, `NoReply`.
//!
//! Elsewhere `NoStorageAccess` means no keychain to use (macOS: not available, read-only, no such
//! or an invalid keychain; Windows: no logon session). Every other `keyring` error is the
//! keychain declining what was asked (an entry it cannot hand over, or attributes it rejects).

use gatehouse_core::vault::VaultError;

/// The [`VaultError`] for `error`; its detail is `keyring`'s sentence (never the secret: no
/// variant's `Display` holds one), with the D-Bus error name when there is one.
pub fn vault_error(error: keyring::Error) -> VaultError {
    let detail = error.to_string();
    match error {
        keyring::Error::NoStorageAccess(inner) | keyring::Error::PlatformFailure(inner) => {
            platform(&*inner, detail)
        }
        // A missing entry never reaches here (it is `Ok(None)`); the rest are refusals.
        _ => VaultError::Refused(detail),
    }
}

/// The Secret Service's own error, by kind and then by D-Bus error name.
#[cfg(target_os = "linux")]
fn platform(inner: &(dyn std::error::Error + 'static), detail: String) -> VaultError {
    use dbus_secret_service::Error as Ss;
    match inner.downcast_ref::<Ss>() {
        Some(Ss::Locked | Ss::Prompt) => VaultError::Locked(detail),
        Some(Ss::Dbus(e)) => {
            let name = e.name().unwrap_or_default();
            let detail = format!("{detail} ({name})");
            by_dbus_name(name, detail)
        }
        // No default collection, no provider, a session or an answer that cannot be used.
        _ => VaultError::Unavailable(detail),
    }
}

#[cfg(not(target_os = "linux"))]
fn platform(_: &(dyn std::error::Error + 'static), detail: String) -> VaultError {
    VaultError::Unavailable(detail)
}

/// A D-Bus error by its name (the D-Bus and Secret Service specifications' names): anything not
/// named here means no usable Secret Service (no bus, nothing owning `org.freedesktop.secrets`,
/// an activation that failed, a provider that is not one).
#[cfg(target_os = "linux")]
fn by_dbus_name(name: &str, detail: String) -> VaultError {
    match name {
        "org.freedesktop.Secret.Error.IsLocked" => VaultError::Locked(detail),
        "org.freedesktop.DBus.Error.AccessDenied" | "org.freedesktop.DBus.Error.AuthFailed" => {
            VaultError::Refused(detail)
        }
        // libdbus's own reply timeout (25 s) or the provider's: no answer, as with our bound.
        "org.freedesktop.DBus.Error.NoReply"
        | "org.freedesktop.DBus.Error.Timeout"
        | "org.freedesktop.DBus.Error.TimedOut" => VaultError::TimedOut(detail),
        _ => VaultError::Unavailable(detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keychain_declining_an_entry_is_refused() {
        for error in [
            keyring::Error::BadEncoding(b"\xff-secret".to_vec()),
            keyring::Error::TooLong("service".into(), 255),
            keyring::Error::Invalid("target".into(), "cannot be empty".into()),
            keyring::Error::Ambiguous(Vec::new()),
        ] {
            let mapped = vault_error(error);
            assert!(matches!(mapped, VaultError::Refused(_)), "{mapped:?}");
            assert!(!mapped.detail().contains("secret"), "{mapped:?}");
        }
    }

    #[cfg(target_os = "linux")]
    mod secret_service {
        use super::*;
        use dbus_secret_service::Error as Ss;

        fn no_access(inner: Ss) -> VaultError {
            vault_error(keyring::Error::NoStorageAccess(Box::new(inner)))
        }

        fn failure(inner: Ss) -> VaultError {
            vault_error(keyring::Error::PlatformFailure(Box::new(inner)))
        }

        fn dbus(name: &str, message: &str) -> VaultError {
            failure(Ss::Dbus(dbus::Error::new_custom(name, message)))
        }

        #[test]
        fn a_locked_collection_or_a_dismissed_prompt_is_locked() {
            assert!(matches!(no_access(Ss::Locked), VaultError::Locked(_)));
            let dismissed = no_access(Ss::Prompt);
            assert!(matches!(dismissed, VaultError::Locked(_)));
            assert!(dismissed.detail().contains("unlock prompt was dismissed"));
            let locked = dbus(
                "org.freedesktop.Secret.Error.IsLocked",
                "Cannot create an item in a locked collection",
            );
            assert!(matches!(locked, VaultError::Locked(_)), "{locked:?}");
            assert!(
                locked.detail().contains("locked collection")
                    && locked
                        .detail()
                        .contains("org.freedesktop.Secret.Error.IsLocked"),
                "{locked:?}"
            );
        }

        #[test]
        fn no_secret_service_or_no_default_keyring_is_unavailable() {
            // A keyring daemon without a login keyring: no `default` alias.
            assert!(matches!(
                no_access(Ss::NoResult),
                VaultError::Unavailable(_)
            ));
            assert!(matches!(
                failure(Ss::Unavailable),
                VaultError::Unavailable(_)
            ));
            assert!(matches!(failure(Ss::Parse), VaultError::Unavailable(_)));
            for (name, message) in [
                // No session bus (platform-notes.md).
                (
                    "org.freedesktop.DBus.Error.NotSupported",
                    "Unable to autolaunch a dbus-daemon without a $DISPLAY for X11",
                ),
                (
                    "org.freedesktop.DBus.Error.ServiceUnknown",
                    "The name org.freedesktop.secrets was not provided by any .service files",
                ),
                (
                    "org.freedesktop.Secret.Error.NoSuchObject",
                    "Object does not exist at path /org/freedesktop/secrets/collection/login",
                ),
            ] {
                let mapped = dbus(name, message);
                assert!(matches!(mapped, VaultError::Unavailable(_)), "{mapped:?}");
                assert!(mapped.detail().contains(name), "{mapped:?}");
            }
        }

        #[test]
        fn access_denied_is_refused() {
            let denied = dbus("org.freedesktop.DBus.Error.AccessDenied", "Rejected");
            assert!(matches!(denied, VaultError::Refused(_)), "{denied:?}");
        }

        #[test]
        fn no_reply_from_the_bus_is_timed_out() {
            let silent = dbus(
                "org.freedesktop.DBus.Error.NoReply",
                "Did not receive a reply",
            );
            assert!(matches!(silent, VaultError::TimedOut(_)), "{silent:?}");
        }

        #[test]
        fn the_same_inner_error_under_either_keyring_variant_maps_alike() {
            assert_eq!(
                failure(Ss::Prompt).code(),
                no_access(Ss::Prompt).code(),
                "the kind comes from the Secret Service's error, not keyring's wrapper"
            );
        }
    }
}
