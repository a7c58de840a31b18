//! Bad input of every kind answers in Stytch's error shape, never axum's plain text; some of
//! these run through `oneshot` (no socket), others over a real connection.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use stytch_emulator::Emulator;
use tower::ServiceExt;

async fn oneshot(emu: &Emulator, req: Request<Body>) -> (StatusCode, Value) {
    let res = emu.router().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("not JSON ({status}): {}", String::from_utf8_lossy(&bytes)));
    (status, body)
}

fn post(emu: &Emulator, path: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path)
        .header("Authorization", basic(emu.project_id(), emu.secret()))
        .header("Content-Type", "application/json")
        .body(body.into())
        .unwrap()
}

#[tokio::test]
async fn malformed_json_is_a_stytch_400() {
    let emu = Emulator::demo();
    for body in [
        "{",
        "not json",
        "[1,2",
        "{\"magic_links_token\": }",
        "\u{0}",
    ] {
        let (status, res) =
            oneshot(&emu, post(&emu, "/v1/b2b/magic_links/authenticate", body)).await;
        assert_stytch_error(status, &res, 400, "bad_request");
    }
}

#[tokio::test]
async fn missing_fields_and_wrong_types_are_stytch_400s() {
    let emu = Emulator::demo();
    let cases = [
        ("/v1/b2b/magic_links/authenticate", json!({})),
        (
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": 42}),
        ),
        (
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": null}),
        ),
        (
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": "x", "session_duration_minutes": "60"}),
        ),
        (
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": "x", "session_duration_minutes": 60.5}),
        ),
        (
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG}),
        ),
        (
            "/v1/b2b/otps/sms/send",
            json!({"organization_id": ORG, "member_id": ["x"]}),
        ),
        (
            "/v1/b2b/otps/sms/authenticate",
            json!({"organization_id": ORG, "member_id": "m"}),
        ),
        ("/v1/b2b/sessions/authenticate", json!([])),
        ("/v1/b2b/sessions/authenticate", json!("session")),
        ("/v1/b2b/sessions/revoke", json!({"member_id": {"a": 1}})),
    ];
    for (path, body) in cases {
        let (status, res) = oneshot(&emu, post(&emu, path, body.to_string())).await;
        assert_stytch_error(status, &res, 400, "bad_request");
    }
}

#[tokio::test]
async fn bodies_over_one_mebibyte_get_a_stytch_413() {
    let emu = Emulator::demo();
    let big = format!(
        "{{\"magic_links_token\": \"{}\"}}",
        "a".repeat(1024 * 1024 + 10)
    );
    let (status, res) = oneshot(
        &emu,
        post(&emu, "/v1/b2b/magic_links/authenticate", big.clone()),
    )
    .await;
    assert_stytch_error(status, &res, 413, "request_too_large");
    // Also when streamed (chunked, no Content-Length), over a real connection.
    let h = start().await;
    let (status, body) = chunked_post(&h, "/v1/b2b/magic_links/authenticate", big.as_bytes()).await;
    assert_stytch_error(
        StatusCode::from_u16(status).unwrap(),
        &body,
        413,
        "request_too_large",
    );
    // The emulator still answers afterwards.
    let (status, _) = h.get(&format!("/v1/b2b/organizations/{ORG}")).await;
    assert_eq!(status, 200);
}

