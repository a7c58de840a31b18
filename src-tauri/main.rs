// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    // The command line first, before any Tauri code: `gatehouse token` must never reach the
    // single-instance plugin, which would hand it to a running window.
    if let Some(status) = gatehouse_lib::cli::dispatch(std::env::args_os()) {
        return status;
    }
    // A link for a window already open: hand it over at once, before any window code (the
    // package's desktop entry runs gatehouse-open, which does the same without loading WebKit).
    if gatehouse_open::to_running_instance(gatehouse_open::argv()) {
        return ExitCode::SUCCESS;
    }
    gatehouse_lib::run();
    ExitCode::SUCCESS
}
