//! Who the app is, known without building the Tauri app: the identifier from tauri.conf.json
//! (read at build time by the launcher crate, which names the single-instance bus with it) — the
//! keychain's service name, as `app.config().identifier` is in the window — and the version.

/// tauri.conf.json's `identifier`.
pub use gatehouse_open::IDENTIFIER;
/// The package version (tauri.conf.json's `version` is the same; a test checks).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(test)]
mod tests {
    use super::*;

    fn tauri_conf() -> serde_json::Value {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tauri.conf.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_identifier_and_version_are_tauri_conf_s() {
        let conf = tauri_conf();
        assert_eq!(conf["identifier"], IDENTIFIER);
        assert_eq!(conf["version"], VERSION);
    }
}
