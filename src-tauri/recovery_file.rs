//! "Save to file" for new recovery codes: the system's save dialog picks the place; the core
//! writes the codes there (readable by the owner only). The codes never pass through the webview
//! on the way.

use std::sync::Arc;

use gatehouse_core::i18n::Args;
use gatehouse_core::{CommandError, Machine};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Asks where, then writes. Cancelling the dialog is not an error.
pub async fn save<R: Runtime>(
    app: AppHandle<R>,
    machine: Arc<Machine>,
) -> Result<(), CommandError> {
    let window = app.get_webview_window(crate::local_window::LABEL);
    let say = |id: &str| machine.catalog().message(id, &Args::new());
    let (title, file_name, filter) = (
        say("dialog-save-codes-title"),
        say("dialog-save-codes-file-name"),
        say("dialog-save-codes-filter"),
    );
    let chosen = tauri::async_runtime::spawn_blocking(move || {
        let mut dialog = app.dialog().file();
        // Modal over the window: Continue cannot take the codes away while it is open.
        if let Some(window) = &window {
            dialog = dialog.set_parent(window);
        }
        dialog
            .set_title(title)
            .set_file_name(file_name)
            .add_filter(filter, &["txt"])
            .blocking_save_file()
    })
    .await
    .map_err(|e| CommandError::save_failed(machine.catalog(), &e.to_string()))?;
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(());
    };
    match machine.save_recovery_codes_to(&path) {
        Ok(true) => Ok(()),
        Ok(false) => Err(CommandError::codes_gone(machine.catalog())),
        Err(e) => Err(CommandError::save_failed(machine.catalog(), &e.to_string())),
    }
}
