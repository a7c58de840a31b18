//! The binary listens on a non-loopback address only with `--allow-remote`, and then warns that
//! the control surface is open; `--allow-host` adds served host names, and only with it.

mod common;

use std::time::Duration;

use common::*;

/// Runs the binary to its end (at most 60 s): exit success, stdout, stderr.
async fn run_to_end(args: &[&str]) -> (bool, String, String) {
    let child = binary(args).spawn().unwrap();
    let out = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("the emulator exits by itself")
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn a_non_loopback_listen_address_is_refused_without_allow_remote() {
    for listen in ["0.0.0.0:0", "[::]:0", "192.0.2.1:0"] {
        let (ok, stdout, stderr) = run_to_end(&["--listen", listen]).await;
        assert!(!ok, "{listen}: exits non-zero");
        assert!(stdout.is_empty(), "{listen}: never listening: {stdout}");
        assert!(
            stderr.contains(&format!("refusing to listen on {listen}"))
                && stderr.contains("--allow-remote"),
            "{listen}: {stderr}"
        );
    }
}

#[tokio::test]
async fn allow_host_needs_allow_remote() {
    let (ok, stdout, stderr) =
        run_to_end(&["--listen", "127.0.0.1:0", "--allow-host", "emulator.test"]).await;
    assert!(!ok, "exits non-zero");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("--allow-remote"), "{stderr}");
}

#[tokio::test]
async fn allow_remote_listens_warns_and_serves_only_allowed_hosts() {
    let mut child = binary(&[
        "--listen",
        "0.0.0.0:0",
        "--allow-remote",
        "--allow-host",
        "emulator.test",
    ])
    .spawn()
    .unwrap();
    let line = first_line(&mut child).await;
    let port = line
        .strip_prefix("stytch-emulator listening on http://0.0.0.0:")
        .expect(&line)
        .to_string();
    let http = reqwest::Client::new();
    let get_as = |host: String| {
        http.get(format!("http://127.0.0.1:{port}/emulator/clock"))
            .header("Host", host)
            .send()
    };
    for host in [
        format!("127.0.0.1:{port}"),
        format!("0.0.0.0:{port}"),
        format!("emulator.test:{port}"),
    ] {
        assert_eq!(get_as(host.clone()).await.unwrap().status(), 200, "{host}");
    }
    let res = get_as(format!("evil.example:{port}")).await.unwrap();
    let status = res.status();
    assert_stytch_error(
        status,
        &res.json().await.unwrap(),
        421,
        "misdirected_request",
    );
    let stderr = kill_and_read_stderr(&mut child).await;
    assert!(
        stderr.contains("warning: --allow-remote")
            && stderr.contains("hands out the project secret and every code"),
        "{stderr}"
    );
}
