//! The organization commands — the guide's Step 1: read or set an organization's MFA policy, and
//! which second factors its members may use (`mfa_methods`, `allowed_mfa_methods`). They use the
//! backend API with the project id and secret from the environment, never a file.

use clap::{Subcommand, ValueEnum};
use stytch_b2b::{
    AppInfo, Client, ClientConfig, Credentials, MfaMethod, MfaMethods, MfaPolicy, Organization,
    OrganizationRef, ProjectId, ProjectSecret, UpdateOrganizationRequest, Url,
};

/// What identifies the organization and its project.
pub struct Target {
    pub project_id: Option<String>,
    pub api_base: Option<Url>,
    pub organization: Option<String>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Read the organization's MFA policy (needs --organization).
    MfaPolicy {
        /// Set it instead of reading it.
        #[arg(value_enum)]
        set: Option<Policy>,
    },
    /// Read which second factors members may use; `all`, or `only` with a list, sets it (needs
    /// --organization).
    MfaMethods {
        #[command(subcommand)]
        set: Option<Methods>,
    },
}

#[derive(Subcommand)]
pub enum Methods {
    /// Every method Stytch offers (mfa_methods ALL_ALLOWED).
    All,
    /// Only these (mfa_methods RESTRICTED with allowed_mfa_methods).
    Only {
        #[arg(value_enum, required = true, num_args = 1..)]
        methods: Vec<Method>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Method {
    /// A code by text message.
    #[value(name = "sms_otp")]
    SmsOtp,
    /// An authenticator app (with recovery codes).
    #[value(name = "totp")]
    Totp,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Policy {
    #[value(name = "REQUIRED_FOR_ALL")]
    RequiredForAll,
    #[value(name = "OPTIONAL")]
    Optional,
}

/// The project secret comes from STYTCH_SECRET in the environment and nowhere else: there is no
/// option for it, so it never lands in shell history or in the process list.
fn secret_from_env() -> Result<String, stytch_b2b::Error> {
    std::env::var("STYTCH_SECRET")
        .ok()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            stytch_b2b::Error::Config(
                "set the project secret in STYTCH_SECRET (it is never taken on the command line)"
                    .into(),
            )
        })
}

/// Reads or changes the organization, then prints one line about it.
pub async fn run(target: Target, command: &Command) -> Result<(), stytch_b2b::Error> {
    let organization = target.organization.ok_or_else(|| {
        stytch_b2b::Error::Config(
            "name the organization: --organization <id or slug>, before the command".into(),
        )
    })?;
    let project_id = target.project_id.ok_or_else(|| {
        stytch_b2b::Error::Config("set the project id in STYTCH_PROJECT_ID or --project-id".into())
    })?;
    let secret = secret_from_env()?;
    let credentials = Credentials::Backend {
        project_id: ProjectId::parse(&project_id)?,
        secret: ProjectSecret::new(secret),
    };
    let app = AppInfo {
        identifier: "gatehouse-admin".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    };
    let mut config = ClientConfig::new(credentials, app);
    if let Some(base) = target.api_base {
        config = config.with_base_url(base);
    }
    let client = Client::new(config)?;
    let organization = OrganizationRef::parse(&organization)?;
    let current = client.get_organization(organization).await?.organization;
    let update = match command {
        Command::MfaPolicy { set: None } | Command::MfaMethods { set: None } => None,
        Command::MfaPolicy { set: Some(policy) } => Some(UpdateOrganizationRequest {
            mfa_policy: Some(match policy {
                Policy::RequiredForAll => MfaPolicy::RequiredForAll,
                Policy::Optional => MfaPolicy::Optional,
            }),
            ..UpdateOrganizationRequest::default()
        }),
        Command::MfaMethods {
            set: Some(Methods::All),
        } => Some(UpdateOrganizationRequest {
            mfa_methods: Some(MfaMethods::AllAllowed),
            ..UpdateOrganizationRequest::default()
        }),
        Command::MfaMethods {
            set: Some(Methods::Only { methods }),
        } => Some(UpdateOrganizationRequest {
            mfa_methods: Some(MfaMethods::Restricted),
            allowed_mfa_methods: Some(
                methods
                    .iter()
                    .map(|m| match m {
                        Method::SmsOtp => MfaMethod::SmsOtp,
                        Method::Totp => MfaMethod::Totp,
                    })
                    .collect(),
            ),
            ..UpdateOrganizationRequest::default()
        }),
    };
    let organization = match update {
        None => current,
        Some(update) => {
            client
                .update_organization(&current.organization_id, &update)
                .await?
                .organization
        }
    };
    println!("{}", describe(command, &organization));
    Ok(())
}

/// One line: the organization, then the setting asked about.
fn describe(command: &Command, organization: &Organization) -> String {
    let head = format!(
        "{} ({})",
        organization.organization_name,
        organization.organization_id.as_str()
    );
    match command {
        Command::MfaPolicy { .. } => {
            format!("{head}: mfa_policy {}", organization.mfa_policy.as_str())
        }
        Command::MfaMethods { .. } => {
            let methods = organization
                .mfa_methods
                .as_ref()
                .map_or("ALL_ALLOWED", |m| m.as_str());
            let allowed: Vec<&str> = organization
                .allowed_mfa_methods
                .iter()
                .map(|m| m.as_str())
                .collect();
            format!(
                "{head}: mfa_methods {methods}; allowed_mfa_methods [{}]",
                allowed.join(", ")
            )
        }
    }
}
