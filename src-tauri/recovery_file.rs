//! "Save to file" for new recovery codes: the system's save dialog picks the place; the core
//! writes the codes there (readable by the owner only). The codes never pass through the webview
//! on the way.

use std::sync::Arc;

use gatehouse_core::{CommandError, SignIn};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Asks where, then writes. Cancelling the dialog is not an error.
pub async fn save<R: Runtime>(app: AppHandle<R>, machine: Arc<SignIn>) -> Result<(), CommandError> {
    let chosen = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("Save your recovery codes")
            .set_file_name("gatehouse-recovery-codes.txt")
            .add_filter("Text", &["txt"])
            .blocking_save_file()
    })
    .await
    .map_err(|e| CommandError::save_failed(&e.to_string()))?;
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(());
    };
    machine
        .save_recovery_codes_to(&path)
        .map(|_| ())
        .map_err(|e| CommandError::save_failed(&e.to_string()))
}
