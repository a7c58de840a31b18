//! `stytch-emulator --listen 127.0.0.1:0 [--seed FILE]`: serves an offline Stytch B2B and prints
//! `stytch-emulator listening on http://ADDR` on stdout once it accepts connections.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use stytch_emulator::Emulator;

/// An offline Stytch B2B for tests, demos and anyone building on Stytch without a network.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
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
    let app = emulator
        .router()
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
