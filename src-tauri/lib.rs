//! Gatehouse: the Tauri shell around the sign-in core (`gatehouse-core`): plugins, commands,
//! events, and the keychain adapter. Secrets stay in the core; the webview gets a view of the
//! state and sends intents.

pub mod cli;
mod clipboard;
#[cfg(target_os = "linux")]
mod desktop_handler;
mod doctor;
pub mod identity;
pub mod keychain;
mod keychain_error;

mod commands;
mod local_window;
mod menu;
mod recovery_file;
mod shell;
mod vault;
mod workspace;
mod workspace_guard;

pub use shell::{broken, emit_views, Gatehouse};

use tauri::{Builder, Runtime};

/// Builds and runs the app. Single-instance is registered before every other plugin, so that a
/// second launch (an OS handing over a `gatehouse://` link) reaches the window already open; the
/// deep-link plugin registers the scheme at run time where no handler exists.
/// `handed`: what the launcher handed over in the environment (a cold start's link).
pub fn run(handed: Vec<String>) {
    init_tracing();
    tracing::info!("starting");
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(shell::on_second_launch))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init());
    with_commands(builder)
        .manage(clipboard::Pending::default())
        .setup(move |app| shell::setup(app, handed))
        .build(tauri::generate_context!())
        .expect("Gatehouse could not start its window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                clipboard::forget_now(app);
            }
        });
}

/// The app's commands on any runtime: the real window's, or `tauri::test`'s mock in tests.
pub fn with_commands<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    // `current_view` then every intent of the core's one list, each a fn in commands.rs: the
    // same list build.rs gives permissions, so the handler and the ACL cannot differ.
    macro_rules! intents {
        ($($name:ident: $args:ty,)*) => {
            tauri::generate_handler![commands::current_view, $(commands::$name,)*]
        };
    }
    builder.invoke_handler(include!("../crates/gatehouse-core/src/intents/list.rs"))
}

pub(crate) fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_env("GATEHOUSE_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}
