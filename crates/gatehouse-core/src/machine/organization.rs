//! The organization the configuration names: its id (and name, when Stytch gives it), learnt once
//! per run. An organization Stytch does not know is a configuration error only IT can fix.

use stytch_b2b::{ErrorType, Family, OrganizationId, OrganizationRef};

use crate::notices::{self, Product};
use crate::view::{Action, Notice};

use super::state::{Organization, Phase};
use super::Machine;

impl Machine {
    /// The organization's id. Backend API: `GET organizations/{id or slug}`. SDK API: a slug is
    /// searched; an id needs no lookup (the SDK API has none before sign-in). An organization
    /// Stytch does not know turns the phase into a configuration error.
    pub(super) async fn organization(&self) -> Result<OrganizationId, Notice> {
        let known = self.lock().organization.clone();
        if let Some(org) = known {
            return Ok(org.id);
        }
        let found = match (self.client.family(), &self.config.organization) {
            (Family::Sdk, OrganizationRef::Id(id)) => Ok(Some(Organization {
                id: id.clone(),
                name: None,
            })),
            (Family::Sdk, OrganizationRef::Slug(slug)) => {
                self.client.search_organization(slug).await.map(|r| {
                    r.organization.map(|o| Organization {
                        id: o.organization_id,
                        name: Some(o.organization_name).filter(|n| !n.is_empty()),
                    })
                })
            }
            (Family::Backend, organization) => self
                .client
                .get_organization(organization.clone())
                .await
                .map(|r| {
                    Some(Organization {
                        id: r.organization.organization_id,
                        name: Some(r.organization.organization_name),
                    })
                }),
        };
        let mut state = self.lock();
        match found {
            Ok(Some(organization)) => {
                let id = organization.id.clone();
                state.organization = Some(organization);
                Ok(id)
            }
            Err(e) if e.error_type() != Some(&ErrorType::OrganizationNotFound) => {
                tracing::warn!("could not read the organization: {e}");
                Err(self
                    .refused(&e, Product::Sdk, notices::problem)
                    .with_action(Action::Retry))
            }
            Ok(None) | Err(_) => {
                let value = self.config.organization.as_str();
                tracing::warn!("Stytch knows no organization {value}");
                let what = match &self.config.organization {
                    OrganizationRef::Slug(_) => "slug",
                    OrganizationRef::Id(_) => "id",
                };
                // Not set_phase: the call under way (the launch) still applies, and shows it.
                state.phase = Phase::Misconfigured {
                    file: self
                        .config
                        .organization_from
                        .as_ref()
                        .map(|f| f.display().to_string()),
                    message: self.catalog.say(&notices::organization_not_found_for_it(
                        what,
                        value,
                        self.config.organization_from.as_deref(),
                    )),
                };
                Err(notices::organization_not_found(value))
            }
        }
    }
}
