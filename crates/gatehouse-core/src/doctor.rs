//! `gatehouse doctor`'s checks that need no window and no operating-system service: the
//! configuration's layers, Stytch (reachable over TLS, the organization found by the route the app
//! uses, the public token accepted) and the clock against Stytch's. The shell adds the keychain,
//! the deep-link handler and the single-instance name. No check ever shows a secret or a value
//! from the configuration other than hosts and the organization's slug or name. Every line is
//! said in the configured language (`locales/*/doctor.ftl`).

use std::time::Duration;

use gatehouse_i18n::{Args, Catalog};
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
/// Said in the configuration's language ([`config::language`] when it did not load).
pub fn configuration(sources: &Sources) -> (Check, Vec<Provenance>, Option<Config>) {
    let settings = config::provenance(sources).unwrap_or_default();
    match config::load(sources) {
        Ok(config) => {
            let catalog = Catalog::new(config.language.clone());
            let files: Vec<&str> = settings
                .iter()
                .map(|p| p.from.as_str())
                .filter(|f| *f != "default" && !f.starts_with("environment ("))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let enforced =
                Args::new().with("enforced", settings.iter().filter(|p| p.enforced).count());
            let detail = if files.is_empty() {
                catalog.message("doctor-configuration-loaded-from-environment", &enforced)
            } else {
                catalog.message(
                    "doctor-configuration-loaded",
                    &enforced.with("files", files.join(", ")),
                )
            };
            (Check::pass("configuration", detail), settings, Some(config))
        }
        Err(e) => {
            let catalog = Catalog::new(config::language(sources));
            let detail = match &e.file {
                Some(file) => catalog.message(
                    "doctor-configuration-failed-in",
                    &Args::new()
                        .with("error", e.message(&catalog))
                        .with("file", file.display().to_string()),
                ),
                None => e.message(&catalog),
            };
            let check = Check::fail(
                "configuration",
                detail,
                catalog.message(
                    "doctor-configuration-fix",
                    &Args::new().with("file", config::SYSTEM_FILE),
                ),
            );
            (check, settings, None)
        }
    }
}

/// Stytch reachable, the clock, the organization found, and (on the SDK API) each switch of the
/// project's SDK configuration that Gatehouse needs; said in the configured language.
pub async fn stytch(config: &Config, app: AppInfo, now: OffsetDateTime) -> Vec<Check> {
    let catalog = Catalog::new(config.language.clone());
    let say = |id: &str, args: Args| catalog.message(id, &args);
    let asked = Asked::new(config, &app.identifier);
    let client = match stytch_client(config, app) {
        Ok(client) => client,
        Err(e) => {
            return vec![Check::fail(
                "stytch",
                say(
                    "doctor-stytch-no-client",
                    Args::new().with("error", e.to_string()),
                ),
                say("doctor-stytch-no-client-fix", Args::new()),
            )]
        }
    };
    let base = client.base_url().clone();
    let host = base.host_str().unwrap_or("?").to_owned();
    let transport = if base.scheme() == "https" {
        "tls"
    } else {
        "plain"
    };
    let mut checks = Vec::new();
    let probe = client.probe(&config.project_id).await;
    let failed = |e: &StytchError| {
        say(
            "doctor-stytch-failed",
            Args::new().with("host", &host).with("error", e.to_string()),
        )
    };
    match &probe {
        Ok(p) => checks.push(Check::pass(
            "stytch",
            say(
                "doctor-stytch-answered",
                Args::new()
                    .with("transport", transport)
                    .with("host", &host)
                    .with("ms", p.elapsed.as_millis() as u64)
                    .with("keys", p.keys),
            ),
        )),
        Err(e) => checks.push(Check::fail(
            "stytch",
            failed(e),
            fix_for(e, &host, &asked, &catalog),
        )),
    }
    checks.push(match &probe {
        Ok(p) => match p.server_time {
            Some(server) => {
                let skew = (now - server).abs();
                let seconds = Args::new().with("seconds", skew.whole_seconds());
                if skew <= MAX_CLOCK_SKEW {
                    Check::pass("clock", say("doctor-clock-within", seconds))
                } else {
                    Check::fail(
                        "clock",
                        say(
                            "doctor-clock-skewed",
                            seconds.with("max", MAX_CLOCK_SKEW.as_secs()),
                        ),
                        say("doctor-clock-skewed-fix", Args::new()),
                    )
                }
            }
            None => Check::fail(
                "clock",
                say("doctor-clock-no-date", Args::new()),
                say("doctor-clock-no-date-fix", Args::new()),
            ),
        },
        Err(_) => Check::fail(
            "clock",
            say("doctor-clock-not-checked", Args::new()),
            say("doctor-clock-not-checked-fix", Args::new()),
        ),
    });
    checks.push(organization(config, &client, &host, &asked, &catalog).await);
    if client.family() == Family::Sdk {
        let fix = |e: &StytchError| fix_for(e, &host, &asked, &catalog);
        checks.extend(sdk::configuration(config, &client, &asked, &catalog, fix).await);
    }
    checks
}

