//! The app identifier Stytch must authorize: tauri.conf.json's `identifier`, the value the app
//! sends as `X-SDK-Client`'s `app.identifier`. Read from the build, never typed into the code, so
//! a company that rebuilds Gatehouse under its own identifier gets a tool that checks that one.
fn main() {
    let path = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap())
        .join("../../tauri.conf.json");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).expect("read tauri.conf.json");
    let conf: serde_json::Value = serde_json::from_str(&text).expect("tauri.conf.json is JSON");
    let identifier = conf["identifier"]
        .as_str()
        .expect("tauri.conf.json has an identifier");
    println!("cargo:rustc-env=GATEHOUSE_APP_IDENTIFIER={identifier}");
}
