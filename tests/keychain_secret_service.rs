//! Proves the app's keychain code reaches the real Secret Service (gnome-keyring in the test's
//! private dbus session), not keyring's in-memory mock: what it writes, `secret-tool` reads back.

use std::process::Command;

use gatehouse_lib::keychain::{Keychain, SESSION_ACCOUNT};

fn secret_tool_lookup(service: &str, account: &str) -> Option<String> {
    let output = Command::new("secret-tool")
        .args(["lookup", "service", service, "username", account])
        .output()
        .expect("secret-tool is installed (libsecret-tools, scripts/bootstrap.sh)");
    output
        .status
        .success()
        .then(|| String::from_utf8(output.stdout).expect("utf-8 secret"))
}

#[test]
fn a_stored_session_token_is_read_back_by_secret_tool_and_wiped_for_real() {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "no session bus: keychain tests run inside scripts/desktop-session.sh"
    );
    let service = format!("com.example.gatehouse.test-{}", std::process::id());
    let keychain = Keychain::new(&service, SESSION_ACCOUNT);
    let token = format!("session-token-{}", std::process::id());

    keychain.store(&token).expect("store in the Secret Service");
    assert_eq!(
        secret_tool_lookup(&service, keychain.account()).as_deref(),
        Some(token.as_str()),
        "secret-tool does not see what the app stored: the keychain is not the Secret Service"
    );
    // A second Keychain value reads the same entry: storage is not per-object (the mock's tell).
    assert_eq!(
        Keychain::new(&service, SESSION_ACCOUNT)
            .load()
            .unwrap()
            .as_deref(),
        Some(token.as_str())
    );

    keychain.wipe().expect("wipe");
    assert_eq!(secret_tool_lookup(&service, keychain.account()), None);
    assert_eq!(keychain.load().unwrap(), None);
    keychain.wipe().expect("wiping nothing succeeds");
}
