//! Gatehouse: the Tauri shell around the sign-in core.
//! Secrets stay in Rust; the webview gets a view of the state and sends intents.

pub mod keychain;

mod commands;

use tauri::Manager;

/// Builds and runs the app. Single-instance is registered before every other plugin, so that a
/// second launch (an OS handing over a `gatehouse://` link) reaches the window already open.
pub fn run() {
    init_tracing();
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        .invoke_handler(tauri::generate_handler![commands::current_view])
        .run(tauri::generate_context!())
        .expect("Gatehouse could not start its window");
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("GATEHOUSE_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
