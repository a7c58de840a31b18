//! The employee's package carries one program. Tauri's bundler puts every binary target of this
//! package into the .deb and .rpm, so the admin tool (which works with the project secret) and the
//! emulator live in packages of their own and this one declares `gatehouse` alone.

use std::process::Command;

#[test]
fn the_app_package_declares_gatehouse_as_its_only_binary() {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let app = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "gatehouse")
        .expect("the gatehouse package");
    let binaries: Vec<&str> = app["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"].as_array().unwrap().iter().any(|k| k == "bin"))
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(binaries, ["gatehouse"]);
}
