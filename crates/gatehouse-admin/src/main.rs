//! `gatehouse-admin`: IT's tool. The organization commands (the guide's Step 1: MFA policy and
//! methods) use the backend API with the project id and secret from the environment;
//! `stytch-setup` uses the Management API with a workspace management key from the environment.
//! Neither secret is ever taken from an argument or a file.

mod management;
mod organization;
mod sdk_config;
mod stytch_setup;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use gatehouse_core::config::{callback_url_for, valid_scheme, DEFAULT_SCHEME};
use url::Url;

/// The app identifier of this build: tauri.conf.json's `identifier` (see build.rs).
const BUILT_IN_APP_IDENTIFIER: &str = env!("GATEHOUSE_APP_IDENTIFIER");

#[derive(Parser)]
#[command(
    name = "gatehouse-admin",
    version,
    about = "Administer the Stytch organization and project Gatehouse signs into"
)]
struct Cli {
    /// The Stytch project id (project-test-… or project-live-…), for the organization commands.
    #[arg(long, env = "STYTCH_PROJECT_ID")]
    project_id: Option<String>,
    /// Another API host for the organization commands: the emulator, or a custom domain.
    #[arg(long, env = "STYTCH_API_BASE")]
    api_base: Option<Url>,
    /// The organization's id (organization-…) or slug, for the organization commands.
    #[arg(long, short)]
    organization: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    #[command(flatten)]
    Organization(organization::Command),
    /// Check the project's SDK configuration, redirect URLs and member lock against what
    /// Gatehouse needs, through Stytch's Management API; `--apply` changes what differs.
    #[command(after_help = stytch_setup::EXIT_STATUSES)]
    StytchSetup(SetupArgs),
}

/// `stytch-setup`. The workspace management key comes from STYTCH_WORKSPACE_KEY_ID and
/// STYTCH_WORKSPACE_KEY_SECRET only.
#[derive(Args)]
struct SetupArgs {
    /// The project's slug in the Management API.
    #[arg(long, env = "STYTCH_PROJECT_SLUG")]
    project_slug: String,
    /// The environment's slug (e.g. `test`, or the live environment's).
    #[arg(long = "environment", env = "STYTCH_ENVIRONMENT")]
    environment: String,
    /// Change what differs, then read it again. Without it, nothing is changed.
    #[arg(long)]
    apply: bool,
    /// The app identifier Stytch must authorize: this build's unless Gatehouse was rebuilt under
    /// another (a company's own).
    #[arg(long, default_value = BUILT_IN_APP_IDENTIFIER, value_parser = app_identifier)]
    app_identifier: String,
    /// Gatehouse's session length: at least `[session] duration_minutes` of
    /// /etc/gatehouse/config.toml.
    #[arg(long, default_value_t = stytch_b2b::SessionMinutes::DEFAULT.get(), value_parser = session_minutes)]
    session_minutes: u32,
    /// Gatehouse's deep-link scheme (`[deep_link] scheme`): the redirect URL is
    /// `<scheme>://auth/callback`.
    #[arg(long, default_value = DEFAULT_SCHEME, value_parser = scheme)]
    scheme: String,
    /// Another Management API host: the emulator.
    #[arg(long, env = "STYTCH_MANAGEMENT_BASE", default_value = management::DEFAULT_BASE)]
    management_base: Url,
}

/// A bundle ID as an app identifier: letters, digits, `.`, `-`, `_`.
fn app_identifier(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_".contains(c));
    ok.then(|| s.to_owned())
        .ok_or_else(|| "an app identifier is letters, digits, '.', '-' and '_'".into())
}

fn session_minutes(s: &str) -> Result<u32, String> {
    s.parse::<u32>()
        .ok()
        .and_then(|m| stytch_b2b::SessionMinutes::parse(m).ok())
        .map(|m| m.get())
        .ok_or_else(|| "a whole number of minutes Stytch accepts (5 to 527040)".into())
}

/// The rule of gatehouse-core's `[deep_link] scheme`.
fn scheme(s: &str) -> Result<String, String> {
    valid_scheme(s)
        .then(|| s.to_owned())
        .ok_or_else(|| "not a usable URL scheme (lowercase letters, digits, +, -, .)".into())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Organization(command) => {
            let target = organization::Target {
                project_id: cli.project_id,
                api_base: cli.api_base,
                organization: cli.organization,
            };
            match organization::run(target, &command).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("gatehouse-admin: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::StytchSetup(args) => {
            if cli.organization.is_some() {
                eprintln!(
                    "gatehouse-admin: stytch-setup checks the whole project, not an organization: \
                     leave out --organization"
                );
                return ExitCode::from(stytch_setup::Outcome::Failed.code());
            }
            let code = match stytch_setup(args).await {
                Ok(outcome) => outcome.code(),
                Err(e) => {
                    eprintln!("gatehouse-admin: {e}");
                    stytch_setup::Outcome::Failed.code()
                }
            };
            ExitCode::from(code)
        }
    }
}

async fn stytch_setup(args: SetupArgs) -> Result<stytch_setup::Outcome, management::Error> {
    let key = management::WorkspaceKey::from_env()?;
    let target = management::Target {
        project_slug: args.project_slug,
        environment_slug: args.environment,
    };
    let management = management::Management::new(args.management_base, key, target)?;
    let needs = sdk_config::Needs {
        app_identifier: args.app_identifier,
        session_minutes: args.session_minutes,
        redirect_url: callback_url_for(&args.scheme).to_string(),
    };
    stytch_setup::run(&management, &needs, args.apply).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_identifier_is_tauri_conf_s() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tauri.conf.json");
        let conf: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(conf["identifier"], BUILT_IN_APP_IDENTIFIER);
    }

    #[test]
    fn the_cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn inputs_are_checked_before_anything_is_sent() {
        assert!(scheme("gatehouse").is_ok());
        assert!(scheme("https").is_err());
        assert!(scheme("Gate house").is_err());
        assert!(session_minutes("4").is_err());
        assert!(session_minutes("480").is_ok());
        assert!(app_identifier("com.acme.sign-in").is_ok());
        assert!(app_identifier("com.acme signin").is_err());
    }
}
