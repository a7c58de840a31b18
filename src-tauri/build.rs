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
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
    identifier_for_the_cli();
}

/// `gatehouse token` runs before any Tauri code, yet must use the keychain service the window
/// uses (`app.config().identifier`): tauri.conf.json's identifier, as GATEHOUSE_IDENTIFIER.
fn identifier_for_the_cli() {
    let path =
        std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("tauri.conf.json");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).expect("read tauri.conf.json");
    let conf: serde_json::Value = serde_json::from_str(&text).expect("tauri.conf.json is JSON");
    let identifier = conf["identifier"]
        .as_str()
        .expect("tauri.conf.json has an identifier");
    println!("cargo:rustc-env=GATEHOUSE_IDENTIFIER={identifier}");
}
