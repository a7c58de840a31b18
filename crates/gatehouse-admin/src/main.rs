//! `gatehouse-admin`: IT's tool. The organization commands (the guide's Step 1: MFA policy and
//! methods) use the backend API with the project id and secret from the environment, never a
//! file.

mod management;
mod organization;
mod sdk_config;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use stytch_b2b::Url;

#[derive(Parser)]
#[command(
    name = "gatehouse-admin",
    version,
    about = "Administer the Stytch organization Gatehouse signs into"
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
