//! `stytch-emulator --listen 127.0.0.1:0 [--seed FILE]`: serves an offline Stytch B2B and prints
//! `stytch-emulator listening on http://ADDR` on stdout once it accepts connections.
//!
//! The control surface (`/emulator/*`) hands out the project secret and every code, so the
//! emulator listens only on loopback unless given `--allow-remote` (then it warns on stderr), and
//! serves only requests naming an allowed host (see `AllowedHosts`; `--allow-host` adds names).

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use stytch_emulator::{AllowedHosts, Emulator};

/// An offline Stytch B2B for tests, demos and anyone building on Stytch without a network.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Address to listen on; port 0 picks a free port. Loopback only, unless --allow-remote.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Allow a --listen address that is not loopback. The control surface (/emulator/*) hands
    /// out the project secret and every code to anyone who can reach it.
    #[arg(long)]
    allow_remote: bool,
    /// With --allow-remote: also serve requests for this host (NAME or NAME:PORT; without a
    /// port, the listening port). Repeatable.
    #[arg(long = "allow-host", value_name = "NAME", requires = "allow_remote")]
    allow_host: Vec<String>,
    /// A seed file (JSON; see the README). Without it, the built-in demo seed.
    #[arg(long)]
    seed: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_target(false)
        .init();
    let args = Args::parse();
    if !args.listen.ip().is_loopback() && !args.allow_remote {
        eprintln!(
            "stytch-emulator: refusing to listen on {}: not a loopback address, and the control \
             surface (/emulator/*) hands out the project secret and every code to anyone who can \
             reach it. Listen on 127.0.0.1, or pass --allow-remote to accept that.",
            args.listen
        );
        return ExitCode::from(2);
    }
    let emulator = match &args.seed {
        Some(path) => match Emulator::from_seed_file(path) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("stytch-emulator: {e}");
                return ExitCode::from(2);
            }
        },
        None => Emulator::demo(),
    };
    let listener = match tokio::net::TcpListener::bind(args.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("stytch-emulator: cannot listen on {}: {e}", args.listen);
            return ExitCode::from(1);
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("stytch-emulator: {e}");
            return ExitCode::from(1);
        }
    };
    let mut hosts = AllowedHosts::new(addr);
    for host in &args.allow_host {
        hosts = match hosts.allow(host) {
            Ok(h) => h,
            Err(e) => {
                eprintln!("stytch-emulator: --allow-host: {e}");
                return ExitCode::from(2);
            }
        };
    }
    if args.allow_remote {
        eprintln!(
            "stytch-emulator: warning: --allow-remote: the control surface (/emulator/*) on \
             {addr} hands out the project secret and every code to anyone who can reach it."
        );
    }
    let app = emulator
        .router_for(hosts)
        .into_make_service_with_connect_info::<SocketAddr>();
    // The socket is listening (the kernel queues connections) before this line is printed.
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "stytch-emulator listening on http://{addr}");
    let _ = stdout.flush();
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stytch-emulator: {e}");
            ExitCode::from(1)
        }
    }
}