/// The organization, by the route the app itself uses at launch.
async fn organization(
    config: &Config,
    client: &stytch_b2b::Client,
    host: &str,
    asked: &Asked,
    catalog: &Catalog,
) -> Check {
    // Where the organization was set: a file, or the environment.
    let source = match &config.organization_from {
        Some(file) => Args::new()
            .with("from", "file")
            .with("file", file.display().to_string()),
        None => Args::new().with("from", "environment"),
    };
    let failed = |e: &StytchError| {
        Check::fail(
            "organization",
            catalog.message(
                "doctor-stytch-failed",
                &Args::new().with("host", host).with("error", e.to_string()),
            ),
            fix_for(e, host, asked, catalog),
        )
    };
    match (client.family(), &config.organization) {
        (Family::Sdk, OrganizationRef::Id(_)) => Check::pass(
            "organization",
            catalog.message("doctor-organization-by-id", &Args::new()),
        ),
        (Family::Sdk, OrganizationRef::Slug(slug)) => {
            match client.search_organization(slug).await {
                Ok(found) => match found.organization {
                    Some(org) => Check::pass(
                        "organization",
                        catalog.message(
                            "doctor-organization-found-by-search",
                            &Args::new().with("name", org.organization_name),
                        ),
                    ),
                    None => Check::fail(
                        "organization",
                        catalog.message(
                            "doctor-organization-no-slug",
                            &Args::new().with("slug", slug.as_str()),
                        ),
                        catalog.message("doctor-organization-slug-fix", &source),
                    ),
                },
                Err(e) => failed(&e),
            }
        }
        (Family::Backend, organization) => {
            match client.get_organization(organization.clone()).await {
                Ok(found) => Check::pass(
                    "organization",
                    catalog.message(
                        "doctor-organization-found-by-get",
                        &Args::new().with("name", found.organization.organization_name),
                    ),
                ),
                Err(e) if e.error_type() == Some(&ErrorType::OrganizationNotFound) => Check::fail(
                    "organization",
                    catalog.message(
                        "doctor-organization-unknown",
                        &Args::new().with("organization", organization.as_str()),
                    ),
                    catalog.message("doctor-organization-fix", &source),
                ),
                Err(e) => failed(&e),
            }
        }
    }
}

/// What to do about a failed Stytch call.
fn fix_for(error: &StytchError, host: &str, asked: &Asked, catalog: &Catalog) -> String {
    if let Some((_, fix)) = it_fix(error, Product::Sdk, asked) {
        return fix;
    }
    let id = match error {
        StytchError::Transport { .. } | StytchError::Timeout { .. } => "doctor-fix-network",
        StytchError::Stytch {
            error_type: ErrorType::UnauthorizedCredentials,
            ..
        } => "doctor-fix-credentials",
        StytchError::Stytch { status, .. } if *status >= 500 => "doctor-fix-stytch-trouble",
        _ => "doctor-fix-check-credentials",
    };
    catalog.message(id, &Args::new().with("host", host))
}
