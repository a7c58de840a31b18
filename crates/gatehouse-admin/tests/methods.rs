//! IT decides which second factors members may use: `mfa-methods only totp` restricts the
//! organization (Stytch's `mfa_methods: RESTRICTED` with `allowed_mfa_methods`), `mfa-methods
//! all` lifts it, and `mfa-methods` alone reads it — against the emulator.

use std::process::Command;

use stytch_emulator::{spawn, Emulator};

fn admin(base: &str, project: &str, secret: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gatehouse-admin"))
        .env("STYTCH_PROJECT_ID", project)
        .env("STYTCH_SECRET", secret)
        .env("STYTCH_API_BASE", base)
        .args(["-o", "example-org"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn it_reads_restricts_and_lifts_the_organizations_mfa_methods() {
    let running = spawn(Emulator::demo()).await.unwrap();
    let (base, project, secret) = (
        running.base_url.clone(),
        running.emulator.project_id().to_owned(),
        running.emulator.secret().to_owned(),
    );
    let run = move |args: &'static [&'static str]| {
        let (base, project, secret) = (base.clone(), project.clone(), secret.clone());
        tokio::task::spawn_blocking(move || admin(&base, &project, &secret, args))
    };
    let (ok, out, err) = run(&["mfa-methods"]).await.unwrap();
    assert!(ok, "{err}");
    assert!(
        out.contains("mfa_methods ALL_ALLOWED; allowed_mfa_methods []"),
        "{out}"
    );

    let (ok, out, err) = run(&["mfa-methods", "only", "totp"]).await.unwrap();
    assert!(ok, "{err}");
    assert!(
        out.contains("mfa_methods RESTRICTED; allowed_mfa_methods [totp]"),
        "{out}"
    );
    let (_, out, _) = run(&["mfa-methods"]).await.unwrap();
    assert!(
        out.contains("RESTRICTED; allowed_mfa_methods [totp]"),
        "it was kept: {out}"
    );

    let (ok, out, _) = run(&["mfa-methods", "only", "sms_otp", "totp"])
        .await
        .unwrap();
    assert!(ok);
    assert!(out.contains("allowed_mfa_methods [sms_otp, totp]"), "{out}");

    let (ok, out, _) = run(&["mfa-methods", "all"]).await.unwrap();
    assert!(ok);
    assert!(out.contains("mfa_methods ALL_ALLOWED"), "{out}");

    let (ok, _, err) = run(&["mfa-methods", "only"]).await.unwrap();
    assert!(!ok, "an empty list is refused");
    assert!(err.contains("required"), "{err}");
    let (ok, _, _) = run(&["mfa-methods", "only", "email"]).await.unwrap();
    assert!(!ok, "an unknown method is refused");
}
