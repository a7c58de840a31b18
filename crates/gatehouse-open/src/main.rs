//! `gatehouse-open [LINK]`: what the desktop runs for a `gatehouse://` link (and the menu entry).
//! An open Gatehouse window takes the link over D-Bus and this exits; otherwise this process
//! becomes `gatehouse`, the binary next to it, with the same arguments.

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
    // exec only returns on failure.
    let error = std::process::Command::new(&app)
        .args(std::env::args_os().skip(1))
        .exec();
    eprintln!("gatehouse-open: cannot start {}: {error}", app.display());
    ExitCode::FAILURE
}

#[cfg(not(unix))]
fn start_gatehouse() -> ExitCode {
    eprintln!("gatehouse-open: the desktop starts gatehouse itself on this system");
    ExitCode::FAILURE
}
