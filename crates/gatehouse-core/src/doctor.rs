//! `gatehouse doctor`'s checks that need no window and no operating-system service: the
//! configuration's layers, Stytch (reachable over TLS, the organization found by the route the app
//! uses, the public token accepted) and the clock against Stytch's. The shell adds the keychain,
//! the deep-link handler and the single-instance name. No check ever shows a secret or a value
//! from the configuration other than hosts and the organization's slug or name.

use std::time::Duration;

use stytch_b2b::{AppInfo, Error as StytchError, ErrorType, Family, OrganizationRef};
use time::OffsetDateTime;

use crate::config::{self, Config, Provenance, Sources};
use crate::machine::stytch_client;
use crate::notices::{it_fix, Asked, Product};

mod check;
mod sdk;

pub use check::Check;

/// A clock further than this from Stytch's breaks session JWTs (they live 5 minutes and are
/// checked against `exp`/`nbf`).
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(60);

/// The configuration: loaded or not (the error names the file), and where each key came from.
pub fn configuration(sources: &Sources) -> (Check, Vec<Provenance>, Option<Config>) {
    let settings = config::provenance(sources).unwrap_or_default();
    match config::load(sources) {
        Ok(config) => {
            let files: Vec<&str> = settings
                .iter()
                .map(|p| p.from.as_str())
                .filter(|f| *f != "default" && !f.starts_with("environment ("))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let enforced = settings.iter().filter(|p| p.enforced).count();
            let detail = format!(
                "loaded from {}; {enforced} key(s) enforced by IT",
                if files.is_empty() {
                    "the environment".to_owned()
                } else {
                    files.join(", ")
                }
            );
            (Check::pass("configuration", detail), settings, Some(config))
        }
        Err(e) => {
            let at = e
                .file
                .as_ref()
                .map(|f| format!(" ({})", f.display()))
                .unwrap_or_default();
            let check = Check::fail(
                "configuration",
                format!("{}{at}", e.message),
                format!("Fix the file named, or ask IT for {}", config::SYSTEM_FILE),
            );
            (check, settings, None)
        }
    }
}

/// Stytch reachable, the clock, the organization found, and (on the SDK API) each switch of the
/// project's SDK configuration that Gatehouse needs.
pub async fn stytch(config: &Config, app: AppInfo, now: OffsetDateTime) -> Vec<Check> {
    let asked = Asked::new(config, &app.identifier);
    let client = match stytch_client(config, app) {
        Ok(client) => client,
        Err(e) => {
            return vec![Check::fail(
                "stytch",
                format!("no client for this configuration: {e}"),
                "Check [stytch] in the configuration",
            )]
        }
    };
    let base = client.base_url().clone();
    let host = base.host_str().unwrap_or("?").to_owned();
    let transport = if base.scheme() == "https" {
        "TLS"
    } else {
        "plain http to this computer (development)"
    };
    let mut checks = Vec::new();
    let probe = client.probe(&config.project_id).await;
    match &probe {
        Ok(p) => checks.push(Check::pass(
            "stytch",
            format!(
                "{host} answered over {transport} in {} ms ({} signing key(s))",
                p.elapsed.as_millis(),
                p.keys
            ),
        )),
        Err(e) => checks.push(Check::fail(
            "stytch",
            format!("{host}: {e}"),
            fix_for(e, &host, &asked),
        )),
    }
    checks.push(match &probe {
        Ok(p) => match p.server_time {
            Some(server) => {
                let skew = (now - server).abs();
                let seconds = skew.whole_seconds();
                if skew <= MAX_CLOCK_SKEW {
                    Check::pass("clock", format!("within {seconds} s of Stytch's"))
                } else {
                    Check::fail(
                        "clock",
                        format!("{seconds} s from Stytch's (more than {} s breaks sign-in)", MAX_CLOCK_SKEW.as_secs()),
                        "Set the clock automatically (timedatectl set-ntp true, or the system settings)",
                    )
                }
            }
            None => Check::fail(
                "clock",
                "Stytch's answer had no Date header",
                "A proxy between here and Stytch may strip it: check the proxy",
            ),
        },
        Err(_) => Check::fail("clock", "not checked: Stytch did not answer", "Fix the Stytch check first"),
    });
    checks.push(organization(config, &client, &host, &asked).await);
    if client.family() == Family::Sdk {
        let fix = |e: &StytchError| fix_for(e, &host, &asked);
        checks.extend(sdk::configuration(config, &client, &asked, fix).await);
    }
    checks
}

/// The organization, by the route the app itself uses at launch.
async fn organization(
    config: &Config,
    client: &stytch_b2b::Client,
    host: &str,
    asked: &Asked,
) -> Check {
    let source = config.organization_source();
    match (client.family(), &config.organization) {
        (Family::Sdk, OrganizationRef::Id(_)) => Check::pass(
            "organization",
            "configured by id: Stytch's SDK API has no lookup by id before sign-in, so the organization and the public token are first checked when someone signs in",
        ),
        (Family::Sdk, OrganizationRef::Slug(slug)) => match client.search_organization(slug).await {
            Ok(found) => match found.organization {
                Some(org) => Check::pass(
                    "organization",
                    format!(
                        "\"{}\" found by POST /sdk/v1/b2b/organizations/search; the public token was accepted",
                        org.organization_name
                    ),
                ),
                None => Check::fail(
                    "organization",
                    format!("Stytch has no organization with the slug \"{}\"", slug.as_str()),
                    format!("Check [organization] slug (set in {source})"),
                ),
            },
            Err(e) => Check::fail("organization", format!("{host}: {e}"), fix_for(&e, host, asked)),
        },
        (Family::Backend, organization) => match client.get_organization(organization.clone()).await {
            Ok(found) => Check::pass(
                "organization",
                format!(
                    "\"{}\" found by GET /v1/b2b/organizations (development: project secret)",
                    found.organization.organization_name
                ),
            ),
            Err(e) if e.error_type() == Some(&ErrorType::OrganizationNotFound) => Check::fail(
                "organization",
                format!("Stytch has no organization \"{}\"", organization.as_str()),
                format!("Check [organization] (set in {source})"),
            ),
            Err(e) => Check::fail("organization", format!("{host}: {e}"), fix_for(&e, host, asked)),
        },
    }
}

/// What to do about a failed Stytch call.
fn fix_for(error: &StytchError, host: &str, asked: &Asked) -> String {
    if let Some((_, fix)) = it_fix(error, Product::Sdk, asked) {
        return fix;
    }
    match error {
        StytchError::Transport { .. } | StytchError::Timeout { .. } => format!(
            "Check the network, DNS and any proxy: {host} must be reachable over HTTPS (a company TLS root must be in the system's store)"
        ),
        StytchError::Stytch {
            error_type: ErrorType::UnauthorizedCredentials,
            ..
        } => "Check [stytch] project_id and public_token (Stytch dashboard → API keys)".to_owned(),
        StytchError::Stytch { status, .. } if *status >= 500 => {
            "Stytch is having trouble: try again in a few minutes".to_owned()
        }
        _ => "Check [stytch] project_id and public_token".to_owned(),
    }
}
