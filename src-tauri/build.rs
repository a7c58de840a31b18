// The app's own commands are declared here once, so that each needs a permission
// (permissions/app.toml) and the main window's capability grants exactly that set.
const COMMANDS: &[&str] = &[
    "current_view",
    "start_sign_in",
    "resend_link",
    "use_another_address",
    "submit_link",
    "enroll_phone",
    "submit_code",
    "resend_code",
    "restart",
    "retry",
    "sign_out",
    "open_workspace",
    "switch_factor",
    "submit_recovery_code",
    "recovery_codes_done",
    "renew_recovery_codes",
    "save_recovery_codes",
    "secret_copied",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
