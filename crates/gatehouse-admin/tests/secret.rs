//! gatehouse-admin takes the project secret from the environment only: no option accepts it.

use std::process::Command;

fn admin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gatehouse-admin"));
    command
        .env_remove("STYTCH_SECRET")
        .env(
            "STYTCH_PROJECT_ID",
            "project-test-00000000-0000-4000-8000-000000000000",
        )
        .env("STYTCH_API_BASE", "http://127.0.0.1:9");
    command
}

#[test]
fn the_secret_is_never_taken_on_the_command_line() {
    let secret = "secret-test-on-the-command-line-0000000000";
    let out = admin()
        .args(["--secret", secret, "-o", "example-org", "mfa-policy"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "--secret was accepted");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains(secret), "the secret is echoed: {stderr}");
    // Nor as a stray value anywhere else.
    let out = admin()
        .args(["-o", "example-org", "mfa-policy", secret])
        .output()
        .unwrap();
    assert!(!out.status.success(), "a stray secret was accepted");
}

#[test]
fn without_stytch_secret_it_says_where_the_secret_goes() {
    let out = admin()
        .args(["-o", "example-org", "mfa-policy"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("STYTCH_SECRET"), "{stderr}");
}
