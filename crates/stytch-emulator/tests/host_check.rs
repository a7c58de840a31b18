//! A listening emulator serves only requests naming its own address or a loopback name on its
//! port (DNS rebinding protection); anything else is a Stytch-shaped 421 that changes nothing.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use http_body_util::BodyExt;
use reqwest::StatusCode;
use serde_json::{json, Value};
use stytch_emulator::{AllowedHosts, Emulator};
use tower::ServiceExt;

/// A GET of `path` naming `host` in its `Host` header.
async fn get_as(h: &Harness, host: &str, path: &str) -> (StatusCode, Value) {
    let res = h
        .http
        .get(format!("{}{path}", h.base))
        .header("Host", host)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

#[tokio::test]
async fn a_foreign_host_is_refused_in_stytch_shape_and_changes_nothing() {
    let h = start().await;
    let port = h.running.addr.port();
    let evil = format!("evil.example:{port}");
    let (status, body) = get_as(&h, &evil, "/emulator/project").await;
    assert_stytch_error(status, &body, 421, "misdirected_request");
    assert!(!body.to_string().contains(h.emu().secret()), "{body}");
    let res = h
        .http
        .post(format!(
            "{}/v1/b2b/magic_links/email/login_or_signup",
            h.base
        ))
        .header("Host", &evil)
        .header("Authorization", h.backend_auth())
        .json(&json!({"organization_id": ORG, "email_address": ADA}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 421);
    assert!(h.emu().outbox(None).is_empty(), "no email was sent");
    assert!(h.ctl.requests().await.is_empty(), "the call never arrived");
}

#[tokio::test]
async fn the_bound_address_and_loopback_names_on_its_port_are_served() {
    let h = start().await;
    let port = h.running.addr.port();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, body) = get_as(&h, &host, "/emulator/project").await;
        assert_eq!(status, 200, "{host}: {body}");
        assert_eq!(body["secret"], h.emu().secret(), "{host}");
    }
}

#[tokio::test]
async fn loopback_names_on_another_port_are_refused() {
    let h = start().await;
    let other = h.running.addr.port().wrapping_add(1);
    for host in [
        format!("127.0.0.1:{other}"),
        format!("localhost:{other}"),
        "localhost".to_string(),
        "127.0.0.1".to_string(),
    ] {
        let (status, body) = get_as(&h, &host, "/emulator/project").await;
        assert_stytch_error(status, &body, 421, "misdirected_request");
    }
}

#[tokio::test]
async fn a_request_naming_no_host_or_a_foreign_target_is_refused() {
    let emu = Emulator::demo();
    let app = emu.router_for(AllowedHosts::new("127.0.0.1:4010".parse().unwrap()));
    let requests = [
        Request::get("/emulator/project")
            .body(Body::empty())
            .unwrap(),
        Request::get("http://evil.example:4010/emulator/project")
            .header("Host", "127.0.0.1:4010")
            .body(Body::empty())
            .unwrap(),
    ];
    for req in requests {
        let res = app.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert_stytch_error(status, &body, 421, "misdirected_request");
    }
    let served = Request::get("/emulator/project")
        .header("Host", "127.0.0.1:4010")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.oneshot(served).await.unwrap().status(), 200);
}

#[test]
fn allowed_hosts_match_names_ports_and_addresses_exactly() {
    let hosts = AllowedHosts::new("0.0.0.0:4010".parse().unwrap())
        .allow("Emulator.Test")
        .unwrap()
        .allow("docker-host:8080")
        .unwrap()
        .allow("[fd00::1]")
        .unwrap();
    for allowed in [
        "0.0.0.0:4010",
        "emulator.test:4010",
        "EMULATOR.TEST:4010",
        "docker-host:8080",
        "[fd00:0::1]:4010",
        "[::1]:4010",
    ] {
        assert!(hosts.allows(allowed), "{allowed}");
    }
    for refused in [
        "emulator.test:4011",
        "emulator.test",
        "docker-host:4010",
        "sub.emulator.test:4010",
        "emulator.test.evil.example:4010",
        "localhost.:4010",
        "localhost:4010:4010",
        "localhost:",
        "[::1:4010",
        "::1:4010",
        "local host:4010",
        "",
    ] {
        assert!(!hosts.allows(refused), "{refused}");
    }
    let loopback = AllowedHosts::new("127.0.0.1:80".parse().unwrap());
    assert!(loopback.allows("localhost"), "no port means 80");
    assert!(AllowedHosts::new("127.0.0.1:1".parse().unwrap())
        .allow("bad/name")
        .is_err());
}
