//! The command line, read before any Tauri code runs (so the single-instance plugin never hands
//! `token` to a running window): `gatehouse token [--json]`, `gatehouse doctor [--json]` and
//! `gatehouse --help`. Anything
//! else — no argument, a `gatehouse://…` link, an argument that is not UTF-8 (ignored) — is the
//! app's. What it prints is said in the configured language (`locales/*/cli.ftl`), as far as
//! the configuration can be read.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use gatehouse_core::i18n::{Args, Catalog, Text};
use gatehouse_core::token::{self, Token, TokenError};
use gatehouse_core::{config, SystemClock};
use stytch_b2b::AppInfo;

use crate::identity::{IDENTIFIER, VERSION};
use crate::keychain::{Keychain, SESSION_ACCOUNT};

/// Exit status for a command line `gatehouse token` does not understand.
const USAGE: u8 = 64;

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub enum Invocation {
    /// The window (no command, or a link, or anything this module does not own).
    App,
    Help,
    Token {
        json: bool,
    },
    Doctor {
        json: bool,
    },
    /// `token` followed by something it does not take: what to say.
    Usage(Text),
}

/// Reads `args` (the program name first, as `std::env::args_os()` gives them).
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Invocation {
    let args: Vec<String> = args
        .into_iter()
        .skip(1)
        .filter_map(|a| a.into_string().ok())
        .collect();
    let help = |a: &str| a == "--help" || a == "-h";
    match args.as_slice() {
        [only] if help(only) => Invocation::Help,
        [command, rest @ ..] if command == "token" => match rest {
            [] => Invocation::Token { json: false },
            [option] if option == "--json" => Invocation::Token { json: true },
            [option] if help(option) => Invocation::Help,
            _ => Invocation::Usage(Text::new("cli-usage-token").with("got", rest.join(" "))),
        },
        [command, rest @ ..] if command == "doctor" => match rest {
            [] => Invocation::Doctor { json: false },
            [option] if option == "--json" => Invocation::Doctor { json: true },
            [option] if help(option) => Invocation::Help,
            _ => Invocation::Usage(Text::new("cli-usage-doctor").with("got", rest.join(" "))),
        },
        _ => Invocation::App,
    }
}

/// Runs a command-line invocation to its exit status; `None`: start the app.
pub fn dispatch(args: impl IntoIterator<Item = OsString>) -> Option<ExitCode> {
    match parse(args) {
        Invocation::App => None,
        Invocation::Help => {
            let catalog = catalog();
            Some(print(&catalog.message("cli-help", &Args::new()), &catalog))
        }
        Invocation::Usage(message) => {
            eprintln!("{}", catalog().say(&message));
            Some(ExitCode::from(USAGE))
        }
        Invocation::Token { json } => Some(token(json)),
        Invocation::Doctor { json } => Some(crate::doctor::run(json)),
    }
}

/// The catalog in the configured language: `[ui] locale` (or `GATEHOUSE_LOCALE`) when the
/// configuration can be read that far, else the desktop session's.
pub fn catalog() -> Catalog {
    Catalog::new(config::language(&config::Sources::from_env()))
}

fn token(json: bool) -> ExitCode {
    // Logs only when asked for: a script reads stderr as the one sentence below.
    if std::env::var_os("GATEHOUSE_LOG").is_some() {
        crate::init_tracing();
    }
    let catalog = catalog();
    match fetch(&catalog) {
        Ok(token) => print(
            &if json {
                as_json(&token)
            } else {
                token.jwt.expose().to_owned()
            },
            &catalog,
        ),
        Err(e) => {
            let reason = Args::new().with("reason", e.to_string());
            eprintln!("{}", catalog.message("token-failed", &reason));
            ExitCode::from(e.exit_code())
        }
    }
}

fn fetch(catalog: &Catalog) -> Result<Token, TokenError> {
    let config =
        config::load(&config::Sources::from_env()).map_err(|e| TokenError::config(&e, catalog))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            let error = Args::new().with("error", e.to_string());
            TokenError::Failed(catalog.message("token-could-not-start", &error))
        })?;
    let session = Arc::new(Keychain::new(IDENTIFIER, SESSION_ACCOUNT));
    let app = AppInfo {
        identifier: IDENTIFIER.into(),
        version: VERSION.into(),
    };
    runtime.block_on(token::fetch(&config, session, app, &SystemClock))
}