/// A raw HTTP/1.1 POST with a chunked body: returns the status and the JSON body.
async fn chunked_post(h: &Harness, path: &str, body: &[u8]) -> (u16, Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = h.running.addr;
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: {}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        h.backend_auth()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    for chunk in body.chunks(64 * 1024) {
        // The server may answer and stop reading before the end: that is the point.
        if stream
            .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
            .await
            .is_err()
            || stream.write_all(chunk).await.is_err()
            || stream.write_all(b"\r\n").await.is_err()
        {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    let text = String::from_utf8_lossy(&response).to_string();
    let status: u16 = text.split(' ').nth(1).unwrap().parse().unwrap();
    let json_start = text.find('{').unwrap();
    let json_end = text.rfind('}').unwrap();
    (
        status,
        serde_json::from_str(&text[json_start..=json_end]).unwrap(),
    )
}

#[tokio::test]
async fn unknown_routes_and_wrong_methods_are_stytch_errors() {
    let emu = Emulator::demo();
    let (status, res) = oneshot(&emu, post(&emu, "/v1/b2b/nothing/here", "{}")).await;
    assert_stytch_error(status, &res, 404, "route_not_found");
    let (status, res) = oneshot(
        &emu,
        Request::get("/v2/whatever").body(Body::empty()).unwrap(),
    )
    .await;
    assert_stytch_error(status, &res, 404, "route_not_found");
    let (status, res) = oneshot(
        &emu,
        Request::get("/v1/b2b/magic_links/authenticate")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_stytch_error(status, &res, 405, "method_not_allowed");
    let (status, res) = oneshot(
        &emu,
        Request::delete(format!("/v1/b2b/organizations/{ORG}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_stytch_error(status, &res, 405, "method_not_allowed");
    // Stytch has no GET/PUT /sdk/v1/b2b/organizations/{id}: any method is an unknown route.
    let (status, res) = oneshot(
        &emu,
        Request::put("/sdk/v1/b2b/organizations/x")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_stytch_error(status, &res, 404, "route_not_found");
    let (status, res) = oneshot(
        &emu,
        Request::get("/sdk/v1/b2b/organizations/search")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_stytch_error(status, &res, 405, "method_not_allowed");
}

#[tokio::test]
async fn bad_credentials_are_401_in_both_families() {
    let emu = Emulator::demo();
    let requests = [
        Request::post("/v1/b2b/sessions/authenticate")
            .body(Body::from("{}"))
            .unwrap(),
        Request::post("/v1/b2b/sessions/authenticate")
            .header(
                "Authorization",
                basic(emu.project_id(), "secret-test-wrong"),
            )
            .body(Body::from("{}"))
            .unwrap(),
        Request::post("/v1/b2b/sessions/authenticate")
            .header(
                "Authorization",
                basic(emu.public_token(), emu.public_token()),
            )
            .body(Body::from("{}"))
            .unwrap(),
        Request::post("/sdk/v1/b2b/sessions/authenticate")
            .header("Authorization", basic(emu.project_id(), emu.secret()))
            .body(Body::from("{}"))
            .unwrap(),
        Request::post("/sdk/v1/b2b/sessions/authenticate")
            .header("Authorization", "Basic !!!not-base64")
            .body(Body::from("{}"))
            .unwrap(),
        Request::get(format!("/v1/b2b/organizations/{ORG}"))
            .header("Authorization", "Bearer x")
            .body(Body::empty())
            .unwrap(),
    ];
    for req in requests {
        let (status, res) = oneshot(&emu, req).await;
        assert_stytch_error(status, &res, 401, "unauthorized_credentials");
    }
}

#[tokio::test]
async fn credentials_are_checked_before_the_body() {
    let emu = Emulator::demo();
    let req = Request::post("/v1/b2b/magic_links/authenticate")
        .body(Body::from("{"))
        .unwrap();
    let (status, res) = oneshot(&emu, req).await;
    assert_stytch_error(status, &res, 401, "unauthorized_credentials");
}

#[tokio::test]
async fn empty_body_reads_as_an_empty_object() {
    let emu = Emulator::demo();
    let (status, res) = oneshot(&emu, post(&emu, "/v1/b2b/sessions/revoke", Body::empty())).await;
    assert_stytch_error(status, &res, 400, "no_session_revoke_arguments");
}

#[tokio::test]
async fn get_with_an_empty_json_body_is_tolerated() {
    let emu = Emulator::demo();
    let req = Request::get(format!("/v1/b2b/organizations/{ORG}"))
        .header("Authorization", basic(emu.project_id(), emu.secret()))
        .header("Content-Type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let (status, res) = oneshot(&emu, req).await;
    assert_eq!(status, 200, "{res}");
}

#[tokio::test]
async fn bad_control_requests_are_refused_in_the_same_shape() {
    let emu = Emulator::demo();
    let control = |path: &str, body: &str| {
        Request::post(path)
            .header("Content-Type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let (status, res) = oneshot(
        &emu,
        control("/emulator/clock", "{\"advance_seconds\": -5}"),
    )
    .await;
    assert_stytch_error(status, &res, 400, "bad_request");
    let (status, res) = oneshot(&emu, control("/emulator/faults", "{\"path\": \"/v1/x\"}")).await;
    assert_stytch_error(status, &res, 400, "bad_request");
    let (status, res) = oneshot(
        &emu,
        control("/emulator/faults", "{\"path\": \"/v1/x\", \"status\": 200}"),
    )
    .await;
    assert_stytch_error(status, &res, 400, "bad_request");
}

#[tokio::test]
async fn the_sdk_can_be_disabled_for_a_project() {
    let mut seed = stytch_emulator::Seed::demo();
    seed.project.sdk_enabled = false;
    let emu = Emulator::from_seed(seed).unwrap();
    let req = Request::post("/sdk/v1/b2b/sessions/authenticate")
        .header(
            "Authorization",
            basic(emu.public_token(), emu.public_token()),
        )
        .body(Body::from("{}"))
        .unwrap();
    let (status, res) = oneshot(&emu, req).await;
    assert_stytch_error(status, &res, 401, "endpoint_not_authorized_for_sdk");
}

fn sdk_post(emu: &Emulator, path: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path)
        .header(
            "Authorization",
            basic(emu.public_token(), emu.public_token()),
        )
        .header("X-SDK-Client", sdk_client(GATEHOUSE_APP))
        .header("Content-Type", "application/json")
        .body(body.into())
        .unwrap()
}

#[tokio::test]
async fn sdk_schema_failures_answer_the_sdk_schema_shape() {
    let emu = Emulator::demo();
    // (path, body, keyword, dataPath)
    let cases = [
        (
            "/sdk/v1/b2b/magic_links/authenticate",
            json!({"session_duration_minutes": 60}),
            "required",
            "",
        ),
        (
            "/sdk/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": "x", "session_duration_minutes": "60"}),
            "type",
            ".session_duration_minutes",
        ),
        (
            "/sdk/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": 42, "session_duration_minutes": 60}),
            "type",
            ".magic_links_token",
        ),
        (
            "/sdk/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": "x"}),
            "required",
            "",
        ),
        (
            "/sdk/v1/b2b/otps/sms/send",
            json!({"organization_id": ORG, "member_id": ["x"]}),
            "type",
            ".member_id",
        ),
        (
            "/sdk/v1/b2b/otps/sms/authenticate",
            json!({"organization_id": ORG, "member_id": "m", "code": "123456", "intermediate_session_token": "i", "session_duration_minutes": 30, "set_mfa_enrollment": "maybe"}),
            "enum",
            ".set_mfa_enrollment",
        ),
        ("/sdk/v1/b2b/sessions/authenticate", json!([]), "type", ""),
    ];
    for (path, body, keyword, data_path) in cases {
        let (status, res) = oneshot(&emu, sdk_post(&emu, path, body.to_string())).await;
        assert_eq!(status, 400, "{path} {body}: {res}");
        assert!(res.get("error_type").is_none(), "{res}");
        assert!(res.get("data").is_none(), "{res}");
        let errors = res["body"].as_array().expect("body: [errors]");
        assert_eq!(errors[0]["keyword"], keyword, "{path} {body}: {res}");
        assert_eq!(errors[0]["dataPath"], data_path, "{path} {body}: {res}");
        assert!(errors[0]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // Malformed JSON is not a schema failure: bad_request in both families.
    let (status, res) = oneshot(
        &emu,
        sdk_post(&emu, "/sdk/v1/b2b/magic_links/authenticate", "{"),
    )
    .await;
    assert_stytch_error(status, &res, 400, "bad_request");
    // The same failures on the backend API keep Stytch's normal error body.
    let (status, res) = oneshot(
        &emu,
        post(
            &emu,
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": 42}).to_string(),
        ),
    )
    .await;
    assert_stytch_error(status, &res, 400, "bad_request");
    let (status, res) = oneshot(
        &emu,
        post(
            &emu,
            "/v1/b2b/otps/sms/authenticate",
            json!({"organization_id": ORG, "member_id": "m", "code": "123456", "intermediate_session_token": "i", "set_mfa_enrollment": "maybe"}).to_string(),
        ),
    )
    .await;
    assert_stytch_error(status, &res, 400, "bad_request");
}
