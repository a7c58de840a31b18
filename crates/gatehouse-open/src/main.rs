//! `gatehouse-open [LINK]`: what the desktop runs for a `gatehouse://` link (and the menu entry).
//! An open Gatehouse window takes the link over D-Bus and this exits; otherwise this starts
//! `gatehouse`, the binary next to it, with the arguments in its environment
//! ([`gatehouse_open::ARGS_VAR`]) rather than on its command line, and exits at once: whoever ran
//! this (xdg-open, which would wait, with the link on its own command line) is done too.

use std::process::ExitCode;

fn main() -> ExitCode {
    if gatehouse_open::to_running_instance(gatehouse_open::argv()) {
        return ExitCode::SUCCESS;
    }
    start_gatehouse()
}

#[cfg(unix)]
fn start_gatehouse() -> ExitCode {
    use std::os::unix::process::CommandExt;
    let app = match std::env::current_exe() {
        Ok(me) => me.with_file_name("gatehouse"),
        Err(e) => {
            eprintln!("gatehouse-open: cannot tell where gatehouse is installed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let handed: Vec<String> = gatehouse_open::argv().into_iter().skip(1).collect();
    // Its own process group, so that it outlives whatever ran this (xdg-open's shell).
    match std::process::Command::new(&app)
        .env(gatehouse_open::ARGS_VAR, handed.join("\n"))
        .process_group(0)
        .spawn()
    {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gatehouse-open: cannot start {}: {error}", app.display());
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(unix))]
fn start_gatehouse() -> ExitCode {
    eprintln!("gatehouse-open: the desktop starts gatehouse itself on this system");
    ExitCode::FAILURE
}