fn as_json(token: &Token) -> String {
    let expires_at = token
        .expires_at
        .format(&time::format_description::well_known::Rfc3339)
        .expect("a JWT's exp formats as RFC 3339");
    serde_json::json!({
        "jwt": token.jwt.expose(),
        "expires_at": expires_at,
        "member_id": token.member_id.as_str(),
        "organization_id": token.organization_id.as_str(),
        "email": token.email,
    })
    .to_string()
}

/// Prints `text` and a newline on stdout; a closed stdout is a failure, never a panic.
fn print(text: &str, catalog: &Catalog) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let error = Args::new().with("error", e.to_string());
            eprintln!("{}", catalog.message("cli-write-failed", &error));
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(args: &[&str]) -> Invocation {
        parse(
            std::iter::once("gatehouse")
                .chain(args.iter().copied())
                .map(OsString::from),
        )
    }

    #[test]
    fn token_and_help_are_the_cli_s_and_everything_else_the_app_s() {
        assert_eq!(parsed(&["token"]), Invocation::Token { json: false });
        assert_eq!(
            parsed(&["token", "--json"]),
            Invocation::Token { json: true }
        );
        assert_eq!(parsed(&["--help"]), Invocation::Help);
        assert_eq!(parsed(&["-h"]), Invocation::Help);
        assert_eq!(parsed(&["token", "--help"]), Invocation::Help);
        assert_eq!(parsed(&[]), Invocation::App);
        let link = "gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token=x";
        assert_eq!(parsed(&[link]), Invocation::App);
        assert_eq!(parsed(&[link, "token"]), Invocation::App);
        assert_eq!(parsed(&["tokens"]), Invocation::App);
        assert_eq!(parsed(&["doctor"]), Invocation::Doctor { json: false });
        assert_eq!(
            parsed(&["doctor", "--json"]),
            Invocation::Doctor { json: true }
        );
        let said = |m: &Text| Catalog::english().say(m);
        assert!(
            matches!(parsed(&["doctor", "-v"]), Invocation::Usage(m) if said(&m).contains("-v"))
        );
        assert!(matches!(
            parsed(&["token", "--jsn"]),
            Invocation::Usage(m) if said(&m) == "gatehouse token takes only --json (got: --jsn). See gatehouse --help."
        ));
        assert!(matches!(
            parsed(&["token", "--json", "--json"]),
            Invocation::Usage(_)
        ));
    }

    /// The help as it read before it moved into the catalog.
    const ENGLISH_HELP: &str = "\
Gatehouse signs you in to your company's Stytch organization.

Usage:
  gatehouse                  open the Gatehouse window
  gatehouse token            print a session JWT valid for at least 60 more seconds
  gatehouse token --json     the same as JSON: jwt, expires_at, member_id, organization_id, email
  gatehouse doctor           check this computer: configuration, Stytch, clock, keychain, links
  gatehouse doctor --json    the same as JSON
  gatehouse --help           this text

`gatehouse token` uses the session kept in the keychain, whether or not the window is open; it
never prints the session token. Exit status: 0 printed; 1 another failure; 2 not signed in;
3 Stytch unreachable; 4 configuration error; 64 unknown option. `gatehouse doctor` exits 0
only when every check passes, and never prints a secret.
";

    #[test]
    fn the_help_is_the_catalog_s_in_english_and_in_german() {
        let english = Catalog::english().message("cli-help", &Args::new());
        assert_eq!(english, ENGLISH_HELP.trim_end());
        let german = Catalog::new(gatehouse_core::i18n::negotiate(&["de".to_owned()]));
        let hilfe = german.message("cli-help", &Args::new());
        assert!(hilfe.starts_with("Gatehouse meldet Sie"), "{hilfe}");
        assert!(
            hilfe.contains("\n  gatehouse token --json     dasselbe als JSON"),
            "{hilfe}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_argument_that_is_not_utf8_is_ignored() {
        use std::os::unix::ffi::OsStringExt;
        let odd = OsString::from_vec(vec![0x66, 0x6f, 0xff]);
        let args = |rest: Vec<OsString>| {
            let mut all = vec![OsString::from("gatehouse")];
            all.extend(rest);
            parse(all)
        };
        assert_eq!(args(vec![odd.clone()]), Invocation::App);
        assert_eq!(
            args(vec![odd, "token".into(), "--json".into()]),
            Invocation::Token { json: true }
        );
    }
}
