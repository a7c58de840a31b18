//! Tauri commands: one line each, handing an intent to the sign-in machine.

#[tauri::command]
pub fn current_view() -> serde_json::Value {
    serde_json::json!({ "screen": "welcome" })
}
