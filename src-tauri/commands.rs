//! Tauri commands: one line each, handing an intent to the sign-in machine. Outcomes reach the
//! webview as the next `view` event; a command fails only as `{kind, message}`. Which commands
//! exist is the core's one list (`intents/list.rs`, plus `current_view`): `lib.rs` registers
//! exactly those, so a fn missing here fails the build and one not listed is dead code.

use gatehouse_core::{CommandError, FactorKind, View};
use tauri::{AppHandle, Runtime, State};

use crate::Gatehouse;

type Done = Result<(), CommandError>;

#[tauri::command]
pub fn current_view(gate: State<'_, Gatehouse>) -> View {
    gate.view()
}

#[tauri::command]
pub async fn start_sign_in(gate: State<'_, Gatehouse>, email: String) -> Done {
    gate.run(|m| async move { m.start_sign_in(email).await })
        .await
}

#[tauri::command]
pub async fn resend_link(gate: State<'_, Gatehouse>) -> Done {
    gate.run(|m| async move { m.resend_link().await }).await
}

#[tauri::command]
pub async fn use_another_address(gate: State<'_, Gatehouse>) -> Done {
    gate.run(|m| async move { m.use_another_address().await })
        .await
}

#[tauri::command]
pub async fn submit_link(gate: State<'_, Gatehouse>, link: String) -> Done {
    gate.run(|m| async move { m.open_link(&link).await }).await
}

#[tauri::command]
pub async fn enroll_phone(gate: State<'_, Gatehouse>, phone: String) -> Done {
    gate.run(|m| async move { m.enroll_phone(phone).await })
        .await
}

#[tauri::command]
pub async fn submit_code(gate: State<'_, Gatehouse>, factor: FactorKind, code: String) -> Done {
    gate.run(|m| async move { m.submit_code(factor, code).await })
        .await
}

#[tauri::command]
pub async fn resend_code(gate: State<'_, Gatehouse>) -> Done {
    gate.run(|m| async move { m.resend_code().await }).await
}

#[tauri::command]
pub async fn restart(gate: State<'_, Gatehouse>) -> Done {
    gate.run(|m| async move { m.restart().await }).await
}

#[tauri::command]
pub async fn retry(gate: State<'_, Gatehouse>) -> Done {
    gate.run(|m| async move { m.retry().await }).await
}

#[tauri::command]
pub async fn sign_out(gate: State<'_, Gatehouse>) -> Done {
    gate.run(|m| async move { m.sign_out().await }).await
}

#[tauri::command]
pub async fn open_workspace(gate: State<'_, Gatehouse>) -> Done {
    gate.run(|m| async move { m.open_workspace().await }).await
}

#[tauri::command]
pub async fn switch_factor(gate: State<'_, Gatehouse>, factor: FactorKind) -> Done {
    gate.run(|m| async move { m.switch_factor(factor).await })
        .await
}

#[tauri::command]
pub async fn submit_recovery_code(gate: State<'_, Gatehouse>, code: String) -> Done {
    gate.run(|m| async move { m.submit_recovery_code(code).await })
        .await
}

#[tauri::command]
pub async fn recovery_codes_done(gate: State<'_, Gatehouse>) -> Done {
    gate.run(|m| async move { m.recovery_codes_done().await })
        .await
}

#[tauri::command]
pub async fn renew_recovery_codes(gate: State<'_, Gatehouse>) -> Done {
    gate.run(|m| async move { m.renew_recovery_codes().await })
        .await
}

#[tauri::command]
pub async fn set_up_new_authenticator(gate: State<'_, Gatehouse>) -> Done {
    gate.run(|m| async move { m.set_up_new_authenticator().await })
        .await
}

#[tauri::command]
pub async fn stop_authenticator_setup(gate: State<'_, Gatehouse>) -> Done {
    gate.run(|m| async move { m.stop_authenticator_setup().await })
        .await
}

#[tauri::command]
pub fn secret_copied<R: Runtime>(app: AppHandle<R>, gate: State<'_, Gatehouse>) {
    crate::clipboard::forget_later(app, gate.view(), gate.clipboard_forget());
}

#[tauri::command]
pub async fn save_recovery_codes<R: Runtime>(
    app: AppHandle<R>,
    gate: State<'_, Gatehouse>,
) -> Done {
    gate.run(|m| crate::recovery_file::save(app, m)).await?
}
