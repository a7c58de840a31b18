//! Whether an error from a call that carried a session means that session is gone. Every Stytch
//! SDK clears the session on four answers (see [`ErrorType::ends_session`]), but one of them,
//! `unauthorized_credentials`, is also the answer to a wrong public token (or, on the backend
//! API, a wrong project secret), which must not sign anybody out: a rotated token would otherwise
//! wipe every employee's saved session at once. One call on the public token alone tells the two
//! apart.

use crate::client::Client;
use crate::config::Family;
use crate::error::{Error, ErrorType};
use crate::validated::OrganizationSlug;

/// Searched for to check the public token alone: a slug no organization has (the search then
/// answers "none"). Any slug would do.
const PUBLIC_TOKEN_PROBE_SLUG: &str = "gatehouse-public-token-check";

impl Client {
    /// On a call that carried a session: whether `e` means that session is gone. For
    /// `unauthorized_credentials` on the SDK API this asks Stytch once more, without the session
    /// (`organizations/search`): the session is gone only if the public token is accepted there.
    /// When that cannot be told (Stytch unreachable), the session is kept.
    pub async fn ends_session(&self, e: &Error) -> bool {
        if !e.ends_session() {
            return false;
        }
        if e.error_type() != Some(&ErrorType::UnauthorizedCredentials) {
            return true;
        }
        match self.family() {
            // The Basic credentials are the project secret: the answer is about them.
            Family::Backend => false,
            Family::Sdk => {
                let slug = OrganizationSlug::new(PUBLIC_TOKEN_PROBE_SLUG);
                match self.search_organization(&slug).await {
                    Ok(_) => true,
                    // Refused for something else than the credentials: they were accepted.
                    Err(probe)
                        if probe.error_type().is_some()
                            && probe.error_type() != Some(&ErrorType::UnauthorizedCredentials)
                            && !probe.is_retryable() =>
                    {
                        true
                    }
                    Err(probe) => {
                        tracing::warn!(
                            "could not tell a dead session from refused credentials: {probe}"
                        );
                        false
                    }
                }
            }
        }
    }
}
