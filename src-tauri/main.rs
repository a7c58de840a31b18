// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    // The launcher's link (gatehouse-open hands it over in the environment) is taken out first of
    // all, before any thread or child process exists: none inherits it, and no getenv races it.
    let handed = gatehouse_open::take_handed_args();
    // The command line first, before any Tauri code: `gatehouse token` must never reach the
    // single-instance plugin, which would hand it to a running window.
    if let Some(status) = gatehouse_lib::cli::dispatch(std::env::args_os()) {
        return status;
    }
    // A link for a window already open: hand it over at once, before any window code (the
    // package's desktop entry runs gatehouse-open, which does the same without loading WebKit).
    let mut argv = gatehouse_open::argv();
    argv.extend(handed.iter().cloned());
    if gatehouse_open::to_running_instance(argv) {
        return ExitCode::SUCCESS;
    }
    gatehouse_lib::run(handed);
    ExitCode::SUCCESS
}
